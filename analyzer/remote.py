"""Batch inputs given as fsspec URLs: ``file://``, ``memory://``, and object stores through fsspec's
own extras (``s3://`` with s3fs, ``gs://`` with gcsfs, ...). Used by the Dask engine, whose workers
read each file where it lies instead of through the machine that started the run.

Discovery follows the folder rules of ``analyzer.batch.discover`` (hidden files, project files,
non-resume suffixes and this tool's own outputs are skipped; other files are sniffed by content).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from analyzer.batch import _PROJECT_FILE, NOT_RESUMES, Discovery, content_reason
from analyzer.errors import Empty, NotFound, TooLarge
from analyzer.limits import Limits

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(source: object) -> bool:
    """Whether ``source`` is a URL (``scheme://...``) rather than a local path."""
    return isinstance(source, str) and _URL.match(source) is not None


def _filesystem(url: str):
    try:
        import fsspec
    except ImportError as exc:  # pragma: no cover - fsspec comes with the dask extra
        raise RuntimeError(
            "reading URLs needs fsspec: pip install 'resume-analyzer[dask]'"
        ) from exc
    return fsspec.core.url_to_fs(url)


def discover_url(url: str, exclude: Sequence[str] = ()) -> Discovery:
    """Every candidate under the folder ``url`` (recursively), sorted by path; skipped files with
    why. ``exclude`` holds URLs of this run's outputs."""
    fs, root = _filesystem(url)
    found = Discovery()
    outputs = {_filesystem(u)[1] for u in exclude if is_url(u)}
    for path in sorted(fs.find(root)):
        name = posixpath.basename(path)
        rel = posixpath.relpath(path, root.rstrip("/") or "/") if path != root else name
        full = f"{url.rstrip('/')}/{rel}"  # the URL as the user spelt it
        why = None
        if any(part.startswith(".") for part in rel.split("/")):
            why = "hidden file"
        elif _PROJECT_FILE.match(name):
            why = "a project file, not a resume"
        elif path in outputs:
            why = "an output of this run"
        elif posixpath.splitext(name)[1].lower() in NOT_RESUMES:
            why = f"{posixpath.splitext(name)[1].lower()} file"
        else:
            try:
                head = fs.cat_file(path, start=0, end=4096)
            except OSError:
                head = None  # unreadable: an error row, not silently skipped
            if head is not None:
                why = content_reason(posixpath.splitext(name)[1].lower(), head)
        if why is None:
            found.files.append(full)
        else:
            found.skipped.append((full, why))
    return found


def read_url(url: str, limits: Limits) -> bytes:
    """A file's bytes (never more than the size limit).

    Raises:
        NotFound: Missing or unreadable.
        TooLarge: Bigger than ``limits.max_file_bytes``.
        Empty: Zero bytes.
    """
    fs, path = _filesystem(url)
    try:
        size = fs.size(path)
        if size is not None and size > limits.max_file_bytes:
            raise TooLarge(
                f"the file is {size / 1e6:.1f} MB; the limit is "
                f"{limits.max_file_bytes / 1e6:.0f} MB (--max-size)"
            )
        data = fs.cat_file(path, start=0, end=limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise NotFound(f"no such file: {url}") from exc
    except OSError as exc:
        raise NotFound(f"cannot read {url}: {exc}") from exc
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"the file is larger than {limits.max_file_bytes / 1e6:.0f} MB (--max-size)")
    if not data.strip():
        raise Empty("the file is empty")
    return data
