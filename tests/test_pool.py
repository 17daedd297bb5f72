"""The built-in worker pool: each worker holds the file it runs and the next one, and the time
limit and crash handling still apply to exactly one file."""

import json
import os
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from analyzer.limits import Limits
from analyzer.pipeline import error_report
from analyzer.pool import Job, Pool

AS_OF = date(2026, 11, 26)


class _Stub:
    """Stands in for the analyzer in forked workers: a file named ``sleep-S-...`` takes S seconds,
    ``die-...`` ends its worker, anything else is done at once."""

    def run(self, path, as_of, label, posting=None):
        name = Path(path).name
        if name.startswith("die-"):
            os._exit(3)
        if name.startswith("sleep-"):
            time.sleep(float(name.split("-")[1]))
        report = error_report(label, as_of, "empty", f"done by {os.getpid()}")
        return SimpleNamespace(report=report, digest=None)


def _run(names: list[str], workers: int, timeout: float) -> dict[str, str]:
    job = Job(as_of=AS_OF, limits=Limits(timeout_seconds=timeout), memory_mb=0)
    pool = Pool(workers, job, _Stub())
    tasks = [(i, Path(n), n) for i, n in enumerate(names)]
    try:
        results = list(pool.run(tasks))
    finally:
        pool.close()
    assert sorted(i for i, _, _ in results) == list(range(len(names)))
    return {names[i]: json.loads(text)["error"]["code"] for i, text, _ in results}


def test_a_queued_file_is_timed_from_when_its_worker_began_it():
    # Each file takes 2 s against a 3 s limit; the second waits 2 s in the worker's queue first.
    codes = _run(["sleep-2-a", "sleep-2-b"], workers=1, timeout=3)
    assert codes == {"sleep-2-a": "empty", "sleep-2-b": "empty"}


def test_a_hung_file_costs_only_its_own_row():
    codes = _run(["ok-1", "sleep-60-hang", "ok-2", "ok-3"], workers=1, timeout=2)
    assert codes == {"ok-1": "empty", "sleep-60-hang": "timeout", "ok-2": "empty", "ok-3": "empty"}


def test_a_dead_worker_gives_its_queued_file_to_the_next_worker():
    codes = _run(["ok-1", "die-x", "ok-2", "ok-3"], workers=1, timeout=30)
    assert codes == {"ok-1": "empty", "die-x": "internal_error", "ok-2": "empty", "ok-3": "empty"}
