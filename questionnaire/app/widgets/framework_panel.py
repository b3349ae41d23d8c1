"""One framework's verdict, whichever framework it is: its summary, its measures as progress bars, its
requirements with ✓/✗ marks (a graded profile's with their grade), and its notes.

The panel is a bordered box around one Static that draws all of it as Rich text: a widget per measure row
(a label and a ProgressBar of three widgets, each styled and laid out on its own) made the result screen,
five panels of them, slow to open. The bars are drawn by Textual's own bar renderable, in the colours of
its ProgressBar, at the width the panel has."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.renderables.bar import Bar
from textual.widgets import Static

from questionnaire.app.widgets.result_list import MarkedRows
from questionnaire.frameworks import grade_counts
from questionnaire.text import plain

MARKS = {True: ("✓ ", "green"), False: ("✗ ", "red")}
GRADE_STYLES = {"open": "green", "partial": "yellow", "closed": "red", None: "dim"}
SUMMARY_STYLES = {True: "bold green", False: "bold red", None: "bold"}
LABEL_WIDTH = 24  # a measure's label, then its bar, then its percentage
PERCENT_WIDTH = 5


class MeasureRow:
    """One line: a measure's label in LABEL_WIDTH cells, a bar over the rest, its percentage at the right
    edge: what a label beside a ProgressBar (no ETA) shows, the bar as wide as the line allows."""

    def __init__(self, panel: FrameworkPanel, label: str, value: float, maximum: float) -> None:
        self.panel = panel  # its bar colours are looked up when drawn: a new theme's, after a change
        self.label = Text(label)
        # ProgressBar.percentage: the value over the maximum, kept to 0..1; full when the maximum is 0
        self.fraction = min(1.0, max(0.0, value / maximum)) if maximum else 1.0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label_width = min(LABEL_WIDTH, width)
        # the label as a one-line Static shows it: its first wrapped line, padded to its width
        label = self.label.wrap(console, label_width)[0] if self.label.plain else Text()
        label.truncate(label_width, pad=True)
        yield from label.render(console)
        rest = width - label_width
        bar_width = max(0, rest - PERCENT_WIDTH)
        if bar_width:
            # as the Bar widget: the fraction kept to half cells, the colours of bar--bar or bar--complete
            half_cells = bar_width * 2
            shown = int(self.fraction * half_cells) / half_cells
            component = "framework-panel--bar" if self.fraction < 1 else "framework-panel--bar-complete"
            style = self.panel.get_component_rich_style(component)
            bar = Bar(
                highlight_range=(0, bar_width * shown),
                highlight_style=Style.from_color(style.color),
                background_style=Style.from_color(style.bgcolor),
                width=bar_width,
            )
            yield from console.render(bar, options.update(width=bar_width, height=1))
        percent = Text(f"{round(self.fraction * 100)}%")  # as PercentageStatus: right-aligned in 5 cells
        percent.truncate(rest - bar_width)
        percent.pad_left(rest - bar_width - percent.cell_len)
        yield from percent.render(console)
        yield Segment.line()


class FrameworkPanel(Vertical):
    COMPONENT_CLASSES = {"framework-panel--bar", "framework-panel--bar-complete"}
    DEFAULT_CSS = """
    FrameworkPanel {
        height: auto; width: 100%; padding: 0 1; margin-bottom: 1;
        border: round $foreground 25%; border-title-color: $text; border-title-style: bold;
        & > .framework-summary, & > .framework-body { height: auto; }
        /* the colours of ProgressBar's Bar (bar--bar, bar--complete) */
        & > .framework-panel--bar { color: $primary; background: $surface; }
        & > .framework-panel--bar-complete { color: $success; background: $surface; }
    }
    """

    def __init__(self, title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title

    def compose(self) -> ComposeResult:
        # the summary on its own: a Text alone in a Static is drawn as Textual content, in Textual's colours
        yield Static("", classes="framework-summary", markup=False)
        yield Static("", classes="framework-body", markup=False)

    def show(self, verdict: Any) -> None:
        """Show a verdict (`questionnaire.frameworks.FrameworkVerdict`)."""
        self.border_title = plain(verdict.title)
        graded = any(r.grade is not None for r in verdict.requirements)
        summary = Text(plain(verdict.summary), style=SUMMARY_STYLES.get(verdict.met, "bold"))
        if graded:
            summary.append(f"  {grade_counts(verdict.requirements)}", style="dim")
        self.query_one(".framework-summary", Static).update(summary)
        parts: list[RenderableType] = []
        parts += [MeasureRow(self, plain(m.label), m.value, m.maximum) for m in verdict.measures]
        if verdict.requirements:
            rows = []
            for requirement in verdict.requirements:
                if graded:
                    mark = Text(requirement.grade or "n/a", style=GRADE_STYLES.get(requirement.grade, "dim"))
                else:
                    symbol, style = MARKS[bool(requirement.met)]
                    mark = Text(symbol, style=style)
                rows.append((mark, Text(plain(requirement.text), overflow="fold")))
            parts.append(MarkedRows(rows, mark_width=8 if graded else 2))
        if verdict.notes:
            parts.append(Text("\n".join(plain(note) for note in verdict.notes), style="dim"))
        body = self.query_one(".framework-body", Static)
        body.display = bool(parts)
        body.update(Group(*parts))
