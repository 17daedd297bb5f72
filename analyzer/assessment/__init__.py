"""Assessment: stage, track and salary band; credibility checks; the score; ranked suggestions;
the batch ranking key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analyzer.assessment.context import Context
from analyzer.assessment.credibility import CredibilityChecker
from analyzer.assessment.rank import rank_key, rank_label
from analyzer.assessment.results import Results
from analyzer.assessment.score import Scorer
from analyzer.assessment.stage import StageEstimator
from analyzer.assessment.suggestions import Suggester
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Credibility, Score, Stage, Suggestion
from analyzer.rules.pack import RulePack

__all__ = ["Assessment", "Assessor", "rank_key", "rank_label"]


@dataclass(frozen=True)
class Assessment:
    """What the assessment adds to the findings."""

    stage: Stage
    score: Score
    suggestions: list[Suggestion]
    credibility: list[Credibility]


class Assessor:
    """Built once per rule pack; ``assess`` turns findings into stage, credibility, score and
    suggestions."""

    def __init__(self, pack: RulePack) -> None:
        scoring = pack.scoring
        self.anchors = scoring.anchors
        self.familiar = re.compile(scoring.credibility.familiar)
        self.specialties = pack.specialties
        self.results = Results(pack.suggestions.results)
        self.stage = StageEstimator(pack)
        self.credibility = CredibilityChecker(pack)
        self.scorer = Scorer(pack)
        self.suggester = Suggester(pack)

    def assess(self, doc: Document, findings: Findings, as_of: date) -> Assessment:
        stage = self.stage.estimate(findings, as_of)
        credibility, rejected = self.credibility.check(doc, findings, as_of)
        ctx = Context.build(
            doc,
            findings,
            stage.level,
            stage.track,
            self.anchors,
            self.familiar,
            self.specialties,
            rejected,
        )
        penalty = self.credibility.penalty(credibility)
        found = self.results.on(doc, ctx, findings.metrics)
        return Assessment(
            stage=stage,
            score=self.scorer.score(doc, findings, ctx, found, credibility, penalty),
            suggestions=self.suggester.suggest(doc, findings, ctx, found, stage),
            credibility=credibility,
        )
