"""Run every hostile case of tests/test_hostile.py through `resume-analyzer score` in its own process
and print a table: case, result, wall time, peak memory. Prints figures; asserts nothing.

usage: python benchmarks/hostile.py        (needs the test extras: pip install '.[test]')
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.test_hostile import CASES
    from tests.fixtures import hostile, make

    # The CLI in a fresh interpreter that reports its own high-water RSS (VmHWM, reset at exec, so
    # this process's size does not leak into the figure).
    probe = (
        "import sys\nfrom analyzer.cli import main\ncode = main(sys.argv[1:])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "sys.stderr.write(f'HWM {hwm}\\n')\nsys.exit(code)\n"
    )
    cmd = [sys.executable, "-c", probe]
    tmp = Path(tempfile.mkdtemp(prefix="ra-hostile-"))
    extra = [
        (
            "xxe.docx",
            lambda: hostile.xxe_docx(str(make.write(tmp / "secret.txt", hostile.SECRET))),
            "corrupt",
        ),
        ("huge_60mb.txt", lambda: hostile.big_text(60), "too_large"),
    ]
    print(f"{'case':<24} {'expected':<18} {'result':<18} {'time':>7} {'peak RSS':>9}")
    try:
        for name, build, expected in [*CASES, *extra]:
            path = make.write(tmp / name, build())
            start = time.monotonic()
            proc = subprocess.run(
                [*cmd, "score", str(path), "--format", "json", "--as-of", "2026-11-26"],
                capture_output=True,
            )
            elapsed = time.monotonic() - start
            out = proc.stdout
            hwm_kb = int(
                next(l for l in proc.stderr.decode().splitlines() if l.startswith("HWM")).split()[1]
            )
            error = json.loads(out)["error"]
            result = error["code"] if error else "report"
            print(
                f"{name:<24} {expected or 'report':<18} {result:<18} {elapsed:6.2f}s {hwm_kb / 1024:7.0f} MB"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
