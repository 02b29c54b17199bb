"""`frontline grade`: every submission of a quiz ends in exactly one recorded status (graded, needs
review or failed, with reasons), in nbgrader's gradebook and in every export. A pipeline of plain
steps: find submissions, skip what is on record with the same digest, grade the rest on every core
without running learner code, record each learner in one transaction, write feedback, export."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..content.bank import Quiz, load_bank
from ..content.languages import load_languages
from ..errors import FrontlineError
from ..files import atomic_write
from ..paths import Project
from .course import _config, release, submissions
from .exports import Row, export_all, rows
from .feedback import page, questions
from .literal_grading import Outcome, Reason, describe, grade_loaded, load_folder, read_notebook
from .quiz_notebook import build_notebook, language_of
from .quiz_words import quiz_languages
from .restore import answers_in_autograded, autograded_notebook, learner_answers
from .store import engine_url, open_gradebook, record, recorded

INLINE_BELOW = 40  # fewer pending submissions than this: starting worker processes costs more
BATCH = 200  # submissions graded between two looks at what other graders have recorded


@dataclass
class Result:
    learner: str
    digest: str
    outcome: Outcome
    timestamp: str | None = None
    notebook: str | None = None  # the autograded notebook, instructor cells restored
    answers: dict[str, str] = field(default_factory=dict)


@dataclass
class GradeReport:
    quiz: Quiz
    statuses: dict[str, Outcome] = field(default_factory=dict)  # learner -> status now on record
    fresh: list[str] = field(default_factory=list)  # graded in this run
    kept: list[str] = field(default_factory=list)  # unchanged since an earlier run
    exports: dict[str, Path] = field(default_factory=dict)

    @property
    def failed(self) -> dict[str, str]:
        return {k: describe(o.reasons) for k, o in self.statuses.items() if o.status == "failed"}

    @property
    def csv_path(self) -> Path:
        return self.exports["csv"]

    def counts(self) -> Counter:
        return Counter(o.status for o in self.statuses.values())


def submission_digest(folder: Path) -> str:
    """What was submitted, byte for byte (file names included), so a resubmission is noticed."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError as err:
            h.update(f"unreadable: {err}".encode())
        h.update(b"\0")
    return h.hexdigest()


def _timestamp(folder: Path) -> str | None:
    try:
        return (folder / "timestamp.txt").read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


# language code -> the quiz in that language and its source notebook, built once per batch
Versions = dict[str, tuple[Quiz, dict]]


def versions(project: Project, quiz_id: str) -> Versions:
    """The quiz in every language of the book that a quiz can be released in, the source first."""
    found: Versions = {}
    for lang in load_languages(project):
        if lang.source or lang.code in quiz_languages():
            quiz = load_bank(project, lang.code).quiz(quiz_id)
            found[lang.code] = quiz, build_notebook(quiz)
    return found


def pick(versions: Versions, nb: object) -> tuple[Quiz, dict] | Outcome:
    """The quiz in the language the submitted notebook says it is in (the source language's when
    it says nothing), or a failure naming the language."""
    if isinstance(nb, Outcome):
        return nb
    lang = language_of(nb, next(iter(versions)))
    if lang not in versions:
        have = ", ".join(versions)
        return Outcome("failed", reasons=[Reason("language", {"language": repr(lang), "have": have})])
    return versions[lang]


def grade_submission(folder: Path, versions: Versions, learner: str, digest: str) -> Result:
    """One submission, start to finish, without a kernel, in the language its notebook says it is
    in; never raises (one bad file never stops the batch). `versions`: the quiz and its source
    notebook per language, built once per batch."""
    try:
        any_quiz = next(iter(versions.values()))[0]
        submitted = load_folder(folder, any_quiz)
        chosen = pick(versions, submitted)
        if isinstance(chosen, Outcome):
            return Result(learner, digest, chosen, _timestamp(folder))
        quiz, source = chosen
        outcome = grade_loaded(submitted, quiz)
        result = Result(learner, digest, outcome, _timestamp(folder))
        if outcome.status != "failed":
            result.answers = learner_answers(quiz, submitted)
            result.notebook = autograded_notebook(source, quiz, result.answers)
        return result
    except Exception as err:  # a grader bug must not cost the other learners their grades
        reason = Reason("internal_error", {"error": f"{type(err).__name__}: {err}"})
        return Result(learner, digest, Outcome("failed", reasons=[reason]))


_WORKER: Versions | None = None


def _start_worker(found: Versions) -> None:
    global _WORKER
    _WORKER = found


def _work(job: tuple[str, str, str]) -> Result:
    folder, learner, digest = job
    return grade_submission(Path(folder), _WORKER, learner, digest)


