"""Workshop kits and activities as data: a kit's days and sessions, an activity's public scenario,
role briefs, and the facilitator-only notes and answer key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import load_model
from .data_catalogs import load_localized
from .interface import say

ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
OBJECTIVE = r"^[A-Z]{1,3}\d+\.\d+$"


def _objective_list(value: list[str]) -> list[str]:
    bad = [v for v in value if not re.match(OBJECTIVE, v)]
    if bad:
        raise ValueError(f"not objective ids: {bad}")
    return value


Objectives = Annotated[list[str], AfterValidator(_objective_list)]


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    role: str = Field(min_length=2)
    brief: str = Field(min_length=10)


# A session (and an activity) runs 15 to 120 minutes: shorter ones cannot hold a task and its
# debrief; longer ones need a break. A break is 5 to 90 minutes (a lunch included).
SESSION_MINUTES = (15, 120)
BREAK_MINUTES = (5, 90)


class Activity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)
    kind: Literal["case-study", "role-play", "simulation", "micro-teaching"]
    title: str = Field(min_length=3)
    objectives: Annotated[Objectives, Field(min_length=1)]
    minutes: int = Field(ge=SESSION_MINUTES[0], le=SESSION_MINUTES[1])
    # Of those minutes: reading the case or role cards, and the debrief. The rest is the task itself.
    reading_minutes: int = Field(0, ge=0)
    debrief_minutes: int = Field(0, ge=0)
    group: str = Field(min_length=3)
    group_size: int | None = Field(None, ge=2, le=40, description="participants per group; none: whole room")
    # Staff each group needs beside the participants: a facilitator, an interpreter, a prompter.
    staff_per_group: int = Field(0, ge=0, le=4)
    # Participants who play the first responder in one run of a role-play, per group.
    officer_roles: int = Field(0, ge=0, le=4)
    fictional: str = Field(min_length=10)
    scenario: str = Field(min_length=20)
    roles: list[Role] = Field(default_factory=list)
    questions: list[str] = Field(min_length=1)
    facilitator_notes: str = Field(min_length=20)
    answer_key: str = Field(min_length=20)

    @model_validator(mode="after")
    def _parts_fit(self):
        if self.reading_minutes + self.debrief_minutes >= self.minutes:
            raise ValueError(
                f"reading ({self.reading_minutes}) and debrief ({self.debrief_minutes}) minutes leave no "
                f"time for the task in {self.minutes}"
            )
        return self

    def groups(self, participants: int) -> int:
        return -(-participants // self.group_size) if self.group_size else 1


TAGS = Literal["case", "role-play", "simulation", "disclosure-practice", "vicarious-trauma", "knowledge-test"]
KIND_TAGS = {"case-study": "case", "role-play": "role-play", "simulation": "simulation"}
CASE_WORK = {"case", "role-play", "simulation"}  # participants working on a case


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=3)
    kind: Literal["session", "break"] = "session"
    minutes: int = Field(ge=BREAK_MINUTES[0], le=SESSION_MINUTES[1])
    objectives: Objectives = Field(default_factory=list)
    modules: list[str] = Field(default_factory=list)
    method: str | None = None
    materials: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list)
    notes: str | None = None
    # A quiz whose practice set (invented submissions) the facilitator pack carries for this session.
    practice: str | None = Field(default=None, pattern=ID)
    # Who of the kit's staff does what in this session.
    staff: dict[str, str] = Field(default_factory=dict)
    # How many times each role-play of the session is run, so that others take the officer's part.
    rotations: int = Field(1, ge=1, le=6)
    # Modules whose slide deck (with trainer's notes) the session uses.
    slides: list[str] = Field(default_factory=list)
    # What the session is, for the kit rules (its activities add their own kind).
    tags: list[TAGS] = Field(default_factory=list)
    # A printed checklist the session uses (assets/checklists/<id>.yaml).
    checklist: str | None = Field(default=None, pattern=ID)

    @model_validator(mode="after")
    def _length_fits_kind(self):
        low, high = SESSION_MINUTES if self.kind == "session" else BREAK_MINUTES
        if not low <= self.minutes <= high:
            raise ValueError(f"a {self.kind} lasts {low} to {high} minutes, not {self.minutes}")
        return self


class Day(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    minutes: int = Field(ge=30, le=720)
    sessions: list[Session] = Field(min_length=1)

    def times(self) -> Iterator[tuple[str, str, Session]]:
        """(start, end, session) in the day's order, as clock times."""
        clock = dt.datetime.strptime(self.start, "%H:%M")
        for session in self.sessions:
            end = clock + dt.timedelta(minutes=session.minutes)
            yield clock.strftime("%H:%M"), end.strftime("%H:%M"), session
            clock = end


