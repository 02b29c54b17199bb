"""A quiz in French, end to end: released under the same assignment as the English one, answered,
graded with no language option and fed back in the learner's language. The French text comes from
the bank's catalogs, filled here by machine ("FR: ..."), never from real translations."""

from __future__ import annotations

import csv
import json

import pytest
from notebooks import QUIZ, fill, put

from frontline.content.bank import load_bank
from frontline.content.data_catalogs import catalog_path, sources
from frontline.grading.course import release
from frontline.grading.leaks import learner_files, scan
from frontline.grading.literal_grading import grade_notebook
from frontline.grading.pipeline import grade
from frontline.grading.quiz_notebook import MARK_SCHEME_BEGIN, language_of
from frontline.grading.quiz_page import page_path

WRITTEN = "Je protège d'abord la personne, puis j'appelle un interprète."


def _machine_french(project) -> None:
    """Every bank and exercise string as "FR: <ENGLISH IN CAPITALS>": easy to spot, and never equal
    to the English (the leak guard must find the French text itself)."""
    from babel.messages.pofile import read_po, write_po

    from frontline.book.translate import data_template, update_catalog

    for source in sources(project):
        path = catalog_path(project, "fr", source)
        update_catalog(path, data_template(project, source), "fr")
        with path.open("rb") as f:
            catalog = read_po(f, locale="fr")
        for message in catalog:
            if message.id:
                message.string = f"FR: {message.id.upper()}"
        with path.open("wb") as f:
            write_po(f, catalog, width=100, include_lineno=False)


def _answers(quiz, choose) -> dict[int, str]:
    """Answer N as a literal, from `choose(item)` (a letter in the notebook's own language)."""
    return {n: json.dumps(choose(i)) for n, i in enumerate(quiz.items, start=1) if i.autograded}


def _wrong(item) -> str:
    return next(x for x in item.letters if x != item.key)


@pytest.fixture(scope="module")
def course(scratch_module):
    """English and French released; four learners in each language, the same choices by pairs."""
    project = scratch_module
    _machine_french(project)
    en_path, fr_path = release(project, QUIZ), release(project, QUIZ, lang="fr")
    en_bank, fr_bank = load_bank(project), load_bank(project, "fr")
    en, fr = en_bank.quiz(QUIZ), fr_bank.quiz(QUIZ)
    released = {"en": json.loads(en_path.read_text()), "fr": json.loads(fr_path.read_text())}
    written = {i.id: WRITTEN for i in en.items if not i.autograded}
    # Same choices in both languages: by pairs of learners, right, wrong, and mixed by position.
    plans = {
        "right": lambda q: _answers(q, lambda i: i.key),
        "wrong": lambda q: _answers(q, _wrong),
        "mixed": lambda q: {
            n: json.dumps(i.key if n % 2 else _wrong(i))
            for n, i in enumerate(q.items, start=1)
            if i.autograded
        },
    }
    for name, plan in plans.items():
        put(project.course, f"en-{name}", fill(released["en"], plan(en), written))
        put(project.course, f"fr-{name}", fill(released["fr"], plan(fr), written))
    # True/false typed in the other language's letters: each notebook takes its own letters only.
    tf = [n for n, i in enumerate(en.items, start=1) if i.type == "true-false"]
    put(project.course, "fr-typed-T", fill(released["fr"], {**_answers(fr, lambda i: i.key), tf[0]: '"T"'}))
    put(project.course, "en-typed-V", fill(released["en"], {**_answers(en, lambda i: i.key), tf[0]: '"V"'}))
    report = grade(project, QUIZ, progress=False)
    with report.csv_path.open() as f:
        table = {r["learner"]: r for r in csv.DictReader(f)}
    return project, en, fr, en_path, fr_path, report, table, tf, (en_bank, fr_bank)


def test_the_french_notebook_is_french_and_the_same_assignment(course):
    _, en, fr, en_path, fr_path, *_ = course
    assert fr_path.name == en_path.name == f"{QUIZ}.ipynb"  # one assignment, one notebook name
    assert "translations/fr/release" in fr_path.as_posix()
    en_nb, fr_nb = json.loads(en_path.read_text()), json.loads(fr_path.read_text())
    assert language_of(fr_nb) == "fr" and language_of(en_nb) == "en"

    def grade_cells(nb):
        return [
            (c["metadata"]["nbgrader"]["grade_id"], c["metadata"]["nbgrader"].get("points"))
            for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade")
        ]

    assert grade_cells(fr_nb) == grade_cells(en_nb)
    text = "\n".join("".join(c["source"]) for c in fr_nb["cells"])
    assert fr.title.startswith("FR: ") and f"# {fr.title}\n" in text
    assert "FR: WHICH FACT IN THIS STORY IS THE MEANS?" in text
    assert "Ce questionnaire a " in text and "Enregistrez le notebook" in text
    assert "**V**\xa0: vrai" in text and "**F**\xa0: faux" in text and "**T**" not in text
    assert (
        "# tapez V ou F entre les guillemets" in text and "# tapez A, B, C ou D entre les guillemets" in text
    )
    assert "votre réponse {value} a la bonne forme" in text  # the setup cell's checks
    assert "Écrivez votre réponse ici." in text
    ours = "\n".join(line for line in text.splitlines() if "FR: " not in line)  # not the bank's text
    for english in ("This quiz has", "between the quotes", "is in the right form", "Write your answer here"):
        assert english not in ours, english
    assert "HIDDEN TESTS" not in text and MARK_SCHEME_BEGIN not in text and "assert " not in text


