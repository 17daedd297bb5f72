"""Job-description match: requirements read from varied postings, either-or credentials, years,
settings, required vs preferred, score ordering, and the CLI."""

import json

import pytest

from analyzer.cli import main
from tests.conftest import AS_OF, SAMPLES

RESUME = """Pat Lee
Inpatient Coder II
pat.lee@example.com | 555-010-0199
EXPERIENCE
Inpatient Coder II | Mercy General, Reno, NV | Jan 2020 - Present
  - Code 22 inpatient charts per day with ICD-10-CM/PCS and MS-DRG in Epic with 3M 360 Encompass
  - Maintain 96% DRG accuracy on quarterly audits
CERTIFICATIONS
RHIT, AHIMA
CCS, AHIMA
CPC-A, AAPC
EDUCATION
Associate of Applied Science, Health Information Technology, 2019
"""


def asks(analyzer, text):
    posting = analyzer.matcher.read_posting("job.txt", text.encode())
    return {(a.kind, a.ids, a.strength, a.group) for a in posting.asks}, posting


@pytest.mark.parametrize(
    "posting, expected",
    [
        # either-or credentials, accepted substitutes, both-required
        ("Requirements\nCPC or CCS required", ("credential", ("CPC", "CCS"), "required", "any")),
        ("Requirements\nCPC, CCS or CIC required", ("credential", ("CPC", "CCS", "CIC"), "required", "any")),
        ("Requirements\nMust hold a CCS-P or CPC credential", ("credential", ("CCS-P", "CPC"), "required", "any")),
        ("Qualifications\nCRC preferred", ("credential", ("CRC",), "preferred", "single")),
        ("Requirements\nCPC required, CRC a plus", ("credential", ("CRC",), "preferred", "single")),
        # one of the required alternatives can still be preferred
        ("Requirements\nCPC or CCS required\nPreferred\nCCS certification", ("credential", ("CCS",), "preferred", "single")),
        ("Nice to have\nCPMA", ("credential", ("CPMA",), "preferred", "single")),
        ("Requirements\nRHIT and CCS required", ("credential", ("RHIT",), "required", "single")),
        ("Requirements\nRHIT and CCS required", ("credential", ("CCS",), "required", "single")),
        # lists of code sets and tools are one requirement
        ("Requirements\nProficiency with Epic or Cerner", ("tool", ("Epic", "Cerner"), "required", "any")),
        ("Requirements\nKnowledge of CPT and HCPCS", ("code_set", ("CPT", "HCPCS Level II"), "required", "all")),
        (
            "Requirements\nStrong knowledge of ICD-10-CM, CPT, and HCPCS Level II coding",
            ("code_set", ("ICD-10-CM", "CPT", "HCPCS Level II"), "required", "all"),
        ),
        (
            "Preferred Qualifications\nICD-10-PCS and MS-DRG experience",
            ("code_set", ("ICD-10-PCS", "MS-DRG"), "preferred", "all"),
        ),
        ("Preferred\nEpic & Meditech", ("tool", ("Epic", "Meditech"), "preferred", "all")),
        ("Preferred\nEpic and/or Meditech", ("tool", ("Epic", "Meditech"), "preferred", "any")),
        # examples: any one, or a product of the same kind
        (
            "Requirements\nExperience with an EHR such as NextGen or eClinicalWorks",
            ("tool", ("NextGen", "eClinicalWorks"), "required", "example"),
        ),
        (
            "Requirements\nEncoder software (e.g., 3M 360 Encompass, Optum EncoderPro)",
            ("tool", ("3M 360 Encompass", "Optum EncoderPro"), "required", "example"),
        ),
        (
            "Preferred\nBilling platforms like Kareo or AdvancedMD",
            ("tool", ("Kareo", "AdvancedMD"), "preferred", "example"),
        ),
        (
            "Requirements\nFamiliar with an EHR, for example Epic",
            ("tool", ("Epic",), "required", "example"),
        ),
        # a kind of software without a product
        ("Requirements\nExperience with electronic medical records", ("tool", ("an EHR",), "required", "example")),
        ("Preferred\nEncoder experience", ("tool", ("an encoder",), "preferred", "example")),
        (
            "Requirements\nAssociate degree in HIM required; bachelor's degree preferred",
            ("education", ("bachelor",), "preferred", "single"),
        ),
        (
            "Requirements\nAssociate degree in HIM required; bachelor's degree preferred",
            ("education", ("associate",), "required", "single"),
        ),
        # a duty line with its own cue is a requirement
        ("Responsibilities\nMust be able to code in Cerner", ("tool", ("Cerner",), "required", "single")),
        ("Duties\nCode surgical cases; CCS preferred", ("credential", ("CCS",), "preferred", "single")),
    ],
)
def test_posting_requirements(analyzer, posting, expected):
    found, _ = asks(analyzer, posting)
    assert expected in found


