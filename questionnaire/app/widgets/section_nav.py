"""The sidebar: the sections with their progress, and the questions of the current section.

Select a section to go to its first open question, or a question to go back to it (keyboard or mouse).
A name longer than the sidebar is wide wraps onto a second line rather than being cut.

It is shown anew after every answer, and an answer changes two or three of its rows (the question left, the
question reached, the section's count): the rows are made once per text and state (`_section_row`,
`_question_row` are cached), an option whose row is unchanged is kept as it was, and the drawing of a row
is kept across changes (`_get_option_render`), so that only the rows that changed are drawn again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Self

from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from questionnaire.app import actions
from questionnaire.app.fit import with_count, wrapped
from questionnaire.app.labels import component_name, field_label
from questionnaire.app.widgets.laid_out import LaidOutSize

if TYPE_CHECKING:
    from textual.geometry import Offset, Size
    from textual.strip import Strip

    from questionnaire.app.session import Session

KEPT_RENDERS = 2048  # rows drawn and kept (every row of every section, in its states, at a few widths)


class SectionNav(LaidOutSize, OptionList):
    DEFAULT_CSS = """
    SectionNav {
        width: 30; height: 1fr; max-height: 100%;
        border: none; border-right: vkey $foreground 20%; padding: 0;
        background: $surface;
        &:focus { border: none; border-right: vkey $accent; background-tint: $foreground 3%; }
        & > .option-list--option { padding: 0 1; }
        & > .option-list--option-disabled { color: $text-muted; }
    }
    """
    BINDINGS = actions.bindings("nav")
    _held: bool | None = None  # while `show` changes the options: whether a repaint was asked for

    class Jump(Message):
        """The user chose a section (`section_id`) or a question (`question_id`)."""

        def __init__(self, question_id: str | None, section_id: str | None) -> None:
            super().__init__()
            self.question_id = question_id
            self.section_id = section_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._shown: tuple[Session, str] | None = None
        self._width = 0
        self._kept: dict[tuple[Any, ...], list[Strip]] = {}

    def _row_width(self) -> int:
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: the width the CSS gives it
            width = 30 - 1  # less its border
        return width - 2  # the option padding

    def show(self, session: Session, current: str) -> None:
        self._shown = (session, current)
        width = self._width = self._row_width()
        bank = session.bank
        answers = session.answers
        progress = session.progress()
        current_section = bank[current].section
        options: list[Option] = []
        highlight = 0
        for section in bank.sections:
            done, total = progress.get(section.id, (0, 0))
            is_current = section.id == current_section
            options.append(
                Option(_section_row(section.title, done, total, is_current, width), id=f"section:{section.id}")
            )
            if not is_current:
                continue
            group = None
            for question in session.visible():
                if question.section != section.id:
                    continue
                if question.component and question.component != group:
                    group = question.component
                    options.append(Option(_group_row(component_name(group), width), disabled=True))
                elif not question.component:
                    group = None
                if question.id == current:
                    highlight = len(options)
                options.append(
                    Option(
                        _question_row(
                            field_label(question),
                            answers.get(question.id) is not None,
                            question.id == current,
                            indent=bool(question.component),
                            width=width,
                        ),
                        id=f"q:{question.id}",
                    )
                )
        previous = {(option.id, _key(option.prompt)): option for option in self.options}
        before = (self._line_keys(), self.scroll_offset, self.size)
        self._held = False
        try:
            self.set_options([previous.get((option.id, _key(option.prompt)), option) for option in options])
            self.highlighted = highlight
        finally:
            asked, self._held = self._held, None
        if asked:
            self._repaint_changed(*before)

    # ------------------------------------------------------------------ repainting only the rows that changed

    def _line_keys(self) -> list[tuple[Any, ...]]:
        """What each line of the list draws: its option's row (text, index, state) and which of its lines."""
        keys = []
        highlighted = self.highlighted
        for index, option in enumerate(self.options):
            row = (option.id, _key(option.prompt), option.disabled, index, index == highlighted)
            prompt = option.prompt
            height = prompt.plain.count("\n") + 1 if isinstance(prompt, Text) else 1
            keys.extend((row, line) for line in range(height))
        return keys

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """While `show` replaces the options, the repaints OptionList asks for (of the whole list, at every
        step) are held: `show` repaints the lines that changed once it is done."""
        if self._held is not None and repaint and not layout and not recompose:
            self._held = True
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _repaint_changed(self, lines: list[tuple[Any, ...]], scrolled: Offset, size: Size) -> None:
        """Repaint the lines whose row changed, or the whole list when it scrolled, was resized or has a
        line more or less (an answer changes two or three rows: the question left, the question reached,
        the section's count)."""
        now = self._line_keys()
        if len(now) != len(lines) or self.scroll_offset != scrolled or self.size != size or not self.is_mounted:
            super().refresh()
            return
        top, width = self.scroll_offset.y, self.scrollable_content_region.width
        changed = [
            Region(0, y - top, width, 1) for y, (old, new) in enumerate(zip(lines, now, strict=True)) if old != new
        ]
        if changed:
            super().refresh(*changed)

    def _get_option_render(self, option: Option, style: Any) -> list[Strip]:
        """OptionList forgets the drawing of every row whenever an option changes; here a row's drawing is
        kept, by its text, its place, its style and the width, so that an answer redraws only the rows it
        changed. (Overrides a private method of Textual's OptionList, 8.x; were it renamed, rows would only
        be drawn every time again.)"""
        key = (
            _key(option.prompt),
            self._option_to_index.get(option),
            option.disabled,
            style,
            self.scrollable_content_region.width,
        )
        strips = self._kept.get(key)
        if strips is None:
            if len(self._kept) >= KEPT_RENDERS:
                self._kept.clear()
            strips = self._kept[key] = super()._get_option_render(option, style)
        return strips

    def notify_style_update(self) -> None:
        self._kept.clear()  # a theme or a class changed: the kept drawings have the old colours
        super().notify_style_update()

    def on_resize(self) -> None:
        if self._shown is not None and self._row_width() != self._width:
            self.show(*self._shown)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, target = (event.option_id or "").partition(":")
        if kind == "q":
            self.post_message(self.Jump(target, None))
        elif kind == "section":
            self.post_message(self.Jump(None, target))


def _key(prompt: Any) -> Any:
    """A row's text as a key: its characters and their styles."""
    return (prompt.plain, tuple(prompt.spans), prompt.style) if isinstance(prompt, Text) else prompt


@lru_cache(maxsize=KEPT_RENDERS)
def _group_row(name: str, width: int) -> Text:
    return wrapped(Text(), name, width, "italic")


@lru_cache(maxsize=KEPT_RENDERS)
def _section_row(title: str, done: int, total: int, current: bool, width: int) -> Text:
    complete = total > 0 and done == total
    mark = "✓ " if complete else ("▾ " if current else "▸ ")
    label = Text(mark, style="green" if complete else "")
    label.append(title, style="bold" if current else "")
    count = Text(f"{done}/{total}" if total else "–", style="green" if complete else "dim")
    return with_count(label, count, width)


@lru_cache(maxsize=KEPT_RENDERS)
def _question_row(label: str, answered: bool, current: bool, *, indent: bool, width: int) -> Text:
    text = Text("  " if indent else "")
    if current:
        text.append("› ", style="bold")
    elif answered:
        text.append("✓ ", style="green")
    else:
        text.append("· ", style="dim")
    return wrapped(text, label, width, "bold" if current else ("" if answered else "dim"))
