"""The declaration: TOML written with tomli-w reads back as an equal object; writing is atomic and careful."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import declaration
from questionnaire.components import ACCESS_CHOICES, COMPONENTS
from questionnaire.errors import UserError
from questionnaire.frameworks import all_frameworks
from tests.conftest import open_source_answers

FIXED = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)

# Arbitrary text a publisher might type: any character an answer accepts (every one shown as itself:
# no control, format, separator or unassigned character; those are refused, see test_hostile_text).
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Cn", "Zl", "Zp")), min_size=1, max_size=40
)

_answers = st.fixed_dictionaries(
    {"identity.name": _text},
    optional={
        "identity.publisher": _text,
        "identity.version": _text,
        "identity.is_finetune": st.booleans(),
        "development.supporting_libraries_used": st.booleans(),
        **{f"components.{c.key}.released": st.booleans() for c in COMPONENTS},
        **{
            f"components.{c.key}.license": st.one_of(
                st.sampled_from(["Apache-2.0", "MIT", "CC-BY-4.0", "llama3.1", "Gemma Terms of Use", "unlicensed"]),
                _text,
            )
            for c in COMPONENTS
        },
        **{f"components.{c.key}.access": st.sampled_from(ACCESS_CHOICES) for c in COMPONENTS},
        **{f"components.{c.key}.location": _text for c in COMPONENTS[:3]},
        "data_information.description": st.booleans(),
        "data_information.public_list": st.sampled_from(["published", "not_published", "none_used"]),
    },
)


@settings(max_examples=150, deadline=None)
@given(_answers)
def test_toml_round_trip_gives_an_equal_declaration(answers: dict) -> None:
    decl = declaration.build(answers, generated_at=FIXED)
    text = declaration.to_toml(decl)
    back = declaration.from_data(tomllib.loads(text))
    assert back == decl
    assert back.classification.tier == decl.classification.tier


def test_declaration_holds_what_the_issue_lists() -> None:
    decl = declaration.build(open_source_answers(), generated_at=FIXED)
    data = tomllib.loads(declaration.to_toml(decl))
    assert data["schema_version"] == 2
    assert data["model"]["name"] == "Example-7B"
    assert data["components"]["training_code"]["license"] == "Apache-2.0"
    assert data["components"]["training_code"]["open_terms"] is True
    assert data["answers"]["components"]["training_code"]["released"] is True
    cls = data["classification"]
    assert cls["tier"] == "open-source"
    verdicts = {v["id"]: v for v in cls["frameworks"]}  # [[classification.frameworks]], in the frameworks' order
    assert [v["id"] for v in cls["frameworks"]] == [f.id for f in all_frameworks()]
    assert verdicts["mof"]["summary"] == decl.classification.framework("mof").summary
    assert [m["id"] for m in verdicts["mof"]["measures"]] == ["III", "II", "I"]
    assert verdicts["osaid"]["met"] is True and verdicts["owd"]["met"] is True
    assert "met" not in verdicts["osai"]  # a graded profile has no pass mark (TOML has no null)
    assert all("refs" not in r for v in cls["frameworks"] for r in v["requirements"])
    assert cls["ruleset_version"] and cls["generator"].startswith("openness ")
    assert cls["generated_at"] == FIXED
    assert cls["reasons"] and all("text" in r for r in cls["reasons"])


def test_write_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    decl = declaration.build(open_source_answers(), generated_at=FIXED)
    target = tmp_path / "decl.toml"
    previous = os.umask(0o022)
    try:
        declaration.write(decl, target)
    finally:
        os.umask(previous)
    before = target.read_text()
    with pytest.raises(UserError, match="already exists"):
        declaration.write(declaration.build(open_source_answers(**{"identity.name": "Other"})), target)
    assert target.read_text() == before  # nothing lost
    declaration.write(declaration.build(open_source_answers(**{"identity.name": "Other"})), target, force=True)
    assert 'name = "Other"' in target.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["decl.toml"]  # no temporary file left behind
    assert target.stat().st_mode & 0o044 == 0o044  # readable by others, as the umask allows


def test_a_declaration_with_wrong_types_names_the_field() -> None:
    data = tomllib.loads(declaration.to_toml(declaration.build(open_source_answers(), generated_at=FIXED)))
    data["components"]["datasets"]["released"] = "yes"
    with pytest.raises(UserError, match=r"components\.datasets\.released"):
        declaration.from_data(data, path="x.toml")


def test_changed_answers_make_check_find_a_difference() -> None:
    decl = declaration.build(open_source_answers(), generated_at=FIXED)
    fresh = declaration.build(open_source_answers(**{"components.training_code.released": False}), generated_at=FIXED)
    problems = declaration.differences(decl, fresh)
    assert "classification.tier: stored 'open-source', the answers give 'open-weight'" in problems


def test_sources_travel_from_answers_into_the_declaration(tmp_path: Path) -> None:
    import tomli_w

    from questionnaire import loading
    from questionnaire.answers import nest

    data = nest(open_source_answers())
    data["sources"] = {
        "components.model_parameters_final.license": {
            "url": "https://example.org/LICENSE",
            "checked": datetime(2026, 11, 27).date(),
            "note": "licence file",
        }
    }
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps(data))
    source = loading.load(str(path))
    decl = declaration.build(source.answers, sources=source.sources, generated_at=FIXED)
    back = declaration.from_data(tomllib.loads(declaration.to_toml(decl)))
    assert back.sources["components.model_parameters_final.license"].url == "https://example.org/LICENSE"
    assert str(back.sources["components.model_parameters_final.license"].checked) == "2026-11-27"
    data["sources"] = {"x": {"url": "https://example.org"}}
    path.write_text(tomli_w.dumps(data))
    with pytest.raises(UserError, match="checked"):
        loading.load(str(path))
