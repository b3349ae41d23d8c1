"""A titled list of short lines with ✓/✗ marks: reasons, requirements, criteria, changes, warnings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from questionnaire.text import plain

MARKS = {True: ("✓ ", "green"), False: ("✗ ", "red"), None: ("• ", "")}


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
        grid = Table.grid(expand=True)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        count = 0
        for met, line in items:
            mark, style = MARKS[met]
            grid.add_row(Text(mark, style=style), Text(plain(line), overflow="fold"))  # long URLs fold, not cut
            count += 1
        if not count and empty:
            grid.add_row("", Text(empty, style="dim"))
        self.update(Group(Text(plain(heading), style="bold"), grid) if heading else grid)
