"""The quiz as one offline web page, for learners with no Jupyter: a phone, a shared computer.

`frontline release` writes it beside the released notebook (`<quiz>.html`). The learner answers with
ordinary form controls; the answers stay in the browser (localStorage) as they go, and "Save my
answers" downloads `<quiz>.ipynb`: the released notebook, embedded in the page, with each answer put
in its cell exactly as a learner types it in Jupyter (`answer_3 = "B"`, a written answer in its
markdown cell) and the learner's id in the notebook's metadata. So `frontline grade` and nbgrader
take it like any other submission. The page is built from the released notebook and from what the
notebook already shows (question, story, options); it never reads a key, an explanation or a
marking scheme, and the leak guard checks it before it is left beside the notebook."""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

from ..content.bank import Bank, Quiz, QuizItem
from ..errors import FrontlineError
from ..files import atomic_write
from ..markdown import markdown, to_html
from .quiz_notebook import answer_cell_id
from .quiz_words import PAGE

# Every word the page shows, per language (frontline.grading.quiz_words). Keys used by the script
# are passed to it as JSON; the rest are filled in when the page is written.
STRINGS = PAGE
SCRIPT_KEYS = [
    "twice",
    "not_placed",
    "need_id",
    "saved",
    "blank",
    "blanks",
    "progress",
    "restored",
    "no_storage",
    "confirm_clear",
    "cleared",
]

