"""Stage, track, salary band, score and suggestions."""

import pytest

ENTRY_NO_METRICS = """Pat Lee
Medical Coder
pat.lee@example.com | 555-010-0100
EXPERIENCE
Medical Coder | Family Clinic, Reno, NV | Jan 2025 - Present
  - Coded office visits for family medicine providers
  - Assigned ICD-10-CM and CPT codes to clinic encounters
CERTIFICATIONS
CPC, AAPC
SKILLS
ICD-10-CM, CPT, HCPCS Level II, modifiers, Epic, 3M 360 Encompass, Excel, ICD-10-PCS, E/M, NCCI, MS-DRG
"""

WITH_METRICS = ENTRY_NO_METRICS.replace(
    "  - Coded office visits for family medicine providers",
    "  - Coded 80 office visits per day at 97% accuracy\n  - Kept first-pass claim acceptance at 98%\n"
    "  - Reduced coding denials 15% in 2025",
)


def job(title: str, start: str, end: str = "Present") -> str:
    return f"{title} | Health System | {start} - {end}\n  - Coded charts\n"


@pytest.mark.parametrize(
    "jobs, creds, level",
    [
        ([job("Coder I", "Jan 2025")], "CPC-A", "entry"),
        ([job("Coder II", "Jan 2022")], "CPC", "mid"),
        ([job("Coder II", "Jan 2020")], "CPC", "mid"),
        (
            [job("Coding Supervisor", "Jan 2023"), job("Coder II", "Jan 2020", "Dec 2022")],
            "CPC",
            "senior",
        ),
        ([job("Coder III", "Jan 2018")], "CPC", "senior"),
        ([job("Coder II", "Jan 2021")], "CPC, CPMA", "senior"),
    ],
)
def test_stage(report_from, jobs, creds, level):
    r = report_from("Pat Lee\nEXPERIENCE\n" + "".join(jobs) + f"CERTIFICATIONS\n{creds}\n")
    assert r.stage.level == level
    assert r.stage.reasons


@pytest.mark.parametrize(
    "level, low, high, pct",
    [
        ("entry", 35780, 41600, "10th-25th"),
        ("mid", 41600, 64070, "25th-75th"),
        ("senior", 64070, 80950, "75th-90th"),
    ],
)
def test_salary_band(report_from, level, low, high, pct):
    start = {"entry": "Jan 2025", "mid": "Jan 2022", "senior": "Jan 2015"}[level]
    band = report_from("Pat Lee\nEXPERIENCE\n" + job("Coder", start)).stage.salary_band
    assert (band.low, band.high, band.percentiles) == (low, high, pct)
    assert "BLS" in band.source


@pytest.mark.parametrize(
    "creds, track",
    [
        ("CPMA", "auditing/compliance"),
        ("CCDS, CDIP", "CDI"),
        ("CRC", "risk adjustment"),
        ("CPC, COSC", "specialty coding"),
    ],
)
def test_track(report_from, creds, track):
    r = report_from(
        "Pat Lee\nEXPERIENCE\n" + job("Coder", "Jan 2018") + f"CERTIFICATIONS\n{creds}\n"
    )
    assert r.stage.track == track


def test_no_numbers_cost_points_however_long_the_skills(report_from):
    bare, quantified = report_from(ENTRY_NO_METRICS), report_from(WITH_METRICS)
    assert bare.score.overall + 25 <= quantified.score.overall
    assert bare.score.components["quantified_impact"].score == 0
    # the long skills list earns nothing: only the code sets and tools named in the bullets count
    listed = bare.score.components["code_sets_and_tools"]
    assert "Epic" in listed.reasons[-1] and "MS-DRG" in listed.reasons[-1]
    weights = {k: c.weight for k, c in quantified.score.components.items()}
    assert max(weights, key=weights.get) == "quantified_impact" and sum(
        weights.values()
    ) == pytest.approx(1.0)


