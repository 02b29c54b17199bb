"""`frontline workshop KIT`: the facilitator pack (agenda, session plans, notes, answer keys) and the
participant pack (agenda, handouts, contact sheet and evaluation form, with the role cards on their own
cut-out sheet), as HTML and PDF.
Facilitator-only text never enters the participant pack; `pack_leaks` proves it. A session that names
a `practice` quiz gets a practice set of invented submissions beside the facilitator pack, in
`practice/<quiz>/`, checked for hidden tests and answer keys before it is left there.

In another language (`--lang fr`) the kit's and activities' text comes from their catalogs
(frontline.content.data_catalogs), the objectives and the contact sheet from the module pages'
catalogs, the packs' own words from the interface catalog, and the practice set is the quiz in
that language: every file the command writes follows the language; its messages stay English."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..content.bank import Bank, load_bank
from ..content.checklists import load_checklist
from ..content.data_catalogs import edition_holding
from ..content.interface import PRACTICE_README, interface, say
from ..content.kits import Activity, Kit, Session, kit_path, load_activity, load_kit
from ..content.languages import source_language
from ..content.modules import read_modules
from ..content.national import National, load_national, substitute
from ..content.page_text import localized_module
from ..errors import FrontlineError
from ..grading.leaks import scan, visible_text
from ..grading.practice import write_practice_set
from ..paths import Project
from .cards import find_cards, localize
from .printable import html_page, pdf_document
from .typography import print_text

PRACTICE_FOLDER = "practice"
PRACTICE_COUNT = 12
PRACTICE_LINE = (
    "{count} invented submissions of the quiz {quiz}, in the folder `{folder}` beside this pack; its "
    "README.txt says how to grade them. Facilitator material: do not hand it out."
)
EVALUATION = (
    "The course met its objectives.",
    "The content is useful in my daily work.",
    "The exercises and role-plays helped me practise.",
    "The pace was right.",
    "The trainers explained things clearly.",
    "I know whom to call when I suspect trafficking.",
)
OPEN_QUESTIONS = (
    "What will you do differently at work after this course?",
    "What was the most useful part, and why?",
    "What should we change next time?",
)
KIND_NAMES = {
    "case-study": "Case study",
    "role-play": "Role-play",
    "simulation": "Simulation",
    "micro-teaching": "Micro-teaching",
}
Words = Callable[[str], str]  # an interface string in the pack's language (frontline.content.interface)


def _line(t: Words, label: str, text: str) -> str:
    """A labelled line (`**Method:** ...`) as the language writes it."""
    return say(t, "**{label}:** {text}", label=t(label), text=text)


@dataclass
class Pack:
    title: str
    markdown: str


def _para(text: str) -> str:
    """Author's line breaks as Markdown paragraphs (YAML folds them into single newlines)."""
    return "\n\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def _agenda(kit: Kit, t: Words, with_objectives: bool) -> list[str]:
    lines = [f"## {t('Agenda')}", ""]
    for day in kit.days:
        times = list(day.times())
        lines += [
            f"### {say(t, '{day} ({start} to {end})', day=day.title, start=times[0][0], end=times[-1][1])}",
            "",
        ]
        columns = [t("Time"), t("Session"), *([t("Objectives")] if with_objectives else [])]
        lines += ["| " + " | ".join(columns) + " |", "| --- " * len(columns) + "|"]
        for start, end, s in times:
            row = f"| {start}-{end} | {_cell(s.title)} |"
            if with_objectives:
                row += f" {', '.join(s.objectives)} |"
            lines.append(row)
        lines.append("")
    return lines


def _activity_line(act: Activity, kit: Kit, t: Words) -> str:
    parts = [say(t, "{minutes} minutes", minutes=act.minutes)]
    if act.reading_minutes:
        parts.append(say(t, "{minutes} to read", minutes=act.reading_minutes))
    if act.debrief_minutes:
        parts.append(say(t, "{minutes} of debrief", minutes=act.debrief_minutes))
    if act.group_size:
        groups = act.groups(kit.max_participants)
        parts.append(say(t, "{groups} groups of up to {size}", groups=groups, size=act.group_size))
    return _line(t, "Activity", f"{act.title} ({', '.join(parts)})")


