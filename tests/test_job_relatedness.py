"""Whether a job is coding/HIM work: a job outside healthcare (a grocery or retail shift lead, a
warehouse or restaurant manager, an inventory or loss-prevention auditor, a title abstractor) is
never coding work, even when its title says "auditor", "compliance" or "records" and its duties
say "records", "codes", "audited", "accuracy" or "data entry"; a real coding or HIM job with few
keywords (a bare title, a department, one duty) still is."""

from __future__ import annotations

import pytest

from tests.fixtures.plain import findings

CODER = [
    "# Experience",
    "Medical Coder | Mercy Clinic | Jan 2023 - Present",
    "- Code office visits with ICD-10-CM and CPT",
]

NOT_HEALTHCARE = {
    "grocery shift lead": [
        "Shift Lead | FreshMart Grocery | 2016 - 2022",
        "- Updated price codes on shelf tags and kept shift records",
        "- Entered inventory codes with 99% accuracy",
        "- Data entry of vendor invoices; audited cash records",
    ],
    "distribution center lead": [
        "Operations Lead | Home Depot Distribution Center | 2016 - 2022",
        "- Audited inbound shipment records",
        "- Coded returns with reason codes, 98% accuracy",
    ],
    "fast-food shift supervisor": [
        "Shift Supervisor | Wendy's | 2016 - 2022",
        "- Audited cash records; coded waste reports",
    ],
    "restaurant manager": [
        "Restaurant Manager | Blue Plate Diner | 2014 - 2022",
        "- Kept daily records and coded menu items in the POS",
        "- Audited tickets for accuracy; data entry of invoices",
    ],
    "inventory auditor": [
        "Inventory Auditor | RGIS | 2016 - 2022",
        "- Counted and coded merchandise for retail clients",
    ],
    "loss prevention auditor": [
        "Loss Prevention Auditor | Dollar General | 2016 - 2022",
        "- Audited register records",
    ],
    "freight records clerk": [
        "Shipping Records Clerk | Midwest Freight | 2016 - 2022",
        "- Data entry of bills of lading",
    ],
    "trucking compliance": [
        "Safety & Compliance Coordinator | Swift Trucking | 2016 - 2022",
        "- Kept driver logs and audited 40 driver records a month",
    ],
    "insurance data integrity": [
        "Data Integrity Analyst | Allstate Insurance | 2016 - 2022",
        "- Corrected policy records; coded claims by loss type",
    ],
    "title abstractor": [
        "Title Abstractor | First American Title | 2016 - 2022",
        "- Abstracted deed records for closings",
    ],
    "logistics analyst citing ROI": [
        "Operations Analyst | Acme Logistics | 2016 - 2022",
        "- Raised ROI on routing software; audited shipment records and coded exceptions",
    ],
    "health and safety at a plant": [
        "EHS Coordinator | Acme Manufacturing | 2016 - 2022",
        "- Audited health and safety records and coded incident reports",
    ],
}

HEALTHCARE = {
    "records technician at a hospital": [
        "Records Technician | St. Luke's Hospital | 2016 - 2022",
        "- Prepared charts for scanning",
    ],
    "HIM clerk, no duties": ["HIM Clerk | County Medical Center | 2016 - 2022"],
    "auditor reviewing charts": [
        "Auditor | Mercy Health System | 2016 - 2022",
        "- Reviewed charts",
    ],
    "neutral title assigning codes": [
        "Specialist II | Riverside Orthopedics | 2016 - 2022",
        "- Assigned CPT and ICD-10 codes to surgeries",
    ],
    "analyst abstracting": [
        "Analyst | Valley Hospital | 2016 - 2022",
        "- Abstracted inpatient records",
    ],
    "compliance auditor, no duties": ["Compliance Auditor | Mercy Health | 2016 - 2022"],
    "coder, no duties": ["Coder | Acme Partners | 2016 - 2022"],
    "role word over an HIM department": [
        "Specialist | Health Information Management | 2016 - 2022",
    ],
    "release of information with a bare employer": [
        "Records Specialist | Acme Partners | 2016 - 2022",
        "- Processed release of information requests",
    ],
    "cancer registry abstractor": [
        "Abstractor | Riverside Cancer Center | 2016 - 2022",
    ],
}


def _second_job(analyzer, lines: list[str], fmt: str):
    exp = findings(analyzer, ["Jordan Reyes", *CODER, *lines], fmt, "j").experience
    assert len(exp.positions) == 2, [p.title for p in exp.positions]
    return exp


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("case", sorted(NOT_HEALTHCARE))
def test_jobs_outside_healthcare_are_never_coding_work(analyzer, case, fmt):
    exp = _second_job(analyzer, NOT_HEALTHCARE[case], fmt)
    assert not exp.positions[1].coding_related
    assert exp.years == pytest.approx(3.9, abs=0.05)  # the coding job alone


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("case", sorted(HEALTHCARE))
def test_coding_and_him_jobs_with_few_keywords_stay_coding_work(analyzer, case, fmt):
    exp = _second_job(analyzer, HEALTHCARE[case], fmt)
    assert exp.positions[1].coding_related
    assert exp.years == pytest.approx(9.9, abs=0.05)  # Jul 2016 - Jun 2022, then Jan 2023 on


def test_a_retail_career_with_codes_and_audits_is_not_a_coding_resume(report_from):
    text = "\n".join(
        [
            "Casey Morgan",
            "SUMMARY",
            "Retail leader with accurate records and data entry.",
            "EXPERIENCE",
            *NOT_HEALTHCARE["grocery shift lead"],
            *NOT_HEALTHCARE["distribution center lead"][:1],
            "- Audited inbound shipment records",
        ]
    )
    report = report_from(text)
    assert not any(p.coding_related for p in report.experience.positions)
    assert not report.domain.medical_coding
