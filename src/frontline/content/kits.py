"""Workshop kits and activities as data: a kit's days and sessions, an activity's public scenario,
role briefs, and the facilitator-only notes and answer key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import load_model

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


class Activity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)
    kind: Literal["case-study", "role-play", "simulation", "micro-teaching"]
    title: str = Field(min_length=3)
    objectives: Annotated[Objectives, Field(min_length=1)]
    minutes: int = Field(ge=5, le=240)
    group: str = Field(min_length=3)
    fictional: str = Field(min_length=10)
    scenario: str = Field(min_length=20)
    roles: list[Role] = Field(default_factory=list)
    questions: list[str] = Field(min_length=1)
    facilitator_notes: str = Field(min_length=20)
    answer_key: str = Field(min_length=20)


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=3)
    kind: Literal["session", "break"] = "session"
    minutes: int = Field(ge=5, le=240)
    objectives: Objectives = Field(default_factory=list)
    modules: list[str] = Field(default_factory=list)
    method: str | None = None
    materials: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list)
    notes: str | None = None


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


class Kit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID)
    title: str
    audience: str
    participants: str
    claims: Annotated[Objectives, Field(min_length=1)]
    days: list[Day] = Field(min_length=1)


def activity_path(project: Project, activity_id: str) -> Path:
    return project.root / "assets" / "activities" / f"{activity_id}.yaml"


def kit_paths(project: Project) -> list[Path]:
    return sorted((project.root / "assets" / "kits").glob("*.yaml"))


def load_activity(project: Project, activity_id: str) -> Activity:
    return load_model(activity_path(project, activity_id), Activity)


def load_kit(project: Project, kit_id: str) -> Kit:
    path = project.root / "assets" / "kits" / f"{kit_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in kit_paths(project)) or "none"
        raise FrontlineError(f"unknown kit {kit_id!r} (kits: {known})", path.parent)
    return load_model(path, Kit)


def kit_problems(
    kit: Kit, objectives: set[str], modules: set[str], activities: dict[str, Activity]
) -> list[str]:
    """What makes a kit wrong: days that do not add up, names that do not exist, unkept claims."""
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
            if s.kind == "break" and (s.objectives or s.activities):
                problems.append(f"{where}: a break has no objectives or activities")
    covered = {o for day in kit.days for s in day.sessions for o in s.objectives}
    for claim in kit.claims:
        if claim not in objectives:
            problems.append(f"claims {claim}, which is in no module")
        elif claim not in covered:
            problems.append(f"claims {claim}, but no session works on it")
    return problems
