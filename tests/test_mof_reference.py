"""The MOF class and progress against the Model Openness Tool's own regression set.

`fixtures/mot_test_data/expected_results.json` is MOT's `Test_Data/expected_results.json` (see the
README beside it): 27 model records, each with the class and progress MOT computed for it. Each record
goes through our importer (`questionnaire.mot.import_mot`) and then `questionnaire.mof.evaluate`; the
result must be MOT's, to one decimal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from questionnaire.components import BY_MOT_NAME
from questionnaire.mof import evaluate
from questionnaire.mot import import_mot

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mot_test_data" / "expected_results.json"
MOT_CLASS = {0: None, 1: "I", 2: "II", 3: "III"}
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _load_models() -> list[dict[str, Any]]:
    # MOT's file is not strict JSON: it has trailing commas ("version": "1.0",\n      }).
    text = FIXTURE.read_text(encoding="utf-8")
    return json.loads(_TRAILING_COMMA.sub(r"\1", text))["models"]


MODELS = _load_models()


def _licenses_from_import(model: dict[str, Any]) -> dict[str, str | None]:
    answers = import_mot(model).answers
    licenses: dict[str, str | None] = {}
    for name, value in answers.items():
        if name.startswith("components.") and name.endswith(".released") and value:
            key = name.split(".")[1]
            license_text = answers[f"components.{key}.license"]
            licenses[key] = None if license_text == "unlicensed" else license_text
    return licenses


def _licenses_as_mot_resolves(release: dict[str, Any]) -> dict[str, str | None]:
    """The same input built straight from the record, as MOT resolves licences."""
    table = release.get("license")
    table = table if isinstance(table, dict) else {}

    def global_name(kind: str) -> str | None:
        entry = table.get(kind)
        return (entry.get("name") or None) if isinstance(entry, dict) else None

    licenses: dict[str, str | None] = {}
    for entry in release.get("components", []):
        component = BY_MOT_NAME[entry["name"]]
        if entry.get("license") is not None:
            licenses[component.key] = entry["license"] or None
        else:
            licenses[component.key] = global_name(component.content_type) or global_name("distribution")
    return licenses


def test_the_fixture_has_27_models() -> None:
    assert len(MODELS) == 27
    assert len({m["release"]["name"] for m in MODELS}) == 27


@pytest.mark.parametrize("model", MODELS, ids=[m["release"]["name"] for m in MODELS])
def test_importer_resolves_licences_as_mot(model: dict[str, Any]) -> None:
    assert _licenses_from_import(model) == _licenses_as_mot_resolves(model["release"])


@pytest.mark.parametrize("model", MODELS, ids=[m["release"]["name"] for m in MODELS])
def test_mof_class_and_progress_match_mot(model: dict[str, Any]) -> None:
    expected = model["classification"]
    result = evaluate(_licenses_from_import(model))
    assert result.mof_class == MOT_CLASS[expected["class"]]
    assert result.progress == {
        "III": round(expected["progress"]["3"], 1),
        "II": round(expected["progress"]["2"], 1),
        "I": round(expected["progress"]["1"], 1),
    }
