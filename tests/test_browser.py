"""The web app in a real browser: Debian's headless Chromium driven by Playwright (never a
downloaded browser). Upload a resume on /, read its score; rank three files on /batch, open a
report, download the XLSX; and no request ever leaves 127.0.0.1.

CI installs Chromium (.ci/run); elsewhere the test is skipped when /usr/bin/chromium is absent."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openpyxl
import pytest

from tests.conftest import AS_OF, ROOT, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(base + "/v1/schema", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"the server did not start: {proc.stderr.read().decode()[-2000:]}")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    pg.elsewhere = []
    context.on(
        "request",
        lambda r: (
            None if r.url.startswith((server, "data:", "blob:")) else pg.elsewhere.append(r.url)
        ),
    )
    yield pg
    context.close()


def test_upload_on_index_shows_the_score(page, server, analyzer):
    expected = analyzer.run(SAMPLES / "mid_ed_coder.pdf", AS_OF).report.score.overall
    page.goto(server + "/")
    page.set_input_files("#file", str(SAMPLES / "mid_ed_coder.pdf"))
    page.fill("input[name=as_of]", AS_OF.isoformat())
    page.click("#analyse")
    page.wait_for_selector("#report svg.gauge")
    assert page.text_content("svg.gauge text").strip() == str(expected)
    assert page.locator(".doc mark.credential").count() > 0  # evidence highlighted
    assert page.locator(".doc .note").count() > 0  # suggestions beside their lines
    assert page.elsewhere == []


def test_batch_ranks_three_files_and_downloads_xlsx(page, server, tmp_path):
    names = ["entry_coder.txt", "mid_ed_coder.pdf", "senior_auditor.docx"]
    page.goto(server + "/batch")
    page.set_input_files("#files", [str(SAMPLES / n) for n in names])
    page.fill("input[name=as_of]", AS_OF.isoformat())
    page.click("#run")
    page.wait_for_selector("#downloads:not([hidden])")
    rows = page.locator("#ranked tbody tr")
    assert rows.count() == 3
    page.wait_for_function("document.querySelector('#ranked tbody td.num').textContent === '1'")
    shown = [
        (
            rows.nth(i).locator("td").nth(1).text_content(),
            int(rows.nth(i).locator("td.score").text_content()),
        )
        for i in range(3)
    ]
    assert [rows.nth(i).locator("td").first.text_content() for i in range(3)] == ["1", "2", "3"]
    assert page.get_attribute("#progress", "value") == "3"
    with page.expect_download() as download:
        page.click("#download-xlsx")
    target = tmp_path / "ranked.xlsx"
    download.value.save_as(target)
    sheet = openpyxl.load_workbook(target)["Candidates"]
    table = list(sheet.iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(table[0])}
    assert sorted(r[col["file"]] for r in table[1:]) == sorted(names)
    assert all("@" in r[col["email"]] for r in table[1:])  # e-mails, as text
    # the page's ranking is the library's: the same order, names and scores as the workbook
    assert [(r[col["name"]], r[col["score"]]) for r in table[1:]] == shown
    with page.context.expect_page() as opened:
        rows.nth(0).locator("button").click()
    report = opened.value
    report.wait_for_selector("svg.gauge")
    assert report.text_content("svg.gauge text").strip() == str(shown[0][1])
    assert page.elsewhere == []
