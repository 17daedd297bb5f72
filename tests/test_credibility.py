"""Credibility checks: each doubtful claim is a finding with its evidence and penalty, and lowers
the score; similar-looking honest claims are not flagged."""

from __future__ import annotations

import pytest

from analyzer.models.document import Document, HiddenText
from tests.conftest import AS_OF


def resume(bullets: str, start: str = "Jan 2016", creds: str = "CPC, AAPC", title: str = "Medical Coder II") -> str:
    return (
        "Pat Lee\npat.lee@example.com | 555-010-0100\nEXPERIENCE\n"
        f"{title} | Valley Health, Reno, NV | {start} - Present\n{bullets}"
        f"CERTIFICATIONS\n{creds}\nSKILLS\nICD-10-CM, CPT, Epic\n"
    )


@pytest.mark.parametrize(
    "bullets, start, creds, check",
    [
        ("- Coded charts at 104% accuracy on every audit\n", "Jan 2016", "CPC, AAPC", "percent_over_100"),
        ("- Held a 120% first-pass rate on claims\n", "Jan 2016", "CPC, AAPC", "percent_over_100"),
        ("- Inter-rater agreement of 130% with QA\n", "Jan 2016", "CPC, AAPC", "percent_over_100"),
        ("- Maintained 100% accuracy on all coding\n", "Jan 2016", "CPC, AAPC", "perfect_rate"),
        ("- Coded 1,000 charts per day\n", "Jan 2016", "CPC, AAPC", "implausible_volume"),
        ("- Abstracted 90 charts an hour for inpatient stays\n", "Jan 2016", "CPC, AAPC", "implausible_volume"),
        ("- Recovered $45M in underpayments single-handedly\n", "Jan 2016", "CPC, AAPC", "implausible_revenue"),
        ("- Led a team of 40 coders\n", "Jan 2025", "CPC, AAPC", "implausible_team"),
        ("- Coded office visits\n", "Jan 2025", "CPC, CPMA, CDIP", "credentials_outrun_years"),
        (
            "- Coded office visits\n",
            "Jan 2023",
            "CPC, COC, CIC, CCS, CCS-P, CRC, CPB, RHIT",
            "credentials_outrun_years",
        ),
        # a perfect rate among other items of a list: the sample must be the rate's own
        ("- Results: 97% accuracy, 90 charts/day, 100% clean claims\n", "Jan 2016", "CPC, AAPC", "perfect_rate"),
        # a zero rate of something bad is a perfect rate too
        ("- Kept my claims at 0% denials all year\n", "Jan 2016", "CPC, AAPC", "perfect_rate"),
        ("- Team of 8. 0% error rate\n", "Jan 2016", "CPC, AAPC", "perfect_rate"),
        ("- Zero-defect coder: 0 percent rejections\n", "Jan 2016", "CPC, AAPC", "perfect_rate"),
        # a team named in another sentence of the line does not excuse one's own volume
        ("- Led a team of 4. Audited 2,000 charts per day myself\n", "Jan 2016", "CPC, AAPC", "implausible_volume"),
        # an apprentice designation and its full credential cannot both be current
        ("- Coded office visits\n", "Jan 2016", "CPC, CPC-A, AAPC", "apprentice_and_full"),
        ("- Coded office visits\n", "Jan 2016", "COC-A (AAPC) and COC", "apprentice_and_full"),
    ],
)
def test_doubtful_claims_are_findings_that_cost_points(report_from, bullets, start, creds, check):
    r = report_from(resume(bullets, start, creds))
    found = [c for c in r.credibility if c.id == check]
    assert found, [c.id for c in r.credibility]
    c = found[0]
    assert c.severity == "warning" and c.penalty > 0 and c.message and c.evidence
    assert f"-{sum(x.penalty for x in r.credibility)} for" in " ".join(
        r.score.components["quantified_impact"].reasons
    )


