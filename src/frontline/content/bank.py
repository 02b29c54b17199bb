"""The question bank: self-check items (answers shown to learners) and graded quizzes (answers never shown).

The two live in separate folders and separate models, so a graded item can never be rendered as a
self-check by mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import read_mapping, validate
from .data_catalogs import localized_data
from .languages import source_language

ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
OBJECTIVE = r"^[A-Z]{1,3}\d+\.\d+$"
LETTERS = "ABCDE"
LETTERS_ORDER = "ABCDEF"
# The letters a learner types for true and false, per language: an English notebook takes T or F,
# a French one V or F, and each only its own. A language without its letters cannot have a quiz.
TRUE_FALSE = {"en": "TF", "fr": "VF"}


def true_false_letters(lang: str) -> str:
    """The two letters (true, false) of `lang`."""
    if lang not in TRUE_FALSE:
        raise FrontlineError(
            f"no true/false letters for language {lang!r}: add them to TRUE_FALSE in frontline.content.bank"
        )
    return TRUE_FALSE[lang]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    objective: str = Field(pattern=OBJECTIVE)
    type: Literal["multiple-choice", "true-false", "ordering", "short-answer"]
    scenario: str | None = None
    question: str = Field(min_length=5)
    options: dict[str, str] | None = None
    answer: str | bool | None = None
    # The language of the item's text (load_bank's `lang`): it decides the true/false letters.
    _language: str = PrivateAttr("en")

    @property
    def language(self) -> str:
        return self._language

    @model_validator(mode="after")
    def _answer_fits_type(self):
        if self.type == "multiple-choice":
            if not self.options or not 2 <= len(self.options) <= 5:
                raise ValueError("a multiple-choice item needs 2 to 5 options")
            if list(self.options) != list(LETTERS[: len(self.options)]):
                raise ValueError(f"options must be lettered A, B, C... in order, not {list(self.options)}")
            if not isinstance(self.answer, str) or self.answer not in self.options:
                raise ValueError(f"answer must be one of the option letters, not {self.answer!r}")
        elif self.type == "ordering":
            if not self.options or not 3 <= len(self.options) <= 6:
                raise ValueError("an ordering item needs 3 to 6 steps")
            if list(self.options) != list(LETTERS_ORDER[: len(self.options)]):
                raise ValueError(f"steps must be lettered A, B, C... in order, not {list(self.options)}")
            if not isinstance(self.answer, str) or sorted(self.answer) != sorted(self.options):
                raise ValueError(f"answer must give every step letter once, in order, not {self.answer!r}")
            if self.answer == "".join(self.options):
                raise ValueError(
                    "list the steps in a mixed order: the answer must not be A, B, C... as listed"
                )
        elif self.type == "true-false":
            if self.options:
                raise ValueError("a true-false item has no options")
            if not isinstance(self.answer, bool):
                raise ValueError(f"answer must be true or false, not {self.answer!r}")
        return self

    @property
    def letters(self) -> str:
        """The letters a learner may type for this item (all of them, in order, for ordering)."""
        if self.type in ("multiple-choice", "ordering"):
            return "".join(self.options or {})
        return true_false_letters(self._language) if self.type == "true-false" else ""

    @property
    def key(self) -> str | None:
        """The answer as the letter a learner types (for true-false: T or F in English, V or F in
        French)."""
        if isinstance(self.answer, bool):
            return true_false_letters(self._language)[0 if self.answer else 1]
        return self.answer


class SelfCheckItem(_Item):
    feedback: dict[str, str]

    @field_validator("feedback", mode="before")
    @classmethod
    def _keys_as_text(cls, value):
        # YAML reads the keys `true:` and `false:` as booleans.
        if isinstance(value, dict):
            return {str(k).lower() if isinstance(k, bool) else str(k): v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _feedback_for_every_choice(self):
        if self.type not in ("multiple-choice", "true-false"):
            raise ValueError("self-checks are multiple-choice or true-false")
        wanted = list(self.options or {}) if self.type == "multiple-choice" else ["true", "false"]
        if sorted(self.feedback) != sorted(wanted):
            raise ValueError(f"feedback needs exactly one entry for each of {wanted}")
        return self


class Criterion(BaseModel):
    """One thing a grader judges. With `levels`, every mark from 0 to `points` has an anchor: what an
    answer at that mark looks like, so that two graders give the same mark."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    points: int = Field(ge=1)
    criterion: str = Field(min_length=5)
    levels: dict[int, str] | None = None

    @model_validator(mode="after")
    def _an_anchor_for_every_mark(self):
        if self.levels is not None and sorted(self.levels) != list(range(self.points + 1)):
            raise ValueError(
                f"levels must anchor every mark from 0 to {self.points}, not {sorted(self.levels)}"
            )
        return self


