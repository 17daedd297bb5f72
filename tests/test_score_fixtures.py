"""The score against fixtures written by someone who had not seen the scorer
(``tests/fixtures/ladders``: README there): ladders rise at every step, honest beats gamed, the
batch order holds across stages, and credibility flags exactly the gamed files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analyzer.assessment import rank_key

LADDERS = Path(__file__).resolve().parent / "fixtures" / "ladders"
EXPECT = json.loads((LADDERS / "expectations.json").read_text())
AS_OF = date.fromisoformat(EXPECT["as_of"])


@pytest.fixture(scope="module")
def report(analyzer):
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = analyzer.run(LADDERS / name, AS_OF).report
        return cache[name]

    return get


@pytest.mark.parametrize("ladder", EXPECT["ladders"], ids=lambda lad: lad[0].split("_")[0])
def test_ladder_rises_at_every_step(report, ladder):
    scores = [report(n).score.overall for n in ladder]
    assert all(a < b for a, b in zip(scores, scores[1:])), scores
    assert scores[-1] >= scores[0] + EXPECT["thresholds"]["ladder_min_gain"], scores


@pytest.mark.parametrize("pair", EXPECT["pairs"], ids=lambda p: p[0].split("_honest")[0])
def test_honest_beats_gamed(report, pair):
    honest, gamed = (report(n) for n in pair)
    assert honest.score.overall >= gamed.score.overall + EXPECT["thresholds"]["pair_min_gap"]


@pytest.mark.parametrize("order", EXPECT["orders"], ids=lambda o: "-".join(n[:8] for n in o))
def test_batch_order_across_stages(report, order):
    keys = [rank_key(report(n)) for n in order]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name, flags", sorted(EXPECT["credibility"].items()))
def test_credibility_flags_only_the_gamed(report, name, flags):
    found = report(name).credibility
    if not flags:
        assert found == [], [c.message for c in found]
        return
    warnings = [c for c in found if c.severity == "warning" and c.penalty > 0]
    assert warnings and all(c.message for c in warnings)
    # every result-level finding points at the line it is about
    assert all(c.evidence for c in warnings if c.id not in ("hidden_text",))
    assert f"-{min(30, sum(c.penalty for c in warnings))} for" in " ".join(
        report(name).score.components["quantified_impact"].reasons
    )
