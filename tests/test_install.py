"""The wheel ships its rule files: a plain (non-editable) install, run from another directory, works."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


@pytest.mark.integration
def test_wheel_runs_from_another_directory(tmp_path: Path):
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("resume_analyzer-*.whl"))
    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    assert sorted(p.name for p in (site / "analyzer" / "rules").glob("*.toml"))  # package data
    templates = site / "analyzer" / "render" / "templates"
    assert {"report.html", "report_body.html", "report.css"} <= {p.name for p in templates.iterdir()}
    assert (site / "analyzer" / "web" / "static" / "app.js").is_file()
    assert (site / "analyzer" / "web" / "templates" / "batch.html").is_file()
    # models/ and rules/ install under the analyzer namespace, never as generic top-level names.
    assert not (site / "rules").exists() and not (site / "models").exists()
    assert not (site / "analyzer" / "rules").is_symlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import analyzer, analyzer.rules, analyzer.models as m; print(analyzer.__file__); print(analyzer.rules.__file__); print(m.__file__)",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert all(line.startswith(str(site)) for line in where.stdout.split()), where.stdout
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer",
            "score",
            str(SAMPLES / "mid_ed_coder.pdf"),
            "--format",
            "json",
            "--as-of",
            "2026-11-26",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["stage"]["level"] == "mid"
