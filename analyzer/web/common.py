"""What the web app's pages and API share: its settings, error statuses and bodies, and reading
an uploaded resume or posting into the analysis pool."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from starlette.datastructures import UploadFile

from analyzer.errors import AnalyzerError
from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.pipeline import error_report
from analyzer.web.pool import AnalysisPool, Result, Upload
from analyzer.web.uploads import read_upload

# Report error codes as HTTP statuses (design.md, "Faces").
STATUS = {
    "unsupported_format": 415,
    "too_large": 413,
    "corrupt": 422,
    "encrypted": 422,
    "no_text": 422,
    "empty": 422,
    "not_found": 422,
    "timeout": 504,
    "internal_error": 500,
}
MB = 1024 * 1024  # the CLI's --max-size unit


@dataclass(frozen=True)
class Settings:
    """How the app runs.

    Attributes:
        rules_dir: An extra rule pack (as ``--rules``).
        limits: Size, page and time limits per file (the CLI's).
        workers: Analysis processes.
        memory_mb: Memory a worker may add to its start-up size (0: no cap).
        token: When set, every API call needs ``Authorization: Bearer TOKEN`` and pages ask for it
            once (kept in a same-site, HTTP-only cookie).
        max_request_bytes: Largest request body (a batch of files or a .zip).
        max_batch_files: Most files one batch may hold.
    """

    rules_dir: Path | None = None
    limits: Limits = DEFAULT_LIMITS
    workers: int = 2
    memory_mb: int = 1024
    token: str | None = None
    max_request_bytes: int = 100 * 1024 * 1024
    max_batch_files: int = 500


@dataclass
class State:
    """What the routes share while the app runs: the analysis pool (started by the lifespan)."""

    pool: AnalysisPool | None = None


class RequestError(Exception):
    """A request the API refuses as a whole (status, code, message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> dict:
    """The JSON error body: the same ``error`` object a report carries."""
    return {"error": {"code": code, "message": message}}


def parse_as_of(value: str | None) -> date:
    """The ``as_of`` form field as a date (today when empty)."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestError(400, "bad_request", f"as_of is not a date (YYYY-MM-DD): {value!r}")


def parse_pdf_engine(value: str | None) -> str | None:
    """The ``pdf_engine`` form field (``None`` when empty: the server's ``--pdf-engine``)."""
    if not value:
        return None
    try:
        return replace(DEFAULT_LIMITS, pdf_engine=value).pdf_engine  # Limits knows the engines
    except ValueError as exc:
        raise RequestError(400, "bad_request", f"pdf_engine: {exc}")


async def analyse_upload(
    state: State,
    file: UploadFile,
    limits: Limits,
    as_of: date,
    job: Upload | None,
    html: str | None,
    pdf_engine: str | None = None,
) -> Result:
    """Read one uploaded resume (size limits here, the rest in a worker) and analyse it."""
    try:
        upload = await read_upload(file, limits)
    except AnalyzerError as exc:
        name = file.filename or "upload"
        return Result(error_report(name, as_of, exc.code, exc.message).model_dump_json())
    return await state.pool.analyse(upload, as_of, job, html, pdf_engine)


async def read_posting(file: UploadFile | None, text: str | None, limits: Limits) -> Upload | None:
    """The job posting from an uploaded file or pasted text (``None`` when neither is given)."""
    if file is not None and file.filename:
        try:
            return await read_upload(file, limits, "posting")
        except AnalyzerError as exc:
            raise RequestError(STATUS[exc.code], exc.code, f"job posting: {exc.message}")
    if text and text.strip():
        data = text.encode("utf-8")
        if len(data) > limits.max_file_bytes:
            raise RequestError(413, "too_large", "job posting: the pasted text is too large")
        return Upload("pasted posting", data)
    return None
