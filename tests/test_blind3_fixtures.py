"""The third held-out set (tests/fixtures/blind3) agrees with its labels: every labelled metric
phrase, name, e-mail and phone is in its file's extracted text, and the labels follow the
conventions (its own validate.py). The set is scored by benchmarks/evaluate_unseen.py, not here."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parent / "fixtures" / "blind3" / "src"


def test_every_label_agrees_with_its_file():
    out = subprocess.run(
        [sys.executable, "validate.py"], cwd=SRC, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "24 labels, problems: 0", out.stdout
