"""What if's release, licence and access fields (CompactSelect), used the ways a user can: each key that
opens the list, Escape that closes only the list, a click on the field and on an option, typing in the
open list; and a licence answer that looks like markup, shown as written."""

from __future__ import annotations

from pathlib import Path

from questionnaire import drafts
from questionnaire.app.screens.result import ResultScreen
from questionnaire.app.screens.whatif import WhatIfScreen
from questionnaire.app.widgets.compact_select import CompactSelect, CompactSelectOverlay

from app_pilot import FIXED_NOW, llama_answers, make_app, on_screen, run_async, screen_text, until, widget_text


def draft_app(data: Path, answers: dict | None = None) -> object:
    """An app with a draft of `answers` (the Llama answers unless others are given) to resume."""
    drafts.save(drafts.Draft(answers or llama_answers(), "identity.name", None, FIXED_NOW.isoformat()), data)
    return make_app(data)


async def open_whatif(pilot) -> WhatIfScreen:
    """The draft resumed, its result, then w."""
    await pilot.press("r", "ctrl+t")
    assert await until(pilot, lambda: on_screen(pilot.app, ResultScreen))
    await pilot.press("w")
    assert await until(pilot, lambda: on_screen(pilot.app, WhatIfScreen))
    return pilot.app.screen


def is_open(select: CompactSelect) -> bool:
    """The list is shown below the field, has the focus, and the footer says Escape closes it."""
    app = select.app
    return (
        select.expanded
        and isinstance(app.focused, CompactSelectOverlay)
        and app.focused.parent is select
        and "Dismiss menu" in screen_text(app)[-1]
    )


def is_closed(select: CompactSelect) -> bool:
    return not select.expanded and not select.query(CompactSelectOverlay) and select.has_focus


async def focused(pilot, selector: str) -> CompactSelect:  # type: ignore[no-untyped-def]
    """The what-if field `selector`, once it has the focus."""
    field = pilot.app.screen.query_one(selector, CompactSelect)
    field.focus()
    assert await until(pilot, lambda: field.has_focus)
    return field


@run_async
async def test_enter_space_up_and_down_open_the_list_and_escape_closes_only_the_list(tmp_path: Path) -> None:
    app = draft_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot)
        release = await focused(pilot, "#whatif-release")
        assert widget_text(release).split() == ["Release", "As", "now:", "released", "▼"]
        for key in ("enter", "space", "up", "down"):
            await pilot.press(key)
            assert await until(pilot, lambda: is_open(release)), key
            assert widget_text(release).split()[-1] == "▲"
            await pilot.press("escape")
            assert await until(pilot, lambda: is_closed(release)), key
            assert app.screen is screen and release.value == "keep"
        await pilot.press("escape")  # the list closed: Escape goes back, as before
        assert await until(pilot, lambda: on_screen(app, ResultScreen))


@run_async
async def test_a_click_opens_the_list_a_click_on_an_option_chooses_it(tmp_path: Path) -> None:
    app = draft_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot)
        licence = screen.query_one("#whatif-licence", CompactSelect)
        await pilot.click(licence)  # on its caption ("Licence"): nothing, as on the label beside a field
        assert await until(pilot, lambda: screen.focused is screen.query_one("#whatif-components"))
        assert not licence.expanded
        field = (12, 0)  # on the field, right of its caption (9 cells at 80 columns)
        await pilot.click(licence, offset=field)
        assert await until(pilot, lambda: is_open(licence))
        await pilot.click(licence, offset=field)  # a second click on the field closes it
        assert await until(pilot, lambda: is_closed(licence))
        await pilot.click(licence, offset=field)
        assert await until(pilot, lambda: is_open(licence))
        labels = [label for label, _ in licence.options]
        assert labels[:2] == ["As now: llama3.1", "Apache-2.0"]
        await pilot.click(CompactSelectOverlay, offset=(2, 1))  # one line an option, the first at the top
        assert await until(pilot, lambda: licence.value == "Apache-2.0" and is_closed(licence))
        assert widget_text(licence).split() == ["Licence", "Apache-2.0", "▼"]
        assert await until(pilot, lambda: "under Apache-2.0" in widget_text(screen.query_one("#whatif-headline")))


@run_async
async def test_typing_in_the_open_list_highlights_the_first_option_holding_it(tmp_path: Path) -> None:
    app = draft_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot)
        licence = await focused(pilot, "#whatif-licence")
        await pilot.press("enter")
        assert await until(pilot, lambda: is_open(licence))
        await pilot.press("o")  # OpenMDW-1.0 starts with it ("As now: ..." holds it further in)
        await pilot.press("enter")
        assert await until(pilot, lambda: licence.value == "OpenMDW-1.0" and is_closed(licence))
        assert app.screen is screen


@run_async
async def test_a_licence_answer_that_looks_like_markup_is_shown_as_written(tmp_path: Path) -> None:
    # (Select drew its label as markup: "x[/]y" stopped the app with a MarkupError when what-if opened)
    answers = llama_answers() | {"components.model_parameters_final.license": "x[/]y [b]z[/b]"}
    app = draft_app(tmp_path / "data", answers)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_whatif(pilot)
        licence = await focused(pilot, "#whatif-licence")
        assert await until(pilot, lambda: "As now: x[/]y [b]z[/b]" in widget_text(licence))
        await pilot.press("enter")
        assert await until(pilot, lambda: is_open(licence))

        def listed() -> str:  # the list is open (focused, its keys in the footer) a layout before it is drawn
            return widget_text(licence.query_one(CompactSelectOverlay))

        assert await until(pilot, lambda: "As now: x[/]y [b]z[/b]" in listed()), listed()


@run_async
async def test_undo_with_a_list_open_closes_it_and_sets_every_field_back(tmp_path: Path) -> None:
    app = draft_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot)
        licence = await focused(pilot, "#whatif-licence")
        await pilot.press("enter", "down", "enter")  # Apache-2.0
        assert await until(pilot, lambda: licence.value == "Apache-2.0" and is_closed(licence))
        await pilot.press("enter")
        assert await until(pilot, lambda: is_open(licence))
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: licence.value == "keep" and is_closed(licence))
        assert await until(pilot, lambda: widget_text(screen.query_one("#whatif-headline")).startswith(" Now "))
