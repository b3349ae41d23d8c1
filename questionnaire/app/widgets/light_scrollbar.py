"""A scrollbar (vertical) drawn as Textual strips, without going through Rich's console.

Textual's ScrollBar returns a Rich renderable (ScrollBarRender), which Textual renders through Rich's
console; the bar of the question area (22 lines at 80x24) is drawn again after most answers (the
question's height moves the thumb). The same segments, from ScrollBarRender.render_bar, made into strips
directly: the bar's drawing went from about 1.2 to 1.0 ms per answer in a walk (the rest is Textual's
styling of each line, the same for every widget).

Used through the scrollbar's documented `renderer` attribute, set on the instances of the widgets that
scroll on the questionnaire screen (`light_scrollbar`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widget import Widget


class _BarStrips(Visual):
    def __init__(self, bar: ScrollBarRender) -> None:
        self.bar = bar

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        bar = self.bar  # vertical (light_scrollbar sets no other)
        size = height or 0
        bar_style = bar.style if not isinstance(bar.style, str) else None
        segments = bar.render_bar(
            size=size,
            window_size=bar.window_size,
            virtual_size=bar.virtual_size,
            position=bar.position,
            vertical=True,
            thickness=width,
            **({"back_color": bar_style.bgcolor} if bar_style is not None and bar_style.bgcolor else {}),
            **({"bar_color": bar_style.color} if bar_style is not None and bar_style.color else {}),
        ).segments
        base = style.rich_style  # as Textual's post_render styles a Rich renderable: the widget's style first
        return [Strip([Segment(segment.text, base + segment.style)], width) for segment in segments[:size]]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class LightScrollBarRender(ScrollBarRender):
    """ScrollBarRender, drawn as a Textual Visual (Textual uses `visualize` before Rich's console)."""

    def visualize(self) -> Visual:
        return _BarStrips(self)


def light_scrollbar(widget: Widget) -> None:
    """Draw `widget`'s vertical scrollbar with LightScrollBarRender (the bar is made now if it is not yet)."""
    widget.vertical_scrollbar.renderer = LightScrollBarRender
