"""Assessment: stage, track and salary band, the score, and ranked suggestions."""

from __future__ import annotations

from datetime import date

from analyzer.assessment.context import Context
from analyzer.assessment.score import Scorer
from analyzer.assessment.stage import StageEstimator
from analyzer.assessment.suggestions import Suggester
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Score, Stage, Suggestion
from analyzer.rules.pack import RulePack

__all__ = ["Assessor"]


class Assessor:
    """Built once per rule pack; ``assess`` turns findings into stage, score and suggestions."""

    def __init__(self, pack: RulePack) -> None:
        self.stage = StageEstimator(pack)
        self.scorer = Scorer(pack)
        self.suggester = Suggester(pack)

    def assess(
        self, doc: Document, findings: Findings, as_of: date
    ) -> tuple[Stage, Score, list[Suggestion]]:
        stage = self.stage.estimate(findings, as_of)
        ctx = Context.build(doc, findings, stage.level)
        return (
            stage,
            self.scorer.score(doc, findings, ctx),
            self.suggester.suggest(doc, findings, ctx, stage),
        )
