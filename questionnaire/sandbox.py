"""Which files the app may read and write for the person using it: the path policy of the Save and
Open-file dialogs.

In a terminal the app is the user's own program, and any path they type is theirs to use. Under
`openness serve` each browser session is an app process on the server, running as the server's user:
there a session reads and writes only its own session folder, and may also read the shipped examples.
A path typed in a browser is resolved against the session folder; an absolute path, `~`, `..` or a
link that leads anywhere else is refused with a plain message. The check resolves every link
(`os.path.realpath`), so a link inside the folder that points out is caught like any other escape,
and it is made again right before a file is used, and after it was read, so that a link swapped in
meanwhile is caught as well.

Whatever the mode, a file is read only when it is a regular file: a named pipe or a device is refused
before it is opened, because reading one can wait forever. Core: no Textual.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from questionnaire.errors import UserError
from questionnaire.text import one_line

T = TypeVar("T")

PLAIN_NAME = "give a plain file name, such as model-openness.toml"


@dataclass(frozen=True)
class Sandbox:
    """A session's own folder (read and write) and folders it may only read, every link resolved."""

    root: Path
    read_only: tuple[Path, ...] = ()

    @classmethod
    def at(cls, folder: str | os.PathLike[str], *read_only: str | os.PathLike[str]) -> Sandbox:
        return cls(Path(os.path.realpath(folder)), tuple(Path(os.path.realpath(f)) for f in read_only))

    def resolve(self, raw: str, *, write: bool) -> Path:
        """The real path (no links left in it) of what the user typed, relative to the session folder;
        UserError when it leads outside the folders this session may use."""
        text = raw.strip()
        if "\x00" in text:
            raise UserError("That name has a NUL character, which no file name can hold", path=one_line(text))
        if text.startswith("~"):
            raise UserError(
                f"~ is the home folder of the server's user, not yours: here, {PLAIN_NAME}", path=one_line(text)
            )
        given = Path(text)
        real = Path(os.path.realpath(given if given.is_absolute() else self.root / given))
        if _inside(real, self.root):
            return real
        if any(_inside(real, folder) for folder in self.read_only):
            if not write:
                return real
            raise UserError(
                f"That is a shipped example: it can be opened, not replaced; {PLAIN_NAME}", path=one_line(text)
            )
        if given.is_absolute():
            why = "That path is outside this session's folder (a browser session keeps its files there)"
        elif not _inside(Path(os.path.normpath(self.root / given)), self.root):
            why = "That path goes up (..) out of this session's folder"
        else:
            why = "That path is a link that leads outside this session's folder"
        raise UserError(f"{why}; {PLAIN_NAME}", path=one_line(text))

    def target(self, raw: str) -> Path:
        """Where a file the user asked to save goes: inside the session folder, in a folder that exists,
        and not over anything but a regular file."""
        path = self.resolve(raw, write=True)
        try:
            folder_there = path.parent.is_dir()
        except OSError as error:  # a name too long for the file system, ...
            why = error.strerror or str(error)
            raise UserError(f"That name cannot be used here ({why})", path=self.shown(path)) from None
        if not folder_there:
            raise UserError(
                f"The folder {self.shown(path.parent)} does not exist in this session's folder; {PLAIN_NAME}",
                path=self.shown(path),
            )
        if os.path.lexists(path):
            regular_file(path, shown=self.shown(path))
        return path

    def shown(self, path: str | os.PathLike[str]) -> str:
        """A path as the person at the browser sees it: relative to the session folder, without the
        server's folders."""
        real = Path(path)
        if _inside(real, self.root):
            return one_line(real.relative_to(self.root).as_posix() if real != self.root else ".")
        return one_line(real)


def session() -> Sandbox | None:
    """Under `openness serve`: this browser session's sandbox (its own folder, and the shipped examples
    to read). None in a terminal, where the user's paths are used as typed."""
    from questionnaire.delivery import session_folder
    from questionnaire.examples import EXAMPLES_DIR

    folder = session_folder()
    return Sandbox.at(folder, EXAMPLES_DIR) if folder is not None else None


def regular_file(path: str | os.PathLike[str], *, shown: str | None = None) -> os.stat_result | None:
    """The file's status when it is a regular file, None when there is nothing there (the reader says
    so); UserError for a folder, a named pipe, a device or a socket. Looks without opening, so it never
    waits."""
    name = shown if shown is not None else one_line(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except ValueError:  # a NUL character
        raise UserError("That name has a NUL character, which no file name can hold", path=name) from None
    except OSError as error:
        raise UserError(f"That file cannot be read ({error.strerror or error})", path=name) from None
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return status
    if stat.S_ISDIR(mode):
        raise UserError("That is a folder, not a file", path=name)
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise UserError(f"That is {kind}, not a regular file; only files are opened", path=name)


def read(raw: str, load: Callable[[str], T], sandbox: Sandbox | None) -> tuple[T, str]:
    """`load` the file the user typed, and the name to show for it. With a sandbox: only inside it, and
    checked again after reading, so a link or another file swapped in meanwhile is refused. Whatever
    the mode, only a regular file is read."""
    text = raw.strip()
    if sandbox is None:
        regular_file(text)
        return load(text), text
    path = sandbox.resolve(text, write=False)
    shown = sandbox.shown(path)
    before = regular_file(path, shown=shown)
    result = load(str(path))
    after = regular_file(sandbox.resolve(text, write=False), shown=shown)
    if before is None or after is None or (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino):
        raise UserError("The file changed while it was being read; try again", path=shown)
    return result, shown


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


__all__ = ["Sandbox", "session", "regular_file", "read", "PLAIN_NAME"]
