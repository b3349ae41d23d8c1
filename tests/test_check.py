"""`openness check` rebuilds the whole declaration from its answers: any hand-edited field of [model],
[components] or [classification] is named, with what is stored and what the answers give."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire import declaration, loading
from questionnaire.cli import main
from questionnaire.components import ACCESS_CHOICES
from questionnaire.errors import UserError
from questionnaire.examples import EXAMPLES_DIR
from questionnaire.rules import TIERS, classify
from tests.conftest import ROOT, open_source_answers, run

FIXED = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
WEIGHTS = "model_parameters_final"


def stored_data(**overrides: object) -> dict[str, Any]:
    """A valid declaration as its TOML file holds it (what a user would edit by hand)."""
    decl = declaration.build(open_source_answers(**overrides), generated_at=FIXED)
    return tomllib.loads(declaration.to_toml(decl))


def problems_of(data: dict[str, Any]) -> list[str]:
    """What `check` says of `data` written to a TOML file and read back."""
    return problems_in(tomllib.loads(tomli_w.dumps(data)))


def problems_in(data: dict[str, Any]) -> list[str]:
    """What `check` says of `data` as reading a TOML file gives it (tables, lists, strings, numbers)."""
    return declaration.recheck(loading.from_toml_data(data, "decl.toml"))[1]


def edit(change: Callable[[dict[str, Any]], None], **overrides: object) -> list[str]:
    data = stored_data(**overrides)
    change(data)
    return problems_of(data)


def test_an_untouched_declaration_has_no_differences() -> None:
    assert problems_of(stored_data()) == []


# ------------------------------------------------------------------ [model]


def test_a_renamed_model_is_named() -> None:
    def rename(d: dict) -> None:
        d["model"]["name"] = "Example-70B"

    assert edit(rename) == ["model.name: stored 'Example-70B', the answers give 'Example-7B'"]


def test_an_added_model_field_is_named() -> None:
    def add(d: dict) -> None:
        d["model"]["publisher"] = "Someone Else"

    assert edit(add) == ["model.publisher: stored 'Someone Else', the answers give none"]


# ------------------------------------------------------------------ [components]


def test_a_weights_licence_changed_by_hand_is_named_with_both_values() -> None:
    def relicense(d: dict) -> None:
        d["components"][WEIGHTS]["license"] = "CC-BY-NC-4.0"

    problems = edit(relicense, **{f"components.{WEIGHTS}.license": "Apache-2.0"})
    assert problems == [f"components.{WEIGHTS}.license: stored 'CC-BY-NC-4.0', the answers give 'Apache-2.0'"]


def test_a_changed_access_is_named() -> None:
    def gate(d: dict) -> None:
        d["components"][WEIGHTS]["access"] = "approval"

    assert edit(gate) == [f"components.{WEIGHTS}.access: stored 'approval', the answers give 'public'"]


def test_a_deleted_component_table_is_named() -> None:
    def delete(d: dict) -> None:
        del d["components"]["training_code"]

    [problem] = edit(delete)
    assert problem.startswith(
        "components.training_code: missing from the file, the answers give {name = "
        "'Training code', released = true, license = 'Apache-2.0'"
    )


def test_an_unknown_component_table_is_named() -> None:
    def add(d: dict) -> None:
        d["components"]["secret sauce"] = {"name": "Secret sauce", "released": True}

    assert edit(add) == [
        "components.'secret sauce': stored {name = 'Secret sauce', released = true, open_terms = "
        "false}, the answers give none"
    ]


def test_each_derived_component_field_is_checked() -> None:
    def flip(d: dict) -> None:
        entry = d["components"]["datasets"]
        entry.update(
            open_terms=False, license_id="CC-BY-NC-4.0", license_match="alias", location="https://example.org/data"
        )

    assert edit(flip) == [
        "components.datasets.license_id: stored 'CC-BY-NC-4.0', the answers give 'CC-BY-4.0'",
        "components.datasets.license_match: stored 'alias', the answers give 'exact'",
        "components.datasets.open_terms: stored false, the answers give true",
        "components.datasets.location: stored 'https://example.org/data', the answers give none",
    ]


# ------------------------------------------------------------------ [classification]


def test_an_edited_tier_is_named() -> None:
    def promote(d: dict) -> None:
        d["classification"]["tier"] = "open-source"

    problems = edit(promote, **{"components.training_code.released": False})
    assert problems == ["classification.tier: stored 'open-source', the answers give 'open-weight'"]


def test_an_edited_reason_is_named() -> None:
    def reword(d: dict) -> None:
        d["classification"]["reasons"][0]["text"] = "Open source, trust us"

    [problem] = edit(reword)
    assert problem.startswith("classification.reasons[0].text: stored 'Open source, trust us', the answers give 'OSAID")


def test_a_deleted_reason_is_one_line() -> None:
    def drop(d: dict) -> None:
        del d["classification"]["reasons"][1]

    [problem] = edit(drop, **{"components.training_code.released": False})
    assert problem.startswith("classification.reasons[1]: missing from the file, the answers give {text = ")


def framework(c: dict, framework_id: str) -> dict:
    return next(f for f in c["frameworks"] if f["id"] == framework_id)


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda c: framework(c, "osaid").update(met=False),
            "classification.frameworks[osaid].met: stored false, the answers give true",
        ),
        (
            lambda c: framework(c, "osaid")["requirements"][0].update(met=False),
            "classification.frameworks[osaid].requirements[weights-released].met: stored false, the answers give true",
        ),
        (
            lambda c: framework(c, "osaid").update(summary="Trust us"),
            "classification.frameworks[osaid].summary: stored 'Trust us', the answers give 'met'",
        ),
        (
            lambda c: framework(c, "mof").update(summary="Class I"),
            "classification.frameworks[mof].summary: stored 'Class I', the answers give 'Unclassified'",
        ),
        (
            lambda c: framework(c, "mof")["measures"][2].update(value=100.0),
            "classification.frameworks[mof].measures[I].value: stored 100.0, the answers give 0.0",
        ),
        (
            lambda c: framework(c, "mof")["requirements"].pop(),
            "classification.frameworks[mof].requirements[mof-technical_report]: missing from the file, the answers "
            "give ",
        ),
        (
            lambda c: framework(c, "owd")["requirements"][4].update(text="No discrimination at all"),
            "classification.frameworks[owd].requirements[owd-5].text: stored 'No discrimination at all', the "
            "answers give 'No discrimination against persons or groups (criterion 5)'",
        ),
        (
            lambda c: framework(c, "osai").update(summary="1.00"),
            "classification.frameworks[osai].summary: stored '1.00', the answers give",
        ),
        (
            lambda c: framework(c, "osai")["requirements"][8].update(grade="open"),
            "classification.frameworks[osai].requirements[paper].grade: stored 'open', the answers give 'closed'",
        ),
        (
            lambda c: c["frameworks"].pop(0),
            "classification.frameworks[osaid]: missing from the file, the answers give {id = 'osaid'",
        ),
        (
            lambda c: c.update(next_tier={"tier": "open-source", "changes": []}),
            "classification.next_tier: stored {tier = 'open-source', changes = []}, the answers give none",
        ),
        (
            lambda c: c["warnings"].insert(0, "All fine"),
            "classification.warnings[0]: stored 'All fine', the answers give none",
        ),
    ],
)
def test_each_verdict_is_checked(change: Callable[[dict], None], expected: str) -> None:
    [problem] = edit(lambda d: change(d["classification"]))
    assert problem.startswith(expected)


def test_another_version_of_the_tool_under_the_same_ruleset_passes() -> None:
    def restamp(d: dict) -> None:
        d["classification"]["generator"] = "openness 0.0.1"
        d["classification"]["generated_at"] = datetime(2020, 1, 1, tzinfo=UTC)

    assert edit(restamp) == []


def test_another_ruleset_is_named() -> None:
    def older(d: dict) -> None:
        d["classification"]["ruleset_version"] = "0.9"

    [problem] = edit(older)
    assert problem.startswith(
        "classification.ruleset_version: stored '0.9', but this version of openness applies ruleset '"
    )


def test_stored_text_is_shown_safely_on_one_line() -> None:
    def inject(d: dict) -> None:
        d["model"]["name"] = "Evil\x1b[31m\nname [bold]"

    assert edit(inject) == ["model.name: stored 'Evil\\x1b[31m\\nname [bold]', the answers give 'Example-7B'"]


def test_long_texts_are_shown_where_they_part() -> None:
    long = "x" * 300

    def lengthen(d: dict) -> None:
        d["model"]["name"] = long + "y"

    [problem] = edit(lengthen, **{"identity.name": long})
    assert problem.startswith("model.name: stored …'xxx") and "y'" in problem and len(problem) < 300


# ------------------------------------------------------------------ the command line


def write_decl(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_check_names_every_field_exits_1_and_says_how_to_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = stored_data()
    data["components"][WEIGHTS]["license"] = "CC-BY-NC-4.0"
    data["model"]["name"] = "Other"
    path = write_decl(tmp_path / "decl.toml", data)
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"openness: {path}: model.name: stored 'Other', the answers give 'Example-7B'",
        f"openness: {path}: components.{WEIGHTS}.license: stored 'CC-BY-NC-4.0', the answers give 'CC-BY-4.0'",
        f"openness: {path}: 2 fields differ from what the answers give; `openness declare DECL.toml -o DECL.toml "
        "--force` rebuilds the declaration from them",
    ]


def test_check_passes_a_valid_declaration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_decl(tmp_path / "decl.toml", stored_data())
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid; every field matches what its answers give (tier open-source)\n"


def test_declare_from_a_stale_declaration_rebuilds_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stored_data()
    data["classification"]["tier"] = "closed"
    path = write_decl(tmp_path / "decl.toml", data)
    assert main(["declare", str(path), "-o", str(path), "--force"]) == 0
    assert main(["check", str(path)]) == 0


def test_export_refuses_a_stale_declaration_with_the_same_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = stored_data()
    data["classification"]["frameworks"][0]["met"] = False
    path = write_decl(tmp_path / "decl.toml", data)
    assert main(["check", str(path)]) == 1
    checked = capsys.readouterr().err
    for fmt in ("markdown", "json", "mot", "hf", "badge"):
        assert main(["export", str(path), "--format", fmt]) == 1
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err == checked


def test_stale_declaration_error_is_a_user_error_with_one_line_summary() -> None:
    data = stored_data()
    data["classification"]["tier"] = "closed"
    data["model"]["name"] = "Other"
    source = loading.from_toml_data(data, "decl.toml")
    with pytest.raises(UserError) as raised:
        declaration.verified(source)
    assert raised.value.exit_code == 1
    assert str(raised.value) == "decl.toml: model.name: stored 'Other', the answers give 'Example-7B' (and 1 more)"


def test_a_renamed_framework_is_one_missing_and_one_unknown_verdict() -> None:
    def rename(d: dict) -> None:
        d["classification"]["frameworks"][1]["id"] = "moff"

    problems = edit(rename)
    assert [p.split(":")[0] for p in problems] == ["classification.frameworks[mof]", "classification.frameworks[moff]"]
    assert problems[0].startswith("classification.frameworks[mof]: missing from the file, the answers give {id = 'mof'")
    assert problems[1].startswith("classification.frameworks[moff]: stored {id = 'moff'")


# ------------------------------------------------------------------ any single change to any derived leaf


def leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, (*path, index))]
    return [(path, value)]


def keyed(items: list) -> bool:
    """A list of tables with ids (frameworks, requirements, measures): the check names its items by id."""
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    return bool(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def dotted(path: tuple, data: Any = None) -> str:
    """A leaf's path as the check names it: an item of a list of tables with ids by its id."""
    out, here = "", data
    for part in path:
        if isinstance(part, int):
            out += f"[{here[part]['id']}]" if here is not None and keyed(here) else f"[{part}]"
        else:
            out += f".{part}" if out else part
        here = here[part] if here is not None else None
    return out


