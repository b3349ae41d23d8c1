"""Widgets whose styled rows are kept, and can be styled ahead.

Textual draws a widget's line in two steps: the widget's content line (its text, here mostly kept already:
KeptStatic, ChoiceList), then its styling (background, padding, border, the app's line filters), by the
widget's StylesCache, which forgets every line whenever the widget changes or is resized. After an answer,
the head, the choices, the help and the help's own panel are all styled again, row by row, in the frame that
shows the next question.

`StyledRows` (before the widget class in the bases) keeps each styled row by what it depends on:

* the context: the width, the widget's styles (their update count, `_cache_key`), its background and the one
  beneath it, its opacity, the app's line filters, ANSI theme and theme, and the border's title;
* which row: a border or padding row by its distance from the top or the bottom edge, a content row by its
  content line (its segments).

A row kept is put back instead of styled again; and the rows of a text the widget will likely show next can
be styled now (`style_rows_ahead`, called where the content is drawn ahead), with Textual's own code for a
content row, so that the frame finds them styled. Anything else (a widget whose content line it cannot say,
a link under the pointer) is drawn as Textual draws it.

Uses private Textual API (8.x): `StylesCache.render_line`, `Styles._cache_key`, `Widget._border_title`.
Were they renamed, the widget is drawn as Textual draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._styles_cache import StylesCache
from textual.geometry import Region, Size

if TYPE_CHECKING:
    from textual.strip import Strip

KEPT_ROWS = 512  # styled rows kept per widget


def _segments(strip: Strip) -> tuple[object, ...]:
    return (strip.cell_length, *strip)


class StyledRows:
    """Mixin: the widget's styled rows kept, and styled ahead (see the module). The widget says what each
    content line is (`content_row`), or None when it cannot."""

    def content_row(self, y: int) -> Strip | None:
        """The content line `y` (0: the first line inside the padding and border), as drawn now."""
        return None

    def _rows_context(self) -> tuple[object, ...] | None:
        widget: Any = self
        try:
            if widget.auto_links and getattr(widget.hover_style, "_link_id", None):
                return None  # a link under the pointer is styled by Textual after the rows
            styles = widget.styles
            app = widget.app
            context = (
                widget.outer_size.width,
                styles._cache_key,
                widget.background_colors,
                widget.opacity,
                tuple(widget.get_line_filters()),
                app.ansi_theme,
                app.native_ansi_color,
                app.theme,
                widget._border_title,
            )
            hash(context)
        except (AttributeError, TypeError):  # Textual's names moved, or something unhashable
            return None
        return context

    def _kept_rows(self) -> dict[tuple[object, ...], Strip]:
        kept: dict[tuple[object, ...], Strip] | None = self.__dict__.get("_styled_rows")
        if kept is None or len(kept) >= KEPT_ROWS:
            kept = self.__dict__["_styled_rows"] = {}
        return kept

    def _row_key(
        self, context: tuple[object, ...], y: int, height: int, top: int, bottom: int
    ) -> tuple[object, ...] | None:
        if y < top:
            return (context, "top", y)
        if y >= height - bottom:
            return (context, "bottom", y - height)
        content = self.content_row(y - top)
        if content is None:
            return None
        return (context, "content", _segments(content))

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self
        context = self._rows_context()
        if context is None:
            return super().render_lines(crop)  # type: ignore[misc]
        width, height = widget.outer_size  # the rows span the padding and the border
        gutter = widget.styles.gutter
        top, bottom = gutter.top, gutter.bottom
        kept = self._kept_rows()
        keys = [self._row_key(context, y, height, top, bottom) for y in crop.line_range]
        rows = [kept.get(key) if key is not None else None for key in keys]
        if any(row is None for row in rows):
            rows = super().render_lines(Region(0, crop.y, width, crop.height))  # type: ignore[misc]
            for key, row in zip(keys, rows, strict=True):
                if key is not None:
                    kept[key] = row
        if crop.x or crop.width != width:
            return [row.crop(crop.x, crop.x + crop.width) for row in rows]  # type: ignore[union-attr]
        return rows  # type: ignore[return-value]

    def style_rows_ahead(self, contents: list[Strip]) -> None:
        """Style now, as the frame would, the content lines `contents` (a text drawn ahead, at the width the
        widget's content has), so that a frame that shows them finds them styled."""
        widget: Any = self
        context = self._rows_context()
        if context is None or not contents:
            return
        try:
            styles = widget.styles
            width = widget.outer_size.width
            gutter = styles.gutter
            base_background, background = widget.background_colors
            app = widget.app
            filters = widget.get_line_filters()
            kept = self._kept_rows()
            scratch = StylesCache()
            size = Size(width, gutter.height + 1)  # one content row, between the top and the bottom edges
            content_size = Size(width - gutter.width, 1)
            for content in contents:
                key = (context, "content", _segments(content))
                if key in kept:
                    continue
                row = scratch.render_line(
                    styles,
                    gutter.top,
                    size,
                    content_size,
                    styles.padding,
                    base_background,
                    background,
                    lambda _y, content=content: content,
                    None,
                    None,
                    widget.opacity,
                    app.ansi_theme,
                    app.native_ansi_color,
                )
                for line_filter in filters:
                    row = row.apply_filter(line_filter, background)
                kept[key] = row
        except (AttributeError, TypeError):  # Textual's names moved: the frame styles them as before
            return
