"""Shared fixtures: one Analyzer per test session and helpers to build documents from text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analyzer.parsing import read_bytes
from analyzer.pipeline import Analyzer
from analyzer.models.document import Document

AS_OF = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def doc_from(analyzer):
    """Build a ``Document`` from resume text (sections detected as for a TXT file)."""

    def make(text: str) -> Document:
        return read_bytes(text.encode("utf-8"), "test.txt", analyzer.sectioner)

    return make


@pytest.fixture(scope="session")
def findings_from(analyzer, doc_from):
    """Run the rule engine over resume text."""

    def make(text: str, as_of: date = AS_OF):
        return analyzer.engine.extract(doc_from("Pat Lee\n" + text), as_of)

    return make


@pytest.fixture(scope="session")
def report_from(analyzer, doc_from):
    def make(text: str, as_of: date = AS_OF):
        return analyzer.analyze_document(doc_from(text), as_of)

    return make
