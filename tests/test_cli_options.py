"""Command-line options are checked, not silently accepted; stdin and folders are handled."""

from __future__ import annotations

import io
import json
import sys

import pytest

from analyzer.cli import main
from tests.conftest import SAMPLES

CV = SAMPLES / "entry_coder.txt"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["batch", str(SAMPLES), "--min-score", "500"], "--min-score"),
        (["batch", str(SAMPLES), "--min-score", "-1"], "--min-score"),
        (["batch", str(SAMPLES), "--workers", "-1"], "--workers"),
        (["batch", str(SAMPLES), "--max-memory", "-5"], "--max-memory"),
        (["batch", str(SAMPLES), "--top", "0"], "--top"),
        (["score", str(CV), "--timeout", "nan"], "--timeout"),
        (["score", str(CV), "--timeout", "inf"], "--timeout"),
        (["score", str(CV), "--max-pages", "0"], "--max-pages"),
    ],
)
def test_out_of_range_numbers_are_usage_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_unknown_required_credential_lists_the_known_ones(capsys):
    assert main(["batch", str(SAMPLES), "--require", "CPC,XYZ"]) == 2
    err = capsys.readouterr().err
    assert "unknown credential id(s) XYZ" in err and "CCS" in err


def test_required_credentials_are_case_insensitive(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code = main(
        ["batch", str(SAMPLES), "--require", "cpc", "--format", "jsonl", "-o", str(out),
         "--workers", "0", "--as-of", "2026-11-26", "--progress", "never"]
    )
    assert code in (0, 1)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(
        any(c["id"] == "CPC" and c["status"] == "held" for c in r["credentials"]) for r in rows
    )


@pytest.mark.parametrize("rules, message", [
    ("missing-folder", "no such rule pack folder"),
    ("empty", "no rule files"),
    ("misspelt", "did you mean tools.toml"),
])
def test_a_bad_rule_pack_is_a_usage_error(tmp_path, capsys, rules, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "misspelt").mkdir()
    (tmp_path / "misspelt" / "tool.toml").write_text("x = 1\n")
    assert main(["score", str(CV), "--rules", str(tmp_path / rules)]) == 2
    assert message in capsys.readouterr().err


def test_a_folder_given_to_score_is_a_usage_error(capsys):
    assert main(["score", str(SAMPLES)]) == 2
    assert "is a folder" in capsys.readouterr().err


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("sample", ["entry_coder.txt", "mid_ed_coder.pdf", "senior_auditor.docx"])
def test_score_reads_stdin_and_sniffs_the_format(monkeypatch, capsys, sample):
    _stdin(monkeypatch, (SAMPLES / sample).read_bytes())
    assert main(["score", "-", "--format", "json", "--as-of", "2026-11-26"]) == 0
    from_stdin = json.loads(capsys.readouterr().out)
    assert main(["score", str(SAMPLES / sample), "--format", "json", "--as-of", "2026-11-26"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_stdin["file"] == "(stdin)"
    from_stdin.pop("file"), from_file.pop("file")
    assert from_stdin == from_file


def test_resume_and_posting_cannot_both_be_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, CV.read_bytes())
    assert main(["match", "-", "--job", "-"]) == 2
    assert "both" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["score", "suggest", "text"])
def test_an_input_is_never_the_output(tmp_path, capsys, command):
    cv = tmp_path / "cv.txt"
    cv.write_bytes(CV.read_bytes())
    assert main([command, str(cv), "-o", str(cv)]) == 2
    assert "is an input of this run" in capsys.readouterr().err
    assert cv.read_bytes() == CV.read_bytes()


def test_match_never_writes_over_its_posting(tmp_path, capsys):
    job = tmp_path / "job.txt"
    job.write_bytes((SAMPLES / "jobs" / "entry_outpatient_cpc.txt").read_bytes())
    before = job.read_bytes()
    assert main(["match", str(CV), "--job", str(job), "-o", str(job)]) == 2
    assert job.read_bytes() == before


def test_batch_never_writes_over_a_resume_in_its_folder(tmp_path, capsys):
    cv = tmp_path / "cv.txt"
    cv.write_bytes(CV.read_bytes())
    assert main(["batch", str(tmp_path), "-o", str(cv), "--workers", "0"]) == 2
    assert cv.read_bytes() == CV.read_bytes()
    out = tmp_path / "ranked.csv"
    for _ in range(2):  # a previous run's own output may be replaced
        assert main(["batch", str(tmp_path), "--format", "csv", "-o", str(out), "--workers", "0"]) == 0


def test_a_posting_with_nothing_to_read_fits_nobody(tmp_path, capsys):
    job = tmp_path / "job.txt"
    job.write_text("We are hiring!\nGreat benefits and a friendly team.\n")
    assert main(["match", str(CV), "--job", str(job), "--format", "json", "--as-of", "2026-11-26"]) == 0
    fit = json.loads(capsys.readouterr().out)["match"]
    assert fit["score"] == 0 and fit["requirements"] == []
    assert "No requirement could be read" in fit["guidance"][0]


def test_text_keeps_the_time_limit(capsys):
    assert main(["text", str(SAMPLES / "mid_ed_coder.pdf"), "--timeout", "0.001"]) == 1
    assert "(timeout)" in capsys.readouterr().err
