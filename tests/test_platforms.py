"""Learning platforms: the bank as Moodle XML and as a QTI 1.2 package for Canvas, and results back
from Moodle's Responses report and Canvas's Student Analysis report, checked against the paper route."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import numpy as np
import pytest

from frontline.content.bank import QuizItem, SelfCheckItem, load_bank, plain
from frontline.errors import FrontlineError
from frontline.files import ZIP_TIME
from frontline.grading.platforms import (
    MOODLE_TOP,
    groups,
    moodle_xml,
    qti_zip,
    question_html,
    shown_options,
    step_label,
    write_exports,
)
from frontline.reports.platform_results import from_canvas_student_analysis, from_moodle_responses
from frontline.reports.report import build
from frontline.reports.responses import Responses, add_paper

QUIZ = "evidence-handling"  # multiple-choice, ordering, true-false and a written item
HIDDEN = ("assert", "_letters", "BEGIN HIDDEN")
MOODLE_TYPES = {
    "multiple-choice": "multichoice",
    "true-false": "truefalse",
    "ordering": "ordering",
    "short-answer": "essay",
}
CANVAS_TYPES = {
    "multiple-choice": "multiple_choice_question",
    "true-false": "true_false_question",
    "ordering": "matching_question",
    "short-answer": "essay_question",
}


@pytest.fixture(scope="module")
def bank(project):
    return load_bank(project)


@pytest.fixture(scope="module")
def exports(bank):
    """Every group's Moodle XML and Canvas package, as write_exports makes them."""
    out = {}
    for group in groups(bank):
        tag = group.quiz.id if group.quiz else "self-check"
        xml = moodle_xml(group.items, f"{MOODLE_TOP}/{group.title}", tags=[tag])
        package = qti_zip(group.quiz or group.items, group.title, ident=None if group.quiz else group.name)
        out[group.name] = (group, xml, package)
    return out


def tags_off(text: str) -> str:
    return plain(re.sub(r"<[^>]+>", " ", html.unescape(text or "")))


def flat(data: bytes) -> str:
    """Everything a file says, with every layer of escaping undone and the markup taken out."""
    text = data.decode("utf-8")
    for _ in range(3):
        text = html.unescape(text)
    return plain(re.sub(r"<[^>]+>", " ", text))


def bare(root: ET.Element) -> ET.Element:
    for el in root.iter():
        el.tag = el.tag.split("}")[-1]
    return root


