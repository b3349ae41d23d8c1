"""What a new user hit (issue 12), each checked the way they met it: pressing keys at 80x24 and reading the
screen."""

from __future__ import annotations

import re
from pathlib import Path

from app_pilot import FIXED_NOW, current_id, llama_answers, make_app, run_async, screen_text, widget_text

from questionnaire import drafts
from questionnaire.app.screens.questionnaire import QuestionnaireScreen
from questionnaire.app.screens.review import ReviewScreen

ACCESS = "components.model_parameters_final.access"


def llama_draft(data: Path, current: str = "identity.name", **changes: object) -> None:
    answers = {**llama_answers(), **changes}
    drafts.save(drafts.Draft(answers, current, None, FIXED_NOW.isoformat(timespec="seconds")), data)


async def review_row(pilot, question_id: str) -> None:
    """On the review, move the cursor to the row of `question_id` with the arrow keys."""
    table = pilot.app.screen.query_one("#answers")
    target = table.get_row_index(question_id)
    steps = target - table.cursor_row
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
    assert table.cursor_row == target


def marked(lines: list[str]) -> list[str]:
    """The choices on screen marked as the user's answer."""
    return [match.group(0) for line in lines if (match := re.search(r"[●○] \d \S.*\(your answer\)", line))]


@run_async
async def test_an_answer_changed_from_the_review_is_the_one_marked_and_the_question_opens_at_its_prompt(
        tmp_path: Path) -> None:
    llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+r")
        await pilot.pause()
        await review_row(pilot, ACCESS)
        await pilot.press("enter")
        await pilot.pause()
        assert current_id(pilot) == ACCESS
        lines = screen_text(app)
        assert any("How do people get the final model weights?" in line for line in lines), lines
        assert marked(lines) == ["● 3 Approval gate  (your answer)"]
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.answers[ACCESS] == "click_through"
        await pilot.press("escape")  # back to the questions: the question just changed is on screen
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen) and current_id(pilot) == ACCESS
        lines = screen_text(app)
        assert any("How do people get the final model weights?" in line for line in lines), lines
        assert marked(lines) == ["● 2 Click-through  (your answer)"]
        # moving down the choices still brings the highlighted one into view
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert any("5 No access" in line for line in screen_text(app))
        # and Enter on the row again opens it at its prompt, marked as now
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        lines = screen_text(app)
        assert any("How do people get the final model weights?" in line for line in lines), lines
        assert marked(lines) == ["● 2 Click-through  (your answer)"]


