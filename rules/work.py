"""What kind of work a job is: coding/HIM work or not, paid or not (design.md "Conventions").

The order of the questions, and why a job outside healthcare never counts however its duties are
worded, is written beside the vocabulary in ``rules/experience.toml``.
"""

from __future__ import annotations

import re

from analyzer.rules.schema import ExperienceRules


def _compile(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(patterns), re.I)


class WorkKinds:
    """Classifies one job from its title, its header (title, employer, department) and duties."""

    def __init__(self, rules: ExperienceRules) -> None:
        self.coding_titles = _compile(rules.coding_titles)
        self.setting_titles = _compile(rules.setting_titles)
        self.billing_support = _compile(rules.billing_support_titles)
        self.billing_titles = _compile(rules.billing_titles)
        self.healthcare = _compile(rules.healthcare + rules.medical_coding_work)
        self.other_titles = _compile(rules.other_titles)
        self.coding_work = _compile(rules.medical_coding_work + rules.coding_work)
        self.billing_work = _compile(rules.billing_work)
        self.unpaid_words = _compile(rules.unpaid)
        self.paid_words = _compile(rules.paid)
        self.role = _compile(rules.role_words)

    def in_healthcare(self, text: str) -> bool:
        """Whether ``text`` names a healthcare setting, clinical work, a medical code set or a
        coding act only healthcare has."""
        return bool(self.healthcare.search(text))

    def names_role(self, phrase: str) -> bool:
        """Whether a phrase names a job: a role word or a title the rules know ("secretary")."""
        return any(
            p.search(phrase)
            for p in (self.role, self.coding_titles, self.setting_titles, self.other_titles)
        )

    def _coding_title(self, text: str, in_healthcare: bool) -> bool:
        return bool(
            self.coding_titles.search(text) or (in_healthcare and self.setting_titles.search(text))
        )

    def _only_role_words(self, title: str) -> bool:
        """A title that names a rank, not a kind of work ("Specialist", "Analyst II")."""
        words = re.findall(r"[A-Za-z][\w.]*", title)
        return bool(words) and all(self.role.fullmatch(w) for w in words)

    def coding_related(
        self, title: str, header: str, duties: list[str], setting: str = ""
    ) -> bool:
        """Whether a job is coding/HIM work, from its own title, header and duties (never from the
        resume's skills lists or from other jobs).

        Args:
            title: The job title ("" when the resume states none).
            header: The job's header text (title, employer, department, place).
            duties: The job's duties, one each (a bullet, a sentence of a paragraph).
            setting: More text read only for the healthcare setting (the sentence a job told in
                prose stands in, when the job has no role or employer of its own).
        """
        in_healthcare = self.in_healthcare(f"{header} {' '.join(duties)} {setting}")
        # Each duty once: coding if it has a coding act, billing if it has only billing acts.
        acts = [(bool(self.coding_work.search(d)), bool(self.billing_work.search(d))) for d in duties]
        coding = sum(1 for c, _ in acts if c)
        billing = sum(1 for c, b in acts if b and not c)
        if self._coding_title(title, in_healthcare):
            if self.billing_support.search(title):
                return False
            # "Billing & Coding Specialist": coding unless its duties show billing and no coding.
            return not self.billing_titles.search(title) or coding > 0 or billing == 0
        if self.other_titles.search(title) or self.other_titles.search(header):
            return False
        if not in_healthcare:
            return False
        if self._only_role_words(title) and self._coding_title(header, in_healthcare):
            return True
        return coding > 0 and coding >= billing

    def unpaid(self, header: str) -> bool:
        """An unpaid externship, practicum or volunteer role (coding work that does not count as
        years), from the job's header."""
        return bool(self.unpaid_words.search(header)) and not self.paid_words.search(header)
