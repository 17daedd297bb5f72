"""Code sets, tools and specialties: variants, renames, misspellings and negatives."""

import pytest


def ids(items):
    return {x.id for x in items}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SKILLS\nICD-10-CM, CPT, HCPCS Level II", {"ICD-10-CM", "CPT", "HCPCS Level II"}),
        ("SKILLS\nICD-10-CM/PCS", {"ICD-10-CM", "ICD-10-PCS"}),
        ("SKILLS\nICD 10 CM and ICD10PCS", {"ICD-10-CM", "ICD-10-PCS"}),
        ("SKILLS\nICD-10", {"ICD-10-CM"}),
        ("SKILLS\nICD-9-CM (legacy)", {"ICD-9-CM"}),
        ("SKILLS\nE/M leveling, E&M audits", {"E/M"}),
        ("SKILLS\nMS-DRG and APR-DRG assignment", {"MS-DRG", "APR-DRG"}),
        ("SKILLS\nCMS-HCC V24/V28, RxHCC, RAF", {"HCC"}),
        ("SKILLS\nNCCI/MUE edits", {"NCCI"}),
        ("SKILLS\nCCI edits and modifier 59", {"NCCI", "modifiers"}),
        ("SKILLS\nJ-codes and NDC crosswalk", {"HCPCS Level II"}),
        ("SKILLS\nAPC assignment under OPPS", {"APC"}),
    ],
)
def test_code_sets(findings_from, text, expected):
    assert ids(findings_from(text).code_sets) == expected


@pytest.mark.parametrize(
    "text",
    [
        "EDUCATION\nHouston Community College (HCC), Houston, TX",
        "EXPERIENCE\nReviewed imaging for hepatocellular carcinoma (HCC) follow-up",
        "EXPERIENCE\nCoded 99213 and E11.9 with modifier-free claims",
    ],
)
def test_code_set_negatives(findings_from, text):
    found = ids(findings_from(text).code_sets)
    assert "HCC" not in found and "CPT" not in found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SKILLS\nEpic Resolute HB, Epic OpTime", {"Epic": "ehr"}),
        ("SKILLS\nOracle Health (formerly Cerner)", {"Cerner": "ehr"}),
        ("SKILLS\nMeditec Expanse", {"Meditech": "ehr"}),
        ("SKILLS\nMEDITECH 6.x", {"Meditech": "ehr"}),
        ("SKILLS\n3M/Solventum 360 Encompass", {"3M 360 Encompass": "encoder"}),
        ("SKILLS\nSolventum CAC", {"3M 360 Encompass": "encoder"}),
        ("SKILLS\nEncoder Pro", {"Optum EncoderPro": "encoder"}),
        ("SKILLS\nOptum Encoder Pro", {"Optum EncoderPro": "encoder"}),
        ("SKILLS\nathenaOne and Availity", {"athenahealth": "ehr", "Availity": "clearinghouse"}),
        (
            "SKILLS\nExcel (pivot tables), Tableau",
            {"Microsoft Excel": "analytics", "Tableau": "analytics"},
        ),
        ("SKILLS\nTruCode encoder in Epic", {"TruCode": "encoder", "Epic": "ehr"}),
    ],
)
def test_tools(findings_from, text, expected):
    assert {t.id: t.category for t in findings_from(text).tools} == expected


@pytest.mark.parametrize(
    "text, absent",
    [
        ("SKILLS\nOracle Retail POS", "Cerner"),
        ("SUMMARY\nAn epic journey through retail", "Epic"),
        ("SUMMARY\nI excel at patient communication", "Microsoft Excel"),
        ("SKILLS\nPython, Go, TypeScript", "Python"),
    ],
)
def test_tool_negatives(findings_from, text, absent):
    assert absent not in ids(findings_from(text).tools)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EXPERIENCE\n- Coded internal medicine and family practice visits", {"primary care"}),
        (
            "EXPERIENCE\n- Coded ED facility levels and pro-fee charts",
            {"emergency medicine", "professional fee"},
        ),
        ("EXPERIENCE\n- Coded hematology/oncology infusion encounters", {"oncology"}),
        (
            "EXPERIENCE\n- Coded ASC cases for orthopaedic surgeons",
            {"ambulatory surgery", "orthopedics"},
        ),
        (
            "EXPERIENCE\n- Retrospective risk adjustment reviews for Medicare Advantage",
            {"risk adjustment"},
        ),
        (
            "EXPERIENCE\n- Coded PT/OT encounters for an outpatient clinic",
            {"rehabilitation therapy", "outpatient"},
        ),
    ],
)
def test_specialties(findings_from, text, expected):
    assert ids(findings_from(text).specialties) == expected


def test_specialty_goal_and_credential_names_are_not_specialties(findings_from):
    f = findings_from(
        "SUMMARY\nCoder with two years in radiology. Seeking an inpatient role.\n"
        "CERTIFICATIONS\nCCC - Certified Cardiology Coder (AAPC)"
    )
    assert ids(f.specialties) == {"radiology"}
