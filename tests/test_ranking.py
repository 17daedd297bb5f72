"""Ranking by fit: evidence tie-breaks (never file order), ties shown with their reason, postings in
the folder and the --job file set apart, must-haves never hidden, byte-identical across processes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.cli import main
from analyzer.models.match import Match, TieBreak
from analyzer.models.report import Report, Score
from analyzer.ranking import rank_by_fit
from analyzer.render.table import missing_requirements
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent


def report(file, fit, preferred=0.0, standards=0.0, gap=None, score=70, missing=()):
    return Report(
        file=file,
        as_of="2026-11-26",
        score=Score(overall=score, version="t"),
        match=Match(
            score=fit,
            job="job.txt",
            requirements=[],
            missing=list(missing),
            tiebreak=TieBreak(preferred_met=preferred, standards=standards, years_gap=gap),
        ),
    )


@pytest.mark.parametrize(
    "a, b, reason",
    [
        # each criterion decides only when the ones before it are equal; "a" is named last in file order
        (dict(preferred=2), dict(preferred=1, standards=3, gap=0, score=99), "more preferred items met (2 vs 1)"),
        (dict(standards=1.2), dict(standards=1.0, gap=0, score=99), "stronger against the posting's standards (1.20 vs 1.00)"),
        (dict(gap=0.5), dict(gap=6, score=99), "years closer to the ask (0.5 vs 6 years off)"),
        (dict(gap=2), dict(gap=None, score=99), "years closer to the ask (2 vs n/a years off)"),
        (dict(score=80), dict(score=79), "higher resume score (80 vs 79)"),
    ],
)
def test_ties_in_fit_are_broken_on_evidence_not_file_order(a, b, reason):
    ranked = rank_by_fit([report("b.txt", 80, **b), report("z.txt", 80, **a)])
    assert [r.report.file for r in ranked] == ["z.txt", "b.txt"]
    assert [r.rank for r in ranked] == [1, 2]
    assert ranked[0].reason == reason and ranked[1].reason == ""


def test_fit_comes_first_and_full_ties_share_a_rank():
    rows = rank_by_fit(
        [
            report("c.txt", 60, preferred=5, standards=3, score=99),
            report("a.txt", 75),
            report("b.txt", 75),
            report("d.txt", 90),
        ]
    )
    assert [(r.report.file, r.rank) for r in rows] == [
        ("d.txt", 1),
        ("a.txt", 2),
        ("b.txt", 2),
        ("c.txt", 4),
    ]
    assert rows[1].reason == "tied on every criterion"


def test_missing_column_lists_must_haves_first_and_never_hides_one():
    missing = [f"must {i} (required)" for i in range(6)] + [f"plus {i} (preferred)" for i in range(3)]
    r = report("a.txt", 9, missing=missing)
    assert missing_requirements(r) == [*missing[:6], "+3 more preferred"]
    r = report("a.txt", 40, missing=["CCS (required)", "Epic (preferred)", "CRC (preferred)"])
    assert missing_requirements(r, most=2) == ["CCS (required)", "Epic (preferred)", "+1 more preferred"]


@pytest.fixture
def applicants(tmp_path: Path) -> Path:
    """Samples plus two postings in the folder; the --job posting itself among them."""
    root = tmp_path / "applicants"
    root.mkdir()
    for name in ("entry_coder.txt", "mid_ed_coder.pdf", "senior_auditor.docx", "skills_only.txt"):
        shutil.copy(SAMPLES / name, root / name)
    for name in ("entry_outpatient_cpc.txt", "senior_inpatient_auditor.txt"):
        shutil.copy(SAMPLES / "jobs" / name, root / name)
    return root


def batch(capsys, root: Path, job: Path, fmt: str) -> tuple[int, str, str]:
    code = main(
        ["batch", str(root), "--job", str(job), "--format", fmt, "--as-of", "2026-11-26", "--progress", "never", "--workers", "0"]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_batch_job_sets_postings_apart(capsys, applicants):
    job = applicants / "senior_inpatient_auditor.txt"
    code, out, err = batch(capsys, applicants, job, "json")
    rows = json.loads(out)
    names = [Path(r["file"]).name for r in rows]
    assert code == 0
    assert "senior_inpatient_auditor.txt" not in names  # the --job file is not a candidate
    assert "the job posting this run ranks against" in err
    # the other posting is listed after every candidate, never among them
    assert names[-1] == "entry_outpatient_cpc.txt" and rows[-1]["domain"]["document"] == "job_posting"
    assert names[0] == "senior_auditor.docx"

    _, table, _ = batch(capsys, applicants, job, "table")
    ranked, _, apart = table.partition("Job postings found among the files (listed apart, not ranked):")
    assert "entry_outpatient_cpc.txt" in apart and "entry_outpatient_cpc" not in ranked

    _, text, _ = batch(capsys, applicants, job, "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    posting = next(r for r in rows if r["file"].endswith("entry_outpatient_cpc.txt"))
    assert rows[-1] is posting
    assert posting["rank"] == "" and posting["fit"] == "" and posting["ranking_note"] == "a job posting: not ranked"


def test_table_shows_why_equal_fits_are_ordered(capsys, tmp_path):
    root = tmp_path / "applicants"
    root.mkdir()
    base = (SAMPLES / "entry_coder.txt").read_text()
    # the same candidate twice, one with a stronger accuracy figure: equal fit, ordered on evidence
    (root / "a_weaker.txt").write_text(base.replace("JORDAN ELLIS", "SAM ASTER").replace("96% accuracy", "90% accuracy"))
    (root / "b_stronger.txt").write_text(base.replace("JORDAN ELLIS", "KIM BIRCH").replace("96% accuracy", "99% accuracy"))
    _, out, _ = batch(capsys, root, SAMPLES / "jobs" / "entry_outpatient_cpc.txt", "table")
    ranked = [ln for ln in out.splitlines() if ln[:3].strip().isdigit()]
    assert ["Kim Birch" in ranked[0], "Sam Aster" in ranked[1]] == [True, True]
    assert ranked[0].split()[5] == ranked[1].split()[5]  # the same fit
    assert "ahead of the next on stronger against the posting's standards (2.12 vs 2.03)" in " ".join(out.split())


_BOTH = """
import sys
from analyzer.cli import main
job = sys.argv[1]
main(["match", sys.argv[2], "--job", job, "--format", "json", "--as-of", "2026-11-26"])
print("\\f")
main(["batch", sys.argv[3], "--job", job, "--format", "json", "--as-of", "2026-11-26", "--progress", "never"])
"""


@pytest.mark.slow
def test_match_and_batch_job_are_byte_identical_across_hash_seeds():
    """``match`` and ``batch --job`` in fresh processes under different hash seeds: the same bytes."""
    argv = [str(SAMPLES / "jobs" / "senior_inpatient_auditor.txt"), str(SAMPLES / "senior_auditor.docx"), str(SAMPLES)]
    outputs = set()
    for seed in (0, 1, 12345):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", _BOTH, *argv], cwd=ROOT, env=env, capture_output=True, timeout=300
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs.add(done.stdout)
    assert len(outputs) == 1
    match, batch = outputs.pop().decode().split("\f\n")
    assert json.loads(match)["match"]["requirements"] and len(json.loads(batch)) >= 4
