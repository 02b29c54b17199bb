"""`frontline workshop KIT`: the facilitator pack (agenda, session plans, notes, answer keys) and the
participant pack (agenda, handouts, contact sheet and evaluation form, with the role cards on their own
cut-out sheet), as HTML and PDF.
Facilitator-only text never enters the participant pack; `pack_leaks` proves it. A session that names
a `practice` quiz gets a practice set of invented submissions beside the facilitator pack, in
`practice/<quiz>/`, checked for hidden tests and answer keys before it is left there."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..content.bank import Bank, load_bank, plain
from ..content.checklists import load_checklist
from ..content.kits import Activity, Kit, load_activity, load_kit
from ..content.modules import read_modules
from ..content.national import National, load_national, substitute
from ..errors import FrontlineError
from ..grading.leaks import scan, visible_text
from ..grading.practice import write_practice_set
from ..paths import Project
from .cards import find_cards
from .printable import html_page, pdf_document

EVALUATION = [
    "The course met its objectives.",
    "The content is useful in my daily work.",
    "The exercises and role-plays helped me practise.",
    "The pace was right.",
    "The trainers explained things clearly.",
    "I know whom to call when I suspect trafficking.",
]
OPEN_QUESTIONS = [
    "What will you do differently at work after this course?",
    "What was the most useful part, and why?",
    "What should we change next time?",
]


@dataclass
class Pack:
    title: str
    markdown: str


def _para(text: str) -> str:
    """Author's line breaks as Markdown paragraphs (YAML folds them into single newlines)."""
    return "\n\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def _agenda(kit: Kit, objectives: dict[str, str], with_objectives: bool) -> list[str]:
    lines = ["## Agenda", ""]
    for day in kit.days:
        times = list(day.times())
        lines += [f"### {day.title} ({times[0][0]} to {times[-1][1]})", ""]
        header = "| Time | Session | Objectives |" if with_objectives else "| Time | Session |"
        lines += [header, "| --- | --- | --- |" if with_objectives else "| --- | --- |"]
        for start, end, s in times:
            row = f"| {start}-{end} | {_cell(s.title)} |"
            if with_objectives:
                row += f" {', '.join(s.objectives)} |"
            lines.append(row)
        lines.append("")
    return lines


def facilitator_pack(kit: Kit, activities: dict[str, Activity], objectives: dict[str, str]) -> Pack:
    lines = [
        f"**Audience:** {kit.audience}. **Participants:** {kit.participants}. "
        f"**Length:** {len(kit.days)} day{'s' if len(kit.days) != 1 else ''}.",
        "",
        "This pack is for facilitators only: it holds notes and answer keys. Give participants the "
        "participant pack.",
        "",
        "**The kit covers these objectives:**",
        "",
        *[f"- **{o}** {objectives.get(o, '')}" for o in kit.claims],
        "",
        *_agenda(kit, objectives, with_objectives=True),
        *_preparation(kit, activities),
        "## Session plans",
        "",
    ]
    for day in kit.days:
        for start, end, s in day.times():
            if s.kind == "break":
                continue
            lines += [f"### {day.title}, {start}-{end}: {s.title}", ""]
            for o in s.objectives:
                lines.append(f"- **{o}** {objectives.get(o, '')}")
            if s.method:
                lines.append(f"- **Method:** {s.method}")
            if s.modules:
                lines.append(f"- **Modules:** {', '.join(s.modules)}")
            if s.staff:
                names = {m.id: m.name for m in kit.staff}
                tasks = [f"{names.get(who, who)}: {task}" for who, task in s.staff.items()]
                lines.append("- **Staff:** " + "; ".join(tasks))
            if s.slides:
                lines.append(
                    f"- **Slides:** {', '.join(s.slides)} (`frontline slides {' '.join(s.slides)}`; "
                    "trainer's notes under each slide)"
                )
            if s.materials:
                lines.append(f"- **Materials:** {'; '.join(s.materials)}")
            for a in s.activities:
                act = activities[a]
                parts = [f"{act.minutes} minutes"]
                if act.reading_minutes:
                    parts.append(f"{act.reading_minutes} to read")
                if act.debrief_minutes:
                    parts.append(f"{act.debrief_minutes} of debrief")
                if act.group_size:
                    parts.append(f"{act.groups(kit.max_participants)} groups of up to {act.group_size}")
                lines.append(f"- **Activity:** {act.title} ({', '.join(parts)})")
                if act.kind == "role-play" and s.rotations > 1:
                    lines.append(f"- **Rotations:** run it {s.rotations} times, a new officer each time")
            if s.checklist:
                lines.append(
                    f"- **Checklist:** `checklist-{s.checklist}.pdf` beside this pack, one per observer"
                )
            if s.practice:
                lines.append(
                    f"- **Practice set:** {PRACTICE_COUNT} invented submissions of the quiz {s.practice}, "
                    f"in the folder `{PRACTICE_FOLDER}/{s.practice}/` beside this pack; its README.txt "
                    "says how to grade them. Facilitator material: do not hand it out."
                )
            lines.append("")
            if s.notes:
                lines += ["**Notes:**", "", _para(s.notes), ""]
    lines += ["## Activities", ""]
    for a in _used(kit, activities):
        lines += [
            f"### {a.title}",
            "",
            f"*{a.fictional}* {a.kind.replace('-', ' ').capitalize()}, {a.minutes} minutes. {a.group}.",
            "",
            _para(a.scenario),
            "",
        ]
        for role in a.roles:
            lines += [f"**Role card: {role.role}**", "", _para(role.brief), ""]
        lines += ["**Questions:**", "", *[f"- {q}" for q in a.questions], ""]
        lines += ["**Facilitator notes:**", "", _para(a.facilitator_notes), ""]
        lines += ["**What good practice looks like:**", "", _para(a.answer_key), ""]
    return Pack(f"{kit.title}: facilitator pack", "\n".join(lines))


