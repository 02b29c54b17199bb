"""A practice set: invented submissions of a quiz, for trainers to grade without real learners' data.

Each one is the quiz as a learner receives it (the source notebook from the bank, with hidden tests
and the marking scheme removed by nbgrader's own release steps, in-process) with answers typed in:
mostly right, some wrong, a few blank, one or two in the wrong form, and a short invented text for
a written item. Same bank, same seed, same bytes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..content.bank import Quiz, QuizItem
from .quiz_notebook import answer_cell_id, notebook_text, written_stub

SEED = 20240605
WRITTEN_STUB = written_stub("en")

# Invented written answers of varying quality; none quotes a model answer (the leak scan checks).
WRITTEN = [
    "I would first make sure the person is safe and can talk to me alone. Then I would ask simple "
    "open questions, write down what I see, and call the contact point on our referral list.",
    "Talk to the person without the boss. Get an interpreter. Tell my supervisor the same day.",
    "I am not sure. I think I would check the documents and then decide with my team what to do.",
    "Explain who I am and what happens next, in words the person understands, and do not promise "
    "what I cannot keep. Write a short note of the facts and pass it on as our procedure says.",
]


def cell_text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def fill(released: dict, answers: dict[int, str], written: dict[str, str] | None = None) -> dict:
    """The released notebook with answer N's cell set to `answer_N = <literal>`, and each written
    answer cell (by item id) set to its text."""
    nb = json.loads(json.dumps(released))
    for cell in nb["cells"]:
        for number, literal in answers.items():
            if cell_text(cell).startswith(f'answer_{number} = ""'):
                cell["source"] = f"answer_{number} = {literal}"
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if written and grade_id in written:
            cell["source"] = written[grade_id]
    return nb


def _release_config(lang: str = "en"):
    from traitlets.config import Config

    config = Config()
    # As assessments/nbgrader_config.py (and frontline.grading.course for a translation) set them
    # for nbgrader's own release.
    config.ClearSolutions.text_stub = written_stub(lang)
    config.ClearMarkScheme.enforce_metadata = False
    return config


def released_notebook(quiz: Quiz) -> NotebookNode:
    """The quiz as `frontline release` gives it to learners, built in-process: nbgrader's release
    steps that change a notebook, without the gradebook (SaveCells) or a header."""
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearHiddenTests,
        ClearMarkScheme,
        ClearOutput,
        ComputeChecksums,
        LockCells,
    )

    from .nbgrader_steps import KeepAnswerStubs

    nb = nbformat.reads(notebook_text(quiz), as_version=4)
    config = _release_config(quiz.language)
    resources = {"nbgrader": {"assignment": quiz.id, "notebook": quiz.id}}
    steps = [
        LockCells,
        KeepAnswerStubs,
        ClearOutput,
        CheckCellMetadata,
        ComputeChecksums,
        ClearHiddenTests,
        ClearMarkScheme,
        ComputeChecksums,
        CheckCellMetadata,
    ]
    for step in steps:
        nb, resources = step(config=config).preprocess(nb, resources)
    return nb


def _wrong(item: QuizItem, rng: random.Random) -> str:
    if item.type == "ordering":
        order = list(item.key or "")
        while "".join(order) == item.key:
            rng.shuffle(order)
        return "".join(order)
    return rng.choice([x for x in item.letters if x != item.key])


def _answer(item: QuizItem, ability: float, rng: random.Random) -> str:
    """A literal as a learner of this ability types it: right, right in lower case, wrong or blank."""
    if rng.random() < ability:
        return json.dumps(item.key.lower() if rng.random() < 0.1 else item.key)
    return '""' if rng.random() < 0.2 else json.dumps(_wrong(item, rng))


def _wrong_form(item: QuizItem, odd: int) -> str:
    """An answer in the wrong form: the key with a full stop (reads as right), or two letters."""
    if odd == 0:
        return json.dumps(f"{item.key.lower()}.")
    return json.dumps(item.key + next(x for x in item.letters if x != item.key))


def practice_set(quiz: Quiz, count: int = 12, seed: int = SEED) -> dict[str, NotebookNode]:
    """`count` invented submissions of a quiz, by learner id (P01, P02, ...)."""
    if count < 1:
        raise ValueError("a practice set has at least one submission")
    rng = random.Random(f"{seed}:{quiz.id}")
    released = released_notebook(quiz)
    numbered = list(enumerate(quiz.items, start=1))
    auto = [(n, i) for n, i in numbered if i.autograded]
    written_items = [i for _, i in numbered if not i.autograded]
    # A spread of learners, from those who know nearly everything to those who guess.
    abilities = [0.98 - 0.5 * k / max(count - 1, 1) for k in range(count)]
    rng.shuffle(abilities)
    # One or two submissions with an answer in the wrong form, on a multiple-choice item if any.
    forms = [(n, i) for n, i in auto if i.type == "multiple-choice"] or auto
    odd = {k: j for j, k in enumerate(rng.sample(range(count), min(2, count)))} if forms else {}
    width = max(2, len(str(count)))
    found: dict[str, NotebookNode] = {}
    for k, ability in enumerate(abilities):
        answers = {n: _answer(item, ability, rng) for n, item in auto}
        if k in odd:
            n, item = forms[rng.randrange(len(forms))]
            answers[n] = _wrong_form(item, odd[k])
        written = {}
        for item in written_items:
            # Some leave the written answer as released; the rest write a few sentences.
            if rng.random() < 0.8:
                written[answer_cell_id(item)] = rng.choice(WRITTEN)
        found[f"P{k + 1:0{width}d}"] = nbformat.from_dict(fill(released, answers, written))
    return found


def notebook_bytes(nb: NotebookNode) -> bytes:
    """A notebook as Jupyter saves it."""
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def submission_path(course_folder: Path, learner: str, quiz_id: str) -> Path:
    """Where nbgrader (and `frontline grade`) collects a submission."""
    return course_folder / "submitted" / learner / quiz_id / f"{quiz_id}.ipynb"


def write_practice_set(course_folder: Path, quiz: Quiz, count: int = 12, seed: int = SEED) -> list[Path]:
    """Write the practice set as `submitted/<id>/<quiz>/<quiz>.ipynb` under course_folder."""
    written = []
    for learner, nb in practice_set(quiz, count, seed).items():
        path = submission_path(course_folder, learner, quiz.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = notebook_bytes(nb)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
