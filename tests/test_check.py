"""`frontline check` passes on the real content and names the file, item and problem when broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontline.checks.check import check
from frontline.cli import main
from tests.conftest import assert_only_untranslated

FR1 = "modules/first-responder/fr1-what-is-trafficking.md"


def test_real_content_passes(project):
    assert check(project) == []


def test_cli_check_passes(project, monkeypatch, capsys):
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 0
    assert "All content checks passed" in capsys.readouterr().out


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def only(problems: list[str], pattern: str) -> str:
    hits = [p for p in problems if re.search(pattern, p)]
    assert hits, f"no problem matching {pattern!r} in {problems}"
    return hits[0]


def test_missing_section_is_named(scratch):
    edit(scratch.root / FR1, "## Key points", "## Summary")
    problem = only(check(scratch), "missing section '## Key points'")
    assert problem.startswith(str(scratch.root / FR1))


def test_visible_code_is_refused(scratch):
    edit(scratch.root / FR1, ":tags: [remove-input]", ":tags: []")
    only(check(scratch), r"fr1-what-is-trafficking\.md: code cell \d must be tagged remove-input")


def test_unknown_self_check_is_named(scratch):
    edit(scratch.root / FR1, "```{self-check} fr1-sc-01", "```{self-check} fr1-sc-99")
    only(check(scratch), r"fr1-what-is-trafficking\.md: item fr1-sc-99: no self-check item")


def test_graded_item_in_the_book_is_refused(scratch):
    edit(scratch.root / FR1, "```{self-check} fr1-sc-01", "```{self-check} vi-01")
    only(check(scratch), r"item vi-01: is a graded quiz item")


def test_unassessed_objective_is_named(scratch):
    text = (scratch.root / FR1).read_text()
    text = text.replace("- **FR1.6**", "- **FR1.7** Name a new thing.\n- **FR1.6**")
    (scratch.root / FR1).write_text(text)
    only(check(scratch), r"item FR1\.7: no self-check or quiz item assesses this objective")


def test_item_with_unknown_objective_is_named(scratch):
    path = scratch.self_checks / "fr1.yaml"
    edit(path, "objective: FR1.1", "objective: FR1.9")
    problems = check(scratch)
    only(problems, r"fr1\.yaml: item fr1-sc-\d+: objective FR1\.9 is in no module")


def test_dataset_without_source_fails(scratch):
    path = next(scratch.data.glob("*.yaml"))
    text = re.sub(r"\nsource:\n(  .*\n)+", "\n", path.read_text())
    path.write_text(text)
    only(check(scratch), rf"{re.escape(path.name)}: source: Field required")


def test_dataset_citing_unknown_reference_fails(scratch):
    path = scratch.data / "glotip-2012-forms.yaml"
    edit(path, "reference: unodc2012glotip", "reference: nowhere2099")
    only(check(scratch), r"glotip-2012-forms\.yaml: source\.reference 'nowhere2099' is in no")


def test_unknown_citation_fails(scratch):
    edit(scratch.root / FR1, "{cite:p}`un2000protocol`", "{cite:p}`made2099up`")
    only(check(scratch), r"fr1-what-is-trafficking\.md: cites 'made2099up'")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("answer: B", "answer: Z", r"answer must be one of the option letters"),
        ("objective: FR1.1", "objective: fr1", r"objective: String should match pattern"),
        ("type: multiple-choice", "type: essay", r"type: Input should be"),
    ],
)
def test_malformed_self_check_items_are_named(scratch, old, new, message):
    path = scratch.self_checks / "fr1.yaml"
    edit(path, old, new)
    [problem] = check(scratch)
    assert problem.startswith(f"{path}: item fr1-sc-")
    assert re.search(message, problem), problem


def test_broken_yaml_names_the_line(scratch):
    path = scratch.quizzes / "victim-identification.yaml"
    path.write_text(path.read_text() + "\n  - id: [unclosed\n")
    [problem] = check(scratch)
    assert re.match(rf"{re.escape(str(path))}: malformed YAML: line \d+", problem), problem


def test_duplicate_ids_are_refused(scratch):
    path = scratch.self_checks / "fr2.yaml"
    edit(path, "id: fr2-sc-01", "id: fr1-sc-01")
    [problem] = check(scratch)
    assert "item fr1-sc-01: duplicate id" in problem


def test_stale_source_notebook_is_named(scratch):
    from frontline.content.bank import load_bank
    from frontline.grading.quiz_notebook import write_source

    write_source(scratch.course, load_bank(scratch).quiz("victim-identification"))
    path = scratch.quizzes / "victim-identification.yaml"
    text = path.read_text()
    path.write_text(text.replace("points: 1", "points: 2", 1))
    only(check(scratch), r"victim-identification\.ipynb: out of date with the bank")


def test_review_pointer_to_a_missing_section_is_named(scratch):
    edit(
        scratch.root / "modules/first-responder/fr2-recognising-victims.md",
        "## General indicators",
        "## Signs in general",
    )
    only(
        check(scratch), r"victim-identification\.yaml: item vi-0\d: review names section 'General indicators'"
    )


def _forms(scratch):
    import yaml

    base = yaml.safe_load((scratch.quizzes / "victim-identification.yaml").read_text())
    items = [i for i in base["items"] if i["type"] != "short-answer"][:2]
    pre = {**base, "id": "demo-pre", "parallel_form": "demo-post", "items": []}
    post = {**base, "id": "demo-post", "parallel_form": "demo-pre", "items": []}
    for n, item in enumerate(items, start=1):
        pre["items"].append({**item, "id": f"dp-pre-{n}", "pairs_with": f"dp-post-{n}"})
        post["items"].append({**item, "id": f"dp-post-{n}", "pairs_with": f"dp-pre-{n}"})
    return pre, post


def _write(scratch, *quizzes):
    import yaml

    for quiz in quizzes:
        (scratch.quizzes / f"{quiz['id']}.yaml").write_text(yaml.safe_dump(quiz, sort_keys=False))


def test_parallel_forms_pass_when_twinned(scratch):
    _write(scratch, *_forms(scratch))
    quizzes = "assessments/bank/quizzes"
    assert_only_untranslated(check(scratch), f"{quizzes}/demo-pre", f"{quizzes}/demo-post")


def test_parallel_twins_must_match(scratch):
    pre, post = _forms(scratch)
    post["items"][1]["objective"] = "FR1.3"
    post["items"][0]["pairs_with"] = "dp-pre-9"
    _write(scratch, pre, post)
    problems = check(scratch)
    only(problems, r"demo-pre\.yaml: item dp-pre-2: its twin dp-post-2 differs in objective$")
    only(problems, r"demo-pre\.yaml: item dp-pre-1: its twin dp-post-1 pairs with 'dp-pre-9' instead")


def test_parallel_form_must_name_back(scratch):
    pre, post = _forms(scratch)
    post["parallel_form"] = None
    for item in post["items"]:
        item.pop("pairs_with")
    _write(scratch, pre, post)
    only(check(scratch), r"demo-pre\.yaml: parallel_form 'demo-post' does not name 'demo-pre' back")
