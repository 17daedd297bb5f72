"""Batch memory: the parent process's peak RSS as the folder grows (issue 14).

    python benchmarks/batch_memory.py            # 1,000 and 20,000 files, plus the hostile cases
    python benchmarks/batch_memory.py 1000 5000  # other sizes
    python benchmarks/batch_memory.py --case "shared e-mail" 3000 ranked

Each case builds a folder of small generated TXT resumes in a temporary directory and runs
``analyzer.batch.run_folder`` in a fresh process with 2 workers, writing JSONL (streamed: nothing
kept per file) and, in a second run, also the ranked CSV (a summary row per file kept until the end)
to temporary files (never ``/dev/null`` through ``-o``). It prints, side by side, the files, the seconds, the
parent's peak RSS (workers are separate processes and not counted) and the output sizes. Cases:

- ``distinct``: every resume a different person;
- ``shared e-mail``: 3,000 resumes sent through one agency address (duplicate groups; the old
  duplicate lists took the parent to 1.7 GB and wrote a 208 MB CSV);
- ``1 MB resumes``: eight resumes of about 1 MB of text each (the parent once kept whole reports:
  1.0 GB to write a 4 KB CSV).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """{name}
Medical Coder | {email} | 555-{phone:04d}

EXPERIENCE
Medical Coder, Clinic {n}, 2019 - Present
- Coded {volume} outpatient charts per day at {accuracy}% accuracy in Epic
- Reduced coding denials {denials}% with ICD-10-CM and CPT edits

CERTIFICATIONS
CPC
"""
FIRST = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
LAST = ["Moss", "Nash", "Orr", "Park", "Quinn", "Reyes", "Shaw", "Tran", "Ueda", "Vance", "Wu"]

DRIVER = """
import resource, sys, time
from datetime import date
from analyzer.batch import Job, run_folder
from analyzer.limits import Limits
from analyzer.sinks import JsonlSink, RankedSink
folder, out, ranked = sys.argv[1], sys.argv[2], sys.argv[3] == "ranked"
limits = Limits(timeout_seconds=float(sys.argv[4]))
started = time.monotonic()
sinks = [JsonlSink(out + ".jsonl")] + ([RankedSink(out + ".csv", "csv")] if ranked else [])
summary = run_folder(folder, sinks, job=Job(as_of=date(2026, 11, 26), limits=limits), workers=2)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{summary.done} {time.monotonic() - started:.1f} {peak:.0f}")
"""


def _name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}{'x' * (i // 132)}"


def build(folder: Path, count: int, case: str) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        email = "jobs@agency.example" if case == "shared e-mail" else f"p{i}@example.com"
        text = TEMPLATE.format(
            name=_name(i), email=email, phone=i % 10000, n=i, volume=40 + i % 60,
            accuracy=90 + i % 9, denials=5 + i % 20,
        )  # fmt: skip
        if case == "1 MB resumes":
            bullet = f"- Coded {40 + i} charts per day at 95% accuracy for clinic {i}\n"
            text += "\nEXPERIENCE DETAIL\n" + bullet * (1_000_000 // len(bullet))
        (folder / f"r{i:05d}.txt").write_text(text)


def run(count: int, case: str, ranked: bool = True) -> str:
    """One case in a fresh process: JSONL streamed, plus (``ranked``) the ranked CSV, which
    needs a summary row of every file until the end."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        build(folder, count, case)
        proc = subprocess.run(
            [sys.executable, "-c", DRIVER, str(folder), str(out), "ranked" if ranked else "-",
             "900" if case == "1 MB resumes" else "30"],  # a 1 MB resume takes a minute
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        done, seconds, peak = proc.stdout.split()
        csv = out.with_suffix(".csv")
        csv_kb = f"{csv.stat().st_size / 1024:>8,.0f} KB" if ranked else "       -   "
        jsonl_mb = (out.with_suffix(".jsonl")).stat().st_size / 1e6
        outputs = "jsonl + csv" if ranked else "jsonl only "
        return (
            f"{case:<14} {outputs} {int(done):>7,} files {float(seconds):>7.1f} s   parent peak "
            f"{float(peak):>6.0f} MB   csv {csv_kb}   jsonl {jsonl_mb:>7.1f} MB"
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--case"]:  # one case: --case NAME COUNT [ranked]
        print(run(int(argv[2]), argv[1], argv[3:] == ["ranked"]), flush=True)
        return
    sizes = [int(a) for a in argv] or [1000, 20000]
    for count in sizes:
        for ranked in (False, True):
            print(run(count, "distinct", ranked), flush=True)
    if not argv:
        print(run(3000, "shared e-mail"), flush=True)
        print(run(8, "1 MB resumes"), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