def files(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


# Moodle XML ----------------------------------------------------------------------------------------


def test_every_quiz_and_module_is_exported(bank, exports):
    assert set(exports) == set(bank.quizzes) | {bank.files[i].stem for i in bank.self_checks}, (
        "a file per graded quiz and per module's self-checks"
    )


def test_moodle_xml_carries_every_item_with_its_key_points_options_and_feedback(exports):
    for name, (group, data, _) in exports.items():
        root = ET.fromstring(data)
        assert root.tag == "quiz"
        head, *questions = list(root)
        assert head.get("type") == "category" and head.findtext("category/text").endswith(group.title)
        assert [q.findtext("name/text") for q in questions] == [i.id for i in group.items], name
        for q, item in zip(questions, group.items, strict=True):
            graded = isinstance(item, QuizItem)
            assert q.get("type") == MOODLE_TYPES[item.type]
            assert q.findtext("idnumber") == item.id
            assert q.findtext("defaultgrade") == str(item.points if graded else 1)
            tags = [t.text for t in q.findall("tags/tag/text")]
            assert tags == [item.objective, group.quiz.id if graded else "self-check"]
            assert plain(item.question) in tags_off(q.findtext("questiontext/text"))
            if item.scenario:
                assert plain(item.scenario) in tags_off(q.findtext("questiontext/text"))
            general = tags_off(q.findtext("generalfeedback/text"))
            assert general == (f"Review: {plain(item.review)}" if graded else "")
            answers = q.findall("answer")
            feedback = item.feedback if isinstance(item, SelfCheckItem) else {}
            if item.type == "multiple-choice":
                assert q.findtext("shuffleanswers") == "false" and q.findtext("answernumbering") == "ABCD"
                assert [tags_off(a.findtext("text")) for a in answers] == [
                    plain(t) for t in item.options.values()
                ]
                assert [a.get("fraction") for a in answers] == [
                    "100" if x == item.key else "0" for x in item.options
                ]
                assert [tags_off(a.findtext("feedback/text")) for a in answers] == [
                    "" if graded else plain(feedback[x]) for x in item.options
                ]
            elif item.type == "true-false":
                assert [a.findtext("text") for a in answers] == ["true", "false"]
                assert [a.get("fraction") for a in answers] == (
                    ["100", "0"] if item.answer is True else ["0", "100"]
                )
                assert [tags_off(a.findtext("feedback/text")) for a in answers] == [
                    plain(feedback.get(w, "")) for w in ("true", "false")
                ]
            elif item.type == "ordering":
                assert q.findtext("gradingtype") == "ALL_OR_NOTHING" and q.findtext("selecttype") == "ALL"
                assert [tags_off(a.findtext("text")) for a in answers] == [
                    plain(step_label(x, item.options[x])) for x in item.key
                ], "the steps in the right order, each with its letter"
            else:
                assert q.findtext("responseformat") == "editor" and not answers
                info = tags_off(q.findtext("graderinfo/text"))
                assert plain(item.model_answer) in info
                for c in item.rubric:
                    assert plain(c.criterion) in info
                    assert all(plain(anchor) in info for anchor in (c.levels or {}).values())
                for s in item.samples or []:
                    assert plain(s.answer) in info


def test_nothing_hidden_and_no_explanation_reaches_a_platform(exports):
    for name, (group, data, package) in exports.items():
        texts = {f"moodle/{name}.xml": flat(data)}
        texts.update({f"canvas/{name}.zip:{n}": flat(b) for n, b in files(package).items()})
        for where, text in texts.items():
            for word in HIDDEN:
                assert word not in text, f"{where}: {word}"
            for item in group.items:
                assert plain(item.question) in text or where.endswith(("manifest.xml", "meta.xml")), where
                if isinstance(item, QuizItem):
                    assert plain(item.explanation) not in text, f"{where}: explanation of {item.id}"
                    if not item.autograded and "canvas" in where:
                        # Canvas has no field that only graders see: no marking scheme there.
                        assert plain(item.model_answer) not in text, where
                        assert all(plain(c.criterion) not in text for c in item.rubric), where


# Canvas: QTI 1.2 -----------------------------------------------------------------------------------


def test_qti_package_has_a_manifest_referencing_the_assessment(exports):
    for name, (group, _, package) in exports.items():
        ident = group.quiz.id if group.quiz else group.name
        found = files(package)
        assert set(found) == {"imsmanifest.xml", f"{ident}/{ident}.xml", f"{ident}/assessment_meta.xml"}
        manifest = bare(ET.fromstring(found["imsmanifest.xml"]))
        resources = {r.get("identifier"): r for r in manifest.iter("resource")}
        quiz = resources[ident]
        assert quiz.get("type") == "imsqti_xmlv1p2"
        assert [f.get("href") for f in quiz.iter("file")] == [f"{ident}/{ident}.xml"]
        meta = resources[quiz.find("dependency").get("identifierref")]
        assert [f.get("href") for f in meta.iter("file")] == [f"{ident}/assessment_meta.xml"]
        settings = bare(ET.fromstring(found[f"{ident}/assessment_meta.xml"]))
        graded = group.quiz is not None
        assert settings.findtext("quiz_type") == ("assignment" if graded else "practice_quiz")
        assert settings.findtext("show_correct_answers") == ("false" if graded else "true"), name
        total = sum(i.points for i in group.items) if graded else len(group.items)
        assert float(settings.findtext("points_possible")) == total


def test_qti_items_carry_key_points_options_and_feedback(exports):
    for name, (group, _, package) in exports.items():
        ident = group.quiz.id if group.quiz else group.name
        root = bare(ET.fromstring(files(package)[f"{ident}/{ident}.xml"]))
        assert root.find("assessment").get("ident") == ident
        items = root.findall("assessment/section/item")
        assert [i.get("ident") for i in items] == [i.id for i in group.items], name
        for node, item in zip(items, group.items, strict=True):
            graded = isinstance(item, QuizItem)
            meta = {
                f.findtext("fieldlabel"): f.findtext("fieldentry")
                for f in node.findall("itemmetadata/qtimetadata/qtimetadatafield")
            }
            assert meta["question_type"] == CANVAS_TYPES[item.type]
            assert float(meta["points_possible"]) == (item.points if graded else 1)
            text = tags_off(node.findtext("presentation/material/mattext"))
            assert plain(item.question) in text
            labels = {
                lab.get("ident"): lab.findtext("material/mattext") for lab in node.iter("response_label")
            }
            feedback = {
                f.get("ident"): tags_off(f.findtext("flow_mat/material/mattext"))
                for f in node.iter("itemfeedback")
            }
            shown = shown_options(item)
            if item.type in ("multiple-choice", "true-false"):
                assert list(labels.values()) == list(shown.values())
                right = [c for c in node.iter("respcondition") if c.findtext("setvar") == "100"]
                assert len(right) == 1
                assert labels[right[0].findtext("conditionvar/varequal")] == shown[item.key]
                if isinstance(item, SelfCheckItem):
                    words = (
                        {"T": "true", "F": "false"} if item.type == "true-false" else {x: x for x in shown}
                    )
                    by_text = {labels[k[: -len("_fb")]]: v for k, v in feedback.items()}
                    assert by_text == {shown[x]: plain(item.feedback[words[x]]) for x in shown}
            elif item.type == "ordering":
                steps = node.findall("presentation/response_lid")
                assert [s.findtext("material/mattext") for s in steps] == list(shown.values())
                for step, letter in zip(steps, shown, strict=True):
                    cond = next(
                        c
                        for c in node.iter("respcondition")
                        if c.find("conditionvar/varequal") is not None
                        and c.find("conditionvar/varequal").get("respident") == step.get("ident")
                    )
                    place = labels[cond.findtext("conditionvar/varequal")]
                    assert place == str(item.key.index(letter) + 1), f"{item.id}: step {letter}"
            else:
                assert node.find("presentation/response_str") is not None
            if graded:
                assert feedback == {"general_fb": f"Review: {plain(item.review)}"}


def test_exports_are_the_same_bytes_every_time(project, bank, exports, tmp_path):
    for name, (group, data, package) in exports.items():
        tag = group.quiz.id if group.quiz else "self-check"
        assert moodle_xml(group.items, f"{MOODLE_TOP}/{group.title}", tags=[tag]) == data
        assert qti_zip(group.quiz or group.items, group.title, ident=None if group.quiz else name) == package
    first = write_exports(project, tmp_path / "a")
    second = write_exports(project, tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert {p.relative_to(tmp_path / "a").as_posix() for p in first} == {
        f"{folder}/{name}.{ext}" for name in exports for folder, ext in (("moodle", "xml"), ("canvas", "zip"))
    }
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first[1]) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_TIME}
    assert (tmp_path / "a" / "moodle" / f"{QUIZ}.xml").read_bytes() == exports[QUIZ][1]


