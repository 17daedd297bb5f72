"""Score the analyzer on the held-out resumes in tests/fixtures/unseen (written to probe generalisation).

usage: python benchmarks/evaluate_unseen.py [--labels PATH] [--reports JSONL] [--misses] [--json]

Without --reports it copies every labelled file into a temporary folder (so the text sources under
src/ are not analysed), runs `python -m analyzer batch DIR --format jsonl --as-of 2026-11-26 -o TMP`
with the interpreter running this script, and scores the reports against labels.json. Printed:
precision / recall / F1 per field (held credentials, in-progress credentials, code sets, tools,
specialties, metrics as kind + value), domain accuracy, stage accuracy (level within `stage_ok`),
experience years within 1 year (or inside the label's accepted range), and per-format F1.

Matching: credential ids and code-set ids compare after case and punctuation folding (with a few
spellings of the same code set); tools and specialties also match when one folded name contains the
other (4+ characters) or their token-set similarity is >= 88; a metric matches a label of the same kind
when any of its value / value_max / baseline is within 1% (at least 0.011) of the label's value. Each
prediction is used once. Resumes labelled `domain: other` are judged on domain alone.
Needs only the project's own dependencies; works in a fresh clone.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
AS_OF = "2026-11-26"
FIELDS = ("credentials", "in_progress", "code_sets", "tools", "specialties", "metrics")
CODE_SET_SPELLINGS = {
    "icd10": "icd10cm", "cpt4": "cpt", "hcpcs": "hcpcslevelii", "hcpcsii": "hcpcslevelii",
    "hcpcslevel2": "hcpcslevelii", "evaluationandmanagement": "em", "cmshcc": "hcc",
    "modifier": "modifiers", "ncciedits": "ncci", "cciedits": "ncci",
}


def fold(text: object) -> str:
    """Lower-case and drop everything but letters and digits."""
    return re.sub(r"[^a-z0-9]+", "", str(text).lower())


def code_set_key(name: str) -> str:
    key = fold(name)
    return CODE_SET_SPELLINGS.get(key, key)


def same_name(gold: str, pred: str) -> bool:
    """Tool / specialty names: equal when folded, one contains the other, or fuzzy-close."""
    a, b = fold(gold), fold(pred)
    if a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)):
        return True
    return fuzz.token_set_ratio(str(gold).lower(), str(pred).lower()) >= 88


def same_metric(gold: dict, pred: dict) -> bool:
    if gold.get("kind") != pred.get("kind"):
        return False
    want = float(gold["value"])
    tolerance = max(0.011, 0.01 * abs(want))
    values = [pred.get(k) for k in ("value", "value_max", "baseline")]
    return any(isinstance(v, (int, float)) and abs(float(v) - want) <= tolerance for v in values)


class Tally:
    """True/false positives and false negatives of one field."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


