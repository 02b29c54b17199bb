"""Slide decks with trainer's notes, cut from the modules: an offline reveal.js deck (speaker view with
the notes: press S) and a PowerPoint file with the notes under each slide.

Every slide's text comes from the module (its title, objectives, a section's points, the case study,
the exercise, the figure, the key points), so a change in the module changes the deck. What the
trainer says, asks, how long and the safety reminder come from `assets/slides/<module>.yaml`.
Same sources, same bytes: figures are drawn with fixed metadata and the PPTX has fixed dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..content.data_catalogs import edition_holding
from ..content.datasets import load_dataset
from ..content.exercises import load_exercise
from ..content.interface import interface, say
from ..content.languages import source_language
from ..content.localized import pick
from ..content.modules import Module, read_modules, section
from ..content.national import National, load_national, substitute
from ..content.page_text import localized_module
from ..content.slide_notes import KINDS, SlideNote, SlideNotes, load_notes, notes_path
from ..errors import FrontlineError
from ..files import zip_bytes
from ..markdown import to_html
from ..paths import Project

MAX_BULLETS = 7
DENSE_WORDS = 110  # more words than this on a slide: smaller type, never fewer words
MAX_WORDS = 90
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
REVEAL = {  # file in node_modules/reveal.js/dist -> name in the deck's vendor folder
    "reveal.css": "reveal.css",
    "theme/white-contrast.css": "white-contrast.css",
    "reveal.js": "reveal.js",
    "plugin/notes.js": "notes.js",
}

ROLE = re.compile(r"\{(term|doc|ref)\}`([^`<]*?)(?:\s*(<[^`]*>))?`")
SEE_REF = re.compile(r"\s*\(see \{ref\}`[^`<]*`[^)]*\)")
FIELD_CARD = re.compile(r"^```\{field-card\}[^\n]*\n(.*?)^```\s*$", re.M | re.S)
LABEL = re.compile(r"^\([a-z0-9-]+\)=\s*$", re.M)
CITE = re.compile(r"\s*\{cite(?::[pt])?\}`[^`]*`")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
FENCE = re.compile(r"^(```|:::+).*?^\1\s*$", re.M | re.S)
BULLET = re.compile(r"^(?:- |\d{1,2}\. )(.+(?:\n(?!- |\d{1,2}\. |\n).+)*)", re.M)
CASE = re.compile(
    r"^:{3,}\{admonition\} Case study \(fictional\)\s*\n:class: case-study\s*\n(.*?)^:{3,}\s*$", re.M | re.S
)


@dataclass(frozen=True)
class Voice:
    """What a deck speaks: its national values, its language and the interface's words in it."""

    national: National
    lang: str = "en"
    t: Callable[[str], str] = str


def _say(voice: Voice, msgid: str, **values: object) -> str:
    return say(voice.t, msgid, **values)


@dataclass
class Slide:
    title: str
    bullets: list[str] = field(default_factory=list)  # Markdown, one line each
    text: str = ""  # Markdown paragraph(s)
    image: bytes | None = None
    note: SlideNote | None = None


def plain(text: str, voice: Voice) -> str:
    """A module's MyST as plain Markdown for a slide: roles to their text, citations dropped."""
    text = SEE_REF.sub("", CITE.sub("", text))
    text = ROLE.sub(lambda m: _role_text(m, voice), text)
    text = LINK.sub(r"\1", text)
    return " ".join(substitute(text, voice.national, voice.lang).split())


def _role_text(m: re.Match, voice: Voice) -> str:
    kind, text, target = m.group(1), m.group(2).strip(), m.group(3)
    if kind == "doc":
        return _doc_name(text, voice)
    if kind == "ref" and not target:
        return voice.t("the module")  # a bare label has no words of its own
    return text


def _doc_name(target: str, voice: Voice) -> str:
    """A page as a reader names it: a module by its code (FR1), another page by its name."""
    name = target.rstrip("/").split("/")[-1]
    code = re.match(r"([a-z]{1,3}\d+)-", name)
    return code.group(1).upper() if code else _say(voice, "the page '{page}'", page=name.replace("-", " "))