def test_an_unknown_language_is_refused(bank):
    quiz = bank.quiz(QUIZ)
    with pytest.raises(FrontlineError, match="no export labels for language 'xx'"):
        moodle_xml(quiz.items, "c", lang="xx")


# Results back --------------------------------------------------------------------------------------


def moodle_shorten(text: str) -> str:
    """Moodle's shorten_text(text, 10, true), as qtype_ordering's summarise_response calls it: the
    ending "..." counts within the 10 characters."""
    return text if len(text) <= 10 else text[:7] + "..."


def canvas_escape(part: str) -> str:
    return part.replace("=>", "\\=>")


def simulate(quiz, n: int = 60, seed: int = 5) -> list[tuple[str, dict[str, object]]]:
    """Learners of known ability answering: a letter (or order) for each item, points for the
    written one, or nothing."""
    rng = np.random.default_rng(seed)
    difficulty = np.linspace(-1.5, 1.5, len(quiz.items))
    out = []
    for k in range(n):
        ability = rng.normal()
        answers: dict[str, object] = {}
        for item, d in zip(quiz.items, difficulty, strict=True):
            p = 1 / (1 + np.exp(-(ability - d)))
            if rng.random() < 0.06:
                answers[item.id] = None
            elif not item.autograded:
                answers[item.id] = int(rng.binomial(item.points, p))
            elif rng.random() < p:
                answers[item.id] = item.key
            elif item.type == "ordering":
                order = item.key
                while order == item.key:
                    order = "".join(rng.permutation(list(item.letters)))
                answers[item.id] = order
            else:
                answers[item.id] = str(rng.choice([x for x in item.letters if x != item.key]))
        out.append((f"learner{k:03d}@example.org", answers))
    return out


