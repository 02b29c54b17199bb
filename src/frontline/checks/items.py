"""Item-writing flaws across the bank: cues that let a learner find the key without reading the
module. The rules follow Haladyna, Downing and Rodriguez (2002); AUTHORING.md gives each rule and
its threshold. `flaws` are failures of `frontline check`; `notes` are single items worth a look."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..content.bank import Bank, QuizItem, SelfCheckItem
from ..errors import FrontlineError

Item = QuizItem | SelfCheckItem

# The key is "longest by a clear margin" when it is more than 15% longer than every distractor ...
LENGTH_MARGIN = 1.15
# ... and a quiz or a module's self-checks fail when that is so in more than a third of its items.
LENGTH_SHARE = 1 / 3
# Key positions are "far from uniform" when a chi-square test of the letters rejects uniform at 5%;
# tested over each quiz and each track's self-checks, from this many multiple-choice items up.
CHI_SQUARE_5_PERCENT = {1: 3.841, 2: 5.991, 3: 7.815, 4: 9.488}
MIN_ITEMS_FOR_POSITION = 8

ALL_OR_NONE = re.compile(
    r"\b(all|none|both|neither) of (the )?(above|these|them|those|the options)\b|\bboth [A-E] and [A-E]\b",
    re.I,
)
STOP_WORDS = frozenset(
    """about above after again against also among another because been before being below between
    both cannot could does doing down during each even every first from further have having here
    into itself just more most much must near need only other over same should since some such than
    that their them then there these they this those through under until upon very what when where
    which while whom whose will with within without would your yours""".split()
)
CHILD_WORDS = re.compile(
    r"\b(child|children|girl|boy|teenager|juvenile|under 18|under-18|a minor|minors)\b", re.I
)
AGES = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|\baged (\d{1,2})\b|\b[A-Z][a-z]+, (\d{1,2})[,)]")


def _problem(path: Path, message: str, item: str | None = None) -> str:
    return str(FrontlineError(message, path, item))


def words(text: str) -> set[str]:
    """Content words, lower case, a plural 's' dropped: what a learner would match by eye."""
    found = set()
    for word in re.findall(r"[a-z][a-z'-]+", text.lower()):
        word = word.strip("'-")
        if len(word) >= 4 and word not in STOP_WORDS:
            found.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return found


def multiple_choice(items: Iterable[Item]) -> list[Item]:
    return [i for i in items if i.type == "multiple-choice" and i.options and len(i.options) >= 3]


def key_is_longest(item: Item, margin: float = 1.0) -> bool:
    """The key is longer than every distractor, by more than `margin` times the longest."""
    key = len(item.options[item.answer])
    longest_other = max(len(text) for letter, text in item.options.items() if letter != item.answer)
    return key > margin * longest_other


def stem_echo(item: Item) -> set[str]:
    """Stem words that the key alone repeats, when no distractor repeats a stem word of its own."""
    stem = words(f"{item.scenario or ''} {item.question}")
    option_words = {letter: words(text) for letter, text in item.options.items()}

    def only_in(letter: str) -> set[str]:
        others = set().union(*(w for other, w in option_words.items() if other != letter))
        return (option_words[letter] & stem) - others

    echoed = only_in(item.answer)
    if echoed and not any(only_in(letter) for letter in option_words if letter != item.answer):
        return echoed
    return set()


def about_a_child(item: Item) -> bool:
    text = f"{item.scenario or ''} {item.question}"
    if CHILD_WORDS.search(text):
        return True
    return any(int(age) < 18 for match in AGES.findall(text) for age in match if age)


def twin_differences(item: QuizItem, twin: QuizItem) -> list[str]:
    """What makes two items of parallel forms unfit to compare: a gain read across them would
    measure the difference between the items, not learning."""
    pairs = {
        "objective": (item.objective, twin.objective),
        "type": (item.type, twin.type),
        "points": (item.points, twin.points),
        "number of options": (len(item.options or {}), len(twin.options or {})),
        "subject (adult or child)": (about_a_child(item), about_a_child(twin)),
    }
    return [name for name, (a, b) in pairs.items() if a != b]


def position_chi_square(items: list[Item]) -> tuple[float, float, dict[str, int]]:
    """Chi-square of the key letters against each letter being equally likely, with the 5% limit."""
    counts = Counter(i.answer for i in items)
    letters = sorted({letter for i in items for letter in i.options})
    expected = {letter: sum(1 / len(i.options) for i in items if letter in i.options) for letter in letters}
    chi = sum((counts.get(letter, 0) - e) ** 2 / e for letter, e in expected.items())
    limit = CHI_SQUARE_5_PERCENT.get(len(letters) - 1, float("inf"))
    return chi, limit, {letter: counts.get(letter, 0) for letter in letters}


def groups(bank: Bank) -> dict[str, tuple[Path, list[Item]]]:
    """Each quiz, and each module's self-checks: the sets a learner meets together."""
    found: dict[str, tuple[Path, list[Item]]] = {}
    for item in bank.self_checks.values():
        module = item.objective.split(".")[0]
        found.setdefault(f"{module} self-checks", (bank.files[item.id], []))[1].append(item)
    for quiz in bank.quizzes.values():
        found[f"quiz {quiz.id}"] = (bank.files[quiz.id], list(quiz.items))
    return found


