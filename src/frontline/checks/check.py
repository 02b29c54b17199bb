"""`frontline check`: the parts of the content standard a program can check. Each problem is one
line naming the file, the item and what is wrong."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..content import data_catalogs
from ..content.bank import Bank, load_bank
from ..content.datasets import Dataset, dataset_path
from ..content.exercises import Exercise, exercise_path
from ..content.kits import (
    Activity,
    Kit,
    kit_paths,
    kit_problems,
    load_activity,
    load_kit,
    load_rules,
    skeleton,
)
from ..content.languages import load_languages, translations
from ..content.modules import REQUIRED_SECTIONS, Module, read_module
from ..content.modules import module_paths as _module_paths
from ..content.national import SUBSTITUTION, load_national, national_path
from ..content.slide_notes import notes_path
from ..errors import FrontlineError
from ..grading.quiz_notebook import notebook_text, source_path
from ..paths import Project
from ..printed.cards import find_cards, localize
from ..printed.cards import problems as card_problems
from ..yamlfile import load_model
from .items import flaws, twin_differences
from .marking import check_marking

BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def bib_keys(project: Project) -> set[str]:
    return {k for path in project.references for k in BIB_KEY.findall(path.read_text(encoding="utf-8"))}


def check_bibliography(project: Project) -> Iterator[str]:
    """Keys are unique across all book/references*.bib files (Sphinx refuses a repeated one)."""
    seen: dict[str, Path] = {}
    for path in project.references:
        for key in BIB_KEY.findall(path.read_text(encoding="utf-8")):
            if key in seen:
                yield _problem(path, f"bibliography key {key!r} is already in {seen[key].name}")
            seen.setdefault(key, path)


def _problem(path: Path, message: str, item: str | None = None) -> str:
    return str(FrontlineError(message, path, item))


def check_module(module: Module, bank: Bank, keys: set[str], project: Project) -> Iterator[str]:
    path = module.path
    kernel = module.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        yield _problem(path, "front matter must name the python3 kernel")
    positions = [module.sections.index(s) for s in REQUIRED_SECTIONS if s in module.sections]
    for section in REQUIRED_SECTIONS:
        if section not in module.sections:
            yield _problem(path, f"missing section '## {section}'")
    if positions != sorted(positions):
        yield _problem(path, f"sections must come in the order {', '.join(REQUIRED_SECTIONS)}")
    if not module.objectives:
        yield _problem(path, f"no learning objectives of the form '- **{module.id}.1** ...'")
    for objective in module.objectives:
        if not objective.startswith(module.id + "."):
            yield _problem(path, f"objective {objective} does not belong to module {module.id}")
    if not module.has_case_study:
        yield _problem(path, "no ':::{admonition} Case study (fictional)' block with ':class: case-study'")
    for n, cell in enumerate(module.code, start=1):
        if "remove-input" not in cell.tags:
            yield _problem(path, f"code cell {n} must be tagged remove-input: readers never see code")
    exercises = module.calls("sorting_exercise")
    if not exercises:
        yield _problem(path, "no interactive exercise (a sorting_exercise(...) cell)")
    for exercise_id in exercises:
        if not exercise_path(project, exercise_id).is_file():
            yield _problem(
                path, f"exercise file {exercise_path(project, exercise_id)} not found", exercise_id
            )
    charts = module.code_cells_calling("chart")
    if not charts:
        yield _problem(path, "no figure (a chart(...) cell drawn from assets/data)")
    for cell in charts:
        mystnb = cell.metadata.get("mystnb", {})
        if not mystnb.get("image", {}).get("alt"):
            yield _problem(path, "figure cell needs mystnb.image.alt text for screen readers")
        if not mystnb.get("figure", {}).get("caption"):
            yield _problem(path, "figure cell needs a mystnb.figure.caption that cites its source")
    for dataset_id in module.calls("chart"):
        if not dataset_path(project, dataset_id).is_file():
            yield _problem(path, f"dataset {dataset_path(project, dataset_id)} not found", dataset_id)
    if not module.self_checks:
        yield _problem(path, "no self-check items")
    for item_id in module.self_checks:
        try:
            item = bank.self_check(item_id)
        except FrontlineError as err:
            yield _problem(path, err.detail, item_id)
            continue
        if item.objective not in module.objectives:
            yield _problem(
                path,
                f"self-check tests objective {item.objective}, not one of this module's",
                item_id,
            )
    for key in sorted(module.citations - keys):
        yield _problem(path, f"cites {key!r}, which is in no book/references*.bib")


def check_objectives(modules: list[Module], bank: Bank) -> Iterator[str]:
    """Every objective is assessed by at least one item, and every item names a real objective."""
    objectives = {o: m for m in modules for o in m.objectives}
    assessed: set[str] = set()
    for item_id, item in bank.self_checks.items():
        assessed.add(item.objective)
        if item.objective not in objectives:
            yield _problem(bank.files[item_id], f"objective {item.objective} is in no module", item_id)
    for quiz in bank.quizzes.values():
        for item in quiz.items:
            assessed.add(item.objective)
            if item.objective not in objectives:
                yield _problem(bank.files[item.id], f"objective {item.objective} is in no module", item.id)
    for objective, module in sorted(objectives.items()):
        if objective not in assessed:
            yield _problem(module.path, "no self-check or quiz item assesses this objective", objective)


def _each(paths: Iterable[Path], model) -> Iterator[tuple[Path, object | None, list[str]]]:
    """Each data file loaded (or None), with its problems; an id must match its file name."""
    for path in sorted(paths):
        try:
            loaded = load_model(path, model)
        except FrontlineError as err:
            yield path, None, [str(err)]
            continue
        wrong = (
            [] if loaded.id == path.stem else [_problem(path, f"id {loaded.id!r} must match the file name")]
        )
        yield path, loaded, wrong


def check_data(project: Project, keys: set[str]) -> Iterator[str]:
    """Every dataset and exercise loads, is named for its file, and every dataset's source is cited."""
    for folder, model in ((project.data, Dataset), (project.exercises, Exercise)):
        for path, loaded, problems in _each(folder.glob("*.yaml"), model):
            yield from problems
            if isinstance(loaded, Dataset) and loaded.source.reference not in keys:
                ref = loaded.source.reference
                yield _problem(path, f"source.reference {ref!r} is in no book/references*.bib")


