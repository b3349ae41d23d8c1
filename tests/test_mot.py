"""Importing the Model Openness Tool's records: every one reads, and what cannot be mapped is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire import loading
from questionnaire.errors import UserError
from questionnaire.mot import import_mot
from questionnaire.rules import classify
from tests.conftest import mot_files, read_yaml


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
    record = {
        "release": {
            "name": "X",
            "license": {
                "distribution": {"name": "Apache-2.0"},
                "document": {"name": "CC-BY-4.0"},
                "data": {"name": ""},
            },
            "components": [
                {"name": "Training code"},  # distribution licence
                {"name": "Model card"},  # document licence
                {"name": "Datasets"},  # data is empty: distribution
                {"name": "Inference code", "license": ""},  # '' means without a licence
                {"name": "Model architecture", "license": None},  # null falls back too
                {"name": "Model parameters (Final)", "license": "Apache 2.0"},  # kept exactly as written
            ],
        }
    }
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
    weights = result.framework("mof").requirement("mof-model_parameters_final")
    assert not weights.met and "now 'Apache 2.0'" in weights.action
    # ... but our tier reads it as Apache-2.0, and the MOF verdict says why the two differ.
    assert result.tier == "open-weight"
    assert any("'Apache 2.0' is read as Apache-2.0" in n for n in result.framework("mof").notes)


def test_unmappable_licence_strings_are_named_with_a_suggestion() -> None:
    record = {
        "release": {
            "name": "X",
            "license": {},
            "components": [
                {"name": "Model parameters (Final)", "license": "Llama 3.1 Comunity Licence"},
                {"name": "Model card", "license": "Mystery Licence"},
            ],
        }
    }
    warnings = import_mot(record).warnings
    assert any("Llama 3.1 Comunity Licence" in w and "LicenseRef-Llama-3.1" in w for w in warnings)
    assert any("Mystery Licence" in w for w in warnings)


def test_not_included_markers_are_not_downloadable_but_still_listed_for_the_mof() -> None:
    record = {
        "release": {
            "name": "API-only",
            "license": {},
            "components": [
                {"name": "Model parameters (Final)", "license": "Proprietary"},
                {"name": "Model architecture", "license": "Component not included"},
            ],
        }
    }
    imported = import_mot(record)
    assert imported.answers["components.model_parameters_final.access"] == "none"
    result = classify(imported.answers)
    assert result.tier == "closed"
    assert "now 'Proprietary'" in result.framework("mof").requirement("mof-model_parameters_final").action


@pytest.mark.parametrize(
    "record, message",
    [
        ([1, 2], "not a Model Openness Tool record"),
        ({"release": {"components": []}}, "release.name"),
        ({"release": {"name": "X", "components": "lots"}}, "should be a list"),
        ({"release": {"name": "X", "components": ["Datasets"]}}, "components[0]"),
        ({"release": {"name": "X", "components": [{"name": "Datasets", "license": ["MIT"]}]}}, "should be a string"),
    ],
)
def test_records_of_the_wrong_shape_are_plain_errors(record: object, message: str) -> None:
    with pytest.raises(UserError, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_mot(record, path="m.yml")


# ------------------------------------------------------------------ licences as MOT's records write them


def test_mot_licence_names_are_what_the_script_reads_from_the_records(mot_dir: Path) -> None:
    """data/mot_license_names.json is up to date: scripts/make_mot_license_names.py gives the same from
    the 273 records."""
    import importlib.util
    import json

    from questionnaire.mot import LICENSE_NAMES_FILE
    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "make_mot_license_names", ROOT / "scripts" / "make_mot_license_names.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    records = [read_yaml(path.read_text(encoding="utf-8")) for path in mot_files()]
    stored = json.loads(LICENSE_NAMES_FILE.read_text(encoding="utf-8"))["names"]
    assert script.license_names(records) == stored
    assert stored["LicenseRef-Llama-3.1"]["name"] == "Llama 3.1 Community License Agreement"
    assert stored["LicenseRef-Gemma-ToU"]["name"] == "Gemma Terms of Use"  # a name before the tag "gemma"


def test_every_ai_licence_is_written_by_a_name_that_reads_back_as_itself() -> None:
    from questionnaire import licenses
    from questionnaire.mot import license_as_mot_writes

    ai = [license_ for license_ in licenses.search("LicenseRef-", limit=10_000) if license_.kind == "ai"]
    assert len(ai) > 15
    for license_ in ai:
        written = license_as_mot_writes(license_.id)
        assert not written.startswith("LicenseRef-"), written
        match = licenses.lookup(written)
        assert match.license is not None and match.license.id == license_.id, (license_.id, written)
        assert match.confidence in (licenses.EXACT, licenses.ALIAS)
        assert licenses.mot_is_open(written) is licenses.mot_is_open(license_.id) is False


@pytest.mark.parametrize(
    "text",
    [
        "Apache-2.0",
        "apache 2.0",
        "CC-BY-4.0",
        "LicenseRef-Llama-3.1 OR MIT",
        "unlicensed",
        "Component not included",
        "Proprietary",
        "My Own Licence v2",
    ],
)
def test_spdx_ids_expressions_markers_and_unknown_text_are_written_as_they_are(text: str) -> None:
    from questionnaire.mot import license_as_mot_writes

    assert license_as_mot_writes(text) == text


def _weights_release(origin: str, name: str = "Tuned-7B") -> dict:
    return {
        "release": {
            "name": name,
            "origin": origin,
            "components": [{"name": "Model parameters (Final)", "license": "Apache-2.0"}],
        }
    }


def test_an_origin_the_tool_knows_is_the_base_model_whose_licence_binds_the_weights() -> None:
    """A record keeps a fine-tune's base model only as `release.origin`: Llama 3.1 8B relabelled Apache-2.0
    is no more open than Llama 3.1 8B, and the warning says where the base model was read from."""
    imported = import_mot(_weights_release("Llama-3.1-8B"))
    assert imported.answers["identity.is_finetune"] is True
    assert imported.answers["identity.base_model"] == "Llama-3.1-8B"
    assert imported.answers["identity.base_model_license"] == "LicenseRef-Llama-3.1"
    assert any(w.startswith("release.origin 'Llama-3.1-8B' names a model the tool knows") for w in imported.warnings)
    assert classify(imported.answers).tier == "partially-open"
    alone = _weights_release("")
    assert classify(import_mot(alone).answers).tier == "open-weight"  # the same weights, not a fine-tune


# the last: every name known, but longer than an answer may be (a hostile record's million names are not
# looked up one by one)
@pytest.mark.parametrize(
    "origin", ["", "Tuned-7B", "tuned-7b", "GPT", "Apache-2.0", "GPT-3, some differences", "Llama-3.1-8B, " * 200]
)
def test_an_origin_that_is_the_model_itself_or_no_known_model_makes_no_fine_tune(origin: str) -> None:
    imported = import_mot(_weights_release(origin))
    assert "identity.is_finetune" not in imported.answers and "identity.base_model" not in imported.answers
    assert not any("release.origin" in w for w in imported.warnings)


def test_a_real_record_built_on_a_known_model_is_not_open_source_without_its_data_information(mot_dir: Path) -> None:
    """Aquila-VL-2B names Qwen2.5-1.5B-instruct as its origin: open weights on an open base, but the base
    model's training data is not described, so OSAID 1.0 is not met."""
    source = loading.load(str(mot_dir / "Aquila-VL-2B.yml"))
    assert source.answers["identity.base_model_license"] == "Apache-2.0"
    result = classify(source.answers)
    assert result.tier == "open-weight"
    assert result.framework("mof").summary == "Class I"  # MOT's own class, which counts components only


def test_an_origin_that_names_the_records_own_model_another_way_makes_no_fine_tune() -> None:
    imported = import_mot(_weights_release("Llama-3.1-8B", name="Llama 3.1 8B"))
    assert "identity.is_finetune" not in imported.answers
    two = import_mot(_weights_release("Llama-3.1-8B, Qwen2.5-7B"))  # two known bases: both bind the weights
    assert two.answers["identity.base_model_license"] == "LicenseRef-Llama-3.1 AND Apache-2.0"
