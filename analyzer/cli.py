"""Command line: ``resume-analyzer score|suggest|text|batch|schema`` (also ``python -m analyzer``)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import math
import os
import signal
import sys
import time
from datetime import date
from pathlib import Path

from analyzer.limits import DEFAULT_LIMITS, Limits, address_space_cap
from analyzer.names import display_name
from analyzer.output import OutputError, check_writable, write_output

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("analyzer")


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _number(kind, low: float = 0, high: float = math.inf, low_ok: bool = False):
    """An argparse type: a finite ``kind`` number above ``low`` (or equal, with ``low_ok``) and
    at most ``high``."""

    def parse(value: str):
        try:
            v = kind(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from exc
        if not math.isfinite(v) or v < low or (v == low and not low_ok) or v > high:
            lo = f">= {low:g}" if low_ok else f"> {low:g}"
            hi = "" if high == math.inf else f" and <= {high:g}"
            raise argparse.ArgumentTypeError(f"must be a number {lo}{hi}: {value!r}")
        return v

    return parse


def _positive(kind, allow_zero: bool = False):
    """An argparse type: a finite number above zero (or at least zero with ``allow_zero``)."""
    return _number(kind, 0, low_ok=allow_zero)


_MB = 1024 * 1024
# (flag, Limits field, type, metavar, scale to the field's unit, help): defaults come from Limits.
_LIMIT_OPTIONS = (
    ("--max-size", "max_file_bytes", float, "MB", _MB, "largest input file in MB"),
    ("--max-pages", "max_pages", int, "N", 1, "largest PDF page count"),
    ("--timeout", "timeout_seconds", float, "SECONDS", 1, "per-file time limit"),
    (
        "--max-docx-size",
        "max_docx_uncompressed",
        float,
        "MB",
        _MB,
        "largest uncompressed size a DOCX may declare (zip bombs), in MB",
    ),
    ("--max-docx-parts", "max_docx_members", int, "N", 1, "most parts a DOCX zip may hold"),
)


def _common(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    if as_of:
        p.add_argument(
            "--as-of",
            type=_as_of,
            default=None,
            metavar="YYYY-MM-DD",
            help="date that 'Present' means when counting experience (default: today)",
        )
    p.add_argument(
        "--rules",
        type=Path,
        default=None,
        metavar="DIR",
        help="extra rule pack: TOML files that add to or replace the shipped rules (see rules/README.md)",
    )
    for flag, field, kind, metavar, scale, help_text in _LIMIT_OPTIONS:
        default = getattr(DEFAULT_LIMITS, field) / scale
        p.add_argument(
            flag,
            type=_positive(kind),
            default=kind(default),
            metavar=metavar,
            help=f"{help_text} (default {kind(default):g})",
        )
    p.add_argument(
        "--max-memory",
        type=_positive(int, allow_zero=True),
        default=1024,
        metavar="MB",
        help="memory the analysis of one file may add to the process before the file fails as "
        "too_large (default 1024; 0 = no cap; with batch --workers 0 there is no cap)",
    )
    p.add_argument(
        "--pdf-engine",
        choices=("pdfminer", "pdfium"),
        default=DEFAULT_LIMITS.pdf_engine,
        help="what reads PDF text: pdfminer (pdfminer.six) or pdfium (pypdfium2, faster on large PDF "
        "batches; the same layout logic after it) (default %(default)s)",
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")


def build_parser() -> argparse.ArgumentParser:
    """The ``resume-analyzer`` argument parser: one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="resume-analyzer",
        description="Analyse medical-coder resumes (PDF, DOCX, TXT) offline: credentials, code sets, tools, "
        "quantified metrics, career stage with BLS salary band, a score, and what to add.",
        epilog="Exit codes: 0 success; 1 a file could not be analysed (or written); 2 usage error.",
    )
    from analyzer import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_single(sub)
    _add_match(sub)
    _add_text(sub)
    _add_batch(sub)
    _add_serve(sub)
    sub.add_parser(
        "schema",
        help="print the JSON Schema of the report",
        description="Print the JSON Schema of the report contract.",
    )
    return parser


