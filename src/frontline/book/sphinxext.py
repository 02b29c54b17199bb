"""Sphinx extension for the book: the `self-check` directive, the book's own CSS/JS, a lean set of
theme assets (no icon fonts, no launch buttons), and the locally served widget manager."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from html import escape
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from myst_nb.core.render import WIDGET_STATE_MIMETYPE as WIDGET_STATE
from myst_nb.core.render import sanitize_script_content
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..content.bank import Bank, load_bank
from ..content.interface import SCRIPT_MESSAGES, interface, say
from ..content.languages import catalog_folder, source_language
from ..content.national import load_national, substitute
from ..errors import FrontlineError
from ..markdown import to_html
from ..paths import Project, book_files
from ..printed.cards import PAPERS, find_cards, localize, write_cards
from ..printed.typography import print_text
from .css_trim import trim_theme_css
from .references import localized_bibfiles
from .selfcheck import render

# Assets that the theme and Jupyter Book add to every page but this book never uses: copy buttons
# (no code is shown), launch buttons and Thebe (no kernel online), toggles and design tabs (unused).
UNUSED_ASSETS = (
    "copybutton",
    "clipboard",
    "thebe",
    "togglebutton",
    "sphinx-book-theme",
    "design-tabs",
    "sphinx-design",
    "mathjax",
    "pygments.css",  # no code is ever shown to learners
    "mystnb.",  # 42 KB for code cells and text outputs; the two rules outputs need are in frontline.css
)
# Highlighting the searched words is for the search page's results; no other page needs it.
SEARCH_ONLY = ("sphinx_highlight",)
# Each page's saved widget state (tens of KB of defaults) goes to its own script, fetched only when a
# learner asks for the widget version: `<script src>` works from file:// too, unlike fetch().
WIDGET_STATE_FOLDER = "_static/widget-state"

# The widget manager, served from the book and fetched only when a learner asks for it.
VENDOR_FILES = {
    "requirejs/require.js": "require.js",
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "embed-amd.js",
}


def _bank(app: Sphinx) -> Bank:
    if getattr(app, "_frontline_bank", None) is None:
        # The self-checks' text in this build's language (its catalogs in locale/<lang>/.../_data/).
        app._frontline_bank = load_bank(Project(Path(app.srcdir)), app.config.language or None)
    return app._frontline_bank


class SelfCheckDirective(SphinxDirective):
    """```{self-check} fr1-sc-01``` renders one self-check item from the bank."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        item_id = self.arguments[0]
        bank = _bank(self.env.app)
        try:
            item = bank.self_check(item_id)
        except FrontlineError as err:
            raise self.error(f"self-check {item_id}: {err}") from None
        self.env.note_dependency(str(bank.files[item_id]))
        if item_id in bank.catalogs:
            self.env.note_dependency(str(bank.catalogs[item_id]))
        counter = self.env.temp_data.setdefault("frontline_selfcheck", 0) + 1
        self.env.temp_data["frontline_selfcheck"] = counter
        return [nodes.raw("", render(item, counter, self.env.app._frontline_t), format="html")]


CHECKSUM = re.compile(r"\?v=[0-9a-f]+")


def _without_checksum(tag):
    """Sphinx adds `?v=<checksum>` only for files already in the output folder, so a clean build
    and a rebuild would differ; the book is offline, so drop it and keep builds byte for byte."""
    return lambda *args, **kwargs: Markup(CHECKSUM.sub("", str(tag(*args, **kwargs))))


def _to_root(docname: str) -> str:
    return "../" * docname.count("/")


def _card_links(card_id: str, root: str, t) -> str:
    pdfs = " · ".join(
        f'<a href="{root}cards/{card_id}-{paper}.pdf">{escape(t("PDF ({paper})").format(paper=label))}</a>'
        for paper, label in PAPERS.items()
    )
    return f'<a href="{root}cards/{card_id}.html">{escape(t("printable page"))}</a> · {pdfs}'


