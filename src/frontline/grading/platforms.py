"""The question bank for learning platforms: Moodle XML and a QTI 1.2 package for Canvas, for every
graded quiz and every module's self-checks. Same bank, same bytes.

What reaches a platform, and what never does:

- Question text: the scenario and the question, as HTML. Never a hidden test, never `_letters`.
- Graded items: the key (a platform grades by it), the points, and as general feedback only the
  item's `review` pointer, as on our feedback pages. Never the explanation: a platform shows
  feedback to learners after the attempt. A written item's marking scheme (criteria with their
  anchored levels, model answer, marked samples) goes to Moodle's `graderinfo`, which only graders
  see; Canvas has no field that only graders see, so its essays carry no marking scheme.
- Self-checks: their answers are meant to be seen, so every option carries its feedback, and the
  Canvas quiz is a practice quiz that shows the correct answers.

Question types. Moodle: multiple-choice is `multichoice` (one answer, options in the bank's order,
numbered A, B, C like ours), true-false is `truefalse`, short-answer is `essay` (HTML editor).
Ordering is Moodle's `ordering` type, graded all-or-nothing like ours. It is a standard question
type of Moodle since 4.4: the Ordering plugin (qtype_ordering) was merged into core under
MDL-72394 ("Add the Ordering question type into the core Moodle code",
https://tracker.moodle.org/browse/MDL-72394), and `lib/plugins.json` of moodle/moodle lists
`ordering` among the standard qtypes. Moodle 4.1 to 4.3 need that plugin from moodle.org
(https://moodle.org/plugins/qtype_ordering); its XML is the same. The XML fields follow
`question/type/ordering/questiontype.php` (import_from_xml) and Moodle's own export fixture
`question/type/ordering/tests/fixtures/testexport.moodle.xml`.

Canvas (Classic Quizzes) imports QTI 1.2 with its own item metadata (`question_type`,
`points_possible`, `original_answer_ids`); the package follows what Canvas itself writes in a
"QTI export" (canvas-lms `lib/cc/qti/qti_generator.rb`, `qti_items.rb`): `imsmanifest.xml`, the
assessment in `<id>/<id>.xml` and the quiz settings in `<id>/assessment_meta.xml`. Types:
`multiple_choice_question`, `true_false_question`, `essay_question`. Canvas has no ordering type,
so an ordering item is a `matching_question`: each step (with its letter) is matched to its
position, 1 to n. (Canvas's own importer turns a QTI order interaction into a matching question
too: canvas-lms `gems/plugins/qti_exporter/lib/qti/order_interaction.rb`.) Canvas gives part of
the points for each step in the right place; our reports score the order all-or-nothing from the
bank, as the notebooks do (`reports.platform_results`).

Steps of an ordering item are shown as "C: Give him water...", with the letter a learner types in
the notebook and on paper. Moodle's Responses report shortens each step to its first 7 characters;
the letter keeps them apart (`reports.platform_results`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from ..content.bank import Bank, Quiz, QuizItem, SelfCheckItem, load_bank
from ..errors import FrontlineError
from ..files import zip_bytes
from ..markdown import to_html
from ..paths import Project

Item = QuizItem | SelfCheckItem

# Texts this module writes itself, by language. A language without its labels is refused, so a
# translated bank never gets English headings in its marking schemes.
LABELS = {
    "en": {
        "review": "Review: {review}",
        "scheme": "Marking scheme (graders only). Objective {objective}.",
        "point": "{n} point",
        "points": "{n} points",
        "model": "Model answer.",
        "samples": (
            "Sample answers, marked (bands: {bands}). Mark two or three before you start, then compare."
        ),
        "sample": "Sample {n} ({band}, {marks} = {total})",
        "self_checks": "Self-checks, module {module}",
        "true": "True",
        "false": "False",
    }
}

MOODLE_TOP = "$course$/top/Frontline"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _h(text: str) -> str:
    """Text as HTML: markup characters escaped, quotes kept as they are."""
    return escape(text, quote=False)


def labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise FrontlineError(f"no export labels for language {lang!r} (have: {', '.join(sorted(LABELS))})")
    return LABELS[lang]


def step_label(letter: str, text: str) -> str:
    """An ordering step as a platform shows it: its letter, then its text."""
    return f"{letter}: {text.strip()}"


def shown_options(item: Item, lang: str = "en") -> dict[str, str]:
    """What a platform shows for each choice, by the letter a learner would type: the option text,
    True or False, or an ordering step with its letter. Results come back as these texts."""
    if item.type == "true-false":
        words = labels(lang)
        return {"T": words["true"], "F": words["false"]}
    if item.type == "ordering":
        return {letter: step_label(letter, text) for letter, text in (item.options or {}).items()}
    return {letter: text.strip() for letter, text in (item.options or {}).items()}


def question_html(item: Item, lang: str = "en") -> str:
    """The scenario and the question as HTML: all a learner reads before the choices."""
    parts = []
    if item.scenario:
        parts.append(f"<p><em>{_h(item.scenario.strip())}</em></p>")
    parts.append(to_html(item.question.strip()).strip())
    return f'<div lang="{escape(lang)}">' + "\n".join(parts) + "</div>"


def _points(item: Item) -> int:
    return item.points if isinstance(item, QuizItem) else 1


def _plural(words: dict[str, str], n: int) -> str:
    return words["point" if n == 1 else "points"].format(n=n)


def grader_info(item: QuizItem, lang: str = "en") -> str:
    """A written item's marking scheme as HTML, for graders only: each criterion with the anchor of
    every mark, the model answer and the marked samples. Never the explanation."""
    words = labels(lang)
    parts = [f"<p><strong>{_h(words['scheme'].format(objective=item.objective))}</strong></p>", "<ol>"]
    for c in item.rubric or []:
        levels = "".join(
            f"<li><em>{mark}</em>: {_h(c.levels[mark].strip())}</li>"
            for mark in sorted(c.levels or {}, reverse=True)
        )
        parts.append(
            f"<li><strong>{_h(_plural(words, c.points))}</strong>: {_h(c.criterion.strip())}"
            + (f"<ul>{levels}</ul>" if levels else "")
            + "</li>"
        )
    parts.append("</ol>")
    parts.append(f"<p><strong>{_h(words['model'])}</strong> {_h((item.model_answer or '').strip())}</p>")
    if item.samples:
        bands = ", ".join(f"{name} {low} to {high}" for name, (low, high) in (item.bands or {}).items())
        parts.append(f"<p><strong>{_h(words['samples'].format(bands=bands))}</strong></p>")
        for n, s in enumerate(item.samples, start=1):
            head = words["sample"].format(
                n=n, band=s.band, marks=" + ".join(str(m) for m in s.marks), total=sum(s.marks)
            )
            parts.append(
                f"<p><em>{_h(head)}</em></p><blockquote>{_h(s.answer.strip())}</blockquote>"
                f"<p>{_h(s.why.strip())}</p>"
            )
    return f'<div lang="{escape(lang)}">' + "\n".join(parts) + "</div>"


def _general_feedback(item: Item, lang: str) -> str:
    if isinstance(item, QuizItem):
        return f"<p>{_h(labels(lang)['review'].format(review=item.review.strip()))}</p>"
    return ""


def _xml(root: Element) -> bytes:
    indent(root, space="  ")
    return tostring(root, encoding="UTF-8", xml_declaration=True, short_empty_elements=False) + b"\n"


# Moodle XML ----------------------------------------------------------------------------------------


def _text(parent: Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> Element:
    el = SubElement(parent, tag, attrs)
    if fmt:
        el.set("format", fmt)
    SubElement(el, "text").text = text
    return el


def _moodle_answer(parent: Element, fraction: str, text: str, feedback: str, fmt: str = "html") -> None:
    answer = SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    SubElement(answer, "text").text = text
    if feedback:
        _text(answer, "feedback", f"<p>{_h(feedback.strip())}</p>")


def _moodle_question(quiz: Element, item: Item, lang: str, tags: Sequence[str]) -> None:
    kind = {
        "multiple-choice": "multichoice",
        "true-false": "truefalse",
        "ordering": "ordering",
        "short-answer": "essay",
    }[item.type]
    q = SubElement(quiz, "question", {"type": kind})
    _text(q, "name", item.id, fmt=None)
    _text(q, "questiontext", question_html(item, lang))
    _text(q, "generalfeedback", _general_feedback(item, lang))
    SubElement(q, "defaultgrade").text = str(_points(item))
    SubElement(q, "penalty").text = "0"
    SubElement(q, "hidden").text = "0"
    SubElement(q, "idnumber").text = item.id
    feedback = item.feedback if isinstance(item, SelfCheckItem) else {}
    if item.type == "multiple-choice":
        SubElement(q, "single").text = "true"
        SubElement(q, "shuffleanswers").text = "false"  # the letters must stay those of the bank
        SubElement(q, "answernumbering").text = "ABCD"
        SubElement(q, "showstandardinstruction").text = "0"
        for field in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(q, field, "")
        for letter, text in (item.options or {}).items():
            fraction = "100" if letter == item.key else "0"
            _moodle_answer(q, fraction, _h(text.strip()), feedback.get(letter, ""))
    elif item.type == "true-false":
        for word, value in (("true", True), ("false", False)):
            fraction = "100" if item.answer is value else "0"
            _moodle_answer(q, fraction, word, feedback.get(word, ""), fmt="moodle_auto_format")
    elif item.type == "ordering":
        SubElement(q, "layouttype").text = "VERTICAL"
        SubElement(q, "selecttype").text = "ALL"
        SubElement(q, "selectcount").text = str(len(item.options or {}))
        SubElement(q, "gradingtype").text = "ALL_OR_NOTHING"
        SubElement(q, "showgrading").text = "HIDE"
        SubElement(q, "numberingstyle").text = "none"
        for field in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(q, field, "")
        shown = shown_options(item, lang)
        # The answers in the right order: Moodle takes their order as the key.
        for position, letter in enumerate(item.key or "", start=1):
            _moodle_answer(q, f"{position}.0000000", _h(shown[letter]), "")
    elif isinstance(item, QuizItem):  # short-answer: only graded items are written
        SubElement(q, "responseformat").text = "editor"
        SubElement(q, "responserequired").text = "1"
        SubElement(q, "responsefieldlines").text = "15"
        SubElement(q, "attachments").text = "0"
        SubElement(q, "attachmentsrequired").text = "0"
        SubElement(q, "maxbytes").text = "0"
        SubElement(q, "filetypeslist").text = ""
        _text(q, "graderinfo", grader_info(item, lang))
        _text(q, "responsetemplate", "")
    tag_list = SubElement(q, "tags")
    for tag in [item.objective, *tags]:
        SubElement(SubElement(tag_list, "tag"), "text").text = tag


def moodle_xml(items: Sequence[Item], category: str, lang: str = "en", *, tags: Sequence[str] = ()) -> bytes:
    """Moodle XML (https://docs.moodle.org/en/Moodle_XML_format) for a graded quiz's items or a
    module's self-checks, into the question category `category` (for example
    "$course$/top/Frontline/Victim identification"). Each question's name and ID number are the
    item's id; its tags the objective and `tags`; its default mark the points."""
    labels(lang)
    if not items:
        raise FrontlineError(f"no items to export into {category!r}")
    quiz = Element("quiz")
    head = SubElement(quiz, "question", {"type": "category"})
    _text(head, "category", category, fmt=None)
    _text(head, "info", "", fmt="html")
    for item in items:
        _moodle_question(quiz, item, lang, tags)
    return _xml(quiz)


