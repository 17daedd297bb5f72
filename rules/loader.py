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


def merge(base: dict, pack: dict) -> dict:
    """``pack`` laid over ``base``: tables merge key by key; arrays of tables whose entries have an
    ``id`` (``rules``, ``components``) or a ``kind`` (metric cue rules) merge on it (an entry
    with an existing id replaces that entry; entries from the pack come after the shipped ones);
    any other value replaces."""
    out = dict(base)
    for key, value in pack.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif (name := _key_of(old)) and _key_of(value) == name:
            ids = {entry[name] for entry in value}
            out[key] = [e for e in old if e[name] not in ids] + list(value)
        else:
            out[key] = value
    return out


def _key_of(value: object) -> str | None:
    """``id`` (or ``kind``, for metric cue rules) when every entry of an array of tables has it."""
    if not (isinstance(value, list) and value and all(isinstance(e, dict) for e in value)):
        return None
    return next((k for k in ("id", "kind") if all(k in e for e in value)), None)


@lru_cache(maxsize=64)
def cached(name: str, model: type[T], extra: Path | None = None) -> T:
    """Load ``name`` validated against ``model``, with the pack's file of that name (if any) laid
    over it (see ``merge``); a pack file with ``replace = true`` replaces the shipped file."""
    paths = find(name, extra)
    base = _read(paths[0])
    if len(paths) == 1:
        return _validate(paths[0], base, model)
    pack = _read(paths[1])
    if pack.pop("replace", False):
        return _validate(paths[1], pack, model)
    return _validate(paths[1], merge(base, pack), model)


def _validate(path: Path, data: dict, model: type[T]) -> T:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A misspelt key shows as an unknown key and as a missing one: name the misspelling.
        first = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        raise RuleError(f"{path}: {_location(first['loc'])}: {first['msg']}") from exc