class Sample(BaseModel):
    """An invented answer, marked by the scheme: graders calibrate on these before they mark."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    band: str = Field(min_length=2)
    answer: str = Field(min_length=20)
    marks: list[int]
    why: str = Field(min_length=10)


class QuizItem(_Item):
    points: int = Field(ge=1, le=10)
    pairs_with: str | None = Field(default=None, pattern=ID, description="twin item in the parallel form")
    explanation: str = Field(min_length=10)
    review: str = Field(min_length=5)
    rubric: list[Criterion] | None = None
    model_answer: str | None = None
    # Score bands (name -> [lowest, highest] total) and sample answers marked in each band.
    bands: dict[str, tuple[int, int]] | None = None
    samples: list[Sample] | None = None

    @model_validator(mode="after")
    def _written_items_have_a_rubric(self):
        if self.type == "short-answer":
            if not self.rubric or not self.model_answer:
                raise ValueError("a short-answer item needs a rubric and a model_answer")
            if sum(c.points for c in self.rubric) != self.points:
                raise ValueError("the rubric's points must add up to the item's points")
        elif self.rubric or self.model_answer or self.bands or self.samples:
            raise ValueError("only short-answer items have a rubric, model_answer, bands or samples")
        if self.samples and not self.bands:
            raise ValueError("samples need bands: name -> [lowest, highest] total")
        return self

    @property
    def autograded(self) -> bool:
        return self.type != "short-answer"


class SelfCheckFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    module: str = Field(pattern=r"^[A-Z]{1,3}\d+$")
    items: list[SelfCheckItem] = Field(min_length=1)


class Quiz(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)
    title: str
    modules: list[str]
    instructions: str
    parallel_form: str | None = Field(default=None, pattern=ID)
    items: list[QuizItem] = Field(min_length=1)

    @property
    def max_score(self) -> int:
        return sum(item.points for item in self.items)

    @property
    def language(self) -> str:
        return self.items[0].language


@dataclass
class Bank:
    """Every item in the bank, each remembered with the file it came from."""

    self_checks: dict[str, SelfCheckItem] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # item or quiz id -> file
    language: str = "en"
    # item or quiz id -> the catalog its text came from (a translation only)
    catalogs: dict[str, Path] = field(default_factory=dict)

    def self_check(self, item_id: str) -> SelfCheckItem:
        if item_id in self.self_checks:
            return self.self_checks[item_id]
        if any(item_id in (i.id for i in q.items) for q in self.quizzes.values()):
            raise FrontlineError("is a graded quiz item; only self-check items may appear in the book")
        raise FrontlineError(f"no self-check item with id {item_id!r} in the bank")

    def quiz(self, quiz_id: str) -> Quiz:
        if quiz_id not in self.quizzes:
            known = ", ".join(sorted(self.quizzes)) or "none"
            raise FrontlineError(f"unknown quiz {quiz_id!r} (quizzes in the bank: {known})")
        return self.quizzes[quiz_id]

    def _remember(self, item_id: str, path: Path) -> None:
        if item_id in self.files:
            raise FrontlineError(f"duplicate id (also in {self.files[item_id]})", path, item_id)
        self.files[item_id] = path


def _load(project: Project, path: Path, model: type, lang: str | None):
    """One file of the bank in `lang` (None: the source language), and its catalog if any."""
    data, catalog = localized_data(project, path, read_mapping(path), lang)
    loaded = validate(data, model, path, f" (with the translation in {catalog})" if catalog else "")
    for item in loaded.items:
        item._language = lang or source_language(project).code
    return loaded, catalog


def load_bank(project: Project, lang: str | None = None) -> Bank:
    """The bank, its text in `lang` (default: the source language) from the language's catalogs
    (frontline.content.data_catalogs); English where a string is not translated yet."""
    source = source_language(project).code
    lang = None if lang in (None, source) else lang
    bank = Bank(language=lang or source)
    if not project.bank.is_dir():
        raise FrontlineError("question bank folder not found", project.bank)
    for path in sorted(project.self_checks.glob("*.yaml")):
        loaded, catalog = _load(project, path, SelfCheckFile, lang)
        for item in loaded.items:
            if not item.objective.startswith(loaded.module + "."):
                raise FrontlineError(
                    f"objective {item.objective} is not one of module {loaded.module}'s",
                    path,
                    item.id,
                )
            bank._remember(item.id, path)
            bank.self_checks[item.id] = item
            if catalog:
                bank.catalogs[item.id] = catalog
    for path in sorted(project.quizzes.glob("*.yaml")):
        quiz, catalog = _load(project, path, Quiz, lang)
        if quiz.id != path.stem:
            raise FrontlineError(f"quiz id {quiz.id!r} must match the file name {path.stem!r}", path)
        bank._remember(quiz.id, path)
        for item in quiz.items:
            bank._remember(item.id, path)
        bank.quizzes[quiz.id] = quiz
        if catalog:
            bank.catalogs.update(dict.fromkeys([quiz.id, *(i.id for i in quiz.items)], catalog))
    return bank


def plain(text: str) -> str:
    """Collapse white space, for comparing texts."""
    return re.sub(r"\s+", " ", text).strip()
