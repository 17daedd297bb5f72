"""Score how job postings are read: each posting's requirements against a hand reading.

usage: python benchmarks/evaluate_postings.py LABELS [--misses]

LABELS is a JSON object keyed by posting file name (the files sit next to it), each value
``{"requirements": [[kind, [items...], strength, group], ...], "standards": [kind, ...]}``: the
requirements a recruiter reads, with the conventions of ``tests/test_match_postings.py``. A years
requirement is compared by its length only (a hand reading words its setting its own way).

Printed, over all postings:
  - requirements found: precision / recall / F1 of exact (kind, items, strength, group) matches;
  - the same on (kind, items) alone, and on kind alone (what was found, whatever its weight);
  - strength and group accuracy on the requirements whose kind and items match;
  - standards: precision / recall of their kinds.
Each label and each reading is used once. Needs only the project's own dependencies.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _years(item: str) -> float:
    """A years requirement by its length in years ("3+ years outpatient", "6+ months coding"):
    hand readings describe the setting in their own words."""
    m = re.search(r"(?i)(\d+(?:\.\d+)?)\s*\+?\s*(years?|yrs?|months?)", item)
    if not m:
        return 0.0
    value = float(m.group(1))
    return round(value / 12, 2) if m.group(2).lower().startswith("month") else value


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(found: list, wanted: list, key) -> tuple[int, list, list]:
    """Pairs found and wanted items by ``key`` (each used once): (matched, extra, missed)."""
    left = Counter(key(w) for w in wanted)
    tp, extra = 0, []
    for f in found:
        k = key(f)
        if left[k] > 0:
            left[k] -= 1
            tp += 1
        else:
            extra.append(f)
    missed = []
    for w in wanted:  # what no reading took, in posting order
        if left[key(w)] > 0:
            left[key(w)] -= 1
            missed.append(w)
    return tp, extra, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels", type=Path)
    ap.add_argument("--misses", action="store_true", help="list what each posting got wrong")
    args = ap.parse_args()

    from analyzer.pipeline import Analyzer

    analyzer = Analyzer(None)
    labels = json.loads(args.labels.read_text())
    totals = {name: [0, 0, 0] for name in ("exact", "kind+items", "kind")}
    strength = group = both = 0
    std = [0, 0, 0]
    for name, want in sorted(labels.items()):
        posting = analyzer.read_posting(args.labels.parent / name)
        def norm(kind, items):
            if kind == "years":
                return tuple(sorted(_years(i) for i in items))
            return tuple(sorted(items))

        found = [(a.kind, norm(a.kind, a.ids), a.strength, a.group) for a in posting.asks]
        wanted = [(k, norm(k, items), s, g) for k, items, s, g in want["requirements"]]
        keys = {
            "exact": lambda x: x,
            "kind+items": lambda x: x[:2],
            "kind": lambda x: x[0],
        }
        for label, key in keys.items():
            tp, extra, missed = _match(found, wanted, key)
            totals[label][0] += tp
            totals[label][1] += len(extra)
            totals[label][2] += len(missed)
            if args.misses and label == "exact" and (extra or missed):
                print(f"{name}:")
                for x in extra:
                    print(f"   + {x}")
                for x in missed:
                    print(f"   - {x}")
        pending = list(wanted)
        for f in found:
            same = next((w for w in pending if w[:2] == f[:2]), None)
            if same:
                pending.remove(same)
                both += 1
                strength += same[2] == f[2]
                group += same[3] == f[3]
        kinds = [s.metric.kind for s in posting.standards]
        tp, extra, missed = _match(kinds, want.get("standards", []), lambda x: x)
        std[0] += tp
        std[1] += len(extra)
        std[2] += len(missed)
        if args.misses and (extra or missed):
            print(f"{name}: standards + {extra} - {missed}")
    print(f"{len(labels)} postings")
    print(f"{'requirements':24} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for label, (tp, fp, fn) in totals.items():
        p, r, f1 = _prf(tp, fp, fn)
        print(f"  {label:22} {p:6.3f} {r:6.3f} {f1:6.3f} {tp:4d} {fp:3d} {fn:3d}")
    print(f"strength right where kind and items match: {strength}/{both}; group right: {group}/{both}")
    p, r, f1 = _prf(*std)
    print(f"standards (kinds)        {p:6.3f} {r:6.3f} {f1:6.3f} {std[0]:4d} {std[1]:3d} {std[2]:3d}")


if __name__ == "__main__":
    main()
