"""Batch analysis of a folder: discovery by content, a pool of worker processes with a per-file time
limit, bounded memory, results streamed in input order, filters, duplicates and blind mode."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection, wait
from pathlib import Path

from rapidfuzz import fuzz

from analyzer.limits import Limits
from analyzer.parsing.sniff import sniff
from analyzer.pipeline import Analyzer, error_report
from analyzer.models.report import Report

RESUME_SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md", ".doc", ".rtf", ".htm", ".html"}
# Text-like files that are never resumes (code, data, configuration): skipped without sniffing.
NOT_RESUMES = {
    ".py",
    ".json",
    ".csv",
    ".tsv",
    ".xml",
    ".js",
    ".ts",
    ".css",
    ".yaml",
    ".yml",
    ".toml",
    ".ini",
    ".cfg",
    ".log",
    ".sh",
    ".bat",
    ".ps1",
    ".sql",
    ".ipynb",
    ".lock",
}
LEVELS = {"entry": 0, "mid": 1, "senior": 2}
_PROJECT_FILE = re.compile(
    r"(?i)^(?:readme|license|licence|changelog|contributing|notice)(?:\.\w+)?$"
)


@dataclass
class Discovery:
    """Files to analyse (sorted, stable) and what was skipped, with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def discover(root: Path) -> Discovery:
    """Walk ``root`` recursively. Resume extensions are always taken (a bad file gets an error row);
    other files are taken when their bytes are a PDF, a Word document or text. Symlinked files are
    followed once; symlinked folders are not (no loops); hidden files are skipped."""
    found = Discovery()
    seen: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith("."):
                found.skipped.append((path, "hidden file"))
                continue
            if _PROJECT_FILE.match(name):
                found.skipped.append((path, "a project file, not a resume"))
                continue
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                found.skipped.append((path, "broken symlink"))
                continue
            if real in seen:
                found.skipped.append((path, "same file as another path"))
                continue
            if not real.is_file():
                found.skipped.append((path, "not a regular file"))
                continue
            seen.add(real)
            if path.suffix.lower() in RESUME_SUFFIXES:
                found.files.append(path)
                continue
            if path.suffix.lower() in NOT_RESUMES:
                found.skipped.append((path, f"{path.suffix} file"))
                continue
            try:
                with open(path, "rb") as fh:
                    head = fh.read(4096)
            except OSError:
                found.files.append(
                    path
                )  # unreadable: reported as an error row, not silently skipped
                continue
            kind = sniff(head) if head else None
            if kind in ("pdf", "docx") or (kind == "text" and _looks_textual(head)):
                found.files.append(path)
            else:
                found.skipped.append((path, "not a PDF, DOCX or text file"))
    found.files.sort(key=lambda p: str(p.relative_to(root)))
    return found


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    printable = sum(1 for b in head if b >= 32 or b in (9, 10, 13))
    return printable / max(len(head), 1) > 0.95


# -- workers ---------------------------------------------------------------------------------


def _freeze() -> None:
    """Keep the loaded rules, spaCy and models out of the cyclic garbage collector's scans: they live
    as long as the process, and re-walking that large heap while pdfminer allocates millions of
    objects costs time (after fork it would also copy the shared pages into every worker)."""
    gc.freeze()


def _address_space() -> int:
    """This process's current virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker(
    conn: Connection,
    analyzer: Analyzer | None,
    rules_dir: Path | None,
    limits: Limits,
    as_of: date,
    memory_mb: int,
    posting=None,
) -> None:
    """Worker process: one file per message. With fork the parent's loaded ``Analyzer`` is inherited;
    otherwise rules and spaCy are loaded here, once. Ctrl-C is the parent's to handle: it stops the
    workers itself and keeps what was finished."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if analyzer is None:
        analyzer = Analyzer(rules_dir, limits)
        _freeze()
    if memory_mb:
        try:
            import resource

            cap = _address_space() + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ImportError, ValueError, OSError):
            pass
    while True:
        try:
            msg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if msg is None:
            return
        index, path, label = msg
        digest = None
        try:
            analysis = analyzer.run(path, as_of, label=label, posting=posting)
            report, digest = analysis.report, analysis.digest
        except MemoryError:
            report = error_report(
                label, as_of, "too_large", "analysing the file needed more memory than the limit"
            )
        except Exception as exc:  # noqa: BLE001 - the last line of defence for one file
            report = error_report(
                label, as_of, "internal_error", f"unexpected {type(exc).__name__}: {exc}"
            )
        try:
            conn.send((index, report.model_dump_json(), digest))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Slot:
    proc: mp.Process
    conn: Connection
    task: tuple[int, Path, str] | None = None
    started: float = 0.0


