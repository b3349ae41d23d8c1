"""A hostile or careless question bank (OPENNESS_QUESTIONS, `openness lint DIR`) gives one plain finding
naming the file and the question, and a non-zero exit, never a traceback: deep or huge conditions,
numbers with thousands of digits, and fields of the wrong type."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from questionnaire.conditions import MAX_DEPTH, MAX_DIGITS, MAX_LENGTH
from questionnaire.resources import QUESTIONS_ENV
from tests.conftest import replace_once, run

EXAMPLE = "questionnaire/examples/amber.toml"
FIRST_CONDITION = "development.training_compute_flop"  # the first question of 10-weights.toml with a `when`


@pytest.fixture
def bank(bank_copy: Path) -> Path:
    return bank_copy


def set_first_condition(bank: Path, condition: str) -> None:
    path = bank / "10-weights.toml"
    text, count = re.subn(
        r"^when = .*$", lambda _: f"when = '{condition}'", path.read_text("utf-8"), count=1, flags=re.M
    )
    assert count == 1
    path.write_text(text, encoding="utf-8")


def refused(bank: Path, monkeypatch: pytest.MonkeyPatch, file: str, question: str, *words: str) -> None:
    """`lint DIR` and a command that loads the bank both fail plainly, naming the file and the question."""
    where = f"questions/{file}: {question}"  # (the copy is a folder named questions, as bank_copy makes it)
    lint = run("lint", str(bank))
    assert lint.returncode == 1, lint
    assert "Traceback" not in lint.stdout + lint.stderr
    lines = [line for line in lint.stdout.splitlines() if line.startswith(where) and all(w in line for w in words)]
    assert lines, lint.stdout
    assert all(len(line) < 1000 for line in lint.stdout.splitlines())  # a huge value is not printed whole
    monkeypatch.setenv(QUESTIONS_ENV, str(bank))
    classify = run("classify", EXAMPLE)
    assert classify.returncode == 2, classify
    assert "Traceback" not in classify.stdout + classify.stderr
    assert "The question bank cannot be used" in classify.stderr and where in classify.stderr
    assert all(w in classify.stderr for w in words), classify.stderr


# ------------------------------------------------------------------ conditions


def test_deeply_parenthesised_condition(bank, monkeypatch):
    set_first_condition(bank, "(" * 1000 + "identity.is_finetune" + ")" * 1000)
    refused(bank, monkeypatch, "10-weights.toml", FIRST_CONDITION, "does not parse", "nested too deeply")


def test_long_chain_of_not(bank, monkeypatch):
    condition = "not " * 900 + "identity.is_finetune"
    assert len(condition) < MAX_LENGTH  # refused for its depth, not its length
    set_first_condition(bank, condition)
    refused(bank, monkeypatch, "10-weights.toml", FIRST_CONDITION, "nested too deeply", f"more than {MAX_DEPTH}")


def test_number_with_thousands_of_digits(bank, monkeypatch):
    set_first_condition(bank, "identity.name == " + "9" * 3000)
    refused(bank, monkeypatch, "10-weights.toml", FIRST_CONDITION, "3000 digits is too long", f"at most {MAX_DIGITS}")


def test_huge_condition(bank, monkeypatch):
    set_first_condition(bank, " or ".join(["identity.is_finetune"] * 2000))
    refused(bank, monkeypatch, "10-weights.toml", FIRST_CONDITION, "the condition is too long")


# ------------------------------------------------------------------ fields of the wrong type


@pytest.mark.parametrize("value", ['["component"]', '{ name = "component" }', "3"])
def test_template_of_a_use_that_is_not_a_string(bank, monkeypatch, value):
    replace_once(
        bank / "20-code.toml",
        'template = "component"\ncomponent = "training_code"',
        f'template = {value}\ncomponent = "training_code"',
    )
    refused(bank, monkeypatch, "20-code.toml", "template", "for training_code", "must be the name of a template")


def test_template_of_a_use_inside_a_template_that_is_not_a_string(bank, monkeypatch):
    replace_once(
        bank / "components.toml", 'template = "license_terms"\nwith = {', 'template = ["license_terms"]\nwith = {'
    )
    refused(bank, monkeypatch, "components.toml", "template component", "must be the name of a template")


@pytest.mark.parametrize("value", ['["public"]', '{ a = "public" }'])
def test_choice_value_that_is_not_a_string(bank, monkeypatch, value):
    replace_once(bank / "components.toml", 'value = "public"', f"value = {value}")
    refused(bank, monkeypatch, "components.toml", "components.{key}.access (choice", "a choice needs a value")


def test_huge_question_id_is_refused_before_the_checks_that_grow_with_it(bank, monkeypatch):
    # an id with many parts made the check of the answer tables quadratic (about 14 s for this one); it is
    # refused by its length first (a suite asserts states, not times: the message says which check ran)
    huge = ".".join(["a"] * 50_000)
    replace_once(bank / "00-identity.toml", 'id = "identity.name"', f'id = "{huge}"')
    refused(bank, monkeypatch, "00-identity.toml", "a.a.a", "the question id is too long", "at most 200")


def test_access_help_that_is_not_a_string(bank, monkeypatch):
    import tomli_w

    path = bank / "components.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    data["components"]["model_parameters_final"]["access_help"] = [1, 2]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    refused(bank, monkeypatch, "components.toml", "components.model_parameters_final", "'access_help' must be a string")


def test_template_description_that_is_not_a_string(bank, monkeypatch):
    path = bank / "components.toml"
    text, count = re.subn(r"^description = .*$", "description = 7", path.read_text("utf-8"), count=1, flags=re.M)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    refused(bank, monkeypatch, "components.toml", "template component", "'description' must be a string")


def test_glossary_of_a_template_question_that_is_not_a_list(bank, monkeypatch):
    replace_once(bank / "components.toml", 'glossary = ["gated-access"]', "glossary = 5")
    replace_once(
        bank / "20-code.toml",
        'template = "component"\ncomponent = "training_code"',
        'template = "component"\ncomponent = "training_code"\nglossary = ["open-weight"]',
    )
    refused(bank, monkeypatch, "components.toml", "components.{key}.access", "'glossary' must be a list")
