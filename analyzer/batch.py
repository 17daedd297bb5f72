"""Batch analysis of a folder, as a library: discovery by content, analysis by an engine (the
built-in worker pool of ``analyzer.pool``, or another such as Dask), duplicates as groups, filters,
ranking, and any number of outputs ("sinks", ``analyzer.sinks``) fed as files finish.

The one entry point is ``run_folder``::

    from analyzer.batch import Filters, Job, run_folder
    from analyzer.sinks import JsonlSink, RankedSink

    sinks = [JsonlSink("out.jsonl"), RankedSink(None, "table", load_rules().metrics.registry)]
    summary = run_folder("applicants/", sinks, job=Job(as_of=date(2026, 11, 26)))
    print(summary.line(), summary.exit_code)

``run_folder`` never loses finished work: when it is stopped (Ctrl-C, SIGTERM or SIGHUP under
``stop_on_signals``, a closed stdout pipe) every sink is still closed with every finished report;
one sink failing to write is reported (``Summary.errors``) and the others go on. Memory stays flat
however large the folder: reports are streamed to the sinks, and only the small summary rows
the table and CSV need are kept (full reports for a ranked JSON output wait in a temporary file).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from analyzer.models.findings import Candidate
from analyzer.models.report import LEVELS, ErrorInfo, Report
from analyzer.names import display_name
from analyzer.parsing.sniff import sniff
from analyzer.pipeline import Analyzer
from analyzer.pool import (  # noqa: F401 - the batch interface, re-exported
    STOP,
    Engine,
    Job,
    Result,
    Stopped,
    Task,
    local_engine,
    stop_on_signals,
)

RESUME_SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md", ".doc", ".rtf", ".htm", ".html"}
# Text-like files that are never resumes (code, data, configuration): skipped without sniffing.
NOT_RESUMES = {
    ".py", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".js", ".ts", ".css", ".yaml", ".yml",
    ".toml", ".ini", ".cfg", ".log", ".sh", ".bat", ".ps1", ".sql", ".ipynb", ".lock", ".xlsx",
}  # fmt: skip
_PROJECT_FILE = re.compile(
    r"(?i)^(?:readme|license|licence|changelog|contributing|notice)(?:\.\w+)?$"
)
# What this tool writes, recognised by its first bytes: a report or report list (JSON/JSONL),
# a Markdown, HTML or text report, the batch table or CSV, the ``text`` command's listing.
_OWN_OUTPUT = re.compile(
    rb"(?i)\A(?:\xef\xbb\xbf)?\s*(?:"
    rb"\[?\s*\{\s*\"schema_version\"\s*:"
    rb"|# Resume analysis: "
    rb"|<!doctype html>.{0,2000}?<title>Resume analysis: "
    rb"|(?:\x1b\[[0-9;]*m)*resume-analyzer \xc2\xb7 "
    rb"|\"?rank\"?,\"?file\"?,"
    rb"|#\s+candidate\s+stage\s+score"
    rb"|# .{1,4000}? \xc2\xb7 (?:pdf|docx|text|html) \xc2\xb7 \d+ page\(s\) \xc2\xb7 \d+ lines\n"
    rb")",
    re.S,
)


# -- discovery -------------------------------------------------------------------------------


@dataclass
class Discovery:
    """Files to analyse (sorted, stable) and what was skipped, with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def written_by_us(head: bytes) -> bool:
    """Whether these first bytes of a file are an output of this tool (a report, a batch
    table or CSV): a run never takes its own outputs for candidates."""
    return _OWN_OUTPUT.match(head) is not None


def _real(path: str | os.PathLike) -> str:
    return os.path.realpath(path)


