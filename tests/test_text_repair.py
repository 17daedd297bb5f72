"""Mojibake from copy-paste (UTF-8 read as Windows-1252) is repaired before reading, in every
format (issue 11, class 8)."""

from __future__ import annotations

import pytest

from analyzer.parsing.cleanup import clean_chars
from tests.conftest import AS_OF
from tests.fixtures.plain import BUILDERS, read


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Coder\u00e2\u20ac\u2122s work", "Coder's work"),  # â€™ (then quotes straightened)
        ("Caf\u00c3\u00a9 on Main", "Café on Main"),  # Ã©
        ("98%\u00c2 accuracy", "98% accuracy"),  # a stray Â before a space
        ("Jan 2019 \u00e2\u20ac\u201c Present", "Jan 2019 – Present"),  # â€“
        ("\u00e2\u20ac\u0153Top coder\u00e2\u20ac\u009d award", '"Top coder" award'),
        # Clean text is left alone, accents and dashes included.
        ("Ângela Souza – café", "Ângela Souza – café"),
        ("Coded 120 charts a day", "Coded 120 charts a day"),
    ],
)
def test_mojibake_repaired(raw, clean):
    assert clean_chars(raw) == clean


# Latin-1 forms only in the PDF (its core font has no € or ™); the others in TXT and DOCX too.
COMMON = [
    "Rosa M\u00c3\u00a9nard",
    "rosa.menard@example.com",
    "# Experience",
    "Outpatient Coder | Caf\u00c3\u00a9 Street Clinic | 2019 - 2024",
    "- Coded 120 charts per day\u00c2 at 97%\u00c2 accuracy in Epic",
]
WIDE = [
    "Inpatient Coder | Mercy Hospital | Jan 2024 \u00e2\u20ac\u201c Present",
    "- Maintained 96% accuracy on the hospital\u00e2\u20ac\u2122s quarterly audits",
]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_mojibake_repaired_in_every_format(analyzer, fmt):
    lines = COMMON + ([] if fmt == "pdf" else WIDE)
    doc = read(analyzer, lines, fmt, "m")
    text = "\n".join(ln.text for ln in doc.lines)
    assert "Rosa Ménard" in text and "Café Street Clinic" in text
    assert "\u00c3" not in text and "\u00c2" not in text and "\u00e2\u20ac" not in text
    report = analyzer.analyze_document(doc, AS_OF)
    assert report.candidate.name == "Rosa Ménard"
    found = sorted((m.kind, m.value) for m in report.metrics)
    want = [("accuracy", 97.0), ("volume", 120.0)]
    if fmt != "pdf":
        want = sorted(want + [("accuracy", 96.0)])
        current = [p for p in report.experience.positions if p.current]
        assert [p.start for p in current] == ["2024-01"]
    assert found == want
