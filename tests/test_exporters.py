"""Exports: a README report, JSON, a MOT record that classifies the same, Hugging Face fields, a badge."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import declaration, exporters, loading
from questionnaire.components import BY_MOT_NAME
from questionnaire.frameworks import all_frameworks
from questionnaire.mot import import_mot
from questionnaire.rules import classify
from tests.conftest import ROOT, mot_files, open_source_answers, read_yaml, run, write_answers

W = "components.model_parameters_final."
MOT_SCHEMA = ROOT.parent / "shared" / "data" / "mot" / "mof_schema.json"


def mof_of(item: dict) -> tuple[str, list[float]]:
    """The MOF class and progress of a classification as `openness classify --json` gives it."""
    verdict = next(v for v in item["frameworks"] if v["id"] == "mof")
    return verdict["summary"], [m["value"] for m in verdict["measures"]]


def mot_reading(exported: exporters.Exported):
    return classify(import_mot(read_yaml(exported.text)).answers)


# ------------------------------------------------------------------ MOT: the round trip


def test_every_mot_record_round_trips_with_the_same_class_and_tier(mot_dir: Path, tmp_path: Path) -> None:
    """Declare each of MOT's 273 records, export the declaration to MOT, and classify the export with
    `openness classify`: the tier and MOF class (and progress) are the declaration's, every one."""
    files = mot_files()
    assert len(files) == 273
    declared = {}
    exports = []
    for index, path in enumerate(files):
        decl = declaration.build(loading.load(str(path)).answers)
        exported = exporters.to_mot(decl)
        assert exported.warnings == (), (path.name, exported.warnings)
        _check_mot_shape(read_yaml(exported.text))
        out = tmp_path / f"{index:03d}-{path.name}"
        out.write_text(exported.text, encoding="utf-8")
        exports.append(str(out))
        declared[str(out)] = decl.classification
    result = run("classify", *exports, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    kept = [
        item
        for item in payload
        if item["tier"] == declared[item["source"]].tier
        and mof_of(item)
        == (
            declared[item["source"]].framework("mof").summary,
            [m.value for m in declared[item["source"]].framework("mof").measures],
        )
    ]
    assert len(payload) == len(kept) == 273


@functools.cache
def _mot_validator():
    """MOT's own record schema (mof_schema.json), with its `date` formats checked; the schema itself is
    checked once (against its metaschema: most of the round trip's time when it was checked per record)."""
    import jsonschema

    if not MOT_SCHEMA.exists():
        pytest.skip("MOT's mof_schema.json is not beside this checkout (../shared/data/mot)")
    schema = json.loads(MOT_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


def _check_mot_shape(record: dict) -> None:
    """The record validates against MOT's mof_schema.json, and holds what MOT's importer reads."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _mot_validator().iter_errors(record)]
    assert errors == []
    assert set(record) == {"framework", "release"}
    assert record["framework"] == {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}
    release = record["release"]
    assert release["name"] and release["date"]
    for item in release["components"]:
        assert item["name"] in BY_MOT_NAME
        assert set(item) <= {"name", "description", "license", "license_path", "component_path"}
        assert "LicenseRef-" not in item["license"]


def test_mot_export_matches_mots_schema_and_keeps_exact_licence_strings(mot_dir: Path) -> None:
    decl = declaration.build(loading.load(str(mot_dir / "Llama-3.1-8B.yml")).answers)
    exported = exporters.to_mot(decl)
    assert exported.text.startswith("# Model Openness Tool record of Llama-3.1-8B")
    record = read_yaml(exported.text)
    _check_mot_shape(record)
    licences = {item["name"]: item["license"] for item in record["release"]["components"]}
    assert licences["Model parameters (Final)"] == "Llama 3.1 Community License Agreement"
    assert licences["Evaluation data"] == "unlicensed"
    assert record["release"]["producer"] == "Meta"


# ------------------------------------------------------------------ MOT: the shipped examples


def test_every_example_exports_a_mot_record_that_validates_and_reads_back(tmp_path: Path) -> None:
    """Each shipped example exports to a record that MOT's schema accepts, with a release
    date, its architecture in MOT's words, AI licences by the names MOT's records use, and each licence's
    recorded source as its license_path; `openness classify` on the file gives the declared MOF class, and
    the declared tier unless the export says why not."""
    from questionnaire.examples import EXAMPLES_DIR, list_examples

    examples = list_examples()
    assert len(examples) == len(list(EXAMPLES_DIR.glob("*.toml"))) >= 20
    declared, warned, paths = {}, {}, []
    for example in examples:
        decl = exporters.declaration_for(loading.load(str(example.path)))
        exported = exporters.to_mot(decl)
        record = read_yaml(exported.text)
        _check_mot_shape(record)
        release = record["release"]
        assert release["date"] == decl.classification.generated_at.date().isoformat()
        assert "# release.date is the date the declaration was made" in exported.text
        if decl.model.architecture:
            assert release["architecture"] != "other", (example.slug, decl.model.architecture)
        for item in release["components"]:
            key = BY_MOT_NAME[item["name"]].key
            source = decl.sources.get(f"components.{key}.license")
            if source is not None and item["license"] != "unlicensed":
                assert item["license_path"] == source.url
        path = tmp_path / f"{example.slug}.yml"
        path.write_text(exported.text, encoding="utf-8")
        paths.append(str(path))
        declared[str(path)] = decl.classification
        warned[str(path)] = exported.warnings
    result = run("classify", *paths, "--json")
    assert result.returncode == 0, result.stderr
    moved = []
    for item in json.loads(result.stdout):
        stored = declared[item["source"]]
        assert mof_of(item)[0] == stored.framework("mof").summary, item["source"]
        if item["tier"] != stored.tier:  # said in the export itself, first of its warnings
            moved.append(Path(item["source"]).stem)
            assert warned[item["source"]][0].startswith(f"a MOT reading of this record gives tier {item['tier']}")
            assert any("the data information" in warning for warning in warned[item["source"]])
        if Path(item["source"]).stem == "relabelled-llama":
            # a fine-tune's base model is kept in the record only as its `origin`; read back as the base
            # model the tool knows, its licence binds the weights relabelled Apache-2.0, as in the declaration
            assert item["tier"] == "partially-open"
            assert any(
                "release.origin" in warning and "read as the base model" in warning for warning in item["warnings"]
            )
    # Every example states its Data card, through which a MOT record carries the data information, and a
    # fine-tune's base model comes back from `origin`: no example's tier moves in a MOT reading.
    assert moved == []


def test_mot_export_names_ai_licences_as_mots_records_do() -> None:
    from questionnaire.examples import example_path

    decl = exporters.declaration_for(loading.load(str(example_path("llama-3.1-8b"))))
    release = read_yaml(exporters.to_mot(decl).text)["release"]
    assert release["license"]["distribution"] == {
        "name": "Llama 3.1 Community License Agreement",
        "path": "https://www.llama.com/llama3_1/license/",
    }
    licences = {item["name"]: item["license"] for item in release["components"]}
    assert licences["Model parameters (Final)"] == "Llama 3.1 Community License Agreement"
    assert licences["Research paper"] == "unlicensed"
    assert "license_path" not in next(i for i in release["components"] if i["name"] == "Research paper")


def test_mot_release_date_comes_from_a_dated_version_else_the_declaration() -> None:
    dated = declaration.build(open_source_answers(**{"identity.version": "2024-07-23"}))
    assert exporters.mot_release_date(dated) == ("2024-07-23", "the version answer")
    exported = exporters.to_mot(dated)
    assert read_yaml(exported.text)["release"]["date"] == "2024-07-23"
    assert "# release.date is the version answer." in exported.text
    for version in ("7B", "2024-13-45", "v2024-07-23"):
        decl = declaration.build(open_source_answers(**{"identity.version": version}))
        assert exporters.mot_release_date(decl) == (
            decl.classification.generated_at.date().isoformat(),
            "the date the declaration was made",
        )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("transformer decoder", "transformer decoder"),
        ("Transformer Decoder", "transformer decoder"),
        ("transformer decoder (GPT-NeoX)", "transformer decoder"),
        ("transformer decoder (LLaMA-7B architecture)", "transformer decoder"),
        ("sparse mixture-of-experts transformer decoder", "transformer decoder"),
        ("decoder-only transformer", "transformer decoder"),
        ("transformer encoder-decoder", "transformer encoder-decoder"),
        ("latent diffusion (U-Net, CLIP ViT-L/14 text encoder)", "diffusion"),
        ("diffusion transformer", "diffusion"),
        ("hybrid Mamba-transformer", "hybrid"),
        ("recurrent neural network", "RNN"),
        ("LSTM", "LSTM"),
        ("convolutional network", "CNN"),
        ("BERT-style encoder", "encoder"),
        ("transformer", "transformer"),
        ("undisclosed", "undisclosed"),
        ("state space model", "other"),
        ("encoder-decoder", "other"),
        ("", "other"),
    ],
)
def test_mot_architecture_maps_free_text_to_mots_values(text: str, expected: str) -> None:
    assert exporters.mot_architecture(text) == expected


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_mot_architecture_is_always_one_of_mots_values(text: str) -> None:
    assert exporters.mot_architecture(text) in exporters.MOT_ARCHITECTURES


GATED_CASES = {
    # name: (answers, what survives)
    "click-through of open weights": open_source_answers(
        **{W + "access": "click_through", W + "click_through_terms": "license_only"}
    ),
    "approval gate on Llama weights": open_source_answers(
        **{W + "access": "approval", W + "license": "LicenseRef-Llama-3.1"}
    ),
    "request-only Llama weights, open code": {
        "identity.name": "X",
        W + "released": True,
        W + "license": "LicenseRef-Llama-3.1",
        W + "access": "on_request",
        "components.inference_code.released": True,
        "components.inference_code.license": "Apache-2.0",
    },
    "not downloadable weights, nothing else": {
        "identity.name": "X",
        W + "released": True,
        W + "license": "LicenseRef-Llama-3.1",
        W + "access": "none",
    },
    "approval gate on open weights": open_source_answers(**{W + "access": "approval"}),
    "not downloadable open weights": open_source_answers(**{W + "access": "none"}),
}


@pytest.mark.parametrize("name", list(GATED_CASES))
def test_gated_releases_keep_tier_and_class(name: str, tmp_path: Path) -> None:
    decl = declaration.build(GATED_CASES[name])
    exported = exporters.to_mot(decl)
    _check_mot_shape(read_yaml(exported.text))
    path = tmp_path / "export.yml"
    path.write_text(exported.text, encoding="utf-8")
    result = run("classify", str(path), "--json")
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["tier"] == decl.classification.tier
    assert mof_of(reading)[0] == decl.classification.framework("mof").summary
    access = decl.components["model_parameters_final"].access
    if access != "public":  # what MOT cannot carry is said, in the warnings and in the file
        assert exported.warnings or "Component not included" in exported.text
        for warning in exported.warnings:
            assert f"# Not carried: {warning}" in exported.text


def test_an_approval_gate_that_only_access_can_express_is_reported_honestly() -> None:
    """Open weights behind an approval gate in a Class III release: MOT can keep the licence (and Class III)
    or the gate (and the tier), not both. The export keeps the exact licence and says the tier differs."""
    answers = open_source_answers(
        **{
            W + "access": "approval",
            "components.evaluation_results.released": True,
            "components.evaluation_results.license": "CC-BY-4.0",
        }
    )
    decl = declaration.build(answers)
    assert (decl.classification.tier, decl.classification.framework("mof").summary) == ("partially-open", "Class III")
    exported = exporters.to_mot(decl)
    reading = mot_reading(exported)
    assert reading.framework("mof").summary == "Class III"
    assert reading.tier != decl.classification.tier
    assert exported.warnings[0] == (
        f"a MOT reading of this record gives tier {reading.tier} and MOF Class III, "
        "not the declared partially-open and Class III"
    )
    assert any("approval gate: MOT has no access field" in warning for warning in exported.warnings)


def test_data_information_without_documents_is_reported() -> None:
    answers = open_source_answers(**{"components.data_card.released": False, "components.datasets.released": False})
    decl = declaration.build(answers)
    exported = exporters.to_mot(decl)
    assert decl.classification.tier == "open-source" and mot_reading(exported).tier == "open-weight"
    assert any("data information" in warning for warning in exported.warnings)


def test_cli_mot_export_warns_on_stderr(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.toml", open_source_answers(**{W + "access": "click_through"}))
    result = run("export", str(answers), "--format", "mot")
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "click-through" in result.stderr
    assert read_yaml(result.stdout)["release"]["name"] == "Example-7B"


# ------------------------------------------------------------------ Hugging Face fields


def front_matter(text: str) -> dict:
    assert text.startswith("---\n") and text.endswith("---\n")
    return read_yaml(text[4:-4])


def test_hf_export_of_llama_3_1(mot_dir: Path, tmp_path: Path) -> None:
    decl = tmp_path / "llama.toml"
    assert run("declare", str(mot_dir / "Llama-3.1-8B.yml"), "-o", str(decl)).returncode == 0
    result = run("export", str(decl), "--format", "hf")
    assert result.returncode == 0, result.stderr
    assert front_matter(result.stdout) == {"license": "llama3.1"}


@pytest.mark.parametrize(
    "licence, expected",
    [
        ("Apache-2.0", {"license": "apache-2.0"}),
        ("CC-BY-4.0", {"license": "cc-by-4.0"}),
        ("LicenseRef-Gemma-ToU", {"license": "gemma"}),
        ("LicenseRef-Qwen", {"license": "other", "license_name": "qwen", "license_link": "LICENSE"}),
        (
            "MPL-1.1",
            {"license": "other", "license_name": "mpl-1.1", "license_link": "https://spdx.org/licenses/MPL-1.1.html"},
        ),
    ],
)
def test_hf_licence_fields(licence: str, expected: dict) -> None:
    decl = declaration.build(open_source_answers(**{W + "license": licence}))
    assert front_matter(exporters.to_hf(decl).text) == expected


def test_hf_export_of_a_custom_licence_and_a_fine_tune() -> None:
    decl = declaration.build(
        open_source_answers(
            **{W + "license": "Acme Model Licence v2", "identity.is_finetune": True, "identity.base_model": "org/base"}
        )
    )
    exported = exporters.to_hf(decl)
    fields = front_matter(exported.text)
    assert fields == {
        "license": "other",
        "license_name": "acme-model-licence-v2",
        "license_link": "LICENSE",
        "base_model": "org/base",
    }
    assert any("LICENSE" in warning for warning in exported.warnings)


@pytest.mark.parametrize(
    "base, expected",
    [
        ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B"),
        (" allenai/OLMo-2-1124-7B ", "allenai/OLMo-2-1124-7B"),
        ("https://huggingface.co/google/gemma-2-9b", "google/gemma-2-9b"),
        ("https://huggingface.co/google/gemma-2-9b/tree/main", "google/gemma-2-9b"),
        ("gemma-2-9b", None),  # as the Gemma 2 9B IT example declares it: no organisation
        ("Stable-Diffusion-v1-2", None),
        ("Llama 3.1 8B", None),
        ("org/name/extra", None),
        ("org--x/name", None),
        ("org/na..me", None),
        ("-org/name", None),
        ("org/name.", None),
        ("https://huggingface.co/datasets/allenai/dolma", None),
        ("https://example.com/org/name", None),
    ],
)
def test_hf_base_model_only_when_a_hub_id(base: str, expected: str | None) -> None:
    decl = declaration.build(open_source_answers(**{"identity.is_finetune": True, "identity.base_model": base}))
    exported = exporters.to_hf(decl)
    fields = front_matter(exported.text)
    assert fields.get("base_model") == expected
    left_out = [w for w in exported.warnings if "base_model is left out" in w]
    assert len(left_out) == (expected is None)


def test_hf_export_of_the_fine_tuned_examples_leaves_out_names_that_are_not_hub_ids() -> None:
    from questionnaire.examples import example_path

    for slug in ("gemma-2-9b-it", "stable-diffusion-1.5"):
        decl = exporters.declaration_for(loading.load(str(example_path(slug))))
        assert decl.model.base_model
        assert "base_model" not in front_matter(exporters.to_hf(decl).text)


def test_hf_export_when_weights_are_not_released() -> None:
    decl = declaration.build({"identity.name": "Paper only", "components.research_paper.released": True})
    exported = exporters.to_hf(decl)
    assert front_matter(exported.text) == {"license": "unknown"}
    assert exported.warnings


# ------------------------------------------------------------------ badge, Markdown, JSON, schema


@pytest.mark.parametrize(
    "answers, tier",
    [
        (open_source_answers(), "open-source"),
        (open_source_answers(**{"components.training_code.released": False}), "open-weight"),
        (open_source_answers(**{W + "license": "LicenseRef-Llama-3.1"}), "partially-open"),
        ({"identity.name": "Closed"}, "closed"),
    ],
)
def test_badge_is_valid_svg_coloured_per_tier(answers: dict, tier: str) -> None:
    decl = declaration.build({**answers, "identity.name": 'A <model> & "friends"'})
    assert decl.classification.tier == tier
    svg = exporters.to_badge(decl).text
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "openness" in texts and exporters.TIER_WORDS[tier] in texts
    assert (
        root.find("{http://www.w3.org/2000/svg}title").text
        == f'A <model> & "friends": {exporters.TIER_WORDS[tier]} (openness tier)'
    )
    assert exporters.TIER_COLOURS[tier] in svg
    assert int(root.get("width")) > 100 and root.get("height") == "20"
    assert root.get("aria-label") == f"openness: {exporters.TIER_WORDS[tier]}"


def test_badge_colours_differ_and_white_text_stays_readable() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert len(set(exporters.TIER_COLOURS.values())) == 4
    for tier, colour in exporters.TIER_COLOURS.items():
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, tier  # WCAG AA for white text


def test_markdown_report(tmp_path: Path) -> None:
    answers = write_answers(
        tmp_path / "a.toml",
        open_source_answers(
            **{
                "identity.name": "Ex|ample <script>alert(1)</script> [x](javascript:1)",
                "components.training_code.released": False,
            }
        ),
    )
    (tmp_path / "a.toml").write_text(
        (tmp_path / "a.toml").read_text()
        + (
            '\n[sources."components.model_parameters_final.license"]\nurl = "https://example.org/LICENSE"\n'
            'checked = 2025-01-02\nnote = "the licence file"\n'
        ),
        encoding="utf-8",
    )
    result = run("export", str(answers), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "**Open-weight** (tier `open-weight`)" in text
    assert "### Why" in text and "### Verdicts" in text and "### Components" in text
    assert (
        "| [Open Source AI Definition 1.0](https://opensource.org/ai/open-source-ai-definition) | 9 of 10 hold |"
        in text
    )
    for framework in all_frameworks():  # one row a framework, linked to its text
        assert f"| [{framework.title}]({framework.url}) | " in text
    assert "### To reach open source" in text and "release the training code" in text
    assert "- `components.model_parameters_final.license`: <https://example.org/LICENSE> (checked 2025-01-02)" in text
    assert "<script>" not in text and "[x](javascript" not in text  # no raw HTML, no live link
    assert "Ex\\|ample \\<script\\>" in text and "\\[x\\](javascript" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and line.split("|")[1].strip() in BY_MOT_NAME]
    assert len(rows) == 17


@pytest.mark.parametrize(
    "base_licence, says",
    [
        (
            "llama3.1",
            "whose weights are under Llama 3.1 Community License Agreement (LicenseRef-Llama-3.1): not open "
            "terms, which bind this release too.",
        ),
        ("Apache-2.0", "whose weights are under Apache-2.0: open terms."),
        (None, "whose weights' licence is not given, so it counts as not open."),
        ("Acme [Base] Licence", "whose weights are under Acme \\[Base\\] Licence, a licence the tool does not know"),
    ],
)
def test_markdown_report_of_a_fine_tune_names_its_base_and_the_base_licence(
    base_licence: str | None, says: str
) -> None:
    # a base the tool does not know (`lineage.find`), so that each licence is taken as answered
    answers = open_source_answers(
        **{
            "identity.is_finetune": True,
            "identity.base_model": "example-org/Base-7B",
            "identity.base_data_information": False,
        }
    )
    if base_licence is not None:
        answers["identity.base_model_license"] = base_licence
    text = exporters.to_markdown(declaration.build(answers)).text
    head = text.split("### Why")[0]
    assert "A fine-tune of **example-org/Base-7B**" in head and says in head
    assert "Its training data is not described as OSAID asks" in head
    plain = exporters.to_markdown(declaration.build(open_source_answers())).text
    assert "fine-tune" not in plain.split("### Why")[0]


def test_json_export_carries_the_lineage() -> None:
    answers = open_source_answers(
        **{
            "identity.is_finetune": True,
            "identity.base_model": "google/gemma-2-9b-it",
            "identity.base_model_license": "gemma",
            "identity.base_data_information": False,
        }
    )
    data = json.loads(exporters.to_json(declaration.build(answers)).text)
    assert data["model"]["base_model"] == "google/gemma-2-9b-it"
    assert data["model"]["base_model_license"] == "gemma" and data["model"]["base_data_information"] is False
    assert data["classification"]["tier"] == "partially-open"


def test_json_export_is_the_declaration(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.toml", open_source_answers())
    decl_path = tmp_path / "decl.toml"
    assert run("declare", str(answers), "-o", str(decl_path)).returncode == 0
    result = run("export", str(decl_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    stored = loading.load(str(decl_path)).declaration
    assert data == json.loads(json.dumps(stored.model_dump(mode="json", by_alias=True, exclude_none=True)))
    assert data["classification"]["tier"] == "open-source" and data["schema_version"] == 2


def test_schema_is_json_with_the_top_level_keys() -> None:
    result = run("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert set(schema["properties"]) == {
        "schema_version",
        "model",
        "components",
        "answers",
        "sources",
        "classification",
    }
    assert {"model", "components", "answers", "classification"} <= set(schema["required"])


def test_schema_names_its_dialect_and_id_and_every_example_validates() -> None:
    """`openness schema` is a 2020-12 JSON Schema with an $id; the JSON export of each shipped example
    validates against it, and a component access outside the answers' choices does not."""
    import typing

    import jsonschema

    from questionnaire.declaration import Access
    from questionnaire.examples import list_examples

    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:openness:declaration:2"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    access = schema["$defs"]["ComponentEntry"]["properties"]["access"]["anyOf"][0]
    assert access["enum"] == list(typing.get_args(Access))
    for example in list_examples():
        decl = exporters.declaration_for(loading.load(str(example.path)))
        data = json.loads(exporters.to_json(decl).text)
        assert list(validator.iter_errors(data)) == [], example.slug
    data["components"]["model_parameters_final"]["access"] = "gated"
    assert [e.validator for e in validator.iter_errors(data)] == ["anyOf"]


def test_a_declaration_with_an_unknown_access_is_invalid(tmp_path: Path) -> None:
    from questionnaire.examples import example_path

    text = example_path("llama-3.1-8b").read_text(encoding="utf-8")
    assert 'access = "click_through"' in text
    bad = tmp_path / "llama-openness.toml"
    bad.write_text(text.replace('access = "click_through"', 'access = "gated"', 1), encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert "llama-openness.toml" in result.stderr and "access" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------ writing files


def test_output_file_is_written_once_and_replaced_only_with_force(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.toml", open_source_answers())
    out = tmp_path / "badge.svg"
    first = run("export", str(answers), "--format", "badge", "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert "Wrote" in first.stdout and out.read_text().startswith("<svg")
    out.write_text("mine", encoding="utf-8")
    second = run("export", str(answers), "--format", "badge", "-o", str(out))
    assert second.returncode == 2
    assert second.stderr.strip() == f"openness: {out}: already exists; use --force to replace it"
    assert out.read_text() == "mine"
    forced = run("export", str(answers), "--format", "badge", "-o", str(out), "--force")
    assert forced.returncode == 0 and out.read_text().startswith("<svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "badge.svg"]  # no temporary files left


def test_a_stale_declaration_is_refused_with_the_lines_check_prints(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.toml", open_source_answers())
    decl = tmp_path / "decl.toml"
    assert run("declare", str(answers), "-o", str(decl)).returncode == 0
    text = decl.read_text()
    decl.write_text(text.replace('license = "CC-BY-4.0"', 'license = "CC-BY-NC-4.0"', 1), encoding="utf-8")
    checked = run("check", str(decl))
    assert checked.returncode == 1
    assert (
        f"openness: {decl}: components.datasets.license: stored 'CC-BY-NC-4.0', the answers give 'CC-BY-4.0'"
        in checked.stderr.splitlines()
    )
    for fmt in ("markdown", "badge"):
        out = tmp_path / f"out.{fmt}"
        result = run("export", str(decl), "--format", fmt, "-o", str(out))
        assert result.returncode == 1
        assert result.stderr == checked.stderr and result.stdout == ""
        assert not out.exists()  # nothing published


@pytest.mark.parametrize(
    "args, where",
    [
        (["export", "MISSING.toml", "--format", "json"], "MISSING.toml"),
        (["export", "README.md", "--format", "pdf"], "--format"),
        (["export", "pyproject.toml", "--format", "markdown"], "pyproject.toml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], where: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert where in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("openness: ")


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.toml", open_source_answers())
    result = run("export", str(answers), "--format", "json", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "does not exist" in result.stderr


def test_an_export_written_to_a_file_is_readable_as_the_umask_allows_and_never_replaced(tmp_path: Path) -> None:
    import os

    target = tmp_path / "OPENNESS.md"
    previous = os.umask(0o022)
    try:
        exporters.write_text(str(target), "# report\n")
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o044 == 0o044  # a report is meant to be published
    from questionnaire.errors import UserError

    with pytest.raises(UserError, match="already exists"):
        exporters.write_text(str(target), "other\n")
    assert target.read_text() == "# report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["OPENNESS.md"]
