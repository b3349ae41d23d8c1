"""An OSAI-style profile: twelve dimensions, each open, partial or closed."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

GRADES = {"open": ("open", "green"), "partial": ("partial", "yellow"), "closed": ("closed", "red"),
          None: ("not assessed", "dim")}


class OsaiCard(Static):
    DEFAULT_CSS = """
    OsaiCard {
        height: auto; width: 100%; padding: 0 1; margin-bottom: 1;
        border: round $foreground 25%; border-title-color: $text; border-title-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.border_title = "OSAI-style profile (12 dimensions)"

    def show(self, profile: Any) -> None:
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True)
        counts = {g: sum(d.grade == g for d in profile.dimensions) for g in ("open", "partial", "closed")}
        grid.add_row(Text(f"Score {profile.score:.2f}", style="bold"),
                     Text(f"{counts['open']} open · {counts['partial']} partial · {counts['closed']} closed",
                          style="dim"))
        for dimension in profile.dimensions:
            word, style = GRADES.get(dimension.grade, GRADES[None])
            grid.add_row(Text(dimension.label), Text(word, style=style))
        self.update(grid)