# Canvas: QTI 1.2 ------------------------------------------------------------------------------------


def _field(parent: Element, label: str, entry: str) -> None:
    f = SubElement(parent, "qtimetadatafield")
    SubElement(f, "fieldlabel").text = label
    SubElement(f, "fieldentry").text = entry


def _mattext(parent: Element, text: str, texttype: str | None = "text/plain") -> None:
    el = SubElement(SubElement(parent, "material"), "mattext")
    if texttype:
        el.set("texttype", texttype)
    el.text = text


def _feedback_ref(parent: Element, ident: str) -> None:
    SubElement(parent, "displayfeedback", {"feedbacktype": "Response", "linkrefid": ident})


def _respcondition(parent: Element, continue_: str, respident: str | None, value: str | None) -> Element:
    cond = SubElement(parent, "respcondition", {"continue": continue_})
    var = SubElement(cond, "conditionvar")
    if respident is None:
        SubElement(var, "other")
    else:
        SubElement(var, "varequal", {"respident": respident}).text = value
    return cond


def _answer_id(number: int, index: int) -> str:
    """Canvas reads answer ids as whole numbers: question number, then the answer's place."""
    return str(number * 100 + index)


def _qti_item(section: Element, item: Item, number: int, lang: str) -> None:
    kind = {
        "multiple-choice": "multiple_choice_question",
        "true-false": "true_false_question",
        "ordering": "matching_question",
        "short-answer": "essay_question",
    }[item.type]
    shown = shown_options(item, lang)
    letters = list(shown)
    ids = {letter: _answer_id(number, k) for k, letter in enumerate(letters, start=1)}
    node = SubElement(section, "item", {"ident": item.id, "title": item.id})
    meta = SubElement(SubElement(node, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", kind)
    _field(meta, "points_possible", f"{float(_points(item)):.1f}")
    _field(meta, "original_answer_ids", ",".join(ids[letter] for letter in letters))
    presentation = SubElement(node, "presentation")
    _mattext(presentation, question_html(item, lang), "text/html")
    if item.type in ("multiple-choice", "true-false"):
        lid = SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"})
        choices = SubElement(lid, "render_choice")
        for letter in letters:
            label = SubElement(choices, "response_label", {"ident": ids[letter]})
            _mattext(label, shown[letter])
    elif item.type == "ordering":
        # Each step, with its letter, is matched to its position; positions are matches 51, 52...
        places = {p: _answer_id(number, 50 + p) for p in range(1, len(letters) + 1)}
        for letter in letters:
            lid = SubElement(presentation, "response_lid", {"ident": f"response_{ids[letter]}"})
            _mattext(lid, shown[letter])
            choices = SubElement(lid, "render_choice")
            for p, match in places.items():
                _mattext(SubElement(choices, "response_label", {"ident": match}), str(p), None)
    else:
        fib = SubElement(
            SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}),
            "render_fib",
        )
        SubElement(fib, "response_label", {"ident": "answer1", "rshuffle": "No"})
    processing = SubElement(node, "resprocessing")
    SubElement(
        SubElement(processing, "outcomes"),
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    general = _general_feedback(item, lang)
    if general:
        _feedback_ref(_respcondition(processing, "Yes", None, None), "general_fb")
    feedback = item.feedback if isinstance(item, SelfCheckItem) else {}
    by_letter = {"T": "true", "F": "false"} if item.type == "true-false" else {x: x for x in letters}
    if item.type in ("multiple-choice", "true-false"):
        for letter in letters:
            if feedback.get(by_letter[letter]):
                _feedback_ref(
                    _respcondition(processing, "Yes", "response1", ids[letter]), f"{ids[letter]}_fb"
                )
        cond = _respcondition(processing, "No", "response1", ids[item.key or ""])
        SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    elif item.type == "ordering":
        share = f"{100 / len(letters):.2f}"
        for letter in letters:
            position = (item.key or "").index(letter) + 1
            cond = SubElement(processing, "respcondition")
            SubElement(
                SubElement(cond, "conditionvar"), "varequal", {"respident": f"response_{ids[letter]}"}
            ).text = _answer_id(number, 50 + position)
            SubElement(cond, "setvar", {"varname": "SCORE", "action": "Add"}).text = share
    else:
        _respcondition(processing, "No", None, None)
    if general:
        fb = SubElement(node, "itemfeedback", {"ident": "general_fb"})
        _mattext(SubElement(fb, "flow_mat"), general, "text/html")
    for letter in letters:
        text = feedback.get(by_letter[letter], "")
        if text:
            fb = SubElement(node, "itemfeedback", {"ident": f"{ids[letter]}_fb"})
            _mattext(SubElement(fb, "flow_mat"), f"<p>{_h(text.strip())}</p>", "text/html")


def _qti_assessment(ident: str, title: str, items: Sequence[Item], graded: bool, lang: str) -> bytes:
    root = Element(
        "questestinterop",
        {
            "xmlns": QTI_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
    )
    assessment = SubElement(root, "assessment", {"ident": ident, "title": title})
    meta = SubElement(assessment, "qtimetadata")
    _field(meta, "cc_maxattempts", "1" if graded else "unlimited")
    section = SubElement(assessment, "section", {"ident": "root_section"})
    for number, item in enumerate(items, start=1):
        _qti_item(section, item, number, lang)
    return _xml(root)


def _assessment_meta(ident: str, title: str, items: Sequence[Item], graded: bool) -> bytes:
    """Canvas's quiz settings. No description: a quiz's instructions speak of the notebook."""
    root = Element(
        "quiz",
        {
            "identifier": ident,
            "xmlns": CANVAS_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd",
        },
    )
    settings = [
        ("title", title),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("hide_results", ""),
        ("quiz_type", "assignment" if graded else "practice_quiz"),
        ("points_possible", f"{float(sum(_points(i) for i in items)):.1f}"),
        # A graded quiz never shows its key; a self-check shows it, as the book does.
        ("show_correct_answers", "false" if graded else "true"),
        ("allowed_attempts", "1" if graded else "-1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ]
    for tag, value in settings:
        SubElement(root, tag).text = value
    return _xml(root)


def _manifest(ident: str, title: str) -> bytes:
    root = Element(
        "manifest",
        {
            "identifier": f"{ident}-manifest",
            "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
            "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2",
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 "
            "http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 "
            "http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd",
        },
    )
    metadata = SubElement(root, "metadata")
    SubElement(metadata, "schema").text = "IMS Content"
    SubElement(metadata, "schemaversion").text = "1.1.3"
    lom_title = SubElement(SubElement(SubElement(metadata, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    SubElement(lom_title, "imsmd:string").text = title
    SubElement(root, "organizations")
    resources = SubElement(root, "resources")
    quiz = SubElement(resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2"})
    SubElement(quiz, "file", {"href": f"{ident}/{ident}.xml"})
    SubElement(quiz, "dependency", {"identifierref": f"{ident}-meta"})
    meta = SubElement(
        resources,
        "resource",
        {
            "identifier": f"{ident}-meta",
            "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
            "href": f"{ident}/assessment_meta.xml",
        },
    )
    SubElement(meta, "file", {"href": f"{ident}/assessment_meta.xml"})
    return _xml(root)


def _zip(files: dict[str, bytes]) -> bytes:
    return zip_bytes(sorted(files.items()))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "quiz"


def qti_zip(
    quiz_or_items: Quiz | Sequence[Item], title: str, lang: str = "en", *, ident: str | None = None
) -> bytes:
    """A QTI 1.2 package for Canvas's "QTI .zip file" import: a graded quiz (a Quiz, or QuizItems)
    or self-checks (SelfCheckItems, a practice quiz). Each item's ident is our item id, its points
    in its metadata. The assessment's ident is the quiz id, `ident`, or one made from the title."""
    labels(lang)
    if isinstance(quiz_or_items, Quiz):
        items: Sequence[Item] = quiz_or_items.items
        ident = ident or quiz_or_items.id
    else:
        items = list(quiz_or_items)
        ident = ident or _slug(title)
    if not items:
        raise FrontlineError(f"no items to export for {title!r}")
    if not IDENT.match(ident):
        raise FrontlineError(f"{ident!r} cannot name a QTI assessment: start with a letter")
    graded = all(isinstance(i, QuizItem) for i in items)
    if not graded and any(isinstance(i, QuizItem) for i in items):
        raise FrontlineError(f"{title!r}: graded items and self-checks cannot share a Canvas quiz")
    return _zip(
        {
            "imsmanifest.xml": _manifest(ident, title),
            f"{ident}/{ident}.xml": _qti_assessment(ident, title, items, graded, lang),
            f"{ident}/assessment_meta.xml": _assessment_meta(ident, title, items, graded),
        }
    )


# Every quiz and every module's self-checks ----------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """What one export file holds: a graded quiz, or one module's self-checks."""

    name: str  # the file name: the quiz id, or the module in lower case (as its self-check file)
    title: str
    items: list[Item]
    quiz: Quiz | None = None


def groups(bank: Bank, lang: str = "en") -> list[Group]:
    """Every graded quiz (by id), then every module's self-checks (in the bank's order)."""
    found = [
        Group(q.id, q.title, list(q.items), q) for q in sorted(bank.quizzes.values(), key=lambda q: q.id)
    ]
    modules: dict[str, list[Item]] = {}
    for item in bank.self_checks.values():
        modules.setdefault(item.objective.split(".")[0], []).append(item)
    words = labels(lang)
    for module, items in modules.items():
        found.append(Group(module.lower(), words["self_checks"].format(module=module), items))
    names = [g.name for g in found]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise FrontlineError(f"a quiz and a module's self-checks would share the export name {clash[0]!r}")
    return found


def _write(path: Path, data: bytes) -> None:
    """Write beside, then rename; unchanged bytes are left alone."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_exports(project: Project, out: Path, lang: str = "en") -> list[Path]:
    """`moodle/<name>.xml` and `canvas/<name>.zip` under `out` for every graded quiz (named by its
    id) and every module's self-checks (named by the module, e.g. `t5`); the paths written."""
    written = []
    for folder in ("moodle", "canvas"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for group in groups(load_bank(project), lang):
        category = f"{MOODLE_TOP}/{group.title.replace('/', '//')}"
        moodle = out / "moodle" / f"{group.name}.xml"
        _write(
            moodle,
            moodle_xml(group.items, category, lang, tags=[group.quiz.id if group.quiz else "self-check"]),
        )
        canvas = out / "canvas" / f"{group.name}.zip"
        source = group.quiz if group.quiz is not None else group.items
        _write(canvas, qti_zip(source, group.title, lang, ident=group.name if group.quiz is None else None))
        written += [moodle, canvas]
    return written
