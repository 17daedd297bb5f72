"""A batch never loses finished work (issue 14): odd file names, failed writes, its own outputs,
duplicate groups in bounded memory, killed workers, memory and time limits, cut text."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.cli import main
from analyzer.limits import Limits
from analyzer.models.findings import Candidate
from analyzer.models.report import Report
from tests.conftest import AS_OF, ROOT, SAMPLES

NAMES = (
    "entry_coder.txt",
    "skills_only.txt",
    "mid_ed_coder.pdf",
    "senior_auditor.docx",
    "not_coding.txt",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / name, root / name)
    return root


def batch(capsys, *argv) -> tuple[int, str, str]:
    code = main(["batch", *argv, "--as-of", "2026-11-26", "--progress", "never"])
    out, err = capsys.readouterr()
    return code, out, err


# -- names ---------------------------------------------------------------------------------------

ODD = {
    b"Jos\xe9 Garc\xeda.txt": "entry_coder.txt",  # Latin-1 bytes, as unzipped from Windows
    b"a\x1b]0;pwned\x07b\xc2\x9b31m.txt": "skills_only.txt",  # a title escape, BEL, C1 CSI
    b"n" * 228 + b".txt": "not_coding.txt",  # 232 bytes: with a report prefix, past NAME_MAX
}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "table"])
@pytest.mark.parametrize("blind", [False, True])
def test_odd_file_names_are_data(capsys, tmp_path: Path, fmt, blind):
    root = tmp_path / "odd"
    root.mkdir()
    for raw, sample in ODD.items():
        shutil.copy(SAMPLES / sample, os.path.join(os.fsencode(root), raw))
    reports = tmp_path / "reports"
    argv = [str(root), "--format", fmt, "--reports-dir", str(reports), "--workers", "1"]
    code, out, err = batch(capsys, *argv, *(["--blind"] if blind else []))
    assert code == 0, err
    assert "internal error" not in err
    for raw_control in ("\x1b", "\x07", "\x9b"):
        assert raw_control not in out and raw_control not in err
    written = os.listdir(reports)
    assert len(written) == 3 and all(len(os.fsencode(n)) <= 80 for n in written)
    if fmt == "jsonl" and not blind:
        files = {json.loads(line)["file"].rsplit("/", 1)[-1] for line in out.splitlines()}
        assert "Jos\ufffd Garc\ufffda.txt" in files
        assert "a\\x1b]0;pwned\\x07b\\x9b31m.txt" in files


def test_a_score_header_and_message_show_control_characters(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "entry_coder.txt", "x\x1b[2Jy.txt")
    assert main(["score", "x\x1b[2Jy.txt", "--as-of", "2026-11-26"]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out and "x\\x1b[2Jy.txt" in out
    assert main(["score", str(tmp_path / "gone\x07.pdf")]) == 1
    out, err = capsys.readouterr()
    assert "\x07" not in err and "gone\\x07.pdf" in err


def test_names_in_the_table_cannot_reach_the_terminal():
    from analyzer.models.report import ErrorInfo
    from analyzer.render.table import table_text

    bad = Report(
        file="in/cv.txt",
        as_of="2026-11-26",
        candidate=Candidate(name="Ann \x1b]0;owned\x07Lee \u009b2J"),
        error=ErrorInfo(code="corrupt", message="bad \x1b[31m red"),
    )
    text = table_text([(bad, [])], {})
    assert not any(ch in text for ch in "\x1b\x07\u009b")
    assert "Ann \\x1b]0;owned\\x07Le" in text and "bad \\x1b[31m red" in text


# -- failed writes -------------------------------------------------------------------------------


def test_a_failed_output_does_not_discard_the_others(capsys, folder, tmp_path: Path):
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("cannot create a device node here (needs root on Linux)")
    reports = tmp_path / "reports"
    code, out, err = batch(
        capsys, str(folder), "--format", "jsonl", "-o", str(full), "--reports-dir", str(reports),
        "--reports-format", "json", "--workers", "1",
    )  # fmt: skip
    assert code == 1
    assert f"cannot write {full}: No space left on device [errno 28]" in err
    assert len(os.listdir(reports)) == len(NAMES)
    assert "analysed 5; skipped 0; failed 0" in err


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.integration
def test_a_full_disk_keeps_every_complete_row(folder, tmp_path: Path):
    """A real write failure on a regular file (the file-size limit stands in for a full disk):
    the JSONL keeps each row written before it, whole; no temporary file is left; the reports
    folder still gets every report."""
    out_file, reports = tmp_path / "rows.jsonl", tmp_path / "reports"
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer", "batch", str(folder), "--format", "jsonl",
         "-o", str(out_file), "--reports-dir", str(reports), "--reports-format", "text",
         "--workers", "1", "--progress", "never", "--as-of", "2026-11-26"],
        cwd=ROOT, capture_output=True, preexec_fn=_file_size_limit(25_000),
    )  # fmt: skip
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert f"cannot write {out_file}: File too large [errno 27]" in err
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert 1 <= len(rows) < len(NAMES)
    assert len(os.listdir(reports)) == len(NAMES)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# -- own outputs ---------------------------------------------------------------------------------


def test_a_run_never_reads_its_own_outputs(capsys, folder):
    argv = [str(folder), "--format", "jsonl", "-o", str(folder / "ranked.jsonl"),
            "--reports-dir", str(folder / "reports"), "--reports-format", "markdown"]  # fmt: skip
    first = batch(capsys, *argv)
    second = batch(capsys, *argv)
    assert first[0] == second[0] == 0
    rows = (folder / "ranked.jsonl").read_text().splitlines()
    assert len(rows) == len(NAMES)
    assert "analysed 5; skipped 1" in first[2]  # the reports folder; the JSONL is being written
    assert "analysed 5; skipped 2" in second[2]
    assert "reports: an output of this run" in second[2]
    assert "ranked.jsonl: an output of this run" in second[2]


@pytest.mark.parametrize(
    "argv, name",
    [
        (["batch", "{src}", "--format", "jsonl"], "old_run.txt"),
        (["batch", "{src}", "--format", "json"], "old_run"),
        (["batch", "{src}", "--format", "csv", "--excel"], "ranked.txt"),
        (["batch", "{src}", "--format", "table"], "ranked_table.txt"),
        (["score", "{cv}", "--format", "markdown"], "report.md"),
        (["score", "{cv}", "--format", "html"], "report.html"),
        (["score", "{cv}", "--format", "text"], "report.txt"),
        (["score", "{cv}", "--format", "json"], "report.json.txt"),
        (["text", "{cv}"], "lines.txt"),
    ],
)
def test_files_this_tool_wrote_are_skipped_by_content(capsys, folder, tmp_path, argv, name):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLES / "entry_coder.txt", src / "a.txt")
    cv = str(SAMPLES / "senior_auditor.docx")
    argv = [a.format(src=src, cv=cv) for a in argv]
    assert main([*argv, "-o", str(folder / name), "--as-of", "2026-11-26"]) in (0, 1)
    capsys.readouterr()
    code, out, err = batch(capsys, str(folder), "--format", "jsonl", "--workers", "1")
    assert len(out.splitlines()) == len(NAMES), err
    assert f"{name}: written by resume-analyzer" in err


# -- duplicates ----------------------------------------------------------------------------------


def test_duplicates_are_groups_in_bounded_memory():
    """3,000 reports sharing one agency e-mail: each later one names the first file once (the
    old lists named every earlier file: 4.5 million entries, 1.7 GB), and the finder holds one
    entry per distinct key."""
    from analyzer.batch import DuplicateFinder

    finder = DuplicateFinder()
    results = []
    for i in range(3000):
        report = Report(
            file=f"in/r{i:04d}.txt",
            as_of="2026-11-26",
            candidate=Candidate(email="jobs@agency.example"),
        )
        results.append(finder.check(report, f"digest{i}", report.file, i))
    assert results[0] == (None, None)
    assert all(r == (1, "in/r0000.txt (same e-mail)") for r in results[1:])
    assert len(finder.group_of) == 3001  # one e-mail, 3,000 distinct file digests
    assert len(finder.first_label) == 1


def test_duplicate_groups_in_the_outputs(capsys, folder):
    text = (folder / "skills_only.txt").read_text()
    for n in range(3):  # the same person sent three times, once renamed
        (folder / f"zz_again{n}.txt").write_text(text.replace("Priya", "P.") if n else text)
    code, out, err = batch(capsys, str(folder), "--format", "jsonl")
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.splitlines())}
    first = rows["skills_only.txt"]
    assert first["duplicate_group"] is None and first["duplicate_of"] == []
    position = list(rows).index("skills_only.txt") + 1
    for n in range(3):
        again = rows[f"zz_again{n}.txt"]
        assert again["duplicate_group"] == position
        assert len(again["duplicate_of"]) == 1
        assert again["duplicate_of"][0].startswith(str(folder / "skills_only.txt"))


# -- workers and limits --------------------------------------------------------------------------


def test_a_killed_worker_is_retried_once_then_named(tmp_path: Path, monkeypatch):
    """A worker killed mid-file (the OOM killer, an operator) costs one retry; a file that kills
    its worker twice becomes an error row saying so (it said 'exit code None')."""
    import analyzer.pool as pool
    from analyzer.batch import Job, run_folder
    from analyzer.sinks import JsonlSink

    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "kill_once.txt", "kill_always.txt"):
        shutil.copy(SAMPLES / "entry_coder.txt", root / name)
    real = pool._analyse_one

    def deadly(analyzer, task, job):
        name = Path(task[1]).name
        marker = tmp_path / f"{name}.tried"
        if name == "kill_always.txt" or (name == "kill_once.txt" and not marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(analyzer, task, job)

    monkeypatch.setattr(pool, "_analyse_one", deadly)
    out = tmp_path / "out.jsonl"
    summary = run_folder(root, [JsonlSink(out)], job=Job(as_of=AS_OF), workers=2)
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["kill_once.txt"]["error"] is None and rows["a.txt"]["error"] is None
    error = rows["kill_always.txt"]["error"]
    assert error["code"] == "internal_error"
    assert "killed by signal 9 (SIGKILL" in error["message"]
    assert summary.failures == {"internal_error": 1}


@pytest.fixture(scope="module")
def big_text(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    text = (SAMPLES / "entry_coder.txt").read_text() + "\n"
    (root / "big.txt").write_text(text * (12_000_000 // len(text)))
    return root


@pytest.mark.parametrize("command", ["score", "batch"])
def test_the_memory_cap_gives_too_large(capsys, big_text, command):
    target = str(big_text / "big.txt") if command == "score" else str(big_text)
    extra = ["--format", "json"] if command == "score" else ["--format", "jsonl", "--workers", "1"]
    code = main([command, target, "--max-memory", "100", *extra, "--as-of", "2026-11-26"])
    out, err = capsys.readouterr()
    assert code == 1
    assert json.loads(out.splitlines()[0] if command == "batch" else out)["error"]["code"] == (
        "too_large"
    )
    assert "Traceback" not in err


def test_too_large_is_reported_once_the_failed_work_is_released(analyzer, monkeypatch):
    """Past the memory cap, the report is built after the MemoryError is handled: while it is
    being handled, its traceback still holds everything the failed work had allocated."""
    import sys

    from analyzer import pipeline

    def out_of_memory(*_args, **_kwargs):
        raise MemoryError

    handling = []
    real = pipeline.error_report

    def report(*args):
        handling.append(sys.exc_info()[0])
        return real(*args)

    monkeypatch.setattr(pipeline, "read_bytes", out_of_memory)
    monkeypatch.setattr(pipeline, "error_report", report)
    analysis = analyzer.run(SAMPLES / "entry_coder.txt", AS_OF)
    assert analysis.report.error.code == "too_large"
    assert handling == [None]  # not inside the except block


@pytest.mark.parametrize("command", ["score", "match"])
def test_too_large_with_no_room_left_even_to_say_so(capsys, monkeypatch, command):
    """When even the too_large report cannot be made under the cap, it is made after the cap is
    lifted: a report and exit code 1, never a traceback."""
    from analyzer import pipeline

    def out_of_memory(*_args, **_kwargs):
        raise MemoryError

    failures = iter([True])  # the first report (under the cap) fails too
    real = pipeline.error_report

    def report(*args):
        if next(failures, False):
            raise MemoryError
        return real(*args)

    monkeypatch.setattr(pipeline, "read_bytes", out_of_memory)
    monkeypatch.setattr(pipeline, "error_report", report)
    job = ["--job", str(SAMPLES / "jobs" / "entry_outpatient_cpc.txt")] if command == "match" else []
    target = str(SAMPLES / "entry_coder.txt")
    code = main([command, target, *job, "--max-memory", "500", "--format", "json", "--as-of", "2026-11-26"])
    out, err = capsys.readouterr()
    assert code == 1
    assert json.loads(out)["error"]["code"] == "too_large"
    assert "too_large" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "option, value",
    [("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "0"), ("--timeout", "-3"),
     ("--max-memory", "-1"), ("--max-memory", "nan")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["score", "batch"])
def test_limits_must_be_finite(capsys, command, option, value):
    target = str(SAMPLES / "entry_coder.txt") if command == "score" else str(SAMPLES)
    with pytest.raises(SystemExit) as stop:
        main([command, target, option, value])
    assert stop.value.code == 2
    assert option in capsys.readouterr().err


def test_text_past_the_limit_is_reported(analyzer, tmp_path: Path):
    from analyzer.pipeline import Analyzer

    path = tmp_path / "long.txt"
    path.write_text((SAMPLES / "entry_coder.txt").read_text() * 20)
    report = Analyzer(analyzer.rules, Limits(max_text_chars=5_000)).run(path, AS_OF).report
    assert report.error is None
    assert any("only the first 5,000 were read" in w for w in report.warnings)
    whole = Analyzer(analyzer.rules).run(path, AS_OF).report
    assert whole.warnings == []


# -- inert Markdown ------------------------------------------------------------------------------

HOSTILE_BULLETS = (
    "<script>alert(1)</script> Coded 60 charts per day",
    '<img src=x onerror="alert(2)"> audited 90 claims per week',
    "[click me](javascript:alert(3)) and ![x](http://evil.example/t.png)",
    "`</code><script>alert(4)</script>` reduced denials 12%",
    "&lt;script&gt;alert(5)&lt;/script&gt; first-pass rate 97%",
    "<!-- a comment --> <b>bold</b> | pipe | *star* _under_",
)


@pytest.mark.parametrize("view", ["score", "suggest"])
def test_the_markdown_report_is_inert(tmp_path: Path, view):
    """Resume text and a file name with a backtick, rendered as CommonMark with raw HTML allowed
    (what a browser extension or a wiki does): no element, link or image from the resume."""
    from markdown_it import MarkdownIt

    from analyzer.models.analysis import Analysis
    from analyzer.pipeline import Analyzer
    from analyzer.render import render

    text = (SAMPLES / "entry_coder.txt").read_text()
    text = text.replace("EXPERIENCE", "EXPERIENCE\n" + "\n".join(f"- {b}" for b in HOSTILE_BULLETS))
    path = tmp_path / "cv`<script>alert(6)`.txt"
    path.write_text(text)
    report = Analyzer().run(path, AS_OF).report
    page = MarkdownIt("commonmark").render(render(Analysis(report, None), "markdown", view=view))
    for needle in ("<script", "<img", "<a ", "javascript:", "<b>", "<!--", "<code>"):
        assert needle not in page
    assert "alert(6)" in page  # the name is shown, as text