def _session_plan(
    kit: Kit,
    s: Session,
    activities: dict[str, Activity],
    objectives: dict[str, str],
    t: Words,
    translation: str | None,
) -> list[str]:
    lines = [f"- **{o}** {objectives.get(o, '')}" for o in s.objectives]
    if s.method:
        lines.append("- " + _line(t, "Method", s.method))
    if s.modules:
        lines.append("- " + _line(t, "Modules", ", ".join(s.modules)))
    if s.staff:
        names = {m.id: m.name for m in kit.staff}
        lines.append(
            "- " + _line(t, "Staff", "; ".join(f"{names.get(w, w)}: {task}" for w, task in s.staff.items()))
        )
    if s.slides:
        command = " ".join(["frontline slides", *s.slides, *(["--lang", translation] if translation else [])])
        lines.append(
            "- "
            + _line(
                t,
                "Slides",
                say(
                    t,
                    "{modules} (`{command}`; trainer's notes under each slide)",
                    modules=", ".join(s.slides),
                    command=command,
                ),
            )
        )
    if s.materials:
        lines.append("- " + _line(t, "Materials", "; ".join(s.materials)))
    for a in s.activities:
        act = activities[a]
        lines.append("- " + _activity_line(act, kit, t))
        if act.kind == "role-play" and s.rotations > 1:
            lines.append(
                "- "
                + _line(
                    t,
                    "Rotations",
                    say(t, "run it {times} times, a new officer each time", times=s.rotations),
                )
            )
    if s.checklist:
        lines.append(
            "- "
            + _line(
                t,
                "Checklist",
                say(t, "`{file}` beside this pack, one per observer", file=f"checklist-{s.checklist}.pdf"),
            )
        )
    if s.practice:
        lines.append(
            "- "
            + _line(
                t,
                "Practice set",
                say(
                    t,
                    PRACTICE_LINE,
                    count=PRACTICE_COUNT,
                    quiz=s.practice,
                    folder=f"{PRACTICE_FOLDER}/{s.practice}/",
                ),
            )
        )
    lines.append("")
    if s.notes:
        lines += [_line(t, "Notes", "").rstrip(), "", _para(s.notes), ""]
    return lines


def facilitator_pack(
    kit: Kit,
    activities: dict[str, Activity],
    objectives: dict[str, str],
    t: Words,
    translation: str | None = None,  # the pack's language when it is not the source's
) -> Pack:
    lines = [
        " ".join(
            [
                _line(t, "Audience", kit.audience) + ".",
                _line(t, "Participants", kit.participants) + ".",
                _line(t, "Length", kit.length(t)) + ".",
            ]
        ),
        "",
        t(
            "This pack is for facilitators only: it holds notes and answer keys. Give participants the "
            "participant pack."
        ),
        "",
        f"**{t('The kit covers these objectives:')}**",
        "",
        *[f"- **{o}** {objectives.get(o, '')}" for o in kit.claims],
        "",
        *_agenda(kit, t, with_objectives=True),
        *_preparation(kit, activities, t),
        f"## {t('Session plans')}",
        "",
    ]
    for day in kit.days:
        for start, end, s in day.times():
            if s.kind == "break":
                continue
            heading = say(
                t, "{day}, {start} to {end}: {session}", day=day.title, start=start, end=end, session=s.title
            )
            lines += [f"### {heading}", ""]
            lines += _session_plan(kit, s, activities, objectives, t, translation)
    lines += [f"## {t('Activities')}", ""]
    for a in _used(kit, activities):
        kind = say(t, "{kind}, {minutes} minutes.", kind=t(KIND_NAMES[a.kind]), minutes=a.minutes)
        lines += [f"### {a.title}", "", f"*{a.fictional}* {kind} {a.group}.", "", _para(a.scenario), ""]
        for role in a.roles:
            lines += [f"**{say(t, 'Role card: {role}', role=role.role)}**", "", _para(role.brief), ""]
        lines += [f"**{t('Questions:')}**", "", *[f"- {q}" for q in a.questions], ""]
        lines += [f"**{t('Facilitator notes:')}**", "", _para(a.facilitator_notes), ""]
        lines += [f"**{t('What good practice looks like:')}**", "", _para(a.answer_key), ""]
    return Pack(say(t, "{kit}: facilitator pack", kit=kit.title), "\n".join(lines))


def _preparation(kit: Kit, activities: dict[str, Activity], t: Words) -> list[str]:
    """The facilitators' team, the room, the time to prepare, and one list of everything to print
    or bring, gathered from every session, so nothing is found missing on the day."""
    lines = [f"## {t('Preparation')}", "", f"**{say(t, 'The team ({count}):', count=len(kit.staff))}**", ""]
    lines += [f"- **{m.name}**: {m.does}" for m in kit.staff]
    lines += ["", _line(t, "Room", " ".join(kit.room.split())), ""]
    hours = say(t, "about {hours} hours.", hours=kit.preparation_hours)
    lines += [_line(t, "Preparation time", f"{hours} {' '.join(kit.preparation.split())}"), ""]
    items: dict[str, list[str]] = {}
    for day, _, s in kit.sessions():
        for m in s.materials:
            items.setdefault(" ".join(m.split()), []).append(day.title)
        for a in filter(None, map(activities.get, s.activities)):
            if a.roles:
                key = say(
                    t,
                    "Role cards for '{activity}': {sets} set(s), cut out",
                    activity=a.title,
                    sets=a.groups(kit.max_participants),
                )
                items.setdefault(key, []).append(day.title)
        if s.checklist:
            key = f"{t('Checklist')} " + say(t, "'{checklist}': one per observer", checklist=s.checklist)
            items.setdefault(key, []).append(day.title)
    lines += [
        f"**{t('Print and bring (all sessions):')}**",
        "",
        f"| {t('To print or bring')} | {t('Used on')} |",
        "| --- | --- |",
    ]
    lines += [f"| {_cell(item)} | {', '.join(dict.fromkeys(days))} |" for item, days in items.items()]
    return [*lines, ""]


def _used(kit: Kit, activities: dict[str, Activity]) -> list[Activity]:
    ids = dict.fromkeys(a for day in kit.days for s in day.sessions for a in s.activities)
    return [activities[a] for a in ids]


def participant_pack(kit: Kit, activities: dict[str, Activity], contacts: str | None, t: Words) -> Pack:
    lines = [
        f"**{kit.title}.** {kit.audience}.",
        "",
        t(
            "The stories in this pack are invented. Some of them describe exploitation: take a break when "
            "you need one, and talk to a trainer in private at any time."
        ),
        "",
        *_agenda(kit, t, with_objectives=False),
    ]
    used = _used(kit, activities)
    if used:
        lines += [f"## {t('Handouts')}", ""]
        for a in used:
            lines += [
                f"### {a.title}",
                "",
                f"*{a.fictional}* {a.group}.",
                "",
                _para(a.scenario),
                "",
            ]
            lines += [f"**{t('Questions:')}**", "", *[f"- {q}" for q in a.questions], ""]
    if any(a.roles for a in used):
        lines += [
            t("Role cards are on a separate sheet: the trainer hands each card only to its player."),
            "",
        ]
    if contacts:
        lines += [f"## {t('Referral contacts')}", "", contacts, ""]
    lines += [
        f"## {t('Evaluation form')}",
        "",
        t("Do not write your name. Circle one number: 1 = strongly disagree, 5 = strongly agree."),
        "",
        f"| {t('Statement')} | 1 | 2 | 3 | 4 | 5 |",
        "| --- | --- | --- | --- | --- | --- |",
        *[f"| {t(q)} | 1 | 2 | 3 | 4 | 5 |" for q in EVALUATION],
        "",
        *[
            f"**{t(q)}**\n\n____________________________________________________________\n"
            for q in OPEN_QUESTIONS
        ],
    ]
    return Pack(say(t, "{kit}: participant pack", kit=kit.title), "\n".join(lines))


def role_cards(kit: Kit, activities: dict[str, Activity], t: Words) -> Pack:
    """One card per role, to cut out: each player sees only their own brief."""
    lines = [t("Cut along the lines. Give each card only to the person who plays that role."), ""]
    for a in _used(kit, activities):
        for role in a.roles:
            lines += ["---", "", f"### {role.role}", "", f"*{a.title}*", "", _para(role.brief), ""]
    return Pack(say(t, "{kit}: role cards", kit=kit.title), "\n".join(lines))


def facilitator_only(kit: Kit, activities: dict[str, Activity]) -> list[tuple[str, str]]:
    """(what, text) of everything that must stay out of the participant pack."""
    found = [(f"notes of '{s.title}'", s.notes) for d in kit.days for s in d.sessions if s.notes]
    for a in activities.values():
        found += [
            (f"facilitator notes of {a.id}", a.facilitator_notes),
            (f"answer key of {a.id}", a.answer_key),
        ]
    return found


def pack_leaks(
    project: Project, kits: list[tuple[Kit, dict[str, Activity]]], banks: list[Bank], pages: list[Path]
) -> list[str]:
    """Facilitator-only text or graded answers found in the participant pack's files. `kits` and
    `banks` hold the pack's language and the source language: a French pack must not carry a
    French answer key, nor an English one left untranslated."""
    leaks = [str(leak) for leak in scan(pages, *banks)]
    # Compared without any spaces: print typography adds (no-break) spaces the source does not
    # have, before « ; » or « : », so a leaked answer key is found however it was typeset.
    secrets = [
        (what, _squash(secret)[:70])
        for kit, activities in kits
        for what, secret in facilitator_only(kit, activities)
    ]
    for page in pages:
        text = _squash(visible_text(page))
        for what, probe in secrets:
            # Long enough to be unmistakable; compare a distinctive opening.
            if len(probe) >= 25 and probe in text:
                leaks.append(f"{page}: {what} is in the participant pack")
    return list(dict.fromkeys(leaks))


