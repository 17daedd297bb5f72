"""More forms of the phenomena issue 11 names, each with look-alikes that must not change: a version
after a product name, a people count that ends its clause, an object named before "volume", page
counts, "WORK"-style headings, credentials let lapse, and dates that say how long a credential runs."""

from __future__ import annotations

import pytest

JOB = "Pat Lee\nEXPERIENCE\nCoder, Acme Clinic, Tulsa, OK\nJan 2020 - Present\n- {line}\nSKILLS\nMeditech, Cerner, Epic\n"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Chart assembly and deficiency tracking in Meditech 6.1", []),
        ("Moved the team from Cerner v28 to Epic", []),
        ("Coded 120 charts per day in Epic", [("volume", 120, "day")]),
        ("Trained staff in 2019", []),
        ("Second-level reviewer for new hires; onboarded 5", [("team_size", 5, None)]),
        ("Mentored 3.", [("team_size", 3, None)]),
        ("Trained on 2 systems", []),
        ("Chart volume 25/day", [("volume", 25, "day")]),
        ("Claims count: 400 a week", [("volume", 400, "week")]),
        ("About 4 charts/hr on 30-60 page charts", [("volume", 4, "hour")]),
        ("Reviewed 60 page records for completeness", []),
        ("Scanned 500 pages per day", [("volume", 500, "day")]),
        ("Code two to three inpatient charts an hour", [("volume", 2, "hour")]),
        ("Reviewed ten to twelve records daily", [("volume", 10, "day")]),
    ],
)
def test_counts_in_context(findings_from, line, expected):
    metrics = findings_from(JOB.format(line=line)).metrics
    assert [(m.kind, m.value, m.period) for m in metrics] == expected


@pytest.mark.parametrize("heading", ["WORK", "Jobs", "Positions Held", "Employment Record"])
def test_short_experience_headings(findings_from, heading):
    text = (
        f"SKILLS\nICD-10-CM, CPT\n{heading}\n"
        "Coder II - Brightline Health Partners (remote) - Aug 2023 to now\n"
        "* retro chart review\n"
    )
    positions = findings_from(text).experience.positions
    assert [(p.title, p.start) for p in positions] == [("Coder II", "2023-08")]


@pytest.mark.parametrize(
    "line, status",
    [
        ("I was a CPC, but I let my CPC lapse in 2021 when I moved to inpatient work.", "lapsed"),
        ("Allowed my CCS to lapse in 2020", "lapsed"),
        ("Let CPC expire in 2019", "lapsed"),
        ("CCS: not renewed after 2018", "lapsed"),
        ("CPC (AAPC), 2019", "held"),
        ("CPC - renewal due 2027", "held"),
        ("CPC (expires on 12/2027)", "held"),
        ("CCS, recertification cycle ends 2028", "held"),
        ("CRC - exam scheduled 03/2027", "in_progress"),
        ("CPC expected 2027", "in_progress"),
    ],
)
def test_credential_lapses_and_validity(findings_from, line, status):
    creds = findings_from(f"CERTIFICATIONS\n{line}\n").credentials
    assert [c.status for c in creds] == [status]


def _full_width_duty() -> str:
    """A duty sentence that fills a 500 pt Helvetica 10 line (so a wrap test would join the next
    line to it)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("Helvetica", "", 10)
    words = "Coded general surgery and oncology encounters including infusion hierarchy".split()
    text = " ".join(words)
    extra = iter(["and", "drug", "units", "for", "the", "clinic", "team", "daily"] * 6)
    while pdf.get_string_width(text + " xxxxx.") < 497:
        text += " " + next(extra)
    return text + "."


def test_a_pdf_job_title_after_a_full_width_duty_line_starts_a_job(analyzer):
    from analyzer.parsing import read_bytes
    from tests.conftest import AS_OF
    from tests.fixtures.plain import to_pdf

    lines = [
        "Pat Lee",
        "# Experience",
        "Coding Specialist III",
        "07/2014 to 04/2019",
        "Company Name City , State",
        _full_width_duty(),
        "Coding Specialist",
        "03/2012 to 06/2014",
        "Company Name City , State",
        "Coded primary care office visits and preventive services.",
    ]
    doc = read_bytes(to_pdf(lines), "cv.pdf", analyzer.sectioner)
    positions = analyzer.engine.extract(doc, AS_OF).experience.positions
    assert [(p.title, p.start) for p in positions] == [
        ("Coding Specialist III", "2014-07"),
        ("Coding Specialist", "2012-03"),
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Brought the delinquent record count from 140 down to 35", [("other", 35, 140)]),
        ("Cut the number of open charts from 900 to 120", [("other", 120, 900)]),
        ("Trained 46 new coders across three cohorts", [("team_size", 46, None)]),
        ("88% of my students passed the CPC exam on the first attempt", [("other", 88, None)]),
        ("Scored 94% on the CPC practice exam", []),
        ("Worked three shifts", []),
        (
            "Raised the case mix index from 1.58 to 1.66. Precepted 3 new CDI specialists.",
            [("other", 1.66, 1.58), ("team_size", 3, None)],
        ),
    ],
)
def test_changes_groups_and_pass_rates(findings_from, line, expected):
    metrics = findings_from(JOB.format(line=line)).metrics
    assert [(m.kind, m.value, m.baseline) for m in metrics] == expected


def test_an_unheaded_summary_under_the_name_is_read(findings_from):
    text = (
        "Coder with 99% accuracy on every audit and 150 charts coded per day in Epic.\n"
        "EXPERIENCE\nCoder, Acme Clinic, Tulsa, OK\nJan 2020 - Present\n- Coded charts\n"
    )
    assert {(m.kind, m.value) for m in findings_from(text).metrics} == {
        ("accuracy", 99),
        ("volume", 150),
    }


def test_the_contact_block_under_the_name_gives_no_metric(findings_from):
    text = "1200 Elm Street, Suite 4, Tulsa, OK 74104\n(918) 555-0117 | pat@example.com\n"
    assert findings_from(text).metrics == []


def test_a_non_coding_verdict_says_what_is_missing(findings_from):
    domain = findings_from("Medical Coder\n").domain
    assert not domain.medical_coding
    assert "no dated coding/HIM job and no coding credential" in domain.reasons[0]
