"""SCORM 1.2 packages of the book for learning platforms (Moodle and others): one zip per track and
language, one SCO per module, cut from the built book (`_build/html`).

A package holds the track's module pages exactly as the book has them, the files those pages load
(theme, script, stylesheet, figures, the widget manager they fetch on demand) and the printable
field cards they link to: nothing else of the book and nothing from another site. Each module gets
a launch page, `sco/<module>.html`, which talks to the platform (`assets/scorm/launch.js` says what
it reports) and shows the module page in a frame. `imsmanifest.xml` is made from `_toc.yml`: an
organization for the track, an item per module, a `sco` resource per module and one shared `asset`
resource; the SCORM 1.2 schemas it names sit beside it (from `assets/scorm/schemas/`). Zips are
byte-identical for the same book: entries sorted, fixed timestamps and permissions.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import quoteattr

from ..content.bank import load_bank
from ..content.modules import read_module
from ..errors import FrontlineError
from ..files import zip_bytes
from ..grading.leaks import scan
from ..paths import Project
from ..yamlfile import read_yaml

SCHEMAS = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_LOCATION = f"{NS_CP} imscp_rootv1p1p2.xsd {NS_MD} imsmd_rootv1p2p1.xsd {NS_ADLCP} adlcp_rootv1p2.xsd"
LAUNCH_JS = "sco/launch.js"
# Linked files a learner may open from a module page, besides the pages: printable cards, downloads.
LINKED_FOLDERS = ("cards", "_downloads", "_images", "_static")
# Attributes through which a page loads a file by itself (links to other pages are not loads).
LOADS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
LOADING_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True)
class Module:
    """A module of a track, as a SCO."""

    id: str  # "FR1"
    title: str  # "FR1. What trafficking in persons is"
    page: str  # its page in the book, relative to the book's root

    @property
    def key(self) -> str:
        return self.id.lower()

    @property
    def launch(self) -> str:
        return f"sco/{self.key}.html"


@dataclass(frozen=True)
class Track:
    name: str  # "first-responder"
    caption: str  # "First-responder track"
    modules: tuple[Module, ...]


def tracks(project: Project) -> list[Track]:
    """The tracks in `_toc.yml`: each part whose chapters are all in one folder `modules/<track>/`."""
    toc = read_yaml(project.root / "_toc.yml")
    parts = toc.get("parts", []) if isinstance(toc, dict) else []
    found = []
    for part in parts:
        files = [c.get("file", "") for c in part.get("chapters", []) if isinstance(c, dict)]
        folders = {posixpath.dirname(f) for f in files}
        if len(folders) != 1:
            continue
        folder = folders.pop()
        if posixpath.dirname(folder) != "modules":
            continue
        modules = []
        for file in files:
            module = read_module(_source(project, file))
            modules.append(Module(module.id, f"{module.id}. {module.title}", f"{file}.html"))
        found.append(Track(posixpath.basename(folder), str(part.get("caption", "")), tuple(modules)))
    return found


def _source(project: Project, file: str) -> Path:
    for suffix in (".md", ".ipynb"):
        path = project.root / f"{file}{suffix}"
        if path.is_file():
            return path
    raise FrontlineError(f"_toc.yml lists {file}, which has no .md or .ipynb file", project.root / "_toc.yml")


def find_track(project: Project, name: str) -> Track:
    known = tracks(project)
    for t in known:
        if t.name == name:
            return t
    names = ", ".join(t.name for t in known) or "none"
    raise FrontlineError(f"no track {name!r} in _toc.yml (tracks: {names})", project.root / "_toc.yml")


class _Refs(HTMLParser):
    """What an HTML page loads by itself, what it links to, and its language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []
        self.css: list[str] = []
        self.lang = ""
        self._style = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        for name in LOADS.get(tag, ()):
            if name in a and (tag != "input" or a.get("type") == "image"):
                self.loads += _srcset(a[name]) if name == "srcset" else [a[name]]
        if tag == "link" and "href" in a:
            (self.loads if LOADING_RELS & set(a.get("rel", "").lower().split()) else self.links).append(
                a["href"]
            )
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "style" in a:
            self.css.append(a["style"])
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.css.append(data)


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


def _local(ref: str, base: str, html: Path, where: str) -> str | None:
    """The file a reference names, relative to the book's root; None for another site, a data URL
    or a place in the same page."""
    parts = urlsplit(ref.strip())
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    if path.startswith("../") or path == "..":
        raise FrontlineError(f"{where} refers to {ref}, outside the book", html / base)
    return path


