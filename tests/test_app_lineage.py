"""The questionnaire asks a fine-tune about its base model, and the licence picker proposes the base
model's licence first, with the reason, when the tool knows the base model."""

from __future__ import annotations

from pathlib import Path

from questionnaire.app.widgets.license_picker import LicensePicker

from app_pilot import IDENTITY, answer, answer_all, current_id, make_app, run_async, until, widget_text

FINE_TUNE = [*IDENTITY[:-1], ("identity.is_finetune", True)]


def proposal_line(app) -> str:
    line = app.screen.query_one("#license-proposal")
    return " ".join(widget_text(line).split()) if line.display else ""  # the words, however the line wraps


@run_async
async def test_the_known_base_licence_is_proposed_first_and_taken_with_enter(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, FINE_TUNE)
        await answer(pilot, "identity.base_model", "meta-llama/Llama-3.1-8B")
        assert await until(pilot, lambda: current_id(pilot) == "identity.base_model_license")
        picker = app.screen.query_one(LicensePicker)
        kind, licence = picker.entries[0]
        assert kind == "proposed" and licence.id == "LicenseRef-Llama-3.1"
        assert "the shipped example Llama 3.1 8B declares its weights under LicenseRef-Llama-3.1" in proposal_line(app)
        results = app.screen.query_one("#license-results")
        # the row once laid out at its width: what is wrong with the licence, not "restricted"
        assert await until(pilot, lambda: widget_text(results).splitlines()[0].endswith("★ use restrictions +1"))
        assert "Llama-3.1" in widget_text(results).splitlines()[0]
        facts = " ".join(widget_text(app.screen.query_one("#license-facts")).replace("│", " ").split())
        assert "LicenseRef-Llama-3.1" in facts and "Not open terms (use restrictions, threshold)" in facts
        assert "Enter takes it" in widget_text(picker.query_one(".answer-hint"))
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: app.session.answers["identity.base_model_license"] == "LicenseRef-Llama-3.1")
        assert current_id(pilot) == "identity.base_data_information"
        await pilot.press("pageup")  # back: the answer is kept, and it is still the proposed one
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.base_model_license")
        assert picker.entries[picker.query_one("#license-results").highlighted][0] == "proposed"


@run_async
async def test_typing_another_licence_leaves_the_proposal_and_an_unknown_base_proposes_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, FINE_TUNE)
        await answer(pilot, "identity.base_model", "allenai/OLMo-2-1124-7B")
        assert await until(pilot, lambda: "OLMo 2 7B" in proposal_line(app))  # on the licence question
        picker = app.screen.query_one(LicensePicker)
        assert picker.entries[0][0] == "proposed" and picker.entries[0][1].id == "Apache-2.0"
        await pilot.press(*"gemma")
        await pilot.pause()
        assert await until(
            pilot,
            lambda: (
                picker.entries[0] == ("license", picker.entries[0][1])
                and picker.entries[0][1].id == "LicenseRef-Gemma-ToU"
            ),
        )
        assert proposal_line(app) == ""
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert await until(pilot, lambda: picker.entries[0][0] == "proposed")  # an empty field shows it again
        await pilot.press("pageup")  # change the base model to one the tool does not know
        await pilot.pause()
        await answer(pilot, "identity.base_model", "someone/private-base")
        assert await until(pilot, lambda: current_id(pilot) == "identity.base_model_license")
        assert all(kind != "proposed" for kind, _ in picker.entries)
        assert proposal_line(app) == ""
        await answer(pilot, "identity.base_model_license", "MIT")
        await answer(pilot, "identity.base_data_information", False)
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.released")
        assert app.session.answers["identity.base_model_license"] == "MIT"
