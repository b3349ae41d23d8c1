"""Widgets whose scrollable (virtual) size only the layout sets: no second layout to follow the first.

Textual's `Widget.virtual_size` is a reactive that asks for a layout when it changes. The screen's layout is
what sets it, for every widget whose size it changed (`Widget._size_updated`), so that each layout in which
a question's text, answer or help changes height is followed by a second layout of the whole screen a
frame later, which arranges everything as the first did and changes nothing (on the questionnaire screen:
a second layout after nearly every answer). A widget with `LaidOutSize` first in its bases keeps the
reactive (its watchers) without the layout, and without the repaint: the layout that changed the
virtual size has the compositor draw again every region whose geometry changed, so that the repaint asked
for besides drew the same widgets again in the next frame (the help, the question, the answer, the area).
Only for widgets whose virtual size the layout computes (containers, Statics, a list as tall as its rows) or
that ask for the layout and the repaint they need themselves (the sidebar's OptionList, when its options
change): a scrollbar that comes or goes still asks for a layout (`show_vertical_scrollbar`), and a changed
text through `refresh(layout=True)`, as before.

The reactive is redeclared, as a subclass redeclares any reactive to change its flags (public API).

`KeptStatic`: a Static whose text is wrapped and drawn once, for the layout's height and the frame alike,
and kept, so that a text can be drawn ahead, before it is shown (the next question's head)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import Static

from questionnaire.app.widgets.styled_rows import StyledRows

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.visual import VisualType


class LaidOutSize:
    """Mixin, before the widget class in the bases: a change of `virtual_size` neither lays out nor repaints."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


KEPT_DRAWINGS = 32  # texts kept drawn per widget (at a width, in a style)


def content_key(content: object, markup: bool) -> tuple[object, ...] | None:
    """What a Static's drawing of `content` depends on in the content itself (Content compares its plain
    text only, so its spans are named too); for anything else, its `kept_key` (a visual that draws the
    same for the same key says so with one: the help's laid-out Markdown); None when it has none (drawn as
    Static draws it)."""
    kept_key = getattr(content, "kept_key", None)
    if kept_key is not None:
        key: tuple[object, ...] = ("kept", kept_key)
    elif isinstance(content, str):
        key = ("str", content, markup)
    elif isinstance(content, Text):
        key = ("text", content.plain, tuple(content.spans), content.style, content.justify, content.overflow,
               content.no_wrap, content.end, content.tab_size)  # fmt: skip
    elif isinstance(content, Content):
        key = ("content", content.plain, tuple(content.spans))
    else:
        return None
    try:
        hash(key)
    except TypeError:  # a style that cannot be a key
        return None
    return key


class KeptStatic(StyledRows, Static):
    """A Static whose text is drawn as Static draws it (Visual.to_strips of its visual at the content's
    width, in its visual style), but kept by the text, the width and everything else the drawing reads
    (the visual style, the text rules, the link style, the theme), so that

    * the layout's height and the frame's lines share one wrap of the text (Static wraps it twice: once
      to measure, once to draw);
    * a text drawn before (`draw_ahead`, or shown before) is not drawn again: only Textual's styling of
      each line is left.

    A text selection, a selection being made, text aligned other than top left, and anything but text
    (a Rich renderable) are drawn as Static draws them."""

    CONTENT_HEIGHT_FROM_WIDTH = True  # its lines at the width (kept_arrangement)

    _laid_out_at: tuple[int, object] | None = None  # (the width last laid out at, the terminal's size then)
    _pass: list[Strip] | None = None  # the lines of the drawing pass under way (render_lines)
    _last_key: tuple[object, tuple[object, ...], tuple[object, ...] | None] | None = None  # see _drawing_key

    def _kept(self) -> dict[tuple[object, ...], list[Strip]]:
        kept: dict[tuple[object, ...], list[Strip]] | None = self.__dict__.get("_kept_strips")
        if kept is None:
            kept = self.__dict__["_kept_strips"] = {}
        return kept

    def _drawing_key(self, content: object, width: int) -> tuple[object, ...] | None:
        if width <= 0:
            return None
        screen = self.screen
        if getattr(screen, "_selecting", False) or self in screen.selections:
            return None
        # The key is worked out again only when the text, the width or the widget's styles changed (its
        # styles' update count, by which Textual keeps its visual style too): asked at every layout and
        # every drawing, it took a twentieth of a millisecond each time.
        styles = self.styles
        stamp = (width, getattr(styles, "_cache_key", None), self.visual_style, self.app.theme)
        last = self._last_key
        if last is not None and last[0] is content and last[1] == stamp and stamp[1] is not None:
            return last[2]
        key = self._work_out_key(content, width, styles)
        self._last_key = (content, stamp, key)
        return key

    def _work_out_key(self, content: object, width: int, styles: Any) -> tuple[object, ...] | None:
        if tuple(styles.content_align) != ("left", "top"):
            return None
        key = content_key(content, self._render_markup)
        if key is None:
            return None
        link_style = self.link_style if self.auto_links else None
        rules = (styles.text_align, styles.text_overflow, styles.text_wrap, styles.line_pad)
        return (key, width, self.visual_style, rules, link_style, self.app.theme)

    def _strips(self, content: object, width: int) -> list[Strip] | None:
        """`content`'s lines at `width` in the style the widget has now, drawn or found kept (None: not
        kept, drawn as Static draws it)."""
        key = self._drawing_key(content, width)
        if key is None:
            return None
        kept = self._kept()
        strips = kept.get(key)
        if strips is None:
            visual = self.visual if content is self.content else visualize(self, content, markup=self._render_markup)
            if len(kept) >= KEPT_DRAWINGS:
                kept.clear()
            strips = kept[key] = Visual.to_strips(self, visual, width, None, self.visual_style)
        return strips

    def draw_ahead(self, content: VisualType | None = None) -> None:
        """Draw `content` (by default the text shown) at the width the widget has, or had when last laid out
        in a terminal of this size (hidden, its width is nothing), so that showing it finds it drawn."""
        width = self.size.width
        if width <= 0 and self._laid_out_at is not None and self._laid_out_at[1] == self.app.size:
            width = self._laid_out_at[0]
        strips = self._strips(self.content if content is None else content, width)
        if strips is not None and width == self.size.width:  # and styled, when shown as it is now (StyledRows)
            self.style_rows_ahead(strips)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        strips = self._strips(self.content, width)
        if strips is None:
            return super().get_content_height(container, viewport, width)
        self._laid_out_at = (width, self.app.size)
        return len(strips)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = self._strips(self.content, self.size.width)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        strips = self._pass
        if strips is None:
            return super().render_line(y)
        return strips[y] if 0 <= y < len(strips) else Strip.blank(self.size.width, self.visual_style.rich_style)

    def content_row(self, y: int) -> Strip | None:
        return self.render_line(y) if self._pass is not None else None  # kept lines only (StyledRows)


class LaidOutStatic(LaidOutSize, KeptStatic):
    """A Static inside a container the layout sizes (a question's head, its help, an answer's hint)."""