def tracks(bank: Bank) -> dict[str, list[Item]]:
    """Self-checks by track (FR, T): the key positions a learner sees across a whole track."""
    found: dict[str, list[Item]] = {}
    for item in bank.self_checks.values():
        found.setdefault(re.match(r"[A-Z]+", item.objective).group(0), []).append(item)
    return found


def flaws(bank: Bank) -> Iterator[str]:
    """Item-writing flaws that give answers away; each one fails `frontline check`."""
    for name, (path, items) in groups(bank).items():
        mc = multiple_choice(items)
        cued = [i.id for i in mc if key_is_longest(i, LENGTH_MARGIN)]
        if mc and len(cued) > LENGTH_SHARE * len(mc):
            yield _problem(
                path,
                f"{name}: the key is the longest option by a clear margin (over 15%) in {len(cued)} of "
                f"{len(mc)} multiple-choice items (at most a third): {', '.join(cued)}",
            )
    positions = {f"quiz {q.id}": (bank.files[q.id], multiple_choice(q.items)) for q in bank.quizzes.values()}
    for track, items in tracks(bank).items():
        mc = multiple_choice(items)
        if mc:
            positions[f"{track} self-checks"] = (bank.files[mc[0].id].parent, mc)
    for name, (path, mc) in positions.items():
        if len(mc) < MIN_ITEMS_FOR_POSITION:
            continue
        chi, limit, counts = position_chi_square(mc)
        if chi > limit:
            shares = ", ".join(f"{letter} {n}" for letter, n in counts.items())
            yield _problem(
                path,
                f"{name}: the key's position is far from uniform ({shares}; chi-square {chi:.1f} "
                f"over {limit} at 5%): move keys to other letters",
            )
    for item in [*bank.self_checks.values(), *(i for q in bank.quizzes.values() for i in q.items)]:
        path = bank.files[item.id]
        if item.options and any(ALL_OR_NONE.search(text) for text in item.options.values()):
            yield _problem(path, "an option is 'all of the above' or 'none of the above'", item.id)
        if item in multiple_choice([item]):
            echoed = stem_echo(item)
            if echoed:
                yield _problem(
                    path,
                    f"only the key repeats words of the question ({', '.join(sorted(echoed))})",
                    item.id,
                )


def notes(bank: Bank) -> Iterator[str]:
    """Single items whose key is the longest by a clear margin: fine alone, a cue when common."""
    for item in multiple_choice(
        [*bank.self_checks.values(), *(i for q in bank.quizzes.values() for i in q.items)]
    ):
        if key_is_longest(item, LENGTH_MARGIN):
            yield _problem(bank.files[item.id], "note: the key is the longest option by over 15%", item.id)


def statistics(bank: Bank) -> dict[str, int]:
    """The bank's length and position cues, for the closing figures and the benchmark of a revision."""
    mc = multiple_choice([*bank.self_checks.values(), *(i for q in bank.quizzes.values() for i in q.items)])
    return {
        "multiple-choice items": len(mc),
        "key strictly the longest": sum(key_is_longest(i) for i in mc),
        "key longest by over 15%": sum(key_is_longest(i, LENGTH_MARGIN) for i in mc),
        "key B or C": sum(i.answer in "BC" for i in mc),
    }
