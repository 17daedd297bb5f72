"""The orchestrator: parse -> sections -> rule engine -> assessment -> ``Report``."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from pathlib import Path

from analyzer.deadline import deadline
from analyzer.errors import AnalyzerError
from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.parsing import read_bytes, read_file
from analyzer.parsing.sections import Sectioner
from analyzer.models.document import Document
from analyzer.models.report import ErrorInfo, Report
from analyzer.rules.engine import Engine, load_rules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Analysis:
    """A report, the document it was made from (renderers show its lines) and the sha256 of the
    file's bytes (batch duplicate detection), when the file could be read."""

    report: Report
    document: Document | None
    digest: str | None = None


class Analyzer:
    """Loads rules and the spaCy pipeline once; ``run`` analyses one file."""

    def __init__(self, rules_dir: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        from analyzer.assessment import Assessor

        self.rules_dir = rules_dir
        self.rules = load_rules(rules_dir)
        self.limits = limits
        self._matcher = None
        self.sectioner = Sectioner(self.rules.sections)
        self.engine = Engine(self.rules)
        self.assessor = Assessor(rules_dir)

    @property
    def matcher(self):
        """The job-posting matcher (built on first use: most runs never need it)."""
        if self._matcher is None:
            from analyzer.match import Matcher

            self._matcher = Matcher(self.engine, self.rules_dir, self.limits)
        return self._matcher

    def run(
        self,
        path: str | os.PathLike,
        as_of: date | None = None,
        label: str | None = None,
        posting=None,
    ) -> Analysis:
        """Analyse ``path`` (and its fit to ``posting``, a ``analyzer.match.Posting``, when given).
        Bad input gives a report with ``error`` set, never an exception."""
        as_of = as_of or date.today()
        name = label if label is not None else str(path)
        try:
            with deadline(self.limits.timeout_seconds):
                data = read_file(path, self.limits)
                digest = hashlib.sha256(data).hexdigest()
                doc = read_bytes(data, name, self.sectioner, self.limits)
                report = self.analyze_document(doc, as_of)
                if posting is not None:
                    report = report.model_copy(
                        update={"match": self.matcher.match(report, doc, posting)}
                    )
                return Analysis(report, doc, digest)
        except AnalyzerError as exc:
            return Analysis(error_report(name, as_of, exc.code, exc.message), None)
        except RecursionError:
            return Analysis(
                error_report(name, as_of, "corrupt", "the file is nested too deeply to read"), None
            )
        except MemoryError:
            return Analysis(
                error_report(
                    name, as_of, "too_large", "reading the file needed more memory than allowed"
                ),
                None,
            )
        except Exception as exc:  # a parser bug on a hostile file must not stop a batch
            log.debug("internal error on %s", name, exc_info=True)
            return Analysis(
                error_report(
                    name, as_of, "internal_error", f"unexpected {type(exc).__name__}: {exc}"
                ),
                None,
            )

    def analyze_document(self, doc: Document, as_of: date) -> Report:
        """Findings and assessment for an already parsed document."""
        findings = self.engine.extract(doc, as_of)
        stage, score, suggestions = self.assessor.assess(doc, findings, as_of)
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
            stage=stage,
            score=score,
            suggestions=suggestions,
            warnings=doc.warnings,
        )


def error_report(name: str, as_of: date, code: str, message: str) -> Report:
    """The report for a file that could not be analysed."""
    return Report(file=name, as_of=as_of.isoformat(), error=ErrorInfo(code=code, message=message))


@lru_cache(maxsize=8)
def _analyzer(rules_dir: Path | None) -> Analyzer:
    """One loaded analyzer per rule pack, reused by every ``analyze`` call."""
    return Analyzer(rules_dir)


def analyze(
    path: str | os.PathLike, as_of: date | None = None, rules_dir: Path | None = None
) -> Report:
    """Analyse one resume file and return its ``Report``. Rules and spaCy load on the first call
    (per rule pack) and are reused after.

    Example:
        >>> from datetime import date
        >>> from analyzer import analyze
        >>> report = analyze("cv.pdf", as_of=date(2026, 11, 26))  # doctest: +SKIP
        >>> report.score.overall  # doctest: +SKIP
    """
    return _analyzer(Path(rules_dir) if rules_dir is not None else None).run(path, as_of).report