def discover(root: Path, exclude: Sequence[str | os.PathLike] = ()) -> Discovery:
    """Walk ``root`` recursively. Resume extensions are always taken (a bad file gets an error row);
    other files are taken when their bytes are a PDF, a Word document or text. Symlinked files are
    followed once; symlinked folders are not (no loops); hidden files are skipped. ``exclude``
    (this run's output files and folders) and files this tool wrote are skipped as outputs."""
    found = Discovery()
    seen: set[Path] = set()
    outputs = {_real(p) for p in exclude}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        skipped_dirs = [d for d in dirnames if _real(Path(dirpath) / d) in outputs]
        found.skipped.extend((Path(dirpath) / d, "an output of this run") for d in skipped_dirs)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in skipped_dirs)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            why = _skip_reason(path, name, seen, outputs)
            if why is None:
                found.files.append(path)
            elif why:
                found.skipped.append((path, why))
    found.files.sort(key=lambda p: os.fsencode(p.relative_to(root)))
    return found


def _skip_reason(path: Path, name: str, seen: set[Path], outputs: set[str]) -> str | None:
    """Why ``path`` is not a candidate, or ``None`` to analyse it ("" to skip it unlisted)."""
    if name.startswith(".resume-analyzer-") and name.endswith(".tmp"):
        return ""  # an output of this run being written (see analyzer.output)
    if name.startswith("."):
        return "hidden file"
    if _PROJECT_FILE.match(name):
        return "a project file, not a resume"
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink"
    if str(real) in outputs:
        return "an output of this run"
    if real in seen:
        return "same file as another path"
    if not real.is_file():
        return "not a regular file"
    seen.add(real)
    suffix = path.suffix.lower()
    if suffix in NOT_RESUMES:
        return f"{suffix} file"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None  # unreadable: reported as an error row, not silently skipped
    return content_reason(suffix, head, lambda: _is_word(path))


def content_reason(
    suffix: str, head: bytes, is_word: Callable[[], bool] | None = None
) -> str | None:
    """Why a file with this suffix and these first bytes is not a candidate, or ``None``.
    ``is_word`` looks inside a zip for a Word document (skipped when not given)."""
    if written_by_us(head):
        return "written by resume-analyzer (a report or batch output)"
    if suffix in RESUME_SUFFIXES:
        return None
    kind = sniff(head) if head else None
    if kind == "docx" and is_word is not None and not is_word():
        return "a zip archive, not a Word document"
    if kind in ("pdf", "docx", "rtf") or (kind in ("text", "html") and _looks_textual(head)):
        return None
    return "not a PDF, DOCX, RTF or text file"


def _is_word(path: Path) -> bool:
    """Whether a zip is a Word document (has ``word/document.xml``; only the directory is read).
    A zip that cannot be opened is taken, so the analysis reports it as corrupt."""
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return True


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    printable = sum(1 for b in head if b >= 32 or b in (9, 10, 13))
    return printable / max(len(head), 1) > 0.95


def in_order(results: Iterator[Result]) -> Iterator[Result]:
    """Results in input order, each as soon as every earlier one is in."""
    buffer: dict[int, Result] = {}
    nxt = 0
    for result in results:
        buffer[result[0]] = result
        while nxt in buffer:
            yield buffer.pop(nxt)
            nxt += 1
    yield from (buffer[i] for i in sorted(buffer))


# -- after analysis: filters, duplicates, blind --------------------------------------------------


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Held(_Part):
    id: str
    status: str


class _Level(_Part):
    level: str


class _Overall(_Part):
    overall: int


class ReportHead(_Part):
    """The fields of a report that a run's decisions read (failure counts, ``DuplicateFinder``,
    ``Filters``), parsed from its JSON without the rest: evidence, sections, positions and
    suggestions are most of a report, and parsing each whole was the largest part of the batch
    parent's work per file. The whole ``Report`` is parsed only for an output that needs it."""

    error: ErrorInfo | None = None
    candidate: Candidate = Field(default_factory=Candidate)
    credentials: list[_Held] = Field(default_factory=list)
    stage: _Level | None = None
    score: _Overall | None = None


