"""Credential detection and status, including the acronym traps."""

import pytest


def creds(findings) -> dict[str, str]:
    return {c.id: c.status for c in findings.credentials}


@pytest.mark.parametrize(
    "text, expected",
    [
        # acronyms in a certifications section
        ("CERTIFICATIONS\nCPC, AAPC 2021", {"CPC": "held"}),
        ("CERTIFICATIONS\nCPC-A (AAPC)", {"CPC-A": "apprentice"}),
        ("CERTIFICATIONS\nCPC–A, AAPC", {"CPC-A": "apprentice"}),
        ("CERTIFICATIONS\nCCS-P, AHIMA", {"CCS-P": "held"}),
        ("CERTIFICATIONS\nCCS and CCS-P (AHIMA)", {"CCS": "held", "CCS-P": "held"}),
        ("CERTIFICATIONS\nCOC-A, AAPC", {"COC-A": "apprentice"}),
        ("CERTIFICATIONS\nCPC-I, AAPC Approved Instructor", {"CPC-I": "held"}),
        # spelled out, with and without the acronym
        ("CERTIFICATIONS\nCertified Professional Coder (CPC)", {"CPC": "held"}),
        ("CERTIFICATIONS\nCertified Professional Coder Apprentice, AAPC", {"CPC-A": "apprentice"}),
        ("CERTIFICATIONS\nRegistered Health Information Technician", {"RHIT": "held"}),
        ("CERTIFICATIONS\nCertified Documentation Improvement Practitioner", {"CDIP": "held"}),
        # after the name
        ("Jane Doe, RHIT, CCS\nInpatient Coder", {"RHIT": "held", "CCS": "held"}),
        ("JANE DOE, CPC, CRC, CPMA\nAuditor", {"CPC": "held", "CRC": "held", "CPMA": "held"}),
        # status cues
        ("CERTIFICATIONS\nRHIT - exam scheduled January 2027", {"RHIT": "in_progress"}),
        ("CERTIFICATIONS\nCRC (in progress)", {"CRC": "in_progress"}),
        ("CERTIFICATIONS\nCurrently studying for the CCS", {"CCS": "in_progress"}),
        ("CERTIFICATIONS\nCPMA (AAPC) - lapsed 2023", {"CPMA": "lapsed"}),
        ("CERTIFICATIONS\nCCS, AHIMA (inactive since 2019)", {"CCS": "lapsed"}),
        (
            "CERTIFICATIONS\nCPC, AAPC, 2022\nCPC-A, AAPC, 2020 (removed 2022)",
            {"CPC": "held", "CPC-A": "mentioned"},
        ),
        ("CERTIFICATIONS\nCPC, AAPC\nCPC-A, AAPC", {"CPC": "held", "CPC-A": "mentioned"}),
        (
            "OBJECTIVE\nSeeking an inpatient role that will require the CCS within a year.",
            {"CCS": "mentioned"},
        ),
        (
            "SUMMARY\nCoder with CPC and CPB; CPPM exam scheduled for 2027.",
            {"CPC": "held", "CPB": "held", "CPPM": "in_progress"},
        ),
        # cues before a credential belong to it, cues after to the one before them
        ("CERTIFICATIONS\nCOC (formerly CPC-H), AAPC", {"COC": "held", "CPC-H": "mentioned"}),
        ("SUMMARY\nCPC-certified coder pursuing the CRC", {"CPC": "held", "CRC": "in_progress"}),
        ("CERTIFICATIONS\nCPC® (AAPC ID 01234567)", {"CPC": "held"}),
        ("CERTIFICATIONS\nCPC/CRC/CPMA", {"CPC": "held", "CRC": "held", "CPMA": "held"}),
        ("CERTIFICATIONS\nRHIT, CCS (exp. 12/2026)", {"RHIT": "held", "CCS": "held"}),
        # one mention held, another scheduled: held wins over a bare mention, cue applies per clause
        ("CERTIFICATIONS\nCPC (AAPC); CRC - exam scheduled", {"CPC": "held", "CRC": "in_progress"}),
    ],
)
def test_credential_status(findings_from, text, expected):
    assert creds(findings_from(text)) == expected


@pytest.mark.parametrize(
    "text, absent",
    [
        ("EXPERIENCE\nMember, Clinical Practice Council (CPC), 2022-present", "CPC"),
        ("EXPERIENCE\nAdded CRC-32 checksums to the telemetry protocol", "CRC"),
        ("EXPERIENCE\nCoded CRC screening colonoscopies and G0105/G0121", "CRC"),
        ("SUMMARY\nICU nurse, certified in infection prevention (CIC), APIC member", "CIC"),
        ("EXPERIENCE\nBilling Specialist | Eastside CHC, Detroit, MI | 2020 - 2022", "CHC"),
        ("EXPERIENCE\nCoder | Riverside Community Health Center (CHC), Flint, MI", "CHC"),
        ("SKILLS\nCPC bids and Google Ads campaigns", "CPC"),
        ("EDUCATION\nSpeech-language pathology, CCC-SLP", "CCC"),
    ],
)
def test_acronym_traps(findings_from, text, absent):
    assert absent not in creds(findings_from(text))


def test_credentials_carry_evidence(findings_from):
    f = findings_from("Jane Doe\nCERTIFICATIONS\nCPC - Certified Professional Coder (AAPC)")
    cpc = next(c for c in f.credentials if c.id == "CPC")
    assert cpc.body == "AAPC"
    line_texts = {e.text for e in cpc.evidence}
    assert line_texts <= {"CPC", "Certified Professional Coder"}
    for e in cpc.evidence:
        assert e.rule == "credentials.CPC" and e.explanation and e.end > e.start
