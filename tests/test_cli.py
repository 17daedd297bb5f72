"""The command line: each command, format and exit code, with messages for people on stderr."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.cli import main
from tests.conftest import SAMPLES
from tests.fixtures import make

SAMPLE = str(SAMPLES / "entry_coder.txt")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["score", "suggest"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_single_file_commands(capsys, command, fmt):
    code, out, err = run(capsys, command, SAMPLE, "--format", fmt, "--as-of", "2026-11-26")
    assert code == 0 and err == ""
    if fmt == "json":
        assert json.loads(out)["stage"]["level"] == "entry"
    elif fmt == "html":
        assert out.startswith("<!doctype html>")
    elif fmt == "markdown":
        assert out.startswith("# Resume analysis")
    else:
        assert "SCORE" in out


def test_output_file(capsys, tmp_path: Path):
    target = tmp_path / "r.html"
    code, out, err = run(capsys, "score", SAMPLE, "--format", "html", "-o", str(target))
    assert code == 0 and out == "" and target.read_text().startswith("<!doctype html>")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "make_file, code_word",
    [
        (lambda d: d / "missing.pdf", "not_found"),
        (lambda d: make.write(d / "empty.docx", b""), "empty"),
        (lambda d: make.write(d / "img.pdf", make.image_only_pdf()), "no_text"),
        (
            lambda d: make.write(d / "locked.pdf", make.to_pdf(make.SAMPLE, user_password="pw")),
            "encrypted",
        ),
        (lambda d: make.write(d / "cut.docx", make.to_docx(make.SAMPLE)[:2000]), "corrupt"),
    ],
)
def test_bad_input_exit_1_with_message(capsys, tmp_path: Path, make_file, code_word):
    path = make_file(tmp_path)
    code, out, err = run(capsys, "score", str(path), "--format", "json")
    assert code == 1
    assert f"({code_word})" in err and "Traceback" not in err
    assert json.loads(out)["error"]["code"] == code_word


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["score"],
        ["score", SAMPLE, "--format", "yaml"],
        ["score", SAMPLE, "--as-of", "yesterday"],
        ["batch", SAMPLE],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2


def test_unwritable_output(capsys, tmp_path: Path):
    code, out, err = run(
        capsys, "score", SAMPLE, "-o", str(tmp_path / "no" / "such" / "dir" / "r.json")
    )
    assert code == 1 and "cannot write" in err


def test_text_command_shows_sections(capsys):
    code, out, err = run(capsys, "text", SAMPLE)
    assert code == 0
    assert "== EXPERIENCE ==" in out and "experience" in out


def test_schema(capsys):
    code, out, err = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Report" and "suggestions" in schema["properties"]
    # Metric kinds come from the rule pack's registry, strongest first.
    kinds = schema["$defs"]["Metric"]["properties"]["kind"]["enum"]
    assert kinds[:3] == ["accuracy", "first_pass_rate", "volume"] and "other" in kinds


def test_bad_rule_pack_is_a_usage_error(capsys, tmp_path: Path):
    (tmp_path / "tools.toml").write_text('[[rules]]\nid = "X"\nregex = ["("]\n')
    code, out, err = run(capsys, "score", SAMPLE, "--rules", str(tmp_path))
    assert code == 2 and "invalid rule pack" in err and "tools.toml" in err


def test_python_dash_m(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("resume-analyzer ")


def test_help_has_examples(capsys):
    for command in ("score", "suggest", "batch", "text"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out, _ = capsys.readouterr()
        assert "Example" in out


def test_limits_are_configurable(capsys, tmp_path: Path):
    path = make.write(tmp_path / "r.docx", make.to_docx(make.SAMPLE))
    code, out, err = run(capsys, "score", str(path), "--max-docx-parts", "3", "--format", "json")
    assert code == 1 and json.loads(out)["error"]["code"] == "too_large"
    code, out, err = run(capsys, "score", str(path), "--max-size", "0.001", "--format", "json")
    assert code == 1 and json.loads(out)["error"]["code"] == "too_large"
