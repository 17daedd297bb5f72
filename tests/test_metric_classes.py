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


# Targets, goals, minimums and standards are what was asked, not what was done.
TARGETS = [
    ("Met the unit's target of 95% accuracy", []),
    ("Plan for next year, with a goal of 45 cases a day by June", []),
    ("Goal: bring discharge-to-bill lag under 4 days", []),
    ("Targets for 2027: 30 charts per day and 96% accuracy", []),
    ("Hold 97% on monthly QA (the department minimum is 95%)", [("accuracy", 97.0, None, None)]),
    ("Worked to a productivity standard of 2.5 charts an hour", []),
    ("Aim: 98% first-pass acceptance on commercial claims", []),
    # ... while a result that beats a target stays a result
    ("Beat the 95% target with 97.4% accuracy all year", [("accuracy", 97.4, None, None)]),
    ("Productivity at 118% of standard for three quarters", [("other", 118.0, None, None)]),
]

# How a number is written: a decimal comma, dollars in words, a count of audits.
WRITTEN = [
    ("Quality score 97,4 % on external audits", [("accuracy", 97.4, None, None)]),
    ("Accuracy of 95,25% across 2025", [("accuracy", 95.25, None, None)]),
    ("Recovered sixty thousand dollars in underpaid claims", [("revenue", 60000.0, None, None)]),
    ("Recovered 12,500 dollars in late charges", [("revenue", 12500.0, None, None)]),
    ("Scored 96% on each of my first five quarterly audits", [("accuracy", 96.0, None, None)]),
    ("Averaged 95% accuracy over the last three monthly reviews", [("accuracy", 95.0, None, None)]),
    # "1,250" is still a thousands separator
    ("Coded 1,250 charts a month", [("volume", 1250.0, None, None)]),
]

# People named by their job ("patient access representatives", "chart review nurses") are people.
PEOPLE = [
    ("Supervised 7 patient access representatives", [("team_size", 7.0, None, None)]),
    ("Led 4 chart review nurses through the Epic go-live", [("team_size", 4.0, None, None)]),
    ("Coded 35 patient encounters per day", [("volume", 35.0, None, None)]),
]

# The size of what someone else handles is scope.
SCOPE = [
    ("Coding for a health system whose emergency departments see 90,000 visits a year", []),
    ("Support a clinic network serving 40,000 patients a year", []),
    # ... but a relative clause about the people whose results they are keeps the result
    ("Coders whose charts I audit averaged 96.1% accuracy in 2025", [("accuracy", 96.1, None, None)]),
]


@pytest.mark.parametrize("line, expected", TARGETS + WRITTEN + PEOPLE + SCOPE)
def test_targets_writing_people_and_scope(findings_from, line, expected):
    assert found(findings_from, line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        # a count per thing is a ratio, not a volume
        ("Raised coding depth from 3.9 to 4.6 diagnoses per encounter", [("other", 4.6, None, 3.9)]),
        ("Averaged 1.7 HCCs per member on chart reviews", [("other", 1.7, None, None)]),
        # ... a count per period stays a volume
        ("Abstracted 45 discharges per day", [("volume", 45.0, None, None)]),
        ("Coded 70 ED episodes a day", [("volume", 70.0, None, None)]),
        # a part of someone else's whole is not a volume
        ("Walked each physician through two or three of their own notes", []),
    ],
)
def test_ratios_and_parts(findings_from, line, expected):
    assert found(findings_from, line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Coded 150 charts per business day", [("volume", 150.0, None, None)]),
        ("Abstracted 40 records per working day", [("volume", 40.0, None, None)]),
    ],
)
def test_a_working_day_is_a_period(findings_from, line, expected):
    assert found(findings_from, line) == expected
