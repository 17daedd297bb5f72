"""Typed errors for bad input, each mapped to a report error code (see design.md)."""

from __future__ import annotations


class AnalyzerError(Exception):
    """A file that cannot be analysed; ``code`` is the contract's error code."""

    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(AnalyzerError):
    code = "not_found"


class UnsupportedFormat(AnalyzerError):
    code = "unsupported_format"


class Empty(AnalyzerError):
    code = "empty"


class NoText(AnalyzerError):
    code = "no_text"


class Encrypted(AnalyzerError):
    code = "encrypted"


class Corrupt(AnalyzerError):
    code = "corrupt"


class TooLarge(AnalyzerError):
    code = "too_large"


class Timeout(AnalyzerError):
    code = "timeout"


__all__ = [
    "AnalyzerError",
    "Corrupt",
    "Empty",
    "Encrypted",
    "NoText",
    "NotFound",
    "Timeout",
    "TooLarge",
    "UnsupportedFormat",
]
