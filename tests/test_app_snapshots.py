"""SVG snapshots of every screen at 80x24 and 120x36 (`pytest --snapshot-update` writes the baselines).

Deterministic: a fixed clock and theme, a temporary data folder, no cursor blink, no background loading;
each screen is reached the way a user gets there (resume the draft, then keys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire import drafts

from app_pilot import FAST_IDLE, FIXED_NOW, after_keys, llama_answers, make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.fixture(autouse=True)
def fast_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's idle wait after each key samples every 2 ms instead of 20, as in the other app tests."""
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", FAST_IDLE[0])
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", FAST_IDLE[1])


def draft_at(data: Path, answers: dict, current: str) -> None:
    drafts.save(drafts.Draft(answers, current, None, FIXED_NOW.isoformat(timespec="seconds")), data)


def partial_answers() -> dict:
    return {
        "identity.name": "Llama-3.1-8B",
        "identity.version": "",
        "identity.publisher": "Meta",
        "identity.contact": "",
        "identity.architecture": "",
        "identity.repository": "",
        "identity.modality": "text",
        "identity.is_finetune": False,
        "components.model_parameters_final.released": True,
        "components.model_parameters_final.location": "https://huggingface.co/meta-llama/Llama-3.1-8B",
    }


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, partial_answers(), "components.model_parameters_final.license")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys())


@pytest.mark.parametrize("size", SIZES)
def test_question_with_help(snap_compare, tmp_path: Path, size) -> None:
    answers = partial_answers() | {"components.model_parameters_final.license": "LicenseRef-Llama-3.1"}
    draft_at(tmp_path, answers, "components.model_parameters_final.access")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r"))


@pytest.mark.parametrize("size", SIZES)
def test_licence_picker(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, partial_answers(), "components.model_parameters_final.license")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r", *"llama3"))


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r", "ctrl+r"))


@pytest.mark.parametrize("size", SIZES)
def test_result(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r", "ctrl+t"))


@pytest.mark.parametrize("size", SIZES)
def test_save(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r", "ctrl+r", "ctrl+s"))


# ---------------------------------------------------------------- the teaching screens


@pytest.mark.parametrize("size", SIZES)
def test_examples(snap_compare, tmp_path: Path, size) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("e", "down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_whatif(snap_compare, tmp_path: Path, size) -> None:
    # the Llama draft's result, then: what if the weights were under Apache-2.0?
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(
        make_app(tmp_path),
        terminal_size=size,
        run_before=after_keys("r", "ctrl+t", "w", "enter", "tab", "enter", "down", "enter"),
    )


@pytest.mark.parametrize("size", SIZES)
def test_whatif_list_open(snap_compare, tmp_path: Path, size) -> None:
    # the licence field's list open below it, Apache-2.0 highlighted; the footer says Escape closes it
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(
        make_app(tmp_path),
        terminal_size=size,
        run_before=after_keys("r", "ctrl+t", "w", "enter", "tab", "enter", "down"),
    )


@pytest.mark.parametrize("size", SIZES)
def test_compare(snap_compare, tmp_path: Path, size) -> None:
    draft_at(tmp_path, llama_answers(), "identity.name")
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("r", "ctrl+t", "c"))


@pytest.mark.parametrize("size", SIZES)
def test_glossary(snap_compare, tmp_path: Path, size) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=after_keys("g", *"rail"))