def _add_output(
    p: argparse.ArgumentParser, formats: tuple[str, ...], default: str, note: str = ""
) -> None:
    p.add_argument(
        "--format",
        choices=formats,
        default=default,
        help=f"output format (default {default})" + (f"; {note}" if note else ""),
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")


def _add_single(sub) -> None:
    for name, help_text, example in (
        (
            "score",
            "score one resume and show what was found",
            "resume-analyzer score cv.pdf --format html -o report.html",
        ),
        ("suggest", "list what to add or fix, line by line", "resume-analyzer suggest cv.docx"),
    ):
        p = sub.add_parser(
            name,
            help=help_text,
            description=f"{help_text[0].upper()}{help_text[1:]}.",
            epilog=f"Examples:\n  {example}\n  cat cv.txt | resume-analyzer {name} -",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument(
            "file",
            help="resume file (PDF, DOCX or text; the format is read from the content), "
            "or - to read it from standard input",
        )
        _add_output(p, ("text", "json", "markdown", "html", "jsonresume"), "text")
        p.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour in text output",
        )
        _common(p)


def _add_match(sub) -> None:
    p = sub.add_parser(
        "match",
        help="how well a resume fits one job posting",
        description="Score a resume against a job posting: each requirement met, partly met or missing, with "
        "evidence from both, what to feature and what no wording can fix.",
        epilog="Examples:\n  resume-analyzer match cv.pdf --job posting.txt\n  pbpaste | resume-analyzer match cv.docx --job -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="resume file, or - to read it from standard input")
    p.add_argument(
        "--job",
        required=True,
        metavar="JOB",
        help="job posting (text, PDF or DOCX), or - to read it from standard input",
    )
    _add_output(p, ("text", "json", "markdown", "html", "jsonresume"), "text")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _common(p)


def _add_text(sub) -> None:
    p = sub.add_parser(
        "text",
        help="show the lines and sections the parser read (what an ATS sees)",
        description="Show each line the parser read, with its page, column and section.",
        epilog="Example: resume-analyzer text cv.pdf",
    )
    p.add_argument("file", help="resume file, or - to read it from standard input")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    _common(p)


def _add_batch(sub) -> None:
    p = sub.add_parser(
        "batch",
        help="analyse a folder of resumes and rank them",
        description="Analyse every resume under DIR (recursively) with parallel workers; rank "
        "(stage band senior/mid/entry, then score; flagged claims last) and filter.",
        epilog="Examples:\n  resume-analyzer batch applicants/ --require CPC,CCS --min-stage mid\n"
        "  resume-analyzer batch applicants/ --format csv -o ranked.csv --reports-dir reports/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "dir", help="folder of resumes, or with --engine dask an fsspec URL (memory://, s3://...)"
    )
    _add_output(
        p,
        ("table", "csv", "xlsx", "json", "jsonl"),
        "table",
        "xlsx is a workbook (candidates, and one metric per row)",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a UTF-8 byte-order mark so Excel reads accented names correctly",
    )
    p.add_argument(
        "--workers",
        type=_number(int, 0, 512, low_ok=True),
        default=os.cpu_count() or 1,
        help="worker processes (default: number of cores; 0 = in the main process: the time limit holds, the memory cap does not)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine's worker pool (default); dask: a Dask cluster (pip install "
        "'resume-analyzer[dask]'), local with --workers processes unless --scheduler is given",
    )
    p.add_argument(
        "--partition-rows",
        type=_positive(int),
        metavar="N",
        help="with --format jsonl and -o FOLDER: write part-00000.jsonl, part-00001.jsonl, ... of N "
        "reports each, in input order (for very large runs)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: an existing cluster's scheduler (tcp://host:8786)",
    )
    p.add_argument(
        "--require",
        default="",
        metavar="CRED[,CRED]",
        help="keep candidates holding any of these credentials (ids from the rule pack)",
    )
    p.add_argument("--min-stage", choices=("entry", "mid", "senior"))
    p.add_argument("--min-score", type=_number(int, 0, 100, low_ok=True), metavar="N")
    p.add_argument(
        "--top",
        type=_positive(int),
        metavar="N",
        help="keep the first N candidates in the ranking shown (stage band, then score; fit with --job)",
    )
    p.add_argument(
        "--job",
        metavar="JOB",
        help="rank by fit to this job posting (text, PDF or DOCX) instead of by stage band and score; "
        "equal fits are ordered on evidence, and postings found in the folder are listed apart",
    )
    p.add_argument(
        "--blind",
        action="store_true",
        help="leave names, contact details and file names out of every output",
    )
    p.add_argument(
        "--reports-dir",
        type=Path,
        metavar="DIR",
        help="also write one report per candidate into DIR",
    )
    p.add_argument("--reports-format", choices=("html", "json", "markdown", "text"), default="html")
    p.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr",
    )
    _common(p)


def _add_serve(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="run the local web app and HTTP API",
        description="Serve the pages / (one resume) and /batch (rank several), and the API under /v1 "
        "(analyze, match, batch, rank, export, schema; /openapi.json). Binds 127.0.0.1 unless told "
        "otherwise; any other address needs a token, which the API then demands as a bearer token.",
        epilog="Examples:\n  resume-analyzer serve\n"
        "  curl -F file=@cv.pdf http://127.0.0.1:8000/v1/analyze\n"
        "  RESUME_ANALYZER_TOKEN=s3cret resume-analyzer serve --host 0.0.0.0",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token",
        default=None,
        help="require this bearer token (default: $RESUME_ANALYZER_TOKEN; required off loopback)",
    )
    p.add_argument(
        "--workers",
        type=_positive(int),
        default=os.cpu_count() or 1,
        help="analysis processes (default: number of cores)",
    )
    p.add_argument(
        "--max-upload",
        type=_positive(float),
        default=100,
        metavar="MB",
        help="largest request (a batch of files or a .zip), in MB (default 100)",
    )
    _common(p, as_of=False)


def _limits(args: argparse.Namespace) -> Limits:
    """The limits the command line set (every limit option, scaled back to bytes where needed)."""
    values = {
        field: int(getattr(args, flag[2:].replace("-", "_")) * scale)
        if scale != 1
        else getattr(args, flag[2:].replace("-", "_"))
        for flag, field, _, _, scale, _ in _LIMIT_OPTIONS
    }
    return Limits(**values, pdf_engine=args.pdf_engine)


def _emit(text: str | bytes, output: str | None) -> None:
    """Write a command's output (text, or bytes as they are) to ``-o`` (see ``analyzer.output``)
    or standard output."""
    write_output(output or None, text)


def _color(args: argparse.Namespace) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


class UsageError(Exception):
    """A command line that names something unusable (exit 2)."""


def _not_an_input(output: str, *inputs: str) -> None:
    """``-o`` may not name a file this run reads: an input is never modified."""
    for source in inputs:
        try:
            same = source != "-" and os.path.samefile(output, source)
        except OSError:
            same = False
        if same:
            raise UsageError(f"-o {output} is an input of this run; inputs are never modified")


def _source(path: str):
    """What a command reads: ``-`` is standard input (its bytes; the format is sniffed), a folder
    is a usage error, anything else a path."""
    if path == "-":
        return sys.stdin.buffer
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder: use 'resume-analyzer batch {path}' for a folder")
    return path


def _label(path: str) -> str:
    return "(stdin)" if path == "-" else display_name(path)


def cmd_single(args: argparse.Namespace) -> int:
    from analyzer.pipeline import Analyzer
    from analyzer.render import render

    if args.output:
        _not_an_input(args.output, args.file)
        check_writable(args.output)
    source = _source(args.file)
    analyzer = Analyzer(args.rules, _limits(args))
    analysis = analyzer.run_capped(args.max_memory, source, args.as_of, label=_label(args.file))
    _emit(render(analysis, args.format, view=args.command, color=_color(args)), args.output)
    if analysis.report.error:
        err = analysis.report.error
        print(
            f"resume-analyzer: {display_name(args.file)}: {err.message} ({err.code})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def _read_posting(analyzer, job: str):
    """The posting from a file or stdin; ``None`` (after a message) if it cannot be read."""
    from analyzer.errors import AnalyzerError

    try:
        return analyzer.read_posting(_source(job), _label(job))
    except AnalyzerError as exc:
        print(
            f"resume-analyzer: job posting {display_name(job)}: {exc.message} ({exc.code})",
            file=sys.stderr,
        )
        return None


def cmd_match(args: argparse.Namespace) -> int:
    from analyzer.pipeline import Analyzer
    from analyzer.render import render

    if args.output:
        _not_an_input(args.output, args.file, args.job)
        check_writable(args.output)
    if args.file == "-" and args.job == "-":
        raise UsageError("the resume and the job posting cannot both come from standard input")
    source = _source(args.file)
    analyzer = Analyzer(args.rules, _limits(args))
    posting = _read_posting(analyzer, args.job)
    if posting is None:
        return EXIT_FAILED
    analysis = analyzer.run_capped(
        args.max_memory, source, args.as_of, label=_label(args.file), posting=posting
    )
    _emit(render(analysis, args.format, view="match", color=_color(args)), args.output)
    if analysis.report.error:
        err = analysis.report.error
        print(
            f"resume-analyzer: {display_name(args.file)}: {err.message} ({err.code})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def cmd_text(args: argparse.Namespace) -> int:
    """The parsed lines only: no rule engine, so spaCy is never loaded; the same time limit and
    memory cap as an analysis."""
    from analyzer.deadline import deadline
    from analyzer.errors import AnalyzerError
    from analyzer.parsing import check_bytes, read_bytes, read_file
    from analyzer.parsing.sections import Sectioner
    from analyzer.rules.pack import load_rules

    if args.output:
        _not_an_input(args.output, args.file)
        check_writable(args.output)
    source, limits = _source(args.file), _limits(args)
    sectioner = Sectioner(load_rules(args.rules).sections)
    try:
        with address_space_cap(args.max_memory), deadline(limits.timeout_seconds):
            data = (
                read_file(source, limits)
                if isinstance(source, str)
                else check_bytes(source.read(limits.max_file_bytes + 1), limits)
            )
            doc = read_bytes(data, _label(args.file), sectioner, limits)
    except MemoryError:
        print(f"resume-analyzer: {display_name(args.file)}: reading needed more memory than "
              "allowed (too_large)", file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    except AnalyzerError as exc:
        print(
            f"resume-analyzer: {display_name(args.file)}: {exc.message} ({exc.code})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    cols = {0: "full", 1: "main", 2: "side"}
    out = [
        f"# {doc.source} · {doc.format} · {doc.pages} page(s) · {len(doc.lines)} lines",
        "# line page column section         text",
    ]
    for ln in doc.lines:
        text = f"== {ln.text} ==" if ln.heading else ("• " if ln.bullet else "") + ln.text
        out.append(f"{ln.index + 1:>6} {ln.page:>4} {cols[ln.column]:<6} {ln.section:<15} {text}")
    _emit("\n".join(out) + "\n", args.output)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from analyzer.models.report import Report
    from analyzer.rules.pack import load_rules

    schema = Report.model_json_schema()
    # A metric kind is a name from the rule pack's registry: list the shipped ones.
    kind = schema["$defs"]["Metric"]["properties"]["kind"]
    kind["enum"] = load_rules().metrics.ranked_kinds()
    _emit(json.dumps(schema, indent=2) + "\n", None)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from analyzer.web.app import Settings
    from analyzer.web.server import TOKEN_ENV, serve

    settings = Settings(
        rules_dir=args.rules,
        limits=_limits(args),
        workers=args.workers,
        memory_mb=args.max_memory,
        token=args.token or os.environ.get(TOKEN_ENV) or None,
        max_request_bytes=int(args.max_upload * _MB),
    )
    try:
        serve(settings, args.host, args.port)
    except ValueError as exc:
        print(f"resume-analyzer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _progress(done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(
        f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} · {rate:.1f} files/s "
    )
    sys.stderr.flush()


def _overwrites_a_candidate(root: Path, output: str) -> bool:
    """Whether ``-o`` names an existing regular file under ``root`` that this tool did not write
    (an input is never modified; a previous run's output may be replaced)."""
    from analyzer.batch import written_by_us

    out = Path(output)
    try:
        inside = out.resolve().is_relative_to(root.resolve())
        if not (inside and out.is_file()):
            return False
        with open(out, "rb") as fh:
            return not written_by_us(fh.read(4096))
    except OSError:
        return False


def _batch_sinks(args: argparse.Namespace) -> list:
    """The outputs ``batch`` writes: its ``--format`` to ``-o`` or stdout, and ``--reports-dir``."""
    from analyzer.sinks import JsonlSink, RankedSink, ReportsDirSink

    if args.partition_rows:
        from analyzer.sinks import PartitionedJsonlSink

        sinks = [PartitionedJsonlSink(args.output, args.partition_rows)]
    elif args.format == "jsonl":
        sinks = [JsonlSink(args.output, ranked=bool(args.top))]
    else:
        sinks = [RankedSink(args.output, args.format, _kinds(args), excel=args.excel)]
    if args.reports_dir:
        sinks.append(ReportsDirSink(args.reports_dir, args.reports_format))
    return sinks


def _kinds(args: argparse.Namespace):
    """The rule pack's metric-kind registry (labels, ranks and export columns)."""
    from analyzer.rules.pack import load_rules

    return load_rules(args.rules).metrics.registry


def _required(args: argparse.Namespace) -> set[str]:
    """The ``--require`` credential ids, each checked against the rule pack."""
    from analyzer.rules.pack import load_rules

    wanted = {x.strip().upper() for x in args.require.split(",") if x.strip()}
    known = {r.id.upper(): r.id for r in load_rules(args.rules).credentials.rules}
    unknown = sorted(w for w in wanted if w not in known)
    if unknown:
        raise UsageError(
            f"--require: unknown credential id(s) {', '.join(unknown)}; known: "
            + ", ".join(sorted(known.values()))
        )
    return {known[w] for w in wanted}


def _engine(args: argparse.Namespace):
    """The batch engine the options chose (``None``: the built-in pool)."""
    if args.engine != "dask":
        return None
    from analyzer.dask_engine import dask_engine

    return dask_engine(args.scheduler, max(1, args.workers))


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse a folder with ``analyzer.batch.run_folder`` and report what happened on stderr."""
    from analyzer.batch import Filters, Job, Stopped, run_folder, stop_on_signals

    from analyzer.remote import is_url

    root = args.dir if is_url(args.dir) else Path(args.dir)
    if isinstance(root, str) and args.engine != "dask":
        print("resume-analyzer: a URL input needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    if args.partition_rows and (args.format != "jsonl" or not args.output or args.top):
        print("resume-analyzer: --partition-rows needs --format jsonl and -o FOLDER (and no --top)",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if isinstance(root, Path) and not root.is_dir():
        print(f"resume-analyzer: {display_name(root)} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(root, Path) and args.output and _overwrites_a_candidate(root, args.output):
        raise UsageError(
            f"-o {display_name(Path(args.output))} would replace a file of the input folder "
            "that is not one of this tool's outputs"
        )
    if args.format == "xlsx" and not args.output and sys.stdout.isatty():
        print(
            "resume-analyzer: --format xlsx writes a workbook: give -o FILE.xlsx", file=sys.stderr
        )
        return EXIT_USAGE
    job = Job(as_of=args.as_of or date.today(), rules=args.rules, limits=_limits(args),
              memory_mb=args.max_memory)  # fmt: skip
    analyzer = None
    if args.job:
        from analyzer.pipeline import Analyzer

        analyzer = Analyzer(args.rules, job.limits)
        posting = _read_posting(analyzer, args.job)
        if posting is None:
            return EXIT_FAILED
        job = dataclasses.replace(job, posting=posting)
    require = frozenset(_required(args))
    filters = Filters(require, args.min_stage, args.min_score, args.top)
    show_progress = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    started = time.monotonic()
    with stop_on_signals():
        try:
            sinks = _batch_sinks(args)  # opening a FIFO waits for its reader
        except Stopped as exc:
            return 128 + exc.signum
        summary = run_folder(
            root, sinks, job=job, filters=filters, blind_mode=args.blind, workers=args.workers,
            analyzer=analyzer, engine=_engine(args),
            progress=(lambda done, total: _progress(done, total, started)) if show_progress else None,
        )  # fmt: skip
    if show_progress:
        sys.stderr.write("\n")
    if summary.stopped is not None and summary.stopped != signal.SIGPIPE:
        print("resume-analyzer: interrupted; kept the results finished so far", file=sys.stderr)
    for error in summary.errors:
        print(f"resume-analyzer: {error}", file=sys.stderr)
    print(f"resume-analyzer: {summary.line()}", file=sys.stderr)
    for path, why in summary.skipped[:20]:
        print(f"  skipped {path}: {why}", file=sys.stderr)
    return summary.exit_code


def main(argv: list[str] | None = None) -> int:
    """Entry point for the ``resume-analyzer`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "debug", False) else logging.WARNING,
        format="resume-analyzer: %(message)s",
    )
    if not getattr(args, "debug", False):
        from analyzer.parsing.pdf_pdfminer import quiet_pdfminer

        quiet_pdfminer()
    handler = {
        "score": cmd_single,
        "suggest": cmd_single,
        "match": cmd_match,
        "text": cmd_text,
        "batch": cmd_batch,
        "schema": cmd_schema,
        "serve": cmd_serve,
    }
    try:
        return handler[args.command](args)
    except OutputError as exc:
        print(f"resume-analyzer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return _closed_pipe()
    except UsageError as exc:
        print(f"resume-analyzer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        from analyzer.rules.loader import RuleError

        if isinstance(exc, RuleError):
            print(f"resume-analyzer: invalid rule pack: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if getattr(args, "debug", False):
            raise
        print(
            f"resume-analyzer: internal error ({type(exc).__name__}: {exc}); run with --debug for details",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _closed_pipe() -> int:
    """The reader of standard output went away (``| head``): end quietly, as a process killed by
    SIGPIPE would (status 141), without a second error when Python flushes stdout at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