def _shorten(text: str, words: int = MAX_WORDS) -> str:
    """Whole sentences up to about `words` words; the module has the rest."""
    if len(text.split()) <= words:
        return text
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if kept and len(" ".join([*kept, sentence]).split()) > words:
            break
        kept.append(sentence)
    short = " ".join(kept)
    return short if len(short.split()) <= words else " ".join(short.split()[:words]) + " ..."


def _blocks(body: str) -> str:
    """A section without its code and directives, but with the text of any field card in it."""
    body = LABEL.sub("", FIELD_CARD.sub(lambda m: m.group(1), body))
    return FENCE.sub("", body)


def _outline(body: str, voice: Voice) -> list[str]:
    """A section in subsections: each one's heading and its first sentence."""
    parts = re.split(r"^### ", body, flags=re.M)[1:]
    if len(parts) < 2:
        return []
    found = []
    for part in parts:
        heading, _, rest = part.partition("\n")
        first = next((p for p in rest.split("\n\n") if p.strip() and not p.lstrip().startswith("|")), "")
        first = BULLET.sub(lambda m: m.group(1), first)
        sentence = re.split(r"(?<=[.!?])\s+", plain(first, voice))[0] if first.strip() else ""
        found.append(f"**{plain(heading, voice)}**" + (f": {_shorten(sentence, 25)}" if sentence else ""))
    return found


def _section_slide(module: Module, heading: str, voice: Voice, limit: int = MAX_BULLETS) -> Slide:
    """A section's bullets (whole: a cut safety point reads as different advice), or its table's first
    two columns, whichever comes first; else its subsections as an outline; else its first paragraph."""
    body = _blocks(section(module.markdown, heading))
    intro = body.split("\n### ", 1)[0]
    bullets = [plain(b, voice) for b in BULLET.findall(intro)]
    rows = [r for r in intro.splitlines() if r.startswith("|") and not re.match(r"^\|[\s|:-]+\|$", r)]
    first_bullet = BULLET.search(intro)
    if len(rows) > 1 and (not first_bullet or intro.index(rows[0]) < first_bullet.start()):
        cells = [[c.strip().strip("*").strip() for c in r.strip("|").split("|")] for r in rows[1:]]
        bullets = [plain(f"**{c[0]}**: {c[1]}" if len(c) > 1 else c[0], voice) for c in cells]
    if not bullets:
        bullets = _outline(body, voice)
    more = len(bullets) - limit
    shown = bullets[:limit] + (
        [f"*{_say(voice, '... and {more} more point(s) in the module', more=more)}*"] if more > 0 else []
    )
    paragraphs = [
        p for p in intro.split("\n\n") if p.strip() and not p.lstrip().startswith(("-", "|", "#", "1."))
    ]
    text = "" if bullets else _shorten(plain(paragraphs[0], voice)) if paragraphs else ""
    return Slide(heading, shown, text)


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _slide(kind: str, module: Module, heading: dict[str, str], project: Project, voice: Voice) -> Slide:
    """One slide of `module` (in the deck's language); `heading` maps a source heading to its own."""
    if kind == "title":
        after = module.markdown.split(f"# {module.id}. {module.title}", 1)[-1]
        intro = _blocks(after.split("\n## ", 1)[0]).strip()
        first = intro.split("\n\n")[0] if intro else ""
        return Slide(f"{module.id}. {module.title}", text=_shorten(plain(first, voice), 45))
    if kind == "objectives":
        points = [f"**{o}** {plain(text, voice)}" for o, text in module.objectives.items()]
        return Slide(heading["Learning objectives"], points)
    if kind == "key-points":
        return _section_slide(module, heading["Key points"], voice, limit=99)  # the summary: every point
    if kind == "case":
        found = CASE.search(module.markdown)
        if not found:
            raise FrontlineError("the module has no case study", module.path)
        paragraphs = [plain(p, voice) for p in found.group(1).split("\n\n") if p.strip()]
        return Slide(voice.t("Case study (invented)"), text=_shorten(" ".join(paragraphs[:3])))
    if kind == "exercise":
        ids = module.calls("sorting_exercise")
        if not ids:
            raise FrontlineError("the module has no exercise", module.path)
        ex = load_exercise(ids[0], project, voice.lang)
        return Slide(
            _say(voice, "Exercise: {title}", title=ex.title),
            [plain(c, voice) for c in ex.categories],
            plain(ex.instructions, voice),
        )
    if kind == "figure":
        ids = module.calls("chart")
        if not ids:
            raise FrontlineError("the module has no figure", module.path)
        import matplotlib.pyplot as plt

        from .figures import draw

        dataset = load_dataset(ids[0], project)
        figure = draw(dataset, voice.lang, voice.t)
        image = _png(figure)
        plt.close(figure)
        return Slide(pick(dataset.title, voice.lang), image=image)
    return _section_slide(module, heading[kind], voice)


