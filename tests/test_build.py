"""The built book: offline, no visible code, outputs kept, light enough for a phone."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from frontline.book.pageweight import weigh
from frontline.content.modules import module_paths
from frontline.paths import book_files, nested_books

pytestmark = pytest.mark.build
BUDGET = 200 * 1024  # bytes a module page may load before the learner does anything, images excluded


def pages(html: Path) -> list[Path]:
    """The English book's pages (a translation built into _build/html/<lang>/ is its own book)."""
    return [p for p in book_files(html) if p.suffix == ".html" and "_static" not in p.parts]


def module_pages(project, html: Path) -> list[Path]:
    """Every module page, in every language built (a language's edition may hold only some)."""
    english = [html / p.relative_to(project.root).with_suffix(".html") for p in module_paths(project)]
    others = [html / lang / p.relative_to(html) for lang in sorted(nested_books(html)) for p in english]
    return english + [p for p in others if p.is_file()]


def test_every_module_has_a_page(project, built_book):
    for page in module_pages(project, built_book):
        assert page.is_file(), page


def test_no_page_loads_anything_from_outside(built_book):
    for page in pages(built_book):
        weight = weigh(page)
        assert weight.external == [], f"{page}: external resources {weight.external}"
        assert weight.missing == [], f"{page}: missing local resources {weight.missing}"


def test_module_pages_fit_the_budget(project, built_book):
    for page in module_pages(project, built_book):
        weight = weigh(page)
        assert weight.total <= BUDGET, f"{page}: {weight.total} bytes before interaction"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []
        self.blocking: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.sources.append(a["src"])


def scripts(page: Path) -> list[str]:
    parser = _Scripts()
    parser.feed(page.read_text())
    return parser.sources


def test_the_first_screen_waits_for_no_more_than_it_needs(built_book):
    """The theme's stylesheet is trimmed to what the book uses, and the search page loads its search
    scripts and index after it has shown (bench/run.py times both on a slow link)."""
    import furo

    theme = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
    trimmed = built_book / "_static" / "styles" / "furo.css"
    assert trimmed.stat().st_size < 0.8 * theme.stat().st_size
    search = built_book / "search.html"
    assert not any(s.endswith(("searchtools.js", "searchindex.js")) for s in scripts(search))
    assert 'id="fl-search-later"' in search.read_text()


def test_widget_manager_is_never_loaded_up_front(built_book):
    for page in pages(built_book):
        assert not any(re.search(r"require|embed-amd|html-manager", s) for s in scripts(page)), page
    assert (built_book / "_static" / "vendor" / "embed-amd.js").is_file()
    assert (built_book / "_static" / "vendor" / "require.js").is_file()


def test_modules_hide_code_and_keep_outputs(project, built_book):
    for page in module_pages(project, built_book):
        text = page.read_text()
        assert "cell_input" not in text and "highlight-ipython3" not in text, f"{page}: code is visible"
        assert "sorting_exercise" not in text and "from frontline" not in text, f"{page}: code leaked"
        assert re.search(r'<img alt="[^"]{20,}" src="[^"]+\.png"', text), f"{page}: no figure with alt text"
        assert 'class="fl-exercise"' in text, f"{page}: no exercise"
        state = re.search(r'<meta name="fl-widget-state" content="([^"]+)"', text)
        assert state, f"{page}: no saved widget state"
        assert "application/vnd.jupyter.widget-state+json" not in text, f"{page}: widget state inline"
        assert (page.parent / state.group(1)).is_file(), f"{page}: widget state file missing"
        assert "application/vnd.jupyter.widget-view+json" in text, f"{page}: no widget view"
        assert text.count('class="fl-selfcheck"') >= 4, f"{page}: too few self-checks"


def test_self_checks_are_labelled_for_screen_readers(project, built_book):
    for page in module_pages(project, built_book):
        text = page.read_text()
        for section in re.findall(r'<section class="fl-selfcheck".*?</section>', text, re.S):
            assert re.search(r'aria-labelledby="([^"]+)"', section)
            assert "<fieldset><legend>" in section
            radios = re.findall(r'<input type="radio"[^>]*id="([^"]+)"', section)
            assert radios and all(f'<label for="{r}">' in section for r in radios)
            assert 'role="status" aria-live="polite"' in section


def test_one_shared_script_and_stylesheet(project, built_book):
    for page in module_pages(project, built_book):
        text = page.read_text()
        assert "<style" not in text.split("</head>")[1], f"{page}: inline styles in the body"
        assert len(re.findall(r"_static/frontline\.js", text)) == 1
        assert len(re.findall(r"_static/frontline\.css", text)) == 1


def test_glossary_and_references_are_built(built_book):
    glossary = (built_book / "book" / "glossary.html").read_text()
    assert 'id="term-indicator"' in glossary
    references = (built_book / "book" / "references.html").read_text()
    assert "Trafficking in Persons" in references


def test_build_is_reproducible(project, built_book, scratch):
    """A cold build of a fresh copy gives the same files, byte for byte, as the book under test."""
    from frontline.book.build import build
    from frontline.content.bank import load_bank
    from frontline.grading.quiz_notebook import notebook_text, source_path

    for quiz in load_bank(project).quizzes.values():
        assert source_path(project.course, quiz.id).read_text() == notebook_text(quiz)
    (scratch.root / "assets" / "node_modules").symlink_to(project.node_modules)
    build(scratch, quiet=True)
    ours = {p.relative_to(built_book): p for p in book_files(built_book)}
    theirs = {p.relative_to(scratch.html): p for p in book_files(scratch.html)}
    assert sorted(ours) == sorted(theirs)
    # .buildinfo is Sphinx's own record of the config (with this checkout's paths); it is not served.
    differ = [
        str(rel)
        for rel, path in ours.items()
        if rel.name != ".buildinfo" and path.read_bytes() != theirs[rel].read_bytes()
    ]
    assert differ == []
    # A build with nothing changed does nothing; any change to a source or to the output is seen.
    from frontline.book.build import up_to_date

    assert up_to_date(scratch)
    _, built = build(scratch, quiet=True)
    assert built is False
    module = scratch.modules / "first-responder" / "fr3-first-contact-and-safety.md"
    text = module.read_text()
    module.write_text(text + "\nOne more sentence.\n")
    assert not up_to_date(scratch)
    module.write_text(text)
    assert up_to_date(scratch)
    (scratch.html / "genindex.html").unlink()
    assert not up_to_date(scratch)


def test_build_with_nothing_changed_says_so(project, built_book):
    result = subprocess.run(
        [sys.executable, "-m", "frontline.cli", "build"], cwd=project.root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nothing changed since the last build: open ")


def test_changed_data_invalidates_the_execution_cache(scratch):
    """Jupyter-cache keys on notebook text; a changed dataset must still re-draw its figure."""
    from frontline.book.build import _record_inputs, _refresh_if_inputs_changed, inputs_digest

    cache = scratch.build / ".jupyter_cache"
    cache.mkdir(parents=True)
    _record_inputs(scratch)
    assert _refresh_if_inputs_changed(scratch) is False and cache.is_dir()
    before = inputs_digest(scratch)
    data = scratch.data / "glotip-2012-forms.yaml"
    data.write_text(data.read_text().replace("value: 58", "value: 57"))
    assert inputs_digest(scratch) != before
    assert _refresh_if_inputs_changed(scratch) is True and not cache.exists()
