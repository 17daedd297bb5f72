"""What reading dates with python-dateutil costs per resume. Prints figures; asserts nothing.

usage: python benchmarks/dates.py [--rounds N]

Reads every resume under tests/fixtures/unseen and samples/ once (parsing is not timed), then
times, side by side in one run:
  - the experience detector per resume (positions, dates and years), cold (date caches cleared
    before each resume) and warm;
  - find_spans on every line of those resumes, cold;
  - the share of that spent inside dateutil's parser (each month-name date end it reads).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.parsing import read_bytes  # noqa: E402
from analyzer.pipeline import Analyzer  # noqa: E402
from analyzer.rules import dates  # noqa: E402

AS_OF = date(2026, 11, 26)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    analyzer = Analyzer()
    files = sorted(
        p
        for folder in (ROOT / "tests" / "fixtures" / "unseen", ROOT / "samples")
        for p in folder.glob("*")
        if p.suffix in (".pdf", ".docx", ".txt") and p.name != "README.md"
    )
    docs = [read_bytes(p.read_bytes(), p.name, analyzer.sectioner) for p in files]
    lines = [[ln.text for ln in d.lines] for d in docs]
    detector = analyzer.engine.experience

    spent = [0.0, 0]
    parse = dates.dateutil_parser.parse

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return parse(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t
            spent[1] += 1

    def run(cold: bool) -> float:
        t = time.perf_counter()
        for _ in range(args.rounds):
            for d in docs:
                if cold:
                    dates._month_year.cache_clear()
                detector.find(d, AS_OF)
        return (time.perf_counter() - t) / (args.rounds * len(docs))

    cold, warm = run(True), run(False)
    dates.dateutil_parser.parse = timed
    t = time.perf_counter()
    for _ in range(args.rounds):
        for doc_lines in lines:
            dates._month_year.cache_clear()
            for text in doc_lines:
                dates.find_spans(text, AS_OF)
    spans = (time.perf_counter() - t) / (args.rounds * len(docs))
    dates.dateutil_parser.parse = parse
    per_doc = spent[0] / (args.rounds * len(docs))
    calls = spent[1] / (args.rounds * len(docs))
    print(f"{len(docs)} resumes, {sum(map(len, lines))} lines, {args.rounds} rounds")
    print(f"experience per resume: cold {cold * 1e3:.2f} ms, warm {warm * 1e3:.2f} ms")
    print(f"find_spans on every line, per resume (cold): {spans * 1e3:.2f} ms")
    print(
        f"  of which dateutil: {per_doc * 1e3:.2f} ms ({calls:.1f} calls, "
        f"{per_doc / spans:.0%} of find_spans)"
    )


if __name__ == "__main__":
    main()