def test_the_setup_cell_checks_in_french(course):
    """What the learner sees when they run the checks (the helpers are the notebook's own code)."""
    import contextlib
    import io

    fr_path = course[4]
    setup = next(c for c in json.loads(fr_path.read_text())["cells"] if c["id"] == "setup")
    scope: dict = {}
    exec("".join(setup["source"]), scope)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        scope["check_form"](3, "v", "VF")
        scope["check_form"](3, "T", "VF")
        scope["check_order"](5, "", "ABCD")
    assert out.getvalue().splitlines() == [
        "Question 3\xa0: votre réponse V a la bonne forme. Elle sera notée plus tard.",
        "Question 3\xa0: 'T' n'est pas une des lettres V, F. Tapez une seule lettre entre les guillemets.",
        "Question 5\xa0: pas encore de réponse. Tapez les lettres ABCD dans l'ordre que vous choisissez.",
    ]


def test_the_french_quiz_page_is_french(course):
    fr_path = course[4]
    page = page_path(fr_path).read_text()
    assert '<html lang="fr">' in page
    assert "Enregistrer mes réponses" in page and "Comment utiliser cette page" in page
    assert 'value="V"><span>Vrai</span>' in page and 'value="F"><span>Faux</span>' in page
    assert "FR: WHICH FACT IN THIS STORY IS THE MEANS?" in page
    for english in ("Save my answers", "How this page works", "Your learner id", ">True<"):
        assert english not in page, english


def test_nothing_leaks_from_the_french_notebook_page_or_feedback(course):
    project, *_, (en_bank, fr_bank) = course
    files = [
        *learner_files(project.course / "translations" / "fr" / "release"),
        *learner_files(project.course / "feedback"),
    ]
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".ipynb" for p in files)
    assert scan(files, en_bank, fr_bank) == []


def test_the_leak_guard_knows_the_french_explanations(course, tmp_path):
    *_, (en_bank, fr_bank) = course
    item = fr_bank.quiz(QUIZ).items[0]
    page = tmp_path / "page.html"
    page.write_text(f"<p>{item.explanation}</p>")
    assert scan([page], en_bank) == []  # the English bank alone cannot see it
    assert [leak.item for leak in scan([page], en_bank, fr_bank)] == [item.id]


def test_grading_needs_no_language_and_course_sees_one_assignment(course):
    from frontline.grading.pipeline import gradebook_items
    from frontline.grading.store import open_gradebook

    project, en, *_, report, table, _, _ = course
    assert report.counts()["graded"] + report.counts().get("needs review", 0) == len(table) == 8
    assert report.failed == {}
    gb = open_gradebook(f"sqlite:///{project.course / 'gradebook.db'}", "frontline")
    try:
        assert gradebook_items(gb, QUIZ) == {i.id for i in en.items}
        assert [a.name for a in gb.assignments] == [QUIZ]
    finally:
        gb.close()


def test_same_choices_same_item_scores_in_both_languages(course):
    _, en, *_, table, _, _ = course
    for name in ("right", "wrong", "mixed"):
        mine, theirs = table[f"en-{name}"], table[f"fr-{name}"]
        for item in en.items:
            assert mine[item.id] == theirs[item.id], (name, item.id)
    assert table["fr-right"][en.items[0].id] == str(en.items[0].points)


def test_each_notebook_takes_its_own_true_false_letters_only(course):
    _, en, fr, *_, table, tf, _ = course
    item = en.items[tf[0] - 1]
    assert table["fr-right"][item.id] == str(item.points)  # V (or F) in French
    assert table["en-right"][item.id] == str(item.points)  # T (or F) in English
    if item.key == "T":  # the key is "true": T in French, V in English are not accepted
        assert table["fr-typed-T"][item.id] == "0"
        assert table["en-typed-V"][item.id] == "0"
    # Directly, both ways, whatever the key.
    for quiz, other in ((fr, "T"), (en, "V")):
        nb = {"nbformat": 4, "cells": [{"cell_type": "code", "source": f'answer_{tf[0]} = "{other}"'}]}
        assert grade_notebook(nb, quiz).scores[item.id] == 0.0
        yes = quiz.items[tf[0] - 1].letters[0 if quiz.items[tf[0] - 1].answer else 1]
        nb["cells"][0]["source"] = f'answer_{tf[0]} = "{yes}"'
        assert grade_notebook(nb, quiz).scores[item.id] == float(item.points)


