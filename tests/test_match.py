"""Job-description match: requirements read from varied postings, either-or credentials, years,
settings, required vs preferred, score ordering, and the CLI."""

import json

import pytest

from analyzer.cli import main
from tests.conftest import AS_OF, SAMPLES

RESUME = """Pat Lee
Inpatient Coder II
pat.lee@example.com | 555-010-0199
EXPERIENCE
Inpatient Coder II | Mercy General, Reno, NV | Jan 2020 - Present
  - Code 22 inpatient charts per day with ICD-10-CM/PCS and MS-DRG in Epic with 3M 360 Encompass
  - Maintain 96% DRG accuracy on quarterly audits
CERTIFICATIONS
RHIT, AHIMA
CCS, AHIMA
CPC-A, AAPC
EDUCATION
Associate of Applied Science, Health Information Technology, 2019
"""


def asks(analyzer, text):
    posting = analyzer.matcher.read_posting("job.txt", text.encode())
    return {(a.kind, a.ids, a.strength) for a in posting.asks}, posting


@pytest.mark.parametrize(
    "posting, expected",
    [
        ("Requirements\nCPC or CCS required", ("credential", ("CPC", "CCS"), "required")),
        (
            "Requirements\nCPC, CCS or CIC required",
            ("credential", ("CPC", "CCS", "CIC"), "required"),
        ),
        (
            "Requirements\nMust hold a CCS-P or CPC credential",
            ("credential", ("CCS-P", "CPC"), "required"),
        ),
        ("Qualifications\nCRC preferred", ("credential", ("CRC",), "preferred")),
        ("Requirements\nCPC required, CRC a plus", ("credential", ("CRC",), "preferred")),
        ("Nice to have\nCPMA", ("credential", ("CPMA",), "preferred")),
        ("Requirements\nRHIT and CCS required", ("credential", ("RHIT",), "required")),
        ("Requirements\nRHIT and CCS required", ("credential", ("CCS",), "required")),
        ("Requirements\nProficiency with Epic or Cerner", ("tool", ("Epic", "Cerner"), "required")),
        (
            "Preferred Qualifications\nICD-10-PCS and MS-DRG experience",
            ("code_set", ("ICD-10-PCS",), "preferred"),
        ),
        (
            "Requirements\nAssociate degree in HIM required; bachelor's degree preferred",
            ("education", ("bachelor",), "preferred"),
        ),
        (
            "Requirements\nAssociate degree in HIM required; bachelor's degree preferred",
            ("education", ("associate",), "required"),
        ),
    ],
)
def test_posting_requirements(analyzer, posting, expected):
    found, _ = asks(analyzer, posting)
    assert expected in found


@pytest.mark.parametrize(
    "line, years, qualifiers",
    [
        ("2+ years of inpatient coding experience required", 2.0, ("inpatient",)),
        ("Minimum of three years of coding experience", 3.0, ()),
        ("3-5 years experience in professional fee coding", 3.0, ("professional fee",)),
    ],
)
def test_years(analyzer, line, years, qualifiers):
    _, posting = asks(analyzer, "Requirements\n" + line)
    got = [a for a in posting.asks if a.kind == "years"]
    assert [(a.years, a.qualifiers, a.strength) for a in got] == [(years, qualifiers, "required")]


def test_years_that_are_not_experience(analyzer):
    _, posting = asks(analyzer, "Requirements\nCCS required within 2 years of hire")
    assert not [a for a in posting.asks if a.kind == "years"]


def fit(analyzer, doc_from, posting_text, resume=RESUME):
    posting = analyzer.matcher.read_posting("job.txt", posting_text.encode())
    doc = doc_from(resume)
    report = analyzer.analyze_document(doc, AS_OF)
    return analyzer.matcher.match(report, doc, posting)


POSTING = """Inpatient Coder
Requirements
- CCS or CIC required
- RHIT required
- 3+ years of inpatient coding experience
- ICD-10-PCS and MS-DRG
- Maintain 95% accuracy
Preferred
- CDIP a plus
- Experience with Epic
"""


def test_fit_half_fit_no_fit_order(analyzer, doc_from):
    full = fit(analyzer, doc_from, POSTING)
    half = fit(
        analyzer,
        doc_from,
        POSTING,
        RESUME.replace("RHIT, AHIMA\n", "").replace("Jan 2020", "Jan 2024"),
    )
    none = fit(
        analyzer,
        doc_from,
        POSTING,
        "Pat Lee\nEXPERIENCE\nCashier | Store | 2019 - Present\n- Ran the register\n",
    )
    assert full.score > half.score > none.score
    assert full.score >= 80 and half.score <= 49
    missing = {q.label for q in half.requirements if q.status != "met" and q.strength == "required"}
    assert missing == {"RHIT", "3+ years (inpatient)"}


