"""Functional (skills-based) resumes whose dated history is a short list at the end, one line per
job, under "Work History", "Employment", "Career History" or "Positions Held" (a heading that may
carry a note or its own dates), or written inline after "Work History:"; each built as TXT, DOCX
and PDF. Years are worked out by hand to the test date (2026-11-26) as design.md counts them:
year-only ranges mid-year, overlaps once, unpaid externships and billing or retail jobs not at all.
"""

from __future__ import annotations

import pytest

from analyzer.parsing import read_bytes
from analyzer.parsing.raw import RawLine
from tests.conftest import AS_OF
from tests.fixtures.plain import BUILDERS, findings_in_every_format

# The skills-based body: skill areas under headings a resume reads as experience, no dates.
FUNCTIONAL = [
    "Dana Whitfield",
    "dana.whitfield@example.com | (614) 555-0188",
    "# Professional Summary",
    "Certified professional coder with outpatient surgery and orthopedic coding.",
    "# Coding Experience",
    "ICD-10-CM and CPT coding for orthopedic surgery",
    "Modifier 59 and NCCI edit review",
    "E/M leveling for office visits",
    "# Auditing Experience",
    "Pre-bill audits of surgical claims",
    "Provider education on operative note documentation",
    "# Certifications",
    "CPC, AAPC, 2017",
    "# Education",
    "A.A.S. Health Information Technology, Columbus State Community College, 2013 - 2015",
]

# (list lines, expected (title, employer, start, end, coding_related, counted), years)
LISTS = {
    "work-history-mixed-forms": (
        [
            "# Work History",
            "Medical Coder, Acme Orthopedics (2019-2021)",
            "2016 – 2019  Coding Intern, Lakeside Surgery Center, paid",
            "Billing Clerk | North Clinic | 06/2014 - 03/2016",
            "Outpatient Coder - Riverside Health - 2021 to present",
        ],
        [
            ("Medical Coder", "Acme Orthopedics", "2019-07", "2021-06", True, True),
            ("Coding Intern", "Lakeside Surgery Center", "2016-07", "2019-06", True, True),
            ("Billing Clerk", "North Clinic", "2014-06", "2016-03", False, False),
            ("Outpatient Coder", "Riverside Health", "2021-07", None, True, True),
        ],
        10.4,
    ),
    # A heading with its own dates; dates first on long lines (a hard-wrapped TXT must not join
    # them), out of order.
    "employment-heading-with-dates-dates-first": (
        [
            "# Employment History (2014 – Present)",
            "2021 – Present    Outpatient Coder, Riverside Health System, Columbus, OH",
            "2016 – 2019    Coding Intern (paid), Lakeside Surgery Center, Columbus, OH",
            "2014 – 2016    Patient Registration Clerk, North Clinic, Dublin, OH",
            "2019 – 2021    Medical Coder, Acme Orthopedics Group, Westerville, OH",
        ],
        [
            ("Outpatient Coder", "Riverside Health System", "2021-07", None, True, True),
            ("Coding Intern", "Lakeside Surgery Center", "2016-07", "2019-06", True, True),
            ("Patient Registration Clerk", "North Clinic", "2014-07", "2016-06", False, False),
            ("Medical Coder", "Acme Orthopedics Group", "2019-07", "2021-06", True, True),
        ],
        10.4,
    ),
    "career-history-bullets-unpaid-extern": (
        [
            "# Career History",
            "- Coding Extern (unpaid), Mercy Hospital, Jan 2016 - May 2016",
            "- Medical Coder, Acme Orthopedics, Jun 2016 - Present",
        ],
        [
            ("Coding Extern", "Mercy Hospital", "2016-01", "2016-05", True, False),
            ("Medical Coder", "Acme Orthopedics", "2016-06", None, True, True),
        ],
        10.5,
    ),
    "inline-work-history": (
        [
            "Work History: Medical Coder, Acme Orthopedics (2019–2021); Coding Intern, Lakeside "
            "Surgery Center (2016–2019); Billing Clerk, North Clinic (2014–2016)",
        ],
        [
            ("Medical Coder", "Acme Orthopedics", "2019-07", "2021-06", True, True),
            ("Coding Intern", "Lakeside Surgery Center", "2016-07", "2019-06", True, True),
            ("Billing Clerk", "North Clinic", "2014-07", "2016-06", False, False),
        ],
        5.0,
    ),
    # A heading with a note; a title that is only a role word, its department naming HIM work.
    "positions-held-with-a-note": (
        [
            "# Positions Held (most recent first)",
            "Specialist, Health Information Management, Mercy Hospital, 2018 – Present",
            "Records Clerk, Mercy Hospital, 2015 – 2018",
            "Cashier, FreshMart Grocery, 2012 – 2015",
        ],
        [
            ("Specialist", "Health Information Management", "2018-07", None, True, True),
            ("Records Clerk", "Mercy Hospital", "2015-07", "2018-06", True, True),
            ("Cashier", "FreshMart Grocery", "2012-07", "2015-06", False, False),
        ],
        11.4,
    ),
}


