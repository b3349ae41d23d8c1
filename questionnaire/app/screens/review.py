"""Review: every answer on the path in one table; select a row to change it, then come back here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from questionnaire.app import actions
from questionnaire.app.labels import TIER_TITLES
from questionnaire.app.navigation import key_for, navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.session import drawn_state
from questionnaire.app.widgets.answers_table import AnswersTable
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.key_footer import KeyFooter


class ReviewScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    ReviewScreen {
        & #review-summary { padding: 0 1; height: auto; margin: 1 0 0 0; }
        & #review-hint { padding: 0 1; color: $text-muted; height: auto; margin-bottom: 1; }
        & AnswersTable { margin: 0 1; width: 1fr; }
    }
    """
    BINDINGS = actions.bindings("review")
    AUTO_FOCUS = "AnswersTable"

    def __init__(self) -> None:
        super().__init__()
        self.focus_on: str | None = None

    def compose(self) -> ComposeResult:
        yield AppBar("Review", id="bar")
        yield Static("", id="review-summary", markup=False)
        yield Static("Enter (or a click) on a row changes that answer; then you come back here.", id="review-hint")
        yield AnswersTable(id="answers")
        yield KeyFooter()

    _shown: tuple[object, int] | None = None  # the session and version drawn (`drawn_state`)

    def on_mount(self) -> None:
        self.refresh_answers()

    def on_screen_resume(self) -> None:
        # drawn again only when the answers changed since (not on the resume that follows the first mount)
        if self.is_mounted and self._shown != drawn_state(navigator(self).session):
            self.refresh_answers()

    def refresh_answers(self) -> None:
        session = navigator(self).session
        assert session is not None
        self._shown = drawn_state(session)
        if self.focus_on is None:
            self.focus_on = session.current
        self.query_one(AnswersTable).show(session, focus_on=self.focus_on)
        bar = self.query_one(AppBar)
        bar.set_name(session.model_name)
        answered, total = session.answered_count()
        bar.set_progress(f"{answered} of {total} answered")
        bar.show_verdict_of(session)
        tier = session.classification().tier
        missing = session.missing_required()
        summary = Text()
        summary.append("Verdict so far: ", style="bold")
        summary.append(TIER_TITLES[tier], style="bold")
        if missing:
            summary.append(
                f" · {len(missing)} required question{'s' if len(missing) != 1 else ''} not answered", style="red"
            )
        else:
            summary.append(
                " · every required question is answered: check the answers, then save with "
                + key_for(self, "app.save"),
                style="green",
            )
        self.query_one("#review-summary", Static).update(summary)

    def action_edit(self) -> None:
        table = self.query_one(AnswersTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
            if key.startswith("section:"):
                navigator(self).jump_to_section(key.removeprefix("section:"))
            elif key:
                self._edit(key)

    def on_answers_table_edit(self, event: AnswersTable.Edit) -> None:
        event.stop()
        if event.section_id:
            navigator(self).jump_to_section(event.section_id)
        elif event.question_id:
            self._edit(event.question_id)

    def _edit(self, question_id: str) -> None:
        self.focus_on = question_id
        navigator(self).jump_to(question_id, back_to_review=True)
