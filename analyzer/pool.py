"""The built-in batch engine: worker processes with a per-file time limit and memory cap, that die
with their parent, and a stop flag that signals set (see ``stop_on_signals``).

An engine is any callable ``engine(tasks, job)`` that analyses ``tasks`` (``(index, path, label)``)
as ``job`` says and yields ``(index, report_json, sha256)`` in any order; ``local_engine`` is this
one. ``analyzer.batch.run_folder`` restores input order and does everything after analysis.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection, wait
from pathlib import Path

from analyzer.limits import DEFAULT_LIMITS, Limits, address_space_cap
from analyzer.pipeline import Analyzer, error_report


# -- stopping ---------------------------------------------------------------------------------


class Stopped(BaseException):
    """The run was asked to stop (a signal, or nobody reading standard output any more).

    Attributes:
        signum: The signal (``SIGINT``, ``SIGTERM``, ``SIGHUP``, ``SIGPIPE`` for a closed pipe).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _StopFlag:
    """A stop request from a signal handler: raised at once, except while an output is being
    written (then at the end of that write, so no output is left with half a row)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.critical = 0

    def request(self, signum: int, frame=None) -> None:
        self.signum = signum
        if not self.critical:
            raise Stopped(signum)

    def check(self) -> None:
        if self.signum is not None and not self.critical:
            raise Stopped(self.signum)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        self.critical += 1
        try:
            yield
        finally:
            self.critical -= 1
        self.check()


STOP = _StopFlag()


@contextlib.contextmanager
def stop_on_signals(
    signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP),
) -> Iterator[None]:
    """While active (main thread only), these signals stop a ``run_folder`` the way Ctrl-C does:
    the run ends early with every finished report in every output, ``Summary.stopped`` set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, STOP.request) for s in signals if hasattr(signal, s.name)}
    STOP.signum = None
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        STOP.signum = None


# -- workers ---------------------------------------------------------------------------------

Task = tuple[int, Path, str]  # (input position, path, label shown in the report)
Result = tuple[int, str, str | None]  # (input position, report JSON, sha256 of the file or None)
_EXIT_MEMORY = 86  # a worker that ran out of memory even for its error report


@dataclass(frozen=True)
class Job:
    """How every file of a batch is analysed: the same in every engine.

    Attributes:
        as_of: The date "Present" means (default today).
        rules: A loaded ``RulePack``, or the folder of an extra rule pack.
        limits: Per-file limits (size, pages, time).
        memory_mb: Memory a worker may add to its start-up size (0 = no cap).
        posting: A parsed job posting (``Matcher.read_posting``) to rank by fit.
    """

    as_of: date = field(default_factory=date.today)
    rules: object | None = None
    limits: Limits = DEFAULT_LIMITS
    memory_mb: int = 1024
    posting: object | None = None


# An engine analyses tasks and yields their results in any order; ``run_folder`` restores input
# order. ``local_engine`` is the default; another executor (Dask, ...) implements the same call.
Engine = Callable[[list[Task], Job], Iterator[Result]]


def _freeze() -> None:
    """Keep the loaded rules, spaCy and models out of the cyclic garbage collector's scans: they live
    as long as the process, and re-walking that large heap while pdfminer allocates millions of
    objects costs time (after fork it would also copy the shared pages into every worker)."""
    gc.freeze()


def _die_with_parent(parent_pid: int, pdeath: bool) -> None:
    """Make this worker die when its parent does, even mid-file: the kernel's parent-death signal
    on Linux (``pdeath``: the pool was made by the main thread, whose exit is the parent's), else
    a watchdog thread that notices the parent is gone."""
    if pdeath:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent_pid:  # the parent died before the call
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _analyse_one(analyzer: Analyzer, task: Task, job: Job) -> Result:
    index, path, label = task
    try:
        analysis = analyzer.run(path, job.as_of, label=label, posting=job.posting)
        return index, analysis.report.model_dump_json(), analysis.digest
    except MemoryError:
        message = f"analysing the file needed more memory than the limit ({job.memory_mb} MB, --max-memory)"
        code = "too_large"
    except Exception as exc:  # noqa: BLE001 - the last line of defence for one file
        message, code = f"unexpected {type(exc).__name__}: {exc}", "internal_error"
    gc.collect()
    return index, error_report(label, job.as_of, code, message).model_dump_json(), None


