"""Resource limits and reading options applied to every input file (all configurable from the CLI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile file from exhausting time or memory.

    Attributes:
        max_file_bytes: Largest input file accepted, any format.
        max_pages: Largest PDF page count accepted.
        max_docx_uncompressed: Sum of the uncompressed sizes declared in a DOCX zip.
        max_docx_members: Number of members in a DOCX zip.
        max_text_chars: Characters kept from a decoded text file.
        timeout_seconds: Per-file wall-clock limit in batch runs.
        pdf_engine: What reads a PDF's characters: "pdfminer" (pdfminer.six, the default) or
            "pdfium" (pypdfium2, several times faster). The layout after that is the same code.
    """

    max_file_bytes: int = 20 * 1024 * 1024
    max_pages: int = 30
    max_docx_uncompressed: int = 100 * 1024 * 1024
    max_docx_members: int = 2000
    max_text_chars: int = 2_000_000
    timeout_seconds: float = 30.0
    pdf_engine: str = "pdfminer"

    def __post_init__(self) -> None:
        if self.pdf_engine not in ("pdfminer", "pdfium"):
            raise ValueError(f"unknown PDF engine {self.pdf_engine!r}: pdfminer or pdfium")


DEFAULT_LIMITS = Limits()


@contextmanager
def address_space_cap(megabytes: int) -> Iterator[None]:
    """Let this process grow by at most ``megabytes`` of address space while inside (0: no cap):
    an allocation past it raises ``MemoryError``, which the pipeline reports as ``too_large``.
    The soft limit is restored on exit; where the platform has no such limit nothing changes."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, ValueError, OSError):
        soft = hard = None
    if not megabytes or soft is None:
        yield
        return
    cap = _address_space() + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """This process's current virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