@dataclass(frozen=True)
class Filters:
    """Which analysed reports a batch keeps (error rows are always kept).

    Attributes:
        require: Credential ids; a report is kept when it holds any of them (held or apprentice).
        min_stage: ``entry``, ``mid`` or ``senior``.
        min_score: Lowest overall score kept.
        top: Keep only the best ``top`` reports (by the ranking of ``analyzer.render.table.ranked``).
    """

    require: frozenset[str] = frozenset()
    min_stage: str | None = None
    min_score: int | None = None
    top: int | None = None

    def passes(self, report: Report | ReportHead) -> bool:
        return passes(report, set(self.require), self.min_stage, self.min_score)


def passes(
    report: Report | ReportHead, require: set[str], min_stage: str | None, min_score: int | None
) -> bool:
    """Whether an analysed report meets the filters (error rows are handled by the caller)."""
    if require:
        held = {c.id for c in report.credentials if c.status in ("held", "apprentice")}
        if not held & require:
            return False
    low = LEVELS.index(min_stage) if min_stage else 0
    if min_stage and (not report.stage or LEVELS.index(report.stage.level) < low):
        return False
    if min_score is not None and (not report.score or report.score.overall < min_score):
        return False
    return True


def _norm_name(name: str | None) -> str:
    return re.sub(r"[^a-z ]", "", (name or "").lower()).strip()


class DuplicateFinder:
    """Groups reports that repeat one another: same bytes, same e-mail or phone, near-same name.

    A group is named by the input position (1-based) of its first member; each later member gets
    that group id and one ``duplicate_of`` entry naming the first member and why. Memory is one
    entry per distinct key, and each check costs a few dictionary look-ups (names are compared
    fuzzily only with the distinct names that share their last word), so thousands of files
    sharing one agency e-mail stay linear."""

    _MAX_NAMES_PER_SURNAME = 200

    def __init__(self) -> None:
        self.group_of: dict[tuple[str, str], int] = {}
        self.first_label: dict[int, str] = {}
        self.by_surname: dict[str, dict[str, int]] = {}

    def check(
        self, report: Report | ReportHead, digest: str | None, label: str, index: int
    ) -> tuple[int | None, str | None]:
        """``(group, "first member (why)")`` if this report repeats an earlier one, else
        ``(None, None)``; then remember it (as ``label``, at input position ``index``)."""
        c = report.candidate
        keys = [
            ("identical file", digest),
            ("same e-mail", (c.email or "").lower() or None),
            ("same phone", re.sub(r"\D", "", c.phone or "")[-10:] or None),
        ]
        keys = [(why, value) for why, value in keys if value]
        name = _norm_name(c.name)
        surname = name.split()[-1] if name else ""
        hits: dict[int, list[str]] = {}
        for key in keys:
            if (group := self.group_of.get(key)) is not None:
                hits.setdefault(group, []).append(key[0])
        names = self.by_surname.get(surname, {})
        for other_name, group in names.items():
            if other_name == name or fuzz.ratio(name, other_name) >= 92:
                hits.setdefault(group, []).append("same name")
        group = min(hits) if hits else None
        if report.error and not digest:
            return (group, self._entry(group, hits)) if group else (None, None)
        own = group if group is not None else index + 1
        self.first_label.setdefault(own, label)
        for key in keys:
            self.group_of.setdefault(key, own)
        if surname and (name in names or len(names) < self._MAX_NAMES_PER_SURNAME):
            self.by_surname.setdefault(surname, {}).setdefault(name, own)
        return (group, self._entry(group, hits)) if group is not None else (None, None)

    def _entry(self, group: int | None, hits: dict[int, list[str]]) -> str | None:
        if group is None:
            return None
        return f"{self.first_label[group]} ({', '.join(dict.fromkeys(hits[group]))})"


def blind(report: Report, index: int) -> Report:
    """The report without the candidate's name, contact details or file name (bias-reduced screening)."""
    from analyzer.models.findings import Candidate

    return report.model_copy(update={"candidate": Candidate(), "file": pseudonym(index)})


