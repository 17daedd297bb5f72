"""Contact details and the is-this-a-coding-resume check."""

import pytest

from tests.conftest import AS_OF


def test_contact_from_profile(analyzer, doc_from):
    c = analyzer.engine.extract(
        doc_from(
            "JANE Q. DOE, RHIT, CCS\nInpatient Coder\nAkron, OH 44308 | (330) 555-0101 | jane.doe@example.com\n"
            "linkedin.com/in/janedoe\nSUMMARY\nCoder."
        ),
        AS_OF,
    ).candidate
    assert (c.name, c.email, c.phone, c.location) == (
        "Jane Q. Doe",
        "jane.doe@example.com",
        "(330) 555-0101",
        "Akron, OH 44308",
    )
    assert c.links == ["linkedin.com/in/janedoe"]


@pytest.mark.parametrize(
    "text, coding",
    [
        (
            "EXPERIENCE\nMedical Coder | Clinic | 2021 - Present\n- Coded E/M visits with ICD-10-CM and CPT",
            True,
        ),
        (
            "CERTIFICATIONS\nCPC-A (AAPC)\nSKILLS\nICD-10-CM, CPT\nEXPERIENCE\nServer | Diner | 2020 - Present\n- Served tables",
            True,
        ),
        (
            "EXPERIENCE\nRegistered Nurse | ICU | 2019 - Present\n- Used Epic; responded to code blue events",
            False,
        ),
        (
            "EXPERIENCE\nSoftware Engineer | Acme | 2018 - Present\n- Coding in Go and Python; 99.9% uptime",
            False,
        ),
        (
            "EXPERIENCE\nStore Manager | Retailer | 2015 - Present\n- Price-coding accuracy; sales up 8%",
            False,
        ),
    ],
)
def test_domain(findings_from, text, coding):
    assert findings_from(text).domain.medical_coding is coding


@pytest.mark.parametrize(
    "line, name",
    [
        ("MARIA GONZALEZ-LOPEZ", "Maria Gonzalez-Lopez"),
        ("BRIAN O'CONNELL, CPC", "Brian O'Connell"),
        ("Patricia A. Donovan, RHIA, CCS, CPC", "Patricia A. Donovan"),
        ("Samantha Reyes | Coder", "Samantha Reyes"),
    ],
)
def test_names(analyzer, doc_from, line, name):
    assert (
        analyzer.engine.extract(doc_from(line + "\nSUMMARY\nCoder."), AS_OF).candidate.name == name
    )


def test_a_job_posting_is_not_scored_as_a_resume(report_from):
    from tests.conftest import SAMPLES

    r = report_from((SAMPLES / "jobs" / "senior_inpatient_auditor.txt").read_text())
    assert r.domain.medical_coding is False and r.domain.document == "job_posting"
    assert [s.id for s in r.suggestions] == ["domain.job_posting"]
