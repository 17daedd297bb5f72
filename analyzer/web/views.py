"""The pages: ``/`` (one resume, with an optional posting), ``/batch`` (the ranking runs in the
browser against ``/v1/batch``), ``/report`` (a report from a batch) and ``/login`` (the token,
once). Every page comes from the same autoescaped templates as the CLI's HTML report."""

from __future__ import annotations

import secrets

from fastapi import FastAPI, File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.staticfiles import StaticFiles

from analyzer.models.analysis import Analysis
from analyzer.models.report import Report
from analyzer.render.html import report_css
from analyzer.web.common import (
    MB,
    STATUS,
    RequestError,
    Settings,
    State,
    analyse_upload,
    parse_as_of,
    read_posting,
)
from analyzer.web.pages import STATIC, page, report_fragment

TOKEN_COOKIE = "resume_analyzer_token"


def register_pages(app: FastAPI, settings: Settings, state: State) -> None:
    """Add the pages and the static files to ``app``."""
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
            when = parse_as_of(as_of)
            posting = await read_posting(job, job_text, limits)
        except RequestError as exc:
            body = page(
                "index.html", report=None, problem=exc.message, max_mb=limits.max_file_bytes / MB
            )
            return HTMLResponse(body, exc.status)
        result = await analyse_upload(
            state, file, limits, when, posting, "match" if posting else "score"
        )
        if result.job_error:
            code, message = result.job_error
            body = page(
                "index.html",
                report=None,
                problem=f"job posting: {message}",
                max_mb=limits.max_file_bytes / MB,
            )
            return HTMLResponse(body, STATUS[code])
        report = Report.model_validate_json(result.report_json)
        fragment = result.html or report_fragment(Analysis(report, None))
        status = STATUS[report.error.code] if report.error else 200
        body = page(
            "index.html",
            report=report,
            report_html=Markup(fragment),
            max_mb=limits.max_file_bytes / MB,
        )
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
        view = "match" if parsed.match else "score"
        fragment = report_fragment(Analysis(parsed, None), view)
        return page("report_page.html", report=parsed, report_html=Markup(fragment))

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    async def login_form(next: str = "/"):
        return page("login.html", next=_local(next), problem=None)

    @app.post("/login", include_in_schema=False)
    async def login(token: str = Form(...), next: str = Form("/")):
        if not settings.token or not secrets.compare_digest(
            token.encode(), settings.token.encode()
        ):
            return HTMLResponse(
                page("login.html", next=_local(next), problem="That token is not right."), 401
            )
        response = RedirectResponse(_local(next), 303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response


def _local(path: str) -> str:
    """``path`` when it stays on this site, else ``/`` (no open redirect after login)."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"
