"""Quantified metrics: kinds, values, ranges, baselines, words, money, and what is never a metric."""

import pytest


def metrics(findings_from, line: str):
    return [
        (m.kind, m.value, m.value_max, m.baseline, m.unit, m.period, m.object)
        for m in findings_from(f"EXPERIENCE\n- {line}").metrics
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Maintained 97% accuracy on internal audits",
            ("accuracy", 97.0, None, None, "percent", None, None),
        ),
        (
            "Audit score of 98.5% on a 2024 external review",
            ("accuracy", 98.5, None, None, "percent", None, None),
        ),
        (
            "Accuracy 96 pct on monthly audits",
            ("accuracy", 96.0, None, None, "percent", None, None),
        ),
        (
            "Achieved ninety-eight percent coding accuracy",
            ("accuracy", 98.0, None, None, "percent", None, None),
        ),
        (
            "Raised accuracy from 84 percent to 95 percent",
            ("accuracy", 95.0, None, 84.0, "percent", None, None),
        ),
        (
            "98% first-pass claim acceptance",
            ("first_pass_rate", 98.0, None, None, "percent", None, None),
        ),
        ("Clean claim rate 96%", ("first_pass_rate", 96.0, None, None, "percent", None, None)),
        (
            "Reduced coding denials 15%",
            ("denial_reduction", 15.0, None, None, "percent", None, None),
        ),
        (
            "Reduced denials from 12% to 4%",
            ("denial_reduction", 4.0, None, 12.0, "percent", None, None),
        ),
        (
            "Lowered the denial rate to 3.8% (from 7.1%)",
            ("denial_reduction", 3.8, None, 7.1, "percent", None, None),
        ),
        ("Kept denial rate under 3%", ("denial_rate", 3.0, None, None, "percent", None, None)),
        (
            "Reduced E/M denials by $65,000 annualized",
            ("denial_reduction", 65000.0, None, None, "usd", None, None),
        ),
        ("Code 120 charts per day", ("volume", 120.0, None, None, "count", "day", "chart")),
        (
            "Processed 2,400 claims monthly",
            ("volume", 2400.0, None, None, "count", "month", "claim"),
        ),
        (
            "Code 25–30 inpatient charts per day",
            ("volume", 25.0, 30.0, None, "count", "day", "chart"),
        ),
        ("Review 20-25 charts per hour", ("volume", 20.0, 25.0, None, "count", "hour", "chart")),
        (
            "Coded more than two hundred fifty encounters in my first month",
            ("volume", 250.0, None, None, "count", "month", "encounter"),
        ),
        (
            "Audited 2,400+ provider encounters annually",
            ("volume", 2400.0, None, None, "count", "year", "encounter"),
        ),
        ("Recovered $350K in underpayments", ("revenue", 350000.0, None, None, "usd", None, None)),
        (
            "Identified $1.2M in missed charges",
            ("revenue", 1200000.0, None, None, "usd", None, None),
        ),
        ("Manage a $4.5M operating budget", ("other", 4500000.0, None, None, "usd", None, None)),
        ("Cut DNFB from 8 to 4 days", ("turnaround", 4.0, None, 8.0, "days", None, None)),
        (
            "Reduced the unbilled backlog by 3 days",
            ("turnaround", 3.0, None, None, "days", None, None),
        ),
        ("Led a team of 12 coders", ("team_size", 12.0, None, None, "people", None, None)),
        (
            "Trained 14 new coders on E/M guidelines",
            ("team_size", 14.0, None, None, "people", None, None),
        ),
        (
            "Lead a 23-person coding department",
            ("team_size", 23.0, None, None, "people", None, None),
        ),
        ("Physician query response rate 96%", ("other", 96.0, None, None, "percent", None, None)),
        (
            "Raised the case mix index from 1.62 to 1.71",
            ("other", 1.71, None, 1.62, None, None, None),
        ),
    ],
)
def test_metric(findings_from, line, expected):
    assert expected in metrics(findings_from, line)


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Cut coding-related denials 38% (from 6.1% to 3.8% of claims) in FY2023",
            {("denial_reduction", 38.0, None), ("denial_reduction", 3.8, 6.1)},
        ),
        (
            "Lowered A/R days from 52 to 37 and A/R >90 days from 24% to 13%",
            {("turnaround", 37.0, 52.0), ("turnaround", 13.0, 24.0)},
        ),
        ("Reduced coding DNFB from 6.2 to 2.9 days in 90 days", {("turnaround", 2.9, 6.2)}),
        ("Worked $1.2M of aged A/R (>120 days)", {("revenue", 1200000.0, None)}),
        ("Rebuilt 40 claim-scrubber edits", {("volume", 40.0, None)}),
        ("Delivered 40+ one-on-one education sessions", {("volume", 40.0, None)}),
        ("Identified $4.1M in missed charges", {("revenue", 4100000.0, None)}),
    ],
)
def test_bullets_with_several_numbers(findings_from, line, expected):
    assert {(k, v, b) for k, v, _, b, *_ in metrics(findings_from, line)} == expected


def test_two_metrics_in_one_bullet(findings_from):
    got = metrics(
        findings_from, "Code 60+ cath lab, echo, and EP encounters daily at 97.5% accuracy"
    )
    assert {(k, v) for k, v, *_ in got} == {("volume", 60.0), ("accuracy", 97.5)}


@pytest.mark.parametrize(
    "line",
    [
        "Coded in ICD-10-CM since 2015",
        "Applied modifiers (RT/LT, 57, 25, 59/XS) before release",
        "Coded 99213 and 99214 visits and E11.9 diagnoses",
        "Coded CPT 96360-96549 infusion codes",
        "Reviewed the 70000 series for radiology",
        "Four years of experience coding for six providers",
        "Coded for a 400-bed hospital with 3 hospitals and 12 clinics",
        "Applied the 8-minute rule and the 60-day rule",
        "Assigned 7th characters for fractures",
        "Worked 24 hrs/wk while in school",
        "Coded HCC V24/V28 for Level I trauma",
        "Finished in 18 months and within six months of hire",
        "Reviewed claims over $75,000 for medical necessity",
        "Call 614-555-0148 or write to Columbus, OH 43215",
        "Scored accuracy in two audit cycles",
        "MEDITECH 6.x and PowerScribe 360",
    ],
)
def test_never_metrics(findings_from, line):
    assert metrics(findings_from, line) == []


def test_metric_evidence_spans_inside_line(findings_from):
    f = findings_from("EXPERIENCE\n- Recovered $184K in under-coded procedures; cut denials 20%")
    assert len(f.metrics) == 2
    for m in f.metrics:
        for e in m.evidence:
            assert 0 <= e.start < e.end
            assert e.text and e.rule.startswith("metrics.")