@pytest.mark.parametrize(
    "bullets, start, creds",
    [
        ("- Coded 110 ED encounters per day at 96% accuracy\n", "Jan 2016", "CPC, AAPC"),
        ("- Coded 22 inpatient charts per day\n", "Jan 2016", "CCS, AHIMA"),
        ("- Read 400 radiology reports per day at 95% accuracy\n", "Jan 2016", "CPC, AAPC"),
        ("- Our team of 30 coders coded 60,000 charts per month\n", "Jan 2016", "CPC, AAPC"),
        ("- Coded 4,800 chart reviews in 2025, averaging 4.2 charts an hour\n", "Jan 2016", "CRC, AAPC"),
        ("- Reached 130% of the productivity target for six months\n", "Jan 2016", "CPC, AAPC"),
        ("- HCC capture up 150% after the pre-visit program\n", "Jan 2016", "CRC, AAPC"),
        ("- Scored 100% on a 50-chart Q3 external audit\n", "Jan 2016", "CPC, AAPC"),
        ("- Supervise a team of 12 coders\n", "Jan 2016", "CPC, CPMA, AAPC"),
        ("- Led the 3M 360 Encompass upgrade for coding\n", "Jan 2016", "CPC, AAPC"),
        ("- Program delivered $12M in RAF revenue across the plan\n", "Jan 2016", "CRC, AAPC"),
        ("- Coded office visits\n", "Jan 2025", "RHIA, AHIMA"),
        ("- Accuracy: 100%, on a 60-chart external audit in Q2\n", "Jan 2016", "CPC, AAPC"),
        ("- 0% error rate on a 200-claim sample, 96% accuracy overall\n", "Jan 2016", "CPC, AAPC"),
        ("- Filled 300 prescriptions a day before moving into coding\n", "Jan 2016", "CPC, AAPC"),
        ("- Our department coded 2,000 charts per day; I coded 30 of them\n", "Jan 2016", "CPC, AAPC"),
        ("- Coded office visits\n", "Jan 2016", "CPC-A, AAPC"),
        ("- Coded office visits\n", "Jan 2016", "CPC, AAPC (formerly CPC-A, apprentice status removed 2018)"),
        ("- Cut open denials 0.5% below target\n", "Jan 2016", "CPC, AAPC"),
    ],
)
def test_honest_claims_are_not_flagged(report_from, bullets, start, creds):
    r = report_from(resume(bullets, start, creds))
    assert r.credibility == [], [c.message for c in r.credibility]


def test_a_rejected_result_earns_no_points(report_from):
    honest = report_from(resume("- Coded 60 charts per day\n"))
    inflated = report_from(resume("- Coded 6,000 charts per day\n"))
    assert inflated.score.components["quantified_impact"].score < honest.score.components[
        "quantified_impact"
    ].score
    assert inflated.score.overall < honest.score.overall


@pytest.mark.parametrize(
    "line",
    [
        "Familiar with CRC, CPMA and CDIP guidelines\n",
        "Familiar with: CRC, CPMA, CDIP\n",
        "Knowledge of CRC, CPMA and CDIP exam content\n",
    ],
)
def test_familiar_with_credentials_count_nothing(report_from, line):
    r = report_from(resume("- Coded office visits\n").replace("SKILLS\n", "SKILLS\n" + line))
    familiar = [c for c in r.credibility if c.id == "familiar_only"]
    read_as_held = {c.id for c in r.credentials if c.status == "held"} & {"CRC", "CPMA", "CDIP"}
    assert read_as_held  # the extractor read some as held: the check must say so
    assert len(familiar) == 1 and familiar[0].penalty > 0
    assert read_as_held <= set(familiar[0].message.replace(",", "").split())
    assert r.score.components["credentials"].reasons[0] == "held: CPC"


