"""Assessment: score, stage/track/salary band and suggestions from findings."""

from __future__ import annotations

from pathlib import Path

from models.document import Document
from models.findings import Findings
from models.report import Score, Stage, Suggestion


class Assessor:
    def __init__(self, rules_dir: Path | None = None) -> None:
        self.rules_dir = rules_dir

    def assess(self, doc: Document, findings: Findings) -> tuple[Stage | None, Score | None, list[Suggestion]]:
        return None, None, []
