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
    work_object: str | None = None  # specialties: what one codes there ("charts", "studies")
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
    apprentice_of: str | None = None  # the full credential this apprentice designation becomes
    satisfies: list[str] = Field(default_factory=list)

    @property
    def apprentice(self) -> bool:
        """An apprentice designation (CPC-A): it ends when the full credential is granted."""
        return self.apprentice_of is not None

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


class UnlistedProducts(_Strict):
    """Product names read from a software/systems list that are not in the vocabulary
    (``tools.toml [unlisted]``). A list is a software list when its line starts with one of
    ``labels`` ("Systems:", "EHR/Software -") or its section heading matches one; each item that
    reads as a name and matches none of ``not_products`` is reported with ``confidence``."""

    labels: list[Regex]
    not_products: list[Regex]
    category: str = "other"
    confidence: float = Field(0.5, gt=0, lt=1)


class TermRules(_Strict):
    fuzzy_threshold: int = 88
    unlisted: UnlistedProducts | None = None
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
    # Goals, targets and standards (not a resume's results; a posting's standards).
    goal_before: list[Regex] = Field(default_factory=list)
    goal_after: list[Regex] = Field(default_factory=list)
    goal_lines: list[Regex] = Field(default_factory=list)
    money_threshold: list[Regex]
    money_other: list[Regex]
    plain_ratio: list[Regex]
    # A percent in a clause about a course, exam or training (a score, not a work result).
    course: list[Regex] = Field(default_factory=list)
    # Verbs of change: "cut X $750K to $300K" reads the first number as the baseline.
    change_verbs: list[Regex] = Field(default_factory=list)


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


class ProseActivity(_Strict):
    """Work a sentence tells without a role ("I audited inpatient charts") and the title it stands
    for ("Auditor")."""

    pattern: Regex
    title: str


class ProseRules(_Strict):
    """Positions told in sentences (``analyzer/rules/prose.py``; experience.toml ``[prose]``)."""

    skip_sections: list[str]
    start: list[Regex]
    same_employer: list[Regex]
    work: list[Regex]
    end: list[Regex]
    current: list[Regex]
    recent_years: list[Regex]
    education: list[Regex]
    credential_acts: list[Regex]
    credential_words: list[Regex]
    first_person: list[Regex]
    event_subjects: list[Regex]
    activities: list[ProseActivity]


class ExperienceRules(_Strict):
    coding_titles: list[Regex]
    setting_titles: list[Regex]
    billing_support_titles: list[Regex]
    healthcare: list[Regex]
    other_titles: list[Regex]
    billing_titles: list[Regex]
    medical_coding_work: list[Regex]
    coding_work: list[Regex]
    billing_work: list[Regex]
    unpaid: list[Regex]
    paid: list[Regex]
    role_words: list[Regex]
    domain_words: list[Regex]
    posting_words: list[Regex]
    prose: ProseRules


class TrackRule(_Strict):
    """A career track: the titles that vote for it and the results its hiring managers ask for
    (its credentials are those whose ``track`` in credentials.toml is this id). ``coding =
    false`` marks a track that is not coding/HIM work (revenue cycle): its credentials do not make
    a resume a coding one."""

    id: str
    titles: list[Regex]
    results: list[str]
    senior_results: list[str] = Field(default_factory=list)
    coding: bool = True


class NextStep(_Strict):
    """A career move for the candidate's stage and track; dropped when a credential in ``unless``
    is held or a coding/HIM job title matches one of ``unless_titles``."""

    text: str
    level: list[Level] = Field(default_factory=list)
    tracks: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    unless_titles: list[Regex] = Field(default_factory=list)


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
    fallback_track: str
    fallback_results: list[str]
    fallback_senior_results: list[str] = Field(default_factory=list)
    tracks: list[TrackRule]
    salary: Salary
    next_steps: list[NextStep]

    def results_for(self, track: str | None, level: str) -> list[str]:
        """The result ids hiring managers ask for on this track at this stage, in order."""
        rule = next((t for t in self.tracks if t.id == track), None)
        base = rule.results if rule else self.fallback_results
        extra = (rule.senior_results if rule else self.fallback_senior_results) if level == "senior" else []
        return list(dict.fromkeys(base + extra))


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
        "experience",
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


class Anchors(_Strict):
    """How much one result counts by where it stands: inside a dated coding/HIM job, in a summary
    or highlights list (or any other section), inside a job that is not coding/HIM work."""

    job: float
    summary: float
    outside: float


class Credit(_Strict):
    """Points per result: ``repeat`` is what the 1st, 2nd, 3rd... result of one kind adds (later
    ones add nothing); an ``other`` kind counts at ``other`` of that; ``target`` is the points for
    full marks by stage; ``wanted_share`` is the part of the component earned by the results the
    track's hiring managers ask for (the rest by result points)."""

    repeat: list[float]
    other: float
    target: dict[Level, float]
    wanted_share: float


class VolumeLimit(_Strict):
    """The most one coder plausibly handles per day, for these metric objects (other periods
    scale by ``[credibility.period_days]``)."""

    objects: list[str]
    per_day: float


class TeamLimit(_Strict):
    """Below ``years`` of work shown, leading more than ``people`` is not credible."""

    years: float
    people: int