def test_hidden_text_is_a_finding(analyzer, doc_from, report_from):
    text = resume("- Coded 80 office visits per day at 96% accuracy\n")
    clean = report_from(text)
    doc = doc_from(text)
    hidden = Document(
        **{**doc.model_dump(), "hidden": [HiddenText(text="CPC CCS CDIP RHIA Epic", reason="white text", page=1)]}
    )
    r = analyzer.analyze_document(hidden, AS_OF)
    found = [c for c in r.credibility if c.id == "hidden_text"]
    assert found and "white text" in found[0].message and found[0].penalty > 0
    assert r.score.overall == clean.score.overall - found[0].penalty


def test_white_text_in_a_docx_is_a_credibility_finding(analyzer):
    """End to end: the parser keeps hidden runs out of the text; the report says so and it costs."""
    from analyzer.parsing import read_bytes
    from tests.test_hidden import _docx, _white

    doc = read_bytes(_docx(_white), "cv.docx", analyzer.sectioner)
    r = analyzer.analyze_document(doc, AS_OF)
    found = [c for c in r.credibility if c.id == "hidden_text"]
    assert len(found) == 1 and "RHIA CCS CDIP" in found[0].message and found[0].penalty > 0


SKILLS_ONLY = (
    "Jo Park\njo.park@example.com\nSUMMARY\n{claim}\nCERTIFICATIONS\nCPC (AAPC)\n"
    "SKILLS\nICD-10-CM, CPT, Epic\nEDUCATION\nCertificate in Medical Coding, 2014\n"
)


@pytest.mark.parametrize(
    "claim",
    [
        "Coding professional. 15+ years.",
        "Over 12 years of experience in medical coding and auditing.",
        "A coder with 8 years’ hands-on experience as an inpatient coder.",
        "20 yrs in HIM leadership",
    ],
)
def test_years_claimed_with_no_dated_job_are_a_finding(report_from, claim):
    r = report_from(SKILLS_ONLY.format(claim=claim))
    found = [c for c in r.credibility if c.id == "years_without_jobs"]
    assert found and found[0].penalty > 0 and found[0].evidence, [c.id for c in r.credibility]


@pytest.mark.parametrize(
    "text",
    [
        # the years are dated (a 30-year career with its last 14 years listed is normal)
        "Pat Lee\nSUMMARY\n30 years of experience in health information\nEXPERIENCE\n"
        "HIM Director | Valley Health | 2012 - Present\n- Lead 40 staff\n",
        # dates written in prose that may not be read as positions: not the candidate's fault
        "Pat Lee\nSUMMARY\nI bring 10 years of experience in coding.\nABOUT ME\n"
        "I joined Valley Clinic in March 2016 as a coder and I am still there.\n",
        # under the minimum, or not a claim of experience
        "Pat Lee\nSUMMARY\n2 years in medical billing; records kept for 10 years\nSKILLS\nCPT\n",
    ],
)
def test_years_that_are_dated_or_not_claims_are_not_flagged(report_from, text):
    r = report_from(text)
    assert "years_without_jobs" not in [c.id for c in r.credibility]


def test_years_claimed_beyond_the_dated_jobs_are_a_finding(report_from):
    text = (
        "Pat Lee\nSUMMARY\nCoding leader with 15+ years of experience.\nEXPERIENCE\n"
        "Medical Coder | Valley Health | Jan 2024 - Present\n- Coded office visits\n"
    )
    assert "years_without_jobs" in [c.id for c in report_from(text).credibility]


def test_other_peoples_apprentice_designation_is_no_pair(report_from):
    text = (
        "Pat Lee\nEXPERIENCE\nCoding Supervisor | Valley Health | Jan 2012 - Present\n"
        "- Mentored 6 CPC-A apprentices through their first year\nCERTIFICATIONS\nCPC, AAPC\n"
    )
    assert "apprentice_and_full" not in [c.id for c in report_from(text).credibility]


def test_a_duration_with_no_number_is_read_without_error(report_from):
    r = report_from("Jane Doe\nSUMMARY\nI have coded outpatient charts for the last several years.\n")
    assert r.error is None
