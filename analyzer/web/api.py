"""The HTTP API under ``/v1``: analyze, match, batch (streamed JSONL), rank, export (CSV, XLSX)
and schema. Each file goes to the analysis pool; reports come back as the CLI's JSON."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from datetime import date
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response, StreamingResponse

from analyzer.batch import DuplicateFinder
from analyzer.errors import AnalyzerError, TooLarge
from analyzer.limits import Limits
from analyzer.models.report import Report
from analyzer.pipeline import error_report
from analyzer.web.common import (
    STATUS,
    RequestError,
    Settings,
    State,
    analyse_upload,
    error_body,
    parse_as_of,
    parse_pdf_engine,
    read_posting,
)
from analyzer.web.pool import Result, Upload
from analyzer.web.uploads import read_upload, read_zip


def report_response(result: Result) -> Response:
    """A worker's result as the HTTP answer: the Report JSON, with the status of its error code."""
    if result.job_error:
        code, message = result.job_error
        return JSONResponse(error_body(code, f"job posting: {message}"), STATUS[code])
    code = json.loads(result.report_json).get("error") or {}
    return Response(
        result.report_json, STATUS.get(code.get("code"), 200), media_type="application/json"
    )


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


def register_api(app: FastAPI, settings: Settings, state: State) -> None:
    """Add the ``/v1`` routes to ``app``."""
    limits = settings.limits

    @app.post("/v1/analyze", tags=["analysis"], response_model=Report)
    async def analyze(
        file: UploadFile = File(...),
        as_of: str | None = Form(None),
        pdf_engine: str | None = Form(None),
    ):
        """One resume (PDF, DOCX or text) as a Report. A file that cannot be analysed gives its
        error report with status 415, 413, 422, 504 or 500. ``pdf_engine``: ``pdfminer`` or
        ``pdfium`` (default: the server's ``--pdf-engine``)."""
        when, engine = parse_as_of(as_of), parse_pdf_engine(pdf_engine)
        return report_response(await analyse_upload(state, file, limits, when, None, None, engine))

    @app.post("/v1/match", tags=["analysis"], response_model=Report)
    async def match(
        resume: UploadFile = File(...),
        job: UploadFile = File(...),
        as_of: str | None = Form(None),
        pdf_engine: str | None = Form(None),
    ):
        """A resume and a job posting: the Report with its ``match`` (fit, requirements, gaps)."""
        when, engine = parse_as_of(as_of), parse_pdf_engine(pdf_engine)
        posting = await read_posting(job, None, limits)
        if posting is None:
            raise RequestError(400, "bad_request", "job: a job posting file is required")
        return report_response(
            await analyse_upload(state, resume, limits, when, posting, None, engine)
        )

    @app.post("/v1/batch", tags=["analysis"], response_class=StreamingResponse)
    async def batch(
        files: list[UploadFile] | None = File(None),
        zip: UploadFile | None = File(None),
        job: UploadFile | None = File(None),
        as_of: str | None = Form(None),
        pdf_engine: str | None = Form(None),
    ):
        """Several resumes (repeated ``files``) or one ``zip``: one Report per line (JSONL), in
        input order, streamed as they finish. ``X-Batch-Total`` gives the number of reports to
        expect; ``X-Batch-Skipped`` lists archive members that were not analysed, with why."""
        when, engine = parse_as_of(as_of), parse_pdf_engine(pdf_engine)
        posting = await read_posting(job, None, limits)
        if posting is not None and (problem := await state.pool.posting_error(posting, engine)):
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
            _stream(state, uploads, when, posting, settings.workers, engine),
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
            {"position": position[id(r)], "rank": n, "note": note}
            for r, _, n, note in ranks(reports)
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


async def _stream(
    state: State,
    items: list[Upload | Report],
    as_of: date,
    posting: Upload | None,
    workers: int,
    pdf_engine: str | None,
):
    """Reports as JSON lines in input order; only a few analyses queued at a time, so one large
    batch does not starve other requests."""
    dups = DuplicateFinder()
    window: deque[asyncio.Future] = deque()
    pending = iter(items)
    index = 0

    def more() -> None:
        item = next(pending, None)
        if isinstance(item, Upload):
            window.append(
                asyncio.ensure_future(state.pool.analyse(item, as_of, posting, None, pdf_engine))
            )
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
                report = report.model_copy(
                    update={"duplicate_group": group, "duplicate_of": [entry]}
                )
            index += 1
            yield report.model_dump_json() + "\n"
    finally:
        for task in window:
            task.cancel()
