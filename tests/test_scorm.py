"""SCORM 1.2 packages of the book: the manifest validates against the SCORM 1.2 schemas it ships,
the zips are byte-identical from the same book, and in a real browser, with scorm-again's SCORM 1.2
API as the learning platform, a module's SCO records what the learner did and resumes where they
stopped, and nothing is fetched from outside the package."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from loopback import serve

from frontline.dist.scorm import SCHEMAS, build_scorm, scorm_package, tracks
from frontline.errors import FrontlineError
from frontline.paths import Project
from tests.conftest import answer_by_keyboard, recording_page

pytestmark = [pytest.mark.browser, pytest.mark.build]
NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")  # CMITimespan, HHHH:MM:SS.SS


@pytest.fixture(scope="module")
def packages(built_book, project, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    return {path.name.split("-")[1]: path for path in build_scorm(project, out)}


# --- the manifest, against the schemas -------------------------------------------------------------


def schema_from(package: zipfile.ZipFile):
    """The SCORM 1.2 schemas the package ships, as one lxml schema. libxml2 refuses two things in
    them, so those two are adjusted in memory, the files stay as shipped: ims_xml.xsd binds the xml
    namespace as its default namespace (nothing in the file uses it), and imsmd_rootv1p2p1.xsd's
    extension point `xsd:any namespace="##any"` after optional elements of its own namespace breaks
    the unique particle attribution rule; narrowed to "##other", it accepts a subset of what the
    original accepts, so a manifest valid here is valid under the original."""
    from lxml import etree

    files = {}
    for name in SCHEMAS:
        data = package.read(name)
        if name == "ims_xml.xsd":
            data = data.replace(b'xmlns="http://www.w3.org/XML/1998/namespace"', b"", 1)
        if name == "imsmd_rootv1p2p1.xsd":
            assert data.count(b'namespace="##any"') == 1
            data = data.replace(b'namespace="##any"', b'namespace="##other"')
        files[name] = data

    class FromPackage(etree.Resolver):
        def resolve(self, url, pubid, context):
            name = url.rsplit("/", 1)[-1]
            assert name in files, f"the schemas refer to {url}, which is not in the package"
            return self.resolve_string(files[name], context, base_url=f"pkg:/{name}")

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(FromPackage())
    driver = "".join(
        f'<xsd:import namespace="{NS[prefix]}" schemaLocation="pkg:/{name}"/>'
        for prefix, name in (
            ("cp", "imscp_rootv1p1p2.xsd"),
            ("adlcp", "adlcp_rootv1p2.xsd"),
            ("imsmd", "imsmd_rootv1p2p1.xsd"),
        )
    )
    root = etree.fromstring(
        f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{driver}</xsd:schema>'.encode(), parser
    )
    return etree.XMLSchema(root)


@pytest.mark.parametrize("name", ["first", "trainer"])
def test_manifest_is_valid_scorm_12(packages, project, name):
    from lxml import etree

    with zipfile.ZipFile(packages[name]) as package:
        names = set(package.namelist())
        schema = schema_from(package)
        doc = etree.fromstring(package.read("imsmanifest.xml"))
    assert schema.validate(doc), schema.error_log
    assert doc.tag == f"{{{NS['cp']}}}manifest"
    assert doc.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    assert doc.findtext("cp:metadata/imsmd:lom/imsmd:general/imsmd:language", namespaces=NS) == "en"
    # xsi:schemaLocation names each schema, and each is in the package beside the manifest
    pairs = doc.get(f"{{{NS['xsi']}}}schemaLocation").split()
    located = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert located == {
        NS["cp"]: "imscp_rootv1p1p2.xsd",
        NS["imsmd"]: "imsmd_rootv1p2p1.xsd",
        NS["adlcp"]: "adlcp_rootv1p2.xsd",
    }
    assert set(SCHEMAS) <= names
    # One organization for the track, an item per module in _toc.yml's order, each a SCO.
    track = next(t for t in tracks(project) if t.name.startswith(name))
    orgs = doc.find("cp:organizations", NS)
    (org,) = orgs.findall("cp:organization", NS)
    assert orgs.get("default") == org.get("identifier")
    items = org.findall("cp:item", NS)
    assert [i.findtext("cp:title", namespaces=NS) for i in items] == [m.title for m in track.modules]
    resources = {r.get("identifier"): r for r in doc.iterfind("cp:resources/cp:resource", NS)}
    listed = set()
    for item, module in zip(items, track.modules, strict=True):
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
        assert sco.get("type") == "webcontent"
        assert sco.get("href") == module.launch
        files = {f.get("href") for f in sco.findall("cp:file", NS)}
        assert {module.launch, module.page} <= files
        for dep in sco.findall("cp:dependency", NS):
            assert dep.get("identifierref") in resources
    for resource in resources.values():
        listed |= {f.get("href") for f in resource.findall("cp:file", NS)}
    # Every file listed is in the zip, and everything in the zip but the manifest and schemas is listed.
    assert listed <= names
    assert names - listed == {"imsmanifest.xml", *SCHEMAS}


def test_packages_hold_the_track_and_nothing_else(packages, project, built_book):
    for name, path in packages.items():
        track = next(t for t in tracks(project) if t.name.startswith(name))
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            pages = sorted(n for n in names if n.startswith("modules/"))
            assert pages == sorted(m.page for m in track.modules)
            for page in pages:  # the book's pages, unchanged
                assert package.read(page) == (built_book / page).read_bytes()
            assert not any(n.startswith(("book/", "search", "genindex", "index")) for n in names)


def test_zips_are_byte_identical_and_deterministic(packages, project, tmp_path):
    again = scorm_package(project, "first-responder", tmp_path)
    assert again.read_bytes() == packages["first"].read_bytes()
    with zipfile.ZipFile(again) as package:
        infos = package.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_an_unbuilt_book_is_a_one_line_error(tmp_path):
    with pytest.raises(FrontlineError, match="frontline build") as err:
        scorm_package(Project(tmp_path), "first-responder", tmp_path / "out")
    assert "\n" not in str(err.value)


# --- in a browser, with scorm-again as the platform --------------------------------------------------

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><script src="scorm12.min.js"></script></head>
<body style="margin:0">
<div id="slot" style="position:fixed;inset:0"></div>
<script>
  window.calls = [];
  window.launch = function (href, saved) {
    var api = new Scorm12API({ logLevel: 5, autocommit: false });
    if (saved) api.loadFromJSON(saved);
    ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
      api.on(name, function () { window.calls.push([name]); });
    });
    api.on("LMSSetValue.cmi.*", function (element, value) {
      window.calls.push(["LMSSetValue", element, value]);
    });
    window.calls = [];
    window.API = api;
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.style.cssText = "border:0;width:100%;height:100%";
    frame.src = href;
    document.getElementById("slot").appendChild(frame);
  };
  window.closeSco = function () { document.getElementById("sco").remove(); };
  window.recorded = function () {
    var out = {};
    window.calls.forEach(function (c) { if (c[0] === "LMSSetValue") out[c[1]] = c[2]; });
    return out;
  };
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def site(packages, project, tmp_path_factory):
    """The first-responder package unzipped under /pkg/, beside the harness, on loopback."""
    scorm_again = project.node_modules / "scorm-again" / "dist" / "scorm12.min.js"
    if not scorm_again.is_file():
        pytest.fail(f"{scorm_again} missing: run `npm ci --prefix assets`")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(packages["first"]) as package:
        package.extractall(root / "pkg")
        names = set(package.namelist())
    shutil.copyfile(scorm_again, root / "scorm12.min.js")
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    with serve(root) as url:
        yield url, names


@pytest.fixture
def page(browser, site):
    context, pg = recording_page(browser, 1280, 800)
    yield pg
    context.close()


FR1 = "modules/first-responder/fr1-what-is-trafficking.html"


def module_frame(page):
    page.wait_for_function(
        "() => { const f = document.getElementById('sco'); const d = f && f.contentDocument;"
        " const g = d && d.getElementById('fl-sco-frame'); const m = g && g.contentDocument;"
        " return !!m && m.readyState === 'complete' && m.location.pathname.endsWith('.html')"
        " && m.querySelectorAll('.fl-selfcheck .fl-check:not([hidden])').length > 0; }"
    )
    return next(f for f in page.frames if f.url.split("#")[0].endswith(FR1))


def answer(frame, page, section, right: bool) -> None:
    answer_by_keyboard(page, section, right, frame)


def api_value(page, element: str) -> str:
    return page.evaluate(f"window.API.cmi.{element.removeprefix('cmi.')}")


def test_a_sco_records_progress_and_resumes(page, site):
    server, names = site
    page.goto(server + "harness.html")
    page.evaluate("launch('pkg/sco/fr1.html', null)")
    frame = module_frame(page)
    page.wait_for_function("() => window.API.cmi.core.lesson_status === 'incomplete'")
    assert ["LMSInitialize"] in page.evaluate("window.calls")
    assert page.evaluate("recorded()")["cmi.core.lesson_status"] == "incomplete"

    # Every self-check, by keyboard; the first one wrong at the first try, then right.
    checks = frame.locator(".fl-selfcheck")
    count = checks.count()
    items = [checks.nth(i).get_attribute("data-item") for i in range(count)]
    assert count >= 2
    answer(frame, page, checks.nth(0), right=False)
    answer(frame, page, checks.nth(0), right=True)
    for i in range(1, count):
        answer(frame, page, checks.nth(i), right=True)
    score = round(100 * (count - 1) / count)
    page.wait_for_function(f"() => window.API.cmi.core.score.raw === '{score}'")
    assert api_value(page, "cmi.core.lesson_status") == "incomplete"  # the end is not reached yet

    # To the end of the page: completed.
    frame.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    page.wait_for_function("() => window.API.cmi.core.lesson_status === 'completed'")

    # Back up to a section that can sit alone at the top of the view, and stop there.
    stop = frame.evaluate(
        """() => {
          const all = [...document.querySelectorAll('article section[id]')];
          const y = el => el.getBoundingClientRect().top + window.scrollY;
          const room = document.documentElement.scrollHeight - innerHeight;
          for (let i = 2; i < all.length - 1; i++) {
            if (y(all[i + 1]) - y(all[i]) > innerHeight / 2 && y(all[i]) < room - 100) return all[i].id;
          }
          return null;
        }"""
    )
    assert stop
    frame.evaluate(f"document.getElementById('{stop}').scrollIntoView({{behavior: 'instant'}})")
    page.wait_for_function(f"() => window.API.cmi.core.lesson_location === '{stop}'")

    # The learner leaves: the frame goes, the launch page commits and finishes.
    page.evaluate("closeSco()")
    page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    finish = calls.index(["LMSFinish"])
    assert ["LMSCommit"] in calls[:finish]
    record = page.evaluate("recorded()")
    assert record["cmi.core.lesson_status"] == "completed"
    assert record["cmi.core.score.raw"] == str(score)
    assert record["cmi.core.score.min"] == "0" and record["cmi.core.score.max"] == "100"
    assert record["cmi.core.lesson_location"] == stop
    assert record["cmi.core.exit"] == ""  # completed: not suspended
    assert TIMESPAN.match(record["cmi.core.session_time"]), record["cmi.core.session_time"]
    data = json.loads(record["cmi.suspend_data"])
    assert data == {"sc": {item: 0 if n == 0 else 1 for n, item in enumerate(items)}, "end": 1}
    assert record["cmi.suspend_data"] == json.dumps(data, separators=(",", ":"))  # compact

    # Again, with what the platform kept: the page opens where the learner stopped.
    saved = {
        "core": {
            "lesson_location": record["cmi.core.lesson_location"],
            "lesson_status": record["cmi.core.lesson_status"],
            "score": {"raw": record["cmi.core.score.raw"]},
        },
        "suspend_data": record["cmi.suspend_data"],
    }
    page.evaluate("saved => launch('pkg/sco/fr1.html', saved)", saved)
    frame = module_frame(page)
    page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSInitialize')")
    assert frame.evaluate("location.hash") == f"#{stop}"
    frame.wait_for_function(
        f"() => {{ const t = document.getElementById('{stop}').getBoundingClientRect().top;"
        " return window.scrollY > 0 && t >= -2 && t <= innerHeight / 4; }"
    )
    page.evaluate("closeSco()")
    page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSFinish')")
    again = page.evaluate("recorded()")
    assert again.get("cmi.core.lesson_status", "completed") == "completed"  # never set back
    assert api_value(page, "cmi.core.lesson_location") == stop
    assert json.loads(again["cmi.suspend_data"]) == data

    # Nothing came from anywhere but the harness and the package, and all of it was there.
    assert page.failures == []
    for url in page.requests:
        parts = urlsplit(url)
        assert parts.scheme in {"http", "data", "blob"} and url.startswith((server, "data:", "blob:")), url
        if url.startswith(server):
            path = unquote(parts.path).lstrip("/")
            assert path in {"harness.html", "scorm12.min.js"} or path.removeprefix("pkg/") in names, url


def test_leaving_early_suspends_the_attempt(page, site):
    server, _ = site
    page.goto(server + "harness.html")
    page.evaluate("launch('pkg/sco/fr1.html', null)")
    module_frame(page)
    page.evaluate("closeSco()")
    page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSFinish')")
    record = page.evaluate("recorded()")
    assert record["cmi.core.lesson_status"] == "incomplete"
    assert record["cmi.core.exit"] == "suspend"
    assert json.loads(record["cmi.suspend_data"]) == {"sc": {}, "end": 0}
    assert "cmi.core.score.raw" not in record  # nothing answered, no score yet
    assert TIMESPAN.match(record["cmi.core.session_time"])
    assert page.failures == []


def test_outside_a_platform_the_module_works_as_in_the_book(page, site):
    server, _ = site
    page.goto(server + "pkg/sco/fr1.html")
    page.wait_for_function(
        "() => { const m = document.getElementById('fl-sco-frame').contentDocument; return m"
        " && m.readyState === 'complete' && m.querySelector('.fl-selfcheck .fl-check:not([hidden])'); }"
    )
    frame = next(f for f in page.frames if f.url.split("#")[0].endswith(FR1))
    answer(frame, page, frame.locator(".fl-selfcheck").first, right=True)
    # A link to a page of the book that is not in the package: the learner stays, and is told why.
    glossary = frame.locator("article a[href*='glossary.html']").first
    if glossary.count():
        glossary.click()
        assert page.locator("#fl-sco-note").is_visible()
        assert frame.url.split("#")[0].endswith(FR1)
    assert page.failures == []
    hosts = {urlsplit(u).hostname for u in page.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