REVIEW_MODULE = re.compile(r"^([A-Z]{1,3}\d+)\b")
QUOTED = re.compile(r"'([^']+)'")


def _check_review(path: Path, item, modules: dict[str, Module]) -> Iterator[str]:
    """A review pointer names a module and quotes its section headings exactly, so it cannot
    silently point at a heading that was renamed."""
    match = REVIEW_MODULE.match(item.review)
    if not match or match.group(1) not in modules:
        yield _problem(
            path, f"review must start with a module id, e.g. 'FR2, section ...': {item.review!r}", item.id
        )
        return
    module = modules[match.group(1)]
    for heading in QUOTED.findall(item.review):
        if heading not in module.sections:
            yield _problem(
                path, f"review names section {heading!r}, which {module.id} does not have", item.id
            )


def check_quizzes(project: Project, bank: Bank, modules: list[Module]) -> Iterator[str]:
    by_id = {m.id: m for m in modules}
    module_ids = set(by_id)
    in_book = {i for m in modules for i in m.self_checks}
    for quiz in bank.quizzes.values():
        path = bank.files[quiz.id]
        for module_id in quiz.modules:
            if module_id not in module_ids:
                yield _problem(path, f"modules lists {module_id}, which does not exist")
        for item in quiz.items:
            if item.id in in_book:
                yield _problem(path, "graded item is shown in the book as a self-check", item.id)
            yield from _check_review(path, item, by_id)
        source = source_path(project.course, quiz.id)
        if source.exists() and source.read_text(encoding="utf-8") != notebook_text(quiz):
            yield _problem(source, f"out of date with the bank: run `frontline release {quiz.id}`")


def check_parallel_forms(bank: Bank) -> Iterator[str]:
    """Before-and-after tests: each form names the other, and each item a twin of the same
    objective, type, points, number of options and subject."""
    for quiz in bank.quizzes.values():
        path = bank.files[quiz.id]
        if not quiz.parallel_form:
            for item in quiz.items:
                if item.pairs_with:
                    yield _problem(path, "pairs_with is set, but the quiz has no parallel_form", item.id)
            continue
        other = bank.quizzes.get(quiz.parallel_form)
        if other is None:
            yield _problem(path, f"parallel_form {quiz.parallel_form!r} is not a quiz in the bank")
            continue
        if other.parallel_form != quiz.id:
            yield _problem(path, f"parallel_form {other.id!r} does not name {quiz.id!r} back")
        if len(other.items) != len(quiz.items):
            yield _problem(
                path, f"has {len(quiz.items)} items, its parallel form {other.id} {len(other.items)}"
            )
        twins = {i.id: i for i in other.items}
        for item in quiz.items:
            twin = twins.get(item.pairs_with or "")
            if twin is None:
                yield _problem(path, f"pairs_with {item.pairs_with!r} is no item of {other.id}", item.id)
            elif twin.pairs_with != item.id:
                yield _problem(path, f"its twin {twin.id} pairs with {twin.pairs_with!r} instead", item.id)
            elif differ := twin_differences(item, twin):
                yield _problem(path, f"its twin {twin.id} differs in {', '.join(differ)}", item.id)


