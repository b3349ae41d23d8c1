"""Fitting text to a width by hand, for list rows: one line cut with an ellipsis, a line with a count at its
right edge, and a hanging indent. Rich tables would do the same but cost a millisecond or more per row,
and lists are rebuilt on every answer."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.text import Text


def one_line(text: Text, width: int) -> Text:
    """The text on one line, cut with an ellipsis when it is wider than `width` cells."""
    if width > 0 and cell_len(text.plain) > width:
        text = text.copy()
        text.truncate(max(1, width), overflow="ellipsis")
    return text


def with_count(label: Text, count: Text, width: int) -> Text:
    """`label` then `count` at the right edge of `width` cells (the label cut to make room)."""
    room = max(1, width - cell_len(count.plain) - 1)
    label = one_line(label, room)
    line = label.copy()
    line.append(" " * max(1, width - cell_len(label.plain) - cell_len(count.plain)))
    line.append_text(count)
    return line


def hanging(head: Text, body: str, width: int, indent: int, body_style: str = "") -> Text:
    """`head` on the first line, then `body` wrapped to `width` with every line indented by `indent`."""
    out = head.copy()
    if body:
        for line in textwrap.wrap(body, max(10, width - indent)):
            out.append("\n" + " " * indent)
            out.append(line, style=body_style)
    return out
