"""The instructor report in another language (`frontline report QUIZ --lang fr`): a class that answered
in English and in French counts as one, the statistics and the CSV numbers are the same in every
language, and the French page speaks French (the interface catalog's words, the French bank's
options, French numbers). Answers on paper here; tests/test_quiz_languages.py does the same with
graded English and French notebooks."""

from __future__ import annotations

import csv
import re
from html import unescape

import numpy as np
import pytest

from frontline.cli import main
from frontline.content.bank import load_bank
from frontline.content.interface import translations
from frontline.errors import FrontlineError
from frontline.reports.report import Words, build, write
from frontline.reports.responses import Responses, add_paper

QUIZ = "victim-identification"


def answers(quiz, n: int, seed: int) -> list[list[str]]:
    """`n` learners' answers to every item, in the quiz's own letters: abler learners choose the key
    more often; a few leave an answer blank; a written answer is the points a grader gave."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(0.5, 1, n)
    difficulty = np.linspace(-1.5, 1.5, len(quiz.items))
    rows = []
    for k in range(n):
        row = []
        for item, hard in zip(quiz.items, difficulty, strict=True):
            right = rng.random() < 1 / (1 + np.exp(hard - ability[k]))
            if not item.autograded:
                row.append(str(rng.integers(0, item.points + 1)))
            elif rng.random() < 0.05:
                row.append("")
            elif right or item.type == "ordering":
                row.append(item.key if right else item.key[::-1])
            else:
                row.append(str(rng.choice([x for x in item.letters if x != item.key])))
        rows.append(row)
    return rows


def sheet(path, quiz, rows: list[list[str]], names: list[str], french: bool = False):
    """A paper answer sheet; `french`: true/false written as a French learner writes it (V or F)."""
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["learner", *(i.id for i in quiz.items)])
        for name, row in zip(names, rows, strict=True):
            cells = [
                {"T": "V"}.get(c, c) if french and i.type == "true-false" else c
                for i, c in zip(quiz.items, row, strict=True)
            ]
            out.writerow([name, *cells])
    return path


@pytest.fixture(scope="module")
def mixed(scratch_module, tmp_path_factory):
    """One class on paper, before and after training: half answered the English quiz, half the
    French one (true/false as V or F); the report of knowledge-post in English and in French."""
    project = scratch_module
    folder = tmp_path_factory.mktemp("mixed")
    bank = load_bank(project)
    post, pre = bank.quiz("knowledge-post"), bank.quiz("knowledge-pre")
    names = [f"learner-{k:02d}" for k in range(24)]
    after, before = answers(post, 24, 3), answers(pre, 24, 4)
    papers = [
        "--paper",
        str(sheet(folder / "post-en.csv", post, after[:12], names[:12])),
        "--paper",
        str(sheet(folder / "post-fr.csv", post, after[12:], names[12:], french=True)),
        "--before-paper",
        str(sheet(folder / "pre-en.csv", pre, before[:12], names[:12])),
        "--before-paper",
        str(sheet(folder / "pre-fr.csv", pre, before[12:], names[12:], french=True)),
    ]
    pages = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project.root)
        for lang in ("en", "fr"):
            assert (
                main(["report", "knowledge-post", *papers, "--lang", lang, "--out", str(folder / lang)]) == 0
            )
            pages[lang] = unescape((folder / lang / "index.html").read_text(encoding="utf-8"))
    return project, folder, pages


def test_french_paper_answers_are_the_same_choices(project, tmp_path):
    """V on a French sheet is the option "true", as T on an English one; F is false in both."""
    quiz = load_bank(project).quiz(QUIZ)
    rows = answers(quiz, 12, 7)
    names = [f"p{k}" for k in range(12)]
    assert any(r[n] == "T" for r in rows for n, i in enumerate(quiz.items) if i.type == "true-false")
    english, french = Responses(quiz, list(quiz.items)), Responses(quiz, list(quiz.items))
    add_paper(english, sheet(tmp_path / "en.csv", quiz, rows, names))
    add_paper(french, sheet(tmp_path / "fr.csv", quiz, rows, names, french=True))
    assert "V" in (tmp_path / "fr.csv").read_text()
    assert np.array_equal(english.matrix, french.matrix) and english.choices == french.choices


def test_a_true_false_letter_of_no_language_is_refused(project, tmp_path):
    quiz = load_bank(project).quiz(QUIZ)
    item = next(i for i in quiz.items if i.type == "true-false")
    rows = [[i.key if i is not item else "X" for i in quiz.items]]
    rows[0] = [c if i.autograded else "0" for i, c in zip(quiz.items, rows[0], strict=True)]
    path = sheet(tmp_path / "paper.csv", quiz, rows, ["p1"])
    with pytest.raises(FrontlineError) as err:
        add_paper(Responses(quiz, list(quiz.items)), path)
    assert str(err.value).endswith(f"row 2, column {item.id}: 'X' is not one of T, F (fr: V, F)")


def _rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f))


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


def test_both_languages_give_the_same_statistics_and_csv(mixed):
    """Every number and code of every CSV file is the same; only notes and flags (words) differ."""
    _, folder, _ = mixed
    files = sorted(p.name for p in (folder / "en").glob("*.csv"))
    assert files == sorted(p.name for p in (folder / "fr").glob("*.csv"))
    assert {"gain.csv", "group-gain.csv", "columns.csv"} <= set(files)
    words = 0
    for name in files:
        en, fr = _rows(folder / "en" / name), _rows(folder / "fr" / name)
        assert en[0] == fr[0] and len(en) == len(fr), name  # the same columns: stable machine names
        for a, b in zip(en[1:], fr[1:], strict=True):
            for x, y in zip(a, b, strict=True):
                if name != "columns.csv" and x != y:
                    assert not _number(x) and not _number(y), (name, x, y)
                    words += 1
    assert words, "the French files hold French notes"
    objectives = {r[0]: r[2] for r in _rows(folder / "fr" / "objectives.csv")[1:]}
    assert set(objectives.values()) == {"un seul item\xa0: pas assez pour juger"}


def test_the_french_page_is_french(mixed):
    project, folder, pages = mixed
    en, fr = pages["en"], pages["fr"]
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    french_quiz = load_bank(project, "fr").quiz("knowledge-post")
    assert f"<h1>Rapport\xa0: {french_quiz.title}</h1>" in fr
    for heading in (
        "En un coup d'œil",
        "Options choisies",
        "Objectifs d'apprentissage",
        "Avant et après",
        "Questions jumelles",
        "Fichiers",
    ):
        assert f">{heading}</h" in fr, heading
    for header in ("Taux de réussite", "Tiers supérieur", "Apprenants qui le maîtrisent"):
        assert f'<th scope="col">{header}</th>' in fr, header
    for english in (
        "At a glance",
        "Options chosen",
        "Learning objectives",
        "Before and after",
        "Twin items",
        "Report:",
        "(key)",
        "no answer",
        "per cent",
        "Mean score",
        "Facility",
    ):
        assert english not in fr, english
    # Numbers as French writes them; the same numbers as in English.
    mean = re.search(r"Mean score (\d+)\.(\d) per cent", en)
    assert f"Score moyen de {mean.group(1)},{mean.group(2)}\u202f%" in fr
    cells = re.findall(r'<td class="num">([^<]*)</td>', fr)
    assert cells and all("." not in c for c in cells) and any(re.fullmatch(r"\d+,\d\d", c) for c in cells)
    assert "\u202f%</td>" in fr
    # The options' text from the French bank; true/false as the French learner wrote it.
    english_quiz = load_bank(project).quiz("knowledge-post")
    mc = next(i for i in french_quiz.items if i.type == "multiple-choice")
    english_text = next(i for i in english_quiz.items if i.id == mc.id).options["A"]
    assert mc.options["A"] in fr and english_text != mc.options["A"]
    assert english_text not in fr and english_text in en
    assert "<td>V</td><td>Vrai</td>" in fr or "<td>V (bonne réponse)</td><td>Vrai</td>" in fr
    assert "<td>sans réponse</td>" in fr
    columns = {(r[0], r[1]): r[2] for r in _rows(folder / "fr" / "columns.csv")[1:]}
    assert columns[("items.csv", "facility")].startswith("Taux de réussite (indice de facilité)\xa0:")
    assert columns[("learners.csv", "mastered FR1.1")] == (
        "«\xa0yes\xa0» si l'apprenant maîtrise l'objectif FR1.1 (au moins 80\u202f% de ses points), "
        "sinon «\xa0no\xa0»."
    )


def _flagged_class(project) -> Responses:
    """A class whose items draw every kind of flag: too hard, too easy, the same score for
    everyone, and a distractor the top third prefers to the key."""
    quiz = load_bank(project).quiz(QUIZ)
    items = [i for i in quiz.items if i.autograded][:6]
    responses = Responses(quiz, items)
    for n in range(12):
        strong = n >= 6
        wrong = [next(x for x in i.letters if x != i.key) for i in items]
        chosen = [
            wrong[0],  # nobody right: very hard, discrimination undefined
            items[1].key,  # everybody right: very easy
            items[2].key if strong else wrong[2],
            items[3].key if strong or n % 2 else wrong[3],
            wrong[4] if strong else items[4].key,  # the top third prefers a distractor
            None if n == 0 else items[5].key if n % 3 else wrong[5],
        ]
        responses.add(f"l{n}", [float(c == i.key) for c, i in zip(chosen, items, strict=True)], chosen, "t")
    return responses


def test_every_word_the_report_writes_in_french_is_translated(mixed, tmp_path):
    """Each interface message the report asks for, with flags, notes and a gain, has a finished
    French translation (a published language may not fall back to English)."""
    from frontline.content.interface import interface
    from frontline.reports.report import words
    from frontline.reports.responses import Note

    project, folder, _ = mixed
    asked: set[str] = set()
    french = interface(project, "fr")

    def t(msgid: str) -> str:
        asked.add(msgid)
        return french(msgid)

    w = Words("fr", t, words(project, "fr").letters)
    responses = _flagged_class(project)
    responses.notes.append(Note("{count} submission(s) could not be graded and are left out.", count=2))
    page = unescape(write(build(responses), tmp_path / "flags", w=w).read_text(encoding="utf-8"))
    assert "Copies qui n'ont pas pu être corrigées, et sont écartées de l'analyse\xa0: 2." in page
    for flag in (
        "très difficile (taux de réussite inférieur à 0,2)",
        "très facile (taux de réussite supérieur à 0,95)",
        "discrimination impossible à calculer",
        "le tiers supérieur a choisi le distracteur",
    ):
        assert flag in page, flag
    bank = load_bank(project)
    post, pre = (
        Responses(q, list(q.items)) for q in (bank.quiz("knowledge-post"), bank.quiz("knowledge-pre"))
    )
    for responses, name in ((post, "post"), (pre, "pre")):
        for lang in ("en", "fr"):
            add_paper(responses, folder / f"{name}-{lang}.csv")
    page = write(build(post, before=pre), tmp_path / "gain", w=w).read_text(encoding="utf-8")
    assert "Questions jumelles" in page
    done = translations(project, "fr")
    assert len(asked) > 60
    assert sorted(m for m in asked if m not in done) == []


def test_a_language_the_book_does_not_have_is_refused_in_one_line(mixed, monkeypatch, capsys):
    project, *_ = mixed
    monkeypatch.chdir(project.root)
    assert main(["report", "knowledge-post", "--lang", "xx"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no language 'xx' (the book has en, fr)" in err, err