def check_national(project: Project, modules: list[Module]) -> Iterator[str]:
    """national.yaml loads, and every {{ key }} a page uses is one it defines."""
    try:
        national = load_national(project)
    except FrontlineError as err:
        yield str(err)
        return
    published = [lang.code for lang in load_languages(project) if lang.published]
    for gap in national.missing(published):
        key, lang = gap.split(": ")
        yield _problem(national_path(project), f"{key} has no text in {lang}, a published language", key)
    # The build adds the name of the offline download (frontline.book.sphinxext).
    known = {**national.substitutions(), "offline_zip": ""}
    pages = [m.path for m in modules] + sorted((project.root / "book").glob("*.md"))
    for path in pages:
        for key in sorted(set(SUBSTITUTION.findall(path.read_text(encoding="utf-8"))) - set(known)):
            yield _problem(path, f"{{{{ {key} }}}} is not a key of {national_path(project).name}")
    seen: dict[str, Path] = {}
    for card in find_cards(project):
        if card.id in seen:
            yield _problem(card.module, f"field card id also used in {seen[card.id]}", card.id)
        seen[card.id] = card.module
        for problem in card_problems(card, national, "Frontline"):
            yield _problem(card.module, problem, f"field card {card.id}")
        # A translation's card must fit on one page too (its text is often longer).
        for lang in published[1:]:
            for problem in card_problems(localize(card, project, lang), national, "Frontline", project):
                yield _problem(card.module, problem, f"field card {card.id}")


def check_kits(project: Project, modules: list[Module], quizzes: set[str]) -> Iterator[str]:
    """Activities load; each kit's days add up and everything it names exists (practice quizzes too)."""
    activities = {}
    folder = project.root / "assets" / "activities"
    objectives = {o for m in modules for o in m.objectives}
    for path, activity, problems in _each(folder.glob("*.yaml"), Activity):
        yield from problems
        if activity is None:
            continue
        for o in activity.objectives:
            if o not in objectives:
                yield _problem(path, f"objective {o} is in no module", activity.id)
        activities[activity.id] = activity
    try:
        rules = load_rules(project)
    except FrontlineError as err:
        rules = None
        yield str(err)
    checklists = {p.stem for p in (project.root / "assets" / "checklists").glob("*.yaml")}
    for path, kit, problems in _each(kit_paths(project), Kit):
        yield from problems
        if kit is None:
            continue
        for problem in kit_problems(kit, objectives, {m.id for m in modules}, activities, quizzes, rules):
            yield _problem(path, problem)
        yield from _kit_translations(project, path, kit, objectives, modules, activities, quizzes, rules)
        for day, _, session in kit.sessions():
            for module in session.slides:
                if not notes_path(project, module).is_file():
                    yield _problem(path, f"{day.title}, '{session.title}': no slides for module {module}")
            if session.checklist and session.checklist not in checklists:
                yield _problem(path, f"{day.title}, '{session.title}': no checklist {session.checklist!r}")


def _kit_translations(project, path, kit, objectives, modules, activities, quizzes, rules) -> Iterator[str]:
    """Each published translation of a kit loads, has the source's days, sessions, minutes and
    activities (its text comes from a catalog, its structure from the one source file), and passes
    the same timing and reference checks, with its own activities' text."""
    for lang in translations(project):
        if not lang.published or not lang.covers(data_catalogs.document(project, path)):
            continue
        try:
            local = load_kit(project, kit.id, lang.code)
            acts = {a: load_activity(project, a, lang.code) for a in activities}
        except FrontlineError as err:
            yield str(err)
            continue
        if skeleton(local) != skeleton(kit):
            yield _problem(path, f"the {lang.name} kit differs from the source in its sessions or minutes")
        ids = {m.id for m in modules}
        for problem in kit_problems(local, objectives, ids, acts, quizzes, rules):
            yield _problem(path, f"({lang.code}) {problem}")


def check_slides(project: Project, modules: list[Module]) -> Iterator[str]:
    """Every module has trainer's notes for its deck, and each note names a slide the module can give."""
    from ..book.slides import problems as slide_problems
    from ..content.slide_notes import load_notes, notes_path

    for module in modules:
        path = notes_path(project, module.id)
        if not path.is_file():
            yield _problem(path, f"no trainer's notes for the {module.id} slides")
            continue
        try:
            notes = load_notes(project, module.id)
        except FrontlineError as err:
            yield str(err)
            continue
        if notes.module != module.id:
            yield _problem(path, f"module is {notes.module!r}, but this file is for {module.id}")
        for problem in slide_problems(module, notes):
            yield _problem(path, problem)


def check(project: Project) -> list[str]:
    """All problems found; an empty list means the content meets the standard."""
    try:
        bank = load_bank(project)
    except FrontlineError as err:
        return [str(err)]
    keys = bib_keys(project)
    problems: list[str] = []
    modules: list[Module] = []
    for path in _module_paths(project):
        try:
            modules.append(read_module(path))
        except FrontlineError as err:
            problems.append(str(err))
    if not modules:
        problems.append(_problem(project.modules, "no module notebooks found"))
    for module in modules:
        problems.extend(check_module(module, bank, keys, project))
    problems.extend(check_objectives(modules, bank))
    problems.extend(check_data(project, keys))
    problems.extend(check_quizzes(project, bank, modules))
    problems.extend(check_parallel_forms(bank))
    problems.extend(flaws(bank))
    problems.extend(check_marking(bank))
    problems.extend(check_slides(project, modules))
    problems.extend(check_national(project, modules))
    problems.extend(check_bibliography(project))
    problems.extend(check_kits(project, modules, set(bank.quizzes)))
    from .translations import check_translations

    problems.extend(check_translations(project)[0])
    return problems