def _worker(
    conn: Connection, analyzer: Analyzer | None, job: Job, parent_pid: int, pdeath: bool
) -> None:
    """Worker process: one file per message. With fork the parent's loaded ``Analyzer`` is inherited;
    otherwise rules and spaCy are loaded here, once. Signals are the parent's to handle: it stops
    the workers itself and keeps what was finished; a worker dies with its parent."""
    import faulthandler

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)
    faulthandler.disable()  # a crash (pdfium) is reported by the parent as that file's error row
    _die_with_parent(parent_pid, pdeath)
    from analyzer.parsing.pdf_pdfium import run_isolated

    run_isolated()  # a crash in pdfium costs this worker (replaced, the file an error row), not the batch
    if analyzer is None:
        analyzer = Analyzer(job.rules, job.limits)
        _freeze()
    with address_space_cap(job.memory_mb):
        while True:
            try:
                msg = conn.recv()
                if msg is None:
                    return
                result = _analyse_one(analyzer, msg, job)
                conn.send(result)
            except (EOFError, BrokenPipeError, OSError, KeyboardInterrupt):
                return
            except MemoryError:
                os._exit(_EXIT_MEMORY)


def _death_message(exitcode: int | None, memory_mb: int) -> tuple[str, str]:
    """Error code and message for a file whose worker died."""
    if exitcode == _EXIT_MEMORY:
        return (
            "too_large",
            f"analysing the file needed more memory than the limit ({memory_mb} MB, --max-memory)",
        )
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "an unknown signal"
        hint = " (often the system running out of memory)" if -exitcode == signal.SIGKILL else ""
        return (
            "internal_error",
            f"the worker analysing this file was killed by signal {-exitcode} ({name}){hint}",
        )
    return (
        "internal_error",
        f"the worker analysing this file stopped unexpectedly (exit status {exitcode})",
    )


_QUEUED = 2  # files handed to a worker at once: the next is waiting when one finishes


@dataclass
class _Slot:
    proc: mp.Process
    conn: Connection
    tasks: deque[Task] = field(default_factory=deque)  # sent, unfinished; the first is running
    started: float = 0.0  # when the first of ``tasks`` began


