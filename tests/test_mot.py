"""Importing the Model Openness Tool's records: every one reads, and what cannot be mapped is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire import loading
from questionnaire.errors import UserError
from questionnaire.mot import import_mot
from questionnaire.rules import classify
from tests.conftest import mot_files


def test_every_mot_record_imports_and_classifies(mot_dir: Path) -> None:
    files = mot_files()
    assert len(files) == 273
    for path in files:
        source = loading.load(str(path))
        assert source.kind == "mot"
        assert source.answers["identity.name"]
        result = classify(source.answers)
        assert result.tier in ("open-source", "open-weight", "partially-open", "closed")


def test_licences_resolve_as_mot_does() -> None:
    record = {"release": {
        "name": "X",
        "license": {"distribution": {"name": "Apache-2.0"}, "document": {"name": "CC-BY-4.0"}, "data": {"name": ""}},
        "components": [
            {"name": "Training code"},                               # distribution licence
            {"name": "Model card"},                                  # document licence
            {"name": "Datasets"},                                    # data is empty: distribution
            {"name": "Inference code", "license": ""},               # '' means without a licence
            {"name": "Model architecture", "license": None},         # null falls back too
            {"name": "Model parameters (Final)", "license": "Apache 2.0"},  # kept exactly as written
        ],
    }}
    answers = import_mot(record).answers
    assert answers["components.training_code.license"] == "Apache-2.0"
    assert answers["components.model_card.license"] == "CC-BY-4.0"
    assert answers["components.datasets.license"] == "Apache-2.0"
    assert answers["components.inference_code.license"] == "unlicensed"
    assert answers["components.model_architecture.license"] == "Apache-2.0"
    assert answers["components.model_parameters_final.license"] == "Apache 2.0"
    assert answers["components.model_parameters_final.access"] == "public"
    assert "components.evaluation_code.released" not in answers
    result = classify(answers)
    # 'Apache 2.0' is not an SPDX id, so the MOF does not count the weights as open ...
    assert result.mof.buckets["model_parameters_final"] == "invalid"
    # ... but our tier reads it as Apache-2.0, and says why the two differ.
    assert result.tier == "open-weight"
    assert any("'Apache 2.0' is read as Apache-2.0" in w for w in result.warnings)


def test_unmappable_licence_strings_are_named_with_a_suggestion() -> None:
    record = {"release": {"name": "X", "license": {}, "components": [
        {"name": "Model parameters (Final)", "license": "Llama 3.1 Comunity Licence"},
        {"name": "Model card", "license": "Mystery Licence"},
    ]}}
    warnings = import_mot(record).warnings
    assert any("Llama 3.1 Comunity Licence" in w and "LicenseRef-Llama-3.1" in w for w in warnings)
    assert any("Mystery Licence" in w for w in warnings)


def test_not_included_markers_are_not_downloadable_but_still_listed_for_the_mof() -> None:
    record = {"release": {"name": "API-only", "license": {}, "components": [
        {"name": "Model parameters (Final)", "license": "Proprietary"},
        {"name": "Model architecture", "license": "Component not included"},
    ]}}
    imported = import_mot(record)
    assert imported.answers["components.model_parameters_final.access"] == "none"
    result = classify(imported.answers)
    assert result.tier == "closed"
    assert result.mof.buckets["model_parameters_final"] == "invalid"


@pytest.mark.parametrize("record, message", [
    ([1, 2], "not a Model Openness Tool record"),
    ({"release": {"components": []}}, "release.name"),
    ({"release": {"name": "X", "components": "lots"}}, "should be a list"),
    ({"release": {"name": "X", "components": ["Datasets"]}}, "components[0]"),
    ({"release": {"name": "X", "components": [{"name": "Datasets", "license": ["MIT"]}]}}, "should be a string"),
])
def test_records_of_the_wrong_shape_are_plain_errors(record: object, message: str) -> None:
    with pytest.raises(UserError, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_mot(record, path="m.yml")
