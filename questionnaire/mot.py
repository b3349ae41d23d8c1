"""Import a Model Openness Tool model record (YAML) as answers.

Components listed are released; each one's licence is resolved as MOT resolves it (its own licence,
else the release's licence for its content type, else the distribution licence); access is assumed
public. Licence strings are kept exactly as written, so the MOF class equals MOT's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from questionnaire import ids
from questionnaire.components import BY_MOT_NAME
from questionnaire.errors import UserError
from questionnaire.resources import data_file
from questionnaire.text import one_line, quoted

LICENSE_NAMES_FILE = data_file("mot_license_names.json")


@dataclass(frozen=True)
class Imported:
    answers: dict[str, Any]
    warnings: tuple[str, ...]


def looks_like_mot(data: Any) -> bool:
    return isinstance(data, Mapping) and "release" in data and isinstance(data.get("release"), Mapping)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _global_license(release: Mapping[str, Any], kind: str) -> str | None:
    table = release.get("license")
    if not isinstance(table, Mapping):
        return None
    entry = table.get(kind)
    if not isinstance(entry, Mapping):
        return None
    name = _text(entry.get("name"))
    return name or None  # MOT treats an empty name as absent


_NOT_AVAILABLE = re.compile(r"not\s+includ|undisclosed|^\s*proprietary\s*$", re.IGNORECASE)


def says_not_available(license_text: str) -> bool:
    """MOT records mark weights, code or data that cannot be had with strings such as 'Component not
    included', 'Undisclosed' or 'Proprietary' in the licence field."""
    return bool(_NOT_AVAILABLE.search(license_text))


@cache
def _qids(key: str) -> tuple[str, str, str, str]:
    """A component's answer ids an import sets: released, licence, access and location."""
    return tuple(ids.component(key, field) for field in (ids.RELEASED, ids.LICENSE, ids.ACCESS, ids.LOCATION))  # type: ignore[return-value]


def _origin_as_base(answers: dict[str, Any], origin: str, name: str) -> list[str]:
    """MOT's `release.origin`, read as the base model of a fine-tune when it names a model the tool knows
    (`lineage.find`) other than the record's own: its licence then binds the weights, as a model card's
    `base_model` does, and its data information, which no record gives, counts as not published. The
    field is loose in the records (a family, "GPT", a licence, the model itself): anything else is left
    as it is, a release not known to be a fine-tune."""
    from questionnaire import lineage

    found = lineage.find(origin)
    own = lineage.known_model(name)
    if found is None or (own is not None and own in found.models):  # unknown, or the record's own model
        return []
    lineage.set_base(answers, origin, found)
    return [
        f"release.origin {quoted(origin)} names a model the tool knows, read as the base model: its weights are "
        f"under {one_line(found.license)}, because {one_line(found.reason)}; its data information is not in the "
        "record, so it counts as not published"
    ]


