"""Dependencies point one way: faces -> batch -> renderers -> pipeline -> assessment -> parsing ->
rules -> models (design.md). No module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# Lowest first. A module belongs to the first layer whose prefix names it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("models", ("analyzer.models",)),
    ("base", ("analyzer.errors", "analyzer.limits", "analyzer.deadline", "analyzer.names")),
    ("rules", ("analyzer.rules",)),
    ("parsing", ("analyzer.parsing",)),
    ("assessment", ("analyzer.assessment", "analyzer.match", "analyzer.ranking")),
    ("pipeline", ("analyzer.pipeline",)),
    ("render", ("analyzer.render", "analyzer.output")),
    (
        "batch",
        ("analyzer.batch", "analyzer.pool", "analyzer.sinks", "analyzer.remote", "analyzer.dask_engine"),
    ),
    ("faces", ("analyzer.cli", "analyzer.web", "analyzer.__main__", "analyzer")),
]


def _layer(module: str) -> int:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _modules():
    for base in ("analyzer", "models", "rules"):
        for path in sorted((ROOT / base).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[0] != "analyzer":
                parts.insert(0, "analyzer")
            if parts[-1] == "__init__":
                parts.pop()
            if len(parts) > 1 and parts[1] in ("models", "rules") and base == "analyzer":
                continue  # the symlinks to models/ and rules/ are walked from the top
            yield ".".join(parts), path


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for module, path in _modules():
        own = _layer(module)
        for target in _imports(path):
            if target == "analyzer" or not target.startswith("analyzer."):
                continue
            if _layer(target) > own:
                upward.append(f"{module} ({LAYERS[own][0]}) imports {target}")
    assert upward == []


def test_every_module_has_a_layer():
    assert all(_layer(module) >= 0 for module, _ in _modules())
