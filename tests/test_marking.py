"""The written item's marking scheme: anchored levels, bands without gaps, and sample answers that
the scheme's own rules put in the band they claim; graders see all of it, learners none of it."""

from __future__ import annotations

import re

import yaml

from frontline.checks.check import check
from frontline.checks.marking import SAMPLES_PER_BAND, band_of
from frontline.content.bank import load_bank
from frontline.grading.leaks import scan
from frontline.grading.quiz_notebook import MARK_SCHEME_BEGIN, MARK_SCHEME_END, notebook_text


def scheme(project):
    return next(i for i in load_bank(project).quiz("session-plan").items if i.type == "short-answer")


def test_every_band_has_samples_marked_by_the_rules(project):
    item = scheme(project)
    assert item.bands and all(c.levels for c in item.rubric)
    for band in item.bands:
        samples = [s for s in item.samples if s.band == band]
        assert len(samples) >= SAMPLES_PER_BAND, band
        for s in samples:
            assert all(m in c.levels for m, c in zip(s.marks, item.rubric, strict=True))
            assert band_of(item, sum(s.marks)) == band


def test_graders_see_levels_and_samples_in_the_mark_scheme(project):
    item = scheme(project)
    text = notebook_text(load_bank(project).quiz("session-plan"))
    scheme_text = text[text.index(MARK_SCHEME_BEGIN) : text.index(MARK_SCHEME_END)]
    first = item.samples[0].answer.split()[:6]
    assert " ".join(first) in scheme_text.replace("\\n", " ")
    assert item.rubric[0].levels[0].split()[0] in scheme_text


def test_a_sample_answer_in_a_learners_file_is_a_leak(project, tmp_path):
    item = scheme(project)
    page = tmp_path / "feedback.html"
    page.write_text(f"<p>{item.samples[1].answer}</p>")
    assert any(leak.what.startswith("sample answer") for leak in scan([page], load_bank(project)))


def _edit(scratch, change) -> None:
    path = scratch.quizzes / "session-plan.yaml"
    data = yaml.safe_load(path.read_text())
    change(data["items"][0])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def only(problems, pattern):
    assert any(re.search(pattern, p) for p in problems), problems


def test_a_sample_outside_its_band_is_named(scratch):
    def change(item):
        sample = next(s for s in item["samples"] if s["band"] == "weak")
        sample["marks"] = [c["points"] for c in item["rubric"]]

    _edit(scratch, change)
    only(
        check(scratch),
        r"session-plan\.yaml: item sp-01: sample \d+: its marks add up to 10, outside band 'weak'",
    )


def test_a_gap_between_bands_and_a_band_without_samples_are_named(scratch):
    def change(item):
        item["bands"]["weak"] = [0, 3]
        item["samples"] = [s for s in item["samples"] if s["band"] != "adequate"][:5]

    _edit(scratch, change)
    problems = check(scratch)
    only(problems, r"item sp-01: bands must cover every total from 0 to 10 once")
    only(problems, r"item sp-01: band 'adequate' has 0 sample answer\(s\); it needs 2")


def test_a_level_without_an_anchor_is_refused(scratch):
    def change(item):
        item["rubric"][0]["levels"].pop(0)

    _edit(scratch, change)
    only(check(scratch), r"levels must anchor every mark from 0 to")