CSS = """
:root { color-scheme: light dark; --fg: #111; --bg: #fff; --muted: #444; --line: #767676; --box: #f4f4f4;
  --accent: #0b5394; --on-accent: #fff; --warn: #a4000f; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #eee; --bg: #121212; --muted: #c8c8c8; --line: #8f8f8f; --box: #1f1f1f;
    --accent: #8cc4ff; --on-accent: #000; --warn: #ff9a9a; }
}
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5;
  color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin: 0; }
p { margin: .5rem 0; }
.how, .id, .finish { background: var(--box); border: 1px solid var(--line); border-radius: 6px;
  padding: .25rem 1rem; margin: 1rem 0; }
.how ol { padding-left: 1.3rem; margin: .5rem 0; } .how li { margin: .35rem 0; }
fieldset { border: 0; margin: 1.5rem 0 0; padding: 0; min-width: 0; }
legend { float: left; width: 100%; padding: .75rem 0 0; border-top: 2px solid var(--line); }
legend + * { clear: both; }
.pts { font-weight: normal; color: var(--muted); font-size: 1rem; }
.story { font-style: italic; margin-top: .4rem; }
.choice { display: flex; gap: .6rem; align-items: flex-start; padding: .55rem .6rem; margin: .4rem 0;
  border: 1px solid var(--line); border-radius: 6px; cursor: pointer; }
.choice input { margin: .25rem 0 0; width: 1.25rem; height: 1.25rem; flex: none;
  accent-color: var(--accent); }
.choice:has(input:checked) { border: 2px solid var(--accent); padding: calc(.55rem - 1px) calc(.6rem - 1px); }
.letter { font-weight: bold; }
.steps { margin: .5rem 0; padding-left: 0; list-style: none; } .steps li { margin: .3rem 0; }
.order label, .id label, .written label { display: block; font-weight: bold; margin-top: .6rem; }
select, input[type=text], textarea { font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 4px; padding: .45rem .5rem; width: 100%; max-width: 100%; }
textarea { min-height: 9rem; resize: vertical; }
input[aria-invalid=true] { border: 2px solid var(--warn); }
.msg:empty { min-height: 0; margin: 0; }
.help { color: var(--muted); font-size: .95rem; }
.msg { min-height: 1.5em; color: var(--warn); font-weight: bold; }
button { font: inherit; font-weight: bold; padding: .6rem 1rem; border-radius: 6px;
  margin: .4rem .5rem .4rem 0; cursor: pointer; border: 2px solid var(--accent); }
#fl-save { background: var(--accent); color: var(--on-accent); }
#fl-clear { background: var(--bg); color: var(--accent); }
#fl-status { font-weight: bold; min-height: 1.5em; }
.file { white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.noscript { border: 2px solid var(--warn); padding: .5rem 1rem; }
@media print { .how, .finish, .noscript { display: none; } fieldset { break-inside: avoid; } }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var page = document.getElementById("fl-quiz");
  var T = JSON.parse(document.getElementById("fl-strings").textContent);
  var quiz = page.dataset.quiz, file = quiz + ".ipynb";
  var key = "frontline-quiz:" + quiz + ":" + page.dataset.digest;
  var status = document.getElementById("fl-status"), learner = document.getElementById("fl-learner");
  var questions = Array.prototype.slice.call(page.querySelectorAll("fieldset[data-number]"));
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k]; }); }
  function say(text, name) {
    // A file name is never broken at its hyphens.
    status.textContent = "";
    text.split("{file}").forEach(function (part, i) {
      if (i) {
        var b = document.createElement("strong");
        b.className = "file";
        b.textContent = name;
        status.appendChild(b);
      }
      status.appendChild(document.createTextNode(part));
    });
  }
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  function value(q) {
    var kind = q.dataset.kind;
    if (kind === "choice") { var c = q.querySelector("input:checked"); return c ? c.value : ""; }
    if (kind === "order") {
      return Array.prototype.map.call(q.querySelectorAll("select"), function (s) { return s.value; });
    }
    return q.querySelector("textarea").value;
  }
  function answered(q) {
    var v = value(q);
    return Array.isArray(v) ? v.join("") !== "" : v.trim() !== "";
  }
  function checkOrder(q) {
    // Like the notebook's check_order: whether every step is used once, never whether the order is right.
    var chosen = value(q).filter(Boolean), seen = {}, twice = [], missing = [];
    chosen.forEach(function (l) { if (seen[l] && twice.indexOf(l) < 0) { twice.push(l); } seen[l] = true; });
    q.dataset.letters.split("").forEach(function (l) { if (!seen[l]) { missing.push(l); } });
    var msg = twice.length ? fill(T.twice, {letters: twice.join(", ")})
      : (chosen.length && missing.length ? fill(T.not_placed, {letters: missing.join(", ")}) : "");
    var box = q.querySelector(".msg");
    if (box.textContent !== msg) { box.textContent = msg; }
  }
  function state() {
    var answers = {};
    questions.forEach(function (q) { answers[q.dataset.number] = value(q); });
    return {learner: learner.value, answers: answers};
  }
  function keep() {
    var s = storage();
    if (!s) { return; }
    try { s.setItem(key, JSON.stringify(state())); } catch (e) { say(T.no_storage); }
  }
  function restore() {
    var s = storage(), saved = null;
    if (!s) { say(T.no_storage); return; }
    try { saved = JSON.parse(s.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") { return; }
    learner.value = saved.learner || "";
    questions.forEach(function (q) {
      var v = (saved.answers || {})[q.dataset.number];
      if (v === undefined || v === null) { return; }
      if (q.dataset.kind === "choice") {
        each(q.querySelectorAll("input"), function (r) { r.checked = r.value === v; });
      } else if (q.dataset.kind === "order") {
        each(q.querySelectorAll("select"), function (sel, i) { sel.value = (v[i] || ""); });
        checkOrder(q);
      } else { q.querySelector("textarea").value = String(v); }
    });
    say(T.restored);
  }
  function idFixed() {
    learner.removeAttribute("aria-invalid");
    document.getElementById("fl-learner-msg").textContent = "";
  }
  function lines(text) { return text.match(/[^\n]*\n|[^\n]+$/g) || []; }
  function notebook() {
    var nb = JSON.parse(document.getElementById("fl-notebook").textContent);
    var cells = {};
    nb.cells.forEach(function (c) { cells[((c.metadata || {}).nbgrader || {}).grade_id] = c; });
    questions.forEach(function (q) {
      var cell = cells[q.dataset.cell], v = value(q);
      var source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      if (q.dataset.kind === "written") {
        if (v.trim() !== "") { cell.source = lines(v); }
        return;
      }
      var letters = Array.isArray(v) ? v.join("") : v;
      // As a learner types in Jupyter: the letters between the quotes the cell was released with.
      cell.source = lines(source.replace('""', '"' + letters + '"'));
    });
    var meta = {};
    Object.keys(nb.metadata).concat(["frontline"]).sort().forEach(function (k) {
      // The notebook's own language (and anything else it says) is kept beside the learner's id.
      var mine = {}, had = nb.metadata.frontline || {};
      var added = {learner: learner.value.trim(), quiz: quiz, saved_from: "quiz page"};
      Object.keys(had).concat(Object.keys(added)).sort().forEach(function (f) {
        mine[f] = f in added ? added[f] : had[f];
      });
      meta[k] = k === "frontline" ? mine : nb.metadata[k];
    });
    nb.metadata = meta;
    return JSON.stringify(nb, null, 1) + "\n";
  }
  function save() {
    if (!learner.value.trim()) {
      learner.setAttribute("aria-invalid", "true");
      document.getElementById("fl-learner-msg").textContent = T.need_id;
      say(T.need_id);
      learner.focus();
      return;
    }
    idFixed();
    var blob = new Blob([notebook()], {type: "application/x-ipynb+json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    var blank = questions.filter(function (q) { return !answered(q); });
    var text = T.saved;
    if (blank.length) {
      var list = blank.map(function (q) { return q.dataset.number; }).join(", ");
      text += " " + fill(blank.length === 1 ? T.blank : T.blanks, {list: list});
    }
    say(text, file);
  }
  function clear() {
    if (!window.confirm(T.confirm_clear)) { return; }
    var s = storage();
    if (s) { try { s.removeItem(key); } catch (e) { /* nothing kept */ } }
    page.reset();
    questions.forEach(function (q) { if (q.dataset.kind === "order") { checkOrder(q); } });
    say(T.cleared);
  }
  function progress() {
    var done = questions.filter(answered).length;
    var text = fill(T.progress, {done: done, total: questions.length});
    document.getElementById("fl-progress").textContent = text;
  }
  page.addEventListener("submit", function (e) { e.preventDefault(); });
  page.addEventListener("input", function (e) {
    var q = e.target.closest("fieldset[data-number]");
    if (q && q.dataset.kind === "order") { checkOrder(q); }
    if (e.target === learner) { idFixed(); }
    keep();
    progress();
  });
  page.addEventListener("change", function () { keep(); progress(); });
  document.getElementById("fl-save").addEventListener("click", save);
  document.getElementById("fl-clear").addEventListener("click", clear);
  restore();
  progress();
})();
"""


