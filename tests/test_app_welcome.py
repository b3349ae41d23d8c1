"""The welcome screen's menu, used as a user does: the arrow keys, Home/End, PgUp/PgDn and Enter, a click on
an entry, the mouse over one; and the page scrolls when it is taller than the terminal."""

from __future__ import annotations

from pathlib import Path

from questionnaire import drafts
from questionnaire.app.screens.compare import CompareScreen
from questionnaire.app.screens.glossary import GlossaryScreen
from questionnaire.app.screens.welcome import WelcomeScreen
from questionnaire.app.widgets.welcome_menu import WelcomeMenu

from app_pilot import (
    FIXED_NOW,
    llama_answers,
    make_app,
    on_screen,
    run_async,
    save_llama_draft,
    screen_text,
    until,
    widget_text,
)

ENTRIES = ["welcome.new", "welcome.resume", "welcome.open", "welcome.examples", "welcome.compare", "welcome.glossary"]


def with_draft(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    save_llama_draft(data)
    return data


def detail(app) -> str:  # type: ignore[no-untyped-def]
    return widget_text(app.screen.query_one("#welcome-detail")).strip()


@run_async
async def test_the_keys_move_through_the_menu_and_its_detail_follows(tmp_path: Path) -> None:
    app = make_app(with_draft(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen))
        menu = app.screen.query_one(WelcomeMenu)
        assert menu.entry_ids == ENTRIES
        assert menu.has_focus and menu.highlighted_id == "welcome.resume"  # with a draft, resuming comes first
        assert "answers, saved 2025-06-02" in detail(app)
        moves = [
            ("down", "welcome.open", "Change a saved declaration"),
            ("down", "welcome.examples", "Real releases from OLMo"),  # over the line between the groups
            ("up", "welcome.open", "Change a saved declaration"),
            ("end", "welcome.glossary", "Every term a workshop needs"),
            ("down", "welcome.new", "Answer the questions from the beginning"),  # round to the top
            ("up", "welcome.glossary", "Every term a workshop needs"),  # and back round to the bottom
            ("home", "welcome.new", "Answer the questions from the beginning"),
            ("pagedown", "welcome.glossary", "Every term a workshop needs"),  # a page: the whole menu
            ("pageup", "welcome.new", "Answer the questions from the beginning"),
        ]
        for key, entry, words in moves:
            await pilot.press(key)
            assert await until(pilot, lambda e=entry, w=words: menu.highlighted_id == e and w in detail(app)), key
        await pilot.press("end", "enter")
        assert await until(pilot, lambda: on_screen(app, GlossaryScreen))
        assert not app.screen.query(WelcomeMenu)


@run_async
async def test_a_click_on_an_entry_runs_it_and_a_click_on_the_line_between_runs_nothing(tmp_path: Path) -> None:
    app = make_app(with_draft(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen))
        menu = app.screen.query_one(WelcomeMenu)
        lines = [line.strip(" ▊▎") for line in widget_text(menu).splitlines()]
        separator = next(row for row, line in enumerate(lines) if line and set(line) == {"─"})
        assert await pilot.click(WelcomeMenu, offset=(10, separator))
        assert await until(pilot, lambda: menu.highlighted_id == "welcome.resume")  # nothing chosen
        assert on_screen(app, WelcomeScreen)
        # the mouse over an entry: drawn as hovered (its own background), the highlight stays where it was
        compare = next(row for row, line in enumerate(lines) if line.startswith("Compare releases"))
        plain = menu.render_line(compare - 1)
        await pilot.hover(WelcomeMenu, offset=(10, compare))
        assert await until(pilot, lambda: menu.render_line(compare - 1) != plain)
        assert menu.highlighted_id == "welcome.resume"
        assert await pilot.click(WelcomeMenu, offset=(10, compare))
        assert await until(pilot, lambda: on_screen(app, CompareScreen))


@run_async
async def test_a_welcome_taller_than_the_terminal_scrolls_under_its_footer(tmp_path: Path) -> None:
    """With a note under the menu (an unreadable draft was set aside) the welcome is taller than 80x24: the
    page scrolls (its scrollbar shows), and the footer stays on the last line."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "draft.json").write_text("{ not json", encoding="utf-8")
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen) and app.screen.max_scroll_y > 0)
        assert await until(pilot, lambda: "^q Quit" in screen_text(app)[-1])  # the footer, under the page
        lines = screen_text(app)
        assert any("cannot be read" in line for line in lines)
        assert "Start a new declaration  (n)" in "\n".join(lines)


@run_async
async def test_a_draft_found_unreadable_on_coming_back_is_noted_under_the_menu(tmp_path: Path) -> None:
    """No note at first (none is made); the draft spoilt while the glossary is open: back on the welcome
    screen, the note says it was set aside, between the menu's detail and the footnote, and Resume is gone."""
    data = with_draft(tmp_path)
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen))
        assert not app.screen.query("#welcome-note")
        await pilot.press("g")
        assert await until(pilot, lambda: on_screen(app, GlossaryScreen))
        (data / "draft.json").write_text("{ not json", encoding="utf-8")
        await pilot.press("escape")
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen) and app.screen.query("#welcome-note"))
        ids = [child.id for child in app.screen.children]
        assert ids.index("welcome-detail") < ids.index("welcome-note") < ids.index("welcome-footnote")
        assert await until(pilot, lambda: "cannot be read" in widget_text(app.screen.query_one("#welcome-note")))
        assert "Resume" not in widget_text(app.screen.query_one(WelcomeMenu))


@run_async
async def test_a_long_model_name_in_the_menu_is_shown_whole(tmp_path: Path) -> None:
    """An entry wider than the menu takes more lines (wrapped as OptionList wraps), its key last; the entries
    under it move down, and each still runs what it says."""
    name = "A-rather-long-model-name-for-the-menu-to-wrap-onto-a-second-line-v2"
    data = tmp_path / "data"
    drafts.save(
        drafts.Draft(llama_answers() | {"identity.name": name}, "identity.name", None, FIXED_NOW.isoformat()), data
    )
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(
            pilot, lambda: on_screen(app, WelcomeScreen) and name in widget_text(app.screen.query_one(WelcomeMenu))
        )
        menu = app.screen.query_one(WelcomeMenu)
        lines = [line.strip(" ▊▎") for line in widget_text(menu).splitlines()]
        assert lines[lines.index(name) - 1] == "Resume the draft of" and lines[lines.index(name) + 1] == "(r)"
        compare = next(row for row, line in enumerate(lines) if line.startswith("Compare releases"))
        assert await pilot.click(WelcomeMenu, offset=(10, compare))
        assert await until(pilot, lambda: on_screen(app, CompareScreen))
