"""The Model Openness Framework's verdict as the Model Openness Tool computes it: the class reached,
progress bars for classes III, II and I, and what the next class needs."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

from questionnaire.app.labels import component_name

CLASSES = (("III", "Class III, Open Model"), ("II", "Class II, Open Tooling"), ("I", "Class I, Open Science"))


class MofCard(Vertical):
    DEFAULT_CSS = """
    MofCard {
        height: auto; width: 100%; padding: 0 1; margin-bottom: 1;
        border: round $foreground 25%; border-title-color: $text; border-title-style: bold;
        & > #mof-class { text-style: bold; }
        & > Horizontal { height: 1; }
        & .mof-label { width: 24; }
        & ProgressBar { width: 1fr; }
        & ProgressBar > Bar { width: 1fr; }
        & > #mof-needs { margin-top: 0; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "MOF class (as MOT computes it)"

    def compose(self) -> ComposeResult:
        yield Static("", id="mof-class", markup=False)
        for key, title in CLASSES:
            with Horizontal():
                yield Static(title, classes="mof-label")
                yield ProgressBar(total=100, show_eta=False, id=f"mof-{key}")
        yield Static("", id="mof-needs", markup=False)

    def show(self, mof: Any) -> None:
        title = dict(CLASSES).get(mof.mof_class or "", "")
        self.query_one("#mof-class", Static).update(
            Text(f"Reached: {title}" if title else "Unclassified: class III is not complete"))
        for key, _ in CLASSES:
            self.query_one(f"#mof-{key}", ProgressBar).update(progress=mof.progress.get(key, 0.0))
        needs = [component_name(k) for k in mof.next_class_needs]
        text = Text()
        if needs:
            text.append("Next class needs, under open licences (exact SPDX ids): ", style="dim")
            text.append(", ".join(needs))
        else:
            text.append("Every class is complete.", style="green")
        self.query_one("#mof-needs", Static).update(text)