class FieldCardDirective(SphinxDirective):
    """A block of a module that is also a printable field card (see frontline.printed.cards)."""

    required_arguments = 1
    has_content = True
    option_spec = {"title": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        card_id = self.arguments[0]
        title = self.options.get("title", card_id)
        box = nodes.container(classes=["fl-card"])
        t = self.env.app._frontline_t
        source, line = self.get_source_info()
        # The title is a string of the page's catalog like the card's text (its "Field card:"
        # label is added once the page is translated: _card_titles).
        heading = nodes.paragraph(title, title, classes=["fl-card-title"])
        box += heading
        self.state.nested_parse(self.content, self.content_offset, box)
        # MyST gives a nested table's cells no source, and Sphinx neither extracts nor translates
        # a text without one: give every piece of the card the directive's.
        for node in box.findall(nodes.TextElement):
            if not node.source:
                node.source, node.line = source, line
        links = _card_links(card_id, _to_root(self.env.docname), t)
        line = escape(t("Print this card: {links}")).replace("{links}", links)
        box += nodes.raw("", f'<p class="fl-card-links">{line}</p>', format="html")
        return [box]


class FieldCardIndexDirective(SphinxDirective):
    """The list of every field card, with where each is taught and its printable versions."""

    def run(self) -> list[nodes.Node]:
        project = Project(Path(self.env.app.srcdir))
        root = _to_root(self.env.docname)
        t = self.env.app._frontline_t
        rows = []
        language = self.config.language or "en"
        for card in find_cards(project):
            self.env.note_dependency(str(card.module))
            if language != source_language(project).code:
                catalog = catalog_folder(project, language) / card.module.relative_to(project.root)
                self.env.note_dependency(str(catalog.with_suffix(".po")))
                card = localize(card, project, language)
            module = card.module.relative_to(project.root).with_suffix(".html").as_posix()
            code = card.module.stem.split("-")[0].upper()
            rows.append(
                f"<li><strong>{escape(card.title)}</strong> "
                + escape(t("(from {module})")).replace("{module}", f'<a href="{root}{module}">{code}</a>')
                + f": {_card_links(card.id, root, t)}</li>"
            )
        return [nodes.raw("", f'<ul class="fl-card-index">{"".join(rows)}</ul>', format="html")]


class WorkshopKitsDirective(SphinxDirective):
    """Each workshop kit with its public agenda (facilitator notes stay in the facilitator pack), in
    the page's language."""

    def run(self) -> list[nodes.Node]:
        from ..content.kits import kit_paths, load_kit

        project = Project(Path(self.env.app.srcdir))
        lang = self.config.language or "en"
        t = self.env.app._frontline_t
        parts = []
        for path in kit_paths(project):
            self.env.note_dependency(str(path))
            kit = load_kit(project, path.stem, lang)
            days = []
            for day in kit.days:
                rows = "".join(
                    f"<tr><td>{start}-{end}</td><td>{escape(s.title)}</td></tr>"
                    for start, end, s in day.times()
                )
                days.append(
                    f"<details><summary>{escape(day.title)}</summary><table><thead><tr>"
                    f'<th scope="col">{escape(t("Time"))}</th><th scope="col">{escape(t("Session"))}</th>'
                    f"</tr></thead><tbody>{rows}</tbody></table></details>"
                )
            command = f"frontline workshop {kit.id}" + (
                f" --lang {lang}" if lang != source_language(project).code else ""
            )
            about = " ".join(
                [
                    f"{kit.audience}.",
                    say(t, "{participants} participants.", participants=kit.participants),
                    f"{kit.length(t)}.",
                    say(t, "Objectives: {objectives}.", objectives=", ".join(kit.claims)),
                ]
            )
            parts.append(
                f'<section class="fl-kit"><p class="fl-kit-title"><strong>{escape(kit.title)}</strong> '
                f"(<code>{escape(kit.id)}</code>)</p><p>{escape(print_text(about, lang))}</p>{''.join(days)}"
                f"<p>{escape(t('Make the packs:'))} <code>{escape(command)}</code></p></section>"
            )
        return [nodes.raw("", "".join(parts), format="html")]


class ChecklistDirective(SphinxDirective):
    """An observation checklist from assets/checklists/<id>.yaml, in the page's language: the same
    one the packs print."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from ..content.checklists import checklist_path, load_checklist

        project = Project(Path(self.env.app.srcdir))
        lang = self.config.language or "en"
        self.env.note_dependency(str(checklist_path(project, self.arguments[0])))
        checklist = load_checklist(project, self.arguments[0], lang)
        text = checklist.markdown(self.env.app._frontline_t)
        html = to_html(print_text(substitute(text, self.env.app._frontline_national, lang), lang))
        return [nodes.raw("", f'<div class="fl-checklist">{html}</div>', format="html")]


def _defer_widget_state(app, pagename: str, context: dict) -> None:
    """Move the page's widget state out of the page into `_static/widget-state/<page>.js`, written
    sorted (the kernel's order and the execution cache's differ), and leave a meta tag that tells
    frontline.js where it is and how big."""
    scripts = context.get("script_files") or []
    state = next((s for s in scripts if getattr(s, "attributes", {}).get("type") == WIDGET_STATE), None)
    if state is None or not state.attributes.get("body"):
        return
    context["script_files"] = [s for s in scripts if s is not state]
    body = json.dumps(json.loads(state.attributes["body"]), sort_keys=True)
    name = pagename.replace("/", "--") + ".js"
    target = Path(app.outdir) / WIDGET_STATE_FOLDER / name
    target.parent.mkdir(parents=True, exist_ok=True)
    script = f"window.flWidgetState = {sanitize_script_content(body)};\n"
    target.write_text(script, encoding="utf-8")
    url = context["pathto"](f"{WIDGET_STATE_FOLDER}/{name}", 1)
    kb = round(len(script.encode()) / 1024)
    context["metatags"] = context.get("metatags", "") + (
        f'<meta name="fl-widget-state" content="{escape(url)}" data-kb="{kb}">\n'
    )


def _lean_assets(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files is None:
            continue
        unused = UNUSED_ASSETS if pagename == "search" else (*UNUSED_ASSETS, *SEARCH_ONLY)
        context[key] = [f for f in files if not any(u in str(f) for u in unused)]
    _defer_widget_state(app, pagename, context)
    for key in ("css_tag", "js_tag"):
        if key in context:
            context[key] = _without_checksum(context[key])


# Sphinx writes the sidebar's captions as headings with no level, which ARIA requires; they head
# the sections of the navigation, under the page's one h1.
CAPTION = '<p class="caption" role="heading">'
CAPTION_WITH_LEVEL = '<p class="caption" role="heading" aria-level="2">'
# Docutils puts citations in a `role="list"` whose items are `role="doc-biblioentry"`: a list must
# hold list items, and ARIA has deprecated doc-biblioentry. Each citation is an item of that list.
BIBLIOENTRY = re.compile(r'(<div class="citation" id="[^"]*" )role="doc-biblioentry">')
# On a phone a wide table or code block scrolls sideways inside its box (Furo's table wrapper, the
# highlighted <pre>): a keyboard can scroll it only if the box can take the focus.
SCROLL_BOXES = (
    ('<div class="table-wrapper', '<div tabindex="0" class="table-wrapper'),
    ("<pre>", '<pre tabindex="0">'),
)


def _accessible_markup(app, pagename, templatename, context, doctree) -> None:
    """Runs after Furo's own handler, which renders the navigation tree into the context."""
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str):
        context["furo_navigation_tree"] = tree.replace(CAPTION, CAPTION_WITH_LEVEL)
    body = context.get("body")
    if isinstance(body, str):
        body = BIBLIOENTRY.sub(r'\1role="listitem">', body)
        for plain, focusable in SCROLL_BOXES:
            body = body.replace(plain, focusable)
        context["body"] = body


