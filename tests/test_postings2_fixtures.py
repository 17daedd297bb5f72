"""The held-out postings (tests/fixtures/postings2) agree with their labels' format. The set is
scored by benchmarks/evaluate_postings.py, not here: these tests only guard the fixtures."""

import json
from pathlib import Path

HERE = Path(__file__).parent / "fixtures" / "postings2"
KINDS = {"level", "credential", "years", "code_set", "tool", "education", "specialty"}


def test_every_posting_has_a_well_formed_reading():
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    assert set(labels) == {p.name for p in HERE.glob("*.txt")} and len(labels) == 10
    for name, reading in labels.items():
        assert reading["requirements"], name
        for kind, items, strength, group in reading["requirements"]:
            assert kind in KINDS and items and all(isinstance(i, str) for i in items), name
            assert strength in ("required", "preferred"), name
            assert group in ("single", "any", "all", "example"), name
            assert (group == "single") == (len(items) == 1) or group == "example", name
