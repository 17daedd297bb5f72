"""A bounded load test of `resume-analyzer serve` on loopback: N requests, C at a time, mixed
formats (PDF, DOCX, TXT resumes to /v1/analyze, some /v1/match, and a few bad files that must get
their error status). Prints p50/p95 latency and requests per second; exits 1 on any unexpected
status or transport error. The server runs in its own process on 127.0.0.1 and is stopped after.

usage: python benchmarks/web_load.py [--requests 200] [--concurrency 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def requests_mix(n: int) -> list[tuple[str, dict, int]]:
    """``(path, files, expected status)`` cycling through formats, a match and two bad files."""
    resumes = [
        (name, (SAMPLES / name).read_bytes())
        for name in (
            "entry_coder.txt",
            "mid_ed_coder.pdf",
            "senior_auditor.docx",
            "skills_only.txt",
        )
    ]
    job = ("posting.txt", (SAMPLES / "jobs" / "entry_outpatient_cpc.txt").read_bytes())
    kinds = [("/v1/analyze", {"file": r}, 200) for r in resumes]
    kinds += [
        ("/v1/match", {"resume": resumes[1], "job": job}, 200),
        ("/v1/analyze", {"file": ("cut.pdf", b"%PDF-1.7\n1 0 obj <<")}, 422),
        (
            "/v1/analyze",
            {"file": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))},
            415,
        ),
    ]
    return [kinds[i % len(kinds)] for i in range(n)]


async def load(base: str, n: int, concurrency: int) -> tuple[list[float], list[str], float]:
    """Latencies (s) of the requests, the problems seen, and the wall time of the whole run."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    problems: list[str] = []

    async def one(client: httpx.AsyncClient, path: str, files: dict, expected: int) -> None:
        async with gate:
            started = time.perf_counter()
            try:
                got = await client.post(base + path, files=files, data={"as_of": "2026-11-26"})
            except httpx.HTTPError as exc:
                problems.append(f"{path}: {type(exc).__name__}: {exc}")
                return
            latencies.append(time.perf_counter() - started)
            if got.status_code != expected:
                problems.append(f"{path}: status {got.status_code}, expected {expected}")

    async with httpx.AsyncClient(timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one(client, *r) for r in requests_mix(n)))
        return latencies, problems, time.perf_counter() - started


def wait_ready(base: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/v1/schema", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        wait_ready(base, server)
        ready = time.perf_counter() - started
        latencies, problems, wall = asyncio.run(load(base, args.requests, args.concurrency))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    qs = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    print(
        f"web load: {args.requests} requests, {args.concurrency} at a time, {args.workers} workers "
        f"(server ready in {ready:.1f} s, {os.cpu_count()} cores)"
    )
    print(
        f"  p50 {qs[49] * 1000:.0f} ms   p95 {qs[94] * 1000:.0f} ms   max {max(latencies) * 1000:.0f} ms"
        f"   {len(latencies) / wall:.1f} requests/s   errors {len(problems)}"
    )
    for p in problems[:10]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
