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
