"""`frontline report`: statistics against independent computations, a simulation with known item
difficulties, edge cases, paper answers, pseudonyms, and the report end to end."""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest

from frontline.book.pageweight import weigh
from frontline.cli import main
from frontline.content.bank import load_bank
from frontline.errors import FrontlineError
from frontline.reports.report import build, pseudonymiser, write
from frontline.reports.responses import Responses, add_paper
from frontline.reports.stats import cronbach_alpha, item_stats, normalised_gain

QUIZ = "victim-identification"


def synthetic(project, n: int, seed: int = 1, quiz_id: str = QUIZ, spread: float = 1.5):
    """Learners of known ability answering items of known difficulty (a Rasch model)."""
    quiz = load_bank(project).quiz(quiz_id)
    items = [i for i in quiz.items if i.autograded]
    rng = np.random.default_rng(seed)
    difficulty = np.linspace(-spread, spread, len(items))
    ability = rng.normal(0, 1, n)
    right = rng.random((n, len(items))) < 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    responses = Responses(quiz, items)
    for k in range(n):
        choices = [
            item.key if right[k, j] else next(x for x in item.letters if x != item.key)
            for j, item in enumerate(items)
        ]
        responses.add(f"learner-{k:04d}", [float(x) for x in right[k]], choices, "synthetic")
    return responses, difficulty


def alpha_from_covariance(scores: np.ndarray) -> float:
    """Alpha computed another way: from the item covariance matrix."""
    c = np.cov(scores, rowvar=False)
    k = c.shape[0]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def test_alpha_matches_an_independent_computation():
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 3, size=(40, 9)).astype(float)
    alpha, note = cronbach_alpha(scores)
    assert alpha == pytest.approx(alpha_from_covariance(scores), abs=1e-12)
    assert note == "Cronbach's alpha"
    binary = (rng.random((60, 12)) < 0.6).astype(float)
    kr20, note = cronbach_alpha(binary)
    p = binary.mean(axis=0)
    k = binary.shape[1]
    expected = k / (k - 1) * (1 - (p * (1 - p)).sum() * 60 / 59 / binary.sum(axis=1).var(ddof=1))
    assert (kr20, note) == (pytest.approx(expected, abs=1e-12), "KR-20")


def test_discrimination_is_the_item_rest_correlation():
    rng = np.random.default_rng(3)
    scores = (rng.random((50, 6)) < 0.5).astype(float)
    stats = item_stats(scores, np.ones(6))
    for j, s in enumerate(stats):
        rest = scores.sum(axis=1) - scores[:, j]
        assert s.discrimination == pytest.approx(100 * np.corrcoef(scores[:, j], rest)[0, 1])
        assert s.facility == pytest.approx(scores[:, j].mean())


def test_a_perfectly_ordered_item_has_full_efficiency():
    rest_scores = np.arange(10, dtype=float)
    item = (rest_scores >= 5).astype(float)
    scores = np.column_stack([item, rest_scores])
    stats = item_stats(scores, np.array([1.0, 9.0]))
    assert stats[0].efficiency == pytest.approx(100.0)


def test_simulation_recovers_the_order_of_difficulty(project):
    responses, difficulty = synthetic(project, 2000)
    report = build(responses)
    facility = np.array([i.stats.facility for i in report.items])
    ranks = lambda a: np.argsort(np.argsort(a))  # noqa: E731
    rho = np.corrcoef(ranks(facility), ranks(-difficulty))[0, 1]
    assert rho > 0.95
    assert all(i.stats.discrimination > 15 for i in report.items)
    assert report.test.alpha is not None and 0.5 < report.test.alpha < 1


def test_same_score_for_everyone_says_alpha_is_undefined(project, tmp_path):
    quiz = load_bank(project).quiz(QUIZ)
    items = [i for i in quiz.items if i.autograded][:5]
    responses = Responses(quiz, items)
    for n in range(4):
        responses.add(f"l{n}", [1.0] * 5, [i.key for i in items], "t")
    report = build(responses)
    assert report.test.alpha is None and "same total score" in report.test.alpha_note
    page = write(report, tmp_path / "r")
    assert "not defined: every learner has the same total score" in page.read_text()


def test_a_single_learner_and_unanswered_items(project, tmp_path):
    quiz = load_bank(project).quiz(QUIZ)
    items = [i for i in quiz.items if i.autograded][:4]
    responses = Responses(quiz, items)
    responses.add("only", [1.0, 0.0, 0.0, 0.0], [items[0].key, None, None, None], "t")
    report = build(responses)
    assert report.test.alpha is None and "at least two learners" in report.test.alpha_note
    no_answer = next(o for o in report.items[1].options if o.option == "no answer")
    assert no_answer.overall == 1.0
    assert write(report, tmp_path / "r").is_file()


def test_normalised_gain():
    gain = normalised_gain(np.array([50.0, 80.0, 100.0]), np.array([75.0, 90.0, 100.0]))
    assert gain[0] == pytest.approx(0.5) and gain[1] == pytest.approx(0.5) and np.isnan(gain[2])


