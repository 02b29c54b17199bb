"""`frontline preview` serves the book on loopback and rebuilds an edited page, without touching the
release output."""

from __future__ import annotations

import pytest
from livepreview import add_line, author_copy, running_preview

pytestmark = [pytest.mark.build, pytest.mark.slow]
PAGE = "modules/first-responder/fr3-first-contact-and-safety.html"


def test_preview_rebuilds_the_edited_page(project, built_book, tmp_path):
    scratch = author_copy(project, tmp_path / "project")
    with running_preview(scratch, tmp_path / "preview.log") as preview:
        preview.wait_for(PAGE, "First contact", 400)
        add_line(
            scratch.modules / "first-responder" / "fr3-first-contact-and-safety.md", "A line written now."
        )
        preview.wait_for(PAGE, "A line written now.", 120)
    assert not scratch.html.exists(), "the preview must not write the release output"