def test_feedback_is_in_the_language_the_learner_took_the_quiz_in(course):
    project, en, *_ = course
    fr_page = (project.course / "feedback" / "fr-mixed" / QUIZ / f"{QUIZ}.html").read_text()
    en_page = (project.course / "feedback" / "en-mixed" / QUIZ / f"{QUIZ}.html").read_text()
    assert '<html lang="fr">' in fr_page and '<html lang="en">' in en_page
    for french in (
        "vos résultats",
        "Apprenant\xa0: fr-mixed",
        "Votre note",
        "Votre réponse\xa0:",
        "Juste (",
        "Pas juste (",
    ):
        assert french in fr_page, french
    assert "À relire\xa0: FR: " in fr_page  # the review pointer, translated
    assert "FR: WHICH FACT IN THIS STORY IS THE MEANS?" in fr_page
    for english in ("your feedback", "Your score", "Your answer", "Correct (", "Read again", "works without"):
        assert english not in fr_page, english
    assert "Your score" in en_page and "FR: " not in en_page


def test_the_report_counts_both_languages_together(course):
    """The instructor report reads the gradebook: French "V" counts as the option "true"."""
    from frontline.grading.course import db_url
    from frontline.reports.responses import from_gradebook

    project, en, *_, tf, _ = course
    responses = from_gradebook(db_url(project.course), project.course, en)
    assert len(responses.learners) == 8
    column = [i.id for i in responses.items].index(en.items[tf[0] - 1].id)
    typed = {learner: row[column] for learner, row in zip(responses.learners, responses.choices, strict=True)}
    assert typed["fr-right"] == typed["en-right"] == en.items[tf[0] - 1].key


def test_the_report_in_french_gives_the_same_numbers_as_in_english(course, tmp_path):
    """`frontline report --lang fr` on the class that took the quiz in both languages: the same CSV
    numbers as the English report, each French learner the same row as their English twin, and a
    French page (the options' text from the French bank, true as V)."""
    from html import unescape

    from frontline.reports.report import run

    project, en, fr, *_ = course
    pages = {
        lang: unescape(run(project, QUIZ, out=tmp_path / lang, lang=lang).read_text())
        for lang in ("en", "fr")
    }

    def rows(lang: str, name: str) -> list[list[str]]:
        with (tmp_path / lang / name).open() as f:
            return list(csv.reader(f))

    assert rows("en", "options.csv") == rows("fr", "options.csv")
    assert rows("en", "learners.csv") == rows("fr", "learners.csv")
    assert [r[:-1] for r in rows("en", "items.csv")] == [r[:-1] for r in rows("fr", "items.csv")]
    learners = {r[0]: r[1:] for r in rows("fr", "learners.csv")[1:]}
    for name in ("right", "wrong", "mixed"):
        assert learners[f"en-{name}"] == learners[f"fr-{name}"], name
    written = next(i for i in en.items if not i.autograded)
    assert f"{written.id} est écarté de l'analyse\xa0: il reste" in pages["fr"]
    assert f"{written.id} is left out" in pages["en"]
    multiple = next(i for i in fr.items if i.type == "multiple-choice")
    assert multiple.options["A"].startswith("FR: ") and multiple.options["A"] in pages["fr"]
    assert "FR: " not in pages["en"]
    assert '<html lang="fr">' in pages["fr"] and "<td>V" in pages["fr"] and "<td>T" not in pages["fr"]


@pytest.fixture(scope="module")
def odd_class(tmp_path_factory):
    """A class of its own (the one above stays as it is): in each language, a learner whose first
    answer cell holds code (needs review) and one whose notebook is too old to grade (failed)."""
    from pathlib import Path

    from notebooks import hostile

    from frontline.paths import Project

    project = Project(Path(__file__).resolve().parents[1]).copy_sources(
        tmp_path_factory.mktemp("odd") / "project"
    )
    _machine_french(project)
    for lang in ("en", "fr"):
        quiz = load_bank(project, lang).quiz(QUIZ)
        released = json.loads(release(project, QUIZ, lang=None if lang == "en" else lang).read_text())
        put(project.course, f"{lang}-code", hostile(quiz, released, 1, 'answer_1 = "B"\nprint("B")'))
        put(project.course, f"{lang}-old", {**released, "nbformat": 3})
    report = grade(project, QUIZ, progress=False)
    with report.csv_path.open() as f:
        table = {r["learner"]: r for r in csv.DictReader(f)}

    def feedback(learner: str) -> str:
        return (project.course / "feedback" / learner / QUIZ / f"{QUIZ}.html").read_text()

    return report, table, feedback


