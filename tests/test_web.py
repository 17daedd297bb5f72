"""The web app and HTTP API through an HTTP client: each endpoint, each error code as its HTTP
status, archives, exports, access control, security headers and what is logged."""

from __future__ import annotations

import io
import json
import logging

import openpyxl
import pytest
from fastapi.testclient import TestClient

from analyzer.cli import main
from analyzer.limits import Limits
from analyzer.models.report import ErrorCode, Report
from analyzer.web.api import report_response
from analyzer.web.app import Settings, create_app
from analyzer.web.pool import Result
from analyzer.web.server import is_loopback
from tests.conftest import SAMPLES
from tests.fixtures import make

LIMITS = Limits(max_file_bytes=1_000_000, timeout_seconds=2.0)
AS_OF = {"as_of": "2026-11-26"}


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(workers=2, limits=LIMITS, max_request_bytes=3_000_000))
    with TestClient(app) as c:
        yield c


def sample(name: str) -> tuple[str, bytes]:
    return name, (SAMPLES / name).read_bytes()


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["entry_coder.txt", "mid_ed_coder.pdf", "senior_auditor.docx"])
def test_analyze_equals_score_format_json(client, capsys, monkeypatch, name):
    monkeypatch.chdir(SAMPLES)
    assert main(["score", name, "--format", "json", "--as-of", "2026-11-26"]) == 0
    cli = json.loads(capsys.readouterr().out)
    got = client.post("/v1/analyze", files={"file": sample(name)}, data=AS_OF)
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    assert got.json() == cli


def test_analyze_takes_the_pdf_engine_as_the_cli_does(client, capsys, monkeypatch):
    monkeypatch.chdir(SAMPLES)
    argv = ["score", "mid_ed_coder.pdf", "--format", "json", "--as-of", "2026-11-26"]
    assert main([*argv, "--pdf-engine", "pdfium"]) == 0
    cli = json.loads(capsys.readouterr().out)
    form = {**AS_OF, "pdf_engine": "pdfium"}
    got = client.post("/v1/analyze", files={"file": sample("mid_ed_coder.pdf")}, data=form)
    assert got.status_code == 200 and got.json() == cli
    bad = client.post(
        "/v1/analyze", files={"file": sample("mid_ed_coder.pdf")}, data={"pdf_engine": "x"}
    )
    assert bad.status_code == 400 and "pdf_engine" in bad.json()["error"]["message"]


def test_match_gives_the_report_with_its_fit(client, capsys, monkeypatch):
    monkeypatch.chdir(SAMPLES)
    job = "jobs/entry_outpatient_cpc.txt"
    assert (
        main(
            ["match", "mid_ed_coder.pdf", "--job", job, "--format", "json", "--as-of", "2026-11-26"]
        )
        == 0
    )
    cli = json.loads(capsys.readouterr().out)
    got = client.post(
        "/v1/match",
        files={
            "resume": sample("mid_ed_coder.pdf"),
            "job": ("entry_outpatient_cpc.txt", (SAMPLES / job).read_bytes()),
        },
        data=AS_OF,
    ).json()
    assert got["score"] == cli["score"] and got["match"]["score"] == cli["match"]["score"]
    assert sorted((q["label"], q["status"]) for q in got["match"]["requirements"]) == sorted(
        (q["label"], q["status"]) for q in cli["match"]["requirements"]
    )


HOSTILE = [
    ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 415, "unsupported_format"),
    ("noise.bin", bytes(range(256)) * 20, 415, "unsupported_format"),
    ("big.txt", b"Medical coder\n" * 80_000, 413, "too_large"),
    ("cut.pdf", b"%PDF-1.7\n1 0 obj <<", 422, "corrupt"),
    ("cut.docx", make.to_docx(make.SAMPLE)[:2000], 422, "corrupt"),
    ("locked.pdf", make.to_pdf(make.SAMPLE, user_password="pw"), 422, "encrypted"),
    ("scan.pdf", make.image_only_pdf(), 422, "no_text"),
    ("blank.txt", b"   \n", 422, "empty"),
    ("slow.txt", (make.to_text(make.SAMPLE) + "\n").encode() * 700, 504, "timeout"),
]


