"""The keys section of the help: a heading, the keys table of the action table (the user's keymap applied),
and how to change them.

Three widgets that draw their own lines: the heading styled as the help's Markdown headings are, the table,
and the note. As Markdown (a widget per table cell, about forty, and blocks that Markdown mounts a step
later) they kept the app laying the help out again for a while after F1 had drawn it: a key pressed
meanwhile waited (python bench/opening_frames.py). A row's keys stay on one line; what they do wraps under
itself."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from questionnaire.app import actions
from questionnaire.text import plain

KEYMAP_NOTE = Text.assemble(
    "Keys can be changed in ",
    ("keymap.toml", "bold"),
    ", in the data folder beside the draft: one line a key, such as ",
    ('app.save = "f5"', "bold"),
    "; the README lists every binding id.",
)


def keys_grid(keymap: Mapping[str, str] | None = None) -> Table:
    """The table's rows: a key column that does not wrap, and what the keys do, under a bold header."""
    table = Table(box=None, expand=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("key", no_wrap=True, style="bold")
    table.add_column("what it does", ratio=1)
    for keys, does in actions.key_rows(keymap):
        table.add_row(Text(plain(keys)), Text(plain(does)))
    return table


class KeysTable(Vertical):
    DEFAULT_CSS = """
    KeysTable {
        height: auto;
        & > Static { height: auto; padding: 0 2; }
        /* as the help's Markdown draws a heading of its own (MarkdownH2) */
        & > #keys-heading {
            margin: 1 0 1 0; color: $markdown-h2-color; background: $markdown-h2-background;
            text-style: $markdown-h2-text-style;
        }
        & > #keys-rows { margin-bottom: 1; }
        & > #keys-note { margin-bottom: 1; }
    }
    """

    def __init__(self, keymap: Mapping[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        yield Static("Keys", id="keys-heading", markup=False)
        yield Static(keys_grid(self.keymap), id="keys-rows", markup=False)
        yield Static(KEYMAP_NOTE, id="keys-note", markup=False)