def deck(module: Module, local: Module, notes: SlideNotes, project: Project, voice: Voice) -> list[Slide]:
    """The slides `notes` choose, cut from `local`, the module in the voice's language
    (page_text.localized_module): the notes name `module`'s source-language headings, and the
    translated page has the same sections in the same order."""
    heading = dict(zip(module.sections, local.sections, strict=True))
    slides = []
    for note in notes.slides:
        slide = _slide(note.slide, local, heading, project, voice)
        slide.note = note
        slides.append(slide)
    return slides


def problems(module: Module, notes: SlideNotes) -> list[str]:
    """Notes that name a slide the module cannot give: a missing section, case, exercise or figure."""
    found = []
    for note in notes.slides:
        if note.slide in KINDS:
            missing = (
                (note.slide == "case" and not module.has_case_study)
                or (note.slide == "exercise" and not module.calls("sorting_exercise"))
                or (note.slide == "figure" and not module.calls("chart"))
            )
            if missing:
                found.append(f"slide {note.slide!r}: the module has no {note.slide}")
        elif note.slide not in module.sections:
            found.append(f"slide {note.slide!r} is no '## ' section of {module.id}")
    return found


def notes_text(note: SlideNote | None, voice: Voice) -> list[tuple[str, str]]:
    if note is None:
        return []
    rows = [
        (voice.t("Say"), note.say),
        (voice.t("Ask"), note.ask or ""),
        (voice.t("Time"), _say(voice, "{minutes} min", minutes=note.minutes)),
        (voice.t("Safety"), note.safety or ""),
    ]
    return [(k, " ".join(v.split())) for k, v in rows if v]


# Writers ------------------------------------------------------------------------------------------


def _deck_title(module: Module, slides: list[Slide], voice: Voice) -> str:
    total = sum(s.note.minutes for s in slides if s.note)
    return _say(
        voice, "{module}: slides ({minutes} min)", module=f"{module.id}. {module.title}", minutes=total
    )


def reveal_html(module: Module, slides: list[Slide], images: list[str | None], voice: Voice) -> str:
    sections = []
    for slide, image in zip(slides, images, strict=True):
        body = [f"<h2>{escape(slide.title)}</h2>"]
        if slide.text:
            body.append(to_html(slide.text))
        if slide.bullets:
            body.append("<ul>" + "".join(f"<li>{to_html(b)[3:-5]}</li>" for b in slide.bullets) + "</ul>")
        if image:
            body.append(f'<img src="{image}" alt="{escape(slide.title)}">')
        notes = "".join(
            to_html(_say(voice, "**{label}:** {text}", label=k, text=v))
            for k, v in notes_text(slide.note, voice)
        )
        words = len(" ".join([slide.text, *slide.bullets]).split())
        dense = ' class="dense"' if words > DENSE_WORDS else ""
        sections.append(f'<section{dense}>{"".join(body)}<aside class="notes">{notes}</aside></section>')
    return (
        f'<!doctype html>\n<html lang="{voice.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(_deck_title(module, slides, voice))}</title>"
        '<link rel="stylesheet" href="../vendor/reveal.css">'
        '<link rel="stylesheet" href="../vendor/white-contrast.css">'
        "<style>.reveal{font-size:30px}.reveal h2{font-size:1.4em}.reveal li,.reveal p{line-height:1.3}"
        ".reveal p{text-align:left}.reveal img{max-height:520px}.reveal section.dense{font-size:0.7em}"
        ".reveal section.dense h2{font-size:2em}</style></head><body>"
        '<div class="reveal"><div class="slides">' + "\n".join(sections) + "</div></div>"
        '<script src="../vendor/reveal.js"></script><script src="../vendor/notes.js"></script>'
        "<script>Reveal.initialize({hash: true, width: 1280, height: 720, margin: 0.05, "
        "plugins: [RevealNotes]});</script></body></html>\n"
    )