def _preparation(kit: Kit, activities: dict[str, Activity]) -> list[str]:
    """The facilitators' team, the room, the time to prepare, and one list of everything to print
    or bring, gathered from every session, so nothing is found missing on the day."""
    lines = ["## Preparation", "", f"**The team ({len(kit.staff)}):**", ""]
    lines += [f"- **{m.name}**: {m.does}" for m in kit.staff]
    lines += ["", f"**Room:** {' '.join(kit.room.split())}", ""]
    lines += [
        f"**Preparation time:** about {kit.preparation_hours} hours. {' '.join(kit.preparation.split())}",
        "",
    ]
    items: dict[str, list[str]] = {}
    for day, _, s in kit.sessions():
        for m in s.materials:
            items.setdefault(" ".join(m.split()), []).append(day.title)
        for a in filter(None, map(activities.get, s.activities)):
            groups = a.groups(kit.max_participants)
            if a.roles:
                key = f"Role cards for '{a.title}': {groups} set(s), cut out"
                items.setdefault(key, []).append(day.title)
        if s.checklist:
            items.setdefault(f"Checklist '{s.checklist}': one per observer", []).append(day.title)
    lines += ["**Print and bring (all sessions):**", "", "| Item | Used on |", "| --- | --- |"]
    lines += [f"| {_cell(item)} | {', '.join(dict.fromkeys(days))} |" for item, days in items.items()]
    return [*lines, ""]


def _used(kit: Kit, activities: dict[str, Activity]) -> list[Activity]:
    ids = dict.fromkeys(a for day in kit.days for s in day.sessions for a in s.activities)
    return [activities[a] for a in ids]


def participant_pack(kit: Kit, activities: dict[str, Activity], contacts: str | None) -> Pack:
    lines = [
        f"**{kit.title}.** {kit.audience}.",
        "",
        "The stories in this pack are invented. Some of them describe exploitation: take a break when "
        "you need one, and talk to a trainer in private at any time.",
        "",
        *_agenda(kit, {}, with_objectives=False),
    ]
    used = _used(kit, activities)
    if used:
        lines += ["## Handouts", ""]
        for a in used:
            lines += [
                f"### {a.title}",
                "",
                f"*{a.fictional}* {a.group}.",
                "",
                " ".join(a.scenario.split()),
                "",
            ]
            lines += ["**Questions:**", "", *[f"- {q}" for q in a.questions], ""]
    if any(a.roles for a in used):
        lines += ["Role cards are on a separate sheet: the trainer hands each card only to its player.", ""]
    if contacts:
        lines += ["## Referral contacts", "", contacts, ""]
    lines += [
        "## Evaluation form",
        "",
        "Do not write your name. Circle one number: 1 = strongly disagree, 5 = strongly agree.",
        "",
        "| Statement | 1 | 2 | 3 | 4 | 5 |",
        "| --- | --- | --- | --- | --- | --- |",
        *[f"| {q} | 1 | 2 | 3 | 4 | 5 |" for q in EVALUATION],
        "",
        *[
            f"**{q}**\n\n____________________________________________________________\n"
            for q in OPEN_QUESTIONS
        ],
    ]
    return Pack(f"{kit.title}: participant pack", "\n".join(lines))


def role_cards(kit: Kit, activities: dict[str, Activity]) -> Pack:
    """One card per role, to cut out: each player sees only their own brief."""
    lines = ["Cut along the lines. Give each card only to the person who plays that role.", ""]
    for a in _used(kit, activities):
        for role in a.roles:
            lines += ["---", "", f"### {role.role}", "", f"*{a.title}*", "", _para(role.brief), ""]
    return Pack(f"{kit.title}: role cards", "\n".join(lines))


def facilitator_only(kit: Kit, activities: dict[str, Activity]) -> list[tuple[str, str]]:
    """(what, text) of everything that must stay out of the participant pack."""
    found = [(f"notes of '{s.title}'", s.notes) for d in kit.days for s in d.sessions if s.notes]
    for a in activities.values():
        found += [
            (f"facilitator notes of {a.id}", a.facilitator_notes),
            (f"answer key of {a.id}", a.answer_key),
        ]
    return found