@pytest.fixture(scope="module")
def built(analyzer):
    return findings_in_every_format(analyzer, {k: FUNCTIONAL + v[0] for k, v in LISTS.items()})


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("case", sorted(LISTS))
def test_each_listed_job_is_a_position(built, case, fmt):
    _, expected, years = LISTS[case]
    exp = built[case, fmt].experience
    got = [
        (p.title, p.employer, p.start, p.end, p.coding_related, p.counted) for p in exp.positions
    ]
    assert got == expected
    assert exp.years == pytest.approx(years, abs=0.05)


@pytest.mark.parametrize(
    "text, section",
    [
        ("Employment History (2014 – Present)", "experience"),
        ("WORK HISTORY (most recent first)", "experience"),
        ("Career History 2008 - 2024", "experience"),
        ("Positions Held (selected)", "experience"),
        # a job whose title is a one-word heading keeps its dates: not a heading
        ("Externship (Jan 2020 - Apr 2020)", None),
        ("Volunteer (2015 – 2016)", None),
        ("Medical Coder (2019 - 2021)", None),
    ],
)
def test_headings_with_a_note_or_dates(analyzer, text, section):
    assert analyzer.sectioner.classify(RawLine(text=text, bold=True)) == section


def test_a_promotion_line_under_its_employer_stays_one_job(findings_from):
    text = (
        "EXPERIENCE\nLakeside Health | 2013 - Current\n"
        "Senior Coder (2018 - now); Coder (2013 - 2018)\n- Code inpatient charts\n"
    )
    positions = findings_from(text).experience.positions
    assert [(p.start, p.end, p.current) for p in positions] == [("2013-07", None, True)]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_a_functional_resume_from_the_resume_builder(analyzer, fmt):
    """The contact block in the DOCX page header, skill areas first, the dated list last."""
    from tests.fixtures import make

    resume = make.Resume(
        name="Avery Quinn",
        headline="Certified Professional Coder (CPC)",
        contact="Dayton, OH 45402 | 937-555-0110 | avery.quinn@example.com",
        summary="Coder with surgical, radiology and E/M coding across three employers.",
        jobs=[],
        certs=["CPC, AAPC, 2016"],
        skills="ICD-10-CM, CPT, HCPCS Level II, modifiers, Epic",
        education="Certificate in Medical Coding, Sinclair College, 2015",
        extra_sections=[
            ("Coding Expertise", ["Surgical and radiology coding", "E/M leveling and modifiers"]),
            (
                "Employment",
                [
                    "Coding Specialist | Miami Valley Surgery Center | 03/2020 - Present",
                    "Radiology Coder | Dayton Imaging Associates | 08/2017 - 02/2020",
                    "Front Desk Associate | Kettering Family Dental | 05/2015 - 07/2017",
                ],
            ),
        ],
    )
    data = {"txt": lambda r: make.to_text(r).encode(), "docx": make.to_docx, "pdf": make.to_pdf}
    doc = read_bytes(data[fmt](resume), f"functional.{fmt}", analyzer.sectioner)
    exp = analyzer.engine.extract(doc, AS_OF).experience
    assert [(p.title, p.start, p.end, p.coding_related) for p in exp.positions] == [
        ("Coding Specialist", "2020-03", None, True),
        ("Radiology Coder", "2017-08", "2020-02", True),
        ("Front Desk Associate", "2015-05", "2017-07", False),
    ]
    assert exp.years == pytest.approx(9.3, abs=0.05)  # Aug 2017 to the test date


def test_the_job_just_before_is_not_a_part_of_the_next(findings_from):
    """With months on both, "Jan 2025 - May 2025" ends before "Jun 2025 - present" starts: the job
    before it, not a line of it (a year read mid-year is what may start a little earlier)."""
    f = findings_from(
        "EXPERIENCE\nMedical Coder, Sandia Urgent Care | Jun 2025 - present\n"
        "Coding Intern (paid), Sandia Urgent Care | Jan 2025 - May 2025\n"
        "Payroll Clerk, Acme | 2016 - 2022\n"
    )
    assert [(p.title, p.start) for p in f.experience.positions] == [
        ("Medical Coder", "2025-06"),
        ("Coding Intern", "2025-01"),
        ("Payroll Clerk", "2016-07"),
    ]
