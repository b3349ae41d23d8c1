"""The licence picker's result list as a user works it with the mouse, and with the keys once the list
itself has focus (a click on it, or Tab from the field): what OptionList did before the list drew itself."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot

from questionnaire.app.widgets.license_picker import LicensePicker
from questionnaire.app.widgets.license_results import LicenseResults

from app_pilot import IDENTITY, answer_all, current_id, make_app, run_async, type_text, until, widget_text

LICENSE = "components.model_parameters_final.license"
BEFORE = [("components.model_parameters_final.released", True), ("components.model_parameters_final.location", "")]


def row_backgrounds(results: LicenseResults) -> list[object]:
    """The background of each row as drawn (its first cell right of the border)."""
    width, height = results.outer_size
    backgrounds = []
    for strip in results.render_lines(Region(0, 0, width, height)):
        cells = [segment for segment in strip if segment.text.strip() or segment.text]
        backgrounds.append(cells[1].style.bgcolor if len(cells) > 1 and cells[1].style else None)
    return backgrounds


def facts_id(app) -> str:  # type: ignore[no-untyped-def]
    """The licence the facts box is about (its first line)."""
    return widget_text(app.screen.query_one("#license-facts")).splitlines()[1].strip("│ ")


def shown_in(entry, results: LicenseResults) -> bool:  # type: ignore[no-untyped-def]
    """Whether the row of `entry` is in view in the list."""
    kind, item = entry
    words = item.id.removeprefix("LicenseRef-") if kind in ("license", "proposed") else (item or "No licence")
    return words in widget_text(results)


async def licence_question(pilot: Pilot) -> LicensePicker:
    """A new questionnaire answered up to the final weights' licence: its picker."""
    await pilot.press("n")
    await answer_all(pilot, IDENTITY + BEFORE)
    assert await until(pilot, lambda: current_id(pilot) == LICENSE)
    return pilot.app.screen.query_one(LicensePicker)