def pack_leaks(project: Project, kit: Kit, activities: dict[str, Activity], pages: list[Path]) -> list[str]:
    """Facilitator-only text or graded answers found in the participant pack's files."""
    leaks = [str(leak) for leak in scan(pages, load_bank(project))]
    for page in pages:
        text = visible_text(page)
        for what, secret in facilitator_only(kit, activities):
            # Long enough to be unmistakable; compare a distinctive opening.
            probe = plain(secret)[:80]
            if len(probe) >= 30 and probe in text:
                leaks.append(f"{page}: {what} is in the participant pack")
    return leaks


PRACTICE_FOLDER = "practice"
PRACTICE_COUNT = 12


def practice_readme(quiz_id: str, count: int) -> str:
    return f"""Practice set for the quiz {quiz_id}: {count} invented submissions (P01 to P{count:02d}).

No real learner wrote these. They are the quiz as learners receive it, with answers typed in:
mostly right, some wrong, a few blank, and one or two in the wrong form. Trainees grade these
instead of real submissions, so real learners' answers and grades never leave the trainer.
Regenerate the set with `frontline workshop KIT` whenever the question bank changes.

To grade them, in the project folder on a training laptop (never in a project that holds a real
course's grades: grading records the codes P01, P02, ... in the gradebook):

1. Copy the folders inside submitted/ (P01, P02, ...) into assessments/submitted/,
   so that each one is assessments/submitted/<code>/{quiz_id}/{quiz_id}.ipynb.
2. Run:  frontline grade {quiz_id}
3. Open the grades file and a feedback page, then run the report with --anonymize.

A written answer, if the quiz has one, waits for a person to mark it: that is part of the practice.
"""


def write_practice(bank: Bank, quiz_id: str, folder: Path, count: int = PRACTICE_COUNT) -> list[Path]:
    """A quiz's practice set and its README under folder/practice/<quiz>/; refused (and removed)
    if any notebook shows a hidden test or an answer key."""
    target = folder / PRACTICE_FOLDER / quiz_id
    if target.exists():
        shutil.rmtree(target)  # a set from an older bank must not linger beside the new one
    notebooks = write_practice_set(target, bank.quiz(quiz_id), count)
    leaks = scan(notebooks, bank)
    if leaks:
        shutil.rmtree(target)
        raise FrontlineError(f"practice set refused: {leaks[0]}")
    readme = target / "README.txt"
    readme.write_text(practice_readme(quiz_id, count), encoding="utf-8")
    return [readme, *notebooks]


def build_packs(project: Project, kit_id: str, paper: str = "a4", out: Path | None = None) -> list[Path]:
    """Write both packs as HTML and PDF; refuses to write a participant pack that leaks."""
    kit = load_kit(project, kit_id)
    national: National = load_national(project)
    ids = dict.fromkeys(a for day in kit.days for s in day.sessions for a in s.activities)
    activities = {a: load_activity(project, a) for a in ids}
    objectives = {o: text for m in read_modules(project) for o, text in m.objectives.items()}
    contacts = next((c.body for c in find_cards(project) if c.id == "referral-contacts"), None)
    folder = out or project.build / "workshops" / kit.id
    folder.mkdir(parents=True, exist_ok=True)
    footer = f"{kit.title}. Frontline workshop kit '{kit.id}'."
    written = []
    for name, pack in (
        ("facilitator", facilitator_pack(kit, activities, objectives)),
        ("participant", participant_pack(kit, activities, contacts)),
        ("role-cards", role_cards(kit, activities)),
    ):
        text = substitute(pack.markdown, national)
        html = folder / f"{name}.html"
        html.write_text(html_page(pack.title, text, footer), encoding="utf-8")
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(pdf_document(pack.title, text, paper, footer, "Frontline"))
        written += [html, pdf]
    public = [folder / "participant.html", folder / "role-cards.html"]
    leaks = pack_leaks(project, kit, activities, public)
    if leaks:
        for path in written:
            if path.stem in {"participant", "role-cards"}:
                path.unlink()
        raise FrontlineError(leaks[0])
    for checklist_id in dict.fromkeys(s.checklist for _, _, s in kit.sessions() if s.checklist):
        checklist = load_checklist(project, checklist_id)
        (folder / f"checklist-{checklist_id}.html").write_text(
            html_page(checklist.title, checklist.markdown(), footer), encoding="utf-8"
        )
        (folder / f"checklist-{checklist_id}.pdf").write_bytes(
            pdf_document(checklist.title, checklist.markdown(), paper, footer, "Frontline")
        )
    practice = dict.fromkeys(s.practice for day in kit.days for s in day.sessions if s.practice)
    if practice:
        bank = load_bank(project)
        for quiz_id in practice:
            write_practice(bank, quiz_id, folder)
    return written
