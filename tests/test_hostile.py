"""Hostile and broken inputs: each ends in the right error code or a correct report, quickly,
without leaking file contents, modifying inputs or stopping a batch."""

import builtins
import copy
import hashlib
import json
import os
import resource
import time
from pathlib import Path

import pytest

from analyzer.cli import main
from analyzer.limits import Limits
from tests.conftest import AS_OF
from tests.fixtures import hostile, make

SAMPLE_TEXT = make.to_text(make.SAMPLE)

# (file name, builder, expected error code or None for a correct report)
CASES = [
    ("empty.pdf", lambda: b"", "empty"),
    ("empty.docx", lambda: b"", "empty"),
    ("empty.txt", lambda: b"", "empty"),
    ("random.pdf", hostile.random_bytes, "unsupported_format"),
    ("random.docx", hostile.random_bytes, "unsupported_format"),
    ("random.txt", hostile.random_bytes, "unsupported_format"),
    ("truncated.pdf", lambda: hostile.truncated(make.to_pdf(make.SAMPLE), 0.3), "corrupt"),
    ("truncated.docx", lambda: hostile.truncated(make.to_docx(make.SAMPLE)), "corrupt"),
    ("bare_header.pdf", lambda: b"%PDF-1.7", "corrupt"),
    ("html_named.pdf", hostile.html_named_pdf, None),
    ("docx_named.pdf", lambda: make.to_docx(make.SAMPLE), None),
    ("pdf_named.docx", lambda: make.to_pdf(make.SAMPLE), None),
    ("image_only.pdf", make.image_only_pdf, "no_text"),
    ("user_password.pdf", lambda: make.to_pdf(make.SAMPLE, user_password="s3cret"), "encrypted"),
    ("owner_password.pdf", lambda: make.to_pdf(make.SAMPLE, owner_password="owner"), None),
    ("400_pages.pdf", lambda: make.many_pages_pdf(400), "too_large"),
    ("broken_xref.pdf", hostile.broken_xref_pdf, None),
    ("zip_bomb.docx", hostile.zip_bomb_docx, "too_large"),
    ("20000_members.docx", hostile.many_members_docx, "too_large"),
    ("billion_laughs.docx", hostile.billion_laughs_docx, "corrupt"),
    ("bad_deflate.docx", hostile.bad_deflate_docx, "corrupt"),
    ("zip_version.docx", hostile.zip_version_docx, "corrupt"),
    ("zip_password.docx", hostile.encrypted_zip_docx, "encrypted"),
    ("latin1.txt", lambda: SAMPLE_TEXT.replace("Lindqvist", "Lindqvíst").encode("latin-1"), None),
    ("utf16.txt", lambda: SAMPLE_TEXT.encode("utf-16"), None),
    ("name with spaces ü.txt", lambda: SAMPLE_TEXT.encode(), None),
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, build, _ in CASES:
        make.write(root / name, build())
    return root


@pytest.fixture(scope="module")
def engines(analyzer):
    """The shared analyzer with each PDF engine (the rules and spaCy loaded once)."""
    pdfium = copy.copy(analyzer)
    pdfium.limits = Limits(pdf_engine="pdfium")
    return {"pdfminer": analyzer, "pdfium": pdfium}


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
@pytest.mark.parametrize("name, build, code", CASES, ids=[c[0] for c in CASES])
def test_case(engines, hostile_dir, name, build, code, engine):
    path = hostile_dir / name
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    start = time.monotonic()
    report = engines[engine].run(path, AS_OF).report
    elapsed = time.monotonic() - start
    assert elapsed < 15, f"{name} took {elapsed:.1f} s"
    if code is None:
        assert report.error is None, report.error
        assert report.experience.positions and report.metrics
    else:
        assert report.error is not None and report.error.code == code, report.error
        assert report.error.message and "\n" not in report.error.message
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_memory_stays_bounded(analyzer, hostile_dir):
    for name, _, _ in CASES:
        analyzer.run(hostile_dir / name, AS_OF)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1000, f"peak RSS {peak_mb:.0f} MB"


def test_xxe_never_leaks_a_local_file(analyzer, tmp_path: Path, capsys):
    secret = make.write(tmp_path / "secret.txt", hostile.SECRET)
    path = make.write(tmp_path / "xxe.docx", hostile.xxe_docx(str(secret)))
    report = analyzer.run(path, AS_OF).report
    assert report.error.code == "corrupt"
    for fmt in ("json", "text", "markdown", "html"):
        main(["score", str(path), "--format", fmt])
    out, err = capsys.readouterr()
    assert hostile.SECRET not in out + err + report.model_dump_json()


def test_60_mb_text_is_refused_before_reading(analyzer, tmp_path: Path, monkeypatch):
    path = make.write(tmp_path / "huge.txt", hostile.big_text(60))
    opened = []
    real_open = builtins.open

    def recording_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    report = analyzer.run(path, AS_OF).report
    assert report.error.code == "too_large" and "62.9 MB" in report.error.message
    assert str(path) not in opened  # refused from its size alone: never opened, never read


def test_unreadable_file(analyzer, tmp_path: Path, monkeypatch):
    path = make.write(tmp_path / "locked.txt", SAMPLE_TEXT)
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    report = analyzer.run(path, AS_OF).report
    assert report.error.code == "not_found" and "permission denied" in report.error.message


def test_internal_errors_are_caught_per_file(analyzer, tmp_path: Path, monkeypatch):
    path = make.write(tmp_path / "ok.txt", SAMPLE_TEXT)

    def boom(*args, **kwargs):
        raise ZeroDivisionError("simulated parser bug")

    monkeypatch.setattr(analyzer.engine, "extract", boom)
    report = analyzer.run(path, AS_OF).report
    assert report.error.code == "internal_error" and "ZeroDivisionError" in report.error.message


def test_batch_over_all_hostile_files(capsys, hostile_dir, tmp_path: Path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for p in hostile_dir.iterdir():
        os.symlink(p, folder / p.name)
    os.symlink(folder, folder / "loop")  # a directory symlink loop is not followed
    os.symlink(tmp_path / "nowhere", folder / "dangling.pdf")
    code = main(
        [
            "batch",
            str(folder),
            "--format",
            "jsonl",
            "--workers",
            "2",
            "--progress",
            "never",
            "--timeout",
            "20",
        ]
    )
    out, err = capsys.readouterr()
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.splitlines())}
    assert code == 1 and len(rows) == len(CASES)
    for name, _, expected in CASES:
        got = rows[name]["error"]
        assert (got["code"] if got else None) == expected, name
    assert "Traceback" not in err and "dangling.pdf: broken symlink" in err


def test_a_very_long_line_stays_linear(analyzer, tmp_path: Path):
    """200 KB on one line with thousands of credentials, codes and metrics ends. The bound is a
    hang guard against quadratic work (minutes to hours), not a speed figure: the time itself is
    measured in benchmarks/hostile.py."""
    line = "Coded 40 charts per day at 97% accuracy in Epic with CPC and ICD-10-CM. " * 3000
    path = make.write(tmp_path / "long.txt", "Pat Lee\nEXPERIENCE\n- " + line + "\n")
    start = time.monotonic()
    report = analyzer.run(path, AS_OF).report
    assert report.error is None and len(report.metrics) == 6000
    assert time.monotonic() - start < 60