def _copy_vendor(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    node_modules = Project(Path(app.srcdir)).node_modules
    target = Path(app.outdir) / "_static" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for source, name in VENDOR_FILES.items():
        path = node_modules / source
        if not path.is_file():
            raise FrontlineError("missing; run `npm ci --prefix assets` (make book does)", path)
        shutil.copyfile(path, target / name)


def _lighter_first_screen(app: Sphinx, exception) -> None:
    """Less to fetch before the first text on a slow link: the theme's stylesheet keeps only what
    the book uses, and the search page fetches its scripts and index (150 KB or more) after it has
    shown, so that they do not share the link with the stylesheets it needs first."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    theme_css = outdir / "_static" / "styles" / "furo.css"
    if theme_css.is_file():
        trim_theme_css(outdir, theme_css)
    search = outdir / "search.html"
    if search.is_file():
        search.write_text(search_scripts_later(search), encoding="utf-8")


SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")


def search_scripts_later(search: Path) -> str:
    """The search page with its search scripts loaded, in order, once the page has loaded.
    Sphinx's search starts when its script runs and waits for the index before it answers."""
    html = search.read_text(encoding="utf-8")
    tags = [f'<script src="{src}"></script>' for src in SEARCH_SCRIPTS]
    if "fl-search-later" in html:  # not written again by an incremental build
        return html
    missing = [t for t in tags if t not in html]
    if missing:
        raise FrontlineError(f"the theme's search page no longer has {missing[0]}", search)
    for tag in tags[:-1]:
        html = html.replace(tag, "")
    loader = (
        '<script id="fl-search-later">addEventListener("load",function(){'
        f"{json.dumps(list(SEARCH_SCRIPTS))}.forEach(function(src){{"
        'var s=document.createElement("script");s.src=src;s.async=false;document.body.appendChild(s)})})'
        "</script>"
    )
    return html.replace(tags[-1], loader)


def _config_inited(app: Sphinx, config) -> None:
    project = Project(Path(app.srcdir))
    config.html_static_path = [*config.html_static_path, str(project.static)]
    # Each module may bring its own references-<module>.bib; all of them make one bibliography.
    # sphinxcontrib-bibtex reads them relative to the folder of conf.py (the preview has its own).
    language = config.language or "en"
    bibfiles = project.references
    if language != source_language(project).code:
        # The official titles of instruments in this language (frontline.book.references).
        bibfiles = localized_bibfiles(bibfiles, language, Path(app.doctreedir).parent / "references")
    config.bibtex_bibfiles = [os.path.relpath(p, app.confdir) for p in bibfiles]
    # National names and numbers, in this build's language, as {{ key }} substitutions in every
    # page. A translated paragraph is parsed again after translation, so it gets them too.
    national = load_national(project)
    config.myst_substitutions = {**(config.myst_substitutions or {}), **national.substitutions(language)}
    app._frontline_national = national
    # The interface's own words in this build's language (frontline.content.interface).
    app._frontline_t = interface(project, language)
    _script_strings(app, language)
    # The offline download's file name, for the learners' page (frontline.dist.offline names it).
    config.myst_substitutions["offline_zip"] = f"frontline-{version('frontline')}-{language}.zip"


def _script_strings(app: Sphinx, language: str) -> None:
    """Hand the page script its words in this build's language, on its own tag (data-fl-strings),
    where any of them is translated; the script falls back to its English words."""
    t = app._frontline_t
    done = {m: t(m) for m in SCRIPT_MESSAGES if t(m) != m}
    if not done:
        return
    for name, attributes in app.registry.js_files:
        if name == "frontline.js":
            attributes["data-fl-strings"] = json.dumps(done, ensure_ascii=False, sort_keys=True)


# Furo writes these labels in English with no gettext call (page.html, partials/icons.html).
THEME_LABELS = (
    ('aria-label="{}"', "Toggle site navigation sidebar"),
    ('aria-label="{}"', "Toggle table of contents sidebar"),
    ('aria-label="{}"', "Toggle Light / Dark / Auto color theme"),
    ("<title>{}</title>", "Menu"),
    ("<title>{}</title>", "Expand"),
    ("<title>{}</title>", "Light mode"),
    ("<title>{}</title>", "Dark mode"),
    ("<title>{}</title>", "Auto light/dark, in light mode"),
    ("<title>{}</title>", "Auto light/dark, in dark mode"),
)
# Furo's footer credit, whose word order does not translate piece by piece.
CREDIT = re.compile(
    r'Made with <a href="https://www.sphinx-doc.org/">Sphinx</a> and\s*'
    r'<a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>\'s\s*'
    r'<a href="https://github.com/pradyunsg/furo">Furo</a>'
)
SKIP_LINK = re.compile(
    r'(<a class="skip-to-content muted-link" href="#furo-main-content">)Skip to content(</a>)'
)


def _theme_text(html: str, t) -> str:
    for pattern, text in THEME_LABELS:
        if t(text) != text:
            html = html.replace(pattern.format(text), pattern.format(escape(t(text))))
    if t("Skip to content") != "Skip to content":
        html = SKIP_LINK.sub(lambda m: m.group(1) + escape(t("Skip to content")) + m.group(2), html)
    credit = "Made with {sphinx} and {author}'s {furo}"
    if t(credit) != credit:
        html = CREDIT.sub(
            lambda m: escape(t(credit)).format(
                sphinx='<a href="https://www.sphinx-doc.org/">Sphinx</a>',
                author='<a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>',
                furo='<a href="https://github.com/pradyunsg/furo">Furo</a>',
            ),
            html,
        )
    return html


def _translate_theme(app: Sphinx) -> None:
    """Furo's strings that go through gettext come from Sphinx's catalog for the language, completed
    by locale/<lang>/LC_MESSAGES/sphinx.po; the ones it writes in plain English are replaced here
    in every rendered page, from the interface catalog. In the source language nothing changes."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    t = app._frontline_t
    render = templates.render

    def translated(template: str, context: dict) -> str:
        return _theme_text(render(template, context), t)

    templates.render = translated


def _language_switcher(app, pagename, templatename, context, doctree) -> None:
    """A plain link, at the top of every page, to the same page in each other language that this
    run builds (`frontline_languages`, set by frontline.book.build): no script, works from
    file:// and offline. A language that is not built is not linked."""
    others = app.config.frontline_languages
    if not others or doctree is None or not isinstance(context.get("body"), str):
        return
    root = _to_root(pagename)
    links = " ".join(
        f'<a href="{escape(root + prefix + pagename + app.builder.out_suffix)}" hreflang="{code}" '
        f'lang="{code}">{escape(name)}</a>'
        for code, name, prefix, held in others
        if held is None or pagename in held  # an edition that holds part of the book
    )
    if not links:
        return
    label = escape(app._frontline_t("This page in:"))
    context["body"] = f'<p class="fl-languages">{label} {links}</p>\n' + context["body"]


def _link_to_source_language(app: Sphinx, env, node, contnode):
    """In an edition that holds part of the book, a link to a page it does not hold leads to that
    page in the source language, and says so, rather than failing the build."""
    prefix = app.config.frontline_source_prefix
    if not prefix or node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    from sphinx.util import docname_join

    target = docname_join(node["refdoc"], node["reftarget"])
    if not any((Path(app.srcdir) / f"{target}{suffix}").is_file() for suffix in (".md", ".ipynb")):
        return None
    uri = _to_root(node["refdoc"]) + prefix + target + app.builder.out_suffix
    link = nodes.reference("", "", internal=False, refuri=uri)
    link += contnode
    note = app._frontline_t("(in English)")
    return nodes.inline("", "", link, nodes.Text(f" {note}"))


def _notebook_folder(app: Sphinx) -> None:
    """myst-nb writes executed notebooks beside the output folder (`<outdir>/../jupyter_execute`):
    for a translation, `_build/html/<lang>/`, that is inside the English book. Put them in the
    translation's own work folder instead (`frontline_output_folder`, set by frontline.book.build)."""
    folder = app.config.frontline_output_folder
    if folder and hasattr(app.env, "mystnb_config"):
        app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(Path(folder).resolve()))


