"""Career stage (entry / mid / senior), track and BLS salary band from experience, titles and credentials."""

from __future__ import annotations

import re
from datetime import date

from analyzer.models.findings import Findings, Position
from analyzer.models.report import SalaryBand, Stage
from analyzer.rules.dates import merged_years, position_span
from analyzer.rules.pack import RulePack


class StageEstimator:
    """Applies ``rules/stages.toml``: years first, then role and credential evidence. Which
    credentials are entry, senior or belong to a track comes from ``credentials.toml``."""

    def __init__(self, pack: RulePack) -> None:
        rules = pack.stages
        self.rules = rules
        self.leadership = re.compile("|".join(rules.leadership_titles), re.I)
        self.senior_credentials = set(pack.credential_ids(stage="senior"))
        self.entry_credentials = set(pack.credential_ids(stage="entry"))
        self.tracks = [
            (t, re.compile("|".join(t.titles), re.I), set(pack.credential_ids(track=t.id)))
            for t in rules.tracks
        ]
        self.step_titles = [
            re.compile("|".join(s.unless_titles), re.I) if s.unless_titles else None
            for s in rules.next_steps
        ]

    def _role_years(self, positions: list[Position], as_of: date) -> float:
        spans = [
            position_span(p.start, p.end, p.current, as_of)
            for p in positions
            if p.counted and self.leadership.search(p.title) and p.start
        ]
        return merged_years(spans)

    def _track(self, f: Findings) -> tuple[str | None, list[str]]:
        held = {c.id for c in f.credentials if c.status in ("held", "apprentice")}
        coding_positions = [p for p in f.experience.positions if p.coding_related]
        scores: dict[str, float] = {}
        why: dict[str, list[str]] = {}
        for rule, pattern, credentials in self.tracks:
            for i, p in enumerate(coding_positions):
                if pattern.search(p.title):
                    scores[rule.id] = scores.get(rule.id, 0) + (3 if i == 0 else 1)
                    why.setdefault(rule.id, []).append(f"title '{p.title}'")
            creds = sorted(held & credentials)
            if creds:
                scores[rule.id] = scores.get(rule.id, 0) + 2 * len(creds)
                why.setdefault(rule.id, []).append("credential " + ", ".join(creds))
        if not scores:
            return (
                (self.rules.fallback_track, ["coding positions without a specialised track"])
                if coding_positions
                else (None, [])
            )
        best = max(scores.items(), key=lambda kv: (kv[1], -list(scores).index(kv[0])))
        if best[1] < 2:
            return (
                (self.rules.fallback_track, ["coding positions without a specialised track"])
                if coding_positions
                else (None, [])
            )
        return best[0], why[best[0]]

    def _next_steps(self, f: Findings, level: str, track: str | None, held: set[str]) -> list[str]:
        """Career moves for this stage and track that the resume does not already show."""
        titles = [p.title for p in f.experience.positions if p.coding_related]
        return [
            step.text
            for step, pattern in zip(self.rules.next_steps, self.step_titles)
            if (not step.level or level in step.level)
            and (not step.tracks or track in step.tracks)
            and not set(step.unless) & held
            and not (pattern and any(pattern.search(t) for t in titles))
        ]

    def estimate(self, f: Findings, as_of: date) -> Stage:
        r = self.rules
        years = f.experience.years
        held = {c.id for c in f.credentials if c.status in ("held", "apprentice")}
        reasons = [
            f"{years:g} years of coding/HIM work (overlaps merged, non-coding jobs excluded)"
        ]
        if years >= r.senior_years:
            level, confidence = "senior", 0.9
        elif years >= r.mid_years:
            level, confidence = "mid", 0.8
        else:
            level, confidence = "entry", 0.85
        role_years = self._role_years(f.experience.positions, as_of)
        senior_creds = sorted(held & self.senior_credentials)
        if level == "mid" and years >= r.senior_with_role_years:
            if role_years >= 1.0:
                level, confidence = "senior", 0.65
                reasons.append(
                    f"{role_years:g} years in lead/supervisory/audit/CDI roles on top of {years:g} years"
                )
            elif senior_creds:
                level, confidence = "senior", 0.6
                reasons.append("senior credential(s) held: " + ", ".join(senior_creds))
            else:
                reasons.append("no lead, audit, CDI or management role yet: mid")
        entry_creds = sorted(held & self.entry_credentials)
        if entry_creds:
            reasons.append("entry-level credential(s): " + ", ".join(entry_creds))
        if senior_creds and level == "senior":
            reasons.append("senior credential(s): " + ", ".join(senior_creds))
        if 0.0 < abs(years - r.mid_years) < 0.5 or 0.0 < abs(years - r.senior_years) < 0.7:
            confidence = min(confidence, 0.55)
        track, track_why = self._track(f)
        if track:
            reasons.append(f"track {track}: " + "; ".join(track_why[:3]))
        if f.domain and not f.domain.medical_coding:
            reasons.append("not a medical-coding resume: stage shown for reference only")
            confidence = 0.2
        low_key, high_key, label = r.salary.bands[level]
        band = SalaryBand(
            low=getattr(r.salary, low_key),
            high=getattr(r.salary, high_key),
            percentiles=label,
            source=r.salary.source,
        )
        steps = self._next_steps(f, level, track, held)
        return Stage(
            level=level,
            track=track,
            confidence=round(confidence, 2),
            reasons=reasons,
            salary_band=band,
            next_steps=steps,
        )
