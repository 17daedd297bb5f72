"""The Dask engine: the same output as the built-in pool, URL inputs, and a poisoned file that costs
its own row only. Each test starts a small local cluster on 127.0.0.1 (a few seconds each)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import fsspec
import pytest

from analyzer.batch import Job, run_folder
from analyzer.cli import main
from analyzer.dask_engine import dask_engine, partition_size
from analyzer.limits import Limits
from analyzer.remote import discover_url, is_url
from analyzer.sinks import JsonlSink
from tests.conftest import AS_OF, SAMPLES
from tests.fixtures import make

distributed = pytest.importorskip("distributed")


def _batch(capsys, folder, *extra) -> tuple[int, list[str]]:
    code = main(
        ["batch", str(folder), "--format", "jsonl", "--as-of", "2026-11-26",
         "--progress", "never", *extra]
    )  # fmt: skip
    return code, capsys.readouterr().out.splitlines()


def test_local_cluster_output_is_the_built_in_pools(capsys, tmp_path: Path):
    """CI's 2-worker local cluster on the sample folder (resumes and job postings), plus a broken
    file: byte-identical JSONL, in input order."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    make.write(folder / "truncated.pdf", make.to_pdf(make.SAMPLE)[:900])
    local = _batch(capsys, folder, "--workers", "2")
    dask = _batch(capsys, folder, "--workers", "2", "--engine", "dask")
    assert dask == local
    rows = [json.loads(row) for row in local[1]]
    names = [Path(r["file"]).relative_to(folder).as_posix() for r in rows]
    expected = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*")
                      if p.suffix in (".pdf", ".docx", ".txt") and p.name != "README.md")
    assert names == expected  # input order, every file
    assert rows[names.index("truncated.pdf")]["error"]["code"] == "corrupt"


@pytest.fixture(scope="module")
def cluster():
    """A 2-process local cluster whose workers may have children (as the engine's own is)."""
    import dask

    with dask.config.set({"distributed.worker.daemon": False}):
        c = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            scheduler_kwargs={"dashboard": False},
        )  # fmt: skip
    client = distributed.Client(c)
    yield c, client
    client.close()
    c.close()


def _poison_workers() -> None:
    """In a Dask worker: the pdfium reader crashes on files holding CRASHME and hangs on HANGME."""
    from analyzer.parsing import pdf_pdfium

    real = pdf_pdfium._read

    def read(data: bytes, max_pages: int):
        if b"CRASHME" in data:
            os.kill(os.getpid(), signal.SIGSEGV)
        if b"HANGME" in data:
            time.sleep(600)
        return real(data, max_pages)

    pdf_pdfium._read = read


def test_a_poisoned_file_never_fails_its_partition(cluster, tmp_path: Path):
    c, client = cluster
    client.run(_poison_workers)
    pdf = make.to_pdf(make.SAMPLE)
    make.write(tmp_path / "a.pdf", pdf)
    make.write(tmp_path / "b.pdf", pdf.replace(b"%PDF-1.3", b"%PDF-1.3\n%CRASHME", 1))
    make.write(tmp_path / "c.txt", make.to_text(make.SAMPLE))
    make.write(tmp_path / "d.pdf", pdf.replace(b"%PDF-1.3", b"%PDF-1.3\n%HANGME", 1))
    make.write(tmp_path / "e.pdf", make.to_pdf(make.SAMPLE, sidebar=True))
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    job = Job(as_of=AS_OF, limits=Limits(pdf_engine="pdfium", timeout_seconds=3))
    # One partition of five files: the crash and the hang cost their own rows only.
    engine = dask_engine(c.scheduler_address, partition=5)
    summary = run_folder(tmp_path, [JsonlSink(str(out))], job=job, engine=engine)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    codes = [(Path(r["file"]).name, r["error"]["code"] if r["error"] else None) for r in rows]
    assert codes == [
        ("a.pdf", None), ("b.pdf", "internal_error"), ("c.txt", None), ("d.pdf", "timeout"),
        ("e.pdf", None),
    ]  # fmt: skip
    assert summary.exit_code == 1


