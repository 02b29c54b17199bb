"""The trainer track's tools in French: the workshop packs (`frontline workshop KIT --lang fr`), the
slides (`frontline slides --lang fr`), and the checks that keep a kit's languages in step (the
numbers of each translated string, the timing and reference checks on every language)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup

from frontline.checks.check import check
from frontline.content.data_catalogs import catalog_path
from frontline.content.interface import MESSAGES
from frontline.content.kits import kit_paths, load_activity, load_kit, skeleton
from frontline.content.languages import load_languages
from frontline.errors import FrontlineError
from frontline.printed import workshop
from frontline.printed.workshop import build_packs, facilitator_only
from tests.conftest import ROOT

KIT = "tot-5day"


def _french(project):
    lang = next((x for x in load_languages(project) if x.code == "fr"), None)
    path = project.root / "assets" / "kits" / f"{KIT}.yaml"
    from frontline.content.data_catalogs import document

    if lang is None or not lang.published or not lang.covers(document(project, path)):
        pytest.skip("the French edition does not hold the workshop kits (locale/languages.yaml)")
    return lang


@pytest.fixture(scope="module")
def french_packs(project, tmp_path_factory):
    _french(project)
    out = tmp_path_factory.mktemp("tot-fr")
    build_packs(project, KIT, out=out, lang="fr")
    return out


def _words(path) -> str:
    """A pack's text as a reader sees it, every run of spaces (no-break ones too) as one space."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for span in soup.select("span.nobr"):
        span.unwrap()  # times and ids kept whole on paper, inside a sentence
    soup.smooth()
    return _one_line(soup.get_text(" "))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_french_tot_packs_are_written_in_french(project, french_packs):
    names = {p.name for p in french_packs.iterdir()}
    for pack in ("facilitator", "participant", "role-cards", "checklist-observation"):
        assert {f"{pack}.html", f"{pack}.pdf"} <= names, pack
        assert '<html lang="fr">' in (french_packs / f"{pack}.html").read_text(encoding="utf-8")
    english, french = load_kit(project, KIT), load_kit(project, KIT, "fr")
    assert skeleton(french) == skeleton(english)
    facilitator = _words(french_packs / "facilitator.html")
    participant = _words(french_packs / "participant.html")
    assert "livret de l'animateur" in facilitator and "Plans de séance" in facilitator
    assert "Fiche d'appréciation" in participant and "Programme" in participant
    # Every session title, and every sentence the packs' code writes, is in French.
    for day_en, day_fr in zip(english.days, french.days, strict=True):
        for en, fr in zip(day_en.sessions, day_fr.sessions, strict=True):
            assert _one_line(fr.title) in facilitator
            assert en.title == fr.title or _one_line(en.title) not in facilitator, en.title
    for msgid in (
        "Session plans",
        "Evaluation form",
        "Print and bring (all sessions):",
        "The pace was right.",
    ):
        assert msgid not in facilitator + participant, msgid
    assert all(msgid in MESSAGES for msgid in workshop.EVALUATION + workshop.OPEN_QUESTIONS)


def test_the_french_practice_set_is_the_french_quiz(french_packs):
    folder = french_packs / "practice" / "trainer-knowledge"
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("Jeu d'entraînement pour le questionnaire trainer-knowledge")
    notebook = json.loads(next(folder.glob("submitted/*/*/*.ipynb")).read_text(encoding="utf-8"))
    assert notebook["metadata"]["frontline"]["language"] == "fr"


def test_no_facilitator_text_of_either_language_is_in_the_french_participant_pack(project, french_packs):
    ids = {a for d in load_kit(project, KIT).days for s in d.sessions for a in s.activities}
    public = _words(french_packs / "participant.html") + _words(french_packs / "role-cards.html")
    for lang in ("en", "fr"):
        kit = load_kit(project, KIT, lang)
        activities = {a: load_activity(project, a, lang) for a in ids}
        for what, secret in facilitator_only(kit, activities):
            probe = _one_line(secret)[:60]
            assert len(probe) < 30 or probe not in public, f"{lang}: {what}"


@pytest.mark.parametrize("lang_of_leak", ["fr", "en"])
def test_a_french_participant_pack_that_leaks_is_refused(project, tmp_path, monkeypatch, lang_of_leak):
    """The leak check of a French pack looks for the French answer keys and the English ones."""
    _french(project)
    original = workshop.participant_pack

    def leaking(kit, activities, contacts, t):
        pack = original(kit, activities, contacts, t)
        first = next(iter(activities))
        secret = load_activity(project, first, lang_of_leak).answer_key
        return workshop.Pack(pack.title, pack.markdown + "\n\n" + secret)

    monkeypatch.setattr(workshop, "participant_pack", leaking)
    with pytest.raises(FrontlineError, match="answer key of .* is in the participant pack"):
        build_packs(project, KIT, out=tmp_path, lang="fr")
    assert not (tmp_path / "participant.html").exists()


