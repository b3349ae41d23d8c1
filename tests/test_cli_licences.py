"""The licence knowledge as a user meets it on the command line: licences the SPDX list lacks, words that
mean no licence, self-assessed terms, click-through gates and intermediate checkpoints."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FAVOURABLE_TERMS, open_source_answers, run, write_answers

W = "components.model_parameters_final."


def classify(tmp_path: Path, answers: dict) -> dict:
    result = run("classify", str(write_answers(tmp_path / "answers.toml", answers)), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_weights_under_openmdw_1_1_are_open_weight(tmp_path: Path) -> None:
    reading = classify(
        tmp_path, open_source_answers(**{W + "license": "openmdw-1.1", "components.training_code.released": False})
    )
    assert reading["tier"] == "open-weight"
    mof = next(v for v in reading["frameworks"] if v["id"] == "mof")
    assert any("OpenMDW-1.0" in note for note in mof["notes"])  # MOT counts only that exact string


def test_dbrx_weights_are_partially_open(tmp_path: Path) -> None:
    reading = classify(tmp_path, open_source_answers(**{W + "license": "Databricks Open Model License"}))
    assert reading["tier"] == "partially-open"
    assert "700 million monthly active users" in reading["next_tier"]["changes"][0]


def test_proprietary_weights_with_open_looking_terms_stay_closed_terms(tmp_path: Path) -> None:
    terms = {f"{W}terms.{key}": value for key, value in FAVOURABLE_TERMS.items()}
    reading = classify(tmp_path, open_source_answers(**{W + "license": "PROPRIETARY!", **terms}))
    assert reading["tier"] == "partially-open"
    assert any("names no licence" in w for w in reading["warnings"])


def test_a_click_through_with_extra_terms_and_one_of_the_licence_alone(tmp_path: Path) -> None:
    gate = {W + "access": "click_through"}
    assert (
        classify(tmp_path, open_source_answers(**gate, **{W + "click_through_terms": "extra_terms"}))["tier"]
        == "partially-open"
    )
    assert (
        classify(tmp_path, open_source_answers(**gate, **{W + "click_through_terms": "license_only"}))["tier"]
        == "open-source"
    )
    unanswered = classify(tmp_path, open_source_answers(**gate))
    assert unanswered["tier"] == "partially-open"
    assert any("click-through is not answered" in w for w in unanswered["warnings"])


def test_a_bad_click_through_answer_is_one_plain_line(tmp_path: Path) -> None:
    path = tmp_path / "gate.toml"
    path.write_text(
        "[identity]\nname = 'X'\n[components.model_parameters_final]\nreleased = true\n"
        "access = 'click_through'\nclick_through_terms = 'maybe'\n",
        encoding="utf-8",
    )
    result = run("classify", str(path))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "gate.toml" in line and "components.model_parameters_final.click_through_terms" in line
    assert "license_only" in line and "Traceback" not in result.stderr


def test_intermediate_checkpoints_alone_are_partially_open(tmp_path: Path) -> None:
    text = run(
        "classify",
        str(
            write_answers(
                tmp_path / "ckpt.toml",
                {
                    "identity.name": "Checkpoints only",
                    "components.model_parameters_intermediate.released": True,
                    "components.model_parameters_intermediate.license": "Apache-2.0",
                    "components.model_parameters_intermediate.access": "public",
                },
            )
        ),
    )
    assert text.returncode == 0, text.stderr
    assert "Tier: PARTIALLY OPEN" in text.stdout
    assert "intermediate checkpoints" in text.stdout and "OWD criterion 2" in " ".join(text.stdout.split())
