"""Speed, scaling and memory, side by side in one run on one generated folder. Prints; asserts nothing.

usage: python benchmarks/bench.py [--files N] [--repeat R] [--skip-dask] [--pdfs DIR]
       (needs the test extras: pip install '.[test]', which include the dask extra)

It builds N resumes (default 1,200: half PDF, a quarter each DOCX and TXT; 1-3 pages; a third of the
PDFs with a sidebar) in a temporary folder and prints, with the machine's core count and load:
  - PDF text per file: bare pdfminer.six ``extract_text`` and bare pypdfium2 text, and our PDF
    reading (glyphs -> lines in reading order) with each engine, on the generated PDFs and, with
    ``--pdfs DIR``, on real ones;
  - ``resume-analyzer batch`` on the whole folder with each PDF engine at 1 and 2 workers, and on
    the PDFs alone at 1 worker against bare ``extract_text`` (start-up taken out);
  - where the 2-worker speed-up goes: start-up, the run, result merging;
  - the Dask engine's local cluster against the built-in pool (and whether the output is identical);
  - cold start of ``--help`` and of ``score`` on a 2-page PDF;
  - peak memory of the parent and of each worker process.
Every output goes to a temporary file (never ``-o /dev/null``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
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


def build_folder(dest: Path, files: int) -> None:
    """Realistic resumes: 3-6 positions of 4-6 bullets each (1-3 pages); PDF, DOCX, PDF, TXT in turn."""
    from tests.fixtures import make

    for i in range(files):
        jobs = []
        for j in range(3 + i % 4):
            bullets = [
                b.format(n=40 + i % 30, a=94 + i % 5, d=10 + i % 20, f=95 + i % 4)
                for b in (BULLETS[j % 8 :] + BULLETS[: j % 8])[: 4 + (i + j) % 3]
            ]
            year = 2025 - 3 * j
            dates = f"Jan {year - 2} - Dec {year}" if j else "Jan 2023 - Present"
            jobs.append(
                make.Job(f"Coder {'I' * (1 + j % 3)}", f"Health System {j}, Madison, WI", dates, bullets)
            )
        r = replace(
            make.SAMPLE,
            name=f"Candidate {i:04d} Lindqvist",
            contact=f"Madison, WI 53703 | 608-555-{i % 10000:04d} | c{i}@example.com",
            jobs=jobs,
        )
        kind = i % 4
        if kind in (0, 2):
            (dest / f"c{i:04d}.pdf").write_bytes(make.to_pdf(r, sidebar=i % 3 == 0, footer=True))
        elif kind == 1:
            (dest / f"c{i:04d}.docx").write_bytes(make.to_docx(r))
        else:
            (dest / f"c{i:04d}.txt").write_text(make.to_text(r))


# -- measuring ---------------------------------------------------------------------------------


def _cli() -> list[str]:
    return [sys.executable, "-m", "analyzer"]


class Peaks:
    """Samples the peak RSS (VmHWM) of a process tree while it runs: the root and each child."""

    def __init__(self, root_pid: int) -> None:
        self.root = root_pid
        self.peak: dict[int, int] = {}
        self.cpu = 0.0  # the root process's own CPU seconds (user + system), last seen
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as fh:
                        todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
        return pids

    def _watch(self) -> None:
        while not self.done.is_set():
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/status") as fh:
                        hwm = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM"))
                    self.peak[pid] = max(self.peak.get(pid, 0), hwm)
                    if pid == self.root:
                        with open(f"/proc/{pid}/stat") as fh:
                            fields = fh.read().rsplit(")", 1)[1].split()
                        self.cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                except (OSError, StopIteration, ValueError, IndexError):
                    pass
            self.done.wait(0.1)

    def stop(self) -> tuple[int, list[int]]:
        """The root's peak and the children's peaks, in MB."""
        self.done.set()
        self.thread.join()
        root = self.peak.pop(self.root, 0) // 1024
        return root, sorted((v // 1024 for v in self.peak.values()), reverse=True)


def batch(folder: Path, out: Path, workers: int, *extra: str) -> tuple[float, int, list[int], float, float]:
    """Wall time of one ``batch`` run writing JSONL to ``out``, its peak memory (parent, workers)
    in MB, the parent's own CPU seconds (start-up, discovery, merging, duplicates, output) and
    the CPU seconds of the whole run (parent and workers)."""
    argv = [*_cli(), "batch", str(folder), "--format", "jsonl", "--workers", str(workers),
            "--as-of", "2026-11-26", "--progress", "never", "-o", str(out), *extra]  # fmt: skip
    before = _tree_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks = Peaks(proc.pid)
    proc.wait()
    elapsed = time.perf_counter() - start
    parent, children = peaks.stop()
    return elapsed, parent, children, peaks.cpu, _tree_cpu() - before


def _tree_cpu() -> float:
    """CPU seconds (user + system) of every finished child process of this one, and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CEILING = """
import sys, time
from multiprocessing import get_context
def spin(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total
if __name__ == "__main__":
    n = 20_000_000
    t = time.perf_counter(); spin(n); one = time.perf_counter() - t
    t = time.perf_counter()
    with get_context("fork").Pool(2) as pool:
        pool.map(spin, [n // 2, n // 2])
    print(one / (time.perf_counter() - t))
"""


