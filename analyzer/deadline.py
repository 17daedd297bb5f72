"""A per-file time limit inside one process (SIGALRM), the first line of defence against a file that
would make a parser run for minutes. Batch workers are also killed from outside if this fails.

Parsers have catch-alls of their own (pdfminer wraps its debug logging in ``except Exception``), so a
single alarm can be swallowed. The alarm therefore fires again every ``_REFIRE`` seconds until the
block exits, and a block that ends normally after its alarm has fired still raises ``Timeout``: the
limit holds wherever the signal happens to land."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from analyzer.errors import Timeout

_REFIRE = 0.05  # seconds between repeated alarms once the limit has passed


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
    message = f"analysis took longer than {seconds:g} s and was stopped (--timeout)"
    fired = False

    def expire(signum, frame):
        nonlocal fired
        fired = True
        raise Timeout(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE)
    try:
        yield
    except Timeout:
        raise
    except Exception as exc:
        if fired and not isinstance(exc, MemoryError):  # a catch-all turned the alarm into this
            raise Timeout(message) from exc
        raise
    else:
        if fired:  # the alarm was swallowed by a catch-all inside the block
            raise Timeout(message)
    finally:
        _stop(previous)


def _stop(previous) -> None:
    """Stop the repeating alarm and put the previous handler back, even when one more alarm lands
    while doing so (it is the same time limit, already being reported)."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            return
        except Timeout:
            continue
