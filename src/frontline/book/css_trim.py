"""The theme's stylesheet cut down to what the built book can use. Furo's CSS is the largest file a
page must fetch before it shows any text (50 KB), and most of it styles things this book never
has (API signatures, code blocks, a dozen admonition kinds, colour variables for all of them). On a
slow link every kilobyte before the first text counts, so after the build this keeps only:

- rules with at least one selector whose classes, ids and element names all occur in some built
  page or in a string of some script (scripts add classes such as ``scrolled``); pseudo-classes and
  attribute conditions are ignored, so a selector is kept whenever it could ever match;
- custom properties (``--color-...``) that a kept rule, another stylesheet, a script or a page
  refers to, directly or through other custom properties.

Anything unsure is kept. The result is a pure function of the stylesheet and the built files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

ALWAYS = {"html", "body", "*", ":root"}
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_PSEUDO = re.compile(r"::?[a-zA-Z-]+(\((?:[^()]|\([^()]*\))*\))?")
_CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
_TYPE = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][\w-]*)")
_VAR_USE = re.compile(r"var\(\s*--([\w-]+)")
_JS_STRING = re.compile(r"""["'`]([\w -]{1,80})["'`]""")


class _Tokens(HTMLParser):
    def __init__(self, tokens: set[str]) -> None:
        super().__init__()
        self.tokens = tokens

    def handle_starttag(self, tag, attrs):
        self.tokens.add(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.tokens.update("." + c for c in value.split())
            elif name == "id" and value:
                self.tokens.add("#" + value)


def page_tokens(pages: list[str], scripts: list[str]) -> set[str]:
    """Element names, '.class' and '#id' found in the pages, and any word in a script's strings
    (as a class, an id or an element name: a script may create any of them)."""
    tokens: set[str] = set(ALWAYS)
    parser = _Tokens(tokens)
    for html in pages:
        parser.feed(html)
        parser.reset()
    for js in scripts:
        for literal in _JS_STRING.findall(js):
            for word in literal.split():
                tokens.update((word, "." + word, "#" + word))
    return tokens


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def could_match(selector: str, tokens: set[str]) -> bool:
    bare = _PSEUDO.sub(" ", _ATTRIBUTE.sub("", selector))
    needed = {kind + name for kind, name in _CLASS_OR_ID.findall(bare)}
    without = _CLASS_OR_ID.sub("", bare)
    needed.update(t.lower() for t in _TYPE.findall(without))
    return needed <= tokens


def _rules(rules, tokens: set[str]) -> list:
    """Kept rules, selectors pruned; at-rules with rule lists are pruned inside."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            selectors = [s for s in selectors if could_match(s, tokens)]
            if selectors:
                kept.append(("rule", ",".join(selectors), rule.content))
        elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports"} and rule.content:
            inner = _rules(tinycss2.parse_rule_list(rule.content, True, True), tokens)
            if inner:
                kept.append(("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type == "at-rule":
            kept.append(("raw", None, rule.serialize()))
    return kept


def _declarations(content) -> list:
    return [d for d in tinycss2.parse_blocks_contents(content, True, True) if d.type == "declaration"]


def _walk(kept):
    for kind, _, body in kept:
        if kind == "group":
            yield from _walk(body)
        elif kind == "rule":
            yield from _declarations(body)


def _used_variables(kept, elsewhere: str) -> set[str]:
    """Custom properties referred to by ordinary declarations or anything outside, with those
    their values refer to in turn."""
    definitions: dict[str, list[str]] = {}
    used = set(_VAR_USE.findall(elsewhere))
    for decl in _walk(kept):
        value = tinycss2.serialize(decl.value)
        if decl.name.startswith("--"):
            definitions.setdefault(decl.name[2:], []).append(value)
        else:
            used.update(_VAR_USE.findall(value))
    todo = list(used)
    while todo:
        for value in definitions.get(todo.pop(), []):
            for name in _VAR_USE.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def _serialize(kept, used: set[str]) -> str:
    out = []
    for kind, prelude, body in kept:
        if kind == "raw":
            out.append(body)
        elif kind == "group":
            inner = _serialize(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        else:
            decls = [
                f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                for d in _declarations(body)
                if not d.name.startswith("--") or d.name[2:] in used
            ]
            if decls:
                out.append(f"{prelude}{{{';'.join(decls)}}}")
    return "".join(out)


def trim(css: str, tokens: set[str], elsewhere: str = "") -> str:
    """`css` without the rules no page can match and the custom properties nothing uses;
    `elsewhere`: the text of other stylesheets, scripts and pages that may use its variables."""
    kept = _rules(tinycss2.parse_stylesheet(css, True, True), tokens)
    return _serialize(kept, _used_variables(kept, elsewhere))


def trim_theme_css(outdir: Path, target: Path) -> tuple[int, int]:
    """Trim the built book's `target` stylesheet in place; returns its sizes before and after."""
    pages = [p.read_text(encoding="utf-8") for p in sorted(outdir.rglob("*.html"))]
    static = sorted(p for p in (outdir / "_static").rglob("*") if p.suffix in {".js", ".css"} and p != target)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in static]
    scripts = [t for p, t in zip(static, texts, strict=True) if p.suffix == ".js"]
    before = target.read_text(encoding="utf-8")
    after = trim(before, page_tokens(pages, scripts), "\n".join([*texts, *pages]))
    target.write_text(after, encoding="utf-8")
    return len(before.encode()), len(after.encode())