class Pool:
    """Worker processes that can be killed one at a time (a hung file never stalls the batch).
    A file whose worker dies is tried once more in a fresh worker before it becomes an error row.

    Each worker holds up to two files: it starts the next as soon as it sends a result, instead of
    waiting while the parent merges and writes that result (with two workers on two cores, that
    wait was a tenth of each worker's time). A worker works through its files in order, so the
    time limit runs from the moment the previous result arrived."""

    def __init__(self, workers: int, job: Job, analyzer: Analyzer | None = None) -> None:
        fork = "fork" in mp.get_all_start_methods()
        self.ctx = mp.get_context("fork" if fork else "spawn")
        # With fork, load rules and spaCy once here; every worker (and every replacement) inherits them.
        shared = (analyzer or Analyzer(job.rules, job.limits)) if fork else None
        _freeze()
        pdeath = threading.current_thread() is threading.main_thread()
        self.args = (shared, job, os.getpid(), pdeath)
        self.job = job
        self.timeout = job.limits.timeout_seconds
        self.slots = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, *self.args), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _replace(self, slot: _Slot, pending: list[Task]) -> int | None:
        """Kill ``slot``'s worker and start a fresh one; the files it held besides its running
        one go back to ``pending``. Returns the old worker's exit code."""
        slot.proc.kill()
        slot.proc.join(timeout=5)
        code = slot.proc.exitcode
        slot.conn.close()
        pending.extend(reversed(list(slot.tasks)[1:]))
        fresh = self._spawn()
        slot.proc, slot.conn, slot.tasks = fresh.proc, fresh.conn, deque()
        return code

    def _fill(self, slot: _Slot, pending: list[Task]) -> None:
        """Hand ``slot``'s worker files until it holds two. A worker that died since its last
        result keeps its undelivered file back in ``pending``: its death is handled when its
        pipe is read (the file it was running is retried), or here when it was running none."""
        # Near the end, one file each: a second queued file would wait while another worker idles.
        depth = _QUEUED if len(pending) > len(self.slots) else 1
        while pending and len(slot.tasks) < depth:
            if not slot.tasks:
                slot.started = time.monotonic()
            task = pending.pop()
            slot.tasks.append(task)
            try:
                slot.conn.send(task)
            except OSError:  # BrokenPipeError, ConnectionResetError: the worker is gone
                slot.tasks.pop()
                pending.append(task)
                if slot.tasks:
                    return
                self._replace(slot, pending)

    def run(self, tasks: list[Task]) -> Iterator[Result]:
        """Yield results as files finish (any order)."""
        pending = list(reversed(tasks))
        retried: set[int] = set()
        while pending or any(s.tasks for s in self.slots):
            STOP.check()
            for slot in self.slots:
                self._fill(slot, pending)
            ready = wait([s.conn for s in self.slots if s.tasks], timeout=0.05)
            for slot in self.slots:
                if not slot.tasks:
                    continue
                index, _, label = task = slot.tasks[0]
                if slot.conn in ready:
                    try:
                        got = slot.conn.recv()
                    except (EOFError, OSError):
                        slot.proc.join(timeout=5)
                        code = slot.proc.exitcode
                        self._replace(slot, pending)
                        if index not in retried and code != _EXIT_MEMORY:
                            retried.add(index)
                            pending.append(task)
                            continue
                        yield (
                            index,
                            self._error(label, *_death_message(code, self.job.memory_mb)),
                            None,
                        )
                        continue
                    slot.tasks.popleft()
                    slot.started = time.monotonic()  # the worker has begun its next file
                    self._fill(slot, pending)
                    yield got
                elif time.monotonic() - slot.started > self.timeout:
                    if slot.conn.poll():
                        continue  # finished while an earlier result was being handled: read next
                    self._replace(slot, pending)
                    message = (
                        f"analysis took longer than {self.timeout:g} s and was stopped (--timeout)"
                    )
                    yield index, self._error(label, "timeout", message), None

    def _error(self, label: str, code: str, message: str) -> str:
        return error_report(label, self.job.as_of, code, message).model_dump_json()

    def close(self, kill: bool = False) -> None:
        """Stop every worker: let them finish their loop, or (``kill``) at once."""
        for slot in self.slots:
            if kill:
                slot.proc.kill()
            else:
                with contextlib.suppress(OSError, BrokenPipeError):
                    slot.conn.send(None)
        for slot in self.slots:
            slot.proc.join(timeout=0 if kill else 2)
            if slot.proc.is_alive():
                slot.proc.kill()
            slot.proc.join(timeout=5)
            slot.conn.close()


def local_engine(workers: int, analyzer: Analyzer | None = None) -> Engine:
    """The built-in engine: ``workers`` processes (0: in this process, where the time limit holds
    but the memory cap does not). ``analyzer`` is reused when given (it must match the job)."""

    def run(tasks: list[Task], job: Job) -> Iterator[Result]:
        if workers <= 0:
            local = analyzer or Analyzer(job.rules, job.limits)
            _freeze()
            for task in tasks:
                STOP.check()
                yield _analyse_one(local, task, job)
            return
        pool = Pool(min(workers, max(1, len(tasks))), job, analyzer)
        stopping = True
        try:
            yield from pool.run(tasks)
            stopping = False
        finally:
            pool.close(kill=stopping)

    return run
