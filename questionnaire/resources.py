"""Where the tool's own files are. Every path to a shipped resource is computed here, nowhere else.

* The question bank folder: `questions/` at the repository root, or `questionnaire/_questions` in an
  installed wheel; the environment variable `OPENNESS_QUESTIONS` names another folder (a copy of the bank
  with questions of one's own), which the command line and the app then use instead.
* The glossary: `glossary.toml` in the bank folder in use.
* The package data (`questionnaire/data/`: the licence knowledge, MOT's licence names, the known models,
  the served pages) and the shipped examples (`questionnaire/examples/`, their answers in `answers/`).

Core module: no Textual, and nothing but the standard library, so every module may import it.
"""

from __future__ import annotations

import os
from pathlib import Path

QUESTIONS_ENV = "OPENNESS_QUESTIONS"
GLOSSARY_FILE = "glossary.toml"  # in the bank folder; the bank reader skips it

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
EXAMPLES_DIR = PACKAGE_DIR / "examples"
EXAMPLE_ANSWERS_DIR = EXAMPLES_DIR / "answers"


def shipped_questions_dir() -> Path:
    """The bank that ships with the tool: `questionnaire/_questions` (installed wheel), else `questions/`
    at the repository root."""
    installed = PACKAGE_DIR / "_questions"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "questions"


def questions_from_env() -> str | None:
    """The bank folder `OPENNESS_QUESTIONS` names, as written (None when it is unset or empty)."""
    value = os.environ.get(QUESTIONS_ENV, "")
    return value if value.strip() else None


def questions_dir() -> Path:
    """The bank folder in use: the one `OPENNESS_QUESTIONS` names, else the shipped one."""
    named = questions_from_env()
    if named is not None:
        return Path(named).expanduser().resolve()
    return shipped_questions_dir()


def glossary_file(bank_dir: Path | None = None) -> Path:
    """The glossary of a bank folder (default: the one in use)."""
    return (bank_dir if bank_dir is not None else questions_dir()) / GLOSSARY_FILE


def data_file(name: str) -> Path:
    """A file of the package data, `questionnaire/data/<name>`."""
    return DATA_DIR / name


__all__ = [
    "DATA_DIR",
    "EXAMPLES_DIR",
    "EXAMPLE_ANSWERS_DIR",
    "GLOSSARY_FILE",
    "PACKAGE_DIR",
    "QUESTIONS_ENV",
    "data_file",
    "glossary_file",
    "questions_dir",
    "questions_from_env",
    "shipped_questions_dir",
]
