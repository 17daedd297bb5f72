"""Positions, date formats, coding-related classification, merged years."""

from datetime import date

import pytest

from analyzer.rules.dates import find_spans, merged_years


@pytest.mark.parametrize(
    "text, start, end, current",
    [
        ("Jan 2019 – Present", date(2019, 1, 1), date(2026, 11, 26), True),
        ("January 2023 - current", date(2023, 1, 1), date(2026, 11, 26), True),
        ("03/2018 - 06/2021", date(2018, 3, 1), date(2021, 6, 30), False),
        ("2016–2019", date(2016, 7, 1), date(2019, 6, 30), False),
        ("2021 - current", date(2021, 7, 1), date(2026, 11, 26), True),
        ("Summer 2025", date(2025, 6, 1), date(2025, 8, 31), False),
        ("Sept 2020 to Feb 2021", date(2020, 9, 1), date(2021, 2, 28), False),
        ("Oct 2024 — Current", date(2024, 10, 1), date(2026, 11, 26), True),
    ],
)
def test_date_spans(text, start, end, current):
    span = find_spans(text, date(2026, 11, 26))[0]
    assert (span.start, span.end, span.current) == (start, end, current)


def test_merged_years_counts_overlap_once():
    spans = [(date(2020, 1, 1), date(2022, 12, 31)), (date(2021, 6, 1), date(2021, 12, 31))]
    assert merged_years(spans) == 3.0


RESUME = """Sam Coder
EXPERIENCE
Coding Specialist | Acme Health, Boise, ID | Jan 2022 - Present
  - Code outpatient encounters
Freelance Coder (contract) | Remote | Jun 2023 - Dec 2023
  - Coded weekend backlog
Medical Billing Assistant | Boise Billing Co | Mar 2020 - Dec 2021
  - Entered charges and posted payments
Coding Extern (unpaid) | City Clinic | Summer 2021
  - Abstracted diagnoses
Cashier | Big Box Store | 2016 - 2019
  - Ran the register
"""


def test_positions_and_years(findings_from):
    exp = findings_from(RESUME).experience
    related = {p.title: (p.coding_related, p.counted) for p in exp.positions}
    assert related == {
        "Coding Specialist": (True, True),
        "Freelance Coder": (True, True),
        "Medical Billing Assistant": (False, False),
        "Coding Extern": (True, False),  # coding work, but unpaid: not counted in years
        "Cashier": (False, False),
    }
    assert exp.years == pytest.approx(
        4.9, abs=0.05
    )  # Jan 2022 - Nov 26 2026, the contract inside it
    first = exp.positions[0]
    assert (first.employer, first.start, first.end, first.current) == (
        "Acme Health",
        "2022-01",
        None,
        True,
    )


def test_as_of_changes_present(findings_from):
    early = findings_from(RESUME, as_of=date(2024, 1, 1)).experience.years
    assert early == pytest.approx(2.0, abs=0.05)


# Issue 11, class 1: date forms real resumes use (each end worked out by hand to 2026-11-26).
NOW = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text, start, end, current",
    [
        ("4/2018 – Current", date(2018, 4, 1), NOW, True),
        ("Sept. '19 – today", date(2019, 9, 1), NOW, True),
        ("Oct. 2013 - Sep. 2016", date(2013, 10, 1), date(2016, 9, 30), False),
        ("7/16 – 2/20", date(2016, 7, 1), date(2020, 2, 29), False),
        ("2015 through 2018", date(2015, 7, 1), date(2018, 6, 30), False),
        ("May'23 – ongoing", date(2023, 5, 1), NOW, True),
        ("Jan-2019 to Mar-2021", date(2019, 1, 1), date(2021, 3, 31), False),
        ("2019-03 – 2021-06", date(2019, 3, 1), date(2021, 6, 30), False),
        ("03/15/2018 - 06/30/2021", date(2018, 3, 1), date(2021, 6, 30), False),
        ("Fall '22 - Spring '23", date(2022, 9, 1), date(2023, 5, 31), False),
        ("Harbor Clinic | October 2013 | to | Current", date(2013, 10, 1), NOW, True),
        ("Coder (2013-2018)", date(2013, 7, 1), date(2018, 6, 30), False),
        # Every word for "still there".
        ("Jan 2020 to Date", date(2020, 1, 1), NOW, True),
        ("Feb 2022 - still employed", date(2022, 2, 1), NOW, True),
        ("Nov 2021 – still here", date(2021, 11, 1), NOW, True),
        ("June 2024 – continuing", date(2024, 6, 1), NOW, True),
        ("March 2020 - present day", date(2020, 3, 1), NOW, True),
        # Open-ended starts.
        ("Starting 2021", date(2021, 7, 1), NOW, True),
        ("Since March 2020", date(2020, 3, 1), NOW, True),
        ("Coder II · Lakeside Clinic · 2021 –", date(2021, 7, 1), NOW, True),
        ("Lead Coder (2018 onward)", date(2018, 7, 1), NOW, True),
        ("Spring 2024", date(2024, 3, 1), date(2024, 5, 31), False),
    ],
)
def test_date_forms(text, start, end, current):
    span = find_spans(text, NOW)[0]
    assert (span.start, span.end, span.current) == (start, end, current)


@pytest.mark.parametrize(
    "text",
    ["Coded 120 charts a day", "CMS-1500 and UB-04 claim forms", "Call 918-555-2015", "ICD-10 codes"],
)
def test_no_dates(text):
    assert find_spans(text, NOW) == []


JOBS_UNDER_SUMMARY = """Pat Lee
SUMMARY
Certified coder who moved over from patient registration.
Where I work now
Outpatient Coder, Red Rock Clinic (Tucson, AZ)
8/2021 – Current
I code office visits and minor procedures for six providers.
Before that
Patient Registration Clerk, Desert Valley Hospital, 2017 – 2021
I registered ED patients and verified insurance.
EDUCATION
Medical Coding Certificate, Pima College, 2021
"""


def test_jobs_written_under_a_summary_heading(findings_from):
    exp = findings_from(JOBS_UNDER_SUMMARY).experience
    assert [(p.title, p.coding_related, p.current) for p in exp.positions] == [
        ("Outpatient Coder", True, True),
        ("Patient Registration Clerk", False, False),
    ]
    assert exp.years == pytest.approx(5.32, abs=0.06)  # Aug 1 2021 - Nov 26 2026
