"""Reading input files safely: size, encoding and syntax problems become one plain UserError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from questionnaire.errors import UserError

MAX_BYTES = 5 * 1024 * 1024
MAX_YAML_ALIASES = 100


def read_text(path: str) -> str:
    """The file's text, or a UserError that says why it cannot be read."""
    p = Path(path)
    try:
        if p.is_dir():
            raise UserError("is a directory, not a file", path=path)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"is too large ({size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB)", path=path)
        data = p.read_bytes()
    except FileNotFoundError:
        raise UserError("no such file", path=path) from None
    except PermissionError:
        raise UserError("permission denied", path=path) from None
    except OSError as error:
        raise UserError(f"cannot be read ({error.strerror or error})", path=path) from None
    if not data.strip():
        raise UserError("is empty", path=path)
    if b"\x00" in data:
        raise UserError("is a binary file, not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})", path=path) from None


def parse_toml(text: str, path: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"is not valid TOML ({error})", path=path) from None


def parse_yaml(text: str, path: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "*" in text:  # aliases can expand a small file into a huge tree: count them first
            aliases = sum(1 for event in yaml.parse(text, Loader=loader) if isinstance(event, yaml.AliasEvent))
            if aliases > MAX_YAML_ALIASES:
                raise UserError(f"uses {aliases} YAML aliases (at most {MAX_YAML_ALIASES} are accepted)", path=path)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise UserError(f"is not valid YAML ({problem}{where})", path=path) from None
    except RecursionError:
        raise UserError("is not valid YAML (nested too deeply)", path=path) from None
