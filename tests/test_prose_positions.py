"""Positions dated only inside prose: first-person paragraphs that tie a role to a date range or
a start date ("I joined Valley Clinic in March 2016 as an outpatient coder and I am still there"),
each built as TXT, DOCX and PDF, with look-alikes that are not positions (education, credentials,
events such as an EHR move) and resumes with dated headers that must not change.

Years are worked out by hand to the test date (2026-11-26): month starts are the 1st, year-only
dates are read mid-year (a start on July 1st, an end on June 30th), "present" is the test date,
and "the last five years" starts five years before it (design.md). Positions are listed latest
start first, as a resume lists its jobs, whatever order the sentences tell them in.
"""

from __future__ import annotations

import pytest

from tests.fixtures.plain import BUILDERS, findings, findings_in_every_format

# (lines, expected (title, employer, start, end, current, coding_related) per position, years)
PROSE = {
    "joined-still-there-and-a-range": (
        [
            "Morgan Ellis",
            "morgan.ellis@example.com | (937) 555-0142",
            "# About Me",
            "I joined Valley Clinic in March 2016 as an outpatient coder and I am still there. "
            "Most days I code office visits and minor procedures with ICD-10-CM and CPT.",
            "From 2011 to 2014 I coded pro-fee claims for a cardiology group in Dayton.",
            "I earned my CPC in 2012, and in 2020 our clinic moved to Epic.",
            "# Education",
            "Certificate in Medical Coding, Sinclair College, 2010",
        ],
        [
            ("Outpatient coder", "Valley Clinic", "2016-03", None, True, True),
            ("Coder", None, "2011-07", "2014-06", False, True),
        ],
        13.7,
    ),
    "since-and-the-last-five-years": (
        [
            "Chris Patel",
            "chris.patel@example.com",
            "# Summary",
            "I have worked in medical coding since 2014 and in auditing for the last five years.",
            "Today I audit inpatient charts and DRG assignment for Mercy Health.",
            "# Skills",
            "ICD-10-CM, ICD-10-PCS, MS-DRG, 3M 360 Encompass",
        ],
        [
            ("Auditor", None, "2021-11", None, True, True),
            ("Coder", None, "2014-07", None, True, True),
        ],
        12.4,
    ),
    "after-four-years-i-moved": (
        [
            "Sam Rivera",
            "sam.rivera@example.com",
            "# My Career",
            "After four years at Lakeside Billing Services (2010-2014) as a billing clerk, I moved "
            "to St. Anne's Hospital, where I code inpatient records and answer physician queries.",
        ],
        [
            ("Coder", "St. Anne's Hospital", "2014-07", None, True, True),
            ("Billing clerk", "Lakeside Billing Services", "2010-07", "2014-06", False, False),
        ],
        12.4,
    ),
    "hired-promoted-left-to-join": (
        [
            "Lee Jordan",
            "lee.jordan@example.com",
            "# Experience",
            "In June 2012 I was hired by Northside Medical Center as a health information clerk.",
            "I was promoted to coding specialist in 2015 and left in August 2019 to join "
            "Brightpath Health as a CDI specialist, where I still work.",
        ],
        [
            ("CDI specialist", "Brightpath Health", "2019-08", None, True, True),
            ("Coding specialist", "Northside Medical Center", "2015-07", "2019-08", False, True),
            (
                "Health information clerk",
                "Northside Medical Center",
                "2012-06",
                "2015-06",
                False,
                True,
            ),
        ],
        14.5,
    ),
    "telegraphic-no-pronoun": (
        [
            "Alex Kim",
            "alex.kim@example.com",
            "# Profile",
            "Surgical coder. Joined Riverside Orthopedics in 2019 as a surgical coder; still there.",
            "Before that, worked as a medical receptionist at Hilltop Family Practice from 2015 to 2019.",
        ],
        [
            ("Surgical coder", "Riverside Orthopedics", "2019-07", None, True, True),
            ("Medical receptionist", "Hilltop Family Practice", "2015-07", "2019-06", False, False),
        ],
        7.4,
    ),
    "a-retail-job-in-prose-is-not-coding": (
        [
            "Robin Shaw",
            "robin.shaw@example.com",
            "# About Me",
            "From 2012 to 2018 I was a shift lead at FreshMart Grocery, where I kept price codes and "
            "inventory records accurate.",
            "Since 2019 I have coded emergency department visits for Mercy Hospital.",
        ],
        [
            ("Coder", "Mercy Hospital", "2019-07", None, True, True),
            ("Shift lead", "FreshMart Grocery", "2012-07", "2018-06", False, False),
        ],
        7.4,
    ),
    "in-coding-since-and-in-auditing": (
        [
            "Kim Novak",
            "kim.novak@example.com",
            "# About",
            "I have worked in coding since 2014 and in auditing for the last five years.",
        ],
        [
            ("Auditor", None, "2021-11", None, True, True),
            ("Coder", None, "2014-07", None, True, True),
        ],
        12.4,
    ),
    "stayed-until-then-took-a-job": (
        [
            "Ray Ortiz",
            "ray.ortiz@example.com",
            "# About",
            "I joined Acme Orthopedics as a coder in 2010 and stayed until 2018. After that I took a "
            "job at Mercy Hospital as a coding auditor, where I still work.",
        ],
        [
            ("Coding auditor", "Mercy Hospital", "2018-07", None, True, True),
            ("Coder", "Acme Orthopedics", "2010-07", "2018-06", False, True),
        ],
        16.4,
    ),
    # Told latest first: the earlier start ends where the later one begins.
    "latest-first": (
        [
            "Jo Park",
            "jo.park@example.com",
            "# Summary",
            "I have coded at Valley Clinic since 2016. Before that I joined Mercy Hospital in 2010 "
            "as a records clerk.",
        ],
        [
            ("Coder", "Valley Clinic", "2016-07", None, True, True),
            ("Records clerk", "Mercy Hospital", "2010-07", "2016-06", False, True),
        ],
        16.4,
    ),
    "a-range-before-joining": (
        [
            "Lou Grant",
            "lou.grant@example.com",
            "# About Me",
            "I spent 2012–2015 at a billing company before joining Mercy Hospital's coding team in "
            "2015.",
        ],
        [
            ("Coder", "Mercy Hospital", "2015-07", None, True, True),
            ("Biller", None, "2012-07", "2015-06", False, False),
        ],
        11.4,
    ),
    # "Coded" at a store is not coding work (the title only names the activity).
    "coded-returns-at-a-store": (
        [
            "Val Reyes",
            "val.reyes@example.com",
            "# About",
            "From 2016 to 2022 I coded returns and markdowns at Home Depot. Since 2023 I have coded "
            "office visits for Valley Family Medicine.",
        ],
        [
            ("Coder", "Valley Family Medicine", "2023-07", None, True, True),
            ("Coder", "Home Depot", "2016-07", "2022-06", False, False),
        ],
        3.4,
    ),
}