def pseudonym(index: int) -> str:
    """The name a file gets in blind mode: its input position."""
    return f"candidate-{index + 1:04d}"


def summary_row(report: Report, metric_details: bool = True) -> Report:
    """``report`` cut down to what the ranked table, CSV and XLSX read, so that a batch of any
    size keeps little per file: no evidence, positions, sections, score reasons, posting
    requirements or suggestions other than missing metrics. Every metric is kept (the CSV counts
    them), with its text and first evidence line only when ``metric_details`` (the XLSX metrics
    sheet shows them). A new column reading more: keep it here."""

    def bare(items: list) -> list:
        return [x.model_copy(update={"evidence": []}) for x in items]

    if metric_details:
        metrics = [m.model_copy(update={"evidence": m.evidence[:1]}) for m in report.metrics]
    else:
        metrics = [m.model_copy(update={"evidence": [], "text": ""}) for m in report.metrics]
    update: dict = {
        "sections": [],
        "credentials": bare(report.credentials),
        "code_sets": bare(report.code_sets),
        "tools": bare(report.tools),
        "specialties": bare(report.specialties),
        "credibility": bare(report.credibility),
        "metrics": metrics,
        "experience": report.experience.model_copy(update={"positions": []}),
        "suggestions": [s for s in report.suggestions if s.category == "missing_metric"],
    }
    if report.stage:
        update["stage"] = report.stage.model_copy(update={"reasons": [], "next_steps": []})
    if report.score:
        update["score"] = report.score.model_copy(update={"components": {}})
    if report.match:
        update["match"] = report.match.model_copy(
            update={"requirements": [], "feature": [], "guidance": []}
        )
    return report.model_copy(update=update)


# -- the run -----------------------------------------------------------------------------------


class Kept:
    """What a batch kept, for outputs that need the whole run ranked (table, CSV, JSON, top N).

    Attributes:
        rows: ``(summary report, duplicate_of)`` per kept file: every field the table and CSV
            read, no evidence (see ``summary_row``), ranked, ``Filters.top`` applied.
    """

    def __init__(self, spool: bool, metric_details: bool = True) -> None:
        self.metric_details = metric_details
        self.rows: list[tuple[Report, list[str]]] = []
        self._spool = tempfile.TemporaryFile() if spool else None  # unlinked: gone even on SIGKILL
        self._offsets: dict[str, tuple[int, int]] = {}

    def add(self, report: Report, text: str) -> None:
        if self._spool is not None:
            raw = text.encode("utf-8")
            self._offsets[report.file] = (self._spool.seek(0, os.SEEK_END), len(raw))
            self._spool.write(raw)
        row = summary_row(report, self.metric_details)
        self.rows.append((row, row.duplicate_of))

    def full(self, row: Report) -> Report:
        """The complete report behind a summary row (read back from the temporary file)."""
        if self._spool is None:
            raise ValueError("this run kept no full reports (no sink asked for them)")
        offset, size = self._offsets[row.file]
        self._spool.seek(offset)
        return Report.model_validate_json(self._spool.read(size))

    def finish(self, top: int | None) -> None:
        from analyzer.render.table import is_posting, ranked

        order = ranked(self.rows)
        if top:
            ok = [r for r in order if not r[0].error and not is_posting(r[0])][:top]
            order = ok + [r for r in order if r[0].error or is_posting(r[0])]
        self.rows = order

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()


