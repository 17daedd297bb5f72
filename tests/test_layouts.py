"""Experience layouts real resumes show (issue 11, class 1), each built as TXT, DOCX and PDF.

Years are worked out by hand to the test date (2026-11-26): month starts are the 1st, open ends
run to the test date, year-only starts are read as July 1st (design.md).
"""

from __future__ import annotations

import pytest

from tests.fixtures.plain import BUILDERS, findings_in_every_format

HEAD = ["Jordan Ellis", "jordan.ellis@example.com | (918) 555-0100"]

LAYOUTS = {
    # Title line, a date range broken over three lines, "Company Name City , State", prose duties.
    "title-split-dates-company-prose": (
        [
            "# Summary",
            "Health information professional with records, scanning and release of information work.",
            "# Experience",
            "HIM Specialist",
            "October 2013",
            "to",
            "Current",
            "Company Name City , State",
            "Scan, index and quality check documents into the electronic health record.",
            "Process release of information requests from attorneys and insurers.",
            "Patient Access Representative",
            "June 2010 to September 2013",
            "Company Name City , State",
            "Registered patients and verified insurance eligibility at check-in.",
            "Collected copays and scheduled follow-up visits.",
            "# Education",
            "Associate of Applied Science : Health Information Technology , 2012",
        ],
        [("HIM Specialist", True), ("Patient Access Representative", False)],
        13.16,
    ),
    # Title line, a date line, an employer line; short duties without bullets or periods.
    "title-date-employer": (
        [
            "# Work History",
            "Coding Specialist",
            "4/2018 \u2013 Current",
            "Lakeside Regional Hospital Tulsa , OK",
            "Assigned ICD-10-CM and CPT codes to emergency department visits",
            "Abstracted records for the state registry",
            "Led the 2019 - 2020 upgrade of the encoder for all coders",
            "AR Follow-Up Specialist",
            "7/14 \u2013 3/18",
            "Prairie Billing Group Tulsa , OK",
            "Called payers on unpaid claims and worked denials",
            "Posted payments and adjustments",
        ],
        [("Coding Specialist", True), ("AR Follow-Up Specialist", False)],
        8.66,
    ),
    # Employer first, then "Title | dates".
    "employer-first": (
        [
            "# Professional Experience",
            "Mercy Clinic \u2014 Wichita, KS",
            "Coder II | Sept. '19 \u2013 today",
            "- Code 60 clinic visits per day",
            "Northfield Health \u2014 Salina, KS",
            "Claims Processor | 2015 through 2018",
            "- Adjudicated claims using CPT and ICD-10 codes",
        ],
        [("Coder II", True), ("Claims Processor", False)],
        7.24,
    ),
    # Every field on one line, joined by middle dots.
    "delimited": (
        [
            "# Experience",
            "Coder II \u00b7 Lakeside Clinic \u00b7 Tulsa, OK \u00b7 May'23 \u2013 ongoing",
            "- Coded E/M visits for four family physicians",
            "File Clerk \u00b7 Tulsa Records Center \u00b7 Tulsa, OK \u00b7 2019 - 2023",
            "- Filed and scanned paper charts",
        ],
        [("Coder II", True), ("File Clerk", False)],
        3.58,
    ),
    # Dates first, then title and employer.
    "date-first": (
        [
            "# Employment",
            "Starting 2021",
            "Medical Coder",
            "Riverbend Orthopedics, Boise, ID",
            "Coded orthopedic surgery and fracture care from operative notes.",
            "Spring 2020",
            "Coding Extern (unpaid)",
            "Boise Valley Clinic",
            "Abstracted diagnoses for outpatient visits.",
        ],
        [("Medical Coder", True), ("Coding Extern", True)],
        5.41,
    ),
    # Employer and dates (table cells joined by bars), then titles with their own sub-ranges.
    "employer-dates-then-promotions": (
        [
            "# Experience",
            "Harbor Medical Group, Tacoma WA | March 2012 | to | Current",
            "Coding Supervisor (2020 onward); Coder (2012-2020)",
            "- Oversee six coders across three clinics",
            "Tacoma Grocers | 2008 - 2012",
            "Cashier",
            "- Ran the register",
        ],
        [("Coding Supervisor", True), ("Cashier", False)],
        14.74,
    ),
    # Dates first, then "Title Company Name - City , State" run together (no separator).
    "date-then-run-on-title": (
        [
            "# Experience",
            "01/2015 to Current",
            "Coding Specialist II Company Name \uff0d City , State",
            "Assign ICD-10-CM and CPT codes to outpatient surgery and clinic encounters.",
            "Query physicians when documentation does not support the level billed.",
            "06/2012 to 12/2014",
            "Patient Account Representative Company Name \uff0d City , State",
            "Answered patient billing questions and set up payment plans.",
        ],
        [("Coding Specialist II", True), ("Patient Account Representative", False)],
        11.9,
    ),
    # Employer, place, title and dates on one line, no separators but the template's " , ".
    "employer-place-title-dates": (
        [
            "# Professional Experience",
            "Company Name City , State Medical Coder 01/2016 to Current",
            "Review physician documentation and assign ICD-10-CM and CPT codes for clinic visits.",
            "Company Name City , State Front Desk Receptionist 03/2011 to 12/2015",
            "Checked in patients and collected copays.",
        ],
        [("Medical Coder", True), ("Front Desk Receptionist", False)],
        10.9,
    ),
}


@pytest.fixture(scope="module")
def built(analyzer):
    return findings_in_every_format(analyzer, {k: HEAD + v[0] for k, v in LAYOUTS.items()})


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_positions_and_years(built, layout, fmt):
    _, positions, years = LAYOUTS[layout]
    exp = built[layout, fmt].experience
    assert [(p.title, p.coding_related) for p in exp.positions] == positions
    assert exp.years == pytest.approx(years, abs=0.11)


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_duty_sentences_are_never_titles(built, fmt):
    for layout in LAYOUTS:
        for p in built[layout, fmt].experience.positions:
            assert len(p.title.split()) < 8 and not p.title.endswith(".")


def test_employer_is_the_name_without_the_place(built):
    exp = built["date-then-run-on-title", "pdf"].experience
    assert [p.employer for p in exp.positions] == ["Company Name", "Company Name"]
    exp = built["employer-first", "txt"].experience
    assert [p.employer for p in exp.positions] == ["Mercy Clinic", "Northfield Health"]
    exp = built["title-date-employer", "txt"].experience
    assert [p.employer for p in exp.positions] == [
        "Lakeside Regional Hospital",
        "Prairie Billing Group",
    ]
