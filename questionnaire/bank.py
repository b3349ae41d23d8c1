"""The question bank, loaded and checked: what the rest of the program asks for.

`load_bank()` reads the bank (`bank_reader`: `questions/*.toml`, or the folder `OPENNESS_QUESTIONS`
names, see `resources`), checks it (`lint`: structure, conditions, paths) and returns the `Bank`; it
raises `BankError` with one plain message naming the file and the question when the bank is not usable.
The types (`Bank`, `Question`, `Section`, `Choice`, `Finding`) and `validate_value` are those of
`bank_model`, named here too so that users of the bank need one import. Modules below the bank
(`bank_reader`, `lint`, `glossary`) import `bank_model` and never this module, so the imports form no
circle. Core module: no Textual.
"""

from __future__ import annotations

from pathlib import Path

from questionnaire.bank_model import (
    FREE_TEXT_TYPES,
    QUESTION_TYPES,
    Bank,
    BankError,
    Choice,
    Finding,
    Question,
    Section,
    parse_number,
    validate_value,
)
from questionnaire.bank_reader import read_bank
from questionnaire.lint import lint_bank

__all__ = [
    "FREE_TEXT_TYPES",
    "QUESTION_TYPES",
    "Bank",
    "BankError",
    "Choice",
    "Finding",
    "Question",
    "Section",
    "load_bank",
    "parse_number",
    "validate_value",
]


def load_bank(directory: Path | str | None = None) -> Bank:
    """Load, check and return the bank (default: the one in use, `resources.questions_dir`). Raises
    BankError when it is unusable. Cached per file state."""
    read = read_bank(directory)
    errors = [f for f in lint_bank(read.bank.directory) if f.severity == "error"]
    if errors:
        first = str(errors[0])
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise BankError(f"The question bank cannot be used: {first}{more}", errors)
    return read.bank
