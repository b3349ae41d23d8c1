"""The draft: the answers given so far, saved after every answer so that nothing is lost.

There is one draft, `draft.json` in the user's data folder (platformdirs `user_data_dir("openness")`, or
the folder named by the environment variable `OPENNESS_DATA_DIR`). It is written atomically (a temporary
file beside it, flushed to disk, then renamed over it), so quitting, Ctrl+C or a killed process leaves
either the previous draft or the new one, never half of one.

The draft is internal state, so it is JSON (fast to read and write, no third-party parser) rather than
TOML: `{"format": 1, "answers": {...flat ids...}, "current": "question id", "source": "path or null",
"saved_at": "ISO 8601"}`. This module never imports Textual.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

__all__ = ["ENV_VAR", "FORMAT", "Draft", "DraftError", "data_dir", "data_file", "draft_path", "load", "save", "clear"]

ENV_VAR = "OPENNESS_DATA_DIR"
FORMAT = 1
FILE_NAME = "draft.json"


class DraftError(Exception):
    """The draft exists but cannot be read. The message says why in plain words."""


@dataclass(frozen=True)
class Draft:
    answers: dict[str, Any] = field(default_factory=dict)  # flat question id -> str or bool
    current: str | None = None  # the question on screen when it was saved
    source: str | None = None  # the declaration file being edited, if any
    saved_at: str = ""  # ISO 8601, local time with offset

    @property
    def name(self) -> str:
        value = self.answers.get("identity.name")
        return value if isinstance(value, str) else ""


def data_dir() -> Path:
    """`$OPENNESS_DATA_DIR` when set, else the platform's user data folder for openness."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("openness", appauthor=False))


def data_file(name: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """A file of the app's own in `directory`, or in the data folder (the draft, the preferences)."""
    return Path(directory if directory is not None else data_dir()) / name


def draft_path(directory: str | os.PathLike[str] | None = None) -> Path:
    return data_file(FILE_NAME, directory)


def load(directory: str | os.PathLike[str] | None = None) -> Draft | None:
    """The saved draft, or None when there is none. Raises DraftError when it cannot be read."""
    path = draft_path(directory)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DraftError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise DraftError(f"{path}: is not a readable draft (not valid JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftError(f"{path}: is not a draft this version can read")
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, (str, bool)) for k, v in answers.items()
    ):
        raise DraftError(f"{path}: its answers are not a table of text and yes/no values")
    current, source, saved_at = data.get("current"), data.get("source"), data.get("saved_at", "")
    if current is not None and not isinstance(current, str):
        current = None
    if source is not None and not isinstance(source, str):
        source = None
    return Draft(dict(answers), current, source, saved_at if isinstance(saved_at, str) else "")


def save(draft: Draft, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write the draft atomically; creates the data folder when needed. Returns its path."""
    path = draft_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "answers": _plain_answers(draft.answers),
        "current": draft.current,
        "source": draft.source,
        "saved_at": draft.saved_at,
    }
    from questionnaire.files import replace_atomically

    replace_atomically(path, json.dumps(payload, ensure_ascii=False, indent=1), shared=False)
    return path


def clear(directory: str | os.PathLike[str] | None = None) -> None:
    """Remove the draft (after it was saved as a declaration, or discarded)."""
    draft_path(directory).unlink(missing_ok=True)


def _plain_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if isinstance(v, (str, bool))}
