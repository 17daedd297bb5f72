"""Required literals of a regex: strings one of which must occur in any text the regex matches.

Used to skip running a pattern over a document that cannot match it (most vocabulary patterns
name a literal such as "HCPCS" or "DRG"). Derived from the parsed pattern, so rule authors do not
declare anything; a pattern with no usable literal is simply always run."""

from __future__ import annotations

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is its deprecated alias)
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

_MIN = 2


def _seq(items) -> set[str] | None:
    """Literal alternatives that a sequence of pattern items requires (``None`` = unknown)."""
    best: set[str] | None = None
    run = ""
    runs: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg)
            continue
        if run:
            runs.append(run)
            run = ""
        if name == "SUBPATTERN":
            inner = _seq(arg[-1])
            if inner and (best is None or min(map(len, inner)) > min(map(len, best))):
                best = inner
        elif name == "BRANCH":
            alts = [_seq(branch) for branch in arg[1]]
            if all(alts):
                merged = set().union(*alts)
                if best is None or min(map(len, merged)) > min(map(len, best)):
                    best = merged
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            inner = _seq(arg[2])
            if inner and (best is None or min(map(len, inner)) > min(map(len, best))):
                best = inner
    if run:
        runs.append(run)
    longest = max(runs, key=len, default="")
    if len(longest) >= _MIN and (best is None or len(longest) >= min(map(len, best))):
        return {longest}
    return best


def required_literals(pattern: str, flags: int = 0) -> set[str] | None:
    """Lower-cased literals one of which any match must contain, or ``None`` if none is known."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - unknown syntax: no filter, the pattern just always runs
        return None
    found = _seq(list(parsed))
    if not found or min(map(len, found)) < _MIN:
        return None
    return {s.lower() for s in found}