def pair_up(gold: list, pred: list, same) -> tuple[int, list, list]:
    """Greedy one-to-one matching; returns (matched, unmatched predictions, unmatched gold)."""
    left = list(pred)
    missed = []
    for g in gold:
        hit = next((i for i, p in enumerate(left) if same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            left.pop(hit)
    return len(gold) - len(missed), left, missed


def ids(items: list | None) -> list[str]:
    return [it["id"] if isinstance(it, dict) else it for it in items or [] if it]


def field_pairs(label: dict, report: dict) -> dict:
    creds = report.get("credentials") or []
    held = [c["id"] for c in creds if c.get("status") in ("held", "apprentice")]
    in_progress = [c["id"] for c in creds if c.get("status") == "in_progress"]
    same_id = lambda g, p: fold(g) == fold(p)  # noqa: E731
    return {
        "credentials": (label["credentials"], held, same_id),
        "in_progress": (label["credentials_in_progress"], in_progress, same_id),
        "code_sets": (sorted({code_set_key(c) for c in label["code_sets"]}),
                      sorted({code_set_key(c) for c in ids(report.get("code_sets"))}), str.__eq__),
        "tools": (label["tools"], ids(report.get("tools")), same_name),
        "specialties": (label["specialties"], ids(report.get("specialties")), same_name),
        "metrics": (label["metrics"], report.get("metrics") or [], same_metric),
    }


def show(item) -> str:
    if isinstance(item, dict):
        return f"{item.get('kind')}={item.get('value')}" + (f" ({item['text']!r})" if item.get("text") else "")
    return str(item)


def score(labels: list[dict], reports: dict[str, dict]) -> dict:
    tallies = {f: Tally() for f in FIELDS}
    by_format: dict[str, dict[str, Tally]] = defaultdict(lambda: {f: Tally() for f in FIELDS})
    counts: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        for name in (Path(f).name for f in label["files"]):
            counts["files"] += 1
            report = reports.get(name)
            if report is None or report.get("error"):
                counts["failed"] += 1
                misses["failed"].append(f"{name}: {report and report.get('error')}")
                continue
            counts["scored"] += 1
            coding = label["domain"] == "medical_coding"
            said = bool((report.get("domain") or {}).get("medical_coding"))
            counts["domain_ok"] += said == coding
            if said != coding:
                misses["domain"].append(f"{name}: said medical_coding={said}")
            if not coding:
                continue
            for field, (gold, pred, same) in field_pairs(label, report).items():
                tp, extra, missed = pair_up(gold, pred, same)
                tallies[field].add(tp, len(extra), len(missed))
                by_format[Path(name).suffix.lstrip(".")][field].add(tp, len(extra), len(missed))
                if extra or missed:
                    misses[field].append(f"{name}: +[{', '.join(map(show, extra))}] -[{', '.join(map(show, missed))}]")
            counts["stage_cases"] += 1
            level = (report.get("stage") or {}).get("level")
            counts["stage_ok"] += level in label["stage_ok"]
            if level not in label["stage_ok"]:
                misses["stage"].append(f"{name}: {level} not in {label['stage_ok']}")
            years = (report.get("experience") or {}).get("years")
            low, high = label["experience_years_range"]
            close = isinstance(years, (int, float)) and (
                low <= years <= high or abs(years - label["experience_years"]) <= 1.0)
            counts["years_ok"] += close
            if not close:
                misses["experience"].append(f"{name}: {years} vs {label['experience_years']} [{low}, {high}]")
    return {"tallies": tallies, "by_format": by_format, "counts": counts, "misses": misses}


def run_batch(labels: list[dict], labels_dir: Path) -> dict[str, dict]:
    """Analyse the labelled files with the project's batch command; reports keyed by file name."""
    with tempfile.TemporaryDirectory(prefix="unseen-") as tmp:
        folder = Path(tmp) / "resumes"
        folder.mkdir()
        for label in labels:
            for f in label["files"]:
                shutil.copy2(labels_dir / f, folder / Path(f).name)
        out = Path(tmp) / "reports.jsonl"
        cmd = [sys.executable, "-m", "analyzer", "batch", str(folder), "--format", "jsonl",
               "--as-of", AS_OF, "-o", str(out), "--progress", "never"]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if not out.exists():
            sys.exit(f"batch failed (exit {done.returncode}): {done.stderr.strip()}")
        return read_reports(out)


def read_reports(path: Path) -> dict[str, dict]:
    reports = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rep = json.loads(line)
            reports[Path(rep.get("file", "")).name] = rep
    return reports


def summary(result: dict) -> dict:
    c = result["counts"]
    out = {}
    for field, t in result["tallies"].items():
        out.update({f"{field}_p": round(t.precision(), 3), f"{field}_r": round(t.recall(), 3),
                    f"{field}_f1": round(t.f1(), 3)})
    out["domain_acc"] = round(c["domain_ok"] / max(c["scored"], 1), 3)
    out["stage_acc"] = round(c["stage_ok"] / max(c["stage_cases"], 1), 3)
    out["exp_within_1y"] = round(c["years_ok"] / max(c["stage_cases"], 1), 3)
    out["files"] = c["files"]
    out["failed"] = c["failed"]
    return out


def print_text(result: dict, with_misses: bool) -> None:
    print(f"{'field':12} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for field, t in result["tallies"].items():
        print(f"{field:12} {t.precision():6.3f} {t.recall():6.3f} {t.f1():6.3f}  {t.tp:3d} {t.fp:3d} {t.fn:3d}")
    c = result["counts"]
    print(f"domain accuracy     {c['domain_ok']}/{c['scored']}")
    print(f"stage within ok     {c['stage_ok']}/{c['stage_cases']}")
    print(f"years within 1 y    {c['years_ok']}/{c['stage_cases']}")
    for ext, tallies in sorted(result["by_format"].items()):
        print(f"format {ext:5} F1: " + " ".join(f"{f}={t.f1():.2f}" for f, t in tallies.items()))
    for kind, rows in result["misses"].items():
        print(f"miss {kind}: {len(rows)}")
        if with_misses:
            for row in rows:
                print(f"    {row}")
    print("SUMMARY " + " ".join(f"{k}={v}" for k, v in summary(result).items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=UNSEEN / "labels.json")
    ap.add_argument("--reports", type=Path, help="score this JSONL instead of running the batch")
    ap.add_argument("--misses", action="store_true", help="list every miss, per file")
    ap.add_argument("--json", action="store_true", help="print the summary and misses as JSON")
    a = ap.parse_args(argv)
    labels = json.loads(a.labels.read_text(encoding="utf-8"))
    reports = read_reports(a.reports) if a.reports else run_batch(labels, a.labels.parent)
    result = score(labels, reports)
    if a.json:
        print(json.dumps({"summary": summary(result), "misses": result["misses"]}, indent=1))
    else:
        print_text(result, a.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
