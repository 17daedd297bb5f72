"""Writing outputs safely, whatever the target is.

- A regular file (new or existing) is written to a temporary file beside it and renamed over it
  when complete, so a reader never sees half a file. A new file gets the mode the umask gives
  (``0666 & ~umask``), an existing one keeps its mode.
- A symlink is followed: its target is replaced and the link kept.
- Anything else (a character device such as ``/dev/null`` or a terminal, a FIFO, a Unix socket)
  is opened and written directly, never replaced.
- Standard output never crashes on a narrow encoding (cp1252): characters it cannot encode are
  replaced. A closed pipe (``| head``) raises ``BrokenPipeError`` for the caller to end quietly.

Every failure is an ``OutputError`` naming the path and the system's reason (errno).
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output path that cannot be written (the message names it and says why)."""


def _describe(path: str | os.PathLike, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    code = f" [errno {exc.errno}]" if exc.errno else ""
    return OutputError(f"cannot write {os.fsdecode(path)}: {reason}{code}")


def umask_mode() -> int:
    """The mode a new file gets under this process's umask (``0666 & ~umask``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no way to read it without setting it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def _target(path: str | os.PathLike) -> tuple[Path, os.stat_result | None]:
    """The path a write really goes to (symlinks followed) and its status (``None`` if new)."""
    real = Path(os.path.realpath(path))
    try:
        return real, os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:
        raise _describe(path, exc) from exc


def check_writable(path: str | os.PathLike) -> None:
    """Fail early, before any analysis, if ``path`` cannot be written.

    Raises:
        OutputError: A directory, a missing parent folder, or no permission.
    """
    p = Path(path)
    real, st = _target(p)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {os.fsdecode(p)}: it is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        if not stat.S_ISSOCK(st.st_mode) and not os.access(real, os.W_OK):
            raise OutputError(f"cannot write {os.fsdecode(p)}: permission denied")
        return
    parent = real.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {os.fsdecode(p)}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (
        st is not None and not os.access(real, os.W_OK)
    ):
        raise OutputError(f"cannot write {os.fsdecode(p)}: permission denied")


class Output:
    """A text output opened for writing; it appears complete at ``commit``.

    ``Output(None)`` is standard output. ``write`` sends whole pieces (one JSONL row each);
    when a write fails, the rows written before it are kept (a partial row is cut off) and
    the error is raised as ``OutputError``. ``discard`` removes what an unfinished regular-file
    output wrote; ``commit`` after a failure still keeps the complete rows.
    """

    def __init__(self, path: str | os.PathLike | None) -> None:
        self.path = path
        self.name = "standard output" if path is None else os.fsdecode(path)
        self._tmp: Path | None = None
        self._final: Path | None = None
        self._good = 0  # bytes of complete pieces in the temporary file
        self._sock: socket.socket | None = None
        self.fh: IO[str] | IO[bytes] | None = None
        if path is None:
            return
        check_writable(path)
        real, st = _target(path)
        try:
            if st is not None and stat.S_ISSOCK(st.st_mode):
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self._sock.connect(str(real))
                self.fh = self._sock.makefile("wb")
            elif st is not None and not stat.S_ISREG(st.st_mode):
                # A device or FIFO: written in place (never created, truncated or replaced).
                self.fh = open(os.open(real, os.O_WRONLY), "wb")
            else:
                fd, tmp = tempfile.mkstemp(
                    prefix=".resume-analyzer-", suffix=".tmp", dir=real.parent
                )
                self._tmp, self._final = Path(tmp), real
                os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else umask_mode())
                self.fh = open(fd, "wb")
        except OSError as exc:
            self._close_quietly()
            raise _describe(path, exc) from exc

    def write(self, text: str | bytes) -> None:
        """Write ``text`` (one complete piece: text as UTF-8, bytes as they are) and flush it.

        Raises:
            OutputError: The write failed (full disk, closed reader, ...).
            BrokenPipeError: Standard output's reader went away.
        """
        if self.fh is None:
            stdout_write(text)
            return
        data = text.encode("utf-8") if isinstance(text, str) else text
        try:
            self.fh.write(data)
            self.fh.flush()
            self._good += len(data)
        except OSError as exc:
            self._cut_partial()
            raise _describe(self.name, exc) from exc

    def _cut_partial(self) -> None:
        """After a failed write, drop the partial piece so the file ends on a complete row."""
        if self._tmp is None:
            return
        with contextlib.suppress(OSError, ValueError):
            os.truncate(self._tmp, self._good)

    def commit(self) -> None:
        """Close and make the output appear (regular files are renamed into place).

        Raises:
            OutputError: Closing or renaming failed (the temporary file is removed).
        """
        if self.fh is None:
            with contextlib.suppress(BrokenPipeError):
                sys.stdout.flush()
            return
        try:
            try:
                self.fh.close()
            except OSError:
                self._cut_partial()
                if self._tmp is None:
                    raise
            if self._tmp is not None:
                os.replace(self._tmp, self._final)
                self._tmp = None
        except OSError as exc:
            self.discard()
            raise _describe(self.name, exc) from exc
        finally:
            if self._sock is not None:
                self._sock.close()

    def discard(self) -> None:
        """Close without publishing: a regular file's temporary file is removed."""
        self._close_quietly()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None

    def _close_quietly(self) -> None:
        for thing in (self.fh, self._sock):
            if thing is not None:
                with contextlib.suppress(OSError):
                    thing.close()


def write_output(path: str | os.PathLike | None, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` (``None``: standard output) as one piece, as
    ``Output`` does.

    Raises:
        OutputError: The path cannot be written; nothing is left half-written.
    """
    out = Output(path)
    try:
        out.write(text)
    except BaseException:
        out.discard()
        raise
    out.commit()


def stdout_write(text: str | bytes) -> None:
    """Write to standard output and flush: text in stdout's encoding, replacing what that
    encoding cannot hold (a cp1252 console gets ``?`` for a character it lacks, never a crash);
    bytes as they are."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a replaced sys.stdout (tests, embedding): it takes str
        stream.write(text if isinstance(text, str) else text.decode("utf-8", "replace"))
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode(encoding, "replace") if isinstance(text, str) else text)
    buffer.flush()
