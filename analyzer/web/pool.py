"""Analyses for the web app, in a pool of worker processes: a slow PDF holds one worker, never the
server. Each worker loads the rules and spaCy once (``get_analyzer``) and keeps them."""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from analyzer.limits import Limits
from analyzer.pipeline import error_report

log = logging.getLogger(__name__)

# How long past the per-file limit the server waits before it gives up on a worker and restarts
# the pool (the worker's own SIGALRM deadline normally ends the analysis first).
GRACE_SECONDS = 10.0

_ANALYZERS: dict[str, object] = {}  # one loaded Analyzer per PDF engine, built on first use
_LIMITS: Limits | None = None
_MEMORY_MB = 0


@dataclass(frozen=True)
class Upload:
    """One uploaded file, in memory: its bytes and the name to report (never used as a path)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Result:
    """What a worker sends back: the report as JSON, the HTML page when asked for, the sha256 of
    the file's bytes (duplicates), or the reason the job posting could not be read."""

    report_json: str
    html: str | None = None
    digest: str | None = None
    job_error: tuple[str, str] | None = None


def _init(rules_dir: Path | None, limits: Limits, memory_mb: int) -> None:
    """Worker start-up: load rules and spaCy once, silence pdfminer."""
    global _LIMITS, _MEMORY_MB
    from analyzer.parsing.pdf_pdfminer import quiet_pdfminer
    from analyzer.pipeline import Analyzer

    quiet_pdfminer()
    _ANALYZERS[limits.pdf_engine] = Analyzer(rules_dir, limits)
    _LIMITS, _MEMORY_MB = limits, memory_mb
    gc.freeze()  # the loaded rules live as long as the worker: keep them out of GC scans


def _analyzer(pdf_engine: str | None):
    """The worker's analyzer for ``pdf_engine`` (``None``: the server's); another engine shares
    the loaded rule pack."""
    from analyzer.pipeline import Analyzer

    engine = pdf_engine or _LIMITS.pdf_engine
    if engine not in _ANALYZERS:
        rules = _ANALYZERS[_LIMITS.pdf_engine].rules
        _ANALYZERS[engine] = Analyzer(rules, replace(_LIMITS, pdf_engine=engine))
    return _ANALYZERS[engine]


def _analyse(
    upload: Upload, as_of: date, job: Upload | None, html_view: str | None, pdf_engine: str | None
) -> Result:
    """Worker side: analyse one upload (against ``job`` when given); render HTML when asked."""
    from analyzer.errors import AnalyzerError

    analyzer = _analyzer(pdf_engine)
    posting = None
    if job is not None:
        try:
            posting = analyzer.read_posting(job.data, job.name)
        except AnalyzerError as exc:
            return Result("", job_error=(exc.code, exc.message))
    analysis = analyzer.run_capped(_MEMORY_MB, upload.data, as_of, label=upload.name, posting=posting)
    html = None
    if html_view:
        from analyzer.web.pages import report_fragment

        html = report_fragment(analysis, html_view)
    return Result(analysis.report.model_dump_json(), html, analysis.digest)


def _posting_error(job: Upload, pdf_engine: str | None) -> tuple[str, str] | None:
    """Worker side: why the posting cannot be read, or ``None``."""
    from analyzer.errors import AnalyzerError

    try:
        _analyzer(pdf_engine).read_posting(job.data, job.name)
    except AnalyzerError as exc:
        return exc.code, exc.message
    return None


class AnalysisPool:
    """A process pool of loaded analyzers, restarted whole if a worker dies or hangs."""

    def __init__(self, workers: int, rules_dir: Path | None, limits: Limits, memory_mb: int = 1024):
        self.workers = max(1, workers)
        self.rules_dir = rules_dir
        self.limits = limits
        self.memory_mb = memory_mb
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: the server's threads and event loop are never forked into a worker.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=mp.get_context("spawn"),
            initializer=_init,
            initargs=(self.rules_dir, self.limits, self.memory_mb),
        )

    def warm_up(self) -> None:
        """Start every worker now (loading rules and spaCy) rather than on the first request."""
        for f in [self._executor.submit(os.getpid) for _ in range(self.workers)]:
            f.result()

    def restart(self) -> None:
        """Kill the workers (a hung parser) and start fresh ones; queued analyses fail."""
        old, self._executor = self._executor, self._start()
        for proc in list((old._processes or {}).values()):
            proc.kill()
        old.shutdown(wait=False, cancel_futures=True)

    async def analyse(
        self,
        upload: Upload,
        as_of: date,
        job: Upload | None = None,
        html_view: str | None = None,
        pdf_engine: str | None = None,
    ) -> Result:
        """The analysis of ``upload``; a worker that dies or overruns gives an error report."""
        executor = self._executor
        try:
            future = executor.submit(_analyse, upload, as_of, job, html_view, pdf_engine)
            return await asyncio.wait_for(
                asyncio.wrap_future(future), self.limits.timeout_seconds + GRACE_SECONDS
            )
        except asyncio.TimeoutError:
            if executor is self._executor:
                self.restart()
            code, message = (
                "timeout",
                (f"analysis took longer than {self.limits.timeout_seconds:g} s and was stopped"),
            )
        except BrokenProcessPool:
            if executor is self._executor:
                self.restart()
            code, message = "internal_error", "the worker analysing this file stopped"
        return Result(error_report(upload.name, as_of, code, message).model_dump_json())

    async def posting_error(
        self, job: Upload, pdf_engine: str | None = None
    ) -> tuple[str, str] | None:
        """Why the job posting ``job`` cannot be read (checked once before a batch), or ``None``."""
        return await asyncio.wrap_future(self._executor.submit(_posting_error, job, pdf_engine))

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
