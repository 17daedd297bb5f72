"""Tools as real resumes name them (issue 11, class 5): Office apps with or without a prefix and
in shared-prefix lists, a wider healthcare product vocabulary, common misspellings, and unlisted
products in a software list reported with a lower confidence."""

from __future__ import annotations

import pytest


def tools(findings) -> dict[str, float]:
    return {t.id: t.confidence for t in findings.tools}


OFFICE = [
    ("MS Word/Excel/PowerPoint", ["Microsoft Excel", "Microsoft PowerPoint", "Microsoft Word"]),
    ("Excel, Access and Outlook", ["Microsoft Access", "Microsoft Excel", "Microsoft Outlook"]),
    (
        "Microsoft Office (Word, Excel, Outlook, Teams)",
        ["Microsoft Excel", "Microsoft Office", "Microsoft Outlook", "Microsoft Teams", "Microsoft Word"],
    ),
    ("Word, PowerPoint, Visio", ["Microsoft PowerPoint", "Microsoft Visio", "Microsoft Word"]),
    ("Microsoft Teams and SharePoint", ["Microsoft SharePoint", "Microsoft Teams"]),
    ("Excell and Word", ["Microsoft Excel", "Microsoft Word"]),
    # Ordinary words that are also app names, outside an Office list.
    ("Patient Access, Scheduling, Word processing", []),
    ("Led teams of six; Access to records", []),
]


@pytest.mark.parametrize("line, expected", OFFICE)
def test_office_apps(findings_from, line, expected):
    assert sorted(tools(findings_from("SKILLS\n" + line))) == expected


VOCABULARY = [
    ("Practice management: Kareo, AdvancedMD, PracticeSuite", ["AdvancedMD", "Kareo", "PracticeSuite"]),
    ("Clearinghouses: Availity, Waystar, SSI Group", ["Availity", "SSI Group", "Waystar"]),
    ("Document imaging in SoftMed and OnBase", ["Document imaging", "Hyland OnBase"]),
    ("Oncology systems: ARIA and MOSAIQ", ["Elekta MOSAIQ", "Varian ARIA"]),
    ("Payer platforms: Facets, QNXT", ["Facets", "QNXT"]),
    ("CDI software: ChartWise, Nuance CDE One", ["ChartWise", "Nuance CDE One"]),
    ("ED charts in T-System; radiology reads in PowerScribe 360", ["PowerScribe", "T-System"]),
    # Each military record system is its own product; an old 3M encoder is the 3M family.
    ("Army clinics: AHLTA, CHCS and Essentris", ["AHLTA", "CHCS", "Essentris"]),
    ("Coded in 3M Medicode for the trust", ["3M 360 Encompass"]),
    # Misspellings and spacings.
    ("NexGen EHR", ["NextGen"]),
    ("Athena Health", ["athenahealth"]),
    ("Systems: Athena, Kareo", ["Kareo", "athenahealth"]),
    ("Referred by Athena Rodriguez; charted in Epic", ["Epic"]),  # a first name, not the product
    ("e-ClinicalWorks", ["eClinicalWorks"]),
    ("Cerner Millenium", ["Cerner"]),
    ("Allscript", ["Allscripts"]),
]


@pytest.mark.parametrize("line, expected", VOCABULARY)
def test_healthcare_vocabulary(findings_from, line, expected):
    found = tools(findings_from("SKILLS\n" + line))
    assert sorted(found) == expected and set(found.values()) == {1.0}


@pytest.mark.parametrize(
    "text, unlisted",
    [
        ("SKILLS\nSystems: Epic, Quillbase, RecordRight 5", ["Quillbase", "RecordRight 5"]),
        ("SOFTWARE\nCerner; ZenCharts Pro; Tallyworks", ["Tallyworks", "ZenCharts Pro"]),
        ("SKILLS\nEHR/Software - Meditech, Chartwell Suite", ["Chartwell Suite"]),
        # Not software lists, or not names.
        ("SKILLS\nMedical Terminology, Customer Service, Scheduling", []),
        ("SKILLS\nComputer skills: Typing 60 wpm, Data Entry, Windows", []),
        ("Pat Lee\nSenior Software Engineer - Data Platforms", []),
        ("SOFTWARE\nCODE SETS\nICD-10-CM, CPT, HCPCS", []),
    ],
)
def test_unlisted_products_in_software_lists(findings_from, text, unlisted):
    found = tools(findings_from(text))
    assert sorted(t for t, c in found.items() if c < 1.0) == unlisted
    assert all(c == 0.5 for t, c in found.items() if t in unlisted)
