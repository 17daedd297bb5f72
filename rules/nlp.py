"""The spaCy pipeline: ``spacy.blank("en")`` (tokenizer and lexical attributes only), once per process."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def blank():
    """The shared blank English pipeline (no model download)."""
    import spacy

    return spacy.blank("en")