@contextmanager
def _grader_pool(found: Versions, workers: int, inline: bool):
    """A function that grades a batch of jobs, on `workers` forked processes unless `inline`. The
    processes start when the block is entered: open database connections only after that."""
    if inline:
        yield lambda batch: (grade_submission(Path(f), found, learner, d) for f, learner, d in batch)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(found,)) as pool:
        yield lambda batch: pool.imap_unordered(_work, batch, chunksize=max(1, len(batch) // (workers * 4)))


def _progress(total: int, show: bool | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="submission", disable=(total == 0 or show is False) or None, leave=False)


def gradebook_items(gb, quiz_id: str) -> set[str] | None:
    """The graded cells nbgrader knows for this quiz, or None if it has never been released here."""
    from nbgrader.api import MissingEntry

    try:
        assignment = gb.find_assignment(quiz_id)
    except MissingEntry:
        return None
    return {c.name for nb in assignment.notebooks for c in nb.grade_cells}


def _keep(result: Result, course: Path, quiz: Quiz, gb) -> bool:
    """Autograded notebook first (atomically), then the gradebook: a kill between the two leaves the
    learner unrecorded, so the next run grades them again."""
    from nbgrader.utils import parse_utc

    target = course / "autograded" / result.learner / quiz.id / f"{quiz.id}.ipynb"
    if result.notebook is None:
        # Nothing readable: an earlier autograded copy belongs to a file the learner replaced.
        shutil.rmtree(target.parent, ignore_errors=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, result.notebook)
        if result.timestamp:
            atomic_write(target.parent / "timestamp.txt", result.timestamp + "\n")
    try:
        stamp = parse_utc(result.timestamp) if result.timestamp else None
    except Exception:
        stamp = None  # an unreadable timestamp is not a reason to lose the grade
    return record(gb, quiz.id, result.learner, result.outcome, result.digest, stamp, result.answers)


def grade(
    project: Project,
    quiz_id: str,
    *,
    workers: int | None = None,
    db_url: str | None = None,
    progress: bool | None = None,
) -> GradeReport:
    """Grade every submission of a quiz that is new or changed, then write feedback and exports."""
    from nbgrader.coursedir import CourseDirectory

    quiz = load_bank(project).quiz(quiz_id)
    course = project.course
    learners = submissions(course, quiz_id)
    if not learners:
        raise FrontlineError(f"no submissions of {quiz_id} (expected submitted/<learner>/{quiz_id}/)", course)
    config = _config(course)
    if db_url:
        config.CourseDirectory.db_url = engine_url(db_url)
    db_url = engine_url(CourseDirectory(config=config).db_url)
    course_id = config.CourseDirectory.course_id or "frontline"
    gb = open_gradebook(db_url, course_id)
    cells = gradebook_items(gb, quiz_id)
    gb.close()
    if cells is None or not (course / "release" / quiz_id).is_dir():
        release(project, quiz_id, db_url=db_url)  # first grading on this gradebook: nothing to lose
        gb = open_gradebook(db_url, course_id)
        cells = gradebook_items(gb, quiz_id)
        gb.close()
    if cells != {i.id for i in quiz.items}:
        raise FrontlineError(
            f"the gradebook's {quiz_id} has other questions than the bank: run `frontline release {quiz_id}`",
            course / "source" / quiz_id,
        )
    workers = workers or len(os.sched_getaffinity(0)) or 1
    report = GradeReport(quiz)

    gb = open_gradebook(db_url, course_id)
    try:
        before = recorded(gb, quiz_id)
        jobs = []
        for learner in learners:
            folder = course / "submitted" / learner / quiz_id
            digest = submission_digest(folder)
            done = before.get(learner)
            graded_file = course / "autograded" / learner / quiz_id / f"{quiz_id}.ipynb"
            if done and done.digest == digest and (done.status == "failed" or graded_file.is_file()):
                report.kept.append(learner)
            else:
                jobs.append((str(folder), learner, digest))
        gb.close()  # worker processes are forked next: they must not share the connection
        gb = None
        # Each grader takes the work in its own order and, batch by batch, drops what another
        # grader on the same gradebook has recorded meanwhile: concurrent graders share the work.
        random.Random().shuffle(jobs)
        bar = _progress(len(jobs), progress)
        found = versions(project, quiz_id)
        with _grader_pool(found, workers, workers <= 1 or len(jobs) < INLINE_BELOW) as run:
            gb = open_gradebook(db_url, course_id)
            for start in range(0, len(jobs), BATCH):
                batch = jobs[start : start + BATCH]
                if start:
                    now = recorded(gb, quiz_id)
                    done = [j for j in batch if j[1] in now and now[j[1]].digest == j[2]]
                    report.kept += [j[1] for j in done]
                    bar.update(len(done))
                    batch = [j for j in batch if j not in done]
                for result in run(batch):
                    (report.fresh if _keep(result, course, quiz, gb) else report.kept).append(result.learner)
                    bar.update()
        bar.close()
        table = rows(gb, quiz, learners)
        report.statuses = {r.learner: Outcome(r.status, reasons=r.reasons) for r in table}
        _feedback(course, found, table)
        report.exports = export_all(course, quiz, table)
    finally:
        if gb is not None:
            gb.close()
    return report


def _feedback_language(course: Path, quiz_id: str, learner: str, text: str | None, default: str) -> str:
    """The language the learner took the quiz in: the autograded notebook's (rebuilt from the
    source in the submission's language), else the submitted file's, else `default`."""
    if text is not None:
        try:
            return language_of(json.loads(text), default)
        except ValueError:
            pass
    submitted = read_notebook(course / "submitted" / learner / quiz_id / f"{quiz_id}.ipynb")
    return language_of(submitted, default) if isinstance(submitted, dict) else default


def _feedback(course: Path, found: Versions, table: list[Row]) -> None:
    """Every learner's page, in the language they took the quiz in, every run: a person's marks in
    the formgrader show up next time, and a page whose content has not changed is not rewritten."""
    source = next(iter(found))
    asked: dict[str, list[str]] = {}
    for row in table:
        quiz_id = found[source][0].id
        notebook = course / "autograded" / row.learner / quiz_id / f"{quiz_id}.ipynb"
        try:
            text = notebook.read_text(encoding="utf-8")
        except OSError:
            text = None
        lang = _feedback_language(course, quiz_id, row.learner, text, source)
        quiz = found.get(lang, found[source])[0]
        answers = answers_in_autograded(quiz, text) if text is not None else {}
        if quiz.language not in asked:
            asked[quiz.language] = questions(quiz)
        folder = course / "feedback" / row.learner / quiz_id
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / f"{quiz_id}.html", page(quiz, row, answers, asked[quiz.language]))
