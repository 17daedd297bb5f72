"""One rule pack: adding a credential, a metric kind or a score component is a TOML edit (each case
below is a small extra pack), and a pack that cannot work fails with its file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.models.findings import MetricKindInfo
from analyzer.parsing import read_bytes
from analyzer.pipeline import Analyzer
from analyzer.render.csvfile import csv_text
from analyzer.render.table import table_text
from analyzer.rules.loader import RuleError
from analyzer.rules.pack import load_rules
from tests.conftest import AS_OF

RESUME = """Jordan Reyes
jordan.reyes@example.com | (555) 010-4477

CERTIFICATIONS
{credential}

EXPERIENCE
CDI Specialist, Harbor Regional Medical Center, Tulsa, OK
June 2019 - Present
- Reviewed 14 inpatient records per day for documentation gaps and queried physicians
- Kept a 92% physician response on clinical documentation queries
- Maintained 96% accuracy on quarterly coding audits
"""


def _pack(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _report(pack: Path | None, credential: str = "CCS"):
    analyzer = Analyzer(pack)
    doc = read_bytes(
        RESUME.format(credential=credential).encode(), "cv.txt", analyzer.sectioner
    )
    return analyzer.analyze_document(doc, AS_OF)


def test_a_new_credential_is_a_toml_edit(tmp_path: Path):
    shipped = _report(None, credential="CXYZ - Certified Example Coder (AAPC)")
    assert "CXYZ" not in {c.id for c in shipped.credentials}
    pack = _pack(
        tmp_path,
        {
            "credentials.toml": '[[rules]]\nid = "CXYZ"\nname = "Certified Example Coder"\n'
            'body = "AAPC"\nexact = ["CXYZ"]\ncore = true\nstage = "senior"\ntrack = "CDI"\n'
        },
    )
    report = _report(pack, credential="CXYZ - Certified Example Coder (AAPC)")
    held = {c.id: c for c in report.credentials}
    assert held["CXYZ"].status == "held" and held["CXYZ"].body == "AAPC"
    # The code reads the new rule's facts: core (credentials component), stage and track.
    assert report.score.components["credentials"].score > 0
    assert "CXYZ" in " ".join(report.score.components["credentials"].reasons)
    assert any("CXYZ" in r for r in report.stage.reasons)


def test_a_new_metric_kind_is_a_toml_edit(tmp_path: Path):
    pack = _pack(
        tmp_path,
        {
            "metrics.toml": '[registry.query_response]\nlabel = "query response rate"\n'
            'direction = "higher"\nrank = 2\ncolumn = "percent"\n\n'
            '[[kinds]]\nkind = "query_response"\nunits = ["percent"]\n'
            "cues = ['physician (?:query )?response']\n"
        },
    )
    report = _report(pack)
    kinds = {m.kind: m.value for m in report.metrics}
    assert kinds.get("query_response") == 92
    registry = load_rules(pack).metrics.registry
    # Every consumer derives from the registry: the batch table and CSV show the new kind.
    header = csv_text([(report, [])], registry).splitlines()[0].split(",")
    assert '"query_response_pct"' in header
    assert "query response rate 92%" in table_text([(report, [])], registry, width=200)


def test_renderers_never_raise_on_a_kind_outside_the_registry():
    report = _report(None)
    bare = {"accuracy": MetricKindInfo(label="accuracy", direction="higher", rank=1)}
    assert "coding accuracy" not in table_text([(report, [])], bare)
    assert csv_text([(report, [])], bare).count("\n") == 2


def test_a_new_score_component_is_a_toml_edit(tmp_path: Path):
    shipped = {c.id: c.weight for c in load_rules().scoring.components}
    lighter = round(shipped["quantified_impact"] - 0.10, 4)
    pack = _pack(
        tmp_path,
        {
            "scoring.toml": '[[components]]\nid = "quantified_impact"\nmeasure = "quantified_impact"\n'
            f"weight = {lighter}\n\n"
            '[[components]]\nid = "cdi_credentials"\nlabel = "CDI credentials"\nmeasure = "evidence"\n'
            'family = "credentials"\nids = ["CCDS", "CDIP"]\nweight = 0.10\n'
        },
    )
    with_ccds = _report(pack, credential="CCDS (ACDIS)").score.components
    without = _report(pack, credential="CCS").score.components
    assert with_ccds["cdi_credentials"].weight == pytest.approx(0.10)
    assert with_ccds["cdi_credentials"].label == "CDI credentials"
    assert with_ccds["cdi_credentials"].score == 100 and without["cdi_credentials"].score == 0
    assert with_ccds["quantified_impact"].weight == pytest.approx(lighter)
    assert sum(c.weight for c in with_ccds.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "files, message",
    [
        ({}, "no rule files in this folder"),
        ({"tool.toml": "x = 1\n"}, "did you mean tools.toml"),
        ({"notes.toml": "x = 1\n"}, "not a rule file name"),
        (
            {"scoring.toml": '[[components]]\nid = "structure"\nmeasure = "structure"\nwieght = 0.15\n'},
            ".wieght: Extra inputs are not permitted",
        ),
        (
            {"scoring.toml": '[[components]]\nid = "extra"\nmeasure = "evidence"\nweight = 0.2\n'},
            "measure 'evidence' needs family and ids",
        ),
        ({"credentials.toml": '[[rules]]\nid = "CQQ"\nbody = "Nobody Board"\nexact = ["CQQ"]\n'}, "is not in [bodies]"),
        ({"stages.toml": '[[tracks]]\nid = "x"\ntitles = ["x"]\ncredentials = ["CPC"]\n'}, "credentials"),
        ({"suggestions.toml": '[[results]]\nid = "x"\nkinds = ["nope"]\npriority = "low"\ngain = 1\nmessage = "m"\nexample = "e"\n'}, "unknown metric kind"),
    ],
)
def test_a_broken_pack_names_its_file_and_key(tmp_path: Path, files, message):
    pack = _pack(tmp_path, files)
    with pytest.raises(RuleError) as err:
        load_rules(pack)
    assert message in str(err.value)


def test_a_missing_pack_or_a_file_given_as_a_pack(tmp_path: Path):
    with pytest.raises(RuleError, match="no such rule pack folder"):
        load_rules(tmp_path / "missing")
    (tmp_path / "tools.toml").write_text("")
    with pytest.raises(RuleError, match="not a file"):
        load_rules(tmp_path / "tools.toml")