def _catalog(app: Sphinx, docname: str):
    """The page's own translation catalog in this build's language, or None."""
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    language = app.config.language or "en"
    dirs = [str(Path(app.srcdir) / d) for d in app.config.locale_dirs]
    catalog, found = init_locale(dirs, language, docname_to_domain(docname, app.config.gettext_compact))
    return catalog if found else None


def _translate_captions(app: Sphinx, doctree) -> None:
    """The sidebar's part captions come from _toc.yml: sphinx-external-toc adds them to the root
    page after Sphinx has translated it, so translate them here, from the root page's catalog,
    before Sphinx records the table of contents."""
    toctrees = list(doctree.findall(addnodes.toctree))
    if not any(t.get("caption") for t in toctrees):
        return
    catalog = _catalog(app, app.env.docname)
    if catalog is None:
        return
    for toctree in toctrees:
        if toctree.get("caption"):
            toctree["caption"] = catalog.gettext(toctree["caption"])


def _translate_alt(app: Sphinx, doctree, docname: str) -> None:
    """A figure's alt text comes from its notebook cell's metadata and becomes an image only after
    Sphinx has translated the page (myst-nb picks each output's format late), so translate it here
    from the page's own catalog; the gettext build extracts it (nb_mime_priority_overrides)."""
    if app.builder.format != "html":
        return
    catalog = _catalog(app, docname)
    if catalog is None:
        return
    for image in doctree.findall(nodes.image):
        if image.get("alt"):
            image["alt"] = catalog.gettext(image["alt"])


