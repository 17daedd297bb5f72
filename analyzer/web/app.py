"""The web app (FastAPI): pages ``/`` and ``/batch``, and the HTTP API under ``/v1``.

A thin face over the library: each request's files go to a pool of worker processes that run the
same ``Analyzer.run`` as the CLI, and reports come back as the same JSON (``Report``) or the same
HTML templates. Uploads stay in memory; nothing but counts and timings is logged."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from analyzer import __version__
from analyzer.batch import DuplicateFinder
from analyzer.errors import AnalyzerError, TooLarge
from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.models.analysis import Analysis
from analyzer.models.report import Report
from analyzer.pipeline import error_report
from analyzer.render.html import report_css
from analyzer.web.pages import STATIC, page, report_fragment
from analyzer.web.pool import AnalysisPool, Result, Upload
from analyzer.web.uploads import read_upload, read_zip

log = logging.getLogger("analyzer.web")

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
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
TOKEN_COOKIE = "resume_analyzer_token"
MB = 1024 * 1024  # the CLI's --max-size unit
_PUBLIC = ("/static/", "/login")


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
class _State:
    pool: AnalysisPool | None = None
    counts: dict[str, int] = field(default_factory=dict)


class RequestError(Exception):
    """A request the API refuses as a whole (status, code, message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> dict:
    """The JSON error body: the same ``error`` object a report carries."""
    return {"error": {"code": code, "message": message}}


def _as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestError(400, "bad_request", f"as_of is not a date (YYYY-MM-DD): {value!r}")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` (413) before they are read into memory."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"0")
        too_big = not length.isdigit() or int(length) > self.max_bytes
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise RequestError(413, "too_large", "the request body is too large")
            return message

        if not too_big:
            try:
                return await self.app(scope, limited, send)
            except RequestError:
                pass
        mb = self.max_bytes / MB
        response = JSONResponse(
            error_body("too_large", f"the upload is larger than {mb:.0f} MB (--max-upload)"), 413
        )
        await response(scope, receive, send)


def create_app(settings: Settings = Settings()) -> FastAPI:
    """The ASGI app. Its analysis pool starts with the app (lifespan) and stops with it."""
    state = _State()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state.pool = AnalysisPool(
            settings.workers, settings.rules_dir, settings.limits, settings.memory_mb
        )
        await asyncio.to_thread(state.pool.warm_up)
        try:
            yield
        finally:
            state.pool.close()

    app = FastAPI(
        title="resume-analyzer",
        version=__version__,
        description="Offline analysis of medical-coder resumes: a Report JSON per file.",
        docs_url=None,  # the interactive docs would load their scripts from another host
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    _guard(app, settings)
    _handlers(app)
    _pages(app, settings, state)
    _api(app, settings, state)
    return app


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    given = header[7:] if header[:7].lower() == "bearer " else request.cookies.get(TOKEN_COOKIE, "")
    return secrets.compare_digest(given.encode(), token.encode())


def _guard(app: FastAPI, settings: Settings) -> None:
    """Token check, security headers, and one log line per request (method, path, status, time)."""

    @app.middleware("http")
    async def guard(request: Request, call_next):
        started = time.perf_counter()
        path = request.url.path
        if settings.token and not path.startswith(_PUBLIC) and not _authorised(request, settings.token):
            if path.startswith("/v1/") or path == "/openapi.json":
                response = JSONResponse(
                    error_body("unauthorized", "a bearer token is required"),
                    401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            else:
                response = RedirectResponse(f"/login?next={path}", 303)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if not path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        log.info(
            "%s %s %d %.3f s", request.method, path, response.status_code, time.perf_counter() - started
        )
        return response


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestError)
    async def request_error(request: Request, exc: RequestError):
        return JSONResponse(error_body(exc.code, exc.message), exc.status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        where = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return JSONResponse(error_body("bad_request", where or "invalid request"), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse(error_body("http_error", str(exc.detail)), exc.status_code)


async def _resume(
    state: _State, file: UploadFile, limits: Limits, as_of: date, job: Upload | None, html: str | None
) -> Result:
    """Read one uploaded resume (size limits here, the rest in a worker) and analyse it."""
    try:
        upload = await read_upload(file, limits)
    except AnalyzerError as exc:
        name = file.filename or "upload"
        return Result(error_report(name, as_of, exc.code, exc.message).model_dump_json())
    return await state.pool.analyse(upload, as_of, job, html)


async def _job(file: UploadFile | None, text: str | None, limits: Limits) -> Upload | None:
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


def _report_response(result: Result) -> Response:
    if result.job_error:
        code, message = result.job_error
        return JSONResponse(error_body(code, f"job posting: {message}"), STATUS[code])
    code = json.loads(result.report_json).get("error") or {}
    return Response(
        result.report_json, STATUS.get(code.get("code"), 200), media_type="application/json"
    )


def _pages(app: FastAPI, settings: Settings, state: _State) -> None:
    css = report_css()

    @app.get("/static/report.css", include_in_schema=False)
    async def report_stylesheet():
        return Response(css, media_type="text/css")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    limits = settings.limits

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index():
        return page("index.html", report=None, max_mb=limits.max_file_bytes / MB)

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def index_report(
        file: UploadFile = File(...),
        job: UploadFile | None = File(None),
        job_text: str | None = Form(None),
        as_of: str | None = Form(None),
    ):
        try:
            when = _as_of(as_of)
            posting = await _job(job, job_text, limits)
        except RequestError as exc:
            body = page("index.html", report=None, problem=exc.message, max_mb=limits.max_file_bytes / MB)
            return HTMLResponse(body, exc.status)
        result = await _resume(state, file, limits, when, posting, "match" if posting else "score")
        if result.job_error:
            code, message = result.job_error
            body = page("index.html", report=None, problem=f"job posting: {message}", max_mb=limits.max_file_bytes / MB)
            return HTMLResponse(body, STATUS[code])
        report = Report.model_validate_json(result.report_json)
        fragment = result.html or report_fragment(Analysis(report, None))
        status = STATUS[report.error.code] if report.error else 200
        body = page("index.html", report=report, report_html=Markup(fragment), max_mb=limits.max_file_bytes / MB)
        return HTMLResponse(body, status)

    @app.get("/batch", response_class=HTMLResponse, include_in_schema=False)
    async def batch_page():
        return page("batch.html", max_files=settings.max_batch_files)

    @app.post("/report", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(report: str = Form(...)):
        try:
            parsed = Report.model_validate_json(report)
        except ValueError:
            raise RequestError(400, "bad_request", "not a report JSON")
        return page("report_page.html", report=parsed, report_html=Markup(report_fragment(Analysis(parsed, None))))

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    async def login_form(next: str = "/"):
        return page("login.html", next=_local(next), problem=None)

    @app.post("/login", include_in_schema=False)
    async def login(token: str = Form(...), next: str = Form("/")):
        if not settings.token or not secrets.compare_digest(token.encode(), settings.token.encode()):
            return HTMLResponse(page("login.html", next=_local(next), problem="That token is not right."), 401)
        response = RedirectResponse(_local(next), 303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response


def _reports_body(body: bytes) -> list[tuple[Report, list[str]]]:
    """``(report, duplicate_of)`` pairs from a JSONL body of reports."""
    try:
        lines = body.decode("utf-8").splitlines()
        return [
            (r, list(r.duplicate_of))
            for r in (Report.model_validate_json(x) for x in lines if x.strip())
        ]
    except ValueError:
        raise RequestError(400, "bad_request", "the body must be reports as JSON lines")


@lru_cache(maxsize=4)
def metric_kinds(rules_dir: Path | None):
    """The rule pack's metric-kind registry (the exports' metric columns), loaded once."""
    from analyzer.rules.pack import load_rules

    return load_rules(rules_dir).metrics.registry


def _local(path: str) -> str:
    """``path`` when it stays on this site, else ``/`` (no open redirect after login)."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


def _api(app: FastAPI, settings: Settings, state: _State) -> None:
    limits = settings.limits

    @app.post("/v1/analyze", tags=["analysis"], response_model=Report)
    async def analyze(file: UploadFile = File(...), as_of: str | None = Form(None)):
        """One resume (PDF, DOCX or text) as a Report. A file that cannot be analysed gives its
        error report with status 415, 413, 422, 504 or 500."""
        return _report_response(await _resume(state, file, limits, _as_of(as_of), None, None))

    @app.post("/v1/match", tags=["analysis"], response_model=Report)
    async def match(
        resume: UploadFile = File(...), job: UploadFile = File(...), as_of: str | None = Form(None)
    ):
        """A resume and a job posting: the Report with its ``match`` (fit, requirements, gaps)."""
        when = _as_of(as_of)
        posting = await _job(job, None, limits)
        if posting is None:
            raise RequestError(400, "bad_request", "job: a job posting file is required")
        return _report_response(await _resume(state, resume, limits, when, posting, None))

    @app.post("/v1/batch", tags=["analysis"], response_class=StreamingResponse)
    async def batch(
        files: list[UploadFile] | None = File(None),
        zip: UploadFile | None = File(None),
        job: UploadFile | None = File(None),
        as_of: str | None = Form(None),
    ):
        """Several resumes (repeated ``files``) or one ``zip``: one Report per line (JSONL), in
        input order, streamed as they finish. ``X-Batch-Total`` gives the number of reports to
        expect; ``X-Batch-Skipped`` lists archive members that were not analysed, with why."""
        when = _as_of(as_of)
        posting = await _job(job, None, limits)
        if posting is not None and (problem := await state.pool.posting_error(posting)):
            code, message = problem
            raise RequestError(STATUS[code], code, f"job posting: {message}")
        uploads, skipped = await _batch_inputs(
            files or [], zip, limits, settings.max_batch_files, when
        )
        headers = {
            "X-Batch-Total": str(len(uploads)),
            "X-Batch-Skipped": json.dumps([{"name": n, "reason": r} for n, r in skipped[:100]]),
        }
        return StreamingResponse(
            _stream(state, uploads, when, posting, settings.workers),
            media_type="application/x-ndjson",
            headers=headers,
        )

    @app.post("/v1/rank", tags=["exports"])
    async def rank(request: Request):
        """Reports (JSONL, as ``/v1/batch`` streams them) in the library's ranking: one entry per
        report, best first, with its input ``position`` (0-based line), ``rank`` (``null`` for
        errors and job postings) and ``note`` (why it is above the next of equal fit)."""
        from analyzer.render.table import ranks

        reports = _reports_body(await request.body())
        position = {id(r): i for i, (r, _) in enumerate(reports)}
        return [
            {"position": position[id(r)], "rank": n, "note": note} for r, _, n, note in ranks(reports)
        ]

    @app.post("/v1/export/{fmt}", tags=["exports"])
    async def export(fmt: str, request: Request, excel: bool = False):
        """Reports (JSONL, as ``/v1/batch`` streams them) as a ranked ``csv`` or ``xlsx`` file."""
        from analyzer.render.csvfile import csv_text
        from analyzer.render.xlsx import xlsx_bytes

        if fmt not in ("csv", "xlsx"):
            raise RequestError(404, "bad_request", "export formats: csv, xlsx")
        rows = _reports_body(await request.body())
        kinds = await asyncio.to_thread(metric_kinds, settings.rules_dir)
        if fmt == "csv":
            body = csv_text(rows, kinds, excel=excel).encode("utf-8")
            media = "text/csv; charset=utf-8"
        else:
            body = xlsx_bytes(rows, kinds)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disposition = f'attachment; filename="candidates.{fmt}"'
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    @app.get("/v1/schema", tags=["contract"])
    async def schema():
        """The JSON Schema of the Report."""
        return Report.model_json_schema()


async def _batch_inputs(
    files: list[UploadFile], archive: UploadFile | None, limits: Limits, max_files: int, as_of: date
) -> tuple[list[Upload | Report], list[tuple[str, str]]]:
    """The batch's resumes, read in memory before the response starts (a file over the size limit
    becomes its error report, as in a CLI batch); and the archive members skipped, with why."""
    named = [f for f in files if f.filename]
    skipped: list[tuple[str, str]] = []
    found = None
    if archive is not None and archive.filename:
        data = await archive.read(limits.max_docx_uncompressed + 1)
        try:
            if len(data) > limits.max_docx_uncompressed:
                raise TooLarge("the .zip is larger than a batch may be")
            found = read_zip(data, limits)
        except AnalyzerError as exc:
            raise RequestError(STATUS[exc.code], exc.code, f"zip: {exc.message}")
        skipped = found.skipped
    count = len(named) + (len(found.uploads) if found else 0)
    if not count:
        raise RequestError(400, "bad_request", "no resumes: send files (repeated) or one zip")
    if count > max_files:
        raise RequestError(413, "too_large", f"{count} files; one batch takes at most {max_files}")
    items: list[Upload | Report] = []
    for f in named:
        try:
            items.append(await read_upload(f, limits))
        except AnalyzerError as exc:
            items.append(error_report(f.filename, as_of, exc.code, exc.message))
    return items + (found.uploads if found else []), skipped


async def _stream(state: _State, items: list[Upload | Report], as_of: date, posting, workers: int):
    """Reports as JSON lines in input order; only a few analyses queued at a time, so one large
    batch does not starve other requests."""
    dups = DuplicateFinder()
    window: deque[asyncio.Future] = deque()
    pending = iter(items)
    index = 0

    def more() -> None:
        item = next(pending, None)
        if isinstance(item, Upload):
            window.append(asyncio.ensure_future(state.pool.analyse(item, as_of, posting)))
        elif item is not None:
            done = asyncio.get_running_loop().create_future()
            done.set_result(Result(item.model_dump_json()))
            window.append(done)

    for _ in range(2 * workers):
        more()
    try:
        while window:
            result = await window.popleft()
            more()
            report = Report.model_validate_json(result.report_json)
            group, entry = dups.check(report, result.digest, report.file, index)
            if group is not None:
                report = report.model_copy(update={"duplicate_group": group, "duplicate_of": [entry]})
            index += 1
            yield report.model_dump_json() + "\n"
    finally:
        for task in window:
            task.cancel()
