"""Containers whose arrangement is kept across heights, when the arrangement cannot depend on the height.

Textual keeps a container's arrangement (where each child goes) by the container's whole size. A container
whose height is `auto` is arranged twice in each layout: once to measure its height, in the room its parent
offers, and once to place its children, in the height that came out, which differs; and again for each such
container inside it. After an answer, the question panel, the answer widget and the help were each
arranged twice, their children's sizes worked out twice.

A vertical container whose children all have a height of their own (auto, or a number of cells or of the
terminal's size), no dock, no split and no overlay, and whose containers inside are such containers too, places
its children by the width alone: the second arrangement would be the first. `HeightFreeArrangement` (first in
the bases) then keeps it by the width, the terminal's size, the children and `optimal`, in Textual's own cache
of arrangements, which Textual clears whenever a child changes or is shown or hidden, as before; and while
a change inside has not cleared it yet, the container is arranged afresh. A container with any other child
(a `1fr` or `50%` height, a dock) is arranged as Textual arranges it.

A leaf child's height must come from its width alone: Textual's own measure does (a widget's visual at a
width), and so do the widgets here that measure themselves and say so with `CONTENT_HEIGHT_FROM_WIDTH`.

Uses private Textual API (8.x): `Widget._arrangement_cache` and `_nodes._updates`, the key of Textual's
own cache. Were they renamed, the container is arranged as Textual arranges it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.scalar import Unit
from textual.layouts.vertical import VerticalLayout
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size

# heights that do not depend on the container's: cells, and the terminal's size (part of the key)
_OWN_UNITS = frozenset({Unit.CELLS, Unit.VIEW_WIDTH, Unit.VIEW_HEIGHT})


def _height_of_its_own(child: Widget) -> bool:
    styles = child.styles
    height = styles.height
    if height is None or not (height.is_auto or height.unit in _OWN_UNITS):
        return False  # no height fills the container; a fraction or a percentage is of its height
    for extreme in (styles.min_height, styles.max_height):
        if extreme is not None and extreme.unit not in _OWN_UNITS:
            return False
    if styles.is_docked or styles.is_split or styles.overlay == "screen":
        return False
    if child.is_container and child.displayed_children:
        return isinstance(child, HeightFreeArrangement) and child.arranged_by_width()
    return type(child).get_content_height is Widget.get_content_height or getattr(
        child, "CONTENT_HEIGHT_FROM_WIDTH", False
    )


class HeightFreeArrangement:
    """Mixin, before the container class in the bases: its arrangement is kept across heights when it
    cannot depend on the height (see the module)."""

    def arranged_by_width(self) -> bool:
        """Whether this container's arrangement depends on its width alone (and the terminal's size)."""
        widget: Any = self
        if not isinstance(widget.layout, VerticalLayout) or widget.styles.align_vertical != "top":
            return False
        return all(_height_of_its_own(child) for child in widget.displayed_children)

    def _change_pending(self) -> bool:
        """Whether a widget inside has changed in a way that has not cleared the kept arrangements yet (it
        asked for a layout, and Textual clears its containers' arrangements when it next goes idle): the
        arrangement is then made afresh, and not kept."""
        return any(getattr(node, "_layout_required", True) for node in self.walk_children())  # type: ignore[attr-defined]

    def arrange(self, size: Size, optimal: bool = False) -> Any:
        widget: Any = self
        cache = getattr(widget, "_arrangement_cache", None)
        nodes = getattr(widget, "_nodes", None)
        if cache is None or not hasattr(nodes, "_updates") or self._change_pending() or not self.arranged_by_width():
            return super().arrange(size, optimal)  # type: ignore[misc]
        key = ("by width", size.width, widget.app.size, nodes._updates, optimal)
        arranged = cache.get(key)
        if arranged is None:
            arranged = cache[key] = super().arrange(size, optimal)  # type: ignore[misc]
        return arranged