def test_fsspec_urls_in_memory_and_on_disk(tmp_path: Path):
    """``memory://`` lives in one process, so this cluster's worker is a thread of this one."""
    fs = fsspec.filesystem("memory")
    files = {
        "a_resume.txt": make.to_text(make.SAMPLE).encode(),
        "b_resume.pdf": make.to_pdf(make.SAMPLE, sidebar=True),
        "c_empty.txt": b"",
        ".hidden.txt": b"x",
        "notes.json": b"{}",
        "sub/d_resume.docx": make.to_docx(make.SAMPLE),
    }
    for name, data in files.items():
        fs.pipe(f"/cvs/{name}", data)
        (tmp_path / "cvs" / name).parent.mkdir(parents=True, exist_ok=True)
        make.write(tmp_path / "cvs" / name, data)
    job = Job(as_of=AS_OF)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, scheduler_kwargs={"dashboard": False}
    ) as c:
        reports = {}
        for root in ("memory://cvs", (tmp_path / "cvs").as_uri(), tmp_path / "cvs"):
            out = tmp_path / f"r{len(reports)}.jsonl"
            engine = dask_engine(c.scheduler_address) if is_url(root) else None
            run_folder(root, [JsonlSink(str(out))], job=job, engine=engine, workers=1)
            rows = [json.loads(line) for line in out.read_text().splitlines()]
            reports[str(root)] = rows
    by_root = list(reports.values())
    assert [Path(r["file"]).name for r in by_root[0]] == [
        "a_resume.txt", "b_resume.pdf", "c_empty.txt", "d_resume.docx"
    ]  # fmt: skip
    assert by_root[0][0]["file"] == "memory://cvs/a_resume.txt"
    def unnamed(rows):  # the file names, and the duplicates named by them, differ by source
        return [{**r, "file": None, "duplicate_of": None} for r in rows]

    for rows in by_root[1:]:
        assert unnamed(rows) == unnamed(by_root[0])
    assert by_root[0][1]["duplicate_of"] == ["memory://cvs/a_resume.txt (same e-mail, same phone, same name)"]
    assert by_root[0][2]["error"]["code"] == "empty"


def test_url_discovery_skips_like_a_folder():
    fs = fsspec.filesystem("memory")
    fs.pipe("/d2/README.md", b"# notes")
    fs.pipe("/d2/.git/config", b"x")
    fs.pipe("/d2/data.csv", b"a,b")
    fs.pipe("/d2/photo.bin", bytes(range(256)) * 4)
    fs.pipe("/d2/cv.txt", b"Pat Lee\nCoder")
    fs.pipe("/d2/report.json", b'{"schema_version": "1"}')
    found = discover_url("memory://d2")
    assert found.files == ["memory://d2/cv.txt"]
    why = {Path(p).name: w for p, w in found.skipped}
    assert why == {
        "README.md": "a project file, not a resume",
        "config": "hidden file",
        "data.csv": ".csv file",
        "photo.bin": "not a PDF, DOCX, RTF or text file",
        "report.json": ".json file",
    }


@pytest.mark.parametrize(
    "files, workers, size", [(0, 2, 1), (5, 2, 1), (100, 2, 6), (1000, 2, 62), (100_000, 8, 64)]
)
def test_partition_size(files, workers, size):
    assert partition_size(files, workers) == size


def test_url_input_needs_the_dask_engine(capsys):
    assert main(["batch", "memory://cvs", "--format", "jsonl"]) == 2
    assert "needs --engine dask" in capsys.readouterr().err



def test_partitioned_jsonl_is_the_stream_in_parts(capsys, tmp_path: Path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    code, rows = _batch(capsys, folder, "--workers", "1")
    parts = tmp_path / "parts"
    argv = ["--workers", "1", "--partition-rows", "3", "-o", str(parts)]
    assert _batch(capsys, folder, *argv)[0] == code
    names = sorted(p.name for p in parts.iterdir())
    assert names == [f"part-{i:05d}.jsonl" for i in range((len(rows) + 2) // 3)]
    lines = [ln for n in names for ln in (parts / n).read_text().splitlines()]
    assert lines == rows and len((parts / names[0]).read_text().splitlines()) == 3
    assert main(["batch", str(folder), "--format", "csv", "--partition-rows", "3"]) == 2
