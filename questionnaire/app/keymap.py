"""The user's keymap: `keymap.toml` in the data folder (beside the draft and preferences.json) rebinds keys
by binding id, `app.save = "f5"` or `"question.next" = "pagedown,ctrl+n"` (a `[app]` table with
`save = "f5"` is the same). The ids are those of the action table (actions.py); the app applies the result
with Textual's `App.set_keymap`.

A keymap is a convenience: the file is read like every other input (sources.py: a regular file, bounded,
any problem one line naming the file), and whatever is wrong in it (not TOML, an unknown id, a key that
is not a key, a key another binding already has there) is said in one line while the rest applies.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questionnaire.app.actions import BINDABLE, PLACES, TYPED, Action, effective_keys, key_label

FILE_NAME = "keymap.toml"
MAX_ENTRIES = 200  # there are about 50 binding ids
MAX_KEYS = 8  # keys for one binding

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
_NAMED = {
    "escape",
    "enter",
    "tab",
    "space",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
}
_FUNCTION = re.compile(r"f([1-9]|1[0-9]|2[0-4])")
_CHARACTER_NAME = re.compile(r"[a-z][a-z_]*[a-z]")
MODAL = {"help", "save", "open", "confirm", "size"}  # screens that see no app-wide keys


@dataclass
class Keymap:
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> Textual key string, ready to apply
    problems: list[str] = field(default_factory=list)  # one line each, naming the file

    def notice(self) -> str | None:
        """All that is wrong, in one line: the first problem, and how many more there are."""
        if not self.problems:
            return None
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more problem{'s' if more != 1 else ''} in the file)" if more else "")


def keymap_path(directory: str | os.PathLike[str] | None = None) -> Path:
    from questionnaire.drafts import data_file

    return data_file(FILE_NAME, directory)


def load_keymap(directory: str | os.PathLike[str] | None = None) -> Keymap:
    """The keymap of the data folder: none when there is no file; never raises."""
    from questionnaire.errors import UserError
    from questionnaire.sources import read_toml
    from questionnaire.text import one_line

    path = keymap_path(directory)
    if not os.path.lexists(path):
        return Keymap()
    try:
        table = read_toml(str(path))
    except UserError as problem:
        return Keymap(problems=[f"{one_line(problem)}; the keys are as they come"])
    return parse_keymap(table, str(path))


def parse_keymap(table: Mapping[str, Any], path: str) -> Keymap:
    from questionnaire.text import one_line

    shown_path = one_line(path)
    entries = list(_flatten(table))
    if len(entries) > MAX_ENTRIES:
        return Keymap(
            problems=[
                f"{shown_path}: {len(entries)} entries, more than a keymap can have ({MAX_ENTRIES}); "
                "the keys are as they come"
            ]
        )
    keymap = Keymap()
    for binding_id, value in entries:
        problem = _entry_problem(binding_id, value)
        if problem is not None:
            keymap.problems.append(f"{shown_path}: {problem}")
        else:
            keymap.keys[binding_id] = ",".join(dict.fromkeys(_normalized(k) for k in value.split(",")))
    for binding_id in list(keymap.keys):
        clash = _clash(BINDABLE[binding_id], keymap.keys)
        if clash is not None:
            keymap.problems.append(f"{shown_path}: {clash}")
            del keymap.keys[binding_id]
    return keymap


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """`app.save = "f5"` is a table in TOML ({"app": {"save": "f5"}}): its dotted id again."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _entry_problem(binding_id: str, value: Any) -> str | None:
    from difflib import get_close_matches

    from questionnaire.text import one_line

    if binding_id not in BINDABLE:
        near = get_close_matches(binding_id, list(BINDABLE), n=1)
        hint = f"did you mean {near[0]}?" if near else "the ids are listed in the README (Keys)"
        return f"“{one_line(binding_id)}” is not a binding id; {hint}"
    if not isinstance(value, str):
        return f'{binding_id}: the keys are text, such as "f5" or "f5,ctrl+s"'
    keys = [key.strip() for key in value.split(",")]
    if len(keys) > MAX_KEYS:
        return f"{binding_id}: {len(keys)} keys, more than one binding can have ({MAX_KEYS})"
    for key in keys:
        if not is_key(key):
            shown = f"“{one_line(key)}”" if key else "an empty key"
            return f"{binding_id}: {shown} is not a key (keys are written like ctrl+s, alt+x, f5, escape, pagedown)"
    return None


def _normalized(key: str) -> str:
    *modifiers, base = key.strip().split("+")
    if modifiers or len(base) > 1:
        base = base.lower()
    return "+".join([m.lower() for m in modifiers] + [base])


def is_key(key: str) -> bool:
    """Whether `key` names a key as Textual writes it: modifiers (ctrl, alt, shift, ...) and one key."""
    from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character

    parts = key.strip().split("+")
    if any(not part for part in parts):
        return False
    *modifiers, base = parts
    modifiers = [m.lower() for m in modifiers]
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace() and base != ","
    base = base.lower()
    return (
        base in _NAMED
        or bool(_FUNCTION.fullmatch(base))
        or base in KEY_NAME_REPLACEMENTS.values()
        or (bool(_CHARACTER_NAME.fullmatch(base)) and key_to_character(base) is not None)
    )


def _scopes(action: Action) -> set[str]:
    scopes = {action.scope, *action.also_on}
    return {
        "question" if scope in ("typed", "nav", "licences") else "review" if scope == "answers" else scope
        for scope in scopes
    }


def _overlap(a: Action, b: Action) -> bool:
    """Whether the two actions' keys can be pressed on the same screen."""
    for x in _scopes(a):
        for y in _scopes(b):
            if x == y or ("app" in (x, y) and not {x, y} & MODAL):
                return True
    return False


def _clash(action: Action, keys: Mapping[str, str]) -> str | None:
    """The binding that already has one of `action`'s new keys where both work, said in a sentence."""
    from questionnaire.app.actions import ACTIONS

    mine = effective_keys(action, keys)
    for other in ACTIONS:
        if other.id == action.id or not _overlap(action, other):
            continue
        taken = set(mine) & set(effective_keys(other, keys) if other.bindable else other.keys.split(","))
        if taken:
            key = sorted(taken)[0]
            holder = "typed into an answer" if other.scope == TYPED else f"already {other.id}"
            return (
                f"{action.id}: {key_label(key)} is {holder} ({PLACES[other.scope]}); "
                f"{action.id} keeps {key_label(action.keys.split(',')[0])}"
            )
    return None


__all__ = ["FILE_NAME", "Keymap", "MAX_ENTRIES", "is_key", "keymap_path", "load_keymap", "parse_keymap"]
