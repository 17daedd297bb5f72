"""Property-based tests: arbitrary text never crashes the engine and evidence spans stay inside their
lines; mutated bytes of real files end in a report (or a clear error code), never an exception."""

from datetime import date
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.parsing import read_bytes
from analyzer.models.report import ErrorCode, Report
from tests.conftest import AS_OF
from tests.fixtures import make

CODES = set(get_args(ErrorCode)) - {"internal_error"}  # the typed errors a parser may raise
WORDS = st.sampled_from(
    [
        "CPC",
        "CPC-A",
        "ICD-10-CM",
        "97%",
        "$1.2M",
        "Epic",
        "from",
        "to",
        "per",
        "day",
        "charts",
        "Jan 2020 - Present",
        "2019",
        "led",
        "team",
        "of",
        "12",
        "-",
        "|",
        "(",
        ")",
        "•",
        "\n",
        "SKILLS",
        "EXPERIENCE",
    ]
)
TEXT = st.one_of(st.text(max_size=3000), st.lists(WORDS, max_size=200).map(" ".join))


def check_evidence(doc, report: Report) -> None:
    items = [
        *report.credentials,
        *report.code_sets,
        *report.tools,
        *report.specialties,
        *report.metrics,
    ]
    for item in items:
        for e in item.evidence:
            line = doc.lines[e.line].text
            assert 0 <= e.start <= e.end <= len(line)
            assert line[e.start : e.end] == e.text


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_arbitrary_text_never_crashes(analyzer, text):
    try:
        doc = read_bytes(
            ("Pat Lee\n" + text).encode("utf-8", "surrogatepass"), "x.txt", analyzer.sectioner
        )
    except Exception as exc:  # only our typed errors may come out of the parser
        assert getattr(exc, "code", None) in CODES, repr(exc)
        return
    report = analyzer.analyze_document(doc, AS_OF)
    check_evidence(doc, report)
    assert 0 <= report.score.overall <= 100


@settings(max_examples=30, deadline=5000)
@given(st.integers(min_value=1, max_value=20), st.text(min_size=1, max_size=50))
def test_very_long_lines(analyzer, repeat, chunk):
    text = (
        "Pat Lee\nEXPERIENCE\n- "
        + (chunk + " Coded 40 charts per day at 97% accuracy ") * repeat * 20
    )
    try:
        doc = read_bytes(text.encode("utf-8", "surrogatepass"), "x.txt", analyzer.sectioner)
    except Exception as exc:  # control characters make it "binary": a typed error, nothing else
        assert getattr(exc, "code", None) in CODES, repr(exc)
        return
    report = analyzer.analyze_document(doc, date(2026, 11, 26))
    check_evidence(doc, report)
    assert report.metrics


SOURCES = {
    "pdf": make.to_pdf(make.SAMPLE),
    "docx": make.to_docx(make.SAMPLE),
    "txt": make.to_text(make.SAMPLE).encode(),
}


@settings(max_examples=60, deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SOURCES)),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=30),
    st.floats(0.05, 1.0),
)
def test_mutated_files_end_in_a_report(analyzer, tmp_path_factory, kind, flips, keep):
    data = bytearray(SOURCES[kind])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: max(1, int(len(data) * keep))])
    path = tmp_path_factory.mktemp("mut") / f"m.{kind}"
    path.write_bytes(data)
    report = analyzer.run(path, AS_OF).report  # never raises
    if report.error:
        assert report.error.code in CODES | {"internal_error"}
        assert report.error.code != "internal_error", report.error.message
