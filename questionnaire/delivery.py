"""Handing a saved declaration to the person at the browser, when the app runs under `openness serve`.

Under textual-serve each browser has its own app process on the server, so a file the app writes lands
on the server's disk, not on the participant's machine. `deliver_declaration` offers the same text as
a download in the browser (textual-serve's `App.deliver_text`). In a terminal it does nothing: the
file the app wrote is already where the user asked for it.

The Save dialog calls it right after a successful save; where the file may go on the server (only the
session's own folder) is decided by `questionnaire.sandbox`:

    box = sandbox.session()                # under `openness serve`: this session's own folder
    path = box.target(typed) if box else Path(typed).expanduser()
    written = declaration.write(decl, path, force=...)
    deliver_declaration(self.app, written, declaration.to_toml(decl))

This module never imports Textual: it only calls methods of the app object it is given.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path, PurePath
from typing import Any

SERVED_ENV = "OPENNESS_SERVED"  # set by `openness serve` for the app processes it starts
MIME_TYPE = "application/toml"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def is_served(app: Any = None) -> bool:
    """True when the app runs in a browser (textual-serve's web driver), or was started by `openness serve`."""
    if app is not None and bool(getattr(app, "is_web", False)):
        return True
    return os.environ.get(SERVED_ENV) == "1"


def session_folder() -> Path | None:
    """Under `openness serve`, this session's own folder on the server (made for it alone, removed when
    the server stops), where the app reads and writes its files (see `questionnaire.sandbox`), so that
    people in the room never see or replace each other's files; None when not served. Served without such a
    folder (its making failed), a UserError: the session does not run unconfined."""
    from questionnaire.drafts import ENV_VAR

    if not is_served():
        return None
    folder = os.environ.get(ENV_VAR)
    if not folder or not os.path.isdir(folder):  # never run unconfined for want of a folder (fail closed)
        from questionnaire.errors import UserError

        raise UserError(
            f"this browser session has no folder of its own ({ENV_VAR} is {'not a folder' if folder else 'empty'}), "
            "so it does not start"
        )
    return Path(folder)


def download_name(path: str | os.PathLike[str] | None) -> str:
    """A file name safe for a Content-Disposition header: letters, digits, '.', '_' and '-' only."""
    name = PurePath(str(path)).name if path else ""
    name = _UNSAFE.sub("-", name).strip(".-") or "model-openness"
    if not name.lower().endswith(".toml"):
        name += ".toml"
    return name[-120:]


def deliver_declaration(app: Any, path: str | os.PathLike[str] | None, text: str) -> str | None:
    """Offer `text` (a declaration's TOML) to the browser as a download named after `path`.

    Returns the delivery key when a download was started, None when the app is not running in a
    browser (nothing to do: the file at `path` is the user's). Never raises for a missing web driver.
    """
    if not bool(getattr(app, "is_web", False)):
        return None
    deliver = getattr(app, "deliver_text", None)
    if deliver is None:
        return None
    return deliver(
        io.StringIO(text),
        save_filename=download_name(path),
        open_method="download",
        encoding="utf-8",
        mime_type=MIME_TYPE,
    )


__all__ = ["deliver_declaration", "download_name", "is_served", "session_folder", "SERVED_ENV"]