@pytest.mark.parametrize(
    "posting, absent",
    [
        # a preferred item a required one already demands adds nothing
        ("Requirements\nCPT and HCPCS required\nPreferred\nCPT", ("code_set", ("CPT",))),
        # "and" between credentials: two requirements, not one either-or
        ("Requirements\nRHIT and CCS required", ("credential", ("RHIT", "CCS"))),
        # a list is not split into separate requirements
        ("Requirements\nKnowledge of CPT and HCPCS", ("code_set", ("CPT",))),
        ("Requirements\nKnowledge of CPT and HCPCS", ("code_set", ("HCPCS Level II",))),
        # items apart in one sentence are not one list
        ("Requirements\nCPT coding for clinics; Epic for charting and HCPCS for supplies", ("code_set", ("CPT", "HCPCS Level II"))),
        # a kind of software is not asked again when products of that kind are named
        ("Requirements\nEHR experience such as Epic or Cerner", ("tool", ("an EHR",))),
        # duties without a cue are context
        ("Responsibilities\nCode charts in Epic using CPT and HCPCS", ("tool", ("Epic",))),
        ("Responsibilities\nCode charts in Epic using CPT and HCPCS", ("code_set", ("CPT", "HCPCS Level II"))),
        ("What you'll do\nAbstract inpatient records; educate coders on ICD-10-PCS", ("code_set", ("ICD-10-PCS",))),
    ],
)
def test_what_is_not_a_requirement(analyzer, posting, absent):
    found, _ = asks(analyzer, posting)
    assert absent not in {(k, ids) for k, ids, _, _ in found}


@pytest.mark.parametrize(
    "line, equivalent, years",
    [
        ("CPC certification or equivalent experience", True, None),
        ("CPC, CCS, or equivalent coding credential required", True, None),
        ("CPC credential or 3 years of coding experience", True, 3.0),
        ("CPC or two years of professional fee coding experience", True, 2.0),
        ("CPC required", False, None),
        ("CPC or CCS required", False, None),
        ("CPC required; equivalent experience in billing is a plus", False, None),
    ],
)
def test_or_equivalent_experience(analyzer, line, equivalent, years):
    _, posting = asks(analyzer, "Requirements\n" + line)
    cred = next(a for a in posting.asks if a.kind == "credential")
    assert (cred.equivalent, cred.equivalent_years) == (equivalent, years)
    assert not [a for a in posting.asks if a.kind == "years"]  # the years are the alternative


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2+ years of inpatient coding experience required", [(2.0, ("inpatient",), (), None)]),
        ("Minimum of three years of coding experience", [(3.0, (), (), None)]),
        ("3-5 years experience in professional fee coding", [(3.0, ("professional fee",), (), None)]),
        (
            "3+ years of coding experience, including at least one year of inpatient coding",
            [(3.0, (), (), None), (1.0, ("inpatient",), (), "3+ years")],
        ),
        (
            "Minimum of 5 years of inpatient coding experience, including 2 years auditing",
            [(5.0, ("inpatient",), (), None), (2.0, (), ("auditing",), "5+ years inpatient")],
        ),
        (
            "Four years of coding experience with at least 2 years in an outpatient setting",
            [(4.0, (), (), None), (2.0, ("outpatient",), (), "4+ years")],
        ),
        (
            "1+ year of outpatient or professional fee coding experience",
            [(1.0, ("outpatient", "professional fee"), (), None)],
        ),
        # not a part of the experience asked
        ("2 years of coding experience plus 2 years of college", [(2.0, (), (), None)]),
    ],
)
def test_years(analyzer, line, expected):
    _, posting = asks(analyzer, "Requirements\n" + line)
    got = sorted(
        ((a.years, a.settings, a.roles, a.within) for a in posting.asks if a.kind == "years"),
        key=lambda t: t[3] or "",
    )
    assert got == expected
    assert all(a.strength == "required" for a in posting.asks if a.kind == "years")