class Sink(Protocol):
    """An output of a batch. ``run_folder`` calls ``add`` for every kept report as soon as it and
    every earlier one are finished (input order), then ``close`` once, also after a stop.

    Attributes:
        name: Shown in messages (a path, "standard output").
        paths: Files or folders it writes, which discovery must not read back as candidates.
        wants_rows: ``close`` needs ``Kept.rows`` (ranked summary rows).
        wants_full: ``close`` needs ``Kept.full`` (complete reports, ranked).
        wants_metric_details: (optional) the rows' metrics need their text and first evidence.
        wants_report: (optional, default True) ``add`` reads its ``report``; when False it is
            given ``None`` and only ``text`` (the run then parses no report it does not need).
    """

    name: str
    paths: Sequence[str | os.PathLike]
    wants_rows: bool
    wants_full: bool

    def add(self, report: Report | None, text: str) -> None:
        """One kept report; ``text`` is its compact JSON (``report`` is ``None`` when the sink's
        ``wants_report`` is False)."""

    def close(self, kept: Kept | None, complete: bool) -> None:
        """The end of the run; ``complete`` is False when it was stopped early."""

    def abandon(self) -> None:
        """Stop after a failed write: keep what was completely written when that is a valid
        output on its own (JSONL rows), remove temporary files, never raise."""


@dataclass
class Summary:
    """What a batch did: counts, what was skipped, any output write errors, and whether it was
    stopped (``stopped`` is the signal number: 2 for Ctrl-C, 15 SIGTERM, 1 SIGHUP, 13 a closed pipe)."""

    total: int = 0
    done: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: int | None = None
    elapsed: float = 0.0

    def line(self) -> str:
        """``analysed 5; skipped 2; failed 1 (corrupt 1); 0.8 s``."""
        failed = sum(self.failures.values())
        parts = [
            f"analysed {self.done - failed}",
            f"skipped {len(self.skipped)}",
            f"failed {failed}",
        ]
        if self.failures:
            parts[-1] += (
                " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items())) + ")"
            )
        if self.stopped is not None:
            parts.append(f"not reached {self.total - self.done}")
        return f"{'; '.join(parts)}; {self.elapsed:.1f} s"

    @property
    def exit_code(self) -> int:
        """128 + signal when stopped; 1 when a file or an output failed; else 0."""
        if self.stopped is not None:
            return 128 + self.stopped
        return 1 if (self.failures or self.errors) else 0