CHOICES = {"tier": TIERS, "grade": ("open", "partial", "closed"), "class": ("I", "II", "III"), "access": ACCESS_CHOICES}
EXAMPLE_DATA = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in EXAMPLES_DIR.glob("*.toml")}


def derived_leaves(data: dict[str, Any]) -> list[tuple[tuple, Any]]:
    found = [leaf for table in ("model", "components", "classification") for leaf in leaves(data[table], (table,))]
    # an item's own id names it: changing it is a missing item and a new one (test_a_renamed_framework_...)
    return [(p, v) for p, v in found if dotted(p) not in declaration.NOT_DERIVED and p[-1] != "id"]


def other_value(path: tuple, value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.just(not value)
    if isinstance(value, float):
        return st.floats(-1e6, 1e6, allow_nan=False).filter(lambda f: f != value)
    if isinstance(path[-1], str) and path[-1] in CHOICES:
        return st.sampled_from([c for c in CHOICES[path[-1]] if c != value])
    assert isinstance(value, str), (path, value)
    shortest = 1 if path == ("model", "name") else 0  # a declaration must name its model
    return st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=shortest, max_size=30).filter(
        lambda t: t != value
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_single_change_to_any_derived_leaf_is_named(data: st.DataObject) -> None:
    slug = data.draw(st.sampled_from(sorted(EXAMPLE_DATA)), label="example")
    stored = copy.deepcopy(EXAMPLE_DATA[slug])
    path, value = data.draw(st.sampled_from(derived_leaves(stored)), label="leaf")
    new = data.draw(other_value(path, value), label="new value")
    parent = stored
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    # read from a TOML file, changed in place by a string, a number or a boolean: what a file holds (writing
    # it out and reading it back gives the same; test_declaration tests that round trip)
    problems = problems_in(stored)
    assert len(problems) == 1 and problems[0].startswith(f"{dotted(path, stored)}: stored "), problems
    assert all("\n" not in p and "\x1b" not in p for p in problems)


# ------------------------------------------------------------------ the old format


def test_a_declaration_of_the_old_format_loads_by_its_answers_and_check_says_how_to_rewrite_it(tmp_path: Path) -> None:
    """A schema_version 1 declaration (OLMo 2 7B as shipped before format 2): its answers are the truth, so
    classify, compare and what if read it; check says it is old and how to rewrite it, and the rewrite passes."""
    import shutil

    old = tmp_path / "old.toml"
    shutil.copy(ROOT / "tests" / "fixtures" / "declaration-v1.toml", old)
    source = loading.load(str(old))
    assert source.kind == "declaration" and source.declaration.old_format == 1
    assert source.declaration.schema_version == declaration.SCHEMA_VERSION == 2
    current = loading.load(str(EXAMPLES_DIR / "olmo-2-7b.toml"))
    assert json.loads(run("classify", str(old), "--json").stdout)["tier"] == "open-source"
    assert classify(source.answers).frameworks == classify(current.answers).frameworks
    checked = run("check", str(old))
    assert checked.returncode == 1 and checked.stdout == ""
    assert checked.stderr == (
        f"openness: {old}: is a declaration in the old format (schema_version 1): its answers "
        "still load, but its verdicts are stored the old way; `openness declare "
        f"{old} -o {old} --force` rewrites it in the current format (schema_version 2)\n"
    )
    exported = run("export", str(old), "--format", "markdown")
    assert exported.returncode == 1 and exported.stderr == checked.stderr
    assert run("declare", str(old), "-o", str(old), "--force").returncode == 0
    assert run("check", str(old)).returncode == 0
    assert tomllib.loads(old.read_text(encoding="utf-8"))["schema_version"] == 2


def test_an_unknown_format_is_refused_in_one_line(tmp_path: Path) -> None:
    data = stored_data()
    data["schema_version"] = 3
    path = write_decl(tmp_path / "decl.toml", data)
    result = run("check", str(path))
    assert result.returncode == 2 and "schema_version" in result.stderr and result.stderr.count("\n") == 1
