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
