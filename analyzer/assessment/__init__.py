"""Assessment: stage, track and salary band, the score, and ranked suggestions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analyzer.assessment.context import Context
from analyzer.assessment.score import Scorer
from analyzer.assessment.stage import StageEstimator
from analyzer.assessment.suggestions import Suggester
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Score, Stage, Suggestion
from analyzer.rules.loader import cached
from analyzer.rules.schema import ScoringRules, StageRules, SuggestionRules, TermRules

__all__ = ["Assessor"]


class Assessor:
    """Loads the assessment rules once; ``assess`` turns findings into stage, score and suggestions."""

    def __init__(self, rules_dir: Path | None = None) -> None:
        stages = cached("stages.toml", StageRules, rules_dir)
        self.stage = StageEstimator(stages)
        self.scorer = Scorer(cached("scoring.toml", ScoringRules, rules_dir), stages)
        self.suggester = Suggester(
            cached("suggestions.toml", SuggestionRules, rules_dir),
            cached("credentials.toml", TermRules, rules_dir),
        )

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
