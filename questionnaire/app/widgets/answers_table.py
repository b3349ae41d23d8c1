"""Every answer in one table, section by section; select a row to change that answer (or, on a section's
row, to go to that section). A long answer wraps in its cell rather than being cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from questionnaire.app import actions
from questionnaire.app.labels import format_answer, short_label

if TYPE_CHECKING:
    from questionnaire.app.session import Session

LABEL_WIDTH = 48  # the longest question label, "Model parameters (Intermediate): released?", and room


class AnswersTable(DataTable):
    DEFAULT_CSS = """
    AnswersTable {
        height: 1fr; width: 100%;
    }
    """

    # a row cursor: Home and End go to the first and last answer (not the first column)
    BINDINGS = actions.bindings("answers")

    class Edit(Message):
        def __init__(self, question_id: str | None, section_id: str | None = None) -> None:
            super().__init__()
            self.question_id = question_id
            self.section_id = section_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        self.add_column("Question", key="question")
        self.add_column("Answer", key="answer")

    def show(self, session: Session, *, focus_on: str | None = None) -> None:
        self._shown = (session, focus_on)
        answer_width = max(16, (self.size.width or self.app.size.width) - LABEL_WIDTH - 4)
        column = self.columns[ColumnKey("answer")]
        column.width, column.auto_width = answer_width, False  # the width long answers wrap to
        self.clear()
        # Widths and heights are set here, not left to the table: DataTable measures auto widths and heights
        # when it next goes idle, and a frame drawn before that (a busy machine) stays cached as drawn.
        rows: list[tuple[Text, Text, str, int]] = []
        bank = session.bank
        progress = session.progress()
        last_section = None
        target = 0
        for question in session.visible():
            if question.section != last_section:
                last_section = question.section
                done, total = progress.get(question.section, (0, 0))
                rows.append(
                    (
                        Text(bank.section(question.section).title, style="bold"),
                        Text(f"{done} of {total} answered", style="dim"),
                        f"section:{question.section}",
                        1,
                    )
                )
            value = session.answers.get(question.id)
            if value is None:
                cell = Text(
                    "– required" if question.required else "–", style="bold red" if question.required else "dim"
                )
            else:
                cell = Text(
                    format_answer(question, value), style="dim" if value == "" else "", overflow="fold"
                )  # a long answer (a URL) wraps onto more lines, never cut
            if question.id == focus_on:
                target = len(rows)
            height = len(cell.wrap(self.app.console, answer_width)) or 1
            rows.append((Text("  " + short_label(question)), cell, question.id, height))
        labels = self.columns[ColumnKey("question")]
        labels.width = max([len("Question"), *(label.cell_len for label, _, _, _ in rows)])
        labels.auto_width = False
        for label, cell, key, height in rows:
            self.add_row(label, cell, key=key, height=height)
        if self.row_count:
            self.move_cursor(row=target, animate=False)

    def on_resize(self) -> None:
        shown = getattr(self, "_shown", None)
        if shown is not None:  # long answers are cut to the width: cut them again
            session, _ = shown
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value if self.row_count else None
            self.show(session, focus_on=key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value or ""
        if key.startswith("section:"):
            self.post_message(self.Edit(None, key.removeprefix("section:")))
        elif key:
            self.post_message(self.Edit(key))