def _card_titles(app: Sphinx, doctree, docname: str) -> None:
    """Label each field card's (translated) title: "Field card: <title>" in the page's language."""
    if app.builder.format != "html":
        return
    label = app._frontline_t("Field card: {title}")
    for node in doctree.findall(nodes.paragraph):
        if "fl-card-title" in node["classes"]:
            node.replace_self(nodes.paragraph("", label.format(title=node.astext()), classes=node["classes"]))


def _write_cards(app: Sphinx, exception) -> None:
    """The printable cards in this build's language (frontline.printed.cards)."""
    if exception is not None or app.builder.format != "html":
        return
    project = Project(Path(app.srcdir))
    title = app.config.html_title or app.config.project
    language = app.config.language or "en"
    cards = find_cards(project)
    if language != source_language(project).code:
        cards = [localize(card, project, language) for card in cards]
    write_cards(cards, app._frontline_national, Path(app.outdir) / "cards", title, project)


def _widget_kb(app: Sphinx) -> str:
    """The size of the widget manager download, shown on the button that fetches it."""
    node_modules = Project(Path(app.srcdir)).node_modules
    size = sum((node_modules / f).stat().st_size for f in VENDOR_FILES if (node_modules / f).is_file())
    return str(round(size / 1024))


THEME_COLOUR = "#1f4e79"
ICON_SIZES = (192, 512)
# Not part of what a reader needs: Sphinx's record of the config, and the worker's own files.
NOT_CACHED = {".buildinfo", "sw.js"}
# The optional Jupyter widget version (its manager is 3.6 MB): cached when a reader first opens
# it, not with the book, so that "available offline" costs a phone half as much.
ON_FIRST_USE = ("_static/vendor/", "_static/widget-state/")