class StaffMember(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)  # how sessions name the member; the packs show `name`
    name: str = Field(min_length=2)
    does: str = Field(min_length=10)


class Kit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)
    title: str
    audience: str
    participants: str
    max_participants: int = Field(ge=4, le=60)
    claims: Annotated[Objectives, Field(min_length=1)]
    staff: list[StaffMember] = Field(min_length=1)
    room: str = Field(min_length=20, description="the room plan: layout, breakout spaces")
    preparation_hours: int = Field(ge=1, le=200)
    preparation: str = Field(min_length=20)
    days: list[Day] = Field(min_length=1)

    def length(self, t: Callable[[str], str]) -> str:
        """How many days, in the words `t` gives (frontline.content.interface)."""
        return t("1 day") if len(self.days) == 1 else say(t, "{days} days", days=len(self.days))

    def sessions(self) -> Iterator[tuple[Day, int, Session]]:
        """(day, minutes from the day's start, session) for every session and break."""
        for day in self.days:
            offset = 0
            for session in day.sessions:
                yield day, offset, session
                offset += session.minutes


def skeleton(kit: Kit) -> list[tuple]:
    """What a kit is, without its words: days, sessions, minutes, activities, objectives, staff and
    what each session uses. Every language of a kit must have the source's."""
    return [
        (day.start, day.minutes)
        + tuple(
            (
                s.kind,
                s.minutes,
                tuple(s.activities),
                tuple(s.objectives),
                tuple(s.modules),
                tuple(s.staff),
                s.practice,
                s.checklist,
                tuple(s.slides),
                s.rotations,
                len(s.materials),
            )
            for s in day.sessions
        )
        for day in kit.days
    ] + [tuple(m.id for m in kit.staff), kit.claims, kit.max_participants, kit.preparation_hours]


class KitRules(BaseModel):
    """Rules from the trainer modules that every kit keeps (assets/kits/rules.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    first_case_within_minutes: int = Field(ge=0, le=240)
    heavy: list[TAGS] = Field(min_length=1)
    max_heavy_per_day: int = Field(ge=1, le=10)
    source: str = Field(min_length=10)


def activity_path(project: Project, activity_id: str) -> Path:
    return project.root / "assets" / "activities" / f"{activity_id}.yaml"


RULES = "rules.yaml"


def kit_paths(project: Project) -> list[Path]:
    return sorted(p for p in (project.root / "assets" / "kits").glob("*.yaml") if p.name != RULES)


def load_rules(project: Project) -> KitRules:
    return load_model(project.root / "assets" / "kits" / RULES, KitRules)


def session_tags(session: Session, activities: dict[str, Activity]) -> set[str]:
    return set(session.tags) | {
        KIND_TAGS[a.kind] for a in map(activities.get, session.activities) if a and a.kind in KIND_TAGS
    }


def load_activity(project: Project, activity_id: str, lang: str | None = None) -> Activity:
    """The activity, its text in `lang` (default: the source language) from its catalog."""
    return load_localized(project, activity_path(project, activity_id), Activity, lang)


def kit_path(project: Project, kit_id: str) -> Path:
    return project.root / "assets" / "kits" / f"{kit_id}.yaml"


def load_kit(project: Project, kit_id: str, lang: str | None = None) -> Kit:
    """The kit, its text in `lang` (default: the source language) from its catalog: the days,
    sessions, minutes and activities are the source file's in every language."""
    path = kit_path(project, kit_id)
    if not path.is_file():
        known = ", ".join(p.stem for p in kit_paths(project)) or "none"
        raise FrontlineError(f"unknown kit {kit_id!r} (kits: {known})", path.parent)
    return load_localized(project, path, Kit, lang)


