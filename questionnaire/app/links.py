"""Clickable text: a label that runs an app action when clicked, built as a Rich style (no markup is
parsed, so a label from a data file is always shown as written)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from questionnaire.text import one_line


def action_link(label: str, action: str, argument: str) -> Text:
    """`label`, underlined, that runs `action(argument)` on a click ('app.glossary', 'open-weight')."""
    return Text(one_line(label), style=Style(underline=True, meta={"@click": (action, (argument,))}))