class Penalties(_Strict):
    """Points off the overall score for each credibility warning."""

    percent_over_100: int
    perfect_rate: int
    implausible_volume: int
    implausible_revenue: int
    implausible_team: int
    credentials_outrun_years: int
    familiar_only: int
    hidden_text: int
    apprentice_and_full: int
    years_without_jobs: int
    total_max: int


class CredibilityRules(_Strict):
    penalties: Penalties
    percent_kinds: list[str]
    rate_words: Regex
    zero_rate_words: Regex
    not_rate: Regex
    sample_words: Regex
    volume_kinds: list[str]
    volume_limits: list[VolumeLimit]
    default_per_day: float
    period_days: dict[Literal["hour", "day", "week", "month", "quarter", "year"], float]
    group_words: Regex
    revenue_limit: float
    enterprise_words: Regex
    lead_words: Regex
    team_limits: list[TeamLimit]
    senior_credential_min_years: float
    degree_credentials: list[str]
    credentials_base: float
    credentials_per_year: float
    familiar: Regex
    claimed_years: Regex
    claimed_years_min: float
    claimed_years_shown: float


class ScoringRules(_Strict):
    version: str
    off_domain_cap: int
    components: list[ScoreComponent]
    anchors: Anchors
    credit: Credit
    core_code_sets: list[str]
    target_code_sets: int
    target_tools: int
    max_lines: dict[Level, int]
    credibility: CredibilityRules

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


class ResultRule(_Strict):
    """A result hiring managers ask for, how to tell the resume shows it, and the suggestion
    raised when it does not (``shown`` lines need a number; see suggestions.toml)."""

    id: str
    kinds: list[str] = Field(default_factory=list)
    cue_kinds: list[str] = Field(default_factory=list)
    cue: Regex | None = None
    shown: Regex | None = None
    priority: Literal["high", "medium", "low"]
    gain: int
    message: str
    example: str

    @model_validator(mode="after")
    def _cue_with_cue_kinds(self) -> ResultRule:
        if self.cue_kinds and not self.cue:
            raise ValueError("cue_kinds need a cue")
        if not (self.kinds or self.cue_kinds):
            raise ValueError("a result needs kinds or cue_kinds")
        return self


class Rewrite(_Strict):
    """A line rewrite (suggestions.toml [[rewrites]]); ``in_place = false`` puts the count in a
    parenthesis with ``noun`` instead of before the line's own noun."""

    id: str
    verbs: Regex
    objects: Regex | None = None
    in_place: bool = True
    count: str = ""
    noun: str = ""
    period: str = ""
    tail: str = ""
    tail_unless: Regex | None = None


class Check(_Strict):
    id: str
    when: Literal["no_ehr", "no_encoder", "missing_contact", "no_positions", "no_skills_section"]
    skip_tracks: list[str] = Field(default_factory=list)
    category: str
    priority: Literal["high", "medium", "low"]
    gain: int
    message: str
    example: str | None = None
    line: int | None = None


class Fixed(_Strict):
    message: str
    example: str | None = None


class SkillExamples(_Strict):
    """Example sentences for skills-list items, by track id (``default`` for any other track)."""

    code_sets: dict[str, str]
    work: dict[str, str]

    @model_validator(mode="after")
    def _defaults(self) -> SkillExamples:
        for name in ("code_sets", "work"):
            if "default" not in getattr(self, name):
                raise ValueError(f"{name} needs a 'default' example")
        return self

    def pick(self, name: str, track: str | None) -> str:
        table = getattr(self, name)
        return table.get(track or "", table["default"])


class SuggestionRules(_Strict):
    results: list[ResultRule]
    skill_examples: SkillExamples
    rewrites: list[Rewrite]
    work_words: Regex
    countable: Regex
    periods: Regex
    duty_openers: Regex
    change_verbs: Regex
    checks: list[Check]
    not_coding: Fixed
    job_posting: Fixed


class PostingCues(_Strict):
    required: list[Regex]
    preferred: list[Regex]
    # A label that opens a paragraph ("Desired: ...") or a marker that closes it ("... (P)").
    label_required: list[Regex] = Field(default_factory=list)
    label_preferred: list[Regex] = Field(default_factory=list)
    marker_required: list[Regex] = Field(default_factory=list)
    marker_preferred: list[Regex] = Field(default_factory=list)
    either: list[Regex]
    both: list[Regex]
    accepted: list[Regex]
    later: list[Regex]
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
    part: Regex
    experience_words: list[Regex]
    not_experience: list[Regex]
    phrase_end: Regex
    joined: Regex


class PostingLevels(_Strict):
    entry: list[Regex]
    mid: list[Regex] = Field(default_factory=list)
    senior: list[Regex]
    opening_lines: int


class SettingRule(_Strict):
    implied_by: list[str] = Field(default_factory=list)


class RoleRule(_Strict):
    id: str
    phrase: list[Regex]
    work: list[Regex]
    not_work: list[Regex] = Field(default_factory=list)


class EducationLevel(_Strict):
    id: str
    posting: list[Regex]
    resume: list[Regex]


RequirementKind = Literal[
    "credential", "years", "code_set", "tool", "specialty", "education", "level"
]


class KindWeight(_Strict):
    weight: float = Field(gt=0)
    hard: bool


class MatchScoring(_Strict):
    required_share: float
    partial_credit: float
    missing_cap: int
    missing_step: int
    partial_cap: int
    over_level_credit: float
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
