"""Slide decks cut from the modules, with the trainer's notes: reveal.js offline and PPTX, same bytes
every time, and a change in the module is a change in the deck."""

from __future__ import annotations

import re

import pytest

from frontline.book.pageweight import weigh
from frontline.book.slides import build_slides
from frontline.checks.check import check
from frontline.content.slide_notes import load_notes

pptx = pytest.importorskip("pptx")


@pytest.fixture(scope="module")
def fr3(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    build_slides(project, ["FR3"], out)
    return out


def test_the_deck_has_one_slide_per_note_with_the_notes(project, fr3):
    notes = load_notes(project, "FR3")
    html = (fr3 / "fr3" / "index.html").read_text()
    sections = re.findall(r"<section[^>]*>(.*?)</section>", html, re.S)
    assert len(sections) == len(notes.slides)
    for section, note in zip(sections, notes.slides, strict=True):
        assert "<strong>Say:</strong> " + " ".join(note.say.split())[:40] in section
    # Text from the module itself, and nothing fetched from elsewhere.
    assert "We speak with everyone one by one" in html
    assert weigh(fr3 / "fr3" / "index.html").external == []
    assert all((fr3 / "vendor" / f).is_file() for f in ("reveal.js", "notes.js", "reveal.css"))


def test_the_pptx_has_the_same_slides_and_notes(project, fr3):
    notes = load_notes(project, "FR3")
    deck = pptx.Presentation(str(fr3 / "fr3.pptx"))
    assert len(deck.slides) == len(notes.slides)
    first = deck.slides[0]
    assert first.shapes.title.text.startswith("FR3. ")
    assert first.notes_slide.notes_text_frame.text.startswith("Say: ")
    assert any(s.shape_type == 13 for page in deck.slides for s in page.shapes), "the figure is a picture"


def test_same_sources_same_bytes(project, fr3, tmp_path):
    build_slides(project, ["FR3"], tmp_path)
    for name in ("fr3.pptx", "fr3/index.html"):
        assert (tmp_path / name).read_bytes() == (fr3 / name).read_bytes(), name


def test_a_changed_module_changes_the_deck(project, scratch, tmp_path):
    (scratch.root / "assets" / "node_modules").symlink_to(project.node_modules)
    module = scratch.modules / "first-responder" / "fr3-first-contact-and-safety.md"
    text = module.read_text()
    old = "It is our routine."
    assert old in text
    module.write_text(text.replace(old, "It is how we always work."))
    build_slides(scratch, ["FR3"], tmp_path)
    assert "It is how we always work." in (tmp_path / "fr3" / "index.html").read_text()


def test_notes_that_name_a_missing_section_are_refused(scratch):
    path = scratch.root / "assets" / "slides" / "fr3.yaml"
    path.write_text(
        path.read_text().replace('slide: "Choose an independent interpreter"', 'slide: "Interpreters"')
    )
    assert any(
        p.startswith(str(path)) and "slide 'Interpreters' is no '## ' section of FR3" in p
        for p in check(scratch)
    )