class Pool:
    """Worker processes that can be killed one at a time (a hung file never stalls the batch)."""

    def __init__(
        self,
        workers: int,
        rules_dir: Path | None,
        limits: Limits,
        as_of: date,
        memory_mb: int,
        posting=None,
        analyzer: Analyzer | None = None,
    ) -> None:
        fork = "fork" in mp.get_all_start_methods()
        self.ctx = mp.get_context("fork" if fork else "spawn")
        # With fork, load rules and spaCy once here; every worker (and every replacement) inherits them.
        shared = (analyzer or Analyzer(rules_dir, limits)) if fork else None
        _freeze()
        self.args = (shared, rules_dir, limits, as_of, memory_mb, posting)
        self.timeout = limits.timeout_seconds
        self.as_of = as_of
        self.slots = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, *self.args), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _replace(self, slot: _Slot) -> None:
        slot.proc.kill()
        slot.proc.join(timeout=5)
        slot.conn.close()
        fresh = self._spawn()
        slot.proc, slot.conn, slot.task = fresh.proc, fresh.conn, None

    def run(self, tasks: list[tuple[int, Path, str]]) -> Iterator[tuple[int, str, str | None]]:
        """Yield ``(index, report_json, sha256)`` as files finish (any order)."""
        pending = list(reversed(tasks))
        busy = 0
        while pending or busy:
            for slot in self.slots:
                if slot.task is None and pending:
                    slot.task = pending.pop()
                    slot.started = time.monotonic()
                    slot.conn.send(slot.task)
                    busy += 1
            ready = wait([s.conn for s in self.slots if s.task is not None], timeout=0.05)
            for slot in self.slots:
                if slot.task is None:
                    continue
                index, path, label = slot.task
                if slot.conn in ready:
                    try:
                        got = slot.conn.recv()
                    except (EOFError, OSError):
                        code = slot.proc.exitcode
                        rep = error_report(
                            label,
                            self.as_of,
                            "internal_error",
                            f"the worker analysing this file stopped (exit code {code})",
                        )
                        self._replace(slot)
                        busy -= 1
                        yield index, rep.model_dump_json(), None
                        continue
                    slot.task = None
                    busy -= 1
                    yield got
                elif time.monotonic() - slot.started > self.timeout:
                    rep = error_report(
                        label,
                        self.as_of,
                        "timeout",
                        f"analysis took longer than {self.timeout:g} s and was stopped (--timeout)",
                    )
                    self._replace(slot)
                    busy -= 1
                    yield index, rep.model_dump_json(), None

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for slot in self.slots:
            slot.proc.join(timeout=2)
            if slot.proc.is_alive():
                slot.proc.kill()
                slot.proc.join(timeout=2)


def run_batch(
    files: list[Path],
    workers: int,
    rules_dir: Path | None,
    limits: Limits,
    as_of: date,
    memory_mb: int = 1024,
    posting=None,
    analyzer: Analyzer | None = None,
) -> Iterator[tuple[int, Report, str | None]]:
    """Analyse ``files`` (with their fit to ``posting`` if given); yield ``(index, report, sha256)`` in
    input order as soon as possible. ``analyzer`` is reused when given (it must match rules/limits)."""
    tasks = [(i, p, str(p)) for i, p in enumerate(files)]
    if workers <= 0:  # in-process; the SIGALRM deadline is the only time limit
        analyzer = analyzer or Analyzer(rules_dir, limits)
        _freeze()
        for i, p, label in tasks:
            analysis = analyzer.run(p, as_of, label=label, posting=posting)
            yield i, analysis.report, analysis.digest
        return
    pool = Pool(
        min(workers, max(1, len(tasks))), rules_dir, limits, as_of, memory_mb, posting, analyzer
    )
    buffer: dict[int, tuple[str, str | None]] = {}
    nxt = 0
    try:
        for index, data, digest in pool.run(tasks):
            buffer[index] = (data, digest)
            while nxt in buffer:
                data, digest = buffer.pop(nxt)
                yield nxt, Report.model_validate_json(data), digest
                nxt += 1
    finally:
        pool.close()


# -- after analysis: filters, duplicates, blind --------------------------------------------------


def passes(report: Report, require: set[str], min_stage: str | None, min_score: int | None) -> bool:
    """Whether an analysed report meets the filters (error rows are handled by the caller)."""
    if require:
        held = {c.id for c in report.credentials if c.status in ("held", "apprentice")}
        if not held & require:
            return False
    if min_stage and (not report.stage or LEVELS[report.stage.level] < LEVELS[min_stage]):
        return False
    if min_score is not None and (not report.score or report.score.overall < min_score):
        return False
    return True


def _norm_name(name: str | None) -> str:
    return re.sub(r"[^a-z ]", "", (name or "").lower()).strip()


class DuplicateFinder:
    """Flags a report that repeats an earlier one: same bytes, same e-mail or phone, near-same name.

    Indexed, so a folder of thousands stays fast: exact keys in dicts, and names compared fuzzily
    only with earlier names that share their last word."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], list[str]] = {}
        self.by_surname: dict[str, list[tuple[str, str]]] = {}

    def check(self, report: Report, digest: str | None, label: str | None = None) -> list[str]:
        """Earlier files this one repeats, each with why; then remember this one as ``label``."""
        label = label or report.file
        c = report.candidate
        keys = [
            ("identical file", digest),
            ("same e-mail", (c.email or "").lower() or None),
            ("same phone", re.sub(r"\D", "", c.phone or "")[-10:] or None),
        ]
        name = _norm_name(c.name)
        found: dict[str, list[str]] = {}
        for why, value in keys:
            for other in self.by_key.get((why, value), []) if value else []:
                found.setdefault(other, []).append(why)
        surname = name.split()[-1] if name else ""
        for other_name, other in self.by_surname.get(surname, []):
            if fuzz.ratio(name, other_name) >= 92:
                found.setdefault(other, []).append("same name")
        if not report.error or digest:
            for why, value in keys:
                if value:
                    self.by_key.setdefault((why, value), []).append(label)
            if surname:
                self.by_surname.setdefault(surname, []).append((name, label))
        return [f"{other} ({', '.join(why)})" for other, why in found.items()]


def blind(report: Report, index: int) -> Report:
    """The report without the candidate's name, contact details or file name (bias-reduced screening)."""
    from analyzer.models.findings import Candidate

    return report.model_copy(
        update={"candidate": Candidate(), "file": f"candidate-{index + 1:04d}"}
    )
