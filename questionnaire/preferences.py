"""What the app remembers between runs besides the draft: for now, the theme.

`preferences.json` sits beside the draft in the data folder (`drafts.data_dir`). A preference is a
convenience, so a missing, unreadable or strange file (not JSON, a FIFO, huge, nested too deeply) is
read as "no preference" and never stops the app. Written atomically. Core: no Textual.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FILE_NAME = "preferences.json"


def preferences_path(directory: str | os.PathLike[str] | None = None) -> Path:
    from questionnaire.drafts import data_file

    return data_file(FILE_NAME, directory)


def load_theme(directory: str | os.PathLike[str] | None = None) -> str | None:
    """The theme chosen last time, or None."""
    from questionnaire.errors import UserError
    from questionnaire.sources import read_text

    path = preferences_path(directory)
    if not os.path.lexists(path):
        return None
    try:
        data = json.loads(read_text(str(path)))  # only a regular file, of bounded size, is read
    except (UserError, ValueError, RecursionError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) and theme else None


def save_theme(theme: str, directory: str | os.PathLike[str] | None = None) -> bool:
    """Remember the theme; False (and nothing raised) when the data folder cannot be written."""
    from questionnaire.files import replace_atomically

    path = preferences_path(directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, json.dumps({"theme": theme}) + "\n", shared=False)
    except OSError:
        return False
    return True


__all__ = ["FILE_NAME", "preferences_path", "load_theme", "save_theme"]
