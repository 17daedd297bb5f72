"""The rule pack: every rule family, loaded and validated once, handed to every consumer.

``load_rules()`` is the one place that reads rule files. The engine, the sectioner, the assessor and
the job matcher each receive the ``RulePack`` and read the facts they need from it (which credentials
are core, what a metric kind is called and which way it should move, the score weights), so a fact
lives in one TOML file and nowhere else.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from analyzer.rules.loader import RuleError, cached
from analyzer.rules.schema import (
    ExperienceRules,
    MetricRules,
    PostingRules,
    ScoringRules,
    SectionRules,
    StageRules,
    SuggestionRules,
    TermRules,
)

__all__ = ["FILES", "RuleError", "RulePack", "load_rules"]

# Every rule file a pack may hold, and the schema it is validated against.
FILES: dict[str, type[BaseModel]] = {
    "sections.toml": SectionRules,
    "credentials.toml": TermRules,
    "code_sets.toml": TermRules,
    "tools.toml": TermRules,
    "specialties.toml": TermRules,
    "metrics.toml": MetricRules,
    "experience.toml": ExperienceRules,
    "stages.toml": StageRules,
    "scoring.toml": ScoringRules,
    "suggestions.toml": SuggestionRules,
    "postings.toml": PostingRules,
}


@dataclass(frozen=True)
class RulePack:
    """All rule families, validated. Build it with ``load_rules``."""

    sections: SectionRules
    credentials: TermRules
    code_sets: TermRules
    tools: TermRules
    specialties: TermRules
    metrics: MetricRules
    experience: ExperienceRules
    stages: StageRules
    scoring: ScoringRules
    suggestions: SuggestionRules
    postings: PostingRules
    source: Path | None = None

    def check(self) -> None:
        """Cross-file checks: names one file uses must exist in the file that defines them.

        Raises:
            RuleError: naming the file, the key and the unknown value.
        """
        credential_ids = {r.id for r in self.credentials.rules}
        bodies = set(self.credentials.bodies)
        for r in self.credentials.rules:
            if r.body and r.body not in bodies:
                raise RuleError(
                    f"credentials.toml: rules[{r.id}].body: {r.body!r} is not in [bodies]"
                )
        for key, ids in (
            *(
                (f"credentials.toml: rules[{r.id}].satisfies", r.satisfies)
                for r in self.credentials.rules
            ),
            *(
                (f"credentials.toml: rules[{r.id}].apprentice_of", [r.apprentice_of])
                for r in self.credentials.rules
                if r.apprentice_of
            ),
        ):
            unknown = [i for i in ids if i not in credential_ids]
            if unknown:
                raise RuleError(f"{key}: unknown credential id(s) {unknown}")
        kinds = set(self.metrics.registry)
        for key, names in (
            ("metrics.toml: kinds", [k.kind for k in self.metrics.kinds]),
            *(
                (f"suggestions.toml: results[{s.id}].kinds", s.kinds + s.cue_kinds)
                for s in self.suggestions.results
            ),
        ):
            unknown = [n for n in names if n not in kinds]
            if unknown:
                raise RuleError(
                    f"{key}: unknown metric kind(s) {unknown}; known: {', '.join(sorted(kinds))}"
                )

        results = {r.id for r in self.suggestions.results}
        st = self.stages
        for key, ids in (
            ("stages.toml: fallback_results", st.fallback_results + st.fallback_senior_results),
            *(
                (f"stages.toml: tracks[{t.id}].results", t.results + t.senior_results)
                for t in st.tracks
            ),
        ):
            unknown = [i for i in ids if i not in results]
            if unknown:
                raise RuleError(f"{key}: unknown result id(s) {unknown} (suggestions.toml [[results]])")

    def credential_ids(self, **facts: object) -> list[str]:
        """Ids of the credentials whose rule has every fact given, in file order.

        Example: ``pack.credential_ids(stage="senior")``, ``pack.credential_ids(track="CDI")``,
        ``pack.credential_ids(core=True, apprentice=False)``.
        """
        return [
            r.id
            for r in self.credentials.rules
            if all(getattr(r, key) == value for key, value in facts.items())
        ]

    def apprentices(self) -> dict[str, str]:
        """Each apprentice designation's id and the full credential it becomes (CPC-A: CPC)."""
        return {r.id: r.apprentice_of for r in self.credentials.rules if r.apprentice_of}

    def satisfies(self) -> dict[str, set[str]]:
        """For each credential id, the other ids it also satisfies (renames, supersets)."""
        return {r.id: set(r.satisfies) for r in self.credentials.rules if r.satisfies}


def _check_dir(extra: Path) -> None:
    """A ``--rules DIR`` must be a folder holding at least one rule file, and only rule files."""
    if not extra.exists():
        raise RuleError(f"{extra}: no such rule pack folder")
    if not extra.is_dir():
        raise RuleError(f"{extra}: a rule pack is a folder of TOML files, not a file")
    names = sorted(p.name for p in extra.glob("*.toml"))
    if not names:
        raise RuleError(
            f"{extra}: no rule files in this folder (expected one or more of {', '.join(FILES)})"
        )
    for name in names:
        if name not in FILES:
            near = difflib.get_close_matches(name, list(FILES), n=1)
            hint = f"; did you mean {near[0]}?" if near else f"; known: {', '.join(FILES)}"
            raise RuleError(f"{extra / name}: not a rule file name{hint}")


@lru_cache(maxsize=16)
def _load(extra: Path | None) -> RulePack:
    if extra is not None:
        _check_dir(extra)
    families = {name.removesuffix(".toml"): cached(name, model, extra) for name, model in FILES.items()}
    pack = RulePack(source=extra, **families)
    pack.check()
    return pack


def load_rules(extra: str | Path | None = None) -> RulePack:
    """The shipped rules, with ``extra`` (a ``--rules DIR`` pack) merged in, validated.

    Loaded once per pack folder and process; every later call returns the same object.

    Raises:
        RuleError: a missing or empty pack folder, an unknown file name, or a file or cross-file
            reference that does not validate (the message names the file and the key).
    """
    return _load(Path(extra).resolve() if extra is not None else None)
