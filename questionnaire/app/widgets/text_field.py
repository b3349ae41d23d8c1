"""The one way the app makes a field a user types text into (an answer, a licence, a search, a path).

Every such field refuses what could not be shown as itself (`text.SAFE_INPUT`: control, bidi and invisible
characters) and more than `max_length` characters: a key or a paste that would bring either is refused
whole, with Textual's bell. Its cursor blinks as the app says (tests and benches turn blinking off)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.widgets import Input

from questionnaire.text import SAFE_INPUT

if TYPE_CHECKING:
    from textual.app import App

FieldType = TypeVar("FieldType", bound=Input)


def text_field(app: App[Any], max_length: int, *, kind: type[FieldType] = Input, **options: Any) -> FieldType:
    """A `kind` (an Input or a subclass) made with `options`, bounded to `max_length` characters."""
    field = kind(restrict=SAFE_INPUT, max_length=max_length, **options)
    field.cursor_blink = getattr(app, "cursor_blink", True)
    return field
