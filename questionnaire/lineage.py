"""A fine-tune's lineage: finding its base model among the models the tool knows, and the licence of
the base model's weights.

The tool knows a model when it is one of the shipped examples (`questionnaire/examples/*.toml`: its name,
and the Hugging Face ids of its weights' location and repository) or in `data/known_models.toml`, derived
from the Model Openness Tool's records by `scripts/build_known_models.py`. The shipped examples come
first; a name or id that two known models give different licences is not matched at all.

`find(text)` takes what a publisher writes for `identity.base_model` (a name such as "Llama 3.1 8B", a
Hugging Face id such as "meta-llama/Llama-3.1-8B", or its address) and gives the `BaseLicence` to
propose with the reason, or None. `proposal_for` is what the questionnaire shows on the base-licence
question. Core module: no Textual; the data is read once, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from questionnaire import ids
from questionnaire.resources import data_file
from questionnaire.text import MAX_ANSWER_LENGTH

KNOWN_MODELS_FILE = data_file("known_models.toml")

_HF_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(.*)$", re.IGNORECASE)
_HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_NOT_MODELS = frozenset({"datasets", "spaces", "docs", "blog", "models", "collections", "papers", "organizations"})
_KEY_SEPARATORS = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class KnownModel:
    name: str
    hf_id: str | None
    license: str  # the weights licence exactly as the example or the record gives it
    read_from: str  # where: "the shipped example Llama 3.1 8B", "MOT record Llama-2-7B.yml: ..."
    example: bool = False


@dataclass(frozen=True)
class BaseLicence:
    """The licence to propose for a base model's weights, and why."""

    license: str  # the licence's id when the knowledge base knows it (an AND expression for several bases)
    reason: str
    models: tuple[KnownModel, ...]


def hf_id(text: str) -> str | None:
    """The Hugging Face id `org/name` of an id or a huggingface.co address, else None."""
    text = (text or "").strip()
    address = _HF_ADDRESS.match(text)
    if address:
        parts = [part for part in address.group(1).split("?")[0].split("#")[0].split("/") if part]
        if len(parts) < 2 or parts[0].casefold() in _NOT_MODELS:
            return None
        text = f"{parts[0]}/{parts[1]}"
    return text if _HF_ID.match(text) else None


def _name_key(text: str) -> str:
    """Names compared without case or punctuation: "Llama 3.1 8B" and "Llama-3.1-8B" agree."""
    return _KEY_SEPARATORS.sub("-", text.casefold()).strip("-")


def keys_of(name: str, hf: str | None) -> tuple[str, ...]:
    """The keys a model is found under: its name, its Hugging Face id and that id's name part."""
    keys = [f"name:{_name_key(name)}"] if _name_key(name) else []
    if hf:
        keys += [f"hf:{hf.casefold()}", f"name:{_name_key(hf.split('/', 1)[1])}"]
    return tuple(dict.fromkeys(keys))


def _query_keys(text: str) -> tuple[str, ...]:
    found = hf_id(text)
    if found:
        return (f"hf:{found.casefold()}", f"name:{_name_key(found.split('/', 1)[1])}")
    return (f"name:{_name_key(text)}",) if _name_key(text) else ()


def _example_models() -> list[KnownModel]:
    from questionnaire import licenses
    from questionnaire.examples import list_examples

    out = []
    for example in list_examples():
        text = example.weights_license
        if not text or not licenses.is_known(text):
            continue
        ids = [found for found in (hf_id(example.weights_location or ""), hf_id(example.repository or "")) if found]
        for hf in dict.fromkeys(ids) or [None]:
            out.append(KnownModel(example.name, hf, text, f"the shipped example {example.name}", example=True))
    return out


def _record_models() -> list[KnownModel]:
    import tomllib

    with open(KNOWN_MODELS_FILE, "rb") as handle:
        data = tomllib.load(handle)
    return [
        KnownModel(entry["name"], entry.get("hf_id"), entry["license"], entry["read_from"])
        for entry in data.get("model", ())
    ]


@cache
def _index() -> dict[str, KnownModel | None]:
    """Key -> the known model, or None when two known models at the same level disagree on the licence."""
    from questionnaire import licenses

    index: dict[str, KnownModel | None] = {}
    for level in (_example_models(), _record_models()):
        found: dict[str, list[KnownModel]] = {}
        for model in level:
            for key in keys_of(model.name, model.hf_id):
                found.setdefault(key, []).append(model)
        for key, models in found.items():
            if key in index:
                continue  # a shipped example wins over a record
            licence_ids = {licenses.lookup(model.license).license.id for model in models}
            index[key] = models[0] if len(licence_ids) == 1 else None
    return index


def known_model(text: str) -> KnownModel | None:
    """The known model a base-model answer names (one model), or None."""
    index = _index()
    for key in _query_keys(text):
        if key in index:
            return index[key]
    return None


def _reason(model: KnownModel, license_id: str) -> str:
    if model.example:
        return f"{model.read_from} declares its weights under {license_id}"
    said = f"the Model Openness Tool's record of {model.name} gives its weights the licence"
    if model.license == license_id:
        return f"{said} {license_id} ({model.read_from})"
    return f"{said} '{model.license}' ({model.read_from}), read as {license_id}"


def find(text: Any) -> BaseLicence | None:
    """The licence of the base model(s) a `identity.base_model` answer names, when the tool knows every
    one of them ("a, b" names several, as a model card's list of base models does), else None."""
    from questionnaire import licenses

    # longer than an answer may be, it could not be a base-model answer: not looked up, name by name
    if not isinstance(text, str) or len(text) > MAX_ANSWER_LENGTH:
        return None
    names = [part.strip() for part in text.split(",") if part.strip()]
    models = [known_model(name) for name in names]
    if not models or any(model is None for model in models):
        return None
    licence_ids = list(dict.fromkeys(licenses.lookup(model.license).license.id for model in models))  # type: ignore[union-attr]
    reasons = [_reason(model, licenses.lookup(model.license).license.id) for model in models]  # type: ignore[union-attr]
    return BaseLicence(" AND ".join(licence_ids), "; ".join(dict.fromkeys(reasons)), tuple(models))  # type: ignore[arg-type]


def set_base(answers: dict[str, Any], base: str, found: BaseLicence | None) -> None:
    """The answers of a fine-tune of `base` (what an importer read as its base model), with the base's
    licence when the tool knows it (`found`, from `find`)."""
    answers[ids.IS_FINETUNE] = True
    answers[ids.BASE_MODEL] = base
    if found is not None:
        answers[ids.BASE_MODEL_LICENSE] = found.license


def proposal_for(question_id: str, answers: Mapping[str, Any]) -> BaseLicence | None:
    """What the questionnaire proposes for a question, given the answers so far: the base model's
    licence on the base-licence question when the base model is known; nothing elsewhere."""
    if question_id != ids.BASE_MODEL_LICENSE:
        return None
    return find(answers.get(ids.BASE_MODEL))


__all__ = ["BaseLicence", "KnownModel", "KNOWN_MODELS_FILE", "find", "hf_id", "keys_of", "known_model", "proposal_for"]
