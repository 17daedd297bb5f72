"""Command line: ``resume-analyzer score|suggest|text|batch|schema`` (also ``python -m analyzer``)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.output import AtomicStream, OutputError, check_writable, write_atomic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("analyzer")


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _positive(kind):
    def parse(value: str):
        try:
            v = kind(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from exc
        if v <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {value!r}")
        return v

    return parse


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


def _common(p: argparse.ArgumentParser) -> None:
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
    p.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resume-analyzer",
        description="Analyse medical-coder resumes (PDF, DOCX, TXT) offline: credentials, code sets, tools, "
        "quantified metrics, career stage with BLS salary band, a score, and what to add.",
        epilog="Exit codes: 0 success; 1 a file could not be analysed (or written); 2 usage error.",
    )
    from analyzer import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name, help_text, formats, example in (
        (
            "score",
            "score one resume and show what was found",
            ("text", "json", "markdown", "html", "jsonresume"),
            "resume-analyzer score cv.pdf --format html -o report.html",
        ),
        (
            "suggest",
            "list what to add or fix, line by line",
            ("text", "json", "markdown", "html", "jsonresume"),
            "resume-analyzer suggest cv.docx",
        ),
    ):
        p = sub.add_parser(
            name,
            help=help_text,
            description=f"{help_text[0].upper()}{help_text[1:]}.",
            epilog=f"Example: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument(
            "file", help="resume file (PDF, DOCX or text; the format is read from the content)"
        )
        p.add_argument(
            "--format", choices=formats, default="text", help="output format (default text)"
        )
        p.add_argument(
            "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
        )
        p.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour in text output",
        )
        _common(p)

    p = sub.add_parser(
        "match",
        help="how well a resume fits one job posting",
        description="Score a resume against a job posting: each requirement met, partly met or missing, with "
        "evidence from both, what to feature and what no wording can fix.",
        epilog="Examples:\n  resume-analyzer match cv.pdf --job posting.txt\n  pbpaste | resume-analyzer match cv.docx --job -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="resume file")
    p.add_argument(
        "--job",
        required=True,
        metavar="JOB",
        help="job posting (text, PDF or DOCX), or - to read it from standard input",
    )
    p.add_argument(
        "--format", choices=("text", "json", "markdown", "html", "jsonresume"), default="text"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _common(p)

    p = sub.add_parser(
        "text",
        help="show the lines and sections the parser read (what an ATS sees)",
        description="Show each line the parser read, with its page, column and section.",
        epilog="Example: resume-analyzer text cv.pdf",
    )
    p.add_argument("file")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    _common(p)

    p = sub.add_parser(
        "batch",
        help="analyse a folder of resumes and rank them",
        description="Analyse every resume under DIR (recursively) with parallel workers; rank and filter.",
        epilog="Examples:\n  resume-analyzer batch applicants/ --require CPC,CCS --min-stage mid\n"
        "  resume-analyzer batch applicants/ --format csv -o ranked.csv --reports-dir reports/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dir", help="folder of resumes")
    p.add_argument(
        "--format",
        choices=("table", "csv", "xlsx", "json", "jsonl"),
        default="table",
        help="default table; xlsx is a workbook (candidates, and one metric per row)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a UTF-8 byte-order mark so Excel reads accented names correctly",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: number of cores; 0 = in the main process: the time limit holds, the memory cap does not)",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=1024,
        metavar="MB",
        help="memory a worker may add to its start-up size before its file fails (default 1024; 0 = no cap)",
    )
    p.add_argument(
        "--require",
        default="",
        metavar="CRED[,CRED]",
        help="keep candidates holding any of these credentials",
    )
    p.add_argument("--min-stage", choices=("entry", "mid", "senior"))
    p.add_argument("--min-score", type=int, metavar="N")
    p.add_argument(
        "--top", type=_positive(int), metavar="N", help="keep the N best-scored candidates"
    )
    p.add_argument(
        "--job",
        metavar="JOB",
        help="rank by fit to this job posting (text, PDF or DOCX) instead of by score",
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

    sub.add_parser(
        "schema",
        help="print the JSON Schema of the report",
        description="Print the JSON Schema of the report contract.",
    )
    return parser


def _limits(args: argparse.Namespace) -> Limits:
    """The limits the command line set (every limit option, scaled back to bytes where needed)."""
    values = {
        field: int(getattr(args, flag[2:].replace("-", "_")) * scale)
        if scale != 1
        else getattr(args, flag[2:].replace("-", "_"))
        for flag, field, _, _, scale, _ in _LIMIT_OPTIONS
    }
    return Limits(**values)


def _emit(text: str | bytes, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _color(args: argparse.Namespace) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def cmd_single(args: argparse.Namespace) -> int:
    from analyzer.pipeline import Analyzer
    from analyzer.render import render

    if args.output:
        check_writable(args.output)
    analysis = Analyzer(args.rules, _limits(args)).run(args.file, args.as_of)
    _emit(render(analysis, args.format, view=args.command, color=_color(args)), args.output)
    if analysis.report.error:
        err = analysis.report.error
        print(f"resume-analyzer: {args.file}: {err.message} ({err.code})", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _read_posting(analyzer, job: str):
    """The posting from a file or stdin; ``None`` (after a message) if it cannot be read."""
    from analyzer.errors import AnalyzerError

    try:
        if job == "-":
            data = sys.stdin.buffer.read(analyzer.limits.max_file_bytes + 1)
            if len(data) > analyzer.limits.max_file_bytes:
                print(
                    "resume-analyzer: job posting on standard input is too large (too_large)",
                    file=sys.stderr,
                )
                return None
            return analyzer.matcher.read_posting("(stdin)", data)
        return analyzer.matcher.read_posting(job)
    except AnalyzerError as exc:
        print(f"resume-analyzer: job posting {job}: {exc.message} ({exc.code})", file=sys.stderr)
        return None


def cmd_match(args: argparse.Namespace) -> int:
    from analyzer.pipeline import Analyzer
    from analyzer.render import render

    if args.output:
        check_writable(args.output)
    analyzer = Analyzer(args.rules, _limits(args))
    posting = _read_posting(analyzer, args.job)
    if posting is None:
        return EXIT_FAILED
    analysis = analyzer.run(args.file, args.as_of, posting=posting)
    _emit(render(analysis, args.format, view="match", color=_color(args)), args.output)
    if analysis.report.error:
        err = analysis.report.error
        print(f"resume-analyzer: {args.file}: {err.message} ({err.code})", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_text(args: argparse.Namespace) -> int:
    from analyzer.errors import AnalyzerError
    from analyzer.parsing import read_document
    from analyzer.parsing.sections import Sectioner
    from analyzer.rules.pack import load_rules

    if args.output:
        check_writable(args.output)
    try:
        doc = read_document(args.file, Sectioner(load_rules(args.rules).sections), _limits(args))
    except AnalyzerError as exc:
        print(f"resume-analyzer: {args.file}: {exc.message} ({exc.code})", file=sys.stderr)
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

    print(json.dumps(Report.model_json_schema(), indent=2))
    return EXIT_OK


def _progress(done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(
        f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} · {rate:.1f} files/s "
    )
    sys.stderr.flush()


def cmd_batch(args: argparse.Namespace) -> int:
    from analyzer.batch import DuplicateFinder, blind, discover, passes, run_batch
    from analyzer.render.csvfile import csv_text
    from analyzer.render.table import ranked, table_text

    root = Path(args.dir)
    if not root.is_dir():
        print(f"resume-analyzer: {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "xlsx" and not args.output and sys.stdout.isatty():
        print("resume-analyzer: --format xlsx writes a workbook: give -o FILE.xlsx", file=sys.stderr)
        return EXIT_USAGE
    if args.output:
        check_writable(args.output)
    if args.reports_dir:
        args.reports_dir.mkdir(parents=True, exist_ok=True)
    found = discover(root)
    as_of = args.as_of or date.today()
    posting = analyzer = None
    if args.job:
        from analyzer.pipeline import Analyzer

        analyzer = Analyzer(args.rules, _limits(args))
        posting = _read_posting(analyzer, args.job)
        if posting is None:
            return EXIT_FAILED
    require = {x.strip().upper() for x in args.require.split(",") if x.strip()}
    show_progress = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    stream = AtomicStream(args.output) if args.output and args.format == "jsonl" else None
    dups = DuplicateFinder()
    rows = []
    failures: Counter[str] = Counter()
    started = time.monotonic()
    interrupted = False
    done = 0
    try:
        for index, report, digest in run_batch(
            found.files,
            args.workers,
            args.rules,
            _limits(args),
            as_of,
            args.max_memory,
            posting,
            analyzer,
        ):
            done += 1
            if report.error:
                failures[report.error.code] += 1
            # Duplicates are found on the full report but named by the label every output shows.
            label = blind(report, index).file if args.blind else report.file
            dup_of = dups.check(report, digest, label)
            if args.blind:
                report = blind(report, index)
            if dup_of:
                report = report.model_copy(update={"duplicate_of": dup_of})
            if args.reports_dir:
                _write_candidate_report(args, report, index)
            keep = bool(report.error) or passes(report, require, args.min_stage, args.min_score)
            if keep and args.format == "jsonl" and not args.top:
                # Streamed and not kept: memory stays flat however large the folder.
                line = report.model_dump_json() + "\n"
                stream.write(line) if stream else (sys.stdout.write(line), sys.stdout.flush())
            elif keep:
                rows.append((report, dup_of))
            if show_progress:
                _progress(index + 1, len(found.files), started)
    except KeyboardInterrupt:
        interrupted = True
        print(
            "\nresume-analyzer: interrupted; keeping the results finished so far", file=sys.stderr
        )
    if show_progress:
        sys.stderr.write("\n")
    if args.top:
        ok = [r for r in ranked(rows) if not r[0].error][: args.top]
        rows = ok + [r for r in rows if r[0].error]
    if args.format == "jsonl":
        if args.top:
            text = "".join(r.model_dump_json() + "\n" for r, _ in ranked(rows))
            stream.write(text) if stream else sys.stdout.write(text)
        if stream:
            stream.commit()
    elif args.format == "json":
        _emit(
            json.dumps(
                [r.model_dump(mode="json") for r, _ in ranked(rows)], indent=2, ensure_ascii=False
            )
            + "\n",
            args.output,
        )
    elif args.format == "csv":
        _emit(csv_text(rows, excel=args.excel), args.output)
    elif args.format == "xlsx":
        from analyzer.render.xlsx import xlsx_bytes

        _emit(xlsx_bytes(rows), args.output)
    else:
        _emit(table_text(rows), args.output)
    elapsed = time.monotonic() - started
    failed = sum(failures.values())
    parts = [f"analysed {done - failed}", f"skipped {len(found.skipped)}", f"failed {failed}"]
    if failures:
        parts[-1] += " (" + ", ".join(f"{k} {v}" for k, v in sorted(failures.items())) + ")"
    if interrupted:
        parts.append(f"not reached {len(found.files) - done}")
    print(f"resume-analyzer: {'; '.join(parts)}; {elapsed:.1f} s", file=sys.stderr)
    for path, why in found.skipped[:20]:
        print(f"  skipped {path}: {why}", file=sys.stderr)
    if interrupted:
        return 130
    return EXIT_FAILED if failed else EXIT_OK


def _write_candidate_report(args: argparse.Namespace, report, index: int) -> None:
    from analyzer.models.analysis import Analysis
    from analyzer.render import render

    ext = {"html": "html", "json": "json", "markdown": "md", "text": "txt"}[args.reports_format]
    stem = report.file if args.blind else Path(report.file).name
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)
    write_atomic(
        args.reports_dir / f"{index + 1:04d}-{safe}.{ext}",
        render(Analysis(report, None), args.reports_format, view="score"),
    )


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
        from analyzer.parsing.pdf import quiet_pdfminer

        quiet_pdfminer()
    handler = {
        "score": cmd_single,
        "suggest": cmd_single,
        "match": cmd_match,
        "text": cmd_text,
        "batch": cmd_batch,
        "schema": cmd_schema,
    }
    try:
        return handler[args.command](args)
    except OutputError as exc:
        print(f"resume-analyzer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        from analyzer.rules.loader import RuleError

        if isinstance(exc, RuleError):
            print(f"resume-analyzer: invalid rule file: {exc}", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
