"""Every module notebook runs top to bottom in a fresh kernel, and shows what the standard asks."""

from __future__ import annotations

import jupytext
import pytest
from nbclient import NotebookClient

from frontline.content.modules import module_paths
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MODULES = [p.relative_to(ROOT) for p in module_paths(__import__("frontline.paths").paths.Project(ROOT))]


@pytest.mark.parametrize("relative", MODULES, ids=[p.stem for p in MODULES])
def test_module_executes(relative):
    nb = jupytext.read(ROOT / relative)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert "image/png" in kinds, "no figure"
    assert "application/vnd.jupyter.widget-view+json" in kinds, "no ipywidgets interaction"
    assert "text/html" in kinds, "no kernel-free version of the interaction"
    assert nb.metadata.get("widgets"), "widget state was not saved"
