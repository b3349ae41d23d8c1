"""Compare: releases side by side, readable on a projector and at 80 columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from questionnaire import compare, loading
from questionnaire.components import COMPONENTS
from tests.conftest import open_source_answers, run, run_process, write_answers

SEVEN = ["OLMo-7B", "Mistral-7B-v0.1", "Llama-3.1-8B", "gemma-7b", "Falcon-180B", "BLOOM", "GPT-4"]


def test_three_well_known_releases(mot_dir: Path) -> None:
    paths = [str(mot_dir / f"{name}.yml") for name in ("OLMo-7B", "Mistral-7B-v0.1", "Llama-3.1-8B")]
    text = compare.as_text(compare.compare(paths))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    tier = next(line for line in lines if line.startswith("Tier"))
    assert tier.split() == ["Tier", "OPEN", "SOURCE", "OPEN-WEIGHT", "PARTIALLY", "OPEN"]
    weights = next(line for line in lines if line.startswith("Weights (final)"))
    assert "Apache-2.0 ✓" in weights and "llama3.1 ✗" in weights
    assert next(line for line in lines if line.startswith("OSAID 1.0")).split()[2] == "met"
    assert "Class I" in next(line for line in lines if line.startswith("MOF "))
    assert next(line for line in lines if line.startswith("MOF % III/II/I")).split()[3] == "100/100/100"
    assert next(line for line in lines if line.startswith("OWD")).split()[1:5] == ["met", "met", "8", "of"]
    assert next(line for line in lines if line.startswith("Training code")).split()[2:] == ["Apache-2.0", "✓", "-", "-"]
    labels = [compare.row_label(c.key) for c in COMPONENTS]
    assert len(labels) == len(COMPONENTS) == 17
    assert sum(1 for line in lines if any(line.startswith(label) for label in labels)) == 17


def test_many_releases_wrap_into_blocks_within_80_columns(mot_dir: Path) -> None:
    paths = [str(mot_dir / f"{name}.yml") for name in SEVEN]
    result = run("compare", *paths)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert result.stdout.count("Components") >= 2  # several blocks
    for index, name in enumerate(SEVEN, 1):
        # full names listed once; the file's path follows on the line, or on the next when it is long
        assert any(re.match(rf"  #{index} {re.escape(name)}(  \(|$)", line) for line in lines), name
    assert sum(1 for line in lines if line.startswith("Weights (final)")) == result.stdout.count("Components")
    assert "not available ✗" in result.stdout  # GPT-4's weights: listed, not downloadable


def test_long_names_are_abbreviated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_name = "An-Extraordinarily-Long-Model-Name-For-A-Projector-7B-Instruct"
    write_answers(tmp_path / "a.toml", open_source_answers(**{"identity.name": long_name}))
    write_answers(tmp_path / "b.toml", open_source_answers(**{"identity.name": "Short"}))
    monkeypatch.chdir(tmp_path)  # short paths: where pytest puts tmp_path must not change the layout
    text = compare.as_text(compare.compare(["a.toml", "b.toml"]))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert f"  #1 {long_name}  (a.toml)\n" in text  # in full in the list above the table
    assert "#1 An-Extraordina" in text and "…" in text


def test_gates_and_ascii_fallback(tmp_path: Path) -> None:
    gated = open_source_answers(
        **{
            "identity.name": "Gated",
            "components.model_parameters_final.access": "approval",
            "components.model_parameters_final.license": "LicenseRef-Llama-3.1",
        }
    )
    clicked = open_source_answers(
        **{
            "identity.name": "Clicked",
            "components.model_parameters_final.access": "click_through",
            "components.model_parameters_final.click_through_terms": "license_only",
        }
    )
    paths = [str(write_answers(tmp_path / "gated.toml", gated)), str(write_answers(tmp_path / "clicked.toml", clicked))]
    comparison = compare.compare(paths)
    text = compare.as_text(comparison)
    weights = next(line for line in text.splitlines() if line.startswith("Weights (final)"))
    assert "llama3.1 (gated) ✗" in weights and "CC-BY-4.0 (click) ✓" in weights
    plain = compare.as_text(comparison, ascii_only=True)
    assert plain.isascii()
    assert "llama3.1 (gated) x" in plain and "CC-BY-4.0 (click) +" in plain
    result = run_process("compare", *paths, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()


def test_narrow_and_wide_widths(mot_dir: Path) -> None:
    comparison = compare.compare([str(mot_dir / f"{name}.yml") for name in SEVEN])
    for width in (40, 60, 100, 160):
        text = compare.as_text(comparison, width=width)
        assert max(len(line) for line in text.splitlines()) <= width, width
    assert compare.as_text(comparison, width=200).count("Components") == 1


def test_json(mot_dir: Path) -> None:
    result = run("compare", str(mot_dir / "OLMo-7B.yml"), str(mot_dir / "Llama-3.1-8B.yml"), "--json")
    assert result.returncode == 0, result.stderr
    releases = json.loads(result.stdout)["releases"]
    assert [r["tier"] for r in releases] == ["open-source", "partially-open"]
    verdicts = [{v["id"]: v for v in release["frameworks"]} for release in releases]
    assert verdicts[0]["mof"]["summary"] == "Class I" and verdicts[0]["osaid"]["met"] is True
    criteria = verdicts[1]["owd"]["requirements"]  # the same list as classify's (and the declaration's)
    assert (
        len(criteria) == 10 and sum(c["met"] for c in criteria) == 8 and verdicts[1]["owd"]["summary"] == "8 of 10 hold"
    )
    classified = json.loads(run("classify", str(mot_dir / "Llama-3.1-8B.yml"), "--json").stdout)
    assert classified["frameworks"] == releases[1]["frameworks"]
    assert len(releases[1]["components"]) == 17
    assert releases[1]["components"]["model_parameters_final"]["cell"] == "llama3.1"
    assert releases[1]["components"]["training_code"]["released"] is False


def test_names_from_files_are_shown_as_text(tmp_path: Path) -> None:
    # Files refuse control characters in answers; a source made in memory still shows them escaped.
    a = loading.Source(
        str(tmp_path / "a\u202e.toml"), "answers", open_source_answers(**{"identity.name": "Evil\x1b[31m[bold]"})
    )
    b = write_answers(tmp_path / "b.toml", open_source_answers())
    text = compare.as_text(compare.compare([a, loading.load(str(b))]))
    assert "\x1b" not in text and "\\x1b[31m[bold]" in text
    assert "\u202e" not in text


def test_bad_input_exits_2_with_one_line(mot_dir: Path, tmp_path: Path) -> None:
    one = run("compare", str(mot_dir / "OLMo-7B.yml"))
    assert one.returncode == 2 and "at least two" in one.stderr and one.stderr.strip().count("\n") == 0
    missing = run("compare", str(mot_dir / "OLMo-7B.yml"), str(tmp_path / "nope.yml"))
    assert missing.returncode == 2 and "nope.yml" in missing.stderr and missing.stderr.strip().count("\n") == 0
    broken = tmp_path / "broken.toml"
    broken.write_text("[identity\nname = 1", encoding="utf-8")
    bad = run("compare", str(mot_dir / "OLMo-7B.yml"), str(broken))
    assert bad.returncode == 2 and "broken.toml" in bad.stderr and "Traceback" not in bad.stderr


def test_an_unanswered_access_reads_as_not_answered(tmp_path: Path) -> None:
    """An access not answered is never taken for public: compare's cell and legend say so."""
    answers = open_source_answers(**{"identity.name": "Unsaid"})
    del answers["components.training_code.access"]
    paths = [
        str(write_answers(tmp_path / "a.toml", answers)),
        str(write_answers(tmp_path / "b.toml", open_source_answers())),
    ]
    text = compare.as_text(compare.compare(paths), width=100)
    training = next(line for line in text.splitlines() if line.startswith("Training code"))
    assert training.split()[2:5] == ["Apache-2.0", "(access?)", "✓"] and training.split()[5:] == ["Apache-2.0", "✓"]
    assert "(access?) access not answered" in text