def _is_other_site(ref: str) -> bool:
    parts = urlsplit(ref.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https", "ftp"}


def _css_refs(text: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(text)]


def needed_files(html: Path, pages: list[str]) -> dict[str, set[str]]:
    """For each page, every file of the book it needs: what it loads (and what that loads in turn),
    the widget manager its exercises fetch on demand, and the cards and downloads it links to."""
    needs: dict[str, set[str]] = {}
    for page in pages:
        found: set[str] = set()
        todo = [page]
        while todo:
            name = todo.pop()
            path = html / name
            if not path.is_file():
                raise FrontlineError(
                    f"{name} is missing from the built book: run `frontline build` again", html
                )
            if name.endswith((".html", ".css")):
                text = path.read_text(encoding="utf-8", errors="replace")
                loads, links = _refs(text, name)
                for ref in loads:
                    if _is_other_site(ref):
                        raise FrontlineError(f"{name} loads {ref} from another site", html / name)
                for ref in loads + links:
                    target = _local(ref, name, html, name)
                    if target is None or target in found or target == name:
                        continue
                    linked = ref in links
                    if linked and (
                        target.split("/")[0] not in LINKED_FOLDERS or not (html / target).is_file()
                    ):
                        continue  # another page of the book: the launch page keeps the learner here
                    found.add(target)
                    todo.append(target)
                if name.endswith(".html") and "fl-widget-slot" in text:
                    # frontline.js fetches the widget manager from _static/vendor/ when asked
                    vendor = html / "_static" / "vendor"
                    for file in sorted(vendor.iterdir()) if vendor.is_dir() else []:
                        found.add(f"_static/vendor/{file.name}")
        found.discard(page)
        needs[page] = found
    return needs


def _refs(text: str, name: str) -> tuple[list[str], list[str]]:
    if name.endswith(".css"):
        return _css_refs(text), []
    parser = _Refs()
    parser.feed(text)
    parser.close()
    return parser.loads + [r for css in parser.css for r in _css_refs(css)], parser.links


def book_language(html: Path, page: str) -> str:
    parser = _Refs()
    parser.feed((html / page).read_text(encoding="utf-8", errors="replace"))
    return parser.lang or "en"


def launch_page(module: Module, track: Track, files: list[str], lang: str) -> str:
    """The SCO's launch page: a full-size frame holding the module page, and launch.js."""
    config = {
        "page": f"../{module.page}",
        "module": module.id,
        "modules": {m.page: m.title for m in track.modules if m != module},
        "files": files,
    }
    data = json.dumps(config, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    title = escape(module.title)
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; overflow: hidden; }}
#fl-sco-frame {{ display: block; border: 0; width: 100%; height: 100%; }}
#fl-sco-note {{ position: fixed; left: 0; right: 0; top: 0; margin: 0; padding: 0.6rem 1rem;
  background: #1d3557; color: #fff; font: 1rem/1.4 system-ui, sans-serif; }}
