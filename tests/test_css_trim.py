"""The theme's stylesheet, trimmed to what the book can use: nothing a page or a script could need
is dropped; what nothing can match, and variables nothing reads, are."""

from __future__ import annotations

from frontline.book.css_trim import could_match, page_tokens, trim

PAGE = """<html><body class="light"><div class="page"><aside id="toc" class="toc-drawer">
<a class="reference internal" href="#">x</a></aside><main><p>text</p></main></div></body></html>"""
SCRIPT = 'header.classList.add("scrolled"); el.className = "search-summary context";'
CSS = """
:root{--unused-root:1px}
body{--color-a:red;--color-b:var(--color-c);--color-c:blue;--color-d:green;--color-e:#000;color:var(--color-a)}
.page{background:var(--color-b)}
.sig-name{color:var(--color-d)}
.toc-drawer a.reference:hover,.highlight pre{outline:1px solid}
body[data-theme=dark] .page{color:white}
.header.scrolled,.search-summary{border:0}
#toc>.reference{margin:0}
table.docutils td{padding:0}
@media (max-width:40em){.page{margin:0}.sig{margin:1px}}
@media print{.sig{display:none}}
@font-face{font-family:x;src:local(x)}
.a:not(.missing){color:red}
"""


def _tokens():
    return page_tokens([PAGE], [SCRIPT])


def test_a_selector_is_kept_when_all_its_classes_ids_and_elements_occur():
    tokens = _tokens()
    assert could_match(".page", tokens)
    assert could_match(".toc-drawer a.reference:hover", tokens), "pseudo-classes are ignored"
    assert could_match("body[data-theme=dark] .page", tokens), "attribute conditions are ignored"
    assert could_match("#toc>.reference", tokens)
    assert could_match(".header.scrolled", tokens) is False, "no .header anywhere"
    assert could_match(".search-summary", tokens), "a script may add this class"
    assert not could_match(".sig-name", tokens)
    assert not could_match("table.docutils td", tokens), "no table in any page"


def test_trim_keeps_what_can_match_and_the_variables_it_reads():
    out = trim(CSS, _tokens(), elsewhere=".mine{color:var(--color-e)}")
    assert ".page{background:var(--color-b)}" in out
    assert ".toc-drawer a.reference:hover{" in out and ".highlight pre" not in out
    assert "body[data-theme=dark] .page{color:white}" in out
    assert ".search-summary{border:0}" in out and ".header.scrolled" not in out
    assert ".sig" not in out, "unused rules go, and a group left empty goes with them"
    assert "@media (max-width:40em){.page{margin:0}}" in out and "@media print" not in out
    assert "@font-face" in out, "other at-rules are kept as they are"
    # Variables: used directly (a), through another variable (b -> c), or by another stylesheet (e).
    for kept in ("--color-a:red", "--color-b:var(--color-c)", "--color-c:blue", "--color-e:#000"):
        assert kept in out, kept
    assert "--color-d" not in out and "--unused-root" not in out
    assert ":root" not in out, "a rule left with no declaration goes"


def test_trim_is_deterministic_and_idempotent():
    once = trim(CSS, _tokens())
    assert trim(CSS, _tokens()) == once
    assert trim(once, _tokens()) == once