def test_missing_must_have_caps_whatever_the_extras(analyzer, doc_from):
    posting = POSTING + "- Experience with 3M 360 Encompass\n- Excel\n- Tableau\n"
    result = fit(analyzer, doc_from, posting, RESUME.replace("RHIT, AHIMA\n", ""))
    assert result.score <= 49
    assert "RHIT (required)" in result.missing
    assert any("No wording fixes 'RHIT'" in g for g in result.guidance)


def test_apprentice_does_not_satisfy_the_full_credential(analyzer, doc_from):
    result = fit(analyzer, doc_from, "Requirements\nCPC required\n")
    q = result.requirements[0]
    assert q.status == "missing" and "CPC-A does not satisfy" in q.note and not q.fixable


def test_ccs_p_satisfies_either_or(analyzer, doc_from):
    resume = RESUME.replace("CCS, AHIMA", "CCS-P, AHIMA")
    q = fit(analyzer, doc_from, "Requirements\nCCS-P or CPC required\n", resume).requirements[0]
    assert q.status == "met" and q.resume


def test_features_answer_the_posting_standard(analyzer, doc_from):
    result = fit(analyzer, doc_from, POSTING)
    kinds = [f.kind for f in result.feature]
    assert "accuracy" in kinds
    feature = next(f for f in result.feature if f.kind == "accuracy")
    assert "96%" in feature.resume.text and feature.posting.text == "Maintain 95% accuracy"


def test_evidence_on_both_sides(analyzer, doc_from):
    for q in fit(analyzer, doc_from, POSTING).requirements:
        assert q.posting.text
        if q.status == "met":
            assert q.resume


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_match_cli(capsys, fmt):
    code = main(
        [
            "match",
            str(SAMPLES / "senior_auditor.docx"),
            "--job",
            str(SAMPLES / "jobs" / "senior_inpatient_auditor.txt"),
            "--format",
            fmt,
            "--as-of",
            "2026-11-26",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    if fmt == "json":
        data = json.loads(out)
        assert data["match"]["score"] >= 90 and data["match"]["requirements"]
    else:
        assert "Fit" in out or "FIT" in out


def test_match_from_stdin_and_bad_posting(capsys, monkeypatch, tmp_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Requirements\nCPC required\n")))
    code = main(["match", str(SAMPLES / "entry_coder.txt"), "--job", "-", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["match"]["job"] == "(stdin)"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["match", str(SAMPLES / "entry_coder.txt"), "--job", str(empty)])
    _, err = capsys.readouterr()
    assert code == 1 and "job posting" in err and "(empty)" in err


def ranked_by_fit(capsys, posting: str) -> list[dict]:
    """``batch samples/ --job POSTING --format json``: the analysed rows, best fit first."""
    code = main(
        [
            "batch",
            str(SAMPLES),
            "--job",
            str(SAMPLES / "jobs" / posting),
            "--format",
            "json",
            "--as-of",
            "2026-11-26",
            "--progress",
            "never",
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    return [r for r in json.loads(out) if not r["error"]]


def test_batch_ranks_by_fit(capsys):
    rows = ranked_by_fit(capsys, "senior_inpatient_auditor.txt")
    assert rows[0]["file"].endswith("senior_auditor.docx")
    fits = [r["match"]["score"] for r in rows]
    assert fits == sorted(fits, reverse=True)


def test_entry_posting_prefers_an_entry_coder_over_an_overqualified_senior(capsys):
    rows = ranked_by_fit(capsys, "entry_outpatient_cpc.txt")
    fits = {r["file"].rsplit("/", 1)[-1]: r["match"]["score"] for r in rows}
    assert fits["entry_coder.txt"] > fits["senior_auditor.docx"]
    assert fits["entry_coder.txt"] >= 90 and fits["senior_auditor.docx"] <= 49


def test_stated_level(analyzer, doc_from):
    senior = fit(analyzer, doc_from, "Senior Coding Auditor\nRequirements\nCCS required\n")
    level = next(q for q in senior.requirements if q.kind == "level")
    assert level.label == "senior-level role" and level.status == "partial"  # a mid-level candidate
