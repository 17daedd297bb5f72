"""Load and validate rule packs: the shipped ``rules/*.toml`` plus an optional ``--rules DIR``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

SHIPPED = Path(__file__).resolve().parent
T = TypeVar("T", bound=BaseModel)


class RuleError(Exception):
    """A rule file that does not validate; the message names the file and the key."""


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc


def load_file(path: Path, model: type[T]) -> T:
    """Parse one TOML file into ``model``.

    Raises:
        RuleError: ``rules/tools.toml: rules[3].regex: invalid regex ...``.
    """
    return _validate(path, _read(path), model)


def find(name: str, extra: Path | None) -> list[Path]:
    """The shipped file ``name`` and, when a pack directory has one too, that file."""
    paths = [SHIPPED / name]
    if extra is not None and (extra / name).exists():
        paths.append(extra / name)
    return paths


@lru_cache(maxsize=64)
def cached(name: str, model: type[T], extra: Path | None = None) -> T:
    """Load ``name`` validated against ``model``; a pack file with ``replace = true`` replaces the
    shipped rules, otherwise its rules are appended (an entry with an existing id overrides it)."""
    paths = find(name, extra)
    base = load_file(paths[0], model)
    if len(paths) == 1:
        return base
    pack_data = _read(paths[1])
    replace = bool(pack_data.pop("replace", False))
    pack = _validate(paths[1], pack_data, model)
    if replace or not hasattr(base, "rules"):
        return pack  # a pack file replaces files that are not lists of rules
    ids = {r.id for r in pack.rules}
    merged = [r for r in base.rules if r.id not in ids] + list(pack.rules)
    return base.model_copy(update={"rules": merged})


def _validate(path: Path, data: dict, model: type[T]) -> T:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RuleError(f"{path}: {_location(first['loc'])}: {first['msg']}") from exc
