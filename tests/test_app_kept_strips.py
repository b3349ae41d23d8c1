"""Text drawn once and kept (laid_out.KeptStatic): a question's head, hint and help, and a licence's facts are
drawn exactly as Static draws them, and the next question's head and choices are made before it is shown,
so that the frame that shows it does not make them again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.visual import Visual
from textual.widgets import Static

from questionnaire.app.widgets.choice_answer import ChoiceList
from questionnaire.app.widgets.laid_out import KeptStatic, LaidOutStatic

from app_pilot import IDENTITY, answer_all, current_id, make_app, run_async, until

CSS = """
Screen { layout: horizontal; }
Static { width: 30; height: auto; padding: 0 1; color: $text; }
.muted { color: $text-muted; }
"""


class SideBySide(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        yield Static("", id="plain")
        yield KeptStatic("", id="kept")


def drawn(widget: Static) -> list[list[tuple[str, object]]]:
    """Every line of `widget` as (text, style) segments, as the screen gets them."""
    lines = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return [[(segment.text, segment.style) for segment in line] for line in lines]


TEXTS: list[Any] = [
    "[b]bold[/b] then a [i]long[/i] line that wraps at thirty cells, twice or more",
    Text.assemble(("Weights", "dim"), " · ", ("released?", "bold red"), " and a tail long enough to wrap"),
    Content.assemble(("Where", "$text-muted"), "\n", Content("A prompt that wraps").stylize_before("bold")),
    "",
    "first line\n\nthird line after a blank one",
]


@run_async
async def test_kept_text_is_drawn_as_static_draws_it_in_every_theme() -> None:
    """A drawing kept for one style is never shown in another: a wrong key would keep the two apart for
    good (`until` then fails after its limit)."""
    app = SideBySide()
    async with app.run_test(size=(70, 12)) as pilot:
        plain, kept = app.query_one("#plain", Static), app.query_one("#kept", KeptStatic)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            for text in TEXTS:
                plain.update(text)
                kept.update(text)
                await pilot.pause()
                assert await until(pilot, lambda: kept.outer_size == plain.outer_size)
                assert await until(pilot, lambda: drawn(kept) == drawn(plain)), f"{theme}: {text!r}"
            for classes in ("muted", ""):  # a style changed by a class: drawn again, not taken from the kept
                plain.set_classes(classes)
                kept.set_classes(classes)
                await pilot.pause()
                assert await until(pilot, lambda: drawn(kept) == drawn(plain)), f"{theme}, class {classes!r}"


@run_async
async def test_the_next_questions_head_and_choices_are_made_before_it_is_shown(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:-1])
        assert await until(pilot, lambda: current_id(pilot) == "identity.is_finetune")
        screen = app.screen
        head = screen.query_one("#question-head", LaidOutStatic)
        choices = screen.query_one(ChoiceList)
        following = screen.session.next_after("identity.is_finetune")
        assert following is not None and following.type == "bool"
        # made once this question is drawn: the next one's head, and its choices' lines
        assert await until(pilot, lambda: any(following.prompt in key[0][1] for key in head._kept()))
        made_ahead = {id(line) for lines in choices._split.values() for line in lines}

        made_now: list[object] = []
        to_strips = Visual.__dict__["to_strips"]  # a classmethod

        def counted(cls: type, widget: Any, visual: Any, *args: Any, **kwargs: Any) -> Any:
            made_now.append((widget, getattr(visual, "plain", "")))
            return to_strips.__func__(cls, widget, visual, *args, **kwargs)

        Visual.to_strips = classmethod(counted)  # type: ignore[method-assign, assignment]
        try:
            await pilot.press("n")
            assert await until(pilot, lambda: following.prompt in "".join(line.text for line in head.render_lines(
                Region(0, 0, head.outer_size.width, head.outer_size.height))))  # fmt: skip
        finally:
            Visual.to_strips = to_strips  # type: ignore[method-assign]
        # the head on screen was drawn ahead (the question after it may be, by now)
        assert not [text for widget, text in made_now if widget is head and following.prompt in text]
        shown = [line for lines in choices._choices for line in lines]
        assert shown and all(id(line) in made_ahead for line in shown)  # and the choices split ahead
