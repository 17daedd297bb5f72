"""The orchestrator: parse -> sections -> rule engine -> assessment -> ``Report``."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from datetime import date
from pathlib import Path
from typing import BinaryIO

from analyzer.deadline import deadline
from analyzer.errors import AnalyzerError
from analyzer.limits import DEFAULT_LIMITS, Limits, address_space_cap
from analyzer.names import display_name
from analyzer.parsing import check_bytes, read_bytes, read_file
from analyzer.parsing.sections import Sectioner
from analyzer.models.analysis import Analysis
from analyzer.models.document import Document
from analyzer.models.report import ErrorInfo, Report
from analyzer.rules.pack import RulePack, load_rules

log = logging.getLogger(__name__)

# What the Python API takes as a resume or a posting: a path, the file's bytes, or a binary file.
Source = str | os.PathLike | bytes | bytearray | memoryview | BinaryIO


class Analyzer:
    """Holds one loaded rule pack, the spaCy pipeline and the assessor; ``run`` analyses one file.

    Args:
        rules: A loaded ``RulePack``, or a rule-pack folder to merge over the shipped rules
            (``None``: the shipped rules only).
        limits: Size, page and time limits for every input.
    """

    def __init__(
        self, rules: RulePack | str | os.PathLike | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        from analyzer.assessment import Assessor
        from analyzer.rules.engine import Engine

        self.rules = rules if isinstance(rules, RulePack) else load_rules(rules)
        self.limits = limits
        self._matcher = None
        self._lock = threading.RLock()  # spaCy's vocabulary is not safe to grow from two threads
        self.sectioner = Sectioner(self.rules.sections)
        self.engine = Engine(self.rules)
        self.assessor = Assessor(self.rules)

    @property
    def matcher(self):
        """The job-posting matcher (built on first use: most runs never need it)."""
        with self._lock:
            if self._matcher is None:
                from analyzer.match import Matcher

                self._matcher = Matcher(self.engine, self.rules, self.limits)
        return self._matcher

    def read(self, source: Source, name: str | None = None) -> tuple[bytes, str]:
        """The bytes of ``source`` (a path, bytes or a binary file) and the name to report.

        Raises:
            AnalyzerError: ``not_found``, ``too_large`` or ``empty``.
        """
        if isinstance(source, (str, os.PathLike)):
            return read_file(source, self.limits), name if name is not None else _name(source)
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        else:
            data = source.read(self.limits.max_file_bytes + 1)
        label = name if name is not None else _name(source)
        return check_bytes(data, self.limits), label

    def read_posting(self, source: Source, name: str | None = None):
        """A job posting (``analyzer.match.Posting``) from a path, bytes or a binary file.

        Raises:
            AnalyzerError: as for a resume.
        """
        data, label = self.read(source, name)
        return self.matcher.read_posting(label, data)

    def run(
        self,
        source: Source,
        as_of: date | None = None,
        label: str | None = None,
        posting=None,
    ) -> Analysis:
        """Analyse ``source`` (and its fit to ``posting``, a ``analyzer.match.Posting``, when
        given). Bad input gives a report with ``error`` set, never an exception."""
        as_of = as_of or date.today()
        name = label if label is not None else _name(source)
        try:
            with deadline(self.limits.timeout_seconds):
                data, name = self.read(source, name)
                digest = hashlib.sha256(data).hexdigest()
                doc = read_bytes(data, name, self.sectioner, self.limits)
                report = self.analyze_document(doc, as_of)
                if posting is not None:
                    with self._lock:
                        fit = self.matcher.match(report, doc, posting)
                    report = report.model_copy(update={"match": fit})
                return Analysis(report, doc, digest)
        except AnalyzerError as exc:
            return Analysis(error_report(name, as_of, exc.code, exc.message), None)
        except RecursionError:
            return Analysis(
                error_report(name, as_of, "corrupt", "the file is nested too deeply to read"), None
            )
        except MemoryError:
            pass  # reported below: the exception holds the failed work's memory until here
        except Exception as exc:  # a parser bug on a hostile file must not stop a batch
            log.debug("internal error on %s", name, exc_info=True)
            return Analysis(
                error_report(
                    name, as_of, "internal_error", f"unexpected {type(exc).__name__}: {exc}"
                ),
                None,
            )
        return Analysis(_too_large(name, as_of), None)

    def run_capped(
        self,
        megabytes: int,
        source: Source,
        as_of: date | None = None,
        label: str | None = None,
        posting=None,
    ) -> Analysis:
        """``run`` with this process allowed to grow by at most ``megabytes`` of address space
        (``address_space_cap``; 0: no cap). Past it the report is ``too_large``: built by ``run``
        once the failed work is released, or here, after the cap is lifted, when even that had no
        room left."""
        try:
            with address_space_cap(megabytes):
                return self.run(source, as_of, label, posting)
        except MemoryError:
            pass  # the cap is lifted now
        name = label if label is not None else _name(source)
        return Analysis(_too_large(name, as_of or date.today()), None)

    def analyze_document(self, doc: Document, as_of: date) -> Report:
        """Findings and assessment for an already parsed document."""
        with self._lock:
            findings = self.engine.extract(doc, as_of)
        assessed = self.assessor.assess(doc, findings, as_of)
        return Report(
            file=doc.source,
            as_of=as_of.isoformat(),
            domain=findings.domain,
            candidate=findings.candidate,
            sections=doc.sections,
            credentials=findings.credentials,
            code_sets=findings.code_sets,
            tools=findings.tools,
            specialties=findings.specialties,
            metrics=findings.metrics,
            experience=findings.experience,
            stage=assessed.stage,
            score=assessed.score,
            suggestions=assessed.suggestions,
            credibility=assessed.credibility,
            warnings=doc.warnings,
        )


def error_report(name: str, as_of: date, code: str, message: str) -> Report:
    """The report for a file that could not be analysed."""
    return Report(file=name, as_of=as_of.isoformat(), error=ErrorInfo(code=code, message=message))


def _too_large(name: str, as_of: date) -> Report:
    return error_report(name, as_of, "too_large", "reading the file needed more memory than allowed")


def _name(source: Source) -> str:
    """The name a report shows for ``source``: printable (see ``analyzer.names``)."""
    if isinstance(source, (str, os.PathLike)):
        return display_name(source)
    return display_name(str(getattr(source, "name", "") or "(bytes)"))


_ANALYZERS: dict[Path | None, Analyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def get_analyzer(rules: str | os.PathLike | None = None) -> Analyzer:
    """The process's loaded analyzer for a rule pack (built once, under a lock, so concurrent first
    calls from threads share one instead of racing to build several).

    Raises:
        RuleError: the rule pack does not load.
    """
    key = Path(rules).resolve() if rules is not None else None
    with _ANALYZERS_LOCK:
        if key not in _ANALYZERS:
            _ANALYZERS[key] = Analyzer(key)
        return _ANALYZERS[key]


def analyze(
    source: Source,
    as_of: date | None = None,
    rules: str | os.PathLike | None = None,
    filename: str | None = None,
) -> Report:
    """Analyse one resume and return its ``Report``. Thread-safe; rules and spaCy load on the first
    call (per rule pack) and are reused after.

    Args:
        source: A path, the file's bytes, or a binary file object (the format is sniffed from the
            bytes, never the name).
        as_of: The date "Present" means (default today).
        rules: An extra rule-pack folder.
        filename: The name to report for bytes or a file object.

    Example:
        >>> from datetime import date
        >>> from analyzer import analyze
        >>> report = analyze("cv.pdf", as_of=date(2026, 11, 26))  # doctest: +SKIP
        >>> report.score.overall  # doctest: +SKIP
    """
    return get_analyzer(rules).run(source, as_of, label=filename).report


def match(
    resume: Source,
    job: Source,
    as_of: date | None = None,
    rules: str | os.PathLike | None = None,
    resume_name: str | None = None,
    job_name: str | None = None,
) -> Report:
    """Analyse ``resume`` and its fit to the posting ``job``; the report's ``match`` holds the fit.

    Both take a path, bytes or a binary file object.

    Raises:
        AnalyzerError: the posting cannot be read (a bad resume gives a report with ``error``).

    Example:
        >>> from analyzer import match
        >>> report = match("cv.pdf", "posting.txt")  # doctest: +SKIP
        >>> report.match.score  # doctest: +SKIP
    """
    analyzer = get_analyzer(rules)
    posting = analyzer.read_posting(job, job_name)
    return analyzer.run(resume, as_of, label=resume_name, posting=posting).report