def _icon(size: int) -> bytes:
    """The app icon: a white "F" on the theme colour, drawn here so the build needs no image file
    and no network. Pillow writes the same PNG bytes from the same pixels."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), THEME_COLOUR)
    draw = ImageDraw.Draw(image)
    u = size / 16
    for box in ((5, 3, 7, 13), (5, 3, 12, 5), (5, 7, 10.5, 9)):
        draw.rectangle([round(c * u) for c in box], fill="white")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _web_app_head(app, pagename, templatename, context, doctree) -> None:
    """Every page links the web app manifest and names the theme colour (for phones)."""
    manifest = context["pathto"]("manifest.webmanifest", 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="manifest" href="{manifest}">\n<meta name="theme-color" content="{THEME_COLOUR}">'
    )


def _offline_files(outdir: Path) -> list[Path]:
    """The book of this language: another language's book in a folder of it has its own worker."""
    return [p for p in book_files(outdir) if p.relative_to(outdir).as_posix() not in NOT_CACHED]


def _write_web_app(app: Sphinx, exception) -> None:
    """The manifest, its icons and the service worker at the book's root (so its scope is the whole
    book of this language), with every file of the build and a version that changes with any of
    them. Runs after every other step, so the list holds all that the build wrote."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    language = app.config.language or "en"
    icons = outdir / "_static" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        (icons / f"icon-{size}.png").write_bytes(_icon(size))
    from ..yamlfile import read_yaml

    title = app.config.html_title or app.config.project
    book = read_yaml(Path(app.srcdir) / "_config.yml")
    manifest = {
        "name": (book.get("title") if isinstance(book, dict) else None) or title,
        "short_name": title,
        "lang": language,
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": f"_static/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }
    (outdir / "manifest.webmanifest").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    # The template, copied with the other static files, is served from the root only.
    (outdir / "_static" / "sw.js").unlink(missing_ok=True)
    files = _offline_files(outdir)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(outdir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    up_front = [p for p in files if not p.relative_to(outdir).as_posix().startswith(ON_FIRST_USE)]
    header = {
        "language": language,
        "version": f"{version('frontline')}-{digest.hexdigest()[:12]}",
        "bytes": sum(p.stat().st_size for p in up_front),
        "files": ["./", *(p.relative_to(outdir).as_posix() for p in up_front)],
    }
    template = (Project(Path(app.srcdir)).static / "sw.js").read_text()
    (outdir / "sw.js").write_text(f"var FL_BOOK = {json.dumps(header, indent=0)};\n{template}")


def setup(app: Sphinx) -> dict:
    app.add_directive("self-check", SelfCheckDirective)
    app.add_directive("field-card", FieldCardDirective)
    app.add_directive("field-card-index", FieldCardIndexDirective)
    app.add_directive("workshop-kits", WorkshopKitsDirective)
    app.add_directive("checklist", ChecklistDirective)
    app.add_config_value("frontline_languages", [], "html")
    app.add_config_value("frontline_output_folder", "", "env")
    app.add_config_value("frontline_source_prefix", "", "env")
    app.connect("missing-reference", _link_to_source_language)
    app.connect("builder-inited", _notebook_folder, priority=600)  # after myst-nb's own
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _translate_theme)
    app.connect("html-page-context", _language_switcher)
    app.connect("doctree-resolved", _translate_alt)
    app.connect("doctree-resolved", _card_titles)
    app.connect("doctree-read", _translate_captions, priority=400)
    app.add_css_file("frontline.css")
    app.add_js_file("frontline.js", loading_method="defer", **{"data-widget-kb": _widget_kb(app)})
    app.connect("html-page-context", _lean_assets)
    app.connect("html-page-context", _accessible_markup, priority=900)
    app.connect("build-finished", _copy_vendor)
    app.connect("build-finished", _write_cards)
    app.connect("html-page-context", _web_app_head)
    app.connect("build-finished", _lighter_first_screen, priority=800)
    app.connect("build-finished", _write_web_app, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
