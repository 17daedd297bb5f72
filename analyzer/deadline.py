"""A per-file time limit inside one process (SIGALRM), the first line of defence against a file that
would make a parser run for minutes. Batch workers are also killed from outside if this fails."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from analyzer.errors import Timeout


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``Timeout`` in this thread after ``seconds`` (no-op off the main thread or without SIGALRM)."""
    usable = (
        bool(seconds)
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise Timeout(f"analysis took longer than {seconds:g} s and was stopped (--timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
