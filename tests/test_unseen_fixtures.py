"""The held-out resume set (tests/fixtures/unseen) agrees with its labels.

The set is scored by benchmarks/evaluate_unseen.py, not here: these tests only guard the fixtures
themselves (every labelled phrase, name and contact is in its file; experience years follow the
labelling conventions), so an edit to a resume or a label cannot silently break the benchmark.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BUILD = Path(__file__).parent / "fixtures" / "unseen" / "build.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("unseen_build", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("spans", "years"),
    [
        (["2014..2018"], 4.0),  # year-only: Jul 2014 - Jun 2018
        (["2022-01..2022-12"], 1.0),  # month-only: 1st of the start month to the last day of the end month
        (["summer-2024..summer-2024"], 0.3),  # Jun 1 - Aug 31
        (["2020-01..2021-12", "2021-01..2022-12"], 3.0),  # overlapping jobs count once
        (["2020-01..2020-12", "2022-01..2022-12"], 2.0),  # a gap does not count
        (["2026-01..present"], 0.9),  # present = as_of 2026-11-26
    ],
)
def test_years_from_basis_follows_the_conventions(build, spans, years):
    assert build.years_from_basis(spans) == years


def test_every_label_agrees_with_its_file(build):
    assert build.problems() == []


def test_the_set_mixes_formats_and_domains(build):
    import json

    labels = json.loads((BUILD.parent / "labels.json").read_text(encoding="utf-8"))
    suffixes = [Path(f).suffix for lab in labels for f in lab["files"]]
    assert suffixes.count(".docx") >= 8 and suffixes.count(".pdf") >= 8
    assert sum(lab["domain"] == "other" for lab in labels) >= 10
    assert all((BUILD.parent / f).stat().st_size < 100_000 for lab in labels for f in lab["files"])