def ceiling() -> float:
    """What 2 processes give over 1 on this machine right now, for pure CPU work (no I/O, no
    sharing): the most any 2-worker run can show at the same minute of a shared machine's load."""
    out = subprocess.run([sys.executable, "-c", CEILING], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def in_process(code: str, files: list[Path], passes: int = 1) -> float:
    """CPU seconds that ``code`` (run once per file in a fresh interpreter, after its imports and
    one warm-up file) takes per file: the best of ``passes`` passes over all the files. CPU time,
    not wall time: the code is single-threaded and CPU-bound, and on a shared machine other users'
    work stretches wall time but not the process's own CPU time."""
    script = (
        "import sys, time, logging\nlogging.disable(logging.WARNING)\n" + code + "\n"
        f"paths = sys.argv[1:]\nrun(paths[0])\nbest = float('inf')\nfor _ in range({passes}):\n"
        "    t = time.process_time()\n    for p in paths:\n        run(p)\n"
        "    best = min(best, time.process_time() - t)\n"
        "print(best / len(paths))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *map(str, files)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


BARE_PDFMINER = """
from pdfminer.high_level import extract_text
def run(p):
    extract_text(p)
"""
BARE_PDFIUM = """
import pypdfium2 as pdfium
def run(p):
    doc = pdfium.PdfDocument(p)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
"""
GLYPHS = """
from analyzer.parsing import pdf_pdfium, pdf_{engine} as reader
pdf_pdfium.run_isolated()
def run(p):
    reader.read_pages(open(p, "rb").read(), 30)
"""
OURS = """
from analyzer.parsing import pdf_pdfium
from analyzer.parsing.pdf import read_pdf
pdf_pdfium.run_isolated()  # as in a batch worker: no child process per file
def run(p):
    read_pdf(open(p, "rb").read(), 30, "{engine}")
"""


def cold(argv: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


# -- the report ---------------------------------------------------------------------------------


def pdf_text(label: str, sample: list[Path], passes: int) -> None:
    """Per-file PDF text figures on ``sample``: bare pdfminer.six and pypdfium2, our glyph readers,
    and our whole PDF reading (glyphs, hidden-text filter, lines in reading order); each the best of
    ``passes`` passes over the sample."""
    print(f"\nPDF text per file, {label}; CPU time in one process, imports and a warm-up file "
          f"excluded, best of {passes} passes:")  # fmt: skip
    bare_miner = in_process(BARE_PDFMINER, sample, passes)
    bare_pdfium = in_process(BARE_PDFIUM, sample, passes)
    glyphs_miner = in_process(GLYPHS.format(engine="pdfminer"), sample, passes)
    glyphs_pdfium = in_process(GLYPHS.format(engine="pdfium"), sample, passes)
    ours_miner = in_process(OURS.format(engine="pdfminer"), sample, passes)
    ours_pdfium = in_process(OURS.format(engine="pdfium"), sample, passes)
    print(f"  bare pdfminer extract_text   {bare_miner * 1000:7.2f} ms")
    print(f"  bare pypdfium2 text          {bare_pdfium * 1000:7.2f} ms   ({bare_miner / bare_pdfium:.1f}x faster)")
    print(f"  our glyph reader, pdfminer   {glyphs_miner * 1000:7.2f} ms")
    print(f"  our glyph reader, pdfium     {glyphs_pdfium * 1000:7.2f} ms   ({glyphs_miner / glyphs_pdfium:.1f}x faster)")
    print(f"  ours (glyphs + layout), pdfminer engine  {ours_miner * 1000:7.2f} ms   ({ours_miner / bare_miner:.2f} of bare pdfminer)")
    print(f"  ours (glyphs + layout), pdfium engine    {ours_pdfium * 1000:7.2f} ms   "
          f"({ours_miner / ours_pdfium:.1f}x faster than ours on pdfminer, "
          f"{bare_miner / ours_pdfium:.1f}x faster than bare pdfminer)")  # fmt: skip


def _readable(path: Path) -> bool:
    """Whether both bare libraries and our reader take ``path`` (a real folder holds encrypted
    and image-only PDFs too)."""
    code = (
        "import sys, logging\nlogging.disable(logging.WARNING)\n"
        "from pdfminer.high_level import extract_text\nfrom analyzer.parsing.pdf import read_pdf\n"
        "p = sys.argv[1]\nextract_text(p)\nread_pdf(open(p, 'rb').read(), 30, 'pdfium')\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True).returncode == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1200, help="resumes to build (default 1200)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per batch figure (the best is kept)")
    ap.add_argument("--skip-dask", action="store_true", help="leave out the Dask engine")
    ap.add_argument("--pdfs", metavar="DIR", help="also time PDF text on the PDFs in DIR (e.g. real "
                    "resumes: ../shared/corpus/files); unreadable ones are left out")  # fmt: skip
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ra-bench-"))
    try:
        _report(tmp, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _report(tmp: Path, args) -> None:
    folder, pdf_dir, one = tmp / "mixed", tmp / "pdfs", tmp / "one"
    for d in (folder, pdf_dir, one):
        d.mkdir()
    build_folder(folder, args.files)
    files = sorted(folder.iterdir())
    pdfs = [p for p in files if p.suffix == ".pdf"]
    for p in pdfs:
        shutil.copy(p, pdf_dir / p.name)
    two_page = next((p for p in pdfs if b"/Count 2" in p.read_bytes()), pdfs[0])
    shutil.copy(two_page, one / two_page.name)
    kinds = {s: sum(1 for p in files if p.suffix == s) for s in (".pdf", ".docx", ".txt")}
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start (shared machine: "
          "timings vary with the other users' load)")  # fmt: skip
    print(f"folder: {len(files)} files {kinds}")
    best = lambda f: min((f() for _ in range(args.repeat)), key=lambda r: r[0])  # noqa: E731

    passes = max(3, args.repeat)
    pdf_text(f"the generated PDFs ({min(300, len(pdfs))} of them)", pdfs[:300], passes)
    if args.pdfs:
        real = [p for p in sorted(Path(args.pdfs).glob("*.pdf")) if _readable(p)]
        pdf_text(f"{args.pdfs} ({len(real)} readable PDFs)", real, passes)

    out = tmp / "out.jsonl"
    start_one = best(lambda: batch(one, out, 1))[0]
    print(f"\nbatch of one PDF (start-up: interpreter, imports, rules, spaCy, one worker): {start_one:.2f} s")
    print(f"\nbatch, whole folder ({len(files)} files; parent CPU = its start-up, discovery, merging, "
          "duplicates and output, which share the cores with the workers):")  # fmt: skip
    runs = {}
    for engine in ("pdfminer", "pdfium"):
        roof = [ceiling()]
        for workers in (1, 2):
            runs[engine, workers] = r = best(
                lambda w=workers, e=engine: batch(folder, out, w, "--pdf-engine", e)
            )
            per_file = (r[0] - start_one) / len(files) * 1000
            worker_cpu = r[4] - r[3]
            print(f"  {engine:8} {workers} worker{'s' if workers > 1 else ' '}  {r[0]:7.2f} s  "
                  f"{len(files) / r[0]:6.1f} files/s  {per_file:6.2f} ms/file after start-up  "
                  f"parent CPU {r[3]:5.1f} s  workers CPU {worker_cpu:5.1f} s "
                  f"({worker_cpu / len(files) * 1000:.1f} ms/file; busy {worker_cpu / workers / r[0]:.0%} "
                  f"of the wall time)  peak MB: parent {r[1]}, workers {r[2][:workers]}")  # fmt: skip
        roof.append(ceiling())
        one_w, two_w = runs[engine, 1][0], runs[engine, 2][0]
        print(f"  {engine:8} 2 workers over 1: {one_w / two_w:.2f}x "
              f"({(one_w - start_one) / (two_w - start_one):.2f}x after start-up); the machine's "
              f"own 2-over-1 for pure CPU work just before and after: "
              f"{roof[0]:.2f}x, {roof[1]:.2f}x")  # fmt: skip

    # Paired in time (the same minute of a shared machine's load): start-up, the PDFs-only batch,
    # then bare extract_text on the same PDFs.
    start_again = best(lambda: batch(one, out, 1))[0]
    pdf_only = best(lambda: batch(pdf_dir, out, 1))[0]
    bare_all = in_process(BARE_PDFMINER, pdfs)
    per_file_ours = (pdf_only - start_again) / len(pdfs)
    print(f"\nPDFs only ({len(pdfs)}), pdfminer engine, 1 worker: {pdf_only:.2f} s (start-up "
          f"{start_again:.2f} s); per file after start-up {per_file_ours * 1000:.2f} ms against bare "
          f"extract_text {bare_all * 1000:.2f} ms on the same files just after: "
          f"{per_file_ours / bare_all:.2f} (the whole analysis, not only the text)")  # fmt: skip

    if not args.skip_dask:
        local_out, dask_out = tmp / "local.jsonl", tmp / "dask.jsonl"
        local = batch(folder, local_out, 2)
        dask = batch(folder, dask_out, 2, "--engine", "dask")
        same = local_out.read_bytes() == dask_out.read_bytes()
        print(f"\nDask local cluster (2 workers) {dask[0]:.2f} s against the built-in pool (2 workers) "
              f"{local[0]:.2f} s; output {'byte-identical' if same else 'DIFFERENT'} "
              f"({len(local_out.read_bytes().splitlines())} rows)")  # fmt: skip

    help_s = cold([*_cli(), "--help"], 5)
    score_s = cold([*_cli(), "score", str(two_page), "--as-of", "2026-11-26"], 3)
    score_pdfium = cold([*_cli(), "score", str(two_page), "--as-of", "2026-11-26", "--pdf-engine", "pdfium"], 3)
    print(f"\ncold start: --help {help_s:.2f} s; score of a 2-page PDF {score_s:.2f} s "
          f"(pdfium engine {score_pdfium:.2f} s); best of 5 and 3")  # fmt: skip
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
