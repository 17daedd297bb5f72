"""Which of the results hiring managers ask for (``suggestions.toml [[results]]``) a resume shows."""

from __future__ import annotations

import re

from analyzer.assessment.context import Context
from analyzer.models.document import Document
from analyzer.models.findings import Metric
from analyzer.rules.schema import ResultRule

_NUMBER = re.compile(r"\d")


class Results:
    """The result rules, compiled once; ``on(doc)`` matches them against one resume."""

    def __init__(self, rules: list[ResultRule]) -> None:
        self.rules = {r.id: r for r in rules}
        self.cue = {r.id: re.compile(r.cue) for r in rules if r.cue}
        self.shown = {r.id: re.compile(r.shown) for r in rules if r.shown}

    def on(self, doc: Document, ctx: Context, metrics: list[Metric]) -> ResumeResults:
        """``metrics``: every result found, also those a credibility check rejected (a resume
        that states a result, however doubtful, is not asked to add it)."""
        return ResumeResults(self, doc, ctx, metrics)


class ResumeResults:
    """The results one resume shows; line tests are done once per line (thousands of results
    can share one very long line)."""

    def __init__(
        self, results: Results, doc: Document, ctx: Context, metrics: list[Metric]
    ) -> None:
        self.results = results
        self.doc = doc
        self.ctx = ctx
        self.metrics = metrics
        self._memo: dict[tuple[str, int], bool] = {}

    def _line_cue(self, result_id: str, i: int) -> bool:
        key = (result_id, i)
        if key not in self._memo:
            self._memo[key] = bool(self.results.cue[result_id].search(self.doc.lines[i].text))
        return self._memo[key]

    def matches(self, result_id: str, m: Metric) -> bool:
        """Whether metric ``m`` is an instance of the result (its kind, or a cued kind whose text
        or line carries the cue)."""
        rule = self.results.rules[result_id]
        if m.kind in rule.kinds:
            return True
        if m.kind not in rule.cue_kinds:
            return False
        if self.results.cue[result_id].search(m.text):
            return True
        n = len(self.doc.lines)
        return any(self._line_cue(result_id, e.line) for e in m.evidence if 0 <= e.line < n)

    def credit(self, result_id: str) -> float:
        """The anchor weight of the best-placed result of this id (0 when absent)."""
        return max((w for m, w in self.ctx.anchored if self.matches(result_id, m)), default=0.0)

    def shown(self, result_id: str) -> bool:
        """Whether the resume states this result anywhere: a matching metric, or a line matching
        the result's ``shown`` pattern that carries a number. Never asked for when true."""
        if any(self.matches(result_id, m) for m in self.metrics):
            return True
        pattern = self.results.shown.get(result_id)
        return pattern is not None and any(
            _NUMBER.search(ln.text) and pattern.search(ln.text) for ln in self.doc.lines
        )
