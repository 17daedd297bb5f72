"""Which jobs are coding work, and whether a resume is a medical-coding resume (issue 11,
classes 2 and 3). Each case is a small resume; the findings are checked, not the wording."""

from __future__ import annotations

import pytest

# (resume text, expected (title, coding_related) per position)
JOBS = {
    "claims processor naming code sets": (
        "EXPERIENCE\nClaims Processor | Prairie Health Plan | 2016 - 2022\n"
        "- Adjudicated professional claims, checking CPT and ICD-10 codes against policy",
        [("Claims Processor", False)],
    ),
    "AR follow-up": (
        "EXPERIENCE\nAR Follow-Up Representative | Summit Billing | 2019 - Present\n"
        "- Worked denials and corrected CPT codes on rejected claims before resubmitting",
        [("AR Follow-Up Representative", False)],
    ),
    "patient access": (
        "EXPERIENCE\nPatient Access Specialist | Mercy Hospital | 2018 - Present\n"
        "- Registered ED patients and verified insurance eligibility",
        [("Patient Access Specialist", False)],
    ),
    "file clerk scanning": (
        "EXPERIENCE\nFile Clerk | County Clinic | 2015 - 2020\n- Filed and scanned paper records",
        [("File Clerk", False)],
    ),
    "medical records clerk is HIM work": (
        "EXPERIENCE\nMedical Records Clerk | County Clinic | 2015 - 2020\n"
        "- Scanned and indexed records; processed release of information requests",
        [("Medical Records Clerk", True)],
    ),
    "HIM specialist": (
        "EXPERIENCE\nHIM Specialist | Valley Hospital | 2012 - Present\n"
        "- Analyzed discharged charts for deficiencies",
        [("HIM Specialist", True)],
    ),
    "billing job assigning codes (design.md: billing does not count)": (
        "EXPERIENCE\nMedical Billing Specialist | Family Practice | 2017 - 2023\n"
        "- Assigned CPT and ICD-10 codes to office visits and submitted claims",
        [("Medical Billing Specialist", False)],
    ),
    "neutral title decided by duties: coding": (
        "EXPERIENCE\nAssociate | Lakeside Clinic | 2020 - Present\n"
        "- Coded emergency department visits and abstracted diagnoses",
        [("Associate", True)],
    ),
    "neutral title decided by duties: scanning is not coding": (
        "EXPERIENCE\nAssociate | Lakeside Clinic | 2020 - Present\n"
        "- Scanned and indexed documents into the EHR",
        [("Associate", False)],
    ),
    "night auditor at a hotel": (
        "EXPERIENCE\nNight Auditor | Harbor Inn | 2014 - 2019\n- Balanced the daily ledger",
        [("Night Auditor", False)],
    ),
    "patient service representative": (
        "EXPERIENCE\nPatient Service Representative | Valley Clinic | 2015 - 2020\n"
        "- Scheduled visits and coded appointment types in the scheduling system",
        [("Patient Service Representative", False)],
    ),
    "admissions clerk": (
        "EXPERIENCE\nAdmissions Clerk | Mercy Hospital | 2015 - 2020\n- Entered ICD-10 admitting diagnoses",
        [("Admissions Clerk", False)],
    ),
    "medical transcriptionist": (
        "EXPERIENCE\nMedical Transcriptionist | Radiology Group | 2010 - 2015\n"
        "- Transcribed 300 radiology reports a day",
        [("Medical Transcriptionist", False)],
    ),
    "coding auditor": (
        "EXPERIENCE\nCoding Auditor | Harbor Health | 2014 - 2019\n- Audited 40 charts a week",
        [("Coding Auditor", True)],
    ),
    # Billing work names codes in passing: the codes on a claim or a charge are not coding.
    "reimbursement specialist entering coded charges": (
        "EXPERIENCE\nReimbursement Specialist | Lakeview Cardiology | 2017 - Present\n"
        "- Enter charges from superbills with CPT and ICD-10 codes\n"
        "- Resolve claim rejections from the clearinghouse and resubmit",
        [("Reimbursement Specialist", False)],
    ),
    "revenue cycle specialist correcting coding on denied claims": (
        "EXPERIENCE\nRevenue Cycle Specialist | Northside Pediatrics | 2018 - Present\n"
        "- Corrected coding on denied claims and resubmitted\n- Posted insurance payments",
        [("Revenue Cycle Specialist", False)],
    ),
    "claims coordinator checking codes on claims": (
        "EXPERIENCE\nClaims Coordinator | Ortho Group | 2016 - 2022\n"
        "- Ensure correct CPT and ICD-10 codes on claims submitted to payers\n"
        "- Checked coding on outgoing claims for modifier errors",
        [("Claims Coordinator", False)],
    ),
    "one paragraph of billing duties": (
        "EXPERIENCE\nPractice Associate | Hill Clinic | 2015 - 2021\n"
        "Reviewed CPT codes on rejected claims. Keyed ICD-10 codes and diagnoses from encounter "
        "forms. Scrubbed claims before submission. Worked the A/R report.",
        [("Practice Associate", False)],
    ),
    # A title naming billing and coding is decided by its duties: no coding act, no coding job.
    "billing and coding title, billing duties": (
        "EXPERIENCE\nBilling & Coding Specialist | Family Practice | 2018 - Present\n"
        "- Submitted 80 claims a day through Availity\n- Posted ERA payments and worked the A/R report\n"
        "- Reviewed CPT and ICD-10 codes on rejected claims before resubmitting",
        [("Billing & Coding Specialist", False)],
    ),
    "billing and coding title, coding duties": (
        "EXPERIENCE\nBilling & Coding Specialist | Family Practice | 2018 - Present\n"
        "- Code orthopedic office visits from provider notes and enter charges\n"
        "- Work the A/R report for balances over 60 days\n- Post payments and adjustments",
        [("Billing & Coding Specialist", True)],
    ),
    "medical biller/coder with no duties listed": (
        "EXPERIENCE\nMedical Biller/Coder | Family Practice | 2018 - Present",
        [("Medical Biller/Coder", True)],
    ),
    "neutral title: a coder who also posts payments": (
        "EXPERIENCE\nReimbursement Specialist | Valley Clinic | 2019 - Present\n"
        "- Code 40 office visits a day from provider notes\n"
        "- Query providers on missing documentation\n- Post payments from EOBs",
        [("Reimbursement Specialist", True)],
    ),
}


