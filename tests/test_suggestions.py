"""Suggestions: track-aware results asked for only when missing, next steps that never repeat a
suggestion, and line rewrites that read like a person wrote them."""

from __future__ import annotations

import re

import pytest


def job_resume(title: str, bullets: str, start: str = "Jan 2017", creds: str = "CPC, AAPC") -> str:
    return (
        "Pat Lee\npat.lee@example.com | 555-010-0100\nEXPERIENCE\n"
        f"{title} | Valley Health, Reno, NV | {start} - Present\n{bullets}"
        f"CERTIFICATIONS\n{creds}\nSKILLS\nICD-10-CM, CPT, Epic\n"
    )


def asked(report) -> set[str]:
    return {s.id.removeprefix("metric.") for s in report.suggestions if s.category == "missing_metric"}


@pytest.mark.parametrize(
    "title, bullets, creds, track, want, never",
    [
        (
            "Risk Adjustment Coder II",
            "- Review Medicare Advantage charts for HCC support in Epic\n"
            "- Scored 97% on monthly QA reviews\n",
            "CRC, AAPC",
            "risk adjustment",
            {"hcc_capture", "volume"},
            {"denials", "first_pass_rate", "accuracy", "agreement"},
        ),
        (
            "CDI Specialist",
            "- Review inpatient records concurrently and query physicians\n"
            "- Query response rate of 94% in FY2025\n",
            "RN; CCDS, ACDIS",
            "CDI",
            {"query_rate", "cmi", "cc_mcc_capture"},
            {"accuracy", "volume", "response_agreement", "first_pass_rate", "denials"},
        ),
        (
            "Director, Health Information Management",
            "- Direct a department of 30 FTEs across coding and release of information\n"
            "- Cut coding DNFB from 6 to 3 days in 2024\n",
            "RHIA, AHIMA",
            "management",
            {"budget"},
            {"volume", "accuracy", "dnfb", "turnaround", "team_size", "first_pass_rate"},
        ),
        (
            "Coding Quality Auditor",
            "- Audited 1,400 inpatient records a year for DRG validation\n"
            "- Educated 60 providers on documentation gaps\n",
            "CCS, AHIMA; CPMA, AAPC",
            "auditing/compliance",
            {"error_rate", "revenue"},
            {"charts_audited", "education_given", "volume", "first_pass_rate"},
        ),
        (
            "Coding Educator",
            "- Teach ICD-10-CM and CPT courses to new coders\n",
            "CPC, CPC-I, AAPC",
            "education",
            {"people_trained", "pass_rate"},
            {"volume", "first_pass_rate", "denials"},
        ),
        (
            "Medical Coder II",
            "- Coded 85 office visits per day at 96% accuracy\n",
            "CPC, AAPC",
            "production coding",
            {"first_pass_rate", "denials"},
            {"accuracy", "volume"},
        ),
    ],
)
def test_results_asked_for_by_track_only_when_missing(report_from, title, bullets, creds, track, want, never):
    r = report_from(job_resume(title, bullets, creds=creds))
    assert r.stage.track == track
    got = asked(r)
    assert want <= got and not (got & never), got
    for s in r.suggestions:
        if s.category == "missing_metric":
            assert s.example and "[" in s.example


def test_a_result_stated_anywhere_is_never_asked_for(report_from):
    """Stated in a summary, or in a sentence the extractor reads loosely: still never asked."""
    text = job_resume(
        "Medical Coder II",
        start="Jan 2021",
        bullets="- Anesthesia cases, 110-130 per day, coded from the anesthesia record\n"
        "- External DRG validation agreement 98.1% on a 25-record sample\n",
    ).replace("EXPERIENCE\n", "SUMMARY\nKept first-pass acceptance at 97% and denials under 3%.\nEXPERIENCE\n")
    assert asked(report_from(text)) == set()


def test_next_steps_fit_track_and_holdings_and_never_repeat_a_suggestion(report_from):
    ra = report_from(job_resume("Risk Adjustment Coder", "- Review charts for HCC support\n", creds="CPC, AAPC"))
    assert any("CRC" in s for s in ra.stage.next_steps)
    held = report_from(job_resume("Risk Adjustment Coder", "- Review charts for HCC support\n", creds="CRC, AAPC"))
    assert not any("Earn the CRC" in s for s in held.stage.next_steps)
    specialty = report_from(
        job_resume("Cardiology Coder", "- Code cath lab cases\n", start="Jan 2022", creds="CPC, CCC, AAPC")
    )
    assert not any("specialty credential" in s for s in specialty.stage.next_steps)
    for r in (ra, held, specialty):
        messages = {s.message for s in r.suggestions}
        assert not messages & set(r.stage.next_steps)


