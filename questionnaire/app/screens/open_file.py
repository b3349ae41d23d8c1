"""Open a declaration file, to change it and save it again.

The file is checked first (in a browser session: inside the session's own folder or the shipped
examples; always: a regular file, never a named pipe or a device) and read off the UI thread, so the
dialog answers keys whatever the file system does."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from questionnaire.app import actions
from questionnaire.app.widgets.text_field import text_field
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
        & #open-status { color: $text-muted; height: auto; }
        & Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
        & Button { margin-left: 1; }
    }
    """
    BINDINGS = actions.bindings("open")

    def __init__(
        self,
        title: str = "Open a declaration",
        hint: str = "A declaration saved by this app or by `openness declare`: its answers are filled "
        "in, to change and save again.",
    ) -> None:
        from questionnaire import sandbox

        super().__init__()
        self.title_text = title
        self.hint = hint
        self.sandbox = sandbox.session()  # under `openness serve`: this browser session's own folder

    def compose(self) -> ComposeResult:
        from questionnaire.files import MAX_PATH_LENGTH

        with Vertical() as box:
            box.border_title = self.title_text
            hint = self.hint
            if self.sandbox is not None:
                hint += (
                    " In a browser, the files of this session can be opened (those saved in it) and the "
                    "shipped examples."
                )
            yield Static(hint, id="open-hint", markup=False)
            yield text_field(
                self.app,
                MAX_PATH_LENGTH,
                placeholder="model-openness.toml" if self.sandbox is not None else "path/to/model-openness.toml",
                id="open-path",
            )
            yield Static("", id="open-error", markup=False)
            yield Static("", id="open-status", markup=False)
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
        from questionnaire import sandbox
        from questionnaire.app.session import answers_from_declaration

        path = raw.strip()
        self.query_one("#open-error", Static).update("")
        if not path:
            self._failed("Give the path of a declaration file (.toml).")
            return
        self.query_one("#open-status", Static).update(Text(f"Opening {one_line(path)} …"))

        def load() -> tuple[dict[str, Any], str] | str:  # in a thread: a slow disk never stops the keys
            try:
                return sandbox.read(path, answers_from_declaration, self.sandbox)
            except UserError as problem:
                return one_line(problem.message)

        self.run_worker(load, thread=True, exclusive=True, group="open-file", name="open-file")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "open-file" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        self.query_one("#open-status", Static).update("")
        result = event.worker.result
        if isinstance(result, str):
            self._failed(result)
        else:
            self.dismiss(result)

    def _failed(self, message: str) -> None:
        self.query_one("#open-error", Static).update(Text("✗ " + message))
