"""The sidebar keeps the drawing of rows an answer did not change (section_nav): after every answer, and
after going back, it still shows each question's mark as it is now, and the section's count."""

from __future__ import annotations

from pathlib import Path

from questionnaire.app.widgets.section_nav import SectionNav

from app_pilot import IDENTITY, answer, current_id, make_app, run_async, until, widget_text


def marks(nav: SectionNav) -> dict[str, str]:
    """The mark drawn before each question's row: › on screen, ✓ answered, · open."""
    lines = widget_text(nav).splitlines()
    found = {}
    for index, option in enumerate(nav.options):
        if option.id and option.id.startswith("q:"):
            row = lines[nav._index_to_line[index]].strip()
            found[option.id[2:]] = row[:1]
    return found


@run_async
async def test_the_sidebar_marks_follow_every_answer_and_going_back(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("n")
        nav = app.screen.query_one(SectionNav)
        for done, (question_id, value) in enumerate(IDENTITY[:5], start=1):
            await answer(pilot, question_id, value)
            # the sidebar follows the question on screen by a frame: wait for its count, then look
            await until(pilot, lambda: f"{done}/8" in widget_text(nav) and marks(nav).get(current_id(pilot)) == "›")  # noqa: B023
            shown = marks(nav)
            assert all(shown[qid] == "✓" for qid, _ in IDENTITY[:done]), shown
            assert shown[current_id(pilot)] == "›", shown
            assert f"{done}/8" in widget_text(nav)
        await pilot.press("pageup")  # back to the last answered question: its ✓ becomes ›, the one left ·
        await until(pilot, lambda: marks(nav).get(IDENTITY[4][0]) == "›")
        shown = marks(nav)
        assert current_id(pilot) == IDENTITY[4][0]
        assert shown[IDENTITY[4][0]] == "›" and shown[IDENTITY[5][0]] == "·", shown
        assert all(shown[qid] == "✓" for qid, _ in IDENTITY[:4]), shown
        assert "5/8" in widget_text(nav)