ENGLISH_REASON_WORDS = (
    "notebook format",
    "too old",
    "4 or newer",
    "the answer cell",
    "instead of",
    "statements",
)


def test_a_french_page_gives_the_reason_in_french(odd_class):
    from html import unescape

    report, table, feedback = odd_class
    assert table["fr-old"]["status"] == table["en-old"]["status"] == "failed"
    page = unescape(feedback("fr-old"))
    assert '<html lang="fr">' in page
    assert (
        "Votre questionnaire n'a pas pu être corrigé. Votre fichier est conservé, rien n'est perdu. "
        "Adressez-vous à votre formateur. La raison\xa0: le notebook est enregistré dans un format "
        "trop ancien (version 3, il faut la version 4 ou plus récente)"
    ) in page
    for english in ENGLISH_REASON_WORDS:
        assert english not in page, english
    # The English learner's page, the grades CSV and the summary stay in English.
    assert "The reason: notebook format 3 is too old (4 or newer)" in unescape(feedback("en-old"))
    from frontline.grading.summary import summary

    old = "notebook format 3 is too old (4 or newer)"
    assert table["fr-old"]["reason"] == table["en-old"]["reason"] == old
    assert report.failed["fr-old"] == old
    assert f"submitted/fr-old/{QUIZ}: failed: {old}" in summary(report)


def test_an_unreadable_answer_cell_is_explained_in_the_page_language(odd_class):
    from html import unescape

    _, table, feedback = odd_class
    english = "question 1: the answer cell holds 2 statements (an assignment, a function call)"
    assert table["fr-code"]["status"] == table["en-code"]["status"] == "needs review"
    assert table["fr-code"]["reason"].startswith(english)  # the instructor's CSV: English
    assert table["en-code"]["reason"].startswith(english)
    fr, en = unescape(feedback("fr-code")), unescape(feedback("en-code"))
    assert "Votre réponse n'a pas pu être lue comme des lettres. Une personne va la regarder." in fr
    for words in ENGLISH_REASON_WORDS:
        assert words not in fr, words
    assert "Your answer could not be read as letters; a person will look at it." in en


def test_every_reason_has_every_language_s_words():
    """Each key of quiz_words.REASONS (every reason, and what a cell can hold) in every language a
    quiz can be released in, with no placeholder the reason does not give; a reason with another
    key cannot be made."""
    from string import Formatter

    from frontline.grading.literal_grading import _STATEMENTS, Reason
    from frontline.grading.quiz_words import REASONS, quiz_languages, words

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    assert "fr" in quiz_languages() and set(quiz_languages()) <= set(REASONS)
    english = REASONS["en"]
    kinds = {kind for _, kind in _STATEMENTS} | {"call", "expression", "other"}
    assert {f"{n}.{k}" for k in kinds for n in ("one", "many")} <= set(english)
    for lang in REASONS:
        w = words(REASONS, lang)
        assert set(w) == set(english), (lang, set(english) ^ set(w))
        for key, text in english.items():
            # An answer cell's reason always has its variable (answer_3), for the language to show.
            given = fields(text) | ({"variable"} if key.startswith("cell") else set())
            assert w[key] and fields(w[key]) <= given, (lang, key)
    with pytest.raises(ValueError, match="no reason"):
        Reason("no such reason")


def test_reasons_are_grouped_and_written_in_the_language():
    from frontline.grading.literal_grading import Reason, describe, literal_answer

    _, loop = literal_answer("for _ in range(3):\n    answer_1 = 'B'", "answer_1")
    reasons = [
        *(Reason(loop.key, loop.values, n) for n in (1, 2, 3, 5)),
        Reason("written_to_mark", question=4),
        Reason("too_big", {"size": 1234567, "limit": 1000}),
    ]
    assert describe(reasons) == (
        "questions 1-3, 5: the answer cell holds a loop instead of one assignment of a literal; "
        "question 4: a written answer to mark; the file is 1,234,567 bytes, over the limit of 1,000"
    )
    assert describe(reasons, "fr") == (
        "questions 1-3, 5\xa0: la cellule de réponse n'a pas la forme attendue (une seule ligne "
        'answer_1 = "" avec votre réponse entre les guillemets)\xa0: elle contient une boucle\u202f; '
        "question 4\xa0: une réponse écrite à noter\u202f; "
        "le fichier fait 1\u202f234\u202f567 octets, plus que la limite de 1\u202f000"
    )
    # Kept in the gradebook as data, read back the same; a line recorded before keys stays as written.
    assert [Reason.of(r.data()) for r in reasons] == reasons
    assert describe(["question 2: the answer cell is missing"], "fr") == (
        "question 2\xa0: the answer cell is missing"
    )