def test_years_that_are_not_experience(analyzer):
    _, posting = asks(analyzer, "Requirements\nCCS required within 2 years of hire")
    assert not [a for a in posting.asks if a.kind == "years"]


@pytest.mark.parametrize(
    "duty",
    [
        "Maintain 95% accuracy on monthly audits",
        "Keep a 96% quality score",
        "Meet the productivity standard of 60 encounters per day",
        "Code 22 inpatient charts per day",
    ],
)
def test_duty_standards_are_standards_not_requirements(analyzer, duty):
    _, posting = asks(analyzer, "Responsibilities\n" + duty + "\nRequirements\nCPC required\n")
    assert [a.kind for a in posting.asks] == ["credential"]
    assert len(posting.standards) == 1 and posting.standards[0].line == 1


def fit(analyzer, doc_from, posting_text, resume=RESUME):
    posting = analyzer.matcher.read_posting("job.txt", posting_text.encode())
    doc = doc_from(resume)
    report = analyzer.analyze_document(doc, AS_OF)
    return analyzer.matcher.match(report, doc, posting)


POSTING = """Inpatient Coder
Requirements
- CCS or CIC required
- RHIT required
- 3+ years of inpatient coding experience
- ICD-10-PCS and MS-DRG
- Maintain 95% accuracy
Preferred
- CDIP a plus
- Experience with Epic
"""


def test_fit_half_fit_no_fit_order(analyzer, doc_from):
    full = fit(analyzer, doc_from, POSTING)
    half = fit(
        analyzer,
        doc_from,
        POSTING,
        RESUME.replace("RHIT, AHIMA\n", "").replace("Jan 2020", "Jan 2024"),
    )
    none = fit(
        analyzer,
        doc_from,
        POSTING,
        "Pat Lee\nEXPERIENCE\nCashier | Store | 2019 - Present\n- Ran the register\n",
    )
    assert full.score > half.score > none.score
    assert full.score >= 80 and half.score <= 49
    missing = {q.label for q in half.requirements if q.status != "met" and q.strength == "required"}
    assert missing == {"RHIT", "3+ years inpatient"}


def test_missing_must_have_caps_whatever_the_extras(analyzer, doc_from):
    posting = POSTING + "- Experience with 3M 360 Encompass\n- Excel\n- Tableau\n"
    result = fit(analyzer, doc_from, posting, RESUME.replace("RHIT, AHIMA\n", ""))
    assert result.score <= 49
    assert "RHIT (required)" in result.missing
    assert any("No wording fixes 'RHIT'" in g for g in result.guidance)


def test_apprentice_does_not_satisfy_the_full_credential(analyzer, doc_from):
    result = fit(analyzer, doc_from, "Requirements\nCPC required\n")
    q = result.requirements[0]
    assert q.status == "missing" and "CPC-A does not satisfy" in q.note and not q.fixable


def test_ccs_p_satisfies_either_or(analyzer, doc_from):
    resume = RESUME.replace("CCS, AHIMA", "CCS-P, AHIMA")
    q = fit(analyzer, doc_from, "Requirements\nCCS-P or CPC required\n", resume).requirements[0]
    assert q.status == "met" and q.resume


def test_features_answer_the_posting_standard(analyzer, doc_from):
    result = fit(analyzer, doc_from, POSTING)
    kinds = [f.kind for f in result.feature]
    assert "accuracy" in kinds
    feature = next(f for f in result.feature if f.kind == "accuracy")
    assert "96%" in feature.resume.text and feature.posting.text == "Maintain 95% accuracy"


