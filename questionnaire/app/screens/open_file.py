"""Open a declaration file, to change it and save it again."""

from __future__ import annotations


from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from questionnaire.errors import UserError
from questionnaire.text import one_line


class OpenFileScreen(ModalScreen["tuple[dict[str, Any], str] | None"]):
    DEFAULT_CSS = """
    OpenFileScreen {
        align: center middle;
        & > Vertical {
            width: 76; max-width: 100%; height: auto; max-height: 100%;
            border: thick $accent; background: $panel; padding: 1 2; border-title-style: bold;
        }
        & #open-error { color: $text-error; text-style: bold; height: auto; }
        & #open-hint { color: $text-muted; margin-bottom: 1; }
        & Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
        & Button { margin-left: 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="open.cancel")]

    def __init__(self, title: str = "Open a declaration",
                 hint: str = "A declaration saved by this app or by `openness declare`: its answers are filled "
                             "in, to change and save again.") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield Static(self.hint, id="open-hint", markup=False)
            field = Input(placeholder="path/to/model-openness.toml", id="open-path")
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
            yield field
            yield Static("", id="open-error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="open-cancel")
                yield Button("Open", id="open-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open-ok":
            self._open(self.query_one(Input).value)
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open(event.value)

    def _open(self, raw: str) -> None:
        from questionnaire.app.session import answers_from_declaration

        path = raw.strip()
        error = self.query_one("#open-error", Static)
        if not path:
            error.update(Text("✗ Give the path of a declaration file (.toml)."))
            return
        try:
            answers = answers_from_declaration(path)
        except UserError as problem:
            error.update(Text("✗ " + one_line(problem.message)))
            return
        self.dismiss((answers, path))
