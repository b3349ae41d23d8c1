"""Whole paths through the app, walked as a user would: pressing keys, reading what is on screen."""

from __future__ import annotations

import tomllib
from pathlib import Path

from questionnaire.app.screens.result import ResultScreen
from questionnaire.app.screens.review import ReviewScreen
from questionnaire.cli import main as cli_main

from app_pilot import (
    IDENTITY,
    SKIP,
    answer,
    answer_all,
    bar_badge,
    bar_name,
    component,
    current_id,
    llama_answers,
    make_app,
    on_screen,
    run_async,
    shown,
    tree_text,
    type_text,
    until,
    widget_text,
)


def badge(pilot) -> str:
    return bar_badge(pilot.app)


NO_DOCUMENTS = [
    (f"components.{key}.released", False)
    for key in (
        "model_card",
        "data_card",
        "technical_report",
        "research_paper",
        "evaluation_results",
        "sample_model_outputs",
    )
]
# Asked once the weights can be downloaded (the EU AI Act's open-source exemption): the compute not known, the
# monetisation left unanswered.
EU_UNANSWERED = [("development.training_compute_flop", "unknown"), ("development.monetised", SKIP)]


async def save_with_keys(pilot, path: Path) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("ctrl+u")
    await type_text(pilot, str(path))
    await pilot.press("enter")
    await pilot.pause()


@run_async
async def test_open_source_path(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        assert await until(pilot, lambda: badge(pilot) == "no verdict yet")
        await answer_all(
            pilot, component("model_parameters_final", "Apache-2.0", location="https://huggingface.co/allenai/OLMo-7B")
        )
        assert await until(pilot, lambda: badge(pilot) == "Open-weight")  # open weights, no code yet
        await answer_all(
            pilot,
            [
                *component("model_parameters_intermediate"),
                *component("model_metadata"),
                *EU_UNANSWERED,
                *component("model_architecture", "Apache-2.0"),
                *component("training_code", "Apache-2.0"),
                *component("inference_code", "Apache-2.0"),
                *component("evaluation_code"),
                *component("data_preprocessing_code", "Apache-2.0"),
                ("development.supporting_libraries_used", False),
                *component("datasets"),
                *component("evaluation_data"),
                ("data_information.description", True),
                ("data_information.description_license", "CC-BY-4.0"),
                ("data_information.public_list", "published"),
                ("data_information.public_list_license", "CC-BY-4.0"),
                ("data_information.third_party_list", "none_used"),
                *NO_DOCUMENTS,
            ],
        )
        # the last answer leads to the review, with the verdict at the top
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        assert badge(pilot) == "Open source"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ResultScreen))
        banner = widget_text(app.screen.query_one("#tier"))
        assert "O P E N   S O U R C E" in banner
        await save_with_keys(pilot, tmp_path / "olmo.toml")
    saved = tomllib.loads((tmp_path / "olmo.toml").read_text())
    assert saved["classification"]["tier"] == "open-source"
    assert "version" not in saved["model"]  # a skipped optional question is not an answer
    assert cli_main(["check", str(tmp_path / "olmo.toml")]) == 0


@run_async
async def test_open_weight_path(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [
                *component("model_parameters_final", "MIT", access="click_through"),
                *component("model_parameters_intermediate"),
                *component("model_metadata"),
                *EU_UNANSWERED,
                *component("model_architecture", "MIT"),
                *component("training_code"),
                *component("inference_code", "MIT"),
                *component("evaluation_code"),
                *component("data_preprocessing_code"),
                ("development.supporting_libraries_used", False),
                *component("datasets"),
                *component("evaluation_data"),
                ("data_information.description", False),
                ("data_information.public_list", "not_published"),
                ("data_information.third_party_list", "not_published"),
                *NO_DOCUMENTS,
            ],
        )
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        assert badge(pilot) == "Open-weight"
        await pilot.press("ctrl+t")
        await until(pilot, lambda: "training code" in widget_text(app.screen.query_one("#next-tier")).lower())
        changes = widget_text(app.screen.query_one("#next-tier"))
        assert "training code" in changes.lower()  # the smallest set of changes names what is missing


@run_async
async def test_partially_open_through_a_llama_licence(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:1])
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown", "pagedown", "pagedown", "pagedown")
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.released")
        await answer_all(
            pilot,
            [("components.model_parameters_final.released", True), ("components.model_parameters_final.location", "")],
        )
        # the picker: type the Hugging Face tag, look at the facts, choose
        await pilot.press(*"llama3.1")
        facts = await shown(pilot, "#license-facts", "LicenseRef-Llama-3.1", "Not open terms", "700 million")
        assert "LicenseRef-Llama-3.1" in facts and "Not open terms" in facts and "700 million" in facts
        await pilot.press("enter")
        await pilot.pause()
        assert await until(
            pilot, lambda: app.session.answers["components.model_parameters_final.license"] == "LicenseRef-Llama-3.1"
        )
        assert current_id(pilot) == "components.model_parameters_final.access"  # known licence: no terms asked
        await answer(pilot, "components.model_parameters_final.access", "click_through")
        assert await until(pilot, lambda: badge(pilot) == "Partially open")
        await pilot.press("ctrl+t")
        reasons = await shown(pilot, "#reasons", "Llama 3.1", "threshold")
        assert "Llama 3.1" in reasons and "threshold" in reasons