def test_a_kit_outside_a_language_s_edition_is_refused_in_one_line(scratch):
    import yaml

    from frontline.book.slides import build_slides

    languages = scratch.root / "locale" / "languages.yaml"
    data = yaml.safe_load(languages.read_text())
    data["fr"]["scope"] = ["book/index", "modules/first-responder/*"]  # an edition of a part only
    languages.write_text(yaml.safe_dump(data))
    with pytest.raises(FrontlineError, match=r"does not hold the kit awareness-1day"):
        build_packs(scratch, "awareness-1day", out=scratch.root / "out", lang="fr")
    with pytest.raises(FrontlineError, match=r"no language 'xx' \(the book has en, fr\)"):
        build_packs(scratch, "awareness-1day", out=scratch.root / "out", lang="xx")
    data["fr"]["published"] = False  # a draft: no packs or decks in it until it is published
    languages.write_text(yaml.safe_dump(data))
    with pytest.raises(FrontlineError, match=r"Français \(fr\) is not a published language"):
        build_packs(scratch, "awareness-1day", out=scratch.root / "out", lang="fr")
    (scratch.root / "assets" / "node_modules").symlink_to(ROOT / "assets" / "node_modules")  # reveal.js
    with pytest.raises(FrontlineError, match=r"Français \(fr\) is not a published language"):
        build_slides(scratch, ["T1"], out=scratch.root / "slides", lang="fr")


def test_a_translation_that_changes_a_number_is_named(scratch):
    """A French session note that says 25 minutes where the English says 20 fails the check: the
    timings are the source file's, and the text must not say otherwise."""
    _french(scratch)
    from babel.messages.pofile import read_po, write_po

    path = catalog_path(scratch, "fr", scratch.root / "assets" / "kits" / "awareness-1day.yaml")
    with path.open("rb") as f:
        catalog = read_po(f)
    changed = None
    for message in catalog:
        if message.id and message.string and re.search(r"\b(\d{2}) minutes\b", message.string):
            message.string = re.sub(r"\b(\d{2}) minutes\b", "99 minutes", message.string, count=1)
            changed = message.context
            break
    assert changed, "no translated string with a number of minutes"
    with path.open("wb") as f:
        write_po(f, catalog)
    problems = check(scratch)
    rel = path.relative_to(scratch.root)
    assert any(
        p.startswith(f"{rel}: {changed}: the translation's numbers differ") and "added ['99']" in p
        for p in problems
    ), problems


def test_every_kit_s_french_text_passes_the_timing_and_reference_checks(project):
    """`frontline check` runs the kit checks on each published language; here directly, so a
    failure names the kit."""
    from frontline.content.kits import kit_problems, load_rules
    from frontline.content.modules import read_modules

    _french(project)
    modules = read_modules(project)
    objectives = {o for m in modules for o in m.objectives}
    for path in kit_paths(project):
        kit = load_kit(project, path.stem, "fr")
        ids = {a for d in kit.days for s in d.sessions for a in s.activities}
        activities = {a: load_activity(project, a, "fr") for a in ids}
        assert skeleton(kit) == skeleton(load_kit(project, path.stem))
        assert (
            kit_problems(kit, objectives, {m.id for m in modules}, activities, None, load_rules(project))
            == []
        )


def test_the_french_slides_are_cut_from_the_french_module(project, tmp_path):
    from pptx import Presentation

    from frontline.book.slides import build_slides

    _french(project)
    build_slides(project, ["T1", "FR3"], out=tmp_path, lang="fr")
    html = unescape((tmp_path / "t1" / "index.html").read_text(encoding="utf-8"))
    assert '<html lang="fr">' in html
    assert "diapositives" in html and "Le modèle en cascade" in html and "Objectifs d'apprentissage" in html
    assert "<strong>Dire\u00a0:</strong>" in html and "Say:" not in html
    case = unescape((tmp_path / "fr3" / "index.html").read_text(encoding="utf-8"))
    assert "Étude de cas (inventée)" in case and "Cette histoire est inventée" in case
    notes = Presentation(tmp_path / "t1.pptx").slides[0].notes_slide.notes_text_frame.text
    assert notes.startswith("Dire\u00a0: ")