@run_async
async def test_page_keys_in_the_licence_list_page_the_list_and_stay_on_the_question(tmp_path: Path) -> None:
    from questionnaire.app.widgets.license_picker import LicensePicker

    license_id = "components.model_parameters_final.license"
    answers = {k: v for k, v in llama_answers().items() if not k.startswith("components.model_parameters_final.")}
    drafts.save(drafts.Draft({**answers, "components.model_parameters_final.released": True}, license_id, None,
                             FIXED_NOW.isoformat(timespec="seconds")), tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert current_id(pilot) == license_id
        footer = " ".join(screen_text(app)[-1:])
        assert "Back" not in footer and "Next" not in footer  # PgUp/PgDn belong to the list here
        await pilot.press(*"cc-by")
        await pilot.pause()
        picker = app.screen.query_one(LicensePicker)
        assert len(picker.entries) > 7  # more than the list shows at once
        first = picker.entries[0][1].id
        await pilot.press("pagedown")
        await pilot.pause()
        assert current_id(pilot) == license_id and license_id not in app.session.answers
        results = picker.query_one("#license-results")
        assert results.highlighted >= 5
        shown = picker.entries[results.highlighted][1].id
        assert any(shown in line for line in screen_text(app)), shown  # the highlighted licence is in view
        assert not any(f" {first} " in line for line in screen_text(app))  # paged past the first
        await pilot.press("pageup")
        await pilot.pause()
        assert results.highlighted == 0 and current_id(pilot) == license_id
        await pilot.press("f2")  # out of the picker (in the sidebar), PgDn goes to the next question again
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        assert current_id(pilot) == "components.model_parameters_final.access"


@run_async
async def test_home_and_end_go_to_the_first_and_last_row_of_the_review(tmp_path: Path) -> None:
    llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+r")
        await pilot.pause()
        table = app.screen.query_one("#answers")
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
        last = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert last == "components.sample_model_outputs.released"
        lines = screen_text(app)
        assert any("Sample model outputs: released?" in line for line in lines), lines  # scrolled to it
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0
        assert any("About the model" in line for line in screen_text(app))


def badge(app) -> str:
    from questionnaire.app.widgets.verdict_badge import VerdictBadge

    return widget_text(app.screen.query_one(VerdictBadge)).strip()


@run_async
async def test_the_live_badge_never_takes_an_unanswered_access_for_public(tmp_path: Path) -> None:
    from app_pilot import IDENTITY, answer, answer_all

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(pilot, [("components.model_parameters_final.released", True),
                                 ("components.model_parameters_final.location", ""),
                                 ("components.model_parameters_final.license", "Apache-2.0")])
        assert current_id(pilot) == ACCESS
        assert badge(app) == "Partially open"  # released, but nobody said yet that anyone can download them
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Verdict so far: Partially open" in widget_text(app.screen.query_one("#review-summary"))
        await pilot.press("escape")
        await pilot.pause()
        await answer(pilot, ACCESS, "approval")
        assert badge(app) == "Partially open"
        await pilot.press("pageup")
        await pilot.pause()
        await answer(pilot, ACCESS, "public")
        assert badge(app) == "Open-weight"


@run_async
async def test_third_party_data_none_used_is_said_as_none_used_not_as_published(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")  # the examples: Amber used no third-party data
        await pilot.pause()
        examples = app.screen.query_one("#examples-list")
        examples.highlighted = next(i for i, e in enumerate(app.screen.examples) if e.slug == "amber")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["data_information.third_party_list"] == "none_used"
        osaid = " ".join(widget_text(app.screen.query_one("#osaid")).replace("│", " ").split())
        assert "✓ Training data obtainable from third parties: none used" in osaid
        assert "third parties is published" not in osaid
        await pilot.press("ctrl+r")
        await pilot.pause()
        table = app.screen.query_one("#answers")
        row = table.get_row("data_information.third_party_list")
        assert str(row[1]) == "None used"


@run_async
async def test_the_badge_means_the_users_own_answers_on_the_examples_and_what_if(tmp_path: Path) -> None:
    from questionnaire.app.screens.examples import ExamplesScreen
    from questionnaire.app.widgets.tier_banner import TierBanner
    from questionnaire.app.widgets.verdict_badge import VerdictBadge

    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # from the welcome screen: no answers of the user's, so no badge
        await pilot.pause()
        assert isinstance(app.screen, ExamplesScreen)
        assert not app.screen.query_one(VerdictBadge).display
        assert "Open source" not in screen_text(app)[0]
        assert "O P E N   S O U R C E" in widget_text(app.screen.query_one(TierBanner))  # the example's own tier
    llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+t", "e")  # the user's Llama declaration, then the examples
        await pilot.pause()
        assert isinstance(app.screen, ExamplesScreen)
        for _ in range(3):  # the open-source examples first: the badge stays the user's tier
            assert "O P E N   S O U R C E" in widget_text(app.screen.query_one(TierBanner))
            assert badge(app) == "Partially open" and screen_text(app)[0].endswith("Partially open")
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("escape", "w")  # what if the weights were under Apache-2.0?
        await pilot.pause()
        screen = app.screen
        for select_id, value in (("whatif-licence", "Apache-2.0"), ("whatif-access", "public")):
            select = screen.query_one(f"#{select_id}")
            select.focus()
            await pilot.pause()
            values = [v for _, v in select._options]
            await pilot.press("enter", *["down"] * values.index(value), "enter")
            await pilot.pause()
        assert "makes this open-weight" in " ".join(widget_text(screen.query_one("#whatif-headline")).split())
        assert badge(app) == "Partially open"  # the user's answers have not changed


@run_async
async def test_the_last_answer_and_a_save_leave_every_row_of_the_review_in_view(tmp_path: Path) -> None:
    last = "components.sample_model_outputs.released"
    answers = llama_answers()
    del answers[last]
    data = tmp_path / "data"
    drafts.save(drafts.Draft(answers, last, None, FIXED_NOW.isoformat(timespec="seconds")), data)
    app = make_app(data)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn, as in a terminal
        await pilot.press("r")
        await pilot.pause()
        assert current_id(pilot) == last
        await pilot.press("n")  # the last question: on to the review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("end")
        await pilot.pause()
        lines = screen_text(app)
        rows = [line for line in lines if "Sample model outputs: released?" in line]
        assert rows and rows[0].rstrip().endswith("No"), lines  # the last row, whole: nothing over it
        assert "save with Ctrl+S" in " ".join(" ".join(lines).split())  # what to do next, in the summary
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(tmp_path / "llama.toml"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and (tmp_path / "llama.toml").exists()
        lines = screen_text(app)
        assert "✓ Saved to" in lines[0] and lines[0].endswith("Partially open")  # said in the app bar
        rows = [line for line in lines if "Sample model outputs: released?" in line]
        assert rows and rows[0].rstrip().endswith("No"), lines
        for line in lines[-8:-1]:  # the rows above the footer: table rows, not a toast
            assert "Saved" not in line and "╭" not in line and "▔" not in line, lines
