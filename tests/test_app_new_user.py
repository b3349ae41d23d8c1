"""What a new user hit (issue 12), each checked the way they met it: pressing keys at 80x24 and reading the
screen."""

from __future__ import annotations

import re
from pathlib import Path

from app_pilot import FIXED_NOW, current_id, llama_answers, make_app, run_async, screen_text

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
