"""Batch: one row per file, error rows, filters, duplicates, blind mode, the time limit."""

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.cli import main
from tests.conftest import SAMPLES
from tests.fixtures import make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "applicants"
    (root / "nested").mkdir(parents=True)
    for name in (
        "entry_coder.txt",
        "skills_only.txt",
        "mid_ed_coder.pdf",
        "senior_auditor.docx",
        "not_coding.txt",
    ):
        shutil.copy(SAMPLES / name, root / ("nested" if name.endswith(".docx") else "") / name)
    make.write(root / "broken.pdf", b"%PDF-1.4\n garbage")
    make.write(root / "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200))
    make.write(root / ".DS_Store", b"\x00\x01")
    return root


def batch(capsys, *argv):
    code = main(["batch", *argv, "--as-of", "2026-11-26", "--progress", "never"])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_one_line_per_file_in_stable_order(capsys, folder):
    code, out, err = batch(capsys, str(folder), "--format", "jsonl", "--workers", "2")
    rows = [json.loads(line) for line in out.splitlines()]
    names = [Path(r["file"]).name for r in rows]
    assert names == [
        "broken.pdf",
        "entry_coder.txt",
        "mid_ed_coder.pdf",
        "senior_auditor.docx",
        "not_coding.txt",
        "skills_only.txt",
    ]
    assert rows[0]["error"]["code"] == "corrupt" and all(r["error"] is None for r in rows[1:])
    assert code == 1  # a file failed
    assert "analysed 5; skipped 2; failed 1 (corrupt 1)" in err and "photo.png" in err


def test_workers_give_the_same_output(capsys, folder):
    _, one, _ = batch(capsys, str(folder), "--format", "jsonl", "--workers", "1")
    _, two, _ = batch(capsys, str(folder), "--format", "jsonl", "--workers", "2")
    assert one == two


def test_csv_ranked_with_error_rows_last(capsys, folder):
    code, out, err = batch(capsys, str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    # the documented batch key: stage band (senior, mid, entry), then score, shown in rank_key
    coding = [r for r in rows if r["medical_coding"] == "True"]
    keys = [r["rank_key"].split() for r in coding]
    assert [k[-2:] for k in keys] == [[r["stage"], r["score"]] for r in coding]
    assert rows[: len(coding)] == coding
    bands = ["senior", "mid", "entry"]
    order = [(bands.index(stage), -int(score)) for stage, score in (k[-2:] for k in keys)]
    assert order == sorted(order) and keys[0][0] == "senior"
    assert rows[-1]["error_code"] == "corrupt"
    top = rows[0]
    assert top["name"] and top["stage"] and top["credentials_held"]


def test_table(capsys, folder):
    code, out, err = batch(capsys, str(folder))
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["#", "candidate", "stage", "score"]
    assert any("Denise Okonkwo" in line for line in lines) and any(
        "corrupt" in line for line in lines
    )


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--require", "CPC-A,CCS"], {"entry_coder.txt", "skills_only.txt", "senior_auditor.docx"}),
        (["--require", "cedc"], {"mid_ed_coder.pdf"}),
        (["--min-stage", "senior"], {"senior_auditor.docx"}),
        (["--min-score", "80"], {"mid_ed_coder.pdf", "senior_auditor.docx", "entry_coder.txt"}),
        (["--top", "1"], {"senior_auditor.docx"}),
    ],
)
def test_filters(capsys, folder, argv, expected):
    code, out, err = batch(capsys, str(folder), "--format", "json", *argv)
    kept = {Path(r["file"]).name for r in json.loads(out) if not r["error"]}
    assert kept == expected


def test_duplicates_are_flagged_not_dropped(capsys, folder):
    shutil.copy(folder / "entry_coder.txt", folder / "entry_coder_copy.txt")
    text = (folder / "skills_only.txt").read_text().replace("Priya Natarajan", "P. Natarajan")
    (folder / "zz_resubmitted.txt").write_text(text)
    code, out, err = batch(capsys, str(folder), "--format", "jsonl")
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.splitlines())}
    assert len(rows) == 8
    assert any("identical file" in d for d in rows["entry_coder_copy.txt"]["duplicate_of"])
    assert any("same e-mail" in d for d in rows["zz_resubmitted.txt"]["duplicate_of"])
    assert rows["entry_coder.txt"]["duplicate_of"] == []


