"""One framework's verdict, whichever framework it is: its summary, its measures as progress bars, its
requirements with ✓/✗ marks (a graded profile's with their grade), and its notes."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

from questionnaire.frameworks import grade_counts
from questionnaire.text import plain

MARKS = {True: ("✓ ", "green"), False: ("✗ ", "red")}
GRADE_STYLES = {"open": "green", "partial": "yellow", "closed": "red", None: "dim"}
SUMMARY_STYLES = {True: "bold green", False: "bold red", None: "bold"}


class FrameworkPanel(Vertical):
    DEFAULT_CSS = """
    FrameworkPanel {
        height: auto; width: 100%; padding: 0 1; margin-bottom: 1;
        border: round $foreground 25%; border-title-color: $text; border-title-style: bold;
        & > .framework-summary { height: auto; }
        & > .framework-measures { height: auto; }
        & .framework-measure { height: 1; }
        & .framework-measure-label { width: 24; }
        & ProgressBar { width: 1fr; }
        & ProgressBar > Bar { width: 1fr; }
        & > .framework-requirements, & > .framework-notes { height: auto; }
    }
    """

    def __init__(self, title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._measure_ids: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", classes="framework-summary", markup=False)
        yield Vertical(classes="framework-measures")
        yield Static("", classes="framework-requirements", markup=False)
        yield Static("", classes="framework-notes", markup=False)

    def show(self, verdict: Any) -> None:
        """Show a verdict (`questionnaire.frameworks.FrameworkVerdict`)."""
        self.border_title = plain(verdict.title)
        graded = any(r.grade is not None for r in verdict.requirements)
        summary = Text(plain(verdict.summary), style=SUMMARY_STYLES.get(verdict.met, "bold"))
        if graded:
            summary.append(f"  {grade_counts(verdict.requirements)}", style="dim")
        self.query_one(".framework-summary", Static).update(summary)
        self._show_measures(verdict.measures)
        grid = Table.grid(expand=True)
        grid.add_column(width=8 if graded else 2, no_wrap=True)
        grid.add_column(ratio=1)
        for requirement in verdict.requirements:
            if graded:
                mark = Text(requirement.grade or "n/a", style=GRADE_STYLES.get(requirement.grade, "dim"))
            else:
                symbol, style = MARKS[bool(requirement.met)]
                mark = Text(symbol, style=style)
            grid.add_row(mark, Text(plain(requirement.text), overflow="fold"))
        requirements = self.query_one(".framework-requirements", Static)
        requirements.display = bool(verdict.requirements)
        requirements.update(grid)
        notes = self.query_one(".framework-notes", Static)
        notes.display = bool(verdict.notes)
        notes.update(Text("\n".join(plain(note) for note in verdict.notes), style="dim"))

    def _show_measures(self, measures: Any) -> None:
        box = self.query_one(".framework-measures", Vertical)
        ids = tuple(m.id for m in measures)
        if ids != self._measure_ids:  # another set of bars: build them anew
            self._measure_ids = ids
            box.remove_children()
            box.mount_all(
                Horizontal(
                    Static(plain(m.label), classes="framework-measure-label", markup=False),
                    ProgressBar(total=m.maximum, show_eta=False, classes=f"measure-{i}"),
                    classes="framework-measure",
                )
                for i, m in enumerate(measures)
            )
            self.call_after_refresh(self._fill_measures, tuple(measures))
        else:
            self._fill_measures(tuple(measures))
        box.display = bool(measures)

    def _fill_measures(self, measures: tuple[Any, ...]) -> None:
        for index, measure in enumerate(measures):
            for bar in self.query(f".measure-{index}").results(ProgressBar):
                bar.update(total=measure.maximum, progress=measure.value)
