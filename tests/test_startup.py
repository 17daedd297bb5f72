"""Start-up: the commands that need no analysis never import spaCy (its import is most of a cold
start). Each case runs in a fresh interpreter, the way a user starts the tool; the timing itself is
measured in benchmarks/bench.py, not here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES

PROBE = """
import contextlib, io, sys
from analyzer.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:  # --help exits from argparse
        code = exc.code
heavy = sorted(m for m in ("spacy", "thinc", "analyzer.pipeline", "analyzer.rules.terms") if m in sys.modules)
print(code, len(out.getvalue()), ",".join(heavy), file=sys.stderr)
"""


def _probe(*argv: str) -> tuple[int, int, str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    code, size, heavy = (proc.stderr.strip().splitlines()[-1].split(" ") + [""])[:3]
    return int(code), int(size), heavy


@pytest.mark.parametrize(
    "argv, imports_spacy",
    [
        (["--help"], False),
        (["batch", "--help"], False),
        (["schema"], False),
        (["text", str(SAMPLES / "mid_ed_coder.pdf")], False),
        (["text", str(SAMPLES / "senior_auditor.docx")], False),
        # The control: a command that analyses must load it, or the probe proves nothing.
        (["score", str(SAMPLES / "entry_coder.txt"), "--format", "json"], True),
    ],
    ids=["help", "batch-help", "schema", "text-pdf", "text-docx", "score"],
)
def test_spacy_is_imported_only_to_analyse(argv, imports_spacy):
    code, size, heavy = _probe(*argv)
    assert code == 0 and size > 100
    assert ("spacy" in heavy.split(",")) is imports_spacy, heavy


def test_package_exports_still_resolve():
    """The lazy names of ``analyzer`` are the pipeline's own objects."""
    import analyzer
    from analyzer import pipeline
    from analyzer.models.analysis import Analysis

    assert analyzer.analyze is pipeline.analyze and analyzer.Analyzer is pipeline.Analyzer
    assert analyzer.match is pipeline.match and analyzer.Analysis is Analysis
    with pytest.raises(AttributeError):
        analyzer.no_such_name  # noqa: B018
    assert set(analyzer.__all__) == {"Analysis", "Analyzer", "analyze", "match", "__version__"}