@run_async
async def test_the_mouse_highlights_the_row_under_it_and_a_click_takes_that_licence(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await licence_question(pilot)
        await pilot.press(*"apache")
        assert await until(pilot, lambda: len(picker.entries) >= 4 and picker.entries[0][1].id == "Apache-2.0")
        results = picker.query_one(LicenseResults)
        plain = row_backgrounds(results)[3]
        assert row_backgrounds(results)[2] == plain  # neither highlighted nor under the mouse
        await pilot.hover(LicenseResults, offset=(4, 2))
        assert await until(pilot, lambda: row_backgrounds(results)[2] != plain)  # the row under the pointer
        assert row_backgrounds(results)[3] == plain and picker.query_one(LicenseResults).highlighted == 0
        await pilot.hover("#answer-input")
        assert await until(pilot, lambda: row_backgrounds(results)[2] == plain)  # the pointer gone: as before
        chosen = picker.entries[2][1].id
        await pilot.click(LicenseResults, offset=(4, 2))
        assert await until(pilot, lambda: app.session.answers.get(LICENSE) == chosen), chosen
        assert current_id(pilot) != LICENSE


@run_async
async def test_the_list_with_focus_moves_with_the_arrows_pages_and_ends_and_enter_takes_it(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await licence_question(pilot)
        await pilot.press(*"cc-by")
        assert await until(pilot, lambda: len(picker.entries) > 10)
        results = picker.query_one(LicenseResults)
        await pilot.press("tab")
        assert await until(pilot, lambda: app.focused is results)
        await pilot.press("down")
        second = picker.entries[1][1]
        assert await until(pilot, lambda: results.highlighted == 1 and facts_id(app) == second.id)
        await pilot.press("end")
        last = len(picker.entries) - 1
        assert await until(pilot, lambda: results.highlighted == last and shown_in(picker.entries[last], results))
        await pilot.press("down")  # from the last: round to the first, as OptionList went
        assert await until(pilot, lambda: results.highlighted == 0)
        await pilot.press("pagedown")  # a page: as many rows as the list shows
        assert await until(pilot, lambda: results.highlighted == results.scrollable_content_region.height)
        assert await until(pilot, lambda: shown_in(picker.entries[results.highlighted], results))  # scrolled to it
        await pilot.press("home")
        assert await until(pilot, lambda: results.highlighted == 0 and shown_in(picker.entries[0], results))
        await pilot.press("up")  # from the first: round to the last
        assert await until(pilot, lambda: results.highlighted == last)
        await pilot.press("enter")
        chosen = picker.entries[last]
        expected = chosen[1].id if chosen[0] in ("license", "proposed") else chosen[1]
        assert await until(pilot, lambda: app.session.answers.get(LICENSE) == expected), expected
        assert current_id(pilot) != LICENSE


@run_async
async def test_a_licence_written_like_markup_is_listed_and_kept_as_written(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await licence_question(pilot)
        await type_text(pilot, "x[/]y [b]z")
        results = picker.query_one(LicenseResults)
        assert await until(pilot, lambda: "Use “x[/]y [b]z” as written" in widget_text(results)), widget_text(results)
        written = next(i for i, (kind, _) in enumerate(picker.entries) if kind == "written")
        await pilot.press(*["down"] * written, "enter")
        assert await until(pilot, lambda: app.session.answers.get(LICENSE) == "x[/]y [b]z")


@run_async
async def test_one_field_asks_a_web_address_then_a_licence_then_a_web_address_again(tmp_path: Path) -> None:
    """The typed questions and the licence question share one field, which keeps focus from one to the next:
    on a typed question the licence list is not on screen and the arrows leave it alone; on the licence
    question the list is there and the arrows move in it; Back returns to the web address as it was typed."""
    from textual.widgets import Input

    from app_pilot import screen_once

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY + BEFORE[:1])
        location = "components.model_parameters_final.location"
        assert await until(pilot, lambda: current_id(pilot) == location)
        field = app.screen.query_one("#answer-input", Input)
        assert await until(pilot, lambda: app.focused is field)
        prompt = "Where can people get the final model"  # the question, as it wraps at this width
        lines = await screen_once(pilot, lambda lines: any(prompt in line for line in lines))
        assert any(prompt in line for line in lines), lines
        assert not any("Apache-2.0" in line for line in lines)  # no licence list on a typed question
        await pilot.press("down")
        await type_text(pilot, "example.org/weights")
        await pilot.press("enter")  # refused without https://, with the offer
        offer = await screen_once(pilot, lambda lines: "Press Enter again" in "\n".join(lines))
        assert "Press Enter again" in "\n".join(offer)
        await pilot.press("enter")  # the offer taken
        assert await until(pilot, lambda: current_id(pilot) == LICENSE)
        assert app.session.answers.get(location) == "https://example.org/weights"
        assert app.screen.query_one("#answer-input", Input) is field and app.focused is field  # the same field
        picker = app.screen.query_one(LicensePicker)
        listed = await screen_once(pilot, lambda lines: any("Apache-2.0" in line for line in lines))
        assert any("Apache-2.0" in line for line in listed)
        assert field.value == "" and picker.query_one(LicenseResults).highlighted == 0
        await pilot.press("down")
        assert await until(pilot, lambda: picker.query_one(LicenseResults).highlighted == 1)
        await pilot.press("pageup")  # a page of licences up: to the first
        assert await until(pilot, lambda: picker.query_one(LicenseResults).highlighted == 0)
        await pilot.press("pageup")  # then back to the web address, as typed
        assert await until(pilot, lambda: current_id(pilot) == location)
        assert await until(pilot, lambda: field.value == "https://example.org/weights" and app.focused is field)

        # the screen once it has caught up (a frame can show the field's new text before the list is gone)
        def typed_again(lines: list[str]) -> bool:
            shown = "\n".join(lines)
            return "https://example.org/weights" in shown and "Apache-2.0" not in shown

        lines = await screen_once(pilot, typed_again)
        assert any(prompt in line for line in lines) and any("https://example.org/weights" in x for x in lines), lines
        assert not any("Apache-2.0" in line for line in lines), lines  # the list gone with the licence question
