"""Batch analysis on a Dask cluster (``batch --engine dask [--scheduler ADDRESS]``).

An ``Engine`` for ``analyzer.batch.run_folder``, which keeps everything else (discovery, input
order, duplicates, filters, outputs), so the output is the built-in pool's, byte for byte.

- Without an address it starts a local cluster (``--workers`` processes, one thread each, listening
  on 127.0.0.1 only); with one it uses that existing cluster.
- Files go out in partitions. Each Dask worker process loads the rules and spaCy once per run and
  keeps one child process from the built-in pool (``analyzer.pool.Pool``), forked from that loaded
  state, for the files: a file that hangs past ``--timeout``, exhausts ``--max-memory`` or crashes
  the interpreter (PDFium is C code) becomes that file's error row, and the partition goes on.
- Inputs may be a local folder (workers must see the same path) or an fsspec URL
  (``analyzer.remote``): workers then read each file themselves.

A worker process started as a daemon (Dask's default for workers under a nanny) may not have
children; the local cluster is started without that flag. On an existing cluster, start the
workers with ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (or ``dask worker --no-nanny``); otherwise
files are analysed in the worker's own thread, where errors are still caught per file but a hang or
a crash is not contained.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from analyzer.pool import STOP, Engine, Job, Pool, Result, Task, _analyse_one
from analyzer.remote import is_url, read_url

_MAX_PARTITION = 64


def partition_size(files: int, workers: int) -> int:
    """Files per partition: about eight partitions per worker (so a slow partition is not the
    tail of the run and results stream back early), at most 64, at least 1."""
    return max(1, min(_MAX_PARTITION, files // max(1, 8 * workers)))


def dask_engine(
    scheduler: str | None = None, workers: int = 2, partition: int | None = None
) -> Engine:
    """The Dask engine: ``scheduler`` is an existing cluster's address (``tcp://host:8786``) or
    ``None`` for a local cluster of ``workers`` processes; ``partition`` overrides the files per
    partition."""

    def run(tasks: list[Task], job: Job) -> Iterator[Result]:
        if not tasks:
            return
        client, cluster = _connect(scheduler, workers)
        run_id = uuid.uuid4().hex
        try:
            n = len(client.scheduler_info().get("workers", {})) or workers
            size = partition or partition_size(len(tasks), n)
            shared = client.scatter(job, broadcast=True)
            futures = [
                client.submit(_partition, run_id, shared, tasks[i : i + size], pure=False)
                for i in range(0, len(tasks), size)
            ]
            from dask.distributed import as_completed

            for future in as_completed(futures):
                STOP.check()
                yield from future.result()
        finally:
            with contextlib.suppress(Exception):
                client.run(_end_run, run_id)
            client.close()
            if cluster is not None:
                cluster.close()

    return run


def _connect(scheduler: str | None, workers: int):
    """A client of the cluster at ``scheduler``, or of a new local cluster (and that cluster)."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError(
            "the Dask engine needs dask.distributed: pip install 'resume-analyzer[dask]'"
        ) from exc
    if not logging.getLogger("analyzer").isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.ERROR)  # its start/stop chatter
    if scheduler:
        return Client(scheduler), None
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            scheduler_kwargs={"dashboard": False},
        )
    return Client(cluster), cluster


# -- on the workers ----------------------------------------------------------------------------


@dataclass
class _Run:
    """One worker process's state for one run: the loaded analyzer's file pool."""

    run_id: str
    pool: Pool | None
    analyzer: object
    lock: threading.Lock = field(default_factory=threading.Lock)


_state: _Run | None = None
_state_lock = threading.Lock()


def _worker_run(run_id: str, job: Job) -> _Run:
    """This process's state for ``run_id``: rules and spaCy loaded once, one pool child forked."""
    global _state
    with _state_lock:
        if _state is None or _state.run_id != run_id:
            _end_run(_state.run_id if _state else "")
            from analyzer.pipeline import Analyzer

            analyzer = Analyzer(job.rules, job.limits)
            pool = None if mp.current_process().daemon else Pool(1, job, analyzer)
            if pool is None:
                from analyzer.parsing.pdf_pdfium import run_isolated

                run_isolated()  # no children allowed here: read PDFs in this process
            _state = _Run(run_id, pool, analyzer)
        return _state


def _end_run(run_id: str) -> None:
    """Stop this process's pool child for ``run_id`` (called on every worker when a run ends)."""
    global _state
    if _state is not None and (not run_id or _state.run_id == run_id):
        if _state.pool is not None:
            _state.pool.close()
        _state = None


def _partition(run_id: str, job: Job, tasks: list[Task]) -> list[Result]:
    """Analyse one partition on this worker; every file gives a result, whatever happens to it."""
    from analyzer.errors import AnalyzerError
    from analyzer.pipeline import error_report

    state = _worker_run(run_id, job)
    out: list[Result] = []
    ready: list[Task] = []
    for index, source, label in tasks:
        if is_url(source):
            try:
                source = read_url(source, job.limits)
            except AnalyzerError as exc:
                report = error_report(label, job.as_of, exc.code, exc.message)
                out.append((index, report.model_dump_json(), None))
                continue
        ready.append((index, source, label))
    with state.lock:  # one pool child per process: a second thread's partition waits its turn
        if state.pool is not None:
            out.extend(state.pool.run(ready))
        else:
            out.extend(_analyse_one(state.analyzer, task, job) for task in ready)
    return out
