"""Credential status in the wordings real resumes use (issue 11, class 4). Each case is a small
resume; ``findings_from`` prefixes a name line ("Pat Lee")."""

from __future__ import annotations

import pytest


def creds(findings) -> dict[str, str]:
    return {c.id: c.status for c in findings.credentials}


def statuses(findings, expected: dict[str, str]) -> dict[str, str]:
    """The credentials found; an expected "mentioned" (not the candidate's) also accepts the
    acronym not being reported at all."""
    found = creds(findings)
    for cid, status in expected.items():
        if status == "mentioned" and cid not in found:
            found[cid] = "mentioned"
    return found


@pytest.mark.parametrize(
    "text, expected",
    [
        # An exam or a course named after a credential is not the credential held.
        ("SUMMARY\nCoder who cleared the CCS exam last month.", {"CCS": "mentioned"}),
        ("EDUCATION\nAAPC CRC boot camp, 2025", {"CRC": "mentioned"}),
        ("EDUCATION\nCCS review class, Tulsa Community College", {"CCS": "mentioned"}),
        ("EDUCATION\nCompleted a CPC prep course (80 hours)", {"CPC": "mentioned"}),
        ("CERTIFICATIONS\nCPC (AAPC)\nEDUCATION\nCPMA practice exam, 2025", {"CPC": "held", "CPMA": "mentioned"}),
        # ... but a course with an in-progress cue is in progress.
        ("EDUCATION\nCRC boot camp; exam scheduled for March 2027", {"CRC": "in_progress"}),
        # A status word qualifies its own credential, not everything after it on the line.
        ("CERTIFICATIONS\nCRC (expected 2027), CPC, CCS", {"CRC": "in_progress", "CPC": "held", "CCS": "held"}),
        ("CERTIFICATIONS\nCCS lapsed in 2019; RHIT active", {"CCS": "lapsed", "RHIT": "held"}),
        ("SUMMARY\nCPC-certified coder seeking a remote role", {"CPC": "held"}),
        ("SUMMARY\nCertified coder (CPC) since 2018. Plan to earn the CRC next year.", {"CPC": "held", "CRC": "mentioned"}),
        ("CERTIFICATIONS\nCPC (2018); expected to complete CRC in 2027", {"CPC": "held", "CRC": "in_progress"}),
        # ... and reaches a list joined by "and" in its clause.
        ("CERTIFICATIONS\nPursuing CRC and CPMA; hold CPC", {"CRC": "in_progress", "CPMA": "in_progress", "CPC": "held"}),
        ("CERTIFICATIONS\nCPC, AAPC\nCRC and CPMA exams scheduled for 2027", {"CPC": "held", "CRC": "in_progress", "CPMA": "in_progress"}),
        # In progress, in other words.
        ("CERTIFICATIONS\nCCS - sitting for the exam in March", {"CCS": "in_progress"}),
        ("CERTIFICATIONS\nRHIT | test date set", {"RHIT": "in_progress"}),
        ("CERTIFICATIONS\nRegistered for the CRC exam", {"CRC": "in_progress"}),
        ("CERTIFICATIONS\nRHIA - registered for the exam", {"RHIA": "in_progress"}),
        ("CERTIFICATIONS\nEligible to sit for the RHIT", {"RHIT": "in_progress"}),
        ("CERTIFICATIONS\nCCS, expected 03/2027", {"CCS": "in_progress"}),
        ("CERTIFICATIONS\nCPC (AAPC) 2019\nCDIP (AHIMA) 01/2027", {"CPC": "held", "CDIP": "in_progress"}),
        ("CERTIFICATIONS\nCOC, AAPC, June 2027", {"COC": "in_progress"}),
        # Lapsed.
        ("CERTIFICATIONS\nCPC - lapsed in 2019", {"CPC": "lapsed"}),
        ("CERTIFICATIONS\nRHIT (expired)", {"RHIT": "lapsed"}),
        ("CERTIFICATIONS\nCCS, no longer active", {"CCS": "lapsed"}),
        # Held after the person's name, however the top of the page is laid out.
        ("CERTIFICATIONS\nCPC", {"CPC": "held"}),
    ],
)
def test_credential_status_wordings(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected


@pytest.mark.parametrize(
    "head",
    [
        "Morgan Lee, CCA, CPC",
        "MORGAN LEE, CCA, CPC",
        "Morgan Lee | CCA | CPC",
        "Morgan Lee, CCA, CPC\nmorgan.lee@example.com | (555) 201-3344 | Tulsa, OK",
    ],
)
def test_held_after_the_name(analyzer, doc_from, head):
    from tests.conftest import AS_OF

    text = "RESUME\n" + head + "\nSUMMARY\nOutpatient coder.\nEXPERIENCE\nCoder | Clinic | 2022 - Present"
    found = analyzer.engine.extract(doc_from(text), AS_OF)
    assert creds(found) == {"CCA": "held", "CPC": "held"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # A cue that leads into the next credential is not said of the one before it.
        (
            "SUMMARY\nI hold the AHIMA CCA, and I am sitting for the CPC exam in March.",
            {"CCA": "held", "CPC": "in_progress"},
        ),
        ("SUMMARY\nCertified as a CCS, and now preparing for the CDIP", {"CCS": "held", "CDIP": "in_progress"}),
        # Said not to be held.
        (
            "EXPERIENCE\nTaught the AAPC CRC review class, although I do not hold the CRC myself.",
            {"CRC": "mentioned"},
        ),
        ("SUMMARY\nCoder, not yet certified; CPC exam booked", {"CPC": "in_progress"}),
    ],
)
def test_status_belongs_to_its_own_credential(findings_from, text, expected):
    assert creds(findings_from(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A status written as a label names what follows it.
        ("SUMMARY\nPro-fee coder | CPC | Lapsed: CCS-P (2018)", {"CPC": "held", "CCS-P": "lapsed"}),
        ("CERTIFICATIONS\nIn progress: CRC; CPC (AAPC)", {"CRC": "in_progress", "CPC": "held"}),
        # A lapse said further on in the clause.
        ("CERTIFICATIONS\nCCA 2013, dropped after the CCS in 2016", {"CCA": "lapsed", "CCS": "held"}),
        # A negated plan is not in progress.
        ("EDUCATION\nNot planning to sit for the CCS until 2028", {"CCS": "mentioned"}),
    ],
)
def test_labels_lapses_and_negations(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected
