"""Every shipped rule file validates; invalid rules fail with their file and key; packs extend."""

from pathlib import Path

import pytest

from analyzer.rules.pack import load_rules
from analyzer.rules.loader import SHIPPED, RuleError, cached, load_file
from analyzer.rules.pack import FILES
from analyzer.rules.schema import TermRules


def test_every_shipped_file_is_covered():
    assert {p.name for p in SHIPPED.glob("*.toml")} == set(FILES)


@pytest.mark.parametrize("name, model", sorted(FILES.items()))
def test_shipped_rule_file_validates(name, model):
    loaded = load_file(SHIPPED / name, model)
    if hasattr(loaded, "rules"):
        ids = [r.id for r in loaded.rules]
        assert len(ids) == len(set(ids)), f"duplicate ids in {name}"


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("tools.toml", '[[rules]]\nid = "X"\nregex = ["("]\n', "rules[0].regex"),
        ("tools.toml", '[[rules]]\nid = "X"\nfuzzy = ["CPC"]\n', "rules[0].fuzzy"),
        ("tools.toml", '[[rules]]\nid = "X"\ncolour = "red"\n', "rules[0].colour"),
        (
            "scoring.toml",
            (SHIPPED / "scoring.toml")
            .read_text()
            .replace("weight = 0.35", "weight = 0.9"),
            "components",
        ),
        ("tools.toml", "[[rules]\n", "tools.toml"),
        (
            "scoring.toml",
            (SHIPPED / "scoring.toml").read_text().replace("weight = 0.35", "wieght = 0.35"),
            "components[0].wieght",
        ),
        (
            "scoring.toml",
            (SHIPPED / "scoring.toml")
            .read_text()
            .replace('measure = "structure"', 'measure = "vibes"'),
            "components[5].measure",
        ),
    ],
)
def test_invalid_rules_name_file_and_key(tmp_path: Path, name, body, message):
    path = tmp_path / name
    path.write_text(body)
    with pytest.raises(RuleError) as err:
        load_file(path, FILES[name])
    assert str(path) in str(err.value) and message in str(err.value)


def test_pack_adds_and_overrides(tmp_path: Path):
    (tmp_path / "tools.toml").write_text(
        '[[rules]]\nid = "AcmeCoder"\ncategory = "encoder"\nphrase = ["Acme Coder"]\n'
    )
    base = {r.id for r in cached("tools.toml", TermRules).rules}
    merged = {r.id for r in cached("tools.toml", TermRules, tmp_path).rules}
    assert merged == base | {"AcmeCoder"}
    assert load_rules(tmp_path).tools.rules[-1].id == "AcmeCoder"


def test_pack_replace(tmp_path: Path):
    (tmp_path / "tools.toml").write_text(
        'replace = true\n[[rules]]\nid = "Only"\nphrase = ["Only Tool"]\n'
    )
    assert [r.id for r in cached("tools.toml", TermRules, tmp_path).rules] == ["Only"]
