"""Item-writing rules of `frontline check` (AUTHORING.md, "Items that measure what they claim"):
one broken fixture per rule, each failing with the file, the item and what gives the answer away."""

from __future__ import annotations

import re

import pytest
import yaml

from frontline.checks.check import check
from frontline.checks.items import about_a_child, statistics
from frontline.content.bank import load_bank


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def only(problems: list[str], pattern: str) -> str:
    hits = [p for p in problems if re.search(pattern, p)]
    assert hits, f"no problem matching {pattern!r} in {problems}"
    return hits[0]


def multiple_choice(items):
    return [i for i in items if i["type"] == "multiple-choice"]


def move_key(item: dict, letter: str) -> None:
    """Swap the key's option (and its feedback) with `letter`: same item, key in another place."""
    key = item["answer"]
    options = item["options"]
    options[key], options[letter] = options[letter], options[key]
    if "feedback" in item:
        fb = item["feedback"]
        fb[key], fb[letter] = fb[letter], fb[key]
    item["answer"] = letter


def test_the_bank_passes_every_rule(project):
    assert not [p for p in check(project) if "self-checks:" in p or "quiz " in p]
    figures = statistics(load_bank(project))
    assert figures["key longest by over 15%"] * 3 <= figures["multiple-choice items"]


def test_key_longest_by_a_clear_margin_in_too_many_items(scratch):
    path = scratch.self_checks / "fr2.yaml"
    data = load(path)
    for item in multiple_choice(data["items"])[:3]:
        item["options"][item["answer"]] += " Then write it all down carefully, with the time and the place."
    save(path, data)
    problem = only(check(scratch), r"FR2 self-checks: the key is the longest option by a clear margin")
    assert problem.startswith(str(path)) and "at most a third" in problem


def test_key_position_far_from_uniform_across_a_quiz(scratch):
    path = scratch.quizzes / "victim-identification.yaml"
    data = load(path)
    for item in multiple_choice(data["items"]):
        move_key(item, "B")
    save(path, data)
    only(
        check(scratch), r"victim-identification\.yaml: quiz victim-identification: the key's position is far"
    )


def test_key_position_far_from_uniform_across_a_track(scratch):
    for path in sorted(scratch.self_checks.glob("fr*.yaml")):
        data = load(path)
        for item in multiple_choice(data["items"]):
            move_key(item, "C")
        save(path, data)
    only(
        check(scratch),
        r"self-check: FR self-checks: the key's position is far from uniform \(A 0, B 0, C \d+",
    )


@pytest.mark.parametrize("text", ["All of the above.", "None of the above", "Both A and C."])
def test_all_or_none_of_the_above(scratch, text):
    path = scratch.self_checks / "fr1.yaml"
    data = load(path)
    item = multiple_choice(data["items"])[0]
    wrong = next(letter for letter in item["options"] if letter != item["answer"])
    item["options"][wrong] = text
    save(path, data)
    only(check(scratch), rf"fr1\.yaml: item {item['id']}: an option is 'all of the above'")


def test_only_the_key_repeats_the_stem(scratch):
    path = scratch.quizzes / "evidence-handling.yaml"
    data = load(path)
    item = multiple_choice(data["items"])[0]
    item["scenario"] = "This story is invented. Officer Dan stops a lorry at night."
    item["question"] = "Which paper shows the route on the waybill?"
    item["options"] = {"A": "The driver's licence.", "B": "The cargo manifest.", "C": "The insurance card."}
    item["options"]["D"] = "The waybill, where it lies."
    item["answer"] = "D"
    save(path, data)
    only(check(scratch), rf"item {item['id']}: only the key repeats words of the question \(waybill\)")


def test_twins_must_share_subject_and_number_of_options(scratch):
    path = scratch.quizzes / "knowledge-post.yaml"
    data = load(path)
    adult, other = [i for i in multiple_choice(data["items"]) if not about_a_child(type("I", (), i))][:2]
    adult["scenario"] = "Lina, 12, arrived alone at the bus station. " + (adult.get("scenario") or "")
    wrong = next(letter for letter in sorted(other["options"], reverse=True) if letter != other["answer"])
    last = sorted(other["options"])[-1]
    if wrong != last:
        other["options"][wrong] = other["options"][last]
    other["options"].pop(last)
    if other["answer"] == last:
        other["answer"] = wrong
    save(path, data)
    problems = check(scratch)
    only(
        problems, rf"item {adult['pairs_with']}: its twin {adult['id']} differs in subject \(adult or child\)"
    )
    only(problems, rf"item {other['pairs_with']}: its twin {other['id']} differs in number of options")


@pytest.mark.parametrize(
    "text, child",
    [
        ("Kiri, 12, has just arrived from abroad.", True),
        ("A 15-year-old girl sells flowers.", True),
        ("A boy waits at the station.", True),
        ("Ama, 24, works in a greenhouse.", False),
        ("After a small road accident, Signe talks with a passenger.", False),
    ],
)
def test_subject_is_read_from_the_scenario(text, child):
    assert about_a_child(type("I", (), {"scenario": text, "question": "What should you do?"})) is child
