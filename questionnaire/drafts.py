"""The draft: the answers given so far, saved after every answer so that nothing is lost.

The draft is `draft.json` in the user's data folder (platformdirs `user_data_dir("openness")`, or the
folder named by the environment variable `OPENNESS_DATA_DIR`). It is written atomically (a temporary
file beside it, flushed to disk, then renamed over it), so quitting, Ctrl+C or a killed process leaves
either the previous draft or the new one, never half of one.

The draft is internal state, so it is JSON (fast to read and write, no third-party parser) rather than
TOML: `{"format": 1, "answers": {...flat ids...}, "current": "question id", "source": "path or null",
"saved_at": "ISO 8601"}`. This module never imports Textual.

Nothing here crashes the app or loses an answer:
- A draft that cannot be read (random bytes, not JSON, a folder, a FIFO, an answer holding a control
  character) is set aside by `recover`: renamed with a time stamp beside it, never deleted, with a
  note that says so.
- Each running app claims a draft (`claim`) by locking a lock file beside it (fcntl or msvcrt; the
  lock goes when the process dies, however it dies). A second app on the same data folder finds the
  lock taken and works on a draft of its own, `draft-2.json`, and so on; a later start picks up such a
  draft when no other app holds it.
- Writing is the caller's to guard: `save` raises OSError when the folder cannot be written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from questionnaire import ids

__all__ = [
    "ENV_VAR",
    "FORMAT",
    "Claim",
    "Draft",
    "DraftError",
    "claim",
    "clear",
    "data_dir",
    "data_file",
    "draft_path",
    "load",
    "recover",
    "save",
    "save_problem",
    "set_aside",
]

ENV_VAR = "OPENNESS_DATA_DIR"
FORMAT = 1
FILE_NAME = "draft.json"
MAX_SLOTS = 1000  # drafts of apps running at once on one data folder
_SLOT_FILE = re.compile(r"draft(?:-([1-9][0-9]*))?\.json")


class DraftError(Exception):
    """The draft exists but cannot be read. The message says why in plain words."""


@dataclass(frozen=True)
class Draft:
    answers: dict[str, Any] = field(default_factory=dict)  # flat question id -> str, bool or number
    current: str | None = None  # the question on screen when it was saved
    source: str | None = None  # the declaration file being edited, if any
    saved_at: str = ""  # ISO 8601, local time with offset

    @property
    def name(self) -> str:
        value = self.answers.get(ids.NAME)
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


def draft_path(directory: str | os.PathLike[str] | None = None, slot: int = 1) -> Path:
    """`draft.json`, or `draft-N.json` for the draft of the Nth app running at once."""
    return data_file(FILE_NAME if slot == 1 else f"draft-{slot}.json", directory)


def _path(directory: str | os.PathLike[str] | None, path: Path | None) -> Path:
    return path if path is not None else draft_path(directory)


def load(directory: str | os.PathLike[str] | None = None, *, path: Path | None = None) -> Draft | None:
    """The saved draft (in `directory`, or at `path`), or None when there is none. Raises DraftError
    when it cannot be read: not a regular file, too large, not UTF-8, not JSON, not a draft, or an answer
    that is not text or yes/no, holds a control or invisible character, or is too long."""
    from questionnaire.errors import UserError
    from questionnaire.sources import read_text
    from questionnaire.text import answer_problem, unsafe_character

    path = _path(directory, path)
    if not os.path.lexists(path):
        return None
    try:
        text = read_text(str(path))
        data = json.loads(text)
    except UserError as error:
        raise DraftError(str(error)) from None
    except (ValueError, RecursionError):  # not JSON, nested too deeply, a number of thousands of digits
        raise DraftError(f"{path}: is not a readable draft (not valid JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftError(f"{path}: is not a draft this version can read")
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(isinstance(k, str) and _answer_value(v) for k, v in answers.items()):
        raise DraftError(f"{path}: its answers are not a table of text, numbers and yes/no values")
    for key, value in answers.items():
        problem = answer_problem(key)
        if problem is not None:  # the key itself is not shown: it may be megabytes long
            raise DraftError(f"{path}: an answer's question id {problem}")
        problem = answer_problem(value) if isinstance(value, str) else None
        if problem is not None:
            raise DraftError(f"{path}: the answer {key!r} {problem}")
    current, source, saved_at = data.get("current"), data.get("source"), data.get("saved_at", "")
    if not isinstance(current, str) or unsafe_character(current):
        current = None
    if not isinstance(source, str) or "\x00" in source:
        source = None
    return Draft(dict(answers), current, source, saved_at if isinstance(saved_at, str) else "")


def save(draft: Draft, directory: str | os.PathLike[str] | None = None, *, path: Path | None = None) -> Path:
    """Write the draft atomically; creates the data folder when needed. Returns its path. OSError when the
    folder cannot be made or written."""
    path = _path(directory, path)
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


def save_problem(path: Path, error: OSError) -> str:
    """Why `save` failed, in plain words that say where: 'the data folder /x is a file', '/x/draft.json:
    Permission denied'."""
    from questionnaire.text import one_line

    folder = next((p for p in (path.parent, *path.parent.parents) if os.path.lexists(p)), None)
    if folder is not None and not folder.is_dir():
        return f"{one_line(folder)} is a file, not a folder"
    if path.is_dir():
        return f"{one_line(path)} is a folder"
    return f"{one_line(path)}: {error.strerror or error}"


