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


# The fixture author's reasons for each gamed file (expectations.json "credibility"), as the
# checks that should name them. Reasons with no check of their own are left out: numbers that sit
# only in a summary (the score counts them at 0.35), an RHIA without a bachelor's degree, a CMI
# or RAF change too large for one person, a DNFB cut in one week, a Director title in 3 years.
CHECKS_FOR_REASONS = {
    "pair_1_gamed.txt": {"credentials_outrun_years", "apprentice_and_full", "implausible_volume",
                         "perfect_rate"},
    "pair_2_gamed.txt": {"credentials_outrun_years", "implausible_volume", "perfect_rate",
                         "implausible_team", "implausible_revenue"},
    "pair_3_gamed.txt": {"percent_over_100", "familiar_only"},
    "pair_4_gamed.txt": {"implausible_team", "implausible_revenue", "perfect_rate",
                         "credentials_outrun_years"},
    "pair_5_gamed.txt": {"percent_over_100", "perfect_rate", "implausible_revenue",
                         "familiar_only"},
    "pair_6_gamed.txt": {"years_without_jobs", "credentials_outrun_years", "implausible_volume",
                         "perfect_rate", "implausible_team"},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CHECKS_FOR_REASONS))
def test_each_reason_a_gamed_file_gives_is_named(report, name):
    assert {c.id for c in report(name).credibility} >= CHECKS_FOR_REASONS[name]