def strings(lang: str) -> dict[str, str]:
    if lang not in STRINGS:
        raise FrontlineError(f"no quiz page strings for language {lang!r} (known: {', '.join(STRINGS)})")
    return STRINGS[lang]


def _inline(text: str) -> str:
    """One line of the notebook's Markdown, as Jupyter shows it (raw HTML off)."""
    return markdown().renderInline(text.strip())


def _points(s: dict[str, str], n: int) -> str:
    return s["point"] if n == 1 else s["points"].format(n=n)


def _json_script(element_id: str, value: object) -> str:
    """Data for the script, inert and unable to close its own tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _question(item: QuizItem, number: int, s: dict[str, str]) -> str:
    q = f"q{number}"
    kind = {"short-answer": "written", "ordering": "order"}.get(item.type, "choice")
    attrs = f'data-number="{number}" data-kind="{kind}" data-cell="{escape(answer_cell_id(item))}"'
    if kind == "order":
        attrs += f' data-letters="{item.letters}"'
    title = s["question"].format(number=number)
    parts = [
        f'<fieldset id="{q}" {attrs} aria-describedby="{q}-text">',
        f'<legend><h2>{escape(title)} <span class="pts">({escape(_points(s, item.points))})</span>'
        "</h2></legend>",
        f'<div id="{q}-text">',
    ]
    if item.scenario:
        parts.append(f'<p class="story">{_inline(item.scenario)}</p>')
    parts.append(to_html(item.question.strip()))
    parts.append("</div>")
    if item.type == "true-false":
        options = dict(zip(item.letters, (s["true"], s["false"]), strict=True))
    else:
        options = {k: _inline(v) for k, v in (item.options or {}).items()}
    if kind == "choice":
        for letter, text in options.items():
            shown = text if item.type == "true-false" else f'<span class="letter">{letter}</span> {text}'
            parts.append(
                f'<label class="choice"><input type="radio" name="{q}" value="{letter}">'
                f"<span>{shown}</span></label>"
            )
    elif kind == "order":
        parts.append(f'<ul class="steps" id="{q}-steps">')
        parts.extend(f'<li><span class="letter">{k}</span> {v}</li>' for k, v in options.items())
        parts.append(f'</ul><p class="help" id="{q}-help">{escape(s["order_help"])}</p><div class="order">')
        choices = f'<option value="">{escape(s["choose_step"])}</option>' + "".join(
            f'<option value="{k}">{k}: {escape(v)}</option>' for k, v in (item.options or {}).items()
        )
        for n, position in enumerate(s["positions"].split("|")[: len(options)], start=1):
            parts.append(
                f'<label for="{q}-{n}">{escape(position)}</label>'
                f'<select id="{q}-{n}" aria-describedby="{q}-help">{choices}</select>'
            )
        parts.append(f'</div><p class="msg" id="{q}-msg" aria-live="polite"></p>')
    else:
        parts.append(
            f'<div class="written"><label for="{q}-answer">{escape(s["written_label"])}</label>'
            f'<p class="help" id="{q}-help">{escape(s["written_help"])}</p>'
            f'<textarea id="{q}-answer" rows="8" aria-describedby="{q}-help"></textarea></div>'
        )
    parts.append("</fieldset>")
    return "\n".join(parts)


def digest(released_text: str) -> str:
    """Names the release the answers belong to, so a new release starts with a clean page."""
    return hashlib.sha256(released_text.encode("utf-8")).hexdigest()[:16]


def page_html(quiz: Quiz, released: dict, lang: str | None = None) -> str:
    """The page for one quiz and language (default: the quiz's): the released notebook inside, no
    key. Same input, same bytes."""
    lang = lang or quiz.language
    s = strings(lang)
    template = json.dumps(released, ensure_ascii=False, sort_keys=True)
    file = f"{quiz.id}.ipynb"
    title = s["page_title"].format(title=quiz.title)
    size = s["size"].format(questions=len(quiz.items), points=quiz.max_score)
    steps = [s["step_answer"], s["step_id"], s["step_save"].format(file=escape(file))]
    steps += [s["step_marked"], s["step_shared"]]
    body = [
        f"<main><h1>{escape(quiz.title)}</h1><p>{escape(size)}</p>",
        f'<noscript><p class="noscript">{escape(s["noscript"])}</p></noscript>',
        f'<section class="how" aria-labelledby="fl-how"><h2 id="fl-how">{escape(s["how"])}</h2><ol>'
        + "".join(f"<li>{step}</li>" for step in steps)
        + "</ol></section>",
        f'<form id="fl-quiz" data-quiz="{escape(quiz.id)}" data-digest="{digest(template)}" novalidate>',
        f'<div class="id"><label for="fl-learner">{escape(s["learner_label"])}</label>'
        f'<p class="help" id="fl-learner-help">{escape(s["learner_help"])}</p>'
        '<p><input type="text" id="fl-learner" name="learner" autocomplete="off" autocapitalize="none" '
        'spellcheck="false" aria-describedby="fl-learner-help fl-learner-msg"></p>'
        '<p class="msg" id="fl-learner-msg"></p></div>',
    ]
    body.extend(_question(item, n, s) for n, item in enumerate(quiz.items, start=1))
    body.append(
        f'<section class="finish" aria-labelledby="fl-finish"><h2 id="fl-finish">{escape(s["finish"])}</h2>'
        '<p id="fl-progress"></p>'
        f'<button type="button" id="fl-save">{escape(s["save"])}</button>'
        f'<button type="button" id="fl-clear">{escape(s["clear"])}</button>'
        '<p id="fl-status" role="status"></p></section></form></main>'
    )
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n"
        + _json_script("fl-strings", {k: s[k] for k in SCRIPT_KEYS})
        + "\n"
        + _json_script("fl-notebook", released)
        + f"\n<script>{SCRIPT}</script>\n</body></html>\n"
    )


def page_path(released: Path) -> Path:
    """Beside the released notebook, with the quiz's name."""
    return released.with_suffix(".html")


def write_page(quiz: Quiz, released: Path, bank: Bank, lang: str | None = None, *more: Bank) -> Path:
    """Write the page beside the released notebook; refused (and removed) if the leak guard finds a
    graded answer in it (of `bank` or any of `more`: a translation is checked against the English
    bank and its own)."""
    from .leaks import scan

    try:
        nb = json.loads(released.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FrontlineError(f"cannot read the released notebook: {err}", released) from None
    path = page_path(released)
    atomic_write(path, page_html(quiz, nb, lang))
    leaks = scan([path], bank, *more)
    if leaks:
        path.unlink()
        raise FrontlineError(f"quiz page refused: {leaks[0]}")
    return path


def _saved_by_page(nb: object, field: str) -> str | None:
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    mine = meta.get("frontline") if isinstance(meta, dict) else None
    found = mine.get(field) if isinstance(mine, dict) else None
    return (found.strip() or None) if isinstance(found, str) else None


def learner_of(nb: object) -> str | None:
    """The learner id a saved page wrote into the notebook, if any (Jupyter writes none)."""
    return _saved_by_page(nb, "learner")


def collect(course: Path, quiz_id: str, files: list[Path], replace: bool = False) -> list[Path]:
    """Put files saved from the quiz page where nbgrader collects them, by the learner id inside:
    `submitted/<id>/<quiz>/<quiz>.ipynb`. Every file is checked before any is placed; a different
    file already there is never overwritten unless `replace`, so no submission is lost."""
    placed: list[tuple[Path, str]] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            nb = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise FrontlineError(f"cannot read as a notebook: {err}", path) from None
        learner, quiz = learner_of(nb), _saved_by_page(nb, "quiz")
        if learner is None:
            raise FrontlineError(
                f"no learner id inside (not saved from the quiz page): put it in "
                f"submitted/<learner id>/{quiz_id}/{quiz_id}.ipynb yourself",
                path,
            )
        if quiz != quiz_id:
            raise FrontlineError(f"saved from the page of quiz {quiz!r}, not {quiz_id!r}", path)
        if learner in {".", ".."} or any(ch in learner for ch in '/\\:*?"<>|') or learner.startswith("."):
            raise FrontlineError(
                f"learner id {learner!r} cannot be a folder name: place this file by hand", path
            )
        target = course / "submitted" / learner / quiz_id / f"{quiz_id}.ipynb"
        if any(t == target for t, _ in placed):
            raise FrontlineError(f"two files for learner {learner!r}: keep one, then collect again", path)
        if not replace and target.is_file() and target.read_text(encoding="utf-8", errors="replace") != text:
            raise FrontlineError(
                f"{target} holds another submission of {learner!r}: use --replace to replace it", path
            )
        placed.append((target, text))
    for target, text in placed:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
    return [target for target, _ in placed]
