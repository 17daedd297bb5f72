"""The score is monotone in effort: the same person's resume in four versions (vague duties; clear
sections with credentials and tools in the bullets; plus two honest results; plus the results a
hiring manager of that stage and track asks for) scores higher at every step, and the last at
least 30 above the first. Four careers, written for this test: entry, mid, senior, risk adjustment.
Also: an honest resume beats a keyword-stuffed one of the same stage by 15 or more."""

from __future__ import annotations

import pytest

# Each ladder: (version 1, 2, 3, 4). Versions 3 and 4 add lines to the one before.
ENTRY = (
    """Maya Ortiz
maya.ortiz@example.com
Work
Coding Specialist, Lakeshore Family Clinic, June 2025 - Present
Responsible for coding office visits and helping the billing team.
Worked on charts for the doctors and fixed errors when asked.
School
Medical coding certificate, Harbor Community College, 2025
""",
    """Maya Ortiz
maya.ortiz@example.com | 555-014-2271
EXPERIENCE
Medical Coder I | Lakeshore Family Clinic, Milwaukee, WI | Jun 2025 - Present
- Assign ICD-10-CM, CPT and E/M codes to family medicine office visits in athenahealth
- Review modifier 25 and 59 use before claims go to the clearinghouse
CERTIFICATIONS
CPC-A, AAPC, 2025
EDUCATION
Medical Coding Certificate, Harbor Community College, 2025
SKILLS
ICD-10-CM, CPT, HCPCS Level II, E/M, modifiers; athenahealth; Find-A-Code
""",
    "{v2}- Code 70 office visits per day against a 60-visit standard\n"
    "- Scored 96% on my first two quarterly coding audits\n",
    "{v3}- Keep first-pass claim acceptance at 97% on primary care claims\n"
    "- Cut modifier-25 denials from 9% to 4% in six months by flagging missing notes\n",
)

MID = (
    """Andre Bishop
Coder
Memorial Outpatient Center 2022 to now. Doing outpatient surgery coding, some ER, answering
questions from the surgeons' offices.
Before that a coding job at Northside Ortho, 2021 to 2022.
Certified.
""",
    """Andre Bishop
andre.bishop@example.com | 555-017-3380
EXPERIENCE
Outpatient Surgery Coder | Memorial Outpatient Center, Dayton, OH | Mar 2022 - Present
- Code ambulatory surgery cases with CPT, ICD-10-CM and HCPCS Level II in Epic using 3M 360 Encompass
- Apply NCCI edits and modifiers before release to billing
Professional Fee Coder | Northside Orthopedics, Dayton, OH | Feb 2021 - Feb 2022
- Coded orthopedic office visits and procedures in Cerner
CERTIFICATIONS
CPC, AAPC | COC, AAPC
SKILLS
CPT, ICD-10-CM, HCPCS Level II, modifiers, NCCI; Epic; 3M 360 Encompass
""",
    "{v2}- Code 38 same-day surgery cases per day at 97% audited accuracy\n"
    "- Raised first-pass claim acceptance from 91% to 96% by fixing implant HCPCS codes\n",
    "{v3}- Cut coding-related denials 30% in 2025 by reworking the bilateral modifier workflow\n"
    "- Found $140K in missed device charges during a 2024 charge reconciliation\n"
    "- Train 3 new coders on the ambulatory surgery workqueue\n",
)

SENIOR = (
    """Grace Lindqvist
Quality person for coding at Bay Regional for a long time (2018 on). Did coding for years
before that at Harbor Hospital, 2011 to 2018. Audits and teaching. RHIT and auditor cert.
""",
    """Grace Lindqvist
grace.lindqvist@example.com | 555-019-4410
EXPERIENCE
Coding Quality Auditor | Bay Regional Health, Tampa, FL | Jan 2018 - Present
- Audit inpatient MS-DRG and ICD-10-PCS assignment in Epic with 3M 360 Encompass
- Educate coders and physicians on audit findings and documentation gaps
Inpatient Coder | Harbor Hospital, Tampa, FL | Jul 2011 - Dec 2017
- Coded inpatient stays with ICD-10-CM/PCS and MS-DRG
CERTIFICATIONS
RHIT, AHIMA | CCS, AHIMA | CPMA, AAPC
SKILLS
ICD-10-CM, ICD-10-PCS, MS-DRG, APR-DRG; Epic; 3M 360 Encompass
""",
    "{v2}- Audit 1,100 inpatient records a year across 6 service lines\n"
    "- Held 96% DRG accuracy as an inpatient coder on quarterly reviews\n",
    "{v3}- Audits found a 7% DRG change rate; corrections recovered $380K in FY2025\n"
    "- Led 24 coder education sessions; repeat errors fell from 11% to 5%\n",
)

