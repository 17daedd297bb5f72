"""The Python API: ``analyze`` and ``match`` take a path, bytes or a binary file, and are safe to
call from several threads at once, first call included."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest

from analyzer import analyze, match
from tests.conftest import AS_OF, ROOT, SAMPLES

CV = SAMPLES / "entry_coder.txt"
JOB = SAMPLES / "jobs" / "entry_outpatient_cpc.txt"


def _same(a, b) -> None:
    assert a.model_dump(exclude={"file"}) == b.model_dump(exclude={"file"})


def test_analyze_takes_a_path_bytes_or_a_file():
    by_path = analyze(CV, as_of=AS_OF)
    by_bytes = analyze(CV.read_bytes(), as_of=AS_OF, filename="cv.txt")
    with open(CV, "rb") as fh:
        by_file = analyze(fh, as_of=AS_OF)
    assert by_path.error is None and by_path.score.overall > 0
    _same(by_path, by_bytes)
    _same(by_path, by_file)
    assert by_bytes.file == "cv.txt" and by_file.file == str(CV)
    assert analyze(io.BytesIO(CV.read_bytes()), as_of=AS_OF).file == "(bytes)"


def test_analyze_sniffs_the_format_from_bytes_not_the_name():
    pdf = (SAMPLES / "mid_ed_coder.pdf").read_bytes()
    assert analyze(pdf, as_of=AS_OF, filename="cv.txt").stage.level == "mid"


def test_analyze_bad_bytes_give_an_error_report():
    assert analyze(b"   ", as_of=AS_OF).error.code == "empty"
    assert analyze(b"PK\x03\x04not a zip", as_of=AS_OF).error.code == "corrupt"


def test_match_returns_the_report_with_its_fit():
    report = match(CV, JOB.read_bytes(), as_of=AS_OF, job_name="job.txt")
    assert report.match is not None and 0 <= report.match.score <= 100
    assert report.match.requirements
    again = match(CV.read_bytes(), JOB, as_of=AS_OF)
    assert again.match.score == report.match.score
    assert [(q.label, q.status) for q in again.match.requirements] == [
        (q.label, q.status) for q in report.match.requirements
    ]


def test_concurrent_first_calls_from_threads_all_succeed(tmp_path):
    """Four threads call ``analyze`` at once in a fresh process (the first call loads everything)."""
    script = textwrap.dedent(
        f"""
        import json, threading
        from datetime import date
        from analyzer import analyze
        out = [None] * 4
        def go(i):
            out[i] = analyze({str(CV)!r}, as_of=date(2026, 11, 26))
        threads = [threading.Thread(target=go, args=(i,)) for i in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps([[r.error.code if r.error else None, r.score.overall if r.score else None]
                          for r in out]))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert [code for code, _ in results] == [None] * 4
    assert len({score for _, score in results}) == 1


@pytest.mark.parametrize("on_page", [1, 2])
def test_a_time_limit_inside_a_pdf_parser_is_a_timeout_not_a_damaged_file(monkeypatch, on_page):
    """The parsers' catch-alls for broken files let the time limit through: it used to come out as
    'corrupt (Timeout)' on the first page, and to cut the document short on a later one."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    from analyzer.errors import Timeout
    from analyzer.parsing.pdf_pdfminer import read_pages

    real = PDFPageInterpreter.process_page
    seen = []

    def slow(self, page):
        seen.append(page)
        if len(seen) == on_page:
            raise Timeout("analysis took longer than 1 s and was stopped (--timeout)")
        return real(self, page)

    monkeypatch.setattr(PDFPageInterpreter, "process_page", slow)
    with pytest.raises(Timeout):
        read_pages((SAMPLES / "mid_ed_coder.pdf").read_bytes(), 30)
