"""Run one Sphinx build of the book through Jupyter Book 1's own configuration, with overrides its
command line cannot pass: the language, the execution cache and the doctree folder of a translated
build, and the gettext builder. `frontline build` and `frontline translate` start it as a separate
process (`python -m frontline.book.sphinx_run JSON`), as they start `jupyter-book build`, so each
build has a fresh Sphinx and a kernel with the build's environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    from jupyter_book.cli.main import builder_specific_actions
    from jupyter_book.sphinx import build_sphinx

    src = Path(job["source"])
    overrides = {"external_toc_path": (src / "_toc.yml").as_posix(), "latex_individualpages": False}
    result = build_sphinx(
        src,
        job["output"],
        noconfig=True,
        path_config=str(src / "_config.yml"),
        confoverrides={**overrides, **job["overrides"]},
        doctreedir=job["doctrees"],
        builder=job["builder"],
        freshenv=True,
        warningiserror=True,
        keep_going=True,
        quiet=job["quiet"],
    )
    if job["builder"] == "html":
        # Jupyter Book's own step: the root index.html that redirects to the first page.
        builder_specific_actions(result, "html", Path(job["output"]), "book")
    return result if isinstance(result, int) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
