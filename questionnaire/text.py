"""Showing text from users and files safely: as text, never as markup or terminal control codes."""

from __future__ import annotations

import re

# C0 controls (except tab and newline), DEL and C1 controls: ESC sequences, bells, carriage returns.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """Text with every control character shown as a visible escape such as \\x1b."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def one_line(value: object) -> str:
    """Like `plain`, and newlines and tabs shown as escapes too: for names inside a message."""
    return plain(value).replace("\n", "\\n").replace("\t", "\\t")


# For a one-line text field (Textual's Input `restrict`): any text without control characters, so that
# a pasted escape sequence never gets into a field and from there to the terminal.
WITHOUT_CONTROLS = r"[^\x00-\x1f\x7f-\x9f]*"
