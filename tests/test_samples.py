"""End-to-end on the bundled samples against hand-written expectations (samples/expected.json),
and the determinism of every output format."""

import json

import pytest

from analyzer.render import FORMATS, render
from tests.conftest import AS_OF, SAMPLES

EXPECTED = {
    k: v
    for k, v in json.loads((SAMPLES / "expected.json").read_text()).items()
    if not k.startswith("_")
}


@pytest.fixture(scope="module")
def analyses(analyzer):
    return {name: analyzer.run(SAMPLES / name, AS_OF) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_matches_expectations(analyses, name):
    want = EXPECTED[name]
    r = analyses[name].report
    assert r.error is None
    assert r.domain.medical_coding is want["medical_coding"]
    assert r.candidate.email == want["email"]
    if "max_score" in want:
        assert r.score.overall <= want["max_score"]
    if not want["medical_coding"]:
        assert [s.id for s in r.suggestions] == ["domain.not_coding"]
        return
    assert {c.id: c.status for c in r.credentials} == want["credentials"]
    assert {c.id for c in r.code_sets} == set(want["code_sets"])
    assert {t.id for t in r.tools} == set(want["tools"])
    assert {s.id for s in r.specialties} == set(want["specialties"])
    assert sorted((m.kind, m.value) for m in r.metrics) == sorted(
        (k, float(v)) for k, v in want["metrics"]
    )
    assert r.experience.years == pytest.approx(want["years"], abs=0.1)
    assert r.stage.level in want["stage"]
    missing = {s.id for s in r.suggestions if s.category == "missing_metric"}
    assert missing == set(want["missing_metrics"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_format_is_deterministic(analyzer, name, fmt):
    first = render(analyzer.run(SAMPLES / name, AS_OF), fmt)
    second = render(analyzer.run(SAMPLES / name, AS_OF), fmt)
    assert first == second and first.strip()


def test_json_output_is_the_contract(analyses):
    data = json.loads(render(analyses["mid_ed_coder.pdf"], "json"))
    assert data["schema_version"] == "1" and data["as_of"] == "2026-11-26" and data["error"] is None
    for key in (
        "domain",
        "candidate",
        "sections",
        "credentials",
        "code_sets",
        "tools",
        "specialties",
        "metrics",
        "experience",
        "stage",
        "score",
        "suggestions",
    ):
        assert key in data
    assert set(data["stage"]["salary_band"]) == {"low", "high", "percentiles", "source"}
    evidence = data["metrics"][0]["evidence"][0]
    assert set(evidence) == {"line", "start", "end", "text", "rule", "explanation"}


def test_text_fits_80_columns_and_is_plain_when_not_a_tty(analyses):
    for analysis in analyses.values():
        for view in ("score", "suggest"):
            text = render(analysis, "text", view=view)
            assert "\033[" not in text
            assert max(len(line) for line in text.splitlines()[1:]) <= 80


def test_html_is_self_contained_and_shows_evidence(analyses):
    html = render(analyses["mid_ed_coder.pdf"], "html")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert 'class="metric-line"' in html and '<mark class="credential"' in html and "<svg" in html


def test_markdown_has_score_and_suggestions(analyses):
    md = render(analyses["skills_only.txt"], "markdown", view="suggest")
    assert md.startswith("# Resume analysis: Priya Natarajan")
    assert "## Suggestions" in md and "e.g." not in md and "*Example:*" in md