@run_async
async def test_closed_path(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [
                *component("model_parameters_final"),
                *component("model_parameters_intermediate"),
                *component("model_metadata"),
                *component("model_architecture"),
                *component("training_code"),
                *component("inference_code"),
                *component("evaluation_code"),
                *component("data_preprocessing_code"),
                ("development.supporting_libraries_used", False),
                *component("datasets"),
                *component("evaluation_data"),
                ("data_information.description", False),
                ("data_information.public_list", "none_used"),
                ("data_information.third_party_list", "none_used"),
                *component("model_card", "CC-BY-4.0"),
                *component("data_card"),
                *component("technical_report"),
                *component("research_paper", "CC-BY-4.0"),
                *component("evaluation_results"),
                *component("sample_model_outputs"),
            ],
        )
        assert await until(pilot, lambda: badge(pilot) == "Closed")  # documents alone do not make a release open
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert await until(pilot, lambda: "documents alone" in widget_text(app.screen.query_one("#reasons")))


@run_async
async def test_going_back_and_changing_an_answer_changes_the_branch_and_the_verdict(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(pilot, component("model_parameters_final", "Apache-2.0"))
        assert await until(pilot, lambda: badge(pilot) == "Open-weight")
        assert current_id(pilot) == "components.model_parameters_intermediate.released"
        for _ in range(4):
            await pilot.press("pageup")
        assert current_id(pilot) == "components.model_parameters_final.released"
        await answer(pilot, "components.model_parameters_final.released", False)
        # where, licence and access fall out of the path: the next question is the next component
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_intermediate.released")
        assert await until(pilot, lambda: badge(pilot) == "Closed")  # the live verdict follows by a frame
        assert "components.model_parameters_final.license" not in app.session.declaration_answers()
        # ... and come back, with the old answers, when the answer changes back
        await pilot.press("pageup")
        await answer(pilot, "components.model_parameters_final.released", True)
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.location")
        assert await until(pilot, lambda: badge(pilot) == "Open-weight")


@run_async
async def test_a_draft_resumes_after_the_app_was_closed_mid_way(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:3])
        await answer_all(pilot, IDENTITY[3:])
        await answer(pilot, "components.model_parameters_final.released", True)
        # saved at once, before any quit: a killed process would lose nothing
        assert await until(pilot, lambda: (data / "draft.json").exists())
        await pilot.press("ctrl+q")
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = await shown(pilot, "#welcome-menu", "Resume the draft of OLMo-7B")
        assert "Resume the draft of OLMo-7B" in menu
        await pilot.press("r")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.location")
        assert app.session.answers["identity.publisher"] == "Ai2"
        assert bar_name(app) == "OLMo-7B"


@run_async
async def test_saving_over_an_existing_file_asks_first(tmp_path: Path) -> None:
    target = tmp_path / "olmo.toml"
    target.write_text("keep me\n")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(pilot, component("model_parameters_final", "Apache-2.0"))
        await save_with_keys(pilot, target)
        assert "already exists. Replace it?" in widget_text(app.screen.query_one("#confirm-message"))
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert await until(pilot, lambda: target.read_text() == "keep me\n")
        await pilot.press("enter")  # the save dialog is still there: try again, and replace
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert tomllib.loads(target.read_text())["classification"]["tier"] == "open-weight"
    assert cli_main(["check", str(target)]) == 0
    assert not (tmp_path / "data" / "draft.json").exists()  # saved: the draft is no longer needed


@run_async
async def test_edit_of_a_saved_declaration_shows_its_answers(tmp_path: Path) -> None:
    from questionnaire import declaration
    from questionnaire.app.session import answers_from_declaration

    path = tmp_path / "llama.toml"
    declaration.write(declaration.build(llama_answers()), path)
    app = make_app(tmp_path / "data", answers=answers_from_declaration(str(path)), source=str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        table = app.screen.query_one("#answers")
        rows = {table.get_row(key)[0].plain.strip(): table.get_row(key)[1].plain for key in table.rows}
        assert rows["Name"] == "Llama-3.1-8B"
        assert rows["Model parameters (Final): licence"] == "llama3.1"
        assert rows["Model parameters (Final): access"] == "Approval gate"
        assert badge(pilot) == "Partially open"
        # change an answer in place: select its row, answer, and come back to the review
        table.move_cursor(
            row=list(table.rows).index(
                next(k for k in table.rows if k.value == "components.model_parameters_final.access")
            )
        )
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.access")
        await answer(pilot, "components.model_parameters_final.access", "public")
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        # the default place to save is the file being edited
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.query_one("#save-path").value == str(path))


@run_async
async def test_saving_onto_a_dangling_link_asks_before_replacing_the_link(tmp_path: Path, monkeypatch) -> None:
    """A link to a missing file is a file that exists for the dialog: it asks, and Replace replaces the link
    (never writing where it pointed)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model-openness.toml").symlink_to(tmp_path / "gone" / "elsewhere.toml")
    app = make_app(tmp_path / "data", answers=llama_answers(), source=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: bool(app.screen.query("#save-path")))
        field = app.screen.query_one("#save-path")
        field.value = "model-openness.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: "already exists. Replace it?" in tree_text(app.screen))
        await pilot.press("y")
        await pilot.pause()
    assert (tmp_path / "model-openness.toml").is_file() and not (tmp_path / "model-openness.toml").is_symlink()
    assert not (tmp_path / "gone").exists()
