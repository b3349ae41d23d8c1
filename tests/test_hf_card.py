"""Hugging Face model card import: the weights' licence, the access form and the name, nothing more."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from questionnaire import loading
from questionnaire.errors import UserError
from questionnaire.hf_card import import_card
from questionnaire.rules import classify
from tests.conftest import run

W = "components.model_parameters_final."

LLAMA_CARD = """---
language:
- en
library_name: transformers
license: llama3.1
pipeline_tag: text-generation
base_model: meta-llama/Llama-3.1-8B
extra_gated_prompt: |
  ### LLAMA 3.1 COMMUNITY LICENSE AGREEMENT
  Llama 3.1 Version Release Date: July 23, 2024
extra_gated_fields:
  First Name: text
  Country: country
---

# Llama 3.1 8B Instruct

The Meta Llama 3.1 collection of multilingual large language models.
"""

QWEN_CARD = """---
license: other
license_name: qwen
license_link: https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE
pipeline_tag: text-generation
---
# Qwen2.5-72B-Instruct
"""



def card(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_gated_llama_card() -> None:
    imported = import_card(LLAMA_CARD, path="README.md")
    answers = imported.answers
    assert answers["identity.name"] == "Llama 3.1 8B Instruct"
    assert answers[W + "license"] == "LicenseRef-Llama-3.1"
    assert answers[W + "access"] == "click_through"
    assert answers["identity.is_finetune"] is True and answers["identity.base_model"] == "meta-llama/Llama-3.1-8B"
    assert answers["identity.modality"] == "text"
    assert any("access form" in w and "click-through" in w and "approval" in w for w in imported.warnings)
    assert any("only the final weights" in w for w in imported.warnings)
    assert classify(answers).tier == "partially-open"


def test_other_licence_uses_license_name_and_records_the_link() -> None:
    imported = import_card(QWEN_CARD, path="card.md")
    assert imported.answers[W + "license"] == "LicenseRef-Qwen"
    assert imported.answers[W + "access"] == "public"
    source = imported.sources[W + "license"]
    assert source.url == "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE"


def test_spdx_tag_becomes_the_exact_id_so_the_mof_result_counts_it() -> None:
    imported = import_card("---\nlicense: apache-2.0\nmodel_name: Open-7B\n---\n# Not this\n")
    assert imported.answers["identity.name"] == "Open-7B"
    assert imported.answers[W + "license"] == "Apache-2.0"
    result = classify(imported.answers)
    assert result.tier == "open-weight"
    assert not any("MOT counts only exact SPDX ids" in w for w in result.warnings)


def test_unknown_tags_and_names_are_kept_as_written() -> None:
    imported = import_card("---\nlicense: other\nlicense_name: acme-licence\n---\n# Acme\n")
    assert imported.answers[W + "license"] == "acme-licence"
    odd = import_card("---\nlicense: some-tag\n---\n# Acme\n")
    assert odd.answers[W + "license"] == "some-tag"
    assert any("not one of Hugging Face's licence tags" in w for w in odd.warnings)


def test_name_from_model_index_or_first_heading_outside_code() -> None:
    index = import_card("---\nlicense: mit\nmodel-index:\n- name: Indexed\n---\n# Heading\n")
    assert index.answers["identity.name"] == "Indexed"
    fenced = import_card("---\nlicense: mit\n---\n```\n# not a heading\n```\n\n# Real Name ##\n")
    assert fenced.answers["identity.name"] == "Real Name"
    crlf = import_card("---\r\nlicense: mit\r\n---\r\n# Windows\r\n")
    assert crlf.answers["identity.name"] == "Windows" and crlf.answers[W + "license"] == "MIT"


def test_no_licence_is_declared_unlicensed_with_a_warning() -> None:
    imported = import_card("---\nlanguage: en\n---\n# Unlicensed\n")
    assert imported.answers[W + "license"] == "unlicensed"
    assert any("no license" in w for w in imported.warnings)


def test_declare_from_a_card_warns_that_only_the_weights_are_declared(tmp_path: Path) -> None:
    path = card(tmp_path, LLAMA_CARD)
    out = tmp_path / "decl.toml"
    result = run("declare", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "partially-open" in result.stdout
    assert "only the final weights are declared" in result.stderr and "warning:" in result.stderr
    data = tomllib.loads(out.read_text())
    assert data["components"]["model_parameters_final"]["access"] == "click_through"
    assert data["components"]["model_parameters_final"]["license_id"] == "LicenseRef-Llama-3.1"
    assert data["model"]["base_model"] == "meta-llama/Llama-3.1-8B"
    source = loading.load(str(path))
    assert source.kind == "hf"
    assert run("check", str(path)).returncode == 2  # a card is not a declaration
    assert "a model card" in run("check", str(path)).stderr


def test_classify_and_compare_accept_cards(tmp_path: Path) -> None:
    a = card(tmp_path, LLAMA_CARD, "llama.md")
    b = card(tmp_path, QWEN_CARD, "qwen.md")
    assert run("classify", str(a)).returncode == 0
    result = run("compare", str(a), str(b))
    assert result.returncode == 0, result.stderr
    assert "llama3.1 (click)" in result.stdout and "qwen" in result.stdout


@pytest.mark.parametrize("text, words", [
    ("# Just Markdown\n", "has no YAML front matter"),
    ("---\nlicense: mit\n# never closed\n", "unclosed YAML front matter"),
    ("---\n- a\n- b\n---\n# X\n", "should be a YAML mapping"),
    ("---\nlicense: [mit, apache-2.0]\n---\n# X\n", "license should be a single string"),
    ("---\nlicense: mit\n---\nNo heading here.\n", "names no model"),
    ("---\nlicense: [unclosed\n---\n# X\n", "is not valid YAML"),
    ("---\nlicense: !!python/object/apply:os.system ['echo hi']\n---\n# X\n", "is not valid YAML"),
])
def test_bad_cards_are_one_line_naming_the_file(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(UserError):
        import_card(text, path="README.md")
    path = card(tmp_path, text)
    result = run("declare", str(path), "-o", str(tmp_path / "out.toml"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr and words in result.stderr
    assert not (tmp_path / "out.toml").exists()
