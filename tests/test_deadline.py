"""The per-file time limit holds even when the code it interrupts swallows the alarm."""

import signal
import time

import pytest

from analyzer.deadline import deadline
from analyzer.errors import Timeout


def _busy(seconds: float, swallow: bool) -> int:
    """Spin for ``seconds``; with ``swallow``, every exception in the loop body is caught and ignored,
    as a parser's catch-all does."""
    end, turns = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        try:
            turns += sum(range(200))
        except Exception:  # noqa: BLE001 - the point of the test
            if not swallow:
                raise
    return turns


def test_the_limit_stops_plain_code():
    reached = False
    with pytest.raises(Timeout), deadline(0.05):
        time.sleep(5)
        reached = True
    assert not reached


def test_a_swallowed_alarm_fires_again_until_it_escapes():
    swallowed, reached = 0, False
    with pytest.raises(Timeout), deadline(0.05):
        try:
            time.sleep(5)  # the first alarm lands here ...
        except Timeout:
            swallowed += 1  # ... and a catch-all swallows it
        time.sleep(5)  # the alarm fires again and interrupts this
        reached = True
    assert swallowed == 1 and not reached


def test_a_block_that_swallowed_every_alarm_still_ends_as_a_timeout():
    with pytest.raises(Timeout), deadline(0.02):
        _busy(0.3, swallow=True)


def test_a_block_within_the_limit_passes_and_the_handler_is_restored():
    before = signal.getsignal(signal.SIGALRM)
    with deadline(5):
        assert _busy(0.01, swallow=False) > 0
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_alarm_turned_into_another_error_is_still_a_timeout():
    with pytest.raises(Timeout), deadline(0.05):
        try:
            time.sleep(5)
        except Timeout as exc:  # a parser that wraps whatever it catches in its own error
            raise ValueError("bad page") from exc
