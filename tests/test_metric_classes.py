"""Metrics in the wordings real resumes use (issue 11, class 6). Each line is an experience
bullet; the test lists every metric the line holds as (kind, value, value_max, baseline)."""

from __future__ import annotations

import pytest


def found(findings_from, line: str, section: str = "EXPERIENCE"):
    text = f"{section}\nCoder | Lakeside Clinic | 2020 - Present\n- {line}"
    return sorted((m.kind, m.value, m.value_max, m.baseline) for m in findings_from(text).metrics)


CASES = [
    # Accuracy from audit, QA or validation context, without the word "accuracy".
    ("Quality reviews landed at 96.9% all year", [("accuracy", 96.9, None, None)]),
    ("Internal reviews at 98%+ for six straight quarters", [("accuracy", 98.0, None, None)]),
    ("DRG validation came in at 97%", [("accuracy", 97.0, None, None)]),
    ("94% agreement rate with external validators", [("accuracy", 94.0, None, None)]),
    ("QA: 99.1% on monthly spot checks", [("accuracy", 99.1, None, None)]),
    ("Peer review results of 95% or better", [("accuracy", 95.0, None, None)]),
    # ... but a CDI physician agreement rate is not coding accuracy.
    ("Physician agreement rate of 88% on CDI queries", [("other", 88.0, None, None)]),
    # First-pass abbreviations.
    ("FPR of 97.5% on professional claims", [("first_pass_rate", 97.5, None, None)]),
    ("Clean-claim rate (CCR) held at 96%", [("first_pass_rate", 96.0, None, None)]),
    ("1st-pass yield 98% in 2025", [("first_pass_rate", 98.0, None, None)]),
    # The object noun before the number, or one not in the vocabulary.
    ("Claims, 150-170 daily", [("volume", 150.0, 170.0, None)]),
    ("Operative notes: 40 per day", [("volume", 40.0, None, None)]),
    ("Processed 250 prescriptions a day", [("volume", 250.0, None, None)]),
    ("Indexed 600 documents weekly", [("volume", 600.0, None, None)]),
    # Denominators, samples, scope and page counts are not volumes.
    ("Audited a 25-record sample per coder each quarter", []),
    ("Educated 9 of 11 physicians on HCC documentation", []),
    ("Coded for three clinics and a surgery center", []),
    ("Abstracted 60-page charts for the registry", []),
    ("Sample of 30 claims per provider", []),
    # But a backlog cleared is a result.
    ("Cleared a 1,200-claim backlog in three weeks", [("volume", 1200.0, None, None)]),
    # Numbers: one amount; product and form names.
    ("Recovered $2.4 million in underpayments", [("revenue", 2400000.0, None, None)]),
    ("Coded in 3M 360 and billed on CMS-1450 forms", []),
    # Team size wording.
    ("Oversaw six coders on the night shift", [("team_size", 6.0, None, None)]),
    ("Led a team of 9", [("team_size", 9.0, None, None)]),
    # Cost savings are revenue.
    ("Saved $40K a year by moving ROI in-house", [("revenue", 40000.0, None, None)]),
    ("Cost savings of $120,000 from vendor consolidation", [("revenue", 120000.0, None, None)]),
    # Turnaround wording.
    ("Kept coding lag at 2 days or less", [("turnaround", 2.0, None, None)]),
    ("Brought discharge-to-final-bill time down to 3 days", [("turnaround", 3.0, None, None)]),
    ("Turn-around time under 48 hours for ED charts", [("turnaround", 48.0, None, None)]),
    # A change without "from".
    ("Cut denial write-offs $750K to below $300K", [("denial_reduction", 300000.0, None, 750000.0)]),
    ("Raised accuracy 92% to 97% in a year", [("accuracy", 97.0, None, 92.0)]),
]


@pytest.mark.parametrize("line, expected", CASES)
def test_metric_wordings(findings_from, line, expected):
    assert found(findings_from, line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("GPA: 3.6/4.0", [("other", 3.6, None, None)]),
        ("Graduated with a 3.8 GPA", [("other", 3.8, None, None)]),
        ("3.6 GPA, Dean's List", [("other", 3.6, None, None)]),
        # A course or training score is not a work result.
        ("Scored 88% on the program's final exam", []),
        ("98% on the CPC practice exam", []),
        ("Finished the coding course with a 95% average", []),
    ],
)
def test_education_numbers(findings_from, line, expected):
    assert found(findings_from, line, "EDUCATION") == expected


def test_training_score_in_experience_is_not_a_result(findings_from):
    assert found(findings_from, "Scored 92% on the employer's ICD-10 training quiz") == []


MORE = [
    # Numbers inside product names are not metrics.
    ("Managed the 3M encoder upgrade to 360 Encompass", []),
    ("Read studies in PowerScribe 360 for 4 radiologists", []),
    # A change with its unit named earlier, or its baseline after it.
    ("Coding DNFB days went from 4.6 to 2.8", [("turnaround", 2.8, None, 4.6)]),
    ("Team QA averaged 96.3% in 2025, up from 91%", [("accuracy", 96.3, None, 91.0)]),
    ("Cut the charge lag from four days to one", [("turnaround", 1.0, None, 4.0)]),
    # Cutting a spend is a saving (revenue); a budget managed is not.
    ("Cut outsourced-coding spend by $140K a year", [("revenue", 140000.0, None, None)]),
    ("Managed a $2M department budget", [("other", 2000000.0, None, None)]),
    # A target is not a result; the sample a score came from is not a volume.
    ("Daily target is 120 charts; I average 130 to 140 charts per day", [("volume", 130.0, 140.0, None)]),
    ("98% on my supervisor's review of my last 200 charts", [("accuracy", 98.0, None, None)]),
    # A count of things per period; a schedule is not.
    ("I usually finish about 25 of them per day", [("volume", 25.0, None, None)]),
    ("Charge nurse two nights a week", []),
    ("Modifier -25 with procedures", []),
]


@pytest.mark.parametrize("line, expected", MORE)
def test_more_metric_wordings(findings_from, line, expected):
    assert found(findings_from, line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "In this group of forty radiologists I code diagnostic radiology",
        "Code every case from the center's six ORs and two procedure rooms",
    ],
)
def test_places_and_groups_are_scope(findings_from, line):
    assert found(findings_from, line) == []
