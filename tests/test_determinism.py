"""Output is byte-identical across processes: nothing may depend on set iteration order or hash
randomisation. Each command runs in subprocesses under several PYTHONHASHSEED values."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES

JOB = str(SAMPLES / "jobs" / "entry_outpatient_cpc.txt")
COMMANDS = {
    "score": ["score", str(SAMPLES / "senior_auditor.docx"), "--format", "json"],
    "match": ["match", str(SAMPLES / "senior_auditor.docx"), "--job", JOB, "--format", "json"],
    "batch --job": ["batch", str(SAMPLES), "--job", JOB, "--format", "jsonl", "--workers", "1"],
}


@pytest.mark.integration
@pytest.mark.parametrize("name", list(COMMANDS))
def test_byte_identical_under_different_hash_seeds(name, tmp_path):
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        out = tmp_path / f"{seed}.out"
        proc = subprocess.run(
            [sys.executable, "-m", "analyzer", *COMMANDS[name], "--as-of", "2026-11-26",
             "-o", str(out)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=180,
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.add(out.read_bytes())
    assert len(outputs) == 1
