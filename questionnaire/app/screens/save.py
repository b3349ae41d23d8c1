"""Save: choose where, confirm before replacing a file, write atomically, and say where it went."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from questionnaire.app import actions
from questionnaire.app.labels import TIER_TITLES
from questionnaire.app.widgets.text_field import text_field
from questionnaire.errors import UserError
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.app.session import Session


class SaveScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    SaveScreen {
        align: center middle;
        & > Vertical {
            width: 76; max-width: 100%; height: auto; max-height: 100%;
            border: thick $accent; background: $panel; padding: 1 2;
            border-title-style: bold;
        }
        & #save-summary { margin-bottom: 1; }
        & #save-missing { color: $text-warning; margin-bottom: 1; }
        & #save-label { text-style: bold; }
        & #save-error { color: $text-error; text-style: bold; height: auto; }
        & #save-note { color: $text-warning; }
        & #save-hint { color: $text-muted; margin-top: 1; }
        & Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
        & Button { margin-left: 1; }
    }
    """
    BINDINGS = actions.bindings("save")

    def __init__(self, session: Session) -> None:
        from questionnaire import sandbox

        super().__init__()
        self.session = session
        self.sandbox = sandbox.session()  # under `openness serve`: this browser session's own folder

    def compose(self) -> ComposeResult:
        session = self.session
        result = session.classification()
        answered, total = session.answered_count()
        missing = session.missing_required()
        with Vertical() as box:
            box.border_title = "Save the declaration"
            summary = Text()
            summary.append(one_line(session.model_name) or "unnamed model", style="bold")
            summary.append(f" · {TIER_TITLES[result.tier]} · {answered} of {total} questions answered")
            yield Static(summary, id="save-summary")
            if missing:
                yield Static(
                    Text(
                        f"{len(missing)} required question{'s' if len(missing) != 1 else ''} not answered "
                        "yet: what is not answered counts as not released."
                    ),
                    id="save-missing",
                )
            yield Static("Save as", id="save-label")
            default, note = self._default_path()
            from questionnaire.files import MAX_PATH_LENGTH

            yield text_field(self.app, MAX_PATH_LENGTH, value=default, id="save-path", select_on_focus=False)
            if note:
                yield Static(Text(note), id="save-note")
            yield Static("", id="save-error", markup=False)
            where = (
                "it is kept in this session's own folder on the server, and your browser downloads it"
                if self.sandbox is not None
                else "a name without a folder saves it in the folder openness started in"
            )
            yield Static(
                Text(
                    f"A TOML file with your answers and the verdict they give; {where}. Check it any "
                    "time with `openness check FILE`."
                ),
                id="save-hint",
            )
            with Horizontal():
                yield Button("Cancel", id="save-cancel")
                yield Button("Save", id="save-ok", variant="primary")

    def _default_path(self) -> tuple[str, str | None]:
        """The name the field starts with, and a note when it is not the file being edited: a name with
        control characters is never put in the field (nor drawn), and in a browser only a name inside the
        session's folder is offered."""
        from questionnaire.delivery import download_name

        default = self.session.default_save_path()  # never a name with hidden characters
        source = self.session.source
        if source and default != source and one_line(source) != source:
            return default, (
                f"The name of the file being edited, {one_line(source)}, holds control or invisible "
                "characters: it is saved under a plain name instead."
            )
        if self.sandbox is not None:
            try:
                self.sandbox.target(default)
            except UserError:
                return download_name(default), None
        return default, None

    def on_mount(self) -> None:
        field = self.query_one("#save-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save-ok":
            self._save(self.query_one("#save-path", Input).value)
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save(event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._error(None)

    def _error(self, message: str | None) -> None:
        self.query_one("#save-error", Static).update(Text("✗ " + message) if message else "")

    def _save(self, raw: str) -> None:
        text = raw.strip()
        if not text:
            self._error("Give a file name, such as model-openness.toml.")
            return
        try:
            path = self._target(text)
        except UserError as problem:
            self._error(one_line(problem.message))
            return
        if path.suffix.lower() != ".toml":
            self._error("A declaration is a .toml file: end the name with .toml.")
            return
        try:
            folder = path.is_dir()
        except OSError as error:  # a name too long for the file system, ...: said, as any other refusal
            self._error(f"That name cannot be used here ({error.strerror or error}).")
            return
        if folder:
            self._error("That is a folder: give a file name inside it.")
            return
        if os.path.lexists(path):  # a link to a missing file counts: replacing it is asked too
            from questionnaire.app.screens.confirm import ConfirmScreen

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(text, path, force=True)

            self.app.push_screen(
                ConfirmScreen(f"{self._shown(path)} already exists. Replace it?", yes="Replace", no="Keep it"),
                confirmed,
            )
            return
        self._write(text, path, force=False)

    def _target(self, text: str) -> Path:
        """Where the typed name saves: as typed in a terminal; in a browser, inside the session's folder."""
        return Path(text).expanduser() if self.sandbox is None else self.sandbox.target(text)

    def _shown(self, path: Path) -> str:
        return one_line(path) if self.sandbox is None else self.sandbox.shown(path)

    def _write(self, text: str, path: Path, *, force: bool) -> None:
        from questionnaire import declaration
        from questionnaire.delivery import deliver_declaration

        try:
            if self._target(text) != path:  # checked again right before writing: a link swapped in meanwhile
                raise UserError("The file changed while the dialog was open: save again.")
            decl = declaration.build(self.session.declaration_answers())
            written = declaration.write(decl, path, force=force)
        except UserError as error:
            self._error(_plain_message(error))
            return
        shown = str(path) if self.sandbox is None else self.sandbox.shown(written)
        self.session.after_save(shown)
        deliver_declaration(self.app, written, declaration.to_toml(decl))  # a download, when in a browser
        self.dismiss(str(written.resolve()) if self.sandbox is None else shown)


def _plain_message(error: UserError) -> str:
    message = error.message
    if message.startswith("already exists"):
        return "The file was created meanwhile: save again to replace it."
    if "identity.name" in message:
        return "The model has no name yet: answer the first question (What is the model called?)."
    return one_line(message)
