"""Two changes to how Textual's compositor draws a screen, for the questionnaire screen, whose every answer
lays out and draws the question area again: the map a layout made is kept, and an update draws only the
widgets it touches.

Both use private Textual API (8.x): `Screen._compositor`, and the compositor's `reflow`,
`_full_map_invalidated`, `_get_renders` and `visible_widgets`. Were they renamed, each does nothing and
the screen is drawn as Textual draws it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.geometry import Region

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.strip import Strip


def keep_reflowed_map(screen: Screen[Any]) -> None:
    """Make the screen's compositor keep the map its layout just made.

    A widget repainted while it was off the visible part of the screen (the help below a long question,
    the answer widget a question shows again) marks the compositor's full map stale before the layout.
    The layout then makes a full map, but leaves the mark, so that the first widget asking its region
    while the new sizes are handed out (Widget._size_updated) has the whole screen arranged a second
    time, before the frame: in a walk, 27 of 40 answers paid for that. The mark is cleared once the map is
    made, as it is after a layout with no such widget."""
    compositor = getattr(screen, "_compositor", None)
    reflow = getattr(compositor, "reflow", None)
    if reflow is None or not hasattr(compositor, "_full_map_invalidated"):
        return

    def reflow_and_keep(parent: Any, size: Any) -> Any:
        result = reflow(parent, size)
        compositor._full_map_invalidated = False  # the map reflow made is the full map
        return result

    compositor.reflow = reflow_and_keep


def draw_only_touched(screen: Screen[Any]) -> None:
    """Make the screen's compositor draw, for an update of part of the screen, only the widgets whose
    visible part meets that part.

    Textual draws every widget whose container's visible area meets the rectangle around the update, and
    then keeps only the lines and columns the update covers. After an answer the update is the question
    area: the sidebar, the top bar and the footer (and the sidebar's scrollbar) were drawn too, for
    nothing, a fifth of the compositor's own share of the frame. What the frame shows is the same: a
    widget left out only filled columns or lines outside the update, which are not sent to the terminal."""
    compositor = getattr(screen, "_compositor", None)
    get_renders = getattr(compositor, "_get_renders", None)
    if get_renders is None or not hasattr(compositor, "visible_widgets"):
        return

    def touched_renders(crop: Region | None = None) -> Iterator[tuple[Region, Region, list[Strip]]]:
        if not crop:  # the whole screen
            yield from get_renders(crop)
            return
        crop_x, crop_y, crop_width, crop_height = crop
        right, bottom = crop_x + crop_width, crop_y + crop_height
        for widget, (region, clip) in compositor.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            if not (width and height) or x >= right or x + width <= crop_x or y >= bottom or y + height <= crop_y:
                continue
            yield region, clip, widget.render_lines(Region(x - region.x, y - region.y, width, height))

    compositor._get_renders = touched_renders
