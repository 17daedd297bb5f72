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


# Eligible is neither in progress nor held: the person may sit for the exam, nothing is under
# way. A real in-progress word beside it still makes it in progress.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("SUMMARY\nHIT student, eligible for the RHIT exam once I graduate in May.", {"RHIT": "mentioned"}),
        ("CERTIFICATIONS\nCDIP eligible", {"CDIP": "mentioned"}),
        ("CERTIFICATIONS\nCPC (AAPC), 2021\nCDIP eligible (AHIMA)", {"CPC": "held", "CDIP": "mentioned"}),
        ("SUMMARY\nOutpatient coder, eligible to sit for the CCS in 2027.", {"CCS": "mentioned"}),
        ("CERTIFICATIONS\nEligible to sit for the RHIT", {"RHIT": "mentioned"}),
        ("SUMMARY\nProfessional-fee coder who meets eligibility requirements for CPMA.", {"CPMA": "mentioned"}),
        ("CERTIFICATIONS\nRHIA - eligible", {"RHIA": "mentioned"}),
        ("CERTIFICATIONS\nCCS (AHIMA) - exam eligible 01/2027", {"CCS": "mentioned"}),
        ("CERTIFICATIONS\nEligible for: CCS, CDIP", {"CCS": "mentioned", "CDIP": "mentioned"}),
        ("SUMMARY\nInpatient coder; CCS and CDIP eligible.", {"CCS": "mentioned", "CDIP": "mentioned"}),
        (
            "EXPERIENCE\nRisk Adjustment Coder | Plan | 2023 - Present\n"
            "- Became eligible for the CRC after two years of HCC coding",
            {"CRC": "mentioned"},
        ),
        # ... while real in-progress wording stays in progress.
        ("CERTIFICATIONS\nCCS - exam scheduled for February 2027", {"CCS": "in_progress"}),
        ("CERTIFICATIONS\nSitting for the CCS in January", {"CCS": "in_progress"}),
        ("EDUCATION\nStudying for the CPC", {"CPC": "in_progress"}),
        ("CERTIFICATIONS\nCRC expected 2027", {"CRC": "in_progress"}),
        ("CERTIFICATIONS\nRHIT candidate", {"RHIT": "in_progress"}),
        ("CERTIFICATIONS\nRHIA - eligible; exam scheduled January 2027", {"RHIA": "in_progress"}),
        ("CERTIFICATIONS\nCCS eligible, exam scheduled for March 2027", {"CCS": "in_progress"}),
        ("SUMMARY\nEligible for the CDIP and registered for the exam in March 2027.", {"CDIP": "in_progress"}),
        ("SUMMARY\nGraduating with an HIM degree in May; RHIA eligible upon graduation.", {"RHIA": "mentioned"}),
        ("CERTIFICATIONS\nEligible for CPC exam (AAPC) - not yet scheduled", {"CPC": "mentioned"}),
        # An apprentice designation's eligibility is for its removal: the designation is held.
        ("CERTIFICATIONS\nCPC-A (AAPC) - eligible for apprentice removal in 2027", {"CPC-A": "apprentice"}),
    ],
)
def test_eligible_is_only_mentioned(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected


# The full credential named beside the apprentice designation the person holds is its next
# step (a requirement, a plan), not a second credential; a real holder's old CPC-A stays former.
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "CERTIFICATIONS\nCPC-A (AAPC, 2025) - my practice requires a full CPC within two years",
            {"CPC-A": "apprentice", "CPC": "mentioned"},
        ),
        (
            "SUMMARY\nHold CPC-A; working toward removing the apprentice designation to CPC.",
            {"CPC-A": "apprentice", "CPC": "in_progress"},
        ),
        ("CERTIFICATIONS\nCPC-A - upgrade to CPC once I log two years of coding", {"CPC-A": "apprentice", "CPC": "mentioned"}),
        ("CERTIFICATIONS\nCPC-A (2023) with the full CPC to follow after two years of work", {"CPC-A": "apprentice", "CPC": "mentioned"}),
        (
            "CERTIFICATIONS\nCOC-A (AAPC), 2024; full COC needed for the facility coder role",
            {"COC-A": "apprentice", "COC": "mentioned"},
        ),
        (
            "EXPERIENCE\nCoder I | Clinic | 2025 - Present\n- Hired as a CPC-A; my employer requires the CPC by 2027",
            {"CPC-A": "apprentice", "CPC": "in_progress"},
        ),
        # The reverse: a CPC holder who also lists the CPC-A they once had.
        ("CERTIFICATIONS\nCPC (AAPC), 2021\nCPC-A (AAPC), 2019", {"CPC": "held", "CPC-A": "mentioned"}),
        ("CERTIFICATIONS\nCPC, 2022 (apprentice designation removed; CPC-A 2020)", {"CPC": "held", "CPC-A": "mentioned"}),
        ("CERTIFICATIONS\nCPC-A (2019), CPC (2021)", {"CPC-A": "mentioned", "CPC": "held"}),
        ("CERTIFICATIONS\nCPC-A 2019, upgraded to CPC 2021", {"CPC-A": "mentioned", "CPC": "held"}),
        ("SUMMARY\nEarned the CPC-A in 2019 and the full CPC in 2021.", {"CPC-A": "mentioned", "CPC": "held"}),
        ("CERTIFICATIONS\nCPC (formerly CPC-A), AAPC", {"CPC": "held", "CPC-A": "mentioned"}),
        ("CERTIFICATIONS\nCPC 2023 (CPC-A 2021, apprentice status removed 2023)", {"CPC": "held", "CPC-A": "mentioned"}),
        ("CERTIFICATIONS\nCPC-A → CPC (2022)", {"CPC-A": "mentioned", "CPC": "held"}),
    ],
)
def test_the_full_credential_beside_its_apprentice_designation(findings_from, text, expected):
    assert creds(findings_from(text)) == expected


