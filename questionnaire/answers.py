"""Answers to the questionnaire: a flat mapping from question id to value, nested tables on disk.

The question bank defines the answers. Every question of the loaded bank is a key, whether or not any path
asks it, and the dots of its id nest the tables (`identity.name` is `name` in `[identity]`,
`components.datasets.terms.threshold` is `threshold` in `[components.datasets.terms]`). Its type gives the
value's type:

* text, url, email, contact, license: a string, one line of characters that can be shown as themselves
  (a control character, a bidi override or an invisible character is refused, never altered: licence
  strings are compared exactly as written). Formats (a web address, an email) are checked where the answer
  is typed, by `bank_model.validate_value`; files keep what they say.
* bool: true or false.
* choice: one of the question's choice values.
* number: a finite number, not negative (a TOML integer is read as a float). A number that is not known is
  left out: there is no "unknown" value, as in the app, where "unknown" (or nothing) is no answer.

`answers_model(bank)` is that schema as a strict pydantic model (unknown keys and wrong types are errors
that name the key), built once per loaded bank; `validate_answers(nested, bank=None)` checks answers
against the bank in use (`bank.load_bank()`: the shipped one, or the folder `OPENNESS_QUESTIONS` names).
`openness schema` prints it, inside the declaration's JSON Schema, and `openness lint --answers` lists it.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictStr,
    ValidationError,
    WithJsonSchema,
    create_model,
)

from questionnaire.bank_model import number_problem
from questionnaire.errors import UserError
from questionnaire.text import MAX_ANSWER_LENGTH, answer_problem

if TYPE_CHECKING:
    from questionnaire.bank_model import Bank, Question

__all__ = [
    "Number",
    "Text",
    "answers_model",
    "describe_validation_error",
    "flatten",
    "model_for",
    "nest",
    "schema_lines",
    "validate_answers",
    "value_type",
]


def _answer_text(value: str) -> str:
    problem = answer_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"should be a number, not {type(value).__name__} (leave it out when it is not known)")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("Write a finite number, such as 3.8e25.") from None
    problem = number_problem(number)
    if problem is not None:
        raise ValueError(problem)
    return number


# (the JSON Schema says the limit too, for other tools; the characters refused are `text.unsafe_character`'s)
Text = Annotated[
    StrictStr, AfterValidator(_answer_text), WithJsonSchema({"type": "string", "maxLength": MAX_ANSWER_LENGTH})
]
Number = Annotated[float, PlainValidator(_number), WithJsonSchema({"type": "number", "minimum": 0})]


def value_type(question: Question, *, strict: bool = True) -> Any:
    """The type of the answer to one question, from its type in the bank. Not `strict`: any string for the
    text types and choices (for a table derived from the answers, which `openness check` compares with what
    the answers give rather than refuses)."""
    if question.type == "bool":
        return StrictBool
    if question.type == "number":
        return Number
    if not strict:
        return StrictStr
    if question.type == "choice":
        return Literal[question.choice_values]  # type: ignore[valid-type]
    return Text  # text, url, email, contact, license


# --------------------------------------------------------------------------- the schema from the bank

_CONFIG = ConfigDict(extra="forbid", frozen=True, protected_namespaces=())


def model_for(name: str, questions: Iterable[Question], *, strip: str = "", strict: bool = True) -> type[BaseModel]:
    """A model of the answers to `questions` (unknown keys refused; types by `value_type`), nested by the dots
    of their ids (with `strip` taken off the front of each). Every answer is optional. Tables of the same
    shape (the 17 components' tables, the terms of every licence) are one model, named after what their
    keys share."""
    tree: dict[str, Any] = {}
    for q in questions:
        *parents, leaf = q.id.removeprefix(strip).split(".")
        table = tree
        for part in parents:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):  # the reader refuses such a bank: keep the value, drop the table
                break
        else:
            table.setdefault(leaf, q)
    paths: dict[tuple, list[tuple[str, ...]]] = {}
    _shape(tree, (), paths)
    return _model(tree, (), name, paths, {}, strict)


def _shape(tree: dict[str, Any], path: tuple[str, ...], paths: dict[tuple, list[tuple[str, ...]]]) -> tuple:
    """A key standing for the table's keys and types, and every table's path by that key."""
    key = tuple(
        (part, _shape(value, (*path, part), paths) if isinstance(value, dict) else (value.type, value.choice_values))
        for part, value in tree.items()
    )
    paths.setdefault(key, []).append(path)
    return key


def _model(
    tree: dict[str, Any], path: tuple[str, ...], root: str, paths: dict, made: dict, strict: bool
) -> type[BaseModel]:
    key = _shape(tree, path, {})
    if key in made:
        return made[key]
    fields: dict[str, Any] = {}
    for part, value in tree.items():
        kind = (
            _model(value, (*path, part), root, paths, made, strict)
            if isinstance(value, dict)
            else value_type(value, strict=strict)
        )
        fields[_field_name(part, fields)] = (kind | None, Field(default=None, alias=part))
    model = create_model(_model_name(root, paths[key]), __config__=_CONFIG, **fields)
    made[key] = model
    return model


def _field_name(part: str, taken: Mapping[str, Any]) -> str:
    """The attribute for a key: the key itself unless pydantic or Python reserves it (the alias keeps the key)."""
    reserved = part.startswith(("_", "model_")) or keyword.iskeyword(part) or hasattr(BaseModel, part)
    name = f"field_{part.lstrip('_')}" if reserved else part
    while name in taken:
        name += "_"
    return name


def _model_name(root: str, paths: list[tuple[str, ...]]) -> str:
    """'Answers', 'AnswersIdentity'; a shape several tables share: 'AnswersTerms' (the words their last keys
    end with), else 'AnswersComponentsItem' (the keys their paths start with)."""
    if not paths[0]:
        return root
    if len(paths) == 1:
        return root + _camel(paths[0])
    words: list[str] = []  # the words every last key ends with
    for ending in zip(*(reversed(p[-1].split("_")) for p in paths), strict=False):  # up to the shortest
        if len(set(ending)) > 1:
            break
        words.insert(0, ending[0])
    if words:
        return root + _camel(("_".join(words),))
    lead: list[str] = []
    for parts in zip(*paths, strict=False):  # up to the shortest
        if len(set(parts)) > 1:
            break
        lead.append(parts[0])
    return root + _camel(tuple(lead)) + "Item"


def _camel(parts: tuple[str, ...]) -> str:
    return "".join(word[:1].upper() + word[1:] for part in parts for word in part.split("_"))


@lru_cache(maxsize=8)
def answers_model(bank: Bank) -> type[BaseModel]:
    """The schema of an answers file and of a declaration's `[answers]`: every question of `bank`."""
    return model_for("Answers", bank.questions)


def schema_lines(bank: Bank) -> list[str]:
    """The answers schema in words, one line per question in bank order: its id, the type of its value,
    whether it is required when asked, and when it is asked (`openness lint --answers`)."""
    lines = []
    for q in bank.questions:
        kind = (
            f"one of {', '.join(str(v) for v in q.choice_values)}"
            if q.type == "choice"
            else {"bool": "true or false", "number": "a number (left out when not known)"}.get(
                q.type, f"{q.type} (a string)"
            )
        )
        required = ", required" if q.required else ""
        lines.append(f"{q.id}: {kind}{required}; asked {f'when {q.when}' if q.when else 'always'}")
    return lines


# --------------------------------------------------------------------------- flat and nested


def flatten(nested: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}; None values are dropped."""
    flat: dict[str, Any] = {}
    for key, value in nested.items():
        qid = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, qid + "."))
        elif value is not None:
            flat[qid] = value
    return flat


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """{"a.b": 1} -> {"a": {"b": 1}}, keys in the order given."""
    nested: dict[str, Any] = {}
    for qid, value in flat.items():
        if value is None:
            continue
        *parents, leaf = qid.split(".")
        table = nested
        for part in parents:
            table = table.setdefault(part, {})
        table[leaf] = value
    return nested


# --------------------------------------------------------------------------- validating


def describe_validation_error(error: ValidationError, prefix: str = "") -> str:
    """The first problem of a pydantic error in plain words: 'components.datasets.released: ...'."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    where = f"{prefix}{where}" if where else prefix.rstrip(".") or "(top level)"
    kind = first["type"]
    if kind == "extra_forbidden":
        message = "is not a known key"
    elif kind == "missing":
        message = "is missing"
    elif kind in ("bool_type", "string_type", "int_type", "float_type", "model_type", "dict_type"):
        expected = {
            "bool_type": "true or false",
            "string_type": "a string",
            "int_type": "a whole number",
            "float_type": "a number",
            "model_type": "a table",
            "dict_type": "a table",
        }[kind]
        message = f"should be {expected}, not {type(first.get('input')).__name__}"
    elif kind == "value_error" and first.get("ctx", {}).get("error") is not None:
        message = str(first["ctx"]["error"])
    else:
        message = first["msg"]
    more = len(error.errors()) - 1
    return f"{where}: {message}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def validate_answers(
    nested: Mapping[str, Any], *, bank: Bank | None = None, path: str | None = None, prefix: str = ""
) -> dict[str, Any]:
    """Check nested answers against the schema of `bank` (default: the bank in use) and return them flat;
    UserError names the bad key."""
    if bank is None:
        from questionnaire.bank import load_bank

        bank = load_bank()
    try:
        model = answers_model(bank).model_validate(nested)
    except ValidationError as error:
        raise UserError(describe_validation_error(error, prefix), path=path) from None
    return flatten(model.model_dump(by_alias=True, exclude_none=True))
