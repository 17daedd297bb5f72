"""Uploaded files, read in memory under the CLI's limits; a .zip of resumes opened in memory under
the same limits as a DOCX (member count, declared and inflated size, per-member size, compression
ratio). Member names are labels only: nothing is ever written to a path built from them."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from starlette.datastructures import UploadFile

from analyzer.batch import NOT_RESUMES, content_reason
from analyzer.errors import Corrupt, Empty, Encrypted, TooLarge
from analyzer.limits import Limits
from analyzer.parsing.sniff import DOCX, sniff
from analyzer.web.pool import Upload

_CHUNK = 1 << 16
# The compression ratio above which a large member is taken for a zip bomb (as for DOCX parts).
_BOMB_RATIO, _BOMB_MIN_BYTES = 200, 5_000_000
_ARCHIVES = (".zip", ".7z", ".rar", ".gz", ".tar", ".tgz")


@dataclass
class Archive:
    """The resumes found in a .zip, in name order, and the members skipped, each with why."""

    uploads: list[Upload] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


async def read_upload(upload: UploadFile, limits: Limits, fallback_name: str = "upload") -> Upload:
    """The upload's bytes (never more than the size limit is read).

    Raises:
        TooLarge: Bigger than ``limits.max_file_bytes``.
        Empty: No bytes.
    """
    data = await upload.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise TooLarge(
            f"the file is larger than {limits.max_file_bytes / 2**20:g} MB (the --max-size limit)"
        )
    if not data.strip():
        raise Empty("the file is empty")
    return Upload(_display_name(upload.filename) or fallback_name, data)


def _display_name(name: str | None) -> str:
    """The name to show for an upload: printable characters only, at most 200 of them."""
    return "".join(ch for ch in (name or "") if ch.isprintable())[:200]


def _skip_reason(name: str, data: bytes) -> str | None:
    """Why a member is not analysed (``None``: a resume to analyse): a nested archive, or what a
    folder batch would skip it for (``analyzer.batch.content_reason``)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _ARCHIVES or (data[:4] == b"PK\x03\x04" and sniff(data) != DOCX):
        return "nested archive"
    if suffix in NOT_RESUMES:
        return f"{suffix} file"
    return content_reason(suffix, data[:4096])


def read_zip(data: bytes, limits: Limits) -> Archive:
    """The resumes inside a .zip, read in memory.

    Raises:
        Corrupt: Not a readable zip.
        Encrypted: A password-protected member.
        TooLarge: Too many members, or more bytes declared or inflated than a DOCX may hold.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise Corrupt("the .zip file is damaged") from exc
    if len(infos) > limits.max_docx_members:
        raise TooLarge(f"the .zip has {len(infos)} members; the limit is {limits.max_docx_members}")
    if sum(i.file_size for i in infos) > limits.max_docx_uncompressed:
        raise TooLarge(
            f"the .zip would inflate to more than {limits.max_docx_uncompressed / 1e6:.0f} MB"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise Encrypted("the .zip is password-protected")
    found, inflated = Archive(), 0
    for info in sorted(infos, key=lambda i: i.filename):
        name = _display_name(info.filename)
        base = PurePosixPath(info.filename).name
        if info.is_dir():
            continue
        if base.startswith(".") or info.filename.startswith("__MACOSX/"):
            found.skipped.append((name, "hidden file"))
            continue
        if info.file_size > limits.max_file_bytes or (
            info.compress_size
            and info.file_size > _BOMB_MIN_BYTES
            and info.file_size / info.compress_size > _BOMB_RATIO
        ):
            found.skipped.append((name, "too large"))
            continue
        try:
            with zf.open(info) as fh:
                member = fh.read(limits.max_file_bytes + 1)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ):
            found.skipped.append((name, "damaged in the archive"))
            continue
        inflated += len(member)
        if inflated > limits.max_docx_uncompressed:
            raise TooLarge(
                f"the .zip inflates to more than {limits.max_docx_uncompressed / 1e6:.0f} MB"
            )
        if len(member) > limits.max_file_bytes:
            found.skipped.append((name, "too large"))
            continue
        reason = _skip_reason(info.filename, member)
        if reason:
            found.skipped.append((name, reason))
        else:
            found.uploads.append(Upload(name, member))
    return found
