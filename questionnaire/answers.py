"""Answers to the questionnaire: a flat mapping from question id to value, nested tables on disk.

`AnswersModel` is the schema of an answers file (and of a declaration's `[answers]` table). It is
strict: unknown keys and wrong types are errors that name the key. Every text answer is one line of
characters that can be shown as themselves: a control character (ESC, a bell, a newline), a bidi
override or an invisible character is refused with a message that names the key and the character,
never altered (licence strings are compared exactly as written).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Mapping

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictBool, StrictStr, ValidationError

from questionnaire.components import CLICK_THROUGH_CHOICES, COMPONENTS, TERM_KEYS
from questionnaire.errors import UserError
from questionnaire.text import unsafe_character

Access = Literal["public", "click_through", "approval", "on_request", "none"]
ClickThrough = Literal[CLICK_THROUGH_CHOICES]  # type: ignore[valid-type]
Listing = Literal["published", "not_published", "none_used"]
Modality = Literal["text", "code", "image", "audio", "video", "multimodal", "other"]


def _shown_as_itself(value: str) -> str:
    problem = unsafe_character(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Text = Annotated[StrictStr, AfterValidator(_shown_as_itself)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IdentityAnswers(_Strict):
    name: Text | None = None
    version: Text | None = None
    publisher: Text | None = None
    contact: Text | None = None
    repository: Text | None = None
    modality: Modality | None = None
    architecture: Text | None = None
    is_finetune: StrictBool | None = None
    base_model: Text | None = None
    base_model_license: Text | None = None
    base_data_information: StrictBool | None = None


class DevelopmentAnswers(_Strict):
    supporting_libraries_used: StrictBool | None = None


TermsAnswers = _Strict.__class__(
    "TermsAnswers",
    (_Strict,),
    {
        "__annotations__": {key: StrictBool | None for key in TERM_KEYS},
        **{key: None for key in TERM_KEYS},
        "__module__": __name__,
    },
)


class ComponentAnswers(_Strict):
    released: StrictBool | None = None
    location: Text | None = None
    license: Text | None = None
    access: Access | None = None
    click_through_terms: ClickThrough | None = None
    terms: TermsAnswers | None = None  # type: ignore[valid-type]


class DataInformationAnswers(_Strict):
    description: StrictBool | None = None
    description_license: Text | None = None
    description_terms: TermsAnswers | None = None  # type: ignore[valid-type]
    public_list: Listing | None = None
    public_list_license: Text | None = None
    public_list_terms: TermsAnswers | None = None  # type: ignore[valid-type]
    third_party_list: Listing | None = None
    third_party_list_license: Text | None = None
    third_party_list_terms: TermsAnswers | None = None  # type: ignore[valid-type]


ComponentsAnswers = _Strict.__class__(
    "ComponentsAnswers",
    (_Strict,),
    {
        "__annotations__": {c.key: ComponentAnswers | None for c in COMPONENTS},
        **{c.key: None for c in COMPONENTS},
        "__module__": __name__,
    },
)


class AnswersModel(_Strict):
    identity: IdentityAnswers = IdentityAnswers()
    development: DevelopmentAnswers = DevelopmentAnswers()
    components: ComponentsAnswers = ComponentsAnswers()  # type: ignore[valid-type]
    data_information: DataInformationAnswers = DataInformationAnswers()


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
        expected = {"bool_type": "true or false", "string_type": "a string", "int_type": "a whole number",
                    "float_type": "a number", "model_type": "a table", "dict_type": "a table"}[kind]
        message = f"should be {expected}, not {type(first.get('input')).__name__}"
    elif kind == "value_error" and first.get("ctx", {}).get("error") is not None:
        message = str(first["ctx"]["error"])
    else:
        message = first["msg"]
    more = len(error.errors()) - 1
    return f"{where}: {message}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def validate_answers(nested: Mapping[str, Any], *, path: str | None = None, prefix: str = "") -> dict[str, Any]:
    """Check nested answers against the schema and return them flat; UserError names the bad key."""
    try:
        model = AnswersModel.model_validate(nested)
    except ValidationError as error:
        raise UserError(describe_validation_error(error, prefix), path=path) from None
    return flatten(model.model_dump(exclude_none=True))