def kit_problems(
    kit: Kit,
    objectives: set[str],
    modules: set[str],
    activities: dict[str, Activity],
    quizzes: set[str] | None = None,
    rules: KitRules | None = None,
) -> list[str]:
    """What makes a kit wrong: days that do not add up, names that do not exist, unkept claims.
    A session's practice quiz is checked against `quizzes` when they are given."""
    problems = []
    for day in kit.days:
        total = sum(s.minutes for s in day.sessions)
        if total != day.minutes:
            problems.append(f"{day.title}: sessions and breaks add up to {total} minutes, not {day.minutes}")
        for s in day.sessions:
            where = f"{day.title}, '{s.title}'"
            for o in s.objectives:
                if o not in objectives:
                    problems.append(f"{where}: objective {o} is in no module")
            for m in s.modules:
                if m not in modules:
                    problems.append(f"{where}: module {m} does not exist")
            for a in s.activities:
                if a not in activities:
                    problems.append(f"{where}: activity {a} does not exist")
                elif activities[a].minutes > s.minutes:
                    problems.append(
                        f"{where}: activity {a} needs {activities[a].minutes} minutes, "
                        f"the session has {s.minutes}"
                    )
            if s.practice and quizzes is not None and s.practice not in quizzes:
                problems.append(f"{where}: practice quiz {s.practice} is not in the bank")
            if s.kind == "break" and (s.objectives or s.activities or s.practice):
                problems.append(f"{where}: a break has no objectives, activities or practice set")
    problems += staffing_problems(kit, activities) + rule_problems(kit, activities, rules)
    covered = {o for day in kit.days for s in day.sessions for o in s.objectives}
    for claim in kit.claims:
        if claim not in objectives:
            problems.append(f"claims {claim}, which is in no module")
        elif claim not in covered:
            problems.append(f"claims {claim}, but no session works on it")
    return problems


def staffing_problems(kit: Kit, activities: dict[str, Activity]) -> list[str]:
    """Sessions that need more staff than the kit has, or than they name; role-plays in which some
    participant never plays the first responder."""
    problems = []
    team = {m.id for m in kit.staff}
    turns = 0
    for day, _, s in kit.sessions():
        where = f"{day.title}, '{s.title}'"
        for member in s.staff:
            if member not in team:
                problems.append(
                    f"{where}: staff {member!r} is not in the kit's staff ({', '.join(sorted(team))})"
                )
        for a in filter(None, map(activities.get, s.activities)):
            groups = a.groups(kit.max_participants)
            needed = groups * a.staff_per_group
            if needed > len(kit.staff):
                problems.append(
                    f"{where}: activity {a.id} needs {needed} staff ({groups} groups x {a.staff_per_group}), "
                    f"the kit has {len(kit.staff)}"
                )
            elif needed > len(s.staff):
                problems.append(
                    f"{where}: activity {a.id} needs {needed} staff, the session names {len(s.staff)}"
                )
            if a.kind == "role-play":
                turns += s.rotations * groups * a.officer_roles
    if any(
        activities.get(a) and activities[a].kind == "role-play"
        for _, _, s in kit.sessions()
        for a in s.activities
    ):
        if turns < kit.max_participants:
            problems.append(
                f"the role-plays give {turns} turns as the officer for up to {kit.max_participants} "
                "participants: run them more times (rotations) so that everyone plays the officer once"
            )
    return problems


def rule_problems(kit: Kit, activities: dict[str, Activity], rules: KitRules | None) -> list[str]:
    if rules is None:
        return []
    problems = []
    first = next(
        (
            offset
            for day, offset, s in kit.sessions()
            if day is kit.days[0] and session_tags(s, activities) & CASE_WORK
        ),
        None,
    )
    if first is None or first > rules.first_case_within_minutes:
        when = "never" if first is None else f"after {first} minutes"
        problems.append(
            f"{kit.days[0].title}: the first case starts {when}; the rule is within "
            f"{rules.first_case_within_minutes} minutes"
        )
    for day in kit.days:
        heavy = [
            f"'{s.title}' ({', '.join(sorted(session_tags(s, activities) & set(rules.heavy)))})"
            for s in day.sessions
            if session_tags(s, activities) & set(rules.heavy)
        ]
        if len(heavy) > rules.max_heavy_per_day:
            problems.append(
                f"{day.title}: {len(heavy)} heavy sessions in one day ({'; '.join(heavy)}); "
                f"at most {rules.max_heavy_per_day}"
            )
    return problems