def test_a_requirement_beside_an_apprentice_designation_is_no_credibility_finding(report_from):
    report = report_from(
        "Pat Lee\nCERTIFICATIONS\nCPC-A (AAPC, 2025) - my practice requires a full CPC within two years"
    )
    assert "apprentice_and_full" not in {f.id for f in report.credibility}


# A credential said of other people (students, staff, a team) is theirs, not the candidate's,
# unless the candidate holds it elsewhere in the resume.
_JOB = "EXPERIENCE\nCoding Manager | Valley Health | 2018 - Present\n- "


@pytest.mark.parametrize(
    "text, expected",
    [
        (_JOB + "Raised my students' CCA pass rate to 88%", {"CCA": "mentioned"}),
        (_JOB + "Prepared 30 coders for the CPC exam (27 passed)", {"CPC": "mentioned"}),
        (_JOB + "Supervised our team's CRC-certified coders", {"CRC": "mentioned"}),
        (_JOB + "Mentored staff toward RHIT", {"RHIT": "mentioned"}),
        (_JOB + "Led a team of 12 CCS coders", {"CCS": "mentioned"}),
        (_JOB + "Hired and onboarded 4 CPC-A apprentices", {"CPC-A": "mentioned"}),
        (_JOB + "Helped 8 employees earn their CRC", {"CRC": "mentioned"}),
        (_JOB + "Managed 15 certified coders (CCS, CPC, RHIT)", {"CCS": "mentioned", "CPC": "mentioned", "RHIT": "mentioned"}),
        (_JOB + "Currently preparing 12 students for the CCS exam", {"CCS": "mentioned"}),
        ("SUMMARY\nEducator whose students earned the CPC at a 92% first-attempt rate.", {"CPC": "mentioned"}),
        (
            "SUMMARY\nCPC-I who has trained 200+ students for the CPC and CCS exams.",
            {"CPC-I": "held", "CPC": "mentioned", "CCS": "mentioned"},
        ),
        (
            "SUMMARY\nRHIA and manager of 14 RHIT and CCS credentialed staff.",
            {"RHIA": "held", "RHIT": "mentioned", "CCS": "mentioned"},
        ),
        (_JOB + "Oversaw 9 coders, all holding the CCS or CIC", {"CCS": "mentioned", "CIC": "mentioned"}),
        (_JOB + "Taught 4 cohorts of students preparing for the CCA and CPC exams", {"CCA": "mentioned", "CPC": "mentioned"}),
        (_JOB + "Increased the department's CPC certification rate from 40% to 75%", {"CPC": "mentioned"}),
        # Held elsewhere in the resume: stays held.
        (
            "CERTIFICATIONS\nCPC (AAPC)\n" + _JOB + "Coached 6 coders through the CPC exam; all passed",
            {"CPC": "held"},
        ),
        ("CERTIFICATIONS\nCCS, RHIT\n" + _JOB + "Mentored staff toward RHIT", {"CCS": "held", "RHIT": "held"}),
        # The candidate's own, in similar words.
        ("SUMMARY\nCPC-certified coder who mentors new coders.", {"CPC": "held"}),
        ("SUMMARY\nCPC with 6 years of coding; mentor to new coders.", {"CPC": "held"}),
        ("SUMMARY\nStaff Coder (CPC) supporting 12 physicians", {"CPC": "held"}),
        ("SUMMARY\nTrained coders on E/M leveling as a CPC-certified lead.", {"CPC": "held"}),
        (_JOB + "Earned my CRC in 2021 while training 3 new coders", {"CRC": "held"}),
        ("SUMMARY\nSitting for the CRC exam in March while mentoring two new coders.", {"CRC": "in_progress"}),
        (_JOB + "Promoted to lead over 6 coders after I earned the CCS", {"CCS": "held"}),
        (_JOB + "Trained 12 new coders and earned my CRC", {"CRC": "held"}),
        (_JOB + "Supervised 5 coders while holding the CPC and CRC", {"CPC": "held", "CRC": "held"}),
        ("SUMMARY\nCPC-certified coding lead; I help new hires earn their CPC.", {"CPC": "held"}),
    ],
)
def test_other_peoples_credentials_are_only_mentioned(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected


# Whole resumes, each class in a summary, a certifications section and a bullet, in every format.
ELIGIBLE = [
    "Jo Marsh",
    "jo.marsh@example.com",
    "# Summary",
    "Recent HIT graduate and outpatient coder, eligible to sit for the RHIT exam in 2027.",
    "# Experience",
    "Risk Adjustment Coder | Prairie Health Plan | 2024 - Present",
    "- Code 40 risk adjustment charts a day; became eligible for the CRC after two years of HCC coding",
    "# Certifications",
    "CCA (AHIMA), 2024",
    "CCS eligible (AHIMA)",
]
APPRENTICE = [
    "Lee Ortiz",
    "lee.ortiz@example.com",
    "# Summary",
    "Apprentice coder (CPC-A) at a practice that requires the full CPC within two years of hire.",
    "# Experience",
    "Coder I | Maple Family Practice | 2025 - Present",
    "- Code 50 office visits a day as a CPC-A, every chart reviewed by a senior coder",
    "# Certifications",
    "CPC-A (AAPC, 2025) - my practice requires a full CPC within two years",
]
EDUCATOR = [
    "Dana Cole",
    "dana.cole@example.com",
    "# Summary",
    "Coding educator and manager of 14 RHIT and CCS credentialed staff.",
    "# Experience",
    "Coding Education Manager | Lakeside Health | 2016 - Present",
    "- Raised my students' CCA pass rate to 88%",
    "- Prepared 30 coders for the CPC exam (27 passed)",
    "- Supervised our team's CRC-certified coders",
    "# Certifications",
    "CPC, CPC-I (AAPC)",
]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(
    "lines, expected",
    [
        (ELIGIBLE, {"CCA": "held", "RHIT": "mentioned", "CRC": "mentioned", "CCS": "mentioned"}),
        (APPRENTICE, {"CPC-A": "apprentice", "CPC": "mentioned"}),
        (
            EDUCATOR,
            {"RHIT": "mentioned", "CCS": "mentioned", "CCA": "mentioned", "CPC": "held", "CRC": "mentioned", "CPC-I": "held"},
        ),
    ],
    ids=["eligible", "apprentice", "educator"],
)
def test_whose_credential_in_every_format(analyzer, fmt, lines, expected):
    from tests.conftest import AS_OF
    from tests.fixtures.plain import read

    report = analyzer.analyze_document(read(analyzer, lines, fmt), AS_OF)
    assert statuses(report, expected) == expected
    assert "apprentice_and_full" not in {f.id for f in report.credibility}


# The candidate saying they do not hold it, in any section, before or after it.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("CERTIFICATION\nCoding roles I applied for require the CPC, which I do not hold",
         {"CPC": "mentioned"}),
        ("SUMMARY\nThe CCS, which I don't have yet, is what inpatient roles ask for",
         {"CCS": "mentioned"}),
        ("CERTIFICATIONS\nMost coding jobs ask for a CPC; I have not earned one", {"CPC": "mentioned"}),
        ("CERTIFICATIONS\nRHIT, CCS; I have not earned the CPMA",
         {"RHIT": "held", "CCS": "held", "CPMA": "mentioned"}),
        # ... a negation about something else stays the candidate's credential
        ("CERTIFICATIONS\nCPC, 2019 - I have not missed a CEU deadline", {"CPC": "held"}),
        ("CERTIFICATIONS\nCRC (AAPC) - never lapsed since 2018", {"CRC": "held"}),
    ],
)  # fmt: skip
def test_said_not_to_be_held(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EDUCATION\nAAPC CPC Online Preparation Course, 2025", {"CPC": "mentioned"}),
        ("TRAINING\nCCS Self-Paced Exam Review (AHIMA), 2024", {"CCS": "mentioned"}),
        ("CERTIFICATIONS\nCPC (AAPC), 2021 - online exam passed first try", {"CPC": "held"}),
    ],
)  # fmt: skip
def test_a_course_named_after_a_credential(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a group before the candidate's own verb: the credential is still the candidate's
        ("EXPERIENCE\nCoding Supervisor | Valley Hospital | 2016 - Present\n"
         "- Supervised 12 coders and earned the CPMA in 2022", {"CPMA": "held"}),
        ("EXPERIENCE\nCoding Supervisor | Valley Hospital | 2016 - Present\n"
         "- Mentored new coders while studying for the CRC", {"CRC": "in_progress"}),
        # "Unit" is no negation of a lapse
        ("CERTIFICATIONS\nCCS - Cardiology Unit, lapsed 2020", {"CCS": "lapsed"}),
    ],
)  # fmt: skip
def test_review_cases_of_whose_and_negation(findings_from, text, expected):
    assert statuses(findings_from(text), expected) == expected