def _squash(text: str) -> str:
    return "".join(text.split())


def practice_readme(quiz_id: str, count: int, t: Words) -> str:
    return say(t, PRACTICE_README, quiz=quiz_id, count=count, last=f"P{count:02d}")


def write_practice(
    bank: Bank, quiz_id: str, folder: Path, t: Words, count: int = PRACTICE_COUNT, more: tuple[Bank, ...] = ()
) -> list[Path]:
    """A quiz's practice set (in the bank's language) and its README under folder/practice/<quiz>/;
    refused (and removed) if any notebook shows a hidden test or an answer key."""
    target = folder / PRACTICE_FOLDER / quiz_id
    if target.exists():
        shutil.rmtree(target)  # a set from an older bank must not linger beside the new one
    notebooks = write_practice_set(target, bank.quiz(quiz_id), count)
    leaks = scan(notebooks, bank, *more)
    if leaks:
        shutil.rmtree(target)
        raise FrontlineError(f"practice set refused: {leaks[0]}")
    readme = target / "README.txt"
    readme.write_text(practice_readme(quiz_id, count, t), encoding="utf-8")
    return [readme, *notebooks]


def build_packs(
    project: Project, kit_id: str, paper: str = "a4", out: Path | None = None, lang: str | None = None
) -> list[Path]:
    """Write both packs as HTML and PDF in `lang` (default: the source language); refuses to write a
    participant pack that leaks, in either language."""
    source = source_language(project).code
    lang = lang or source
    if lang != source:
        edition_holding(project, lang, kit_path(project, kit_id), f"the kit {kit_id}")
    t = interface(project, lang)
    kit = load_kit(project, kit_id, lang)
    national: National = load_national(project)
    ids = dict.fromkeys(a for day in kit.days for s in day.sessions for a in s.activities)
    activities = {a: load_activity(project, a, lang) for a in ids}
    objectives = {
        o: text
        for m in read_modules(project)
        for o, text in localized_module(project, m, lang).objectives.items()
    }
    card = next((c for c in find_cards(project) if c.id == "referral-contacts"), None)
    contacts = (localize(card, project, lang) if lang != source else card).body if card else None
    folder = out or project.build / "workshops" / (kit.id if lang == source else f"{kit.id}-{lang}")
    folder.mkdir(parents=True, exist_ok=True)
    footer = say(t, "{kit}. Frontline workshop kit '{id}'.", kit=kit.title, id=kit.id)
    written = []
    for name, pack in (
        ("facilitator", facilitator_pack(kit, activities, objectives, t, lang if lang != source else None)),
        ("participant", participant_pack(kit, activities, contacts, t)),
        ("role-cards", role_cards(kit, activities, t)),
    ):
        text = print_text(substitute(pack.markdown, national, lang), lang)
        html = folder / f"{name}.html"
        html.write_text(html_page(pack.title, text, footer, lang), encoding="utf-8")
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(pdf_document(pack.title, text, paper, footer, "Frontline", lang))
        written += [html, pdf]
    variants = [(kit, activities)]
    banks = [load_bank(project, lang)]
    if lang != source:
        english = load_kit(project, kit_id)
        variants.append((english, {a: load_activity(project, a) for a in ids}))
        banks.append(load_bank(project))
    public = [folder / "participant.html", folder / "role-cards.html"]
    leaks = pack_leaks(project, variants, banks, public)
    if leaks:
        for path in written:
            if path.stem in {"participant", "role-cards"}:
                path.unlink()
        raise FrontlineError(leaks[0])
    for checklist_id in dict.fromkeys(s.checklist for _, _, s in kit.sessions() if s.checklist):
        checklist = load_checklist(project, checklist_id, lang)
        text = print_text(checklist.markdown(t), lang)
        (folder / f"checklist-{checklist_id}.html").write_text(
            html_page(checklist.title, text, footer, lang), encoding="utf-8"
        )
        (folder / f"checklist-{checklist_id}.pdf").write_bytes(
            pdf_document(checklist.title, text, paper, footer, "Frontline", lang)
        )
    for quiz_id in dict.fromkeys(s.practice for day in kit.days for s in day.sessions if s.practice):
        write_practice(banks[0], quiz_id, folder, t, more=tuple(banks[1:]))
    return written
