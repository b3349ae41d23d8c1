"""A scrollbar (vertical) drawn as Textual strips, without going through Rich's console.

Textual's ScrollBar returns a Rich renderable (ScrollBarRender), which Textual renders through Rich's
console; the bar of the question area (22 lines at 80x24) is drawn again after most answers (the
question's height moves the thumb). The same segments, from ScrollBarRender.render_bar, made into strips
directly: the bar's drawing went from about 1.2 to 1.0 ms per answer in a walk (the rest is Textual's
styling of each line, the same for every widget).

Used through the scrollbar's documented `renderer` attribute, set on the instances of the widgets that
scroll on the questionnaire screen (`light_scrollbar`).

Those bars are also made LightScrollBar (their class swapped for this subclass of ScrollBar, which
Textual makes itself): a bar drawn as it was drawn before (the same thumb at the same size, in the same
colours) reuses the lines Textual's styling made then. The question area's bar takes a handful of
states over a walk (21 distinct drawings of 110, licence list included), and is drawn again after most
answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.geometry import Region
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


KEPT_DRAWINGS = 32  # per bar


class LightScrollBar(ScrollBar):
    """A ScrollBar whose drawn lines are kept by what they depend on: the bar's state as its `render`
    gives it to the renderer (sizes, position, thickness, colours, which follow hover, grab and theme),
    the part drawn, the bar's size, its background and opacity, and the app's line filters and ANSI
    theme. A drawing seen before is reused instead of styled line by line again."""

    def render_lines(self, crop: Region) -> list[Strip]:
        drawings: dict[tuple[object, ...], list[Strip]] | None = self.__dict__.get("_drawings")
        if drawings is None:
            drawings = self.__dict__["_drawings"] = {}
        try:
            bar = self.render()
            key: tuple[object, ...] | None = (
                crop,
                self.region.size,
                type(bar),
                getattr(bar, "virtual_size", None),
                getattr(bar, "window_size", None),
                getattr(bar, "position", None),
                getattr(bar, "thickness", None),
                getattr(bar, "vertical", None),
                getattr(bar, "style", None),
                self.background_colors,
                self.opacity,
                tuple(self.get_line_filters()),
                self.app.ansi_theme,
                self.app.native_ansi_color,
            )
            hash(key)
        except TypeError:  # something unhashable (a line filter): drawn as Textual draws it
            key = None
        if key is not None:
            strips = drawings.get(key)
            if strips is not None:
                return list(strips)
        strips = super().render_lines(crop)
        if key is not None:
            if len(drawings) >= KEPT_DRAWINGS:
                drawings.clear()
            drawings[key] = list(strips)
        return strips


def light_scrollbar(widget: Widget) -> None:
    """Draw `widget`'s vertical scrollbar with LightScrollBarRender, as a LightScrollBar (the bar is made
    now if it is not yet). Textual makes the bar itself (Widget.vertical_scrollbar) as a ScrollBar; its
    class is swapped for the subclass, which only adds the kept drawings."""
    bar = widget.vertical_scrollbar
    bar.renderer = LightScrollBarRender
    if type(bar) is ScrollBar:
        bar.__class__ = LightScrollBar