def clear(directory: str | os.PathLike[str] | None = None, *, path: Path | None = None) -> None:
    """Remove the draft (after it was saved as a declaration, or discarded)."""
    _path(directory, path).unlink(missing_ok=True)


def _answer_value(value: Any) -> bool:
    """An answer's value as the bank's question types give it: text, yes/no, or a finite number."""
    if isinstance(value, (str, bool)):
        return True
    return isinstance(value, (int, float)) and value == value and value not in (float("inf"), float("-inf"))


def _plain_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if _answer_value(v)}


# ---------------------------------------------------------------- an unreadable draft


def set_aside(path: Path, now: datetime) -> Path:
    """Rename an unreadable draft beside itself, `draft.unreadable-20250602-103000.json`, never over
    another file. OSError when it cannot be renamed."""
    stem = f"{path.stem}.unreadable-{now:%Y%m%d-%H%M%S}"
    for number in range(1, 100):
        aside = path.with_name(f"{stem}{'' if number == 1 else f'-{number}'}.json")
        if not os.path.lexists(aside):
            os.rename(path, aside)
            return aside
    raise FileExistsError(str(path))


def recover(path: Path, now: datetime) -> tuple[Draft | None, str | None]:
    """The draft at `path` (None when there is none), and a note for the user when it could not be read:
    then it is set aside, so that a new draft can start without destroying it."""
    from questionnaire.text import one_line

    try:
        return load(path=path), None
    except DraftError as error:
        problem = one_line(error)
    try:
        aside = set_aside(path, now)
    except OSError as error:
        return None, (
            f"A saved draft was found but cannot be read ({problem}), nor set aside "
            f"({error.strerror or error}); it was left as it is."
        )
    return None, (
        f"A saved draft was found but cannot be read ({problem}). It was set aside as "
        f"{one_line(aside)}, and a new draft starts."
    )


# ---------------------------------------------------------------- one draft per running app


@dataclass
class Claim:
    """The draft this app works on, and the lock that keeps other apps off it while it runs."""

    path: Path
    shared: bool = False  # the main draft is in use by another app: this one has a draft of its own
    handle: int | None = None  # the open, locked lock file (None: no lock could be taken)

    def release(self) -> None:
        if self.handle is not None:
            os.close(self.handle)  # closing drops the lock
            self.handle = None


def _lock_path(draft: Path) -> Path:
    return draft.with_suffix(".lock")


def _take_lock(path: Path) -> int | None:
    """The open lock file, locked for this process; None when another process holds it. OSError when
    the lock file cannot be made."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        os.close(handle)
        return None
    return handle


def claim(directory: str | os.PathLike[str] | None = None) -> Claim:
    """Lock a draft for this app: the first free one that holds a draft (the main one first), else the
    first free one. When the lock files cannot be made (a read-only or missing data folder) the main
    draft is used without a lock: it cannot be written then anyway, which the app says."""
    folder = Path(directory if directory is not None else data_dir())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        names = os.listdir(folder)
    except OSError:
        return Claim(draft_path(folder))
    with_drafts = sorted({int(m.group(1) or 1) for m in map(_SLOT_FILE.fullmatch, names) if m is not None})
    busy: set[int] = set()
    order = [slot for slot in with_drafts if slot <= MAX_SLOTS] + list(range(1, MAX_SLOTS + 1))
    for slot in order:
        if slot in busy:
            continue
        path = draft_path(folder, slot)
        try:
            handle = _take_lock(_lock_path(path))
        except OSError:
            return Claim(draft_path(folder))
        if handle is not None:
            return Claim(path, shared=1 in busy, handle=handle)
        busy.add(slot)
    return Claim(draft_path(folder), shared=True)