def write_csv(path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def paper_sheet(path, items, learners) -> None:
    write_csv(
        path,
        ["learner", *(i.id for i in items)],
        [[who, *("" if a[i.id] is None else str(a[i.id]) for i in items)] for who, a in learners],
    )


def moodle_sheet(path, quiz, learners, unfinished: int = 0) -> None:
    """Moodle's Responses report, downloaded as CSV: its columns and its response summaries."""

    def response(item, answer):
        if answer is None:
            return "-"
        shown = shown_options(item)
        if not item.autograded:
            return "Topic: ... my plan, in my own words."
        if item.type == "ordering":
            return "; ".join(moodle_shorten(shown[x]) for x in answer)
        return shown[answer]

    header = ["Last name", "First name", "Email address", "Status", "Started", "Completed", "Duration"]
    header += [f"Grade/{quiz.max_score:.2f}", *(f"Response {n}" for n in range(1, len(quiz.items) + 1))]
    rows = []
    for k, (who, answers) in enumerate(learners):
        rows.append(
            [f"Surname{k}", f"Name{k}", who, "Finished", "3 December 2026  10:00 AM", "", "21 mins", "9.00"]
            + [response(i, answers[i.id]) for i in quiz.items]
        )
    for k in range(unfinished):
        rows.append(
            [f"Late{k}", "X", f"late{k}@example.org", "In progress", "", "", "", "-"]
            + ["-"] * len(quiz.items)
        )
    write_csv(path, header, rows)


def canvas_sheet(path, quiz, learners) -> None:
    """Canvas's Student Analysis report: two columns per question, the answer and the points."""

    def answer(item, given):
        shown = shown_options(item)
        if not item.autograded:
            return ("My plan, written out." if given is not None else ""), f"{float(given or 0):.1f}"
        if item.type == "ordering":
            pairs = [
                f"{canvas_escape(shown[x])}=>{canvas_escape(str(given.index(x) + 1) if given else '')}"
                for x in shown
            ]
            return ",".join(p.replace(",", "\\,") for p in pairs), ""
        return ("" if given is None else shown[given]), ""

    header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted"]
    for n, item in enumerate(quiz.items):
        header += [f"{7000 + n}: {re.sub(r'<[^>]+>', '', question_html(item))}", f"{float(item.points):.1f}"]
    header += ["n correct", "n incorrect", "score"]
    rows = []
    for k, (_, answers) in enumerate(learners):
        cells = []
        for item in quiz.items:
            cells += list(answer(item, answers[item.id]))
        rows.append(
            [f"Learner {k}", str(1000 + k), "", "Section 1", "1", "", "2026-12-03 10:00:00 UTC"]
            + cells
            + ["0", "0", "0"]
        )
    write_csv(path, header, rows)


def same_report(a: Responses, b: Responses) -> None:
    ra, rb = build(a), build(b)
    assert [(i.id, i.stats, i.options, i.flags) for i in ra.items] == [
        (i.id, i.stats, i.options, i.flags) for i in rb.items
    ]
    assert ra.test == rb.test
    assert np.array_equal(a.matrix, b.matrix) and a.choices == b.choices


def test_moodle_responses_give_the_same_statistics_as_paper(bank, tmp_path):
    quiz = bank.quiz(QUIZ)
    learners = simulate(quiz)
    auto = [i for i in quiz.items if i.autograded]
    paper_sheet(tmp_path / "paper.csv", auto, learners)
    paper = Responses(quiz, auto)
    add_paper(paper, tmp_path / "paper.csv")
    moodle_sheet(tmp_path / "moodle.csv", quiz, learners, unfinished=2)
    moodle = from_moodle_responses(quiz, tmp_path / "moodle.csv")
    assert moodle.learners == paper.learners
    assert [i.id for i in moodle.items] == [i.id for i in auto]
    assert any("eh-16 is left out" in n for n in moodle.notes)
    assert "2 attempt(s) not finished are left out." in moodle.notes
    same_report(moodle, paper)


def test_canvas_student_analysis_gives_the_same_statistics_as_paper(bank, tmp_path):
    quiz = bank.quiz(QUIZ)
    learners = simulate(quiz, seed=11)
    paper_sheet(tmp_path / "paper.csv", quiz.items, learners)
    paper = Responses(quiz, list(quiz.items))
    add_paper(paper, tmp_path / "paper.csv")
    canvas_sheet(tmp_path / "canvas.csv", quiz, learners)
    canvas = from_canvas_student_analysis(quiz, tmp_path / "canvas.csv")
    assert canvas.learners == [str(1000 + k) for k in range(len(learners))]
    same_report(canvas, paper)


def _moodle_bad_option(h, r):
    r[0][8] = "Ask the driver for the passport."
    return h, r


def _moodle_bad_step(h, r):
    r[1][9] = "Z: Noth...; " + r[1][9]
    return h, r


def _canvas_swapped(h, r):
    h[7:9], h[9:11] = h[9:11], h[7:9]
    return h, r


def _canvas_bad_place(h, r):
    r[0][9] = re.sub(r"=>\d*", "=>9", r[0][9], count=1)
    return h, r


@pytest.mark.parametrize(
    ("sheet", "change", "message"),
    [
        (
            "moodle",
            _moodle_bad_option,
            r"row 2, column 'Response 1' \(eh-01\): 'Ask the driver for the passport\.' "
            r"is not one of the options of eh-01",
        ),
        (
            "moodle",
            _moodle_bad_step,
            r"row 3, column 'Response 2' \(eh-02\): 'Z: Noth\.\.\.' is not one of the steps of eh-02",
        ),
        (
            "moodle",
            lambda h, r: (h[:-1], [x[:-1] for x in r]),
            r"row 1: 15 'Response N' columns, but quiz evidence-handling has 16",
        ),
        ("moodle", lambda h, r: (h, [r[0][:-1]]), r"row 2: 23 cells, the header has 24"),
        ("canvas", _canvas_swapped, r"row 1, column 8: '.*' is not question eh-01"),
        ("canvas", _canvas_bad_place, r"row 2, column 10 \(eh-02\): .*the place must be one of 1, 2, 3, 4"),
        (
            "canvas",
            lambda h, r: (h[:-1], [x[:-1] for x in r]),
            r"row 1: the last columns must be 'n correct'",
        ),
        ("canvas", lambda h, r: (h, r + [r[0]]), r"row \d+: learner '1000' appears twice"),
    ],
)
def test_a_malformed_report_names_the_file_row_and_column_in_one_line(bank, tmp_path, sheet, change, message):
    quiz = bank.quiz(QUIZ)
    learners = simulate(quiz, n=4, seed=2)
    path = tmp_path / f"{sheet}.csv"
    (moodle_sheet if sheet == "moodle" else canvas_sheet)(path, quiz, learners)
    with path.open(newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    header, rows = change(header, rows)
    write_csv(path, header, rows)
    read = from_moodle_responses if sheet == "moodle" else from_canvas_student_analysis
    with pytest.raises(FrontlineError) as err:
        read(quiz, path)
    text = str(err.value)
    assert text.startswith(f"{path}: ") and "\n" not in text, text
    assert re.search(message, text), text


def test_a_spreadsheet_instead_of_csv_is_refused(bank, tmp_path):
    path = tmp_path / "responses.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x9c")
    with pytest.raises(FrontlineError, match=r"not UTF-8 text: download the report as CSV"):
        from_moodle_responses(bank.quiz(QUIZ), path)


def test_a_canvas_order_with_two_steps_in_one_place_scores_nothing(bank, tmp_path):
    quiz = bank.quiz(QUIZ)
    learners = simulate(quiz, n=3, seed=4)
    learners[0][1]["eh-02"] = quiz.items[1].key
    path = tmp_path / "canvas.csv"
    canvas_sheet(path, quiz, learners)
    with path.open(newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    rows[0][9] = re.sub(r"=>\d", "=>1", rows[0][9])  # every step in place 1
    write_csv(path, header, rows)
    responses = from_canvas_student_analysis(quiz, path)
    assert responses.scores[0][1] == 0.0 and responses.choices[0][1] == "ABCD"


def test_older_moodle_headers_and_no_email_column(bank, tmp_path):
    quiz = bank.quiz(QUIZ)
    path = tmp_path / "moodle.csv"
    moodle_sheet(path, quiz, simulate(quiz, n=3, seed=6))
    with path.open(newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    header = ["Surname" if h == "Last name" else "State" if h == "Status" else h for h in header]
    drop = header.index("Email address")
    write_csv(path, header[:drop] + header[drop + 1 :], [r[:drop] + r[drop + 1 :] for r in rows])
    assert from_moodle_responses(quiz, path).learners == [
        "Name0 Surname0",
        "Name1 Surname1",
        "Name2 Surname2",
    ]


def test_the_report_command_reads_a_moodle_download(project, bank, scratch, tmp_path, monkeypatch):
    from frontline.cli import main

    quiz = bank.quiz(QUIZ)
    moodle_sheet(tmp_path / "moodle.csv", quiz, simulate(quiz, n=30))
    monkeypatch.chdir(scratch.root)
    out = tmp_path / "report"
    assert main(["report", QUIZ, "--moodle", str(tmp_path / "moodle.csv"), "--out", str(out)]) == 0
    page = (out / "index.html").read_text()
    assert "30 learners" in page and "is left out: Moodle" in page
