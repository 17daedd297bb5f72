"""Writing outputs safely: atomic replace, clear errors when a path cannot be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output path that cannot be written (the message says why)."""


def check_writable(path: str | os.PathLike) -> None:
    """Fail early, before any analysis, if ``path`` cannot be created or replaced."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise OutputError(f"cannot write {p}: it is a directory")
    if not parent.is_dir():
        raise OutputError(f"cannot write {p}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise OutputError(f"cannot write {p}: permission denied")


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Write ``text`` (UTF-8 text, or bytes as they are) to ``path`` via a temporary file and
    ``os.replace`` (no half-written files)."""
    p = Path(path)
    check_writable(p)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{p.name}.", suffix=".tmp", dir=p.parent if str(p.parent) else "."
    )
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        os.replace(tmp, p)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write {p}: {exc.strerror or exc}") from exc


class AtomicStream:
    """A text stream to ``path`` that appears there only when closed normally.

    On an interrupted run the caller calls ``commit`` anyway, so what was finished is kept."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        check_writable(self.path)
        fd, self.tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.",
            suffix=".tmp",
            dir=self.path.parent if str(self.path.parent) else ".",
        )
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self.fh.write(text)
        self.fh.flush()

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
