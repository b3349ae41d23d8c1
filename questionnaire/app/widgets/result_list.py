"""A titled list of short lines with ✓/✗ marks: reasons, requirements, criteria, changes, warnings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.widgets import Static

from questionnaire.text import plain

MARKS = {True: ("✓ ", "green"), False: ("✗ ", "red"), None: ("• ", "")}


class MarkedRows:
    """Rows of a mark in `mark_width` cells and a text that wraps (long words fold) under itself, not under
    the mark: what a two-column `Table.grid(expand=True)` (the mark's column fixed and not wrapped, the
    text's taking the rest) draws, line for line, at a fraction of its cost (a table measures every cell
    first). The lines are kept for the last width: Textual renders a Static once to learn its height and
    again to draw it, at the same width."""

    def __init__(self, rows: Sequence[tuple[Text | str, Text]], mark_width: int = 2) -> None:
        self.rows = rows
        self.mark_width = mark_width
        self._drawn: tuple[int, list[list[Segment]]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._lines(console, options))
        new_line = Segment.line()
        for line in self._drawn[1]:
            yield from line
            yield new_line

    def _lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        mark_width = min(self.mark_width, options.max_width)
        text_width = options.max_width - mark_width
        # as a table cell: justified left (padded to the column's width), no highlighting, no height
        cell = options.update(justify="left", height=None, highlight=False)
        mark_options = cell.update(width=mark_width, no_wrap=True, overflow="ellipsis")
        text_options = cell.update(width=max(1, text_width), no_wrap=False, overflow="ellipsis")
        lines: list[list[Segment]] = []
        for mark, text in self.rows:
            marks = console.render_lines(mark, mark_options, pad=True) if mark_width else [[]]
            texts = console.render_lines(text, text_options, pad=True) if text_width > 0 else [[]]
            height = max(len(marks), len(texts))
            if len(marks) < height:
                marks = Segment.set_shape(marks, mark_width, height)
            if len(texts) < height:
                texts = Segment.set_shape(texts, max(0, text_width), height)
            lines += [left + right for left, right in zip(marks, texts, strict=True)]
        return lines


class ResultList(Static):
    DEFAULT_CSS = """
    ResultList {
        height: auto; width: 100%; padding: 0 1; margin-bottom: 1;
        border: round $foreground 25%; border-title-color: $text; border-title-style: bold;
    }
    """

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.border_title = title

    def show(self, items: Iterable[tuple[bool | None, str]], *, heading: str = "", empty: str = "") -> None:
        rows: list[tuple[Text | str, Text]] = []
        for met, line in items:
            mark, style = MARKS[met]
            rows.append((Text(mark, style=style), Text(plain(line), overflow="fold")))  # long URLs fold, not cut
        if not rows and empty:
            rows.append(("", Text(empty, style="dim")))
        grid = MarkedRows(rows)
        self.update(Group(Text(plain(heading), style="bold"), grid) if heading else grid)