def test_blind_mode_leaves_out_names_and_contacts(capsys, folder):
    shutil.copy(folder / "entry_coder.txt", folder / "zz_again.txt")
    code, out, err = batch(capsys, str(folder), "--format", "jsonl", "--blind")
    for needle in (
        "Okonkwo",
        "Moreno",
        "Natarajan",
        "example.com",
        "example.org",
        "555-01",
        "applicants",
    ):
        assert needle not in out
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[1]["file"] == "candidate-0002" and rows[1]["candidate"]["name"] is None
    # duplicates are still found, and named by pseudonym
    assert rows[-1]["duplicate_of"] == [
        "candidate-0002 (identical file, same e-mail, same phone, same name)"
    ]


def test_reports_dir(capsys, folder, tmp_path: Path):
    out_dir = tmp_path / "reports"
    code, out, err = batch(
        capsys, str(folder), "--reports-dir", str(out_dir), "--reports-format", "json"
    )
    files = sorted(p.name for p in out_dir.iterdir())
    assert len(files) == 6 and files[0].startswith("0001-")


def test_hung_worker_is_stopped_and_the_batch_goes_on(capsys, folder, tmp_path: Path):
    """A rule pack with a catastrophic regex makes one file hang; the time limit stops it."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "tools.toml").write_text("[[rules]]\nid = \"Slow\"\nregex = ['^(a+)+$']\n")
    make.write(folder / "hang.txt", "Pat Lee\nSKILLS\n" + "a" * 40 + "!\n")
    code, out, err = batch(
        capsys,
        str(folder),
        "--format",
        "jsonl",
        "--rules",
        str(pack),
        "--timeout",
        "3",
        "--workers",
        "2",
    )
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.splitlines())}
    assert rows["hang.txt"]["error"]["code"] == "timeout"
    assert rows["senior_auditor.docx"]["error"] is None and len(rows) == 7
    assert code == 1


def test_output_file_written_atomically(capsys, folder, tmp_path: Path):
    target = tmp_path / "out.jsonl"
    code, out, err = batch(capsys, str(folder), "--format", "jsonl", "-o", str(target))
    assert out == "" and len(target.read_text().splitlines()) == 6
    assert not list(tmp_path.glob(".resume-analyzer-*"))


@pytest.mark.parametrize(
    "signum, group",
    [
        (signal.SIGINT, True),  # a terminal's Ctrl-C reaches the whole process group
        (signal.SIGTERM, False),  # `kill PID`: the parent only
        (signal.SIGHUP, False),
    ],
)
def test_a_signal_keeps_every_finished_row(tmp_path: Path, signum, group):
    """Stopped mid-batch: exit 128+signal, a valid JSONL output holding every finished row, no
    temporary file left, no traceback, and no worker left running (even when only the parent
    got the signal)."""
    folder = tmp_path / "many"
    folder.mkdir()
    pdf = make.to_pdf(make.SAMPLE, pages=2)
    for i in range(400):
        (folder / f"r{i:03d}.pdf").write_bytes(pdf)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "batch", str(folder), "--format", "jsonl",
         "-o", str(out), "--workers", "2", "--progress", "never"],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60

    def written() -> int:
        return sum(p.stat().st_size for p in tmp_path.glob(".resume-analyzer-*.tmp"))

    while time.monotonic() < deadline and written() == 0:
        time.sleep(0.02)
    (os.killpg if group else os.kill)(proc.pid, signum)
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err and "interrupted" in err and "not reached" in err
    rows = [json.loads(r) for r in out.read_text().splitlines()]
    analysed = int(re.search(r"analysed (\d+)", err).group(1))
    assert 0 < len(rows) == analysed < 400
    assert all(r["error"] is None for r in rows)
    assert not list(tmp_path.glob(".resume-analyzer-*"))
    gone = time.monotonic() + 10
    while time.monotonic() < gone:
        try:
            os.killpg(proc.pid, 0)  # any worker left in the batch's process group?
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a worker outlived its parent")


# -- the parent's merge: each report parsed only as far as the outputs need -----------------------


class _Recorder:
    """A sink that keeps what ``add`` was given (``wants_report`` as told, or left unset)."""

    name, paths, wants_rows, wants_full = "recorder", [], False, False

    def __init__(self, wants_report: bool | None = None) -> None:
        if wants_report is not None:
            self.wants_report = wants_report
        self.got: list = []

    def add(self, report, text) -> None:
        self.got.append((report, text))

    def close(self, kept, complete) -> None:
        pass

    def abandon(self) -> None:
        pass


@pytest.fixture
def worked(analyzer, folder):
    """The folder with a resubmitted copy, and what a worker sends for each file: its JSON text
    and digest, keyed by file name (the engine below replays them, last file first)."""
    from datetime import date

    shutil.copy(folder / "entry_coder.txt", folder / "zz_copy.txt")
    sent = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".png":
            analysis = analyzer.run(path, date(2026, 11, 26), label=str(path))
            sent[path.name] = (analysis.report.model_dump_json(), analysis.digest)

    def engine(tasks, job):
        for index, path, label in reversed(tasks):
            yield index, *sent[path.name]

    return folder, sent, engine


def test_streamed_rows_are_the_workers_bytes_and_duplicates_are_rewritten(worked, tmp_path):
    from analyzer.batch import Job, run_folder
    from analyzer.models.report import Report
    from analyzer.sinks import JsonlSink

    folder, sent, engine = worked
    out = tmp_path / "out.jsonl"
    full, bare = _Recorder(), _Recorder(wants_report=False)
    summary = run_folder(folder, [JsonlSink(out), full, bare], job=Job(), engine=engine)
    lines = out.read_text(encoding="utf-8").splitlines()
    names = [Path(json.loads(line)["file"]).name for line in lines]
    assert names[-2:] == ["skills_only.txt", "zz_copy.txt"] and len(lines) == 7
    for name, line in zip(names[:-1], lines[:-1]):
        assert line == sent[name][0]  # not parsed and written again: the worker's own bytes
    first = str(folder / "entry_coder.txt")
    again = json.loads(lines[-1])
    assert again == {
        **json.loads(sent["zz_copy.txt"][0]),
        "duplicate_group": names.index("entry_coder.txt") + 1,
        "duplicate_of": [f"{first} (identical file, same e-mail, same phone, same name)"],
    }
    # A sink that reads reports gets each one whole; one that does not gets only the text.
    assert [text for _, text in full.got] == lines == [text for _, text in bare.got]
    assert all(isinstance(r, Report) and r.model_dump_json() == t for r, t in full.got)
    assert all(report is None for report, _ in bare.got)
    assert summary.done == 7 and summary.failures == {"corrupt": 1}


@pytest.mark.parametrize(
    "require, min_stage, min_score",
    [
        (set(), None, None),
        ({"CPC"}, None, None),
        ({"CCS", "CPC-A"}, None, None),
        (set(), "mid", None),
        (set(), "senior", None),
        (set(), None, 50),
        ({"CPC"}, "entry", 30),
    ],
)
def test_the_head_a_run_decides_on_decides_as_the_whole_report(
    worked, require, min_stage, min_score
):
    """Filters and duplicates read only ``ReportHead``: the same answers as the whole report, on
    real reports (held and apprentice credentials, stages, scores, an error row)."""
    from analyzer.batch import DuplicateFinder, ReportHead, passes
    from analyzer.models.report import Report

    _, sent, _ = worked
    by_head, by_report = DuplicateFinder(), DuplicateFinder()
    kept = set()
    for i, (name, (text, digest)) in enumerate(sorted(sent.items())):
        head, report = ReportHead.model_validate_json(text), Report.model_validate_json(text)
        assert head.error == report.error and head.candidate == report.candidate
        decided = passes(head, require, min_stage, min_score)
        assert decided == passes(report, require, min_stage, min_score)
        assert by_head.check(head, digest, name, i) == by_report.check(report, digest, name, i)
        if decided and not report.error:
            kept.add(name)
    assert kept == _EXPECTED_KEPT[(frozenset(require), min_stage, min_score)]


ENTRY = {"entry_coder.txt", "zz_copy.txt"}  # CPC-A (apprentice), entry, score about 80
_EXPECTED_KEPT = {  # the samples' README: who holds what, at which stage
    (frozenset(), None, None): ENTRY
    | {"mid_ed_coder.pdf", "senior_auditor.docx", "not_coding.txt", "skills_only.txt"},
    (frozenset({"CPC"}), None, None): {"mid_ed_coder.pdf"},
    (frozenset({"CCS", "CPC-A"}), None, None): ENTRY | {"skills_only.txt", "senior_auditor.docx"},
    (frozenset(), "mid", None): {"mid_ed_coder.pdf", "senior_auditor.docx", "skills_only.txt"},
    (frozenset(), "senior", None): {"senior_auditor.docx"},
    (frozenset(), None, 50): ENTRY | {"mid_ed_coder.pdf", "senior_auditor.docx"},
    (frozenset({"CPC"}), "entry", 30): {"mid_ed_coder.pdf"},
}
