"""Writing files so that nothing is lost: a temporary file beside the target, flushed to disk, then
renamed over it, so a reader (or a crash) sees the old file or the new one, never half of one.

`write_text` is for the files a user asks for (declarations, exports): it refuses to replace a file
unless forced and says what is wrong in one plain UserError. `replace_atomically` is the step both it
and the app's own state (the draft, the preferences) use. Core: no Textual.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from questionnaire.errors import UserError
from questionnaire.text import one_line


def replace_atomically(target: Path, text: str, *, shared: bool, must_not_exist: bool = False) -> None:
    """Write `text` to `target` through a temporary file and a rename. `shared`: readable by others as
    the umask allows (mkstemp makes files private, right for the draft, wrong for a declaration).
    `must_not_exist`: raise FileExistsError if the target appeared meanwhile. OSError from the folder
    (missing, read-only) is raised before anything is written."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if must_not_exist and target.exists():
            raise FileExistsError(str(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """A file the user asked for, written atomically and readable as the umask allows; never replaces an
    existing file unless `force`. UserError (naming the file) for a folder, an existing file, a missing
    or read-only folder."""
    target = Path(path)
    shown = str(path)
    if target.is_dir():
        raise UserError("is a directory; give a file name such as model-openness.toml", path=shown)
    if target.exists() and not force:
        raise UserError("already exists; use --force to replace it", path=shown)
    folder = target.parent  # "." for a bare file name
    try:
        replace_atomically(target, text, shared=True, must_not_exist=not force)
    except FileExistsError:
        raise UserError("already exists; use --force to replace it", path=shown) from None
    except FileNotFoundError:
        raise UserError(f"cannot be written: the folder {one_line(folder)} does not exist", path=shown) from None
    except PermissionError:
        raise UserError(f"cannot be written: the folder {one_line(folder)} is read-only", path=shown) from None
    except OSError as error:
        raise UserError(f"cannot be written ({error.strerror or error})", path=shown) from None
    return target


__all__ = ["replace_atomically", "write_text"]
