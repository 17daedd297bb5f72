"""The web app (FastAPI): pages ``/`` and ``/batch``, and the HTTP API under ``/v1``.

A thin face over the library: each request's files go to a pool of worker processes that run the
same ``Analyzer.run`` as the CLI, and reports come back as the same JSON (``Report``) or the same
HTML templates. Uploads stay in memory; nothing but counts and timings is logged."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from analyzer import __version__
from analyzer.web.api import register_api
from analyzer.web.common import MB, RequestError, Settings, State, error_body
from analyzer.web.pool import AnalysisPool
from analyzer.web.views import TOKEN_COOKIE, register_pages

__all__ = ["CSP", "Settings", "create_app"]

log = logging.getLogger("analyzer.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_PUBLIC = ("/static/", "/login")


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
    state = State()

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
    register_pages(app, settings, state)
    register_api(app, settings, state)
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
        if (
            settings.token
            and not path.startswith(_PUBLIC)
            and not _authorised(request, settings.token)
        ):
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
            "%s %s %d %.3f s",
            request.method,
            path,
            response.status_code,
            time.perf_counter() - started,
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
