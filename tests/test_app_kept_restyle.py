"""An answer's focused part (the choice list, the field) takes, at each switch between a typed answer and a
choice, the styles Textual would work out for it; a look seen before is put back without matching the
stylesheet again (widgets/kept_restyle.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input

from questionnaire.app.widgets.answer_base import AnswerField
from questionnaire.app.widgets.choice_answer import ChoiceList

from app_pilot import IDENTITY, answer_all, current_id, make_app, run_async, until


def look(widget: Widget) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The CSS rules of `widget` and of each of its component classes, as they are now."""
    components = {name: styles.get_rules() for name, styles in widget._component_styles.items()}
    return widget._css_styles.get_rules(), components


def as_textual_styles_it(widget: Widget) -> bool:
    """Whether `widget`'s styles are those Textual works out for it now, from the stylesheet (which it then
    sets: the same ones, if so; so this is asserted once, never waited for)."""
    before = look(widget)
    widget.app.stylesheet.update_nodes([widget])
    return look(widget) == before


async def switch_to(pilot: Any, key: str, question_id: str, part: type[Widget]) -> Widget:
    """Press `key` and wait until `question_id` is asked and its `part` has taken focus (restyled then)."""
    await pilot.press(key)
    focused = pilot.app

    def there() -> bool:
        return current_id(pilot) == question_id and isinstance(focused.focused, part) and focused.focused.has_focus

    assert await until(pilot, there)
    return focused.focused


@run_async
async def test_the_focused_part_has_textual_s_styles_after_each_switch_in_each_theme_and_layout(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:6])  # typed answers, up to the first choice (the modality)
        assert await until(pilot, lambda: current_id(pilot) == "identity.modality")
        for theme, size in (("textual-dark", (110, 30)), ("textual-light", (110, 30)), ("textual-light", (80, 24))):
            app.theme = theme
            await pilot.resize_terminal(*size)
            layout = "-narrow" if size[0] < 100 else "-wide"
            assert await until(pilot, lambda layout=layout: app.screen.has_class(layout))
            for _ in range(2):  # the second time round, each look is one seen before
                field = await switch_to(pilot, "pageup", "identity.repository", AnswerField)
                assert as_textual_styles_it(field), f"the field, {theme}, {size}"
                choices = await switch_to(pilot, "pagedown", "identity.modality", ChoiceList)
                assert as_textual_styles_it(choices), f"the choices, {theme}, {size}"
        app.theme = "textual-dark"
        field = await switch_to(pilot, "pageup", "identity.repository", AnswerField)
        field.add_class("-invalid")  # a class of its own changes its look: worked out, not put back
        assert await until(pilot, lambda: field.has_class("-invalid"))
        await switch_to(pilot, "pagedown", "identity.modality", ChoiceList)
        field = await switch_to(pilot, "pageup", "identity.repository", AnswerField)
        assert as_textual_styles_it(field), "the field with a class of its own"


@run_async
async def test_a_look_seen_before_is_put_back_without_matching_the_stylesheet(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:6])
        assert await until(pilot, lambda: current_id(pilot) == "identity.modality")
        await switch_to(pilot, "pageup", "identity.repository", AnswerField)  # each look once
        await switch_to(pilot, "pagedown", "identity.modality", ChoiceList)

        stylesheet = app.stylesheet
        apply = stylesheet.apply
        matched: list[Widget] = []

        def counted(node: Any, *args: Any, **kwargs: Any) -> None:
            matched.append(node)
            apply(node, *args, **kwargs)

        stylesheet.apply = counted  # type: ignore[method-assign]
        try:
            field = await switch_to(pilot, "pageup", "identity.repository", AnswerField)
            choices = await switch_to(pilot, "pagedown", "identity.modality", ChoiceList)
            assert await until(pilot, lambda: choices.has_focus and not field.has_focus)
        finally:
            stylesheet.apply = apply  # type: ignore[method-assign]
        assert not [node for node in matched if node in (field, choices) or node.parent in (field, choices)]
        assert as_textual_styles_it(choices)  # (the field, hidden, keeps its focused look until shown)


class Looks(App[None]):
    """A field whose look depends on its focus, its own class, a class of its container and the theme."""

    CSS = """
    AnswerField { border: solid red; }
    AnswerField:focus { border: heavy $accent; }
    .-outer AnswerField:focus { border: double green; }
    AnswerField.-marked:focus { background: blue; }
    AnswerField.-marked { color: yellow; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield AnswerField(id="field")
        yield Input(id="other")


@run_async
async def test_a_look_is_put_back_only_for_the_same_focus_classes_container_and_theme() -> None:
    app = Looks()
    async with app.run_test(size=(60, 12)) as pilot:
        field, other, box = app.query_one("#field", AnswerField), app.query_one("#other", Input), app.query_one("#box")
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            for box_class, own_class in (("", ""), ("-outer", ""), ("-outer", "-marked"), ("", "-marked"), ("", "")):
                box.set_classes(box_class)
                field.set_classes(own_class)
                for target in (field, other, field, other):  # each look twice: worked out, then put back
                    target.focus()
                    assert await until(pilot, lambda target=target: target.has_focus)
                    assert as_textual_styles_it(field), f"{theme}, {box_class!r}, {own_class!r}, {target.id}"
