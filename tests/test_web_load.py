"""The bounded load test on loopback (benchmarks/web_load.py): 200 requests, 8 at a time, mixed
formats and endpoints, against a real server process; every request gets its expected status."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.integration
def test_200_mixed_requests_8_at_a_time_without_errors():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "web_load.py"),
            "--requests",
            "200",
            "--concurrency",
            "8",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    figures = re.search(
        r"p50 (\d+) ms\s+p95 (\d+) ms.*?([\d.]+) requests/s\s+errors (\d+)", run.stdout
    )
    assert figures and figures.group(4) == "0", run.stdout
    assert int(figures.group(1)) <= int(figures.group(2))