@pytest.mark.parametrize(
    "line, rewrite",
    [
        (
            "Coded office visits for family medicine providers",
            "Coded ~[N] office visits per day for family medicine providers at [97]% audited accuracy.",
        ),
        (
            "Assigned ICD-10-CM and CPT codes to clinic encounters",
            "Assigned ICD-10-CM and CPT codes to ~[N] clinic encounters per day at [97]% audited accuracy.",
        ),
        # a period already named: no second one ("per day per day")
        ("Coded charts daily", "Coded ~[N] charts daily at [97]% audited accuracy."),
        # the clause about when the person started stays as written, after the rewrite
        (
            "Coded office visits and annual wellness visits; began HCC-focused coding in 2018",
            "Coded ~[N] office visits and annual wellness visits per day at [97]% audited accuracy; "
            "began HCC-focused coding in 2018.",
        ),
        ("Responsible for coding ED charts", "Coded ~[N] ED charts per day at [97]% audited accuracy."),
        # a number already counts the noun: no count bolted on
        (
            "Audited E/M documentation for 12 providers",
            "Audited E/M documentation for 12 providers per month, finding a [5]% error rate.",
        ),
        # a project asks for its outcome, never "[N]" after its verb
        (
            "Led the Epic go-live for the coding team",
            "Led the Epic go-live for the coding team, with coder productivity up [X]% within [N] "
            "months of go-live.",
        ),
        (
            "Centralized coding for five hospitals under one leadership team",
            "Centralized coding for five hospitals under one leadership team, cutting coding "
            "turnaround from [X] to [Y] days within [N] months.",
        ),
        (
            "Led ICD-10-CM/PCS readiness for coding and CDI",
            "Led ICD-10-CM/PCS readiness for coding and CDI, keeping coding accuracy at [95]% or "
            "better through the change.",
        ),
        (
            "Processed release-of-information requests for payer audits",
            "Processed ~[N] release-of-information requests per day for payer audits within a "
            "[2]-day turnaround.",
        ),
        ("Led ICD-10 readiness training for coders", "Led ICD-10 readiness training for [N] coders."),
        ("Supervised the coding team", "Supervised the coding team ([N] people)."),
        (
            "Queried physicians for missing documentation",
            "Queried physicians for missing documentation (~[N] queries per week) with a [90]% "
            "physician response rate.",
        ),
        (
            "Processed claims through Availity",
            "Processed ~[N] claims per day through Availity with a [98]% clean-claim rate.",
        ),
        ("Trained new hires on E/M leveling", "Trained [N] new hires on E/M leveling."),
    ],
)
def test_rewrite_by_verb_and_object(report_from, line, rewrite):
    r = report_from(job_resume("Medical Coder II", f"- {line}\n"))
    got = [s.example for s in r.suggestions if s.category == "unquantified_bullet"]
    assert got == [rewrite]


def test_prose_duty_lines_get_rewrites_too(report_from):
    text = job_resume(
        "Medical Coder II",
        "I code outpatient surgery cases for four orthopedic surgeons in Epic.\n"
        "Responsible for abstracting inpatient records for the cancer registry.\n",
    )
    r = report_from(text)
    lines = {s.line for s in r.suggestions if s.category == "unquantified_bullet"}
    assert len(lines) == 2


@pytest.mark.parametrize(
    "line, example",
    [
        ("- Reduced the coding denial rate to 2.8%\n", "Reduced the coding denial rate from [X]% to 2.8%"),
        ("- Cut coding DNFB to 3 days in 2025\n", "Cut coding DNFB from [X] to 3 days in 2025"),
    ],
)
def test_a_reduction_without_its_start_asks_for_it(report_from, line, example):
    r = report_from(job_resume("Medical Coder II", line))
    assert example in [s.example for s in r.suggestions if s.id.startswith("baseline.")]


def test_no_baseline_asked_when_the_line_has_one(report_from):
    r = report_from(job_resume("Medical Coder II", "- Reduced the denial rate from 6% to 2.8%\n"))
    assert not [s for s in r.suggestions if s.id.startswith("baseline.")]


def test_tool_examples_never_code_using_an_office_tool(report_from):
    text = job_resume("Medical Coder II", "- Coded office visits for primary care\n").replace(
        "ICD-10-CM, CPT, Epic", "ICD-10-CM, CPT, Epic, Microsoft Excel, 3M 360 Encompass"
    )
    r = report_from(text)
    tools = next(s for s in r.suggestions if s.id == "evidence.tools")
    assert "using 3M 360 Encompass" in tools.example
    assert not re.search(r"(?:Coded|coding)[^.]*Excel", tools.example)


_IDENTIFIER = re.compile(r"\b[\w/-]*[A-Za-z][\w/-]*\b")


def test_every_example_figure_is_a_placeholder(analyzer):
    """No example a candidate could paste as their own numbers: figures sit in brackets."""
    for rule in analyzer.rules.suggestions.results:
        bare = _IDENTIFIER.sub("", re.sub(r"\[[^\]]*\]", "", rule.example))
        assert not re.search(r"\d", bare), (rule.id, rule.example)


def test_a_doubted_result_is_flagged_not_asked_for_again(report_from):
    """A claim the credibility checks reject earns no points, but the resume states it: asking
    the candidate to 'add' it would be wrong."""
    r = report_from(
        job_resume(
            "Coding Manager",
            "- Directed a team of 500 coders and auditors\n- 2,000 charts audited per day\n",
            start="Jan 2024",
        )
    )
    assert {c.id for c in r.credibility} == {"implausible_team", "implausible_volume"}
    assert r.stage.track == "management" and "team_size" not in asked(r)