@pytest.mark.parametrize("name, data, status, code", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_give_their_error_code_as_a_status(client, name, data, status, code):
    got = client.post("/v1/analyze", files={"file": (name, data)}, data=AS_OF)
    assert got.status_code == status
    body = got.json()
    assert body["error"]["code"] == code and body["error"]["message"]
    assert body["file"] == name  # the error body is the report the CLI would print


@pytest.mark.parametrize("code", ErrorCode.__args__)
def test_every_error_code_has_a_status(code):
    report = Report(file="x", as_of="2026-11-26", error={"code": code, "message": "m"})
    response = report_response(Result(report.model_dump_json()))
    expected = {"unsupported_format": 415, "too_large": 413, "timeout": 504, "internal_error": 500}
    assert response.status_code == expected.get(code, 422)
    assert json.loads(response.body)["error"]["code"] == code


def test_request_errors(client):
    missing = client.post("/v1/analyze", data=AS_OF)
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "bad_request"
    bad_date = client.post(
        "/v1/analyze", files={"file": sample("entry_coder.txt")}, data={"as_of": "26/11/2026"}
    )
    assert bad_date.status_code == 400 and "as_of" in bad_date.json()["error"]["message"]
    huge = client.post("/v1/analyze", files={"file": ("x.txt", b"a" * 3_100_000)})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "too_large"
    locked_job = client.post(
        "/v1/match",
        files={
            "resume": sample("entry_coder.txt"),
            "job": ("job.pdf", make.to_pdf(make.SAMPLE, user_password="pw")),
        },
    )
    assert locked_job.status_code == 422 and locked_job.json()["error"]["message"].startswith(
        "job posting:"
    )


def test_batch_streams_reports_in_input_order_with_error_rows_and_duplicates(client):
    files = [
        ("files", sample("senior_auditor.docx")),
        ("files", ("empty.txt", b"")),
        ("files", sample("entry_coder.txt")),
        ("files", ("copy.txt", (SAMPLES / "entry_coder.txt").read_bytes())),
    ]
    got = client.post("/v1/batch", files=files, data=AS_OF)
    assert got.status_code == 200 and got.headers["x-batch-total"] == "4"
    assert got.headers["content-type"].startswith("application/x-ndjson")
    rows = jsonl(got.text)
    assert [r["file"] for r in rows] == [
        "senior_auditor.docx",
        "empty.txt",
        "entry_coder.txt",
        "copy.txt",
    ]
    assert rows[1]["error"]["code"] == "empty" and rows[0]["error"] is None
    assert rows[3]["duplicate_of"] and rows[3]["duplicate_of"][0].startswith("entry_coder.txt")


def test_batch_with_a_job_ranks_by_fit(client):
    job = (SAMPLES / "jobs" / "senior_inpatient_auditor.txt").read_bytes()
    files = [
        ("files", sample("senior_auditor.docx")),
        ("files", sample("entry_coder.txt")),
        ("job", ("job.txt", job)),
    ]
    rows = jsonl(client.post("/v1/batch", files=files, data=AS_OF).text)
    assert all(r["match"] for r in rows)
    assert rows[0]["match"]["score"] > rows[1]["match"]["score"]


def test_batch_zip_members_are_labels_never_paths(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    archive = make.zip_with(
        {
            "b/entry_coder.txt": (SAMPLES / "entry_coder.txt").read_bytes(),
            "../../escape.txt": (SAMPLES / "entry_coder.txt").read_bytes(),
            "a/mid.pdf": (SAMPLES / "mid_ed_coder.pdf").read_bytes(),
            "c/senior.docx": (SAMPLES / "senior_auditor.docx").read_bytes(),  # a zip, not nested
            "inner.zip": make.zip_with({"x.txt": b"CPC coder"}),
            "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
            "notes.csv": b"a,b\n1,2\n",
            ".hidden.txt": b"CPC",
        }
    )
    got = client.post("/v1/batch", files={"zip": ("applicants.zip", archive)}, data=AS_OF)
    assert got.status_code == 200
    assert [r["file"] for r in jsonl(got.text)] == [
        "../../escape.txt",
        "a/mid.pdf",
        "b/entry_coder.txt",
        "c/senior.docx",
    ]
    skipped = {s["name"]: s["reason"] for s in json.loads(got.headers["x-batch-skipped"])}
    assert skipped == {
        "inner.zip": "nested archive",
        "photo.png": "not a PDF, DOCX, RTF or text file",
        "notes.csv": ".csv file",
        ".hidden.txt": "hidden file",
    }
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent.parent / "escape.txt").exists()


@pytest.mark.parametrize(
    "archive, status, code",
    [
        (b"PK\x03\x04 not really a zip", 422, "corrupt"),
        (make.zip_with({f"r{i}.txt": b"x" for i in range(2001)}), 413, "too_large"),
        (make.zip_with({"bomb.txt": b"\0" * 120_000_000}), 413, "too_large"),
    ],
    ids=["corrupt", "too-many-members", "bomb"],
)
def test_hostile_zips(client, archive, status, code):
    got = client.post("/v1/batch", files={"zip": ("a.zip", archive)})
    assert got.status_code == status and got.json()["error"]["code"] == code


def test_batch_without_files_is_a_bad_request(client):
    got = client.post("/v1/batch", data=AS_OF)
    assert got.status_code == 400 and got.json()["error"]["code"] == "bad_request"


def test_exports_keep_a_formula_name_as_text(client):
    report = Report.model_validate(
        client.post("/v1/analyze", files={"file": sample("entry_coder.txt")}, data=AS_OF).json()
    )
    hostile = report.model_copy(
        update={"candidate": report.candidate.model_copy(update={"name": "=1+2"})}
    )
    body = hostile.model_dump_json() + "\n"
    csv_got = client.post("/v1/export/csv?excel=true", content=body)
    assert csv_got.status_code == 200 and csv_got.content.startswith(b"\xef\xbb\xbf")
    assert '"\'=1+2"' in csv_got.text
    xlsx = client.post("/v1/export/xlsx", content=body)
    assert xlsx.headers["content-disposition"] == 'attachment; filename="candidates.xlsx"'
    cell = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Candidates"]["C2"]
    assert cell.value == "=1+2" and cell.data_type == "s"
    assert client.post("/v1/export/xlsx", content=b"not json\n").status_code == 400


def test_schema_and_openapi(client):
    assert client.get("/v1/schema").json() == Report.model_json_schema()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/analyze", "/v1/match", "/v1/batch", "/v1/schema"} <= set(paths)
    assert client.get("/docs").status_code == 404  # its assets would come from another host


@pytest.mark.parametrize("path", ["/", "/batch", "/login"])
def test_pages_load_nothing_from_another_host(client, path):
    got = client.get(path)
    assert got.status_code == 200
    csp = got.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "https:" not in csp
    assert (
        "http://" not in got.text
        and "https://" not in got.text
        and "//" not in got.text.replace("<!--", "")
    )


def test_page_shows_the_same_report_templates(client):
    got = client.post("/", files={"file": sample("mid_ed_coder.pdf")}, data=AS_OF)
    assert got.status_code == 200
    html = got.text
    assert 'data-score="95"' in html or "data-score=" in html
    assert (
        'class="metric-line"' in html
        and '<mark class="credential"' in html
        and 'class="note' in html
    )
    assert '<link rel="stylesheet" href="/static/report.css">' in html and "<style>" not in html
    assert client.get("/static/report.css").text.startswith(":root")
    with_job = client.post(
        "/",
        files={"file": sample("mid_ed_coder.pdf")},
        data={**AS_OF, "job_text": (SAMPLES / "jobs" / "entry_outpatient_cpc.txt").read_text()},
    )
    assert 'id="match"' in with_job.text and "Fit to pasted posting" in with_job.text
    bad = client.post("/", files={"file": ("x.pdf", b"%PDF-1.7 cut")}, data=AS_OF)
    assert bad.status_code == 422 and "Could not analyse" in bad.text


def test_report_page_renders_posted_report_json_inert(client):
    report = client.post(
        "/v1/analyze",
        files={"file": ("<b>x</b>.txt", (SAMPLES / "entry_coder.txt").read_bytes())},
        data=AS_OF,
    ).json()
    got = client.post("/report", data={"report": json.dumps(report)})
    assert got.status_code == 200 and "Jordan Ellis" in got.text and "<b>x</b>" not in got.text
    # without the resume's lines, suggestions about a line are listed with its number
    lined = [x for x in report["suggestions"] if x["line"] is not None]
    assert lined and f'<span class="mute">line {lined[0]["line"] + 1}:</span>' in got.text


def test_only_counts_and_timings_are_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(
        "/v1/analyze",
        files={"file": ("Jordan-Ellis-CV.txt", (SAMPLES / "entry_coder.txt").read_bytes())},
    )
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /v1/analyze 200" in text
    for private in ("Jordan", "Ellis", "CV.txt", "918-555", "example.net"):
        assert private not in text


def test_token_guards_api_and_pages():
    app = create_app(Settings(token="s3cret-token"))
    c = TestClient(app)  # no lifespan: the guard answers before any analysis
    assert c.get("/v1/schema").status_code == 401
    assert c.get("/v1/schema", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/v1/schema", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    assert c.get("/openapi.json").status_code == 401
    page = c.get("/batch", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/batch"
    assert c.get("/static/app.css").status_code == 200
    assert c.post("/login", data={"token": "nope", "next": "/batch"}).status_code == 401
    ok = c.post(
        "/login", data={"token": "s3cret-token", "next": "//evil.example/"}, follow_redirects=False
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    assert (
        "httponly" in ok.headers["set-cookie"].lower()
        and "samesite=strict" in ok.headers["set-cookie"].lower()
    )
    assert c.get("/batch", follow_redirects=False).status_code == 200  # the cookie, taken once


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_refuses_another_address_without_a_token(capsys, monkeypatch):
    monkeypatch.delenv("RESUME_ANALYZER_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "8999"]) == 2
    assert "--token" in capsys.readouterr().err


def test_rank_orders_batch_reports_as_the_library_does(client):
    from analyzer.render.table import ranks

    files = [
        ("files", sample(n)) for n in ("entry_coder.txt", "not_coding.txt", "senior_auditor.docx")
    ]
    files.append(("files", ("cut.pdf", b"%PDF-1.7 cut")))
    body = client.post("/v1/batch", files=files, data=AS_OF).text
    got = client.post("/v1/rank", content=body).json()
    reports = [Report.model_validate(r) for r in jsonl(body)]
    expected = ranks([(r, []) for r in reports])
    assert [reports[g["position"]].file for g in got] == [r.file for r, _, _, _ in expected]
    assert [g["rank"] for g in got] == [n for _, _, n, _ in expected]
    assert got[-1] == {"position": 3, "rank": None, "note": ""}  # the unreadable file, last


def test_a_worker_past_its_time_is_replaced_and_the_pool_goes_on(monkeypatch):
    import asyncio
    from datetime import date

    from analyzer.web import pool as web_pool

    pool = web_pool.AnalysisPool(1, None, Limits(timeout_seconds=1.0), memory_mb=0)
    try:
        pool.warm_up()
        upload = web_pool.Upload("entry_coder.txt", (SAMPLES / "entry_coder.txt").read_bytes())
        # The server gives up long before the worker's own deadline: it must restart the pool.
        monkeypatch.setattr(web_pool, "GRACE_SECONDS", -0.99)
        stuck = asyncio.run(pool.analyse(upload, date(2026, 11, 26)))
        assert json.loads(stuck.report_json)["error"]["code"] == "timeout"
        monkeypatch.setattr(web_pool, "GRACE_SECONDS", 10.0)
        again = asyncio.run(pool.analyse(upload, date(2026, 11, 26)))
        assert json.loads(again.report_json)["candidate"]["name"] == "Jordan Ellis"
    finally:
        pool.close()
