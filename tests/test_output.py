"""Outputs (issue 10 item 4, issue 14): ``-o`` writes through devices, FIFOs, sockets and symlinks,
gives new files the umask's mode, and stdout survives a closed pipe and a narrow encoding."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analyzer.cli import main
from tests.conftest import ROOT, SAMPLES

RESUME = str(SAMPLES / "entry_coder.txt")


def text_cmd(capsys, *argv) -> tuple[int, str, str]:
    code = main(["text", RESUME, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _device(path: Path, minor: int) -> Path:
    """A private character device (1, minor: 3 is null, 7 is full) so no test touches /dev."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError):
        pytest.skip("cannot create a device node here (needs root on Linux)")
    return path


def test_a_character_device_is_written_not_replaced(capsys, tmp_path: Path):
    null = _device(tmp_path / "null", 3)
    code, out, err = text_cmd(capsys, "-o", str(null))
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode)  # the old writer renamed a regular file over it
    assert os.listdir(tmp_path) == ["null"]


def test_a_device_that_fails_is_reported_with_path_and_errno(capsys, tmp_path: Path):
    full = _device(tmp_path / "full", 7)
    code, out, err = text_cmd(capsys, "-o", str(full))
    assert code == 1
    assert f"cannot write {full}" in err and "No space left on device" in err and "errno 28" in err
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_is_written_through(capsys, tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, out, err = text_cmd(capsys, "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0, err
    assert got and b"JORDAN ELLIS" in got[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_unix_socket_is_connected_and_written(capsys, tmp_path: Path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
            got.append(b"".join(chunks))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    code, out, err = text_cmd(capsys, "-o", str(path))
    thread.join(timeout=30)
    server.close()
    assert code == 0, err
    assert got and b"JORDAN ELLIS" in got[0]
    assert stat.S_ISSOCK(os.stat(path).st_mode)


def test_a_symlink_is_followed_and_kept(capsys, tmp_path: Path):
    target = tmp_path / "real" / "out.txt"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, out, err = text_cmd(capsys, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "JORDAN ELLIS" in target.read_text()


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umasks_mode(capsys, tmp_path: Path, umask, mode):
    old = os.umask(umask)
    try:
        code, out, err = text_cmd(capsys, "-o", str(tmp_path / "new.txt"))
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == mode


def test_an_existing_file_keeps_its_mode(capsys, tmp_path: Path):
    out_file = tmp_path / "kept.txt"
    out_file.write_text("old")
    out_file.chmod(0o640)
    code, out, err = text_cmd(capsys, "-o", str(out_file))
    assert code == 0 and stat.S_IMODE(os.stat(out_file).st_mode) == 0o640
    assert "JORDAN ELLIS" in out_file.read_text()


def test_a_long_output_name_is_written(capsys, tmp_path: Path):
    """A 250-byte name: the temporary file beside it must not add to its length."""
    target = tmp_path / ("r" * 246 + ".txt")
    code, out, err = text_cmd(capsys, "-o", str(target))
    assert code == 0, err
    assert target.exists() and not [p for p in tmp_path.iterdir() if p != target]


def test_a_failed_stream_keeps_complete_rows_only(tmp_path: Path):
    """A write that fails mid-row leaves the rows before it, and no partial row."""
    from analyzer.output import Output, OutputError

    target = tmp_path / "rows.jsonl"
    out = Output(target)
    out.write('{"a": 1}\n')
    disk = out.fh

    class FillsUp:
        """Part of the row reaches the disk, then the disk is full."""

        def write(self, data):
            disk.write(data[:3])
            disk.flush()
            raise OSError(28, "No space left on device")

        def flush(self):
            disk.flush()

        def close(self):
            disk.close()

    out.fh = FillsUp()
    with pytest.raises(OutputError, match=r"rows.jsonl: No space left on device \[errno 28\]"):
        out.write('{"b": 2}\n')
    out.commit()
    assert target.read_text() == '{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.jsonl"]


def _run(*argv, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "analyzer", *argv], cwd=cwd, capture_output=True, env=env, **kwargs
    )


@pytest.mark.integration
def test_a_closed_pipe_exits_quietly_with_141():
    """``resume-analyzer schema | head -c0``: the reader is gone before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "analyzer", "schema"], cwd=ROOT, stdout=write_end,
            stderr=subprocess.PIPE,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert proc.stderr == b""


@pytest.mark.integration
def test_batch_into_a_closed_pipe_exits_quietly(tmp_path: Path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "analyzer", "batch", str(SAMPLES), "--format", "jsonl",
             "--workers", "1", "--progress", "never"],
            cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr


@pytest.mark.integration
def test_text_output_on_a_cp1252_stdout(tmp_path: Path):
    """A name cp1252 cannot hold (Ł, ź) on a Windows-style console: replaced, never a crash."""
    resume = tmp_path / "cv-Łódź.txt"
    resume.write_bytes((SAMPLES / "entry_coder.txt").read_bytes())
    proc = _run("score", resume.name, cwd=tmp_path, env={"PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 0, proc.stderr.decode()
    assert "cv-?ód?.txt".encode("cp1252") in proc.stdout
