"""Showing text from users and files safely: as text, never as markup or terminal control codes.

One set of characters is never shown as itself, wherever text from a file, a path or a user is shown
(the terminal, the app's widgets, exports): control characters, which a terminal obeys (ESC ] 52 writes
the clipboard, ESC ] 2 retitles the window); the bidirectional overrides, isolates and marks, which
reorder what is shown around them; zero-width and other invisible format characters, which hide text;
line and paragraph separators; and the code points that cannot be written or are invalid in XML
(surrogates, U+FFFE, U+FFFF). `plain` and `one_line` show each as a visible escape such as \\x1b or
\\u202e. Answers refuse them outright (`unsafe_character` says which one, for the message), so that no
answer holds a character that could only be shown escaped. Core: no Textual.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

# The longest text (a line of a file, a word, a licence string as written) that a per-process table keeps a
# result for (sources, release, the frameworks): longer ones are worked out afresh each time, so that what is
# remembered stays small whatever the files hold.
REMEMBERED_LENGTH = 200

# Every character of the set but tab and newline, which `plain` keeps (for multi-line texts).
_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline, DEL, C1 controls
    "\u00ad\u061c\u180e"  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators; bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated format characters
    "\ufeff\ufff9-\ufffb"  # zero-width no-break space (BOM), interlinear annotations
    "\ud800-\udfff\ufffe\uffff"  # surrogates (cannot be written as UTF-8), non-characters (invalid XML)
    "\U000e0000-\U000e007f"  # tag characters: invisible ASCII
)


# Compiled when first used (about 3 ms for the two): importing this module costs next to nothing, so that
# whatever shows text imports it at the top, the app's first screen and the CLI alike.
@cache
def _shown_escaped() -> re.Pattern[str]:
    return re.compile(f"[{_UNSAFE_CLASS}]")


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(f"[\t\n{_UNSAFE_CLASS}]")


# For Textual's `Input(restrict=...)`: typing or pasting such a character into a field is refused.
SAFE_INPUT = f"[^\t\n{_UNSAFE_CLASS}]*"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def plain(value: object) -> str:
    """Text with every character of the set (see above) but tab and newline shown as a visible escape."""
    return _shown_escaped().sub(lambda m: _escape(m.group()), str(value))


def one_line(value: object) -> str:
    """Like `plain`, and newlines and tabs shown as escapes too: for names inside a message."""
    return plain(value).replace("\n", "\\n").replace("\t", "\\t")


def quoted(value: object) -> str:
    """`one_line(value)` in single quotes, for a name inside a message. (`{one_line(x)!r}` escaped every
    escape again: a name holding ESC was shown with two backslashes before x1b.)"""
    return f"'{one_line(value)}'"


# The longest one-line answer (a name, a web address, a licence as written): 2,000 characters, the longest web
# address that browsers and servers are relied on to take. A longer one is refused wherever answers are read
# (a file, a draft, a typed answer): a stranger's file of a few megabytes in one licence string would
# otherwise be looked up word by word and written back into every reason that names it.
MAX_ANSWER_LENGTH = 2_000


def answer_problem(value: str) -> str | None:
    """What keeps a one-line text from a file or a user from being an answer (too long, or a character that
    cannot be shown as itself: `unsafe_character`), or None."""
    if len(value) > MAX_ANSWER_LENGTH:
        return f"is {len(value):,} characters long; at most {MAX_ANSWER_LENGTH:,} are accepted"
    return unsafe_character(value)


def unsafe_character(value: str) -> str | None:
    """What is wrong with a one-line text from a file or a user, or None when every character of it
    can be shown as itself: 'holds the control character \\x1b at position 5; ...'. Tabs and newlines count too
    (every answer is one line)."""
    found = _unsafe().search(value)
    if found is None:
        return None
    char = found.group()
    category = unicodedata.category(char)
    if category == "Cc":
        kind = "the control character"
    elif category == "Cs":
        kind = "the lone surrogate"
    elif char in "\ufffe\uffff":
        kind = "the non-character"
    else:
        kind = "the invisible character"
    name = unicodedata.name(char, "")
    label = _escape(char) + (f" ({name.lower()})" if name else "")
    return f"holds {kind} {label} at position {found.start() + 1}; control and invisible characters are not accepted"


def json_text(data: object, **options: object) -> str:
    """`json.dumps(data, ensure_ascii=False, **options)`, with every character of the set written as a
    \\u escape: the same JSON value, and nothing a terminal obeys or hides (json escapes only C0)."""
    if options:
        import json

        text = json.dumps(data, ensure_ascii=False, **options)  # type: ignore[arg-type]
    else:  # json.dumps makes this very encoder for every call: made once
        text = _compact_encoder().encode(data)
    if text.isascii() and "\x7f" not in text:  # json escaped every other ASCII one (C0); no scan needed
        return text
    return _shown_escaped().sub(lambda m: _json_escape(m.group()), text)


@cache
def _compact_encoder() -> Any:
    import json

    return json.JSONEncoder(ensure_ascii=False)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP, JSON escapes a UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


__all__ = [
    "MAX_ANSWER_LENGTH",
    "SAFE_INPUT",
    "answer_problem",
    "json_text",
    "one_line",
    "plain",
    "quoted",
    "unsafe_character",
]
