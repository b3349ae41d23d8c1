"""Writing files so that nothing is lost: a temporary file beside the target, flushed to disk, then
renamed over it, so a reader (or a crash) sees the old file or the new one, never half of one.

`write_text` is for the files a user asks for (declarations, exports): it refuses to replace a file
unless forced and says what is wrong in one plain UserError. `replace_atomically` is the step both it
and the app's own state (the draft, the preferences) use. Core: no Textual.

What is at the target decides:
- nothing: written;
- a regular file: replaced only when forced;
- a symbolic link (even one to a missing file): replaced only when forced, and then the link itself is
  replaced by the new file: a write never follows a link out to change the file it points to;
- a directory, a named pipe (FIFO), a device or a socket (or a link to one): never replaced or written
  into, even when forced.

A process killed while writing (kill -9, a power cut) leaves its temporary file `.NAME.XXXXXXXX.tmp`
behind. The next write to the same target removes those of its own pattern whose writer is gone: a
writer holds a lock on its temporary file while it writes (where the system has `fcntl`; elsewhere a
temporary file counts as abandoned after an hour), and a file younger than a few seconds is always left
alone.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from questionnaire.errors import UserError
from questionnaire.text import one_line

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MAX_PATH_LENGTH = 4096  # characters a path field takes (Linux's PATH_MAX, in bytes: no longer path can be opened)
TEMP_SUFFIX = ".tmp"
TEMP_OVERHEAD = len("." + "." + "abcdefgh" + TEMP_SUFFIX)  # what a temporary name adds to the target's
YOUNG_SECONDS = 10.0  # a temporary file this recent may be one a writer has not locked yet
ABANDONED_SECONDS = 3600.0  # without locks, a temporary file this old is taken as abandoned


def _temp_pattern(target: Path) -> re.Pattern[str]:
    """The names `tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")` gives: eight characters of its own."""
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files that killed writes to `target` left behind; returns them. Only files
    of `target`'s own temporary pattern, regular, not links, older than YOUNG_SECONDS, and (with
    fcntl) not locked by a live writer, else older than ABANDONED_SECONDS. Never raises."""
    pattern, removed, now = _temp_pattern(target), [], time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            age = now - info.st_mtime
            if not stat.S_ISREG(info.st_mode) or age < YOUNG_SECONDS:
                continue
            if fcntl is None:
                if age > ABANDONED_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                continue
            handle = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            try:
                if not stat.S_ISREG(os.fstat(handle).st_mode):
                    continue
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: a live writer holds it
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            finally:
                os.close(handle)
        except OSError:
            continue
    return removed


def replace_atomically(target: Path, text: str, *, shared: bool, must_not_exist: bool = False) -> None:
    """Write `text` to `target` through a temporary file and a rename. `shared`: readable by others as
    the umask allows (mkstemp makes files private, right for the draft, wrong for a declaration).
    `must_not_exist`: raise FileExistsError if anything (even a dangling link) appeared at the target
    meanwhile; FileExistsError too if a directory, FIFO, device or socket is there. OSError from the
    folder (missing, read-only) is raised before anything is written."""
    remove_stale_temporaries(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)  # held until closed: the temporary file is in use
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # the lock goes with the close; the file was written just now, so no cleaner takes it meanwhile
        mode = _lstat_mode(target)
        if mode is not None and (must_not_exist or not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))):
            raise FileExistsError(errno.EEXIST, "exists", str(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _lstat_mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None


def _kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not something a write may replace."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return None


def _refusal(target: Path, force: bool) -> str | None:
    """Why `write_text` does not write to `target` (with `force` or not), or None."""
    mode = _lstat_mode(target)
    if mode is None:
        return None
    if stat.S_ISLNK(mode):
        try:
            pointed: int | None = os.stat(target).st_mode
        except OSError:
            pointed = None
        kind = _kind(pointed) if pointed is not None else None
        if kind == "a directory":
            return "is a link to a directory; give a file name such as model-openness.toml"
        if kind is not None:
            return f"is a link to {kind}; openness writes only regular files"
        if not force:
            what = "a symbolic link to a missing file" if pointed is None else "a symbolic link"
            return f"already exists ({what}); use --force to replace the link itself with the file"
        return None
    kind = _kind(mode)
    if kind == "a directory":
        return "is a directory; give a file name such as model-openness.toml"
    if kind is not None:
        return f"is {kind}, not a regular file; openness writes only regular files, even with --force"
    return None if force else "already exists; use --force to replace it"


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """A file the user asked for, written atomically and readable as the umask allows; never replaces an
    existing file unless `force` (see the module's notes on links and special files). UserError (naming
    the file) for an empty or too long name, a folder, an existing file, a missing or read-only folder."""
    shown = os.fspath(path)
    if not shown:
        raise UserError("the file name is empty; give a file name such as model-openness.toml")
    target = Path(path)
    folder = target.parent  # "." for a bare file name
    name_max = _name_max(folder)
    if len(os.fsencode(target.name)) + TEMP_OVERHEAD > name_max:
        raise UserError(
            f"cannot be written: the file name is too long ({len(os.fsencode(target.name))} bytes; "
            f"at most {name_max - TEMP_OVERHEAD} here)",
            path=shown,
        )
    from questionnaire.sources import kernel_file

    if kernel_file(str(target)):
        raise UserError("cannot be written: it is in the kernel's /proc or /sys", path=shown)
    try:
        refusal = _refusal(target, force)
        if refusal is None:
            replace_atomically(target, text, shared=True, must_not_exist=not force)
            return target
    except FileExistsError:
        refusal = _refusal(target, force) or "already exists; use --force to replace it"
    except FileNotFoundError:
        refusal = f"cannot be written: the folder {one_line(folder)} does not exist"
    except NotADirectoryError:
        refusal = f"cannot be written: {one_line(folder)} is not a folder"
    except PermissionError:
        refusal = f"cannot be written: the folder {one_line(folder)} is read-only"
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            refusal = "cannot be written: the path is too long"
        else:
            refusal = f"cannot be written ({error.strerror or error})"
    except ValueError:  # a NUL character in the path
        refusal = "cannot be written: the path holds a NUL character"
    raise UserError(refusal, path=shown)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


__all__ = ["remove_stale_temporaries", "replace_atomically", "write_text"]