# Dated sentences that are not positions, and durations that cannot be placed in time.
NOT_POSITIONS = {
    "education-credentials-events": [
        "Jamie Fox",
        "jamie.fox@example.com",
        "# About Me",
        "I graduated from Columbus State in 2018 with a certificate in medical coding and earned "
        "my CPC in 2019.",
        "From 2016 to 2018 I studied medical coding and health information at Sinclair College.",
        "In 2020 our clinic moved to Epic, and since 2021 I have held the CCS credential.",
        "In 2022 I presented at the state AHIMA meeting.",
        "I am looking for my first coding job.",
    ],
    "events-and-an-exam": [
        "Sky Lane",
        "sky.lane@example.com",
        "# About",
        "In 2019 we went live on Epic. In 2015 the hospital converted to ICD-10. I passed the CCS "
        "exam in 2016.",
    ],
    "a-start-still-to-come": [
        "Ari Stone",
        "ari.stone@example.com",
        "# Objective",
        "I am looking to start a coding career in 2027 after finishing my CPC in 2026.",
    ],
    # Someone else's sentences: a job posting dropped into a folder of resumes.
    "a-posting": [
        "Mercy Health",
        "# About Us",
        "Since 1998, Mercy Health has served the people of Dayton. You will code inpatient charts.",
    ],
    # "six years" and "three years" have no date to stand on (design.md counts dated work only).
    "durations-without-dates": [
        "Pat Moreno",
        "pat.moreno@example.com",
        "# Summary",
        "I coded for six years at a cardiology group and then spent three years in billing.",
    ],
}


@pytest.fixture(scope="module")
def built(analyzer):
    return findings_in_every_format(analyzer, {**{k: v[0] for k, v in PROSE.items()}, **NOT_POSITIONS})


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("case", sorted(PROSE))
def test_prose_positions_and_years(built, case, fmt):
    _, expected, years = PROSE[case]
    exp = built[case, fmt].experience
    got = [
        (p.title, p.employer, p.start, p.end, p.current, p.coding_related) for p in exp.positions
    ]
    assert got == expected
    assert exp.years == pytest.approx(years, abs=0.05)


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("case", sorted(NOT_POSITIONS))
def test_dated_sentences_that_are_not_positions(built, case, fmt):
    exp = built[case, fmt].experience
    assert exp.positions == [] and exp.years == 0.0


def test_a_prose_career_sets_the_stage(report_from):
    lines = PROSE["joined-still-there-and-a-range"][0]
    report = report_from(BUILDERS["txt"](lines).decode())
    assert report.stage.level == "senior" and report.experience.years == pytest.approx(13.7)


def test_the_latest_job_told_sets_the_track(report_from):
    lines = PROSE["hired-promoted-left-to-join"][0]
    report = report_from(BUILDERS["txt"](lines).decode())
    assert (report.stage.level, report.stage.track) == ("senior", "CDI")


def test_prose_positions_point_at_their_sentences(built):
    exp = built["joined-still-there-and-a-range", "txt"].experience
    assert [(p.line, p.end_line) for p in exp.positions] == [(3, 3), (4, 4)]


HEADERS = [
    "Terry Lindqvist",
    "terry@example.com",
    "# Summary",
    "{summary}",
    "# Experience",
    "Outpatient Coder II | Lakeshore General Hospital | Feb 2023 - Present",
    "- Code 45-55 outpatient surgery charts per day in Epic",
    "Coder I | Dane County Clinic | Jan 2021 - Jan 2023",
    "- Coded office visits with ICD-10-CM and CPT",
]


@pytest.mark.parametrize(
    "summary",
    [
        "Since 2014 I have coded outpatient surgery for hospitals in Ohio; I joined Lakeshore in 2023.",
        "I have worked in coding for the last ten years and I am still at Lakeshore.",
        "From 2010 to 2020 I coded for a cardiology group.",
    ],
)
@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_dated_headers_are_not_changed_by_prose(analyzer, summary, fmt):
    def experience(text: str):
        lines = [line.format(summary=text) for line in HEADERS]
        return findings(analyzer, lines, fmt, "h").experience

    plain = experience("Outpatient coder for hospitals and clinics.")
    with_prose = experience(summary)
    assert [(p.title, p.start, p.end) for p in with_prose.positions] == [
        (p.title, p.start, p.end) for p in plain.positions
    ]
    assert with_prose.years == plain.years == pytest.approx(5.9, abs=0.05)
