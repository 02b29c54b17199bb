"""The autograded notebook, rebuilt from the source: every instructor cell (questions, checks,
hidden tests, points, metadata) comes from the bank, and only the learner's answers come from the
submission. A deleted, edited or re-pointed test cell therefore changes nothing, and the formgrader,
`nbgrader generate_feedback` and the reports read the same notebook nbgrader itself would write."""

from __future__ import annotations

import json

from ..content.bank import Quiz
from .literal_grading import answer_cells, cell_text, written_cell
from .quiz_notebook import answer_cell_id, answer_variable, to_text

MISSING = "# No cell assigning {variable} was found in the submission."
SEVERAL = "\n\n# --- another cell of the submission that also assigns {variable} ---\n\n"


def learner_answers(quiz: Quiz, submitted: dict) -> dict[str, str]:
    """The text of each answer as the learner left it, by item id, for a person to read."""
    cells = submitted.get("cells", [])
    answers = {}
    for number, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            cell = written_cell(cells, item.id)
            answers[item.id] = cell_text(cell) if cell else ""
            continue
        variable = answer_variable(number)
        found = [cell_text(c) for c in answer_cells(cells, variable)]
        answers[item.id] = (
            SEVERAL.format(variable=variable).join(found) if found else MISSING.format(variable=variable)
        )
    return answers


def autograded_notebook(source: dict, quiz: Quiz, answers: dict[str, str]) -> str:
    """The source notebook (built once per batch, left unchanged) with the learner's answers in
    the answer cells, as JSON text."""
    by_id = {answer_cell_id(i): answers[i.id] for i in quiz.items if i.id in answers}
    cells = [{**c, "source": by_id[c["id"]]} if c.get("id") in by_id else c for c in source["cells"]]
    return to_text({**source, "cells": cells})


def answers_in_autograded(quiz: Quiz, text: str) -> dict[str, str]:
    """Read back the answers `autograded_notebook` wrote."""
    try:
        cells = {c.get("id"): cell_text(c) for c in json.loads(text).get("cells", [])}
    except (ValueError, AttributeError):
        return {}
    return {i.id: cells.get(answer_cell_id(i), "") for i in quiz.items}
