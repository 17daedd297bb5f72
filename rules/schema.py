"""Pydantic schemas for the rule files; loading a file validates it against these.

Every regex in a rule file is a ``Regex``: it is compiled when the file is loaded, so a bad pattern
fails with its file and key instead of at the first resume that reaches it.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from analyzer.models.findings import MetricKindInfo

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
    satisfies: list[str] = Field(default_factory=list)

    @field_validator("fuzzy")
    @classmethod
    def _fuzzy_long(cls, v: list[str]) -> list[str]:
        short = [t for t in v if len(t.replace(" ", "")) < 6]
        if short:
            raise ValueError(f"fuzzy terms must be long names (6+ letters), not acronyms: {short}")
        return v


class Body(_Strict):
    """An issuing body named in ``credentials.toml``: ``coding`` when its credentials show
    medical-coding/HIM work (AAPC, AHIMA, ...), as opposed to compliance or finance bodies."""

    coding: bool = False


class TermRules(_Strict):
    fuzzy_threshold: int = 88
    status_cues: dict[str, list[Regex]] = Field(default_factory=dict)
    bodies: dict[str, Body] = Field(default_factory=dict)
    rules: list[TermRule]

    @property
    def coding_bodies(self) -> list[str]:
        """Issuing bodies whose credentials show coding/HIM work, in file order."""
        return [name for name, body in self.bodies.items() if body.coding]


class MetricKindRule(_Strict):
    kind: str
    units: list[Literal["percent", "usd", "count", "days", "hours"]]
    cues: list[Regex]


class MetricExclusions(_Strict):
    before: list[Regex]
    after: list[Regex]
    money_threshold: list[Regex]
    money_other: list[Regex]
    plain_ratio: list[Regex]


class MetricRules(_Strict):
    registry: dict[str, MetricKindInfo]
    objects: dict[str, list[Regex]]
    people: list[Regex]
    scope_nouns: list[Regex]
    team_verbs: list[Regex]
    periods: dict[Literal["hour", "day", "week", "month", "quarter", "year"], list[Regex]]
    kinds: list[MetricKindRule]
    exclude: MetricExclusions

    def ranked_kinds(self) -> list[str]:
        """Registry kinds in display order (rank, then name: never dict or set order)."""
        return sorted(self.registry, key=lambda k: (self.registry[k].rank, k))


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
    """A career track, recognised by titles; its credentials are those whose rule in
    ``credentials.toml`` names this track."""

    id: str
    titles: list[Regex]


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
    tracks: list[TrackRule]
    salary: Salary
    next_steps: list[NextStep]


class ScoreComponent(_Strict):
    """One named part of the score (``scoring.toml [[components]]``).

    ``measure`` names how it is computed: one of the built-in measures, or ``evidence``, which a
    rule pack can use to add a component with no code: the share of ``target`` items of ``ids``
    (credential, code set, tool or specialty ids, or metric kinds) that the resume shows.
    """

    id: str
    weight: float = Field(gt=0, le=1)
    measure: Literal[
        "quantified_impact",
        "credentials",
        "code_sets_and_tools",
        "specialty_depth",
        "structure",
        "evidence",
    ]
    family: Literal["credentials", "code_sets", "tools", "specialties", "metrics"] | None = None
    ids: list[str] = Field(default_factory=list)
    target: int = Field(default=1, ge=1)
    label: str | None = None

    @model_validator(mode="after")
    def _evidence_needs_ids(self) -> "ScoreComponent":
        if self.measure == "evidence" and not (self.family and self.ids):
            raise ValueError(f"component {self.id!r}: measure 'evidence' needs family and ids")
        return self


class ScoringRules(_Strict):
    version: str
    no_metrics_cap: int
    off_domain_cap: int
    components: list[ScoreComponent]
    target_metric_kinds: dict[Level, int]
    target_quantified_share: float
    core_code_sets: list[str]
    target_code_sets: int
    max_lines: dict[Level, int]

    @field_validator("components")
    @classmethod
    def _sum_to_one(cls, v: list[ScoreComponent]) -> list[ScoreComponent]:
        total = sum(c.weight for c in v)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"component weights must sum to 1.0, not {total:.3f}")
        ids = [c.id for c in v]
        if len(set(ids)) != len(ids):
            raise ValueError(f"component ids repeat: {ids}")
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
    equivalent: list[Regex]


class PostingLists(_Strict):
    """How a list of code sets, tools or settings becomes one requirement."""

    gap: Regex
    max_gap: int
    any: list[Regex]
    examples: Regex


class ToolCategory(_Strict):
    """A kind of software a posting can ask for by kind ("an EHR"); ``id`` is a tools.toml category."""

    id: Literal["ehr", "encoder", "cac", "billing", "clearinghouse", "analytics", "other"]
    label: str
    posting: list[Regex]


class YearsRule(_Strict):
    pattern: Regex
    experience_words: list[Regex]
    not_experience: list[Regex]
    phrase_end: Regex
    joined: Regex


class PostingLevels(_Strict):
    entry: list[Regex]
    senior: list[Regex]
    opening_lines: int


class SettingRule(_Strict):
    implied_by: list[str] = Field(default_factory=list)


class RoleRule(_Strict):
    id: str
    phrase: list[Regex]
    work: list[Regex]


class EducationLevel(_Strict):
    id: str
    posting: list[Regex]
    resume: list[Regex]


RequirementKind = Literal[
    "credential", "years", "code_set", "tool", "specialty", "education", "level"
]


class KindWeight(_Strict):
    weight: float = Field(gt=0)
    partial_caps: bool


class MatchScoring(_Strict):
    required_share: float
    partial_credit: float
    missing_cap: int
    missing_step: int
    partial_cap: int
    equivalent_years: float
    kinds: dict[RequirementKind, KindWeight]

    @field_validator("kinds")
    @classmethod
    def _every_kind(cls, v: dict[str, KindWeight]) -> dict[str, KindWeight]:
        missing = sorted(set(RequirementKind.__args__) - set(v))
        if missing:
            raise ValueError(f"a weight is needed for every requirement kind; missing {missing}")
        return v


class PostingRules(_Strict):
    fuzzy_threshold: int = 88
    max_words: int = 7
    rules: list[SectionRule]
    cues: PostingCues
    lists: PostingLists
    categories: list[ToolCategory]
    years: YearsRule
    settings: dict[str, SettingRule]
    roles: list[RoleRule]
    levels: PostingLevels
    education: list[EducationLevel]
    scoring: MatchScoring

    def sections(self) -> SectionRules:
        """The posting's section headers in the form the sectioniser takes."""
        return SectionRules(
            fuzzy_threshold=self.fuzzy_threshold, max_words=self.max_words, rules=self.rules
        )
