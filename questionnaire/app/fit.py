"""Fitting text to a width by hand, for list rows: one line cut with an ellipsis, a line with a count at its
right edge, a hanging indent, a label wrapped under itself, and an id cut in its middle. Rich tables would do
the same but cost a millisecond or more per row, and lists are rebuilt on every answer."""

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


def wrapped(prefix: Text, label: str, width: int, style: str = "") -> Text:
    """`prefix` then `label`, the label wrapped to `width` and its next lines indented under its first,
    so that a long name is shown whole rather than cut."""
    indent = cell_len(prefix.plain)
    lines = textwrap.wrap(label, max(4, width - indent), break_on_hyphens=False) or [""]
    out = prefix.copy()
    out.append(lines[0], style=style)
    for line in lines[1:]:
        out.append("\n" + " " * indent)
        out.append(line, style=style)
    return out


def middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in its middle when longer: both ends stay, and names that
    differ only at their end (…-M, …-PlusPlus-M, …-v1) can still be told apart."""
    if width <= 0 or cell_len(text) <= width:
        return text
    if width < 5:
        return text[: width - 1] + "…"
    head = (width - 1) // 2
    tail = width - 1 - head
    return text[:head] + "…" + text[len(text) - tail :]


def hanging(head: Text, body: str, width: int, indent: int, body_style: str = "") -> Text:
    """`head` on the first line, then `body` wrapped to `width` with every line indented by `indent`."""
    out = head.copy()
    if body:
        for line in textwrap.wrap(body, max(10, width - indent)):
            out.append("\n" + " " * indent)
            out.append(line, style=body_style)
    return out
