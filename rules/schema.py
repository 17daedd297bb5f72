"""Pydantic schemas for the rule files; loading a file validates it against these."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile_all(patterns: list[str], flags: int = 0) -> list[str]:
    for p in patterns:
        try:
            re.compile(p, flags)
        except re.error as exc:
            raise ValueError(f"invalid regex {p!r}: {exc}") from exc
    return patterns


class SectionRule(_Strict):
    id: str
    headings: list[str]
    keywords: list[str] = Field(default_factory=list)


class SectionRules(_Strict):
    fuzzy_threshold: int = 88
    max_words: int = 6
    rules: list[SectionRule]


class TermRule(_Strict):
    """One vocabulary entry (credential, code set, tool, specialty).

    Matching kinds, each optional: ``phrase`` (case-insensitive token phrases, spaCy PhraseMatcher on
    LOWER), ``exact`` (case-sensitive tokens, PhraseMatcher on ORTH: for acronyms), ``regex`` (Python
    regex on the line, case-insensitive unless ``regex_case``), ``fuzzy`` (long names matched with
    rapidfuzz for misspellings; never acronyms). ``unless`` lists regexes that veto a match when they
    match the text around it (same line, ``context_chars`` either side).
    """

    id: str
    name: str | None = None
    body: str | None = None
    category: str | None = None
    phrase: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    regex_case: bool = False
    fuzzy: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    context_chars: int = 40
    validators: list[Literal["not_other_expansion", "not_in_employer", "credential_context"]] = Field(
        default_factory=list
    )
    stage: Literal["entry", "early", "mid", "senior"] | None = None
    track: str | None = None
    core: bool = False
    specialty: bool = False
    apprentice: bool = False

    @field_validator("regex", "unless")
    @classmethod
    def _valid_regex(cls, v: list[str]) -> list[str]:
        return _compile_all(v)

    @field_validator("fuzzy")
    @classmethod
    def _fuzzy_long(cls, v: list[str]) -> list[str]:
        short = [t for t in v if len(t.replace(" ", "")) < 6]
        if short:
            raise ValueError(f"fuzzy terms must be long names (6+ letters), not acronyms: {short}")
        return v


class TermRules(_Strict):
    fuzzy_threshold: int = 88
    status_cues: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[TermRule]

    @field_validator("status_cues")
    @classmethod
    def _valid_cues(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in v.values():
            _compile_all(patterns)
        return v


class MetricKindRule(_Strict):
    kind: Literal["first_pass_rate", "denial_reduction", "denial_rate", "turnaround", "accuracy", "revenue", "other"]
    units: list[Literal["percent", "usd", "count", "days", "hours"]]
    cues: list[str]

    @field_validator("cues")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class MetricExclusions(_Strict):
    before: list[str]
    after: list[str]
    money_threshold: list[str]
    money_other: list[str]
    plain_ratio: list[str]

    @field_validator("before", "after", "money_threshold", "money_other", "plain_ratio")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class MetricRules(_Strict):
    objects: dict[str, list[str]]
    people: list[str]
    scope_nouns: list[str]
    team_verbs: list[str]
    periods: dict[Literal["hour", "day", "week", "month", "quarter", "year"], list[str]]
    kinds: list[MetricKindRule]
    exclude: MetricExclusions

    @field_validator("objects")
    @classmethod
    def _valid_objects(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in v.values():
            _compile_all(patterns)
        return v

    @field_validator("people", "team_verbs", "scope_nouns")
    @classmethod
    def _valid_list(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class ExperienceRules(_Strict):
    coding_titles: list[str]
    other_titles: list[str]
    coding_work: list[str]
    billing_work: list[str]
    unpaid: list[str]
    paid: list[str]
    role_words: list[str]
    domain_words: list[str]

    @field_validator("*")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class TrackRule(_Strict):
    id: str
    titles: list[str]
    credentials: list[str]


class NextStep(_Strict):
    level: Literal["entry", "mid", "senior"]
    text: str
    unless: list[str] = Field(default_factory=list)


class Salary(_Strict):
    source: str
    year: int
    p10: int
    p25: int
    median: int
    mean: int
    p75: int
    p90: int
    bands: dict[Literal["entry", "mid", "senior"], tuple[str, str, str]]


class StageRules(_Strict):
    mid_years: float
    senior_years: float
    senior_with_role_years: float
    leadership_titles: list[str]
    senior_credentials: list[str]
    entry_credentials: list[str]
    tracks: list[TrackRule]
    salary: Salary
    next_steps: list[NextStep]


class ScoringRules(_Strict):
    version: str
    no_metrics_cap: int
    off_domain_cap: int
    weights: dict[str, float]
    target_metric_kinds: dict[Literal["entry", "mid", "senior"], int]
    target_quantified_share: float
    core_code_sets: list[str]
    target_code_sets: int
    max_lines: dict[Literal["entry", "mid", "senior"], int]

    @field_validator("weights")
    @classmethod
    def _sum_to_one(cls, v: dict[str, float]) -> dict[str, float]:
        if abs(sum(v.values()) - 1.0) > 1e-6:
            raise ValueError(f"weights must sum to 1.0, not {sum(v.values()):.3f}")
        return v


class MetricSuggestion(_Strict):
    id: str
    kinds: list[str]
    priority: Literal["high", "medium", "low"]
    gain: int
    message: str
    example: str


class Rewrite(_Strict):
    verbs: str
    insert: str
    append: str

    @field_validator("verbs")
    @classmethod
    def _valid(cls, v: str) -> str:
        return _compile_all([v])[0]


class SuggestionRules(_Strict):
    core_metrics: dict[Literal["entry", "mid", "senior"], list[str]]
    metrics: list[MetricSuggestion]
    rewrites: list[Rewrite]
    work_words: str


class PostingCues(_Strict):
    required: list[str]
    preferred: list[str]
    either: list[str]
    both: list[str]
    accepted: list[str]

    @field_validator("*")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class YearsRule(_Strict):
    pattern: str
    experience_words: list[str]
    not_experience: list[str]
    phrase_end: str

    @field_validator("pattern", "phrase_end")
    @classmethod
    def _valid_pattern(cls, v: str) -> str:
        return _compile_all([v])[0]

    @field_validator("experience_words", "not_experience")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class PostingLevels(_Strict):
    entry: list[str]
    senior: list[str]
    opening_lines: int

    @field_validator("entry", "senior")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class RoleRule(_Strict):
    id: str
    phrase: list[str]
    work: list[str]

    @field_validator("phrase", "work")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class EducationLevel(_Strict):
    id: str
    posting: list[str]
    resume: list[str]

    @field_validator("posting", "resume")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _compile_all(v)


class MatchScoring(_Strict):
    required_share: float
    partial_credit: float
    missing_cap: int
    missing_step: int
    partial_cap: int


class PostingRules(_Strict):
    fuzzy_threshold: int = 88
    max_words: int = 7
    rules: list[SectionRule]
    cues: PostingCues
    years: YearsRule
    roles: list[RoleRule]
    levels: PostingLevels
    education: list[EducationLevel]
    scoring: MatchScoring

    def sections(self) -> SectionRules:
        """The posting's section headers in the form the sectioniser takes."""
        return SectionRules(fuzzy_threshold=self.fuzzy_threshold, max_words=self.max_words, rules=self.rules)