def test_evidence_on_both_sides(analyzer, doc_from):
    for q in fit(analyzer, doc_from, POSTING).requirements:
        assert q.posting.text
        if q.status == "met":
            assert q.resume


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_match_cli(capsys, fmt):
    code = main(
        [
            "match",
            str(SAMPLES / "senior_auditor.docx"),
            "--job",
            str(SAMPLES / "jobs" / "senior_inpatient_auditor.txt"),
            "--format",
            fmt,
            "--as-of",
            "2026-11-26",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    if fmt == "json":
        data = json.loads(out)
        assert data["match"]["score"] >= 90 and data["match"]["requirements"]
    else:
        assert "Fit" in out or "FIT" in out


def test_match_from_stdin_and_bad_posting(capsys, monkeypatch, tmp_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Requirements\nCPC required\n")))
    code = main(["match", str(SAMPLES / "entry_coder.txt"), "--job", "-", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["match"]["job"] == "(stdin)"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["match", str(SAMPLES / "entry_coder.txt"), "--job", str(empty)])
    _, err = capsys.readouterr()
    assert code == 1 and "job posting" in err and "(empty)" in err


def ranked_by_fit(capsys, posting: str) -> list[dict]:
    """``batch samples/ --job POSTING --format json``: the analysed rows, best fit first."""
    code = main(
        [
            "batch",
            str(SAMPLES),
            "--job",
            str(SAMPLES / "jobs" / posting),
            "--format",
            "json",
            "--as-of",
            "2026-11-26",
            "--progress",
            "never",
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    return [r for r in json.loads(out) if not r["error"]]


def test_batch_ranks_by_fit(capsys):
    rows = ranked_by_fit(capsys, "senior_inpatient_auditor.txt")
    assert rows[0]["file"].endswith("senior_auditor.docx")
    fits = [r["match"]["score"] for r in rows]
    assert fits == sorted(fits, reverse=True)


def test_entry_posting_prefers_an_entry_coder_over_an_overqualified_senior(capsys):
    rows = ranked_by_fit(capsys, "entry_outpatient_cpc.txt")
    fits = {r["file"].rsplit("/", 1)[-1]: r["match"]["score"] for r in rows}
    assert fits["entry_coder.txt"] > fits["senior_auditor.docx"]
    assert fits["entry_coder.txt"] >= 90 and fits["senior_auditor.docx"] <= 49


def test_stated_level(analyzer, doc_from):
    senior = fit(analyzer, doc_from, "Senior Coding Auditor\nRequirements\nCCS required\n")
    level = next(q for q in senior.requirements if q.kind == "level")
    assert level.label == "senior-level role" and level.status == "partial"  # a mid-level candidate


def requirement(result, kind):
    return next(q for q in result.requirements if q.kind == kind)


@pytest.mark.parametrize(
    "posting_line, resume_tools, status",
    [
        # an example list: any of them, or another product of the same kind
        ("Experience with an EHR such as NextGen or eClinicalWorks", "NextGen", "met"),
        ("Experience with an EHR such as NextGen or eClinicalWorks", "Epic", "met"),
        ("Experience with an EHR such as NextGen or eClinicalWorks", "Excel", "missing"),
        ("Encoder software (e.g., 3M 360 Encompass or TruCode)", "Optum EncoderPro", "met"),
        ("Encoder software (e.g., 3M 360 Encompass or TruCode)", "Epic", "missing"),
        ("Experience with electronic medical records", "Meditech", "met"),
        # named products without "such as" are what the posting asks for
        ("Proficiency with Epic or Cerner", "Cerner", "met"),
        ("Proficiency with Epic or Cerner", "Meditech", "missing"),
        # a list is partly met by some of its items
        ("Experience with Epic and 3M 360 Encompass", "Epic", "partial"),
        ("Experience with Epic and 3M 360 Encompass", "Epic, 3M 360 Encompass", "met"),
    ],
)
def test_tool_requirements(analyzer, doc_from, posting_line, resume_tools, status):
    resume = RESUME.replace("in Epic with 3M 360 Encompass", "") + f"SKILLS\n{resume_tools}\n"
    q = requirement(fit(analyzer, doc_from, "Requirements\n" + posting_line + "\n", resume), "tool")
    assert q.status == status, q.note


def test_a_partly_met_list_counts_its_share_and_does_not_cap(analyzer, doc_from):
    posting = "Requirements\nCCS required\nKnowledge of ICD-10-CM, CPT and HCPCS Level II\n"
    result = fit(analyzer, doc_from, posting)  # the resume shows ICD-10-CM only of the three
    q = requirement(result, "code_set")
    assert (q.status, q.credit, q.weight, q.group) == ("partial", 0.333, 1.0, "all")
    assert result.score > 74  # a list partly met is not a partly met credential


@pytest.mark.parametrize(
    "position, status",
    [
        ("Inpatient Coder | Mercy General | Jan 2020 - Present\n- Code inpatient charts", "met"),
        # years in another setting give no credit
        ("Outpatient Coder | Mercy Clinic | Jan 2020 - Present\n- Code outpatient visits", "missing"),
        ("Coder | Family Clinic | Jan 2020 - Present\n- Code primary care visits", "missing"),
        # a position that names no setting counts when the resume names it elsewhere
        ("Coder II | Mercy General | Jan 2020 - Present\n- Code charts", "met"),
    ],
)
def test_years_in_a_setting_come_from_the_positions_that_show_it(analyzer, doc_from, position, status):
    resume = f"Pat Lee\nSUMMARY\nInpatient coder\nEXPERIENCE\n{position}\nCERTIFICATIONS\nCCS, AHIMA\n"
    posting = "Requirements\n3+ years of inpatient coding experience\n"
    assert requirement(fit(analyzer, doc_from, posting, resume), "years").status == status


def test_nested_years_are_checked_against_their_own_work(analyzer, doc_from):
    resume = """Pat Lee
EXPERIENCE
Coding Auditor | Mercy General | Jan 2024 - Present
- Audit inpatient charts for DRG validation
Inpatient Coder | Mercy General | Jan 2019 - Dec 2023
- Code inpatient charts
"""
    posting = "Requirements\n5+ years of inpatient coding, including 2 years auditing\n"
    years = [q for q in fit(analyzer, doc_from, posting, resume).requirements if q.kind == "years"]
    assert [(q.label, q.status) for q in years] == [
        ("5+ years inpatient", "met"),
        ("2+ years auditing (of the 5+ years inpatient)", "met"),
    ]
    posting = "Requirements\n5+ years of inpatient coding, including 4 years auditing\n"
    nested = fit(analyzer, doc_from, posting, resume).requirements[-1]
    assert nested.status == "missing" and "auditing" in nested.note


@pytest.mark.parametrize(
    "resume_years, status",
    [("Jan 2020", "met"), ("Jan 2026", "missing")],
)
def test_equivalent_experience_instead_of_the_credential(analyzer, doc_from, resume_years, status):
    resume = RESUME.replace("Jan 2020", resume_years).replace("CCS, AHIMA\n", "")
    posting = "Requirements\nCCS certification or equivalent experience\n"
    q = requirement(fit(analyzer, doc_from, posting, resume), "credential")
    assert q.status == status and q.label == "CCS (or equivalent experience)"


@pytest.mark.parametrize(
    "role, line, shows",
    [
        ("auditing", "Audit 250 professional charts per month", True),
        ("auditing", "Perform DRG validation on high-risk MS-DRG pairs", True),
        ("auditing", "Coding Quality Auditor", True),
        # being audited is not auditing
        ("auditing", "Hold 96% accuracy on monthly internal audits", False),
        ("auditing", "Scored 98% on external audits", False),
        ("auditing", "Audit scores above target every quarter", False),
        ("CDI", "CDI Specialist", True),
        ("CDI", "Clinical documentation integrity reviews of inpatient stays", True),
        # working with the CDI team, or querying as a coder, is not CDI work
        ("CDI", "Partner with CDI and revenue integrity on DRG mismatches", False),
        ("CDI", "Responded to CDI queries within one day", False),
        ("CDI", "Query providers on missing laterality", False),
        ("CDI", "Deliver coder and CDI education on MS-DRG and APC", False),
        ("leadership", "Supervise a team of 9 coders", True),
        ("leadership", "Coding Team Lead", True),
        ("leadership", "Reworked edits, which led to a 10% drop in denials", False),
        ("leadership", "Reported to the HIM director", False),
    ],
)
def test_which_lines_show_a_role(analyzer, role, line, shows):
    assert analyzer.matcher._shows_role(role, line) is shows


@pytest.mark.parametrize(
    "posting, strengths",
    [
        ("Requirements\nCCDS must be obtained within 2 years of hire", {"CCDS": "preferred"}),
        ("Requirements\nCPC required; CRC to be obtained within one year", {"CPC": "required", "CRC": "preferred"}),
        ("Requirements\nCDIP or CCDS eligible to sit for the exam", {"CDIP": "preferred"}),
        ("Requirements\nCPC required", {"CPC": "required"}),
    ],
)
def test_a_credential_to_earn_after_hire_is_a_plus(analyzer, posting, strengths):
    _, read = asks(analyzer, posting)
    got = {a.ids[0]: a.strength for a in read.asks if a.kind == "credential"}
    assert got == strengths


def test_a_missing_tool_caps_less_than_a_missing_credential(analyzer, doc_from):
    posting = "Requirements\nCCS required\nExperience with Meditech\n"
    no_tool = fit(analyzer, doc_from, posting)
    no_cred = fit(analyzer, doc_from, posting.replace("CCS", "CIC").replace("Meditech", "Epic"))
    assert 49 < no_tool.score <= 74 and no_cred.score <= 49


@pytest.mark.parametrize(
    "line",
    [
        "Summit Health Plan serves Medicare Advantage members in four states",
        "Our coders review Medicare Advantage charts",
    ],
)
def test_medicare_advantage_is_not_a_preference(analyzer, line):
    _, read = asks(analyzer, "Requirements\nCRC required\nOverview\n" + line)
    assert [(a.kind, a.strength) for a in read.asks] == [("credential", "required")]


# A label opening a paragraph or a marker closing it gives its items their strength, over the
# section heading above them; a later list that only repeats earlier items adds nothing.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Qualifications\nRequired: CPC or CCS-P; Epic\nDesired: CPMA; an associate degree\n",
         {("credential", ("CPC", "CCS-P")): "required", ("tool", ("Epic",)): "required",
          ("credential", ("CPMA",)): "preferred", ("education", ("associate",)): "preferred"}),
        ("Qualifications\n- RHIA or RHIT (R)\n- CCS (P)\n- Tableau or Power BI for dashboards (P)\n",
         {("credential", ("RHIA", "RHIT")): "required", ("credential", ("CCS",)): "preferred",
          ("tool", ("Power BI", "Tableau")): "preferred"}),
        ("Requirements\n- COC (Required)\n- Nice to have: CRC\n",
         {("credential", ("COC",)): "required", ("credential", ("CRC",)): "preferred"}),
        # a marker closes its item even when a plain subheading follows it
        ("Qualifications\n- CCS (P)\nExperience\n- Epic HIM coding (R)\n",
         {("credential", ("CCS",)): "preferred", ("tool", ("Epic",)): "required"}),
        # the label carries over the lines a paragraph wraps onto
        ("Qualifications\nDesired: Meditech experience, and\nthe CDIP\n",
         {("tool", ("Meditech",)): "preferred", ("credential", ("CDIP",)): "preferred"}),
        # a list item's parenthetical does not break the list; a skills tag line repeats it
        ("Requirements\nAn EHR like ModMed (EMA) or NextGen\nSkills\nModMed · NextGen · CPT\n",
         {("tool", ("ModMed", "NextGen")): "required", ("code_set", ("CPT",)): "required"}),
    ],
)  # fmt: skip
def test_labels_markers_and_repeats(analyzer, text, expected):
    _, posting = asks(analyzer, text)
    got = {(a.kind, tuple(sorted(a.ids))): a.strength for a in posting.asks if a.kind != "level"}
    assert got == {(k, tuple(sorted(i))): s for (k, i), s in expected.items()}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Requirements\n- Three (3) or more years of hospital coding experience\n", [(3.0, None)]),
        ("Requirements\n- 6 months of coding experience (an externship counts)\n", [(0.5, None)]),
        # a part of the years written without "years"
        ("Requirements\n- At least four years of coding experience, two of them in an audit role\n",
         [(4.0, None), (2.0, "4+ years")]),
        ("Requirements\n- 7 years of HIM experience, at least 3 of them managing people\n",
         [(7.0, None), (3.0, "7+ years")]),
        # ... but a count of something else is not
        ("Requirements\n- 3 years of coding experience; two of the three shifts are remote\n",
         [(3.0, None)]),
    ],
)  # fmt: skip
def test_years_written_many_ways(analyzer, text, expected):
    _, posting = asks(analyzer, text)
    got = [(a.years, a.within) for a in posting.asks if a.kind == "years"]
    assert got == expected


@pytest.mark.parametrize(
    "title, level",
    [("INPATIENT CODER III - DRG", "senior"), ("Mid-Level ED Coder (contract)", "mid"),
     ("Radiology Coder I", "entry"), ("Coding Specialist II", None)],
)  # fmt: skip
def test_the_level_a_title_states(analyzer, title, level):
    _, posting = asks(analyzer, f"{title}\nRequirements\nCPC required\n")
    assert [a.ids[0] for a in posting.asks if a.kind == "level"] == ([level] if level else [])


@pytest.mark.parametrize(
    "text, expected",
    [
        # a heading in a recruiter's own words is a requirements section
        ("What we're looking for\nA current CPC from AAPC and two years of coding experience.\n",
         {("credential", ("CPC",)): "required"}),
        ("About you\nYou hold the CCS; Epic experience is a plus.\n",
         {("credential", ("CCS",)): "required", ("tool", ("Epic",)): "preferred"}),
        # items carrying a generic noun stay one list
        ("Requirements\nKnowledge of ICD-10-CM, CPT, APC assignment and NCCI edits\n",
         {("code_set", ("APC", "CPT", "ICD-10-CM", "NCCI")): "required"}),
        # "Level II" is part of the item before it
        ("Requirements\nICD-10-CM, CPT, HCPCS Level II and modifier expertise\n",
         {("code_set", ("CPT", "HCPCS Level II", "ICD-10-CM", "modifiers")): "required"}),
    ],
)  # fmt: skip
def test_recruiter_headings_and_lists_with_nouns(analyzer, text, expected):
    _, posting = asks(analyzer, text)
    got = {(a.kind, tuple(sorted(a.ids))): a.strength for a in posting.asks
           if a.kind in ("credential", "tool", "code_set")}  # fmt: skip
    assert got == {(k, tuple(sorted(i))): s for (k, i), s in expected.items()}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a heading that negates "required" is not a requirements section
        ("Extra credit, not required:\n- a CRC\n- Epic experience\n",
         {("credential", ("CRC",)): "preferred", ("tool", ("Epic",)): "preferred"}),
        # preferences said in other words
        ("Requirements\nCPC required. Prior athenahealth experience would help.\n",
         {("credential", ("CPC",)): "required", ("tool", ("athenahealth",)): "preferred"}),
        # an alternative accepted in other words joins its group
        ("Requirements\nYou must hold a current CPC from AAPC; a CCS-P from AHIMA is equally welcome.\n",
         {("credential", ("CCS-P", "CPC")): "required"}),
        # a credential to earn after hire, with its accepted apprentice form in parentheses
        ("Requirements\nYou must pass the CPC exam (the CPC-A designation is fine) or the CCA exam "
         "within 9 months of your start date.\n",
         {("credential", ("CCA", "CPC", "CPC-A")): "preferred"}),
    ],
)  # fmt: skip
def test_preferences_and_alternatives_in_other_words(analyzer, text, expected):
    _, posting = asks(analyzer, text)
    got = {(a.kind, tuple(sorted(a.ids))): a.strength for a in posting.asks
           if a.kind in ("credential", "tool")}  # fmt: skip
    assert got == {(k, tuple(sorted(i))): s for (k, i), s in expected.items()}


def test_a_turnaround_standard_in_the_duties(analyzer, findings_from):
    _, posting = asks(
        analyzer,
        "Responsibilities\nCode surgical cases within 3 business days of the operative note\n"
        "Requirements\nCPC required\n",
    )
    assert [(s.metric.kind, s.metric.value) for s in posting.standards] == [("turnaround", 3.0)]
    # ... while "within 3 days" in a resume stays a duration, not a result
    f = findings_from("EXPERIENCE\nCoder | Lakeside | 2020 - Present\n- Coded charts within 3 days\n")
    assert f.metrics == []


def test_a_setting_asked_more_strongly_than_its_years_stays(analyzer):
    _, posting = asks(
        analyzer,
        "Requirements\n- Inpatient coding experience\n- CCS required\n"
        "Preferred Qualifications\n- 5 years of inpatient coding experience\n",
    )
    assert ("specialty", ("inpatient",), "required") in [(a.kind, a.ids, a.strength) for a in posting.asks]
