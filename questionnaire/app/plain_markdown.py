"""Markdown without any markup, drawn as Rich's Markdown draws it, without importing Rich's Markdown.

Rich's Markdown brings markdown-it and Pygments: about 60 ms and 3 MiB on the 2-core machine, paid by the
first help drawn. The first questions' helps are plain paragraphs, so the first question can be drawn
before that import (which the questionnaire's warm-up then does in the background, app._warm_up_rest).

`is_plain` is deliberately narrow: it accepts only text in which markdown-it (CommonMark, with the
strikethrough and table rules Rich enables) finds nothing but paragraphs of literal text. Any character
that can start markup anywhere in a line (`* _ ` ~ [ ] < > & \\ # |`), any line that could start a block
(a list, a heading's underline, an indented block), a hard break (a line ending in spaces) and any control
character send the text to Rich's Markdown instead. tests/test_plain_markdown.py checks that every help
the bank holds that passes draws the same segments both ways, at several widths, and so does random text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text

# a character that can open markup anywhere, a control character, or a space of any kind but the plain one
_MARKUP_CHARACTER = re.compile(r"[*_`~\[\]<>&\\#|\x00-\x09\x0b-\x1f\x7f-\x9f]|[^\S ]")
# a line that could open a block or close one: indented, a list item, a heading's underline, a rule; or
# that ends in a space (a hard break)
_BLOCK_LINE = re.compile(r"^(?: |[-+=]|\d{1,9}[.)])|.* $")


def is_plain(text: str) -> bool:
    """Whether `text` is paragraphs of literal text to markdown-it: no markup, no block but paragraphs."""
    if _MARKUP_CHARACTER.search(text.replace("\n", "")):
        return False
    return not any(_BLOCK_LINE.match(line) for line in text.split("\n") if line)


def paragraphs(text: str) -> list[list[str]]:
    """The paragraphs of plain text, each the lines of a run between empty lines."""
    found: list[list[str]] = []
    lines: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line:
            lines.append(line)
        elif lines:
            found.append(lines)
            lines = []
    return found


class PlainParagraphs:
    """Plain text (`is_plain`) drawn as `rich.markdown.Markdown(text)` draws it: each paragraph a Text in
    the Markdown paragraph style, left-justified, its lines joined by a space (a soft line break), with an
    empty line between two paragraphs."""

    def __init__(self, text: str) -> None:
        self.paragraphs = paragraphs(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        # as Markdown.__rich_console__: its own style ("none") under the paragraph's, the height unbounded
        style = console.get_style("none", default="none") + console.get_style("markdown.paragraph", default="none")
        options = options.update(height=None)
        for number, paragraph in enumerate(self.paragraphs):
            if number:
                yield Segment.line()
            text = Text(justify="left")
            for line_number, line in enumerate(paragraph):
                if line_number:
                    text.append(" ", style)  # a soft line break, as markdown-it gives it
                text.append(line, style)
            yield from console.render(text, options)