def import_mot(data: Any, *, path: str | None = None) -> Imported:
    """Answers from a parsed MOT record; UserError when its shape is not a MOT record."""
    from questionnaire import licenses

    if not looks_like_mot(data):
        raise UserError("is not a Model Openness Tool record (no 'release' table)", path=path)
    release = data["release"]
    name = _text(release.get("name"))
    if not name:
        raise UserError("release.name is missing or empty", path=path)
    components = release.get("components")
    if components is None:
        components = []
    if not isinstance(components, list):
        raise UserError("release.components should be a list", path=path)

    answers: dict[str, Any] = {ids.NAME: name}
    for field, qid in (
        ("version", ids.VERSION),
        ("producer", ids.PUBLISHER),
        ("contact", ids.CONTACT),
        ("repository", ids.REPOSITORY),
        ("architecture", ids.ARCHITECTURE),
    ):
        value = _text(release.get(field))
        if value:
            answers[qid] = value
    warnings: list[str] = []
    origin = _text(release.get("origin"))
    if origin and origin.casefold() != name.casefold():
        warnings += _origin_as_base(answers, origin, name)
    listed: dict[str, str | None] = {}
    for index, entry in enumerate(components):
        if not isinstance(entry, Mapping):
            raise UserError(f"release.components[{index}] should be a table with a name", path=path)
        component_name = _text(entry.get("name"))
        component = BY_MOT_NAME.get(component_name or "")
        if component is None:
            warnings.append(f"component {quoted(component_name)} is not one of the 17 MOF components; ignored")
            continue
        if "license" in entry and entry["license"] is not None:
            license_text = _text(entry["license"])
            if license_text is None:
                raise UserError(f"release.components[{index}].license should be a string", path=path)
            license_text = license_text or None  # '' means included without a licence
        else:
            license_text = _global_license(release, component.content_type) or _global_license(release, "distribution")
        listed[component.key] = license_text
        released_qid, license_qid, access_qid, location_qid = _qids(component.key)
        answers[released_qid] = True
        answers[license_qid] = license_text if license_text is not None else "unlicensed"
        answers[access_qid] = "public"
        if component.content_type != "document" and license_text and says_not_available(license_text):
            answers[access_qid] = "none"
            warnings.append(
                f"{component.mot_name}: listed with licence {quoted(license_text)}, read as "
                "not downloadable (the MOF class still counts it as listed, as MOT does)"
            )
        location = _text(entry.get("component_path")) or _text(entry.get("location"))
        if location:
            answers[location_qid] = location

    answers[ids.SUPPORTING_LIBRARIES_USED] = "supporting_libraries" in listed

    # Data information, as our ruleset reads a MOT record: a Data card and a Technical report or
    # Research paper, each under an open licence, stand for the three OSAID data-information items.
    def open_doc(key: str) -> str | None:
        text = listed.get(key)
        if key in listed and text and not licenses.is_unlicensed(text):
            match = licenses.lookup(text)
            if match.license is not None and match.confidence in ("exact", "alias") and match.license.open_terms:
                return text
        return None

    card = open_doc("data_card")
    report = open_doc("technical_report") or open_doc("research_paper")
    if card and report:
        answers[ids.data_item("description")] = True
        answers[ids.data_license("description")] = card
        for item in ("public_list", "third_party_list"):
            answers[ids.data_item(item)] = "published"
            answers[ids.data_license(item)] = card
    else:
        answers[ids.data_item("description")] = False
        answers[ids.data_item("public_list")] = "not_published"
        answers[ids.data_item("third_party_list")] = "not_published"

    seen: set[str] = set()
    for text in listed.values():
        if not text or licenses.is_unlicensed(text) or text in seen:
            continue
        seen.add(text)
        match = licenses.lookup(text)
        if match.license is None:
            hint = f"; nearest known licence: {match.suggestions[0].id}" if match.suggestions else ""
            warnings.append(f"licence {quoted(text)} could not be mapped to a known licence{hint}")
    return Imported(answers, tuple(warnings))


# ---------------------------------------------------------------- licences as MOT's records write them


@cache
def _license_names() -> dict[str, str]:
    import json

    data = json.loads(LICENSE_NAMES_FILE.read_text(encoding="utf-8"))
    return {license_id: entry["name"] for license_id, entry in data["names"].items()}


def license_as_mot_writes(text: str) -> str:
    """The licence string a MOT record holds for `text`. An AI licence (one with no SPDX id) is written
    by the name MOT's records use for it (data/mot_license_names.json, made from the 273 records by
    scripts/make_mot_license_names.py), else by its name in the knowledge base, never as a
    `LicenseRef-` id. Anything else stays as it is: SPDX ids and expressions (MOT compares them
    exactly), unknown text, 'unlicensed' and MOT's 'not included' markers."""
    from questionnaire import licenses

    if licenses.mot_is_open(text) or licenses.is_unlicensed(text):
        return text
    match = licenses.lookup(text)
    if match.license is None or match.license.kind != "ai" or match.confidence not in (licenses.EXACT, licenses.ALIAS):
        return text
    return _license_names().get(match.license.id, match.license.name)