</style>
</head>
<body>
<p id="fl-sco-note" role="status" aria-live="polite" hidden></p>
<iframe id="fl-sco-frame" title="{title}"></iframe>
<noscript><p><a href="../{escape(module.page)}">{title}</a></p></noscript>
<script type="application/json" id="fl-sco">{data}</script>
<script src="launch.js"></script>
</body>
</html>
"""


def _file_list(names, indent: str) -> str:
    return "".join(f"{indent}<file href={quoteattr(n)}/>\n" for n in names)


def manifest(track: Track, lang: str, title: str, own: dict[str, list[str]], shared: list[str]) -> str:
    """imsmanifest.xml (SCORM 1.2 CAM: IMS CP 1.1.2, ADL CP 1.2, IMS MD 1.2.1)."""
    org = f"org-{track.name}"
    heading = f"{title} ({track.caption})" if track.caption else title
    items = "".join(
        f'      <item identifier="item-{m.key}" identifierref="res-{m.key}" isvisible="true">\n'
        f"        <title>{escape(m.title, quote=False)}</title>\n"
        f"      </item>\n"
        for m in track.modules
    )
    resources = "".join(
        f'    <resource identifier="res-{m.key}" type="webcontent" adlcp:scormtype="sco" href="{m.launch}">\n'
        f"{_file_list(own[m.page], '      ')}"
        f'      <dependency identifierref="res-shared"/>\n'
        f"    </resource>\n"
        for m in track.modules
    )
    lang_attr = quoteattr(lang)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="frontline-{track.name}-{lang}"
    xmlns="{NS_CP}"
    xmlns:adlcp="{NS_ADLCP}"
    xmlns:imsmd="{NS_MD}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{SCHEMA_LOCATION}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title>
          <imsmd:langstring xml:lang={lang_attr}>{escape(heading, quote=False)}</imsmd:langstring>
        </imsmd:title>
        <imsmd:language>{escape(lang)}</imsmd:language>
      </imsmd:general>
      <imsmd:rights>
        <imsmd:cost>
          <imsmd:source><imsmd:langstring xml:lang="x-none">LOMv1.0</imsmd:langstring></imsmd:source>
          <imsmd:value><imsmd:langstring xml:lang="x-none">no</imsmd:langstring></imsmd:value>
        </imsmd:cost>
        <imsmd:copyrightandotherrestrictions>
          <imsmd:source><imsmd:langstring xml:lang="x-none">LOMv1.0</imsmd:langstring></imsmd:source>
          <imsmd:value><imsmd:langstring xml:lang="x-none">yes</imsmd:langstring></imsmd:value>
        </imsmd:copyrightandotherrestrictions>
        <imsmd:description>
          <imsmd:langstring xml:lang="en">Content: CC BY 4.0. Code: MIT.</imsmd:langstring>
        </imsmd:description>
      </imsmd:rights>
    </imsmd:lom>
  </metadata>
  <organizations default="{org}">
    <organization identifier="{org}" structure="hierarchical">
      <title>{escape(heading, quote=False)}</title>
{items}    </organization>
  </organizations>
  <resources>
{resources}    <resource identifier="res-shared" type="webcontent" adlcp:scormtype="asset">
{_file_list(shared, "      ")}    </resource>
  </resources>
</manifest>
"""


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    """Entries sorted, every timestamp 1980-01-01, permissions 0644: the same bytes every time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(zip_bytes(sorted(entries.items())))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _book_title(project: Project) -> str:
    config = read_yaml(project.root / "_config.yml")
    return str(config.get("title", "Frontline")) if isinstance(config, dict) else "Frontline"


def scorm_package(project: Project, track: str, out: Path, lang: str = "en") -> Path:
    """The SCORM 1.2 package of one track in one language, written into the folder `out` as
    `frontline-<track>-<lang>-scorm12.zip`; its path. Needs the built book."""
    html = project.html
    if not (html / "index.html").is_file():
        raise FrontlineError("the book is not built: run `frontline build` (or `make book`) first", html)
    t = find_track(project, track)
    if not t.modules:
        raise FrontlineError(f"track {track} has no modules in _toc.yml", project.root / "_toc.yml")
    for m in t.modules:
        if not (html / m.page).is_file():
            raise FrontlineError(f"{m.page} is not in the built book: run `frontline build` first", html)
    script = html / "_static" / "frontline.js"
    if not script.is_file() or script.read_bytes() != (project.static / "frontline.js").read_bytes():
        # the launch page learns of answered self-checks from this script's "fl-selfcheck" events
        raise FrontlineError(
            "the built book's frontline.js is out of date: run `frontline build` first", html
        )
    book_lang = book_language(html, t.modules[0].page)
    if lang != book_lang:
        raise FrontlineError(
            f"the built book is in {book_lang!r}, not {lang!r}: build the book in {lang!r} first", html
        )
    pages = [m.page for m in t.modules]
    needs = needed_files(html, pages)
    users: dict[str, int] = {}
    for files in needs.values():
        for f in files:
            users[f] = users.get(f, 0) + 1
    shared = sorted([LAUNCH_JS, *(f for f, n in users.items() if n > 1)])
    support = sorted(users)
    own = {
        m.page: sorted([m.launch, m.page, *(f for f in needs[m.page] if users[f] == 1)]) for m in t.modules
    }
    entries: dict[str, bytes] = {name: (html / name).read_bytes() for name in [*pages, *support]}
    leaks = scan([html / p for p in pages], load_bank(project))
    if leaks:
        raise FrontlineError(f"graded material in the book, so no package: {leaks[0]}", html)
    scorm_assets = project.root / "assets" / "scorm"
    entries[LAUNCH_JS] = (scorm_assets / "launch.js").read_bytes()
    for m in t.modules:
        entries[m.launch] = launch_page(m, t, support, lang).encode("utf-8")
    for name in SCHEMAS:
        schema = scorm_assets / "schemas" / name
        if not schema.is_file():
            raise FrontlineError("SCORM 1.2 schema missing (see assets/scorm/schemas/README.md)", schema)
        entries[name] = schema.read_bytes()
    entries["imsmanifest.xml"] = manifest(t, lang, _book_title(project), own, shared).encode("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"frontline-{t.name}-{lang}-scorm12.zip"
    _write_zip(path, entries)
    return path


def build_scorm(project: Project, out: Path, lang: str = "en") -> list[Path]:
    """A SCORM 1.2 package for every track, in the folder `out`."""
    return [scorm_package(project, t.name, out, lang) for t in tracks(project)]