def _markdown_plain(text: str) -> str:
    return text.replace("**", "").replace("*", "")


def pptx_bytes(module: Module, slides: list[Slide], voice: Voice) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for slide in slides:
        layout = prs.slide_layouts[5 if slide.image else 1]
        page = prs.slides.add_slide(layout)
        title = page.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.6), Inches(0.3), Inches(12.1), Inches(1.2)
        title.text = slide.title
        title.text_frame.paragraphs[0].font.size = Pt(32)
        if slide.image:
            page.shapes.add_picture(io.BytesIO(slide.image), Inches(2.5), Inches(1.6), height=Inches(5.6))
        else:
            body = page.placeholders[1]
            body.left, body.top, body.width, body.height = Inches(0.6), Inches(1.6), Inches(12.1), Inches(5.5)
            frame = body.text_frame
            lines = ([_markdown_plain(slide.text)] if slide.text else []) + [
                _markdown_plain(b) for b in slide.bullets
            ]
            for n, line in enumerate(lines):
                paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
                paragraph.text = line
                words = len(" ".join(lines).split())
                paragraph.font.size = Pt(22 if words < 60 else 18 if words < DENSE_WORDS else 14)
        page.notes_slide.notes_text_frame.text = "\n".join(
            _say(voice, "**{label}:** {text}", label=k, text=v).replace("**", "")
            for k, v in notes_text(slide.note, voice)
        )
    core = prs.core_properties
    core.title, core.author, core.last_modified_by = f"{module.id}. {module.title}", "Frontline", "Frontline"
    core.language = voice.lang
    core.created = core.modified = FIXED_DATE.replace(tzinfo=None)
    core.revision = 1
    raw = io.BytesIO()
    prs.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same PPTX bytes every time: the entries python-pptx wrote, in its order, with a fixed date."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return zip_bytes((info.filename, src.read(info.filename)) for info in src.infolist())


def _vendor(project: Project, folder: Path) -> None:
    dist = project.node_modules / "reveal.js" / "dist"
    folder.mkdir(parents=True, exist_ok=True)
    for source, name in REVEAL.items():
        if not (dist / source).is_file():
            raise FrontlineError("missing; run `npm ci --prefix assets` (make book does)", dist / source)
        shutil.copyfile(dist / source, folder / name)


def build_slides(
    project: Project, module_ids: list[str] | None = None, out: Path | None = None, lang: str | None = None
) -> list[Path]:
    """Write each module's deck as `<out>/<module>/index.html` (reveal.js) and `<out>/<module>.pptx`,
    in `lang` (default: the source language; another one goes to `_build/slides/<lang>/`)."""
    source = source_language(project).code
    lang = lang or source
    folder = out or (project.build / "slides" if lang == source else project.build / "slides" / lang)
    modules = {m.id: m for m in read_modules(project)}
    wanted = module_ids or [m for m in modules if notes_path(project, m).is_file()]
    voice = Voice(load_national(project), lang, interface(project, lang))
    _vendor(project, folder / "vendor")
    written = []
    for module_id in wanted:
        module = modules.get(module_id.upper())
        if module is None:
            raise FrontlineError(
                f"unknown module {module_id!r} (modules: {', '.join(modules)})", project.modules
            )
        if lang != source:
            edition_holding(project, lang, notes_path(project, module.id), f"the {module.id} slides")
        notes = load_notes(project, module.id, lang)
        bad = problems(module, notes)
        if bad:
            raise FrontlineError(bad[0], notes_path(project, module.id))
        local = localized_module(project, module, lang)
        slides = deck(module, local, notes, project, voice)
        target = folder / module.id.lower()
        target.mkdir(parents=True, exist_ok=True)
        images = []
        for n, slide in enumerate(slides, start=1):
            if slide.image:
                (target / f"figure-{n}.png").write_bytes(slide.image)
                images.append(f"figure-{n}.png")
            else:
                images.append(None)
        (target / "index.html").write_text(reveal_html(local, slides, images, voice), encoding="utf-8")
        pptx = folder / f"{module.id.lower()}.pptx"
        pptx.write_bytes(pptx_bytes(local, slides, voice))
        written += [target / "index.html", pptx]
    return written