@pytest.mark.parametrize("case", sorted(JOBS))
def test_which_jobs_are_coding_work(findings_from, case):
    text, expected = JOBS[case]
    positions = findings_from(text).experience.positions
    assert [(p.title, p.coding_related) for p in positions] == expected


DOMAIN = {
    # A career spent elsewhere outweighs one short coding stint long ago.
    "nurse with a coding internship": (
        "SUMMARY\nRegistered nurse with twelve years of bedside care.\nEXPERIENCE\n"
        "Staff Nurse | St. Luke's Hospital | 2012 - Present\n- Cared for 5 patients per shift\n"
        "Coding Intern | St. Luke's Hospital | Summer 2011\n- Abstracted diagnoses\n"
        "SKILLS\nEpic, ICD-10, CPT",
        False,
    ),
    "biller with one coding year a decade ago": (
        "EXPERIENCE\nBilling Manager | Summit Billing | 2014 - Present\n- Managed 6 billers\n"
        "Medical Coder | Summit Billing | 2013 - 2014\n- Coded office visits\n"
        "Billing Specialist | Summit Billing | 2005 - 2013\n- Posted payments\n"
        "SKILLS\nICD-10-CM, CPT, HCPCS",
        False,
    ),
    "biller holding a billing credential": (
        "EXPERIENCE\nMedical Biller | Oak Clinic | 2016 - Present\n- Submitted 80 claims a day\n"
        "CERTIFICATIONS\nCPB (AAPC)\nSKILLS\nICD-10-CM, CPT, HCPCS Level II",
        False,
    ),
    # Coding acronyms in other trades.
    "air traffic controller": (
        "EXPERIENCE\nAir Traffic Controller | FAA Tower | 2010 - Present\n"
        "- Served as Controller in Charge (CIC) on 300+ shifts\n"
        "- Certified CIC and CTO for the facility\nCERTIFICATIONS\nCIC, CTO",
        False,
    ),
    "digital marketer": (
        "EXPERIENCE\nDigital Marketing Manager | Brightline | 2017 - Present\n"
        "- Lowered CPC by 22% and raised CTR to 3.1% on paid search\n"
        "SKILLS\nGoogle Ads, CPC bidding, CTR optimisation",
        False,
    ),
    "warehouse career with an unpaid coding internship last": (
        "SUMMARY\nOperations supervisor looking for a warehouse role.\nEXPERIENCE\n"
        "Operations Supervisor | Freight Co | 2010 - 2025\n- Supervised 30 associates\n"
        "Medical Coding Intern (unpaid) | County Clinic | March 2026 - May 2026\n"
        "- Coded office visits with ICD-10-CM and CPT",
        False,
    ),
    "marketer writing about coding": (
        "EXPERIENCE\nPerformance Marketing Manager | Agency | 2020 - Present\n"
        "- Wrote ad copy for medical coding courses; ICD-10 coding made easy campaign\n"
        "- Cut CPC from $3.10 to $1.85 while lifting CTR to 6.2%",
        False,
    ),
    "EHR systems analyst": (
        "EXPERIENCE\nEpic Resolute PB Analyst | Health System | 2019 - Present\n"
        "- Built claim-edit rules for CPT/HCPCS modifier logic and NCCI edits",
        False,
    ),
    # Positives: a career change into coding, a new graduate with a credential.
    "career changer now coding": (
        "EXPERIENCE\nMedical Coder | Valley Clinic | Jan 2025 - Present\n- Code 60 visits a day\n"
        "Store Manager | Big Box | 2012 - 2024\n- Led 20 associates\n"
        "CERTIFICATIONS\nCPC (AAPC)",
        True,
    ),
    "new graduate with an externship": (
        "EXPERIENCE\nCoding Extern (unpaid) | City Clinic | Spring 2026\n- Abstracted diagnoses\n"
        "Server | Diner | 2019 - Present\n- Served tables\nCERTIFICATIONS\nCCA (AHIMA)",
        True,
    ),
    # Billers holding a billing credential and naming code sets (design.md: billing does not count).
    "reimbursement specialist holding the CMRS": (
        "PROFILE\nCertified Medical Reimbursement Specialist (CMRS): charge entry, claims, posting.\n"
        "WORK HISTORY\nReimbursement Specialist, Lakeview Cardiology, 03/2017 - Present\n"
        "- Enter charges from superbills with CPT and ICD-10 codes\n"
        "- Resolve claim rejections from the clearinghouse and resubmit\n"
        "Accounts Receivable Specialist, Midwest Billing, 2013 - 2017\n- Called payers on aged accounts\n"
        "CREDENTIALS\nCMRS - American Medical Billing Association",
        False,
    ),
    "revenue cycle specialist holding the CPB": (
        "SUMMARY\nRevenue cycle specialist with six years in physician billing.\nEXPERIENCE\n"
        "Revenue Cycle Specialist | Northside Pediatrics | June 2018 - Present\n"
        "- Submitted claims and worked the clearinghouse rejection queue\n"
        "- Corrected coding on denied claims and resubmitted\n- Posted insurance payments\n"
        "Patient Account Representative | Mercy Clinic | 2015 - 2018\n- Set up payment plans\n"
        "CERTIFICATIONS\nCertified Professional Biller (CPB), AAPC\nSKILLS\nICD-10, CPT, HCPCS, Epic",
        False,
    ),
    "billing and coding specialist doing billing, with the CPB": (
        "SUMMARY\nMedical billing and coding professional focused on clean claims.\nEXPERIENCE\n"
        "Billing & Coding Specialist | Family Practice | 2018 - Present\n"
        "- Submitted 80 claims a day through Availity\n- Posted ERA payments and worked the A/R report\n"
        "- Reviewed CPT and ICD-10 codes on rejected claims before resubmitting\n"
        "CERTIFICATIONS\nCPB (AAPC)\nSKILLS\nCPT, ICD-10-CM, HCPCS",
        False,
    ),
    # ... but a coder who also bills, or a biller now coding, is a coder.
    "coder who also did billing": (
        "EXPERIENCE\nMedical Coder | Valley Clinic | 2020 - Present\n- Code 60 office visits a day\n"
        "Medical Biller | Valley Clinic | 2015 - 2020\n- Posted payments and worked denials\n"
        "CERTIFICATIONS\nCPC (AAPC)\nCPB (AAPC)",
        True,
    ),
    "biller who moved into coding": (
        "EXPERIENCE\nCoding Specialist | Mercy Hospital | Feb 2025 - Present\n"
        "- Code 45 ED visits a day with ICD-10-CM and CPT\n"
        "Medical Billing Specialist | Mercy Hospital | 2012 - 2025\n"
        "- Submitted claims and worked the A/R report\nCERTIFICATIONS\nCPB, CPC (AAPC)",
        True,
    ),
    "neutral title with coding duties and some billing": (
        "EXPERIENCE\nReimbursement Specialist | Valley Clinic | 2019 - Present\n"
        "- Code 40 office visits a day from provider notes\n"
        "- Query providers on missing documentation\n- Post payments from EOBs\n"
        "CERTIFICATIONS\nCPC (AAPC)",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(DOMAIN))
def test_domain_of_the_whole_career(findings_from, case):
    text, coding = DOMAIN[case]
    assert findings_from(text).domain.medical_coding is coding


@pytest.mark.parametrize(
    "text",
    [
        DOMAIN["air traffic controller"][0],
        DOMAIN["digital marketer"][0],
        "EXPERIENCE\nNetwork Engineer | Acme | 2015 - Present\n- Passed the CCNA; built CCS-2 racks"
        "\nCERTIFICATIONS\nCCNA, AZ-900, CCS-9921 badge",
        "EXPERIENCE\nEMT | County EMS | 2016 - Present\n- Licensed EMT; CRC-2 protocol trained",
        # No definition in the document: the trade decides.
        "EXPERIENCE\nTower Supervisor | Regional Airport | 2008 - Present\n- Ran the tower shift"
        "\nCERTIFICATIONS\nCIC, CTO, FAA Control Tower Operator",
    ],
)
def test_coding_acronyms_of_other_trades_are_not_credentials(findings_from, text):
    assert findings_from(text).credentials == []


def test_a_coding_credential_named_with_its_body_stays_in_another_career(findings_from):
    text = (
        "EXPERIENCE\nStaff Nurse | Mercy | 2015 - Present\n- Cared for 5 patients per shift"
        "\nCERTIFICATIONS\nRN, Ohio\nCCS (AHIMA), 2019"
    )
    assert sorted(c.id for c in findings_from(text).credentials) == ["CCS", "RN"]


@pytest.mark.parametrize(
    "line, held",
    [
        ("CCS-9921 network badge, CPC", ["CPC"]),
        ("Completed course CIC-200B; CRC", ["CRC"]),
        ("CPC - 2021, RHIT", ["CPC", "RHIT"]),  # a year after a dash is the year earned
        ("CPC-certified coder; CCS", ["CCS", "CPC"]),
        ("CPC-A (AAPC)", ["CPC-A"]),
    ],
)
def test_an_acronym_at_the_front_of_a_longer_code(findings_from, line, held):
    creds = findings_from("CERTIFICATIONS\n" + line).credentials
    assert sorted(c.id for c in creds if c.status in ("held", "apprentice")) == held


def test_a_bare_credential_stays_when_the_rest_of_the_resume_says_coding(findings_from):
    text = (
        "SUMMARY\nNew medical coder looking for a first coding role.\nEXPERIENCE\n"
        "Server | Diner | 2019 - Present\n- Served tables\nCERTIFICATIONS\nCPC\n"
        "SKILLS\nICD-10-CM, CPT, HCPCS Level II"
    )
    found = findings_from(text)
    assert [(c.id, c.status) for c in found.credentials] == [("CPC", "held")]
    assert found.domain.medical_coding


BILLER = [
    "Dana Whitfield",
    "dana.whitfield@example.com",
    "# Summary",
    "Billing professional with nine years in claims submission, payment posting and denials.",
    "# Highlights",
    "ICD-10, CPT and HCPCS",
    "Microsoft Office, NextGen, Medisoft",
    "# Experience",
    "01/2016 to Current",
    "Medical Billing Specialist Company Name - City , State",
    "Submit electronic claims to Medicare, Medicaid and commercial payers daily.",
    "Review CPT and ICD-10 codes on rejected claims and resubmit within 48 hours.",
    "06/2012 to 12/2015",
    "AR Follow-Up Representative Company Name - City , State",
    "Called payers on unpaid claims and filed appeals with supporting documentation.",
    "# Certifications",
    "CPB, AAPC",
]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_a_billing_career_is_not_coding_in_every_format(analyzer, fmt):
    from tests.fixtures.plain import findings

    found = findings(analyzer, BILLER, fmt, "biller")
    assert [(p.title, p.coding_related) for p in found.experience.positions] == [
        ("Medical Billing Specialist", False),
        ("AR Follow-Up Representative", False),
    ]
    assert found.experience.years == 0.0 and not found.domain.medical_coding


# A biller whose long duties wrap onto several lines in the PDF: the duties are read whole in
# every format, and a coder who also bills stays a coder.
BILLER_WRAPPED = [
    "Robin Okafor",
    "robin.okafor@example.com",
    "# Summary",
    "Medical billing and coding professional with seven years of claims, posting and A/R follow-up.",
    "# Experience",
    "Reimbursement Specialist | Lakeview Cardiology | 2019 - Present",
    "- Enter charges from superbills with the CPT and ICD-10 codes on each encounter form, then resolve "
    "claim rejections from the clearinghouse and resubmit corrected claims within 48 hours",
    "- Corrected coding on denied claims after payer edits, posted ERA payments and reconciled daily "
    "deposits against the bank statement for a 9-provider cardiology group",
    "Insurance Billing Coordinator | Heartland Family Medicine | 2016 - 2019",
    "- Followed up on unpaid claims over 60 days and filed appeals",
    "# Certifications",
    "CMRS (AMBA), 2017",
    "# Skills",
    "CPT, ICD-10-CM, HCPCS Level II, Kareo, Availity",
]
CODER_WHO_BILLS = [
    "Sam Rivera",
    "sam.rivera@example.com",
    "# Experience",
    "Reimbursement Specialist | Valley Clinic | 2019 - Present",
    "- Code 40 office visits a day from provider notes for a six-provider family practice, "
    "querying providers on missing documentation before the charges are released",
    "- Post payments from EOBs",
    "Medical Biller | Valley Clinic | 2015 - 2019",
    "- Submitted claims and worked denials",
    "# Certifications",
    "CPC (AAPC), 2019; CPB (AAPC), 2016",
    "# Skills",
    "ICD-10-CM, CPT, HCPCS Level II",
]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(
    "lines, jobs, coding",
    [
        (BILLER_WRAPPED, [False, False], False),
        (CODER_WHO_BILLS, [True, False], True),
    ],
    ids=["biller", "coder who bills"],
)
def test_billing_and_coding_careers_in_every_format(analyzer, fmt, lines, jobs, coding):
    from tests.fixtures.plain import findings

    found = findings(analyzer, lines, fmt)
    assert [p.coding_related for p in found.experience.positions] == jobs
    assert found.domain.medical_coding is coding
