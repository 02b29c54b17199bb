"""`frontline workshop KIT`: the facilitator pack (agenda, session plans, notes, answer keys) and the
participant pack (agenda, handouts, contact sheet and evaluation form, with the role cards on their own
cut-out sheet), as HTML and PDF.
Facilitator-only text never enters the participant pack; `pack_leaks` proves it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.bank import load_bank, plain
from ..content.kits import Activity, Kit, load_activity, load_kit
from ..content.modules import read_modules
from ..content.national import National, load_national, substitute
from ..grading.leaks import scan
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
            if s.materials:
                lines.append(f"- **Materials:** {'; '.join(s.materials)}")
            for a in s.activities:
                lines.append(f"- **Activity:** {activities[a].title} ({activities[a].minutes} minutes)")
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
        text = plain(page.read_text(encoding="utf-8", errors="replace"))
        for what, secret in facilitator_only(kit, activities):
            # Long enough to be unmistakable; compare a distinctive opening.
            probe = plain(secret)[:80]
            if len(probe) >= 30 and probe in text:
                leaks.append(f"{page}: {what} is in the participant pack")
    return leaks


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
        from ..errors import FrontlineError

        for path in written:
            if path.stem in {"participant", "role-cards"}:
                path.unlink()
        raise FrontlineError(leaks[0])
    return written