def paper(path, header, rows):
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_paper_answers_are_scored_against_the_bank(project, tmp_path):
    quiz = load_bank(project).quiz(QUIZ)
    items = [i for i in quiz.items if i.autograded]
    wrong = [next(x for x in i.letters if x != i.key) for i in items]
    path = paper(
        tmp_path / "paper.csv",
        ["learner", *(i.id for i in items)],
        [["p1", *(i.key.lower() for i in items)], ["p2", *wrong], ["p3", *[""] * len(items)]],
    )
    responses = Responses(quiz, items)
    add_paper(responses, path)
    assert responses.learners == ["p1", "p2", "p3"]
    assert responses.matrix.sum(axis=1).tolist() == [len(items), 0, 0]
    assert responses.choices[2] == [None] * len(items)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda h, r: (h, [[*r[0][:2], "Q", *r[0][3:]]]),
            r"row 2, column vi-02: 'Q' is not one of A, B, C, D",
        ),
        (
            lambda h, r: ([*h[:-1], "vi-99"], r),
            r"row 1, column 18: 'vi-99' is no item of victim-identification",
        ),
        (lambda h, r: (h, [r[0][:-1]]), r"row 2: 17 cells, the header has 18"),
        (lambda h, r: (["name", *h[1:]], r), r"row 1: the first column must be 'learner'"),
        (lambda h, r: (h, [r[0], r[0]]), r"row 3: learner 'p1' appears twice"),
    ],
)
def test_malformed_paper_rows_name_the_row_and_column(project, tmp_path, change, message):
    quiz = load_bank(project).quiz(QUIZ)
    items = [i for i in quiz.items if i.autograded]
    header = ["learner", *(i.id for i in items)]
    rows = [["p1", *(i.key for i in items)]]
    header, rows = change(header, rows)
    path = paper(tmp_path / "paper.csv", header, rows)
    with pytest.raises(FrontlineError) as err:
        add_paper(Responses(quiz, items), path)
    assert str(err.value).startswith(str(path))
    assert re.search(message, str(err.value)), str(err.value)


def test_pseudonyms_are_stable_and_hide_ids(project, tmp_path):
    responses, _ = synthetic(project, 30)
    name = pseudonymiser("salt")
    assert name("learner-0001") == pseudonymiser("salt")("learner-0001") != name("learner-0002")
    out = write(build(responses), tmp_path / "r", name).parent
    for path in out.iterdir():
        if path.suffix in {".csv", ".html"}:
            assert "learner-00" not in path.read_text(), path


def test_before_and_after_from_paper(scratch, tmp_path, monkeypatch):
    bank = load_bank(scratch)
    pre, post = bank.quiz("knowledge-pre"), bank.quiz("knowledge-post")

    def sheet(quiz, name, right):
        rows = []
        for learner, count in right.items():
            rows.append(
                [
                    learner,
                    *(
                        i.key if n < count else next(x for x in i.letters if x != i.key)
                        for n, i in enumerate(quiz.items)
                    ),
                ]
            )
        return paper(tmp_path / name, ["learner", *(i.id for i in quiz.items)], rows)

    before = sheet(pre, "pre.csv", {"a": 7, "b": 14, "c": 0})
    after = sheet(post, "post.csv", {"a": 14, "b": 14, "c": 7, "d": 10})
    args = ["report", "knowledge-post", "--paper", str(after), "--before-paper", str(before)]
    monkeypatch.chdir(scratch.root)
    assert main([*args, "--out", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "gain.csv").open() as f:
        gain = {r["learner"]: r for r in csv.DictReader(f)}
    assert list(gain) == ["a", "b", "c"], "people are listed by id, never ranked by gain"
    assert (gain["a"]["before_percent"], gain["a"]["after_percent"]) == ("50.0", "100.0")
    assert gain["b"]["note"].startswith("at the ceiling before training") and gain["a"]["note"] == ""
    assert gain["c"]["before_percent"] == "0.0" and "normalised_gain" not in gain["c"]
    with (tmp_path / "out" / "group-gain.csv").open() as f:
        group = next(csv.DictReader(f))
    # Gains 50, 0, 50: mean 33.3, SE = sd/sqrt(3) = 16.7; class means 50 -> 83.3, so (33.3)/(50) = 0.67.
    assert group == {
        "learners": "3",
        "mean_gain_points": "33.3",
        "standard_error": "16.7",
        "normalised_gain_of_class_means": "0.67",
    }
    page = (tmp_path / "out" / "index.html").read_text()
    assert "people are not ranked by gain" in page and "Twin items" in page
    assert "one item: not enough to judge" in page
    assert (tmp_path / "out" / "gain.png").is_file()
    assert weigh(tmp_path / "out" / "index.html").external == []


def test_group_gain_is_a_figure_for_the_group():
    from frontline.reports.stats import group_gain

    g = group_gain(np.array([40.0, 60.0, 80.0, 60.0]), np.array([70.0, 80.0, 90.0, 80.0]))
    assert (g.learners, round(g.mean, 1), round(g.se, 2), round(g.normalised, 2)) == (4, 20.0, 4.08, 0.5)
    full = group_gain(np.array([100.0, 100.0]), np.array([100.0, 90.0]))
    assert full.normalised is None and full.mean == -5.0
    assert group_gain(np.array([50.0]), np.array([60.0])).se is None


def test_objectives_the_quiz_leaves_out_are_named(project):
    from frontline.reports.report import Report, uncovered_objectives

    quiz = load_bank(project).quiz("victim-identification")
    tested = {i.objective: 1.0 for i in quiz.items}
    report = Report(None, [], None, None, tested, {}, 0.8)
    missing = uncovered_objectives(project, quiz, report)
    assert missing and all(o.split(".")[0] in quiz.modules and o not in tested for o in missing)
