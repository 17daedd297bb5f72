"""Pydantic schemas for the rule files; loading a file validates it against these.

Every regex in a rule file is a ``Regex``: it is compiled when the file is loaded, so a bad pattern
fails with its file and key instead of at the first resume that reaches it.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

Level = Literal["entry", "mid", "senior"]


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from exc
    return pattern


Regex = Annotated[str, AfterValidator(_check_regex)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    regex, case-insensitive unless ``regex_case``), ``fuzzy`` (long names matched with rapidfuzz for
    misspellings; never acronyms). ``unless`` lists regexes that veto a match when they match the text
    around it (same line, ``context_chars`` either side).
    """

    id: str
    name: str | None = None
    body: str | None = None
    category: str | None = None
    phrase: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    regex: list[Regex] = Field(default_factory=list)
    regex_case: bool = False
    fuzzy: list[str] = Field(default_factory=list)
    unless: list[Regex] = Field(default_factory=list)
    context_chars: int = 40
    validators: list[Literal["not_other_expansion", "not_in_employer", "credential_context"]] = (
        Field(default_factory=list)
    )
    stage: Literal["entry", "early", "mid", "senior"] | None = None
    track: str | None = None
    core: bool = False
    specialty: bool = False
    apprentice: bool = False

    @field_validator("fuzzy")
    @classmethod
    def _fuzzy_long(cls, v: list[str]) -> list[str]:
        short = [t for t in v if len(t.replace(" ", "")) < 6]
        if short:
            raise ValueError(f"fuzzy terms must be long names (6+ letters), not acronyms: {short}")
        return v


class TermRules(_Strict):
    fuzzy_threshold: int = 88
    status_cues: dict[str, list[Regex]] = Field(default_factory=dict)
    rules: list[TermRule]


class MetricKindRule(_Strict):
    kind: Literal[
        "first_pass_rate",
        "denial_reduction",
        "denial_rate",
        "turnaround",
        "accuracy",
        "revenue",
        "other",
    ]
    units: list[Literal["percent", "usd", "count", "days", "hours"]]
    cues: list[Regex]


class MetricExclusions(_Strict):
    before: list[Regex]
    after: list[Regex]
    money_threshold: list[Regex]
    money_other: list[Regex]
    plain_ratio: list[Regex]


class MetricRules(_Strict):
    objects: dict[str, list[Regex]]
    people: list[Regex]
    scope_nouns: list[Regex]
    team_verbs: list[Regex]
    periods: dict[Literal["hour", "day", "week", "month", "quarter", "year"], list[Regex]]
    kinds: list[MetricKindRule]
    exclude: MetricExclusions


class ExperienceRules(_Strict):
    coding_titles: list[Regex]
    other_titles: list[Regex]
    coding_work: list[Regex]
    billing_work: list[Regex]
    unpaid: list[Regex]
    paid: list[Regex]
    role_words: list[Regex]
    domain_words: list[Regex]
    posting_words: list[Regex]


class TrackRule(_Strict):
    id: str
    titles: list[Regex]
    credentials: list[str]


class NextStep(_Strict):
    level: Level
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
    bands: dict[Level, tuple[str, str, str]]


class StageRules(_Strict):
    mid_years: float
    senior_years: float
    senior_with_role_years: float
    leadership_titles: list[Regex]
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
    target_metric_kinds: dict[Level, int]
    target_quantified_share: float
    core_code_sets: list[str]
    target_code_sets: int
    max_lines: dict[Level, int]

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
    verbs: Regex
    insert: str
    append: str


class Check(_Strict):
    id: str
    when: Literal["no_ehr", "no_encoder", "missing_contact", "no_positions", "no_skills_section"]
    category: str
    priority: Literal["high", "medium", "low"]
    gain: int
    message: str
    example: str | None = None
    line: int | None = None


class Fixed(_Strict):
    message: str
    example: str | None = None


class SuggestionRules(_Strict):
    core_metrics: dict[Level, list[str]]
    metrics: list[MetricSuggestion]
    rewrites: list[Rewrite]
    work_words: Regex
    countable: Regex
    checks: list[Check]
    not_coding: Fixed
    job_posting: Fixed


class PostingCues(_Strict):
    required: list[Regex]
    preferred: list[Regex]
    either: list[Regex]
    both: list[Regex]
    accepted: list[Regex]


class YearsRule(_Strict):
    pattern: Regex
    experience_words: list[Regex]
    not_experience: list[Regex]
    phrase_end: Regex


class PostingLevels(_Strict):
    entry: list[Regex]
    senior: list[Regex]
    opening_lines: int


class RoleRule(_Strict):
    id: str
    phrase: list[Regex]
    work: list[Regex]


class EducationLevel(_Strict):
    id: str
    posting: list[Regex]
    resume: list[Regex]


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
        return SectionRules(
            fuzzy_threshold=self.fuzzy_threshold, max_words=self.max_words, rules=self.rules
        )
