"""Specialties and settings the person coded in (issue 11, class 7): not claim, report or patient
types, not settings of non-coding jobs, not training or education context; synonyms."""

from __future__ import annotations

import pytest


def specs(findings) -> list[str]:
    return sorted(s.id for s in findings.specialties)


CODER = "EXPERIENCE\nMedical Coder | Valley Health | 2020 - Present\n"

CASES = [
    # Settings the person coded in.
    (CODER + "- Coded cardiology and orthopedic surgery encounters", ["cardiology", "orthopedics"]),
    (CODER + "- Abstracted inpatient records for the tumor registry", ["inpatient"]),
    # Synonyms.
    (CODER + "- Code day surgery cases for the hospital's surgery center", ["ambulatory surgery"]),
    (CODER + "- Coded labor and delivery charts", ["obstetrics and gynecology"]),
    (CODER + "- Coded radiology and emergency charts; mostly the professional component", ["emergency medicine", "professional fee", "radiology"]),
    # Claim, report or patient types are not settings.
    (CODER + "- Reviewed 60-page charts from long ICU stays for the registry", []),
    (CODER + "- Keyed charges for outpatient claims and mailed pediatric patient statements", []),
    # Settings of a job that is not coding work.
    (
        CODER + "- Coded clinic visits\nFront Desk Receptionist | Children's Clinic | 2016 - 2020\n"
        "- Checked in pediatric patients for the cardiology and dermatology offices",
        [],
    ),
    (
        CODER + "- Coded office visits\nRegistered Nurse | Mercy | 2010 - 2020\n"
        "- Cared for oncology and ICU patients",
        [],
    ),
    # Training and education context.
    (CODER + "- Coded visits\nEDUCATION\nCoursework in oncology and anesthesia coding", []),
    (CODER + "- Completed AAPC training in interventional radiology coding", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_specialties_are_settings_coded_in(findings_from, text, expected):
    assert specs(findings_from(text)) == expected
