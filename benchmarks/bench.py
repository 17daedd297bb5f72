"""Batch throughput, cost over bare pdfminer, cold start and memory. Prints figures; asserts nothing.

usage: python benchmarks/bench.py [FOLDER] [--copies N]

Without FOLDER it builds a mixed folder (PDF, DOCX, TXT; 1-3 pages) from tests/fixtures/make.py
(needs the test extras: pip install '.[test]'). Figures:
  - resumes per second with 1 and 2 workers (resume-analyzer batch --format jsonl);
  - our 1-worker batch time on the PDFs alone over bare pdfminer.six extract_text on the same PDFs;
  - cold `resume-analyzer score` wall time for one 2-page PDF (a new process, as a user runs it);
  - peak resident memory of a worker process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


BULLETS = [
    "Code {n} outpatient surgery, radiology and observation charts per day in Epic with 3M 360 Encompass",
    "Maintain {a}% accuracy on quarterly internal and external coding audits across all service lines",
    "Reduced modifier 25 and 59 denials by {d}% by building an edit checklist with the billing office",
    "Review NCCI and MUE edits before claim release and resolve coding holds within two business days",
    "Query providers on missing laterality, acuity and chronic-condition documentation for HCC capture",
    "Mentor new coders on ICD-10-CM guidelines, CPT surgical packages and HCPCS Level II drug units",
    "Kept first-pass claim acceptance at {f}% on professional and facility claims for commercial payers",
    "Partner with CDI and revenue integrity on DRG mismatches, medical necessity denials and payer audits",
]


def build_folder(dest: Path, copies: int) -> None:
    """Realistic resumes: 3-6 positions of 4-6 bullets each (1-3 pages), as PDF, DOCX and TXT."""
    from dataclasses import replace

    from tests.fixtures import make

    base = make.SAMPLE
    for i in range(copies):
        jobs = []
        for j in range(3 + i % 4):
            bullets = [
                b.format(n=40 + i % 30, a=94 + i % 5, d=10 + i % 20, f=95 + i % 4)
                for b in (BULLETS[j % 8 :] + BULLETS[: j % 8])[: 4 + (i + j) % 3]
            ]
            year = 2025 - 3 * j
            jobs.append(
                make.Job(
                    f"Coder {'I' * (1 + j % 3)}",
                    f"Health System {j}, Madison, WI",
                    f"Jan {year - 2} - Dec {year}" if j else "Jan 2023 - Present",
                    bullets,
                )
            )
        r = replace(
            base,
            name=f"Candidate {i:03d}",
            contact=f"Madison, WI 53703 | 608-555-{i % 100:04d} | c{i}@example.com",
            jobs=jobs,
        )
        kind = i % 3
        if kind == 0:
            (dest / f"c{i:03d}.pdf").write_bytes(make.to_pdf(r, sidebar=i % 2 == 0, footer=True))
        elif kind == 1:
            (dest / f"c{i:03d}.docx").write_bytes(make.to_docx(r))
        else:
            (dest / f"c{i:03d}.txt").write_text(make.to_text(r))


def cli() -> list[str]:
    exe = shutil.which("resume-analyzer", path=str(Path(sys.executable).parent)) or shutil.which(
        "resume-analyzer"
    )
    return [exe] if exe else [sys.executable, "-m", "analyzer"]


def timed_batch(folder: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            *cli(),
            "batch",
            str(folder),
            "--format",
            "jsonl",
            "--workers",
            str(workers),
            "--as-of",
            "2026-11-26",
            "-o",  # a temporary file beside the folder, never /dev/null (see the README)
            str(folder.with_name(folder.name + "-out.jsonl")),
            "--progress",
            "never",
        ],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def bare_pdfminer(pdfs: list[Path]) -> float:
    code = (
        "import sys, time, logging; logging.disable(logging.WARNING)\n"
        "from pdfminer.high_level import extract_text\n"
        "t = time.perf_counter()\n"
        "for p in sys.argv[1:]:\n"
        "    try: extract_text(p)\n"
        "    except Exception: pass\n"
        "print(time.perf_counter() - t)\n"
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *map(str, pdfs)], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument(
        "--copies", type=int, default=120, help="resumes to build when no folder is given"
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (the best is reported)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ra-bench-"))
    try:
        folder = args.folder
        if folder is None:
            folder = tmp / "mixed"
            folder.mkdir()
            build_folder(folder, args.copies)
        files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
        pdfs = [p for p in files if p.read_bytes()[:1024].find(b"%PDF-") >= 0]
        pdf_dir = tmp / "pdfs"
        pdf_dir.mkdir()
        for p in pdfs:
            shutil.copy(p, pdf_dir / p.name)
        kinds = {
            s: sum(1 for p in files if p.suffix.lower() == s) for s in (".pdf", ".docx", ".txt")
        }
        print(f"folder: {folder} ({len(files)} files: {kinds}); machine: {os.cpu_count()} cores")

        best = lambda f: min(f() for _ in range(args.repeat))  # noqa: E731
        one_file = tmp / "one"
        one_file.mkdir()
        shutil.copy(pdfs[0], one_file / pdfs[0].name)
        # Start-up: a batch of one PDF (interpreter, spaCy import, rules, pdfminer import).
        ours_start = best(lambda: timed_batch(one_file, 1))
        bare_start = best(lambda: bare_pdfminer([pdfs[0]]))
        print(f"start-up (one PDF): ours {ours_start:.2f} s, bare pdfminer {bare_start:.2f} s")

        one = best(lambda: timed_batch(folder, 1))
        two = best(lambda: timed_batch(folder, 2))
        print(f"batch, 1 worker : {one:6.2f} s  {len(files) / one:6.1f} resumes/s")
        print(
            f"batch, 2 workers: {two:6.2f} s  {len(files) / two:6.1f} resumes/s  "
            f"(speed-up {one / two:.2f}x; {(one - ours_start) / (two - ours_start):.2f}x after start-up)"
        )

        ours = best(lambda: timed_batch(pdf_dir, 1))
        bare = best(lambda: bare_pdfminer(sorted(pdf_dir.iterdir())))
        print(
            f"PDFs only ({len(pdfs)}): ours 1 worker {ours:.2f} s, bare pdfminer extract_text {bare:.2f} s: "
            f"ratio {ours / bare:.2f} end to end, "
            f"{(ours - ours_start) / max(bare - bare_start, 1e-6):.2f} per file (start-up taken out)"
        )

        two_page = next(
            (p for p in pdfs if b"/Count 2" in p.read_bytes()), pdfs[0] if pdfs else None
        )
        if two_page:
            cold = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run(
                    [*cli(), "score", str(two_page), "--as-of", "2026-11-26"],
                    check=False,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                cold.append(time.perf_counter() - start)
            print(f"cold score of {two_page.name}: {min(cold):.2f} s (best of {args.repeat})")

        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        timed_batch(folder, 1)  # workers are waited for by their parent, so they count here too
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            f"peak RSS of the largest process (parent or worker): {max(peak, before) / 1024:.0f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