RISK = (
    """Tomas Reyes
HCC coder at Summit Health Plan since 2022, reviewing charts for diagnoses. Earlier did
office coding at Greenway Clinic from 2020.
""",
    """Tomas Reyes
tomas.reyes@example.com | 555-012-8890
EXPERIENCE
Risk Adjustment Coder II | Summit Health Plan, Denver, CO | Apr 2022 - Present
- Review Medicare Advantage charts for CMS-HCC V28 diagnoses with MEAT support in Epic
- Abstract ICD-10-CM codes for retrospective chart reviews
Medical Coder | Greenway Clinic, Denver, CO | Jan 2020 - Mar 2022
- Coded primary care office visits and annual wellness visits in athenahealth
CERTIFICATIONS
CRC, AAPC | CPC, AAPC
SKILLS
ICD-10-CM, HCC, CPT; Epic; athenahealth
""",
    "{v2}- Review 4.5 charts per hour on 40-page records against a 4-chart target\n"
    "- Scored 97% on monthly QA reviews of my HCC coding\n",
    "{v3}- Raised HCC recapture from 71% to 83% for 9,000 members through pre-visit review\n"
    "- Held 95% inter-rater agreement with the QA team in 2025\n",
)


def _versions(ladder: tuple[str, ...]) -> list[str]:
    v1, v2, add3, add4 = ladder
    v3 = add3.format(v2=v2)
    return [v1, v2, v3, add4.format(v3=v3)]


@pytest.mark.parametrize(
    "ladder, level",
    [(ENTRY, "entry"), (MID, "mid"), (SENIOR, "senior"), (RISK, "mid")],
    ids=["entry", "mid", "senior", "risk_adjustment"],
)
def test_ladder_rises_at_every_step(report_from, ladder, level):
    reports = [report_from(text) for text in _versions(ladder)]
    scores = [r.score.overall for r in reports]
    assert all(a < b for a, b in zip(scores, scores[1:])), scores
    assert scores[3] >= scores[0] + 30, scores
    assert reports[3].stage.level == level
    # nothing in an honest ladder is doubted
    assert all(r.credibility == [] for r in reports), [c.message for r in reports for c in r.credibility]


def test_risk_adjustment_ladder_is_judged_on_its_track(report_from):
    top = report_from(_versions(RISK)[3])
    assert top.stage.track == "risk adjustment"
    asked = {s.id for s in top.suggestions if s.category == "missing_metric"}
    assert asked == set()  # HCC recapture, agreement and charts per hour are all there
    middle = report_from(_versions(RISK)[2])
    asked = {s.id for s in middle.suggestions if s.category == "missing_metric"}
    assert asked == {"metric.hcc_capture"}  # accuracy stands in for agreement; denials never asked


STUFFED = """Maya Ortiz
maya.ortiz@example.com | 555-014-2271
SUMMARY
Top coder: 99% accuracy, 150 charts/day, 0% denials, $300K recovered, 98% first pass.
CORE COMPETENCIES
CPC-A, CPC, CRC, CCS, COC, CPB, RHIT, CDIP, CPMA | ICD-10-CM, ICD-10-PCS, CPT, HCPCS Level II, E/M,
modifiers, NCCI, MS-DRG, APR-DRG, HCC | Epic, Cerner, Meditech, athenahealth, 3M 360 Encompass,
Optum EncoderPro, TruCode | cardiology, orthopedics, oncology, radiology, emergency medicine
EDUCATION
Medical Coding Certificate, Harbor Community College, 2025
"""


def test_honest_entry_beats_keyword_stuffed_entry(report_from):
    honest = report_from(_versions(ENTRY)[3])
    stuffed = report_from(STUFFED)
    assert honest.score.overall >= stuffed.score.overall + 15
    assert stuffed.score.components["code_sets_and_tools"].score == 0
    assert any(c.id == "credentials_outrun_years" for c in stuffed.credibility)