def run_folder(
    root: str | os.PathLike,
    sinks: Sequence[Sink],
    *,
    job: Job | None = None,
    filters: Filters = Filters(),
    blind_mode: bool = False,
    workers: int | None = None,
    engine: Engine | None = None,
    analyzer: Analyzer | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Analyse every resume under ``root`` and feed the reports to ``sinks``.

    Args:
        root: The folder (recursively; see ``discover``), or an fsspec URL of one
            (``memory://``, ``s3://``...; only engines that read URLs, such as the Dask engine).
        sinks: Outputs (``analyzer.sinks``); their ``paths`` are never read as candidates.
        job: How each file is analysed (date, rules, limits, memory cap, posting).
        filters: Which reports to keep (error rows are always kept).
        blind_mode: Leave names, contact details and file names out of every output.
        workers: Processes for the default engine (default: the number of cores).
        engine: Another executor (see ``Engine``); ``workers`` is then unused.
        analyzer: A loaded ``Analyzer`` to reuse (it must match ``job``).
        progress: Called with ``(done, total)`` after each file.

    Returns:
        The ``Summary``. Nothing is raised for a bad file or a failed output: they are counted.
    """
    job = job or Job()
    started = time.monotonic()
    summary = Summary()
    kept = (
        Kept(
            spool=any(s.wants_full for s in sinks),
            metric_details=any(getattr(s, "wants_metric_details", False) for s in sinks),
        )
        if any(s.wants_rows or s.wants_full for s in sinks)
        else None
    )
    live = list(sinks)
    try:  # a stop during discovery, too, still closes every output
        found = _discover(root, [p for s in sinks for p in s.paths], job)
        summary.total = len(found.files)
        summary.skipped = [(display_name(p), w) for p, w in found.skipped]
        tasks = [
            (i, p, pseudonym(i) if blind_mode else display_name(p))
            for i, p in enumerate(found.files)
        ]
        engine = engine or local_engine(
            os.cpu_count() or 1 if workers is None else workers, analyzer
        )
        _feed(engine(tasks, job), tasks, live, kept, summary, filters, blind_mode, progress)
    except Stopped as exc:
        summary.stopped = exc.signum
    except KeyboardInterrupt:
        summary.stopped = signal.SIGINT
    # Outputs are completed even when the run was stopped; a second signal waits until they are.
    STOP.critical += 1
    try:
        if kept is not None:
            kept.finish(filters.top)
        for sink in live:
            _guarded(summary, live, sink, lambda s=sink: s.close(kept, summary.stopped is None))
    finally:
        STOP.critical -= 1
        if kept is not None:
            kept.close()
        summary.elapsed = time.monotonic() - started
    return summary


def _discover(root: str | os.PathLike, exclude: list, job: Job) -> Discovery:
    """The run's files: a folder, or an fsspec URL (the Dask engine reads it)."""
    if isinstance(root, str) and "://" in root:
        from analyzer.remote import discover_url

        found = discover_url(root, [str(p) for p in exclude])
    else:
        found = discover(Path(root), exclude)
    _set_apart_the_posting(found, job)
    return found


def _set_apart_the_posting(found: Discovery, job: Job) -> None:
    """The posting the run ranks against, when it lies in the folder, is not a candidate."""
    source = getattr(job.posting, "source", None)
    if not source or not os.path.exists(source):
        return
    real = _real(source)
    for path in [p for p in found.files if _real(p) == real]:
        found.files.remove(path)
        found.skipped.append(
            (path, "the job posting this run ranks against (--job), not a candidate")
        )


def _feed(results, tasks, live, kept, summary, filters, blind_mode, progress) -> None:
    dups = DuplicateFinder()
    # Most runs (JSONL) need no report parsed whole: the decisions read its head, the text is
    # written as the worker made it.
    wants_report = kept is not None or any(getattr(s, "wants_report", True) for s in live)
    for index, text, digest in in_order(results):
        # A run whose outputs read reports parses each whole once, and decides on it.
        whole = Report.model_validate_json(text) if wants_report else None
        head = whole if whole is not None else ReportHead.model_validate_json(text)
        label = tasks[index][2]
        group, entry = dups.check(head, digest, label, index)
        keep = bool(head.error) or filters.passes(head)
        report = None
        if keep and (wants_report or blind_mode or group is not None):
            report = whole if whole is not None else Report.model_validate_json(text)
            if blind_mode:
                report = blind(report, index)
            if group is not None:
                update = {"duplicate_group": group, "duplicate_of": [entry]}
                report = report.model_copy(update=update)
            if blind_mode or group is not None:
                text = report.model_dump_json()
        # Counted and written together: a stop signal waits for both, so the summary's count is
        # always the rows the outputs hold plus those the filters left out.
        with STOP.writing():
            summary.done += 1
            if head.error:
                summary.failures[head.error.code] += 1
            if keep:
                for sink in list(live):
                    given = report if getattr(sink, "wants_report", True) else None
                    _guarded(summary, live, sink, lambda s=sink, r=given: s.add(r, text))
                if kept is not None:
                    kept.add(report, text)
        if summary.stopped is not None:  # nobody reads standard output any more
            raise Stopped(summary.stopped)
        if progress:
            progress(summary.done, summary.total)


def _guarded(summary: Summary, live: list, sink, call: Callable[[], None]) -> None:
    """Run one sink operation; a failure disables that sink only (reported with its path and
    errno). A closed standard output (``| head``) ends the run as SIGPIPE would, quietly."""
    from analyzer.output import OutputError

    try:
        call()
        return
    except BrokenPipeError:
        summary.stopped = summary.stopped or signal.SIGPIPE
    except (OutputError, OSError) as exc:
        summary.errors.append(
            str(exc) if isinstance(exc, OutputError) else f"cannot write {sink.name}: {exc}"
        )
    live.remove(sink)
    with contextlib.suppress(Exception):
        sink.abandon()