def test_four_core_missing_metric_suggestions_only_when_missing(report_from):
    bare = {
        s.id for s in report_from(ENTRY_NO_METRICS).suggestions if s.category == "missing_metric"
    }
    assert bare == {"metric.accuracy", "metric.volume", "metric.first_pass_rate", "metric.denials"}
    quantified = {
        s.id for s in report_from(WITH_METRICS).suggestions if s.category == "missing_metric"
    }
    assert quantified == set()


def test_line_level_rewrite_uses_the_bullet_words(report_from):
    r = report_from(ENTRY_NO_METRICS)
    bullet = next(s for s in r.suggestions if s.category == "unquantified_bullet")
    assert bullet.line is not None
    assert bullet.example == (
        "Coded ~[N] office visits per day for family medicine providers at [97]% audited accuracy."
    )


def test_never_suggests_what_is_there(report_from):
    r = report_from(WITH_METRICS)
    ids = {s.id for s in r.suggestions}
    assert "tool.ehr" not in ids and "tool.encoder" not in ids and "hygiene.contact" not in ids
    assert not any("CPC" in step for step in r.stage.next_steps)


def test_suggestions_ranked_and_complete(report_from):
    r = report_from(ENTRY_NO_METRICS)
    assert r.suggestions[0].priority == "high"
    for s in r.suggestions:
        assert s.id and s.category and s.message and s.priority in ("high", "medium", "low")


def test_off_domain_resume(report_from):
    r = report_from(
        "Pat Lee\nEXPERIENCE\nSoftware Engineer | Acme | 2018 - Present\n  - Cut latency 40%\n"
    )
    assert r.domain.medical_coding is False and r.score.overall <= 30
    assert [s.id for s in r.suggestions] == ["domain.not_coding"]


def test_apprentice_after_two_years_is_flagged(report_from):
    r = report_from(
        "Pat Lee\nEXPERIENCE\n" + job("Coder II", "Jan 2022") + "CERTIFICATIONS\nCPC-A, AAPC\n"
    )
    s = next(s for s in r.suggestions if s.id == "consistency.apprentice.CPC-A")
    assert s.priority == "high" and "then list CPC" in s.message


def test_specialty_credential_without_core(report_from):
    r = report_from(
        "Pat Lee\nEXPERIENCE\n" + job("Coder II", "Jan 2022") + "CERTIFICATIONS\nCOSC, AAPC\n"
    )
    assert "consistency.specialty_without_core" in {s.id for s in r.suggestions}
    r = report_from(
        "Pat Lee\nEXPERIENCE\n" + job("Coder II", "Jan 2022") + "CERTIFICATIONS\nCPC, COSC, AAPC\n"
    )
    assert "consistency.specialty_without_core" not in {s.id for s in r.suggestions}


ANCHOR_BASE = """Pat Lee
pat.lee@example.com | 555-010-0100
SUMMARY
Outpatient coder.{summary}
EXPERIENCE
Medical Coder II | Valley Clinic, Reno, NV | Jan 2022 - Present
  - Code outpatient encounters in Epic{job}
Cashier | Corner Market, Reno, NV | Jan 2019 - Dec 2021
  - Ran the register{retail}
CERTIFICATIONS
CPC, AAPC
"""
RESULTS = " Coded 90 encounters per day at 97% accuracy."


def test_results_count_where_they_are_anchored(report_from):
    """The same two results: full credit in the dated coding job, a little in the summary,
    nothing in a job that is not coding work."""

    def impact(**place: str) -> int:
        fields = {"summary": "", "job": "", "retail": "", **place}
        return report_from(ANCHOR_BASE.format(**fields)).score.components["quantified_impact"].score

    in_job = impact(job=";" + RESULTS.rstrip("."))
    in_summary = impact(summary=RESULTS)
    in_retail = impact(retail=";" + RESULTS.rstrip("."))
    assert in_job > in_summary > in_retail == impact() == 0


def test_summary_results_are_asked_to_move_under_their_job(report_from):
    r = report_from(ANCHOR_BASE.format(summary=RESULTS, job="", retail=""))
    moved = [s for s in r.suggestions if s.id == "anchor.results"]
    assert moved and moved[0].line == 3
    assert "metric.accuracy" not in {s.id for s in r.suggestions}  # stated: never asked for
