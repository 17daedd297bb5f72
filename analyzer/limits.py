"""Resource limits applied to every input file (all configurable from the CLI)."""

from __future__ import annotations

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
    """

    max_file_bytes: int = 20 * 1024 * 1024
    max_pages: int = 30
    max_docx_uncompressed: int = 100 * 1024 * 1024
    max_docx_members: int = 2000
    max_text_chars: int = 2_000_000
    timeout_seconds: float = 30.0


DEFAULT_LIMITS = Limits()
