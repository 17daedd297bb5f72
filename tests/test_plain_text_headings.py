"""Plain-text headings drawn with rules of characters ("==== WORK ====", "----- SKILLS -----",
"*** EXPERIENCE ***") are headings however long the rule, and never glued to the line after
them by the hard-wrap repair."""

from __future__ import annotations

import pytest


BODY = (
    "Kai Nakoa\nkai@example.com | 808-555-0133\n"
    "{rule} SUMMARY {rule}\n"
    "Health information student finishing an associate degree and an unpaid practicum in the\n"
    "HIM department of a community hospital, looking for a first coding role this winter.\n"
    "{rule} EXPERIENCE {rule}\n"
    "Shift Lead, Harbor Market (grocery) - Hilo, HI | June 2022 - present\n"
    "- Open and close the store and train new cashiers on the registers every week of the year\n"
    "{rule} SKILLS {rule}\n"
    "Coding: ICD-10-CM, CPT, HCPCS Level II\n"
)


@pytest.mark.parametrize("rule", ["=" * 30, "-" * 25, "*" * 3, "~" * 12, "#" * 20])
def test_ruled_headings(doc_from, rule):
    doc = doc_from(BODY.format(rule=rule))
    headings = [ln.section for ln in doc.lines if ln.heading]
    assert headings == ["summary", "experience", "skills"]
    job = next(ln for ln in doc.lines if ln.text.startswith("Shift Lead"))
    assert job.section == "experience"  # its own line, not glued to the heading


def test_a_rule_alone_is_no_heading_and_ends_a_paragraph(doc_from):
    text = (
        "Kai Nakoa\nEXPERIENCE\nCoder, Lakeside Clinic | 2019 - Present\n"
        "- Coded outpatient visits and procedures for four surgeons and two nurse practitioners\n"
        + "=" * 70 + "\nReferences on request\n"
    )  # fmt: skip
    doc = doc_from(text)
    assert [ln.text for ln in doc.lines if ln.heading] == ["EXPERIENCE"]
    assert "References on request" in [ln.text for ln in doc.lines]


def test_a_grocery_job_under_a_ruled_heading_is_no_coding_work(findings_from):
    f = findings_from(BODY.format(rule="=" * 31).split("\n", 1)[1])
    assert [(p.title, p.coding_related) for p in f.experience.positions] == [("Shift Lead", False)]


@pytest.mark.parametrize(
    "header",
    [
        "Medical Coder, Lakeside Clinic ........................ Jun 2021 - present",
        "Medical Coder, Lakeside Clinic . . . . . . . . Jun 2021 - present",
        "Medical Coder, Lakeside Clinic ... Jun 2021 - present",
    ],
)
def test_dot_leaders_are_a_field_break(findings_from, header):
    f = findings_from(f"EXPERIENCE\n{header}\n- Coded urgent care visits\n")
    assert [(p.title, p.employer, p.start) for p in f.experience.positions] == [
        ("Medical Coder", "Lakeside Clinic", "2021-06")
    ]


def test_an_ellipsis_in_a_sentence_stays(doc_from):
    doc = doc_from("Pat Lee\nSUMMARY\nCoding, auditing, teaching... and learning every day.\n")
    assert doc.lines[-1].text == "Coding, auditing, teaching... and learning every day."
