"""The help beside a question: its Markdown help text (it teaches the term), the frameworks it cites,
and, on a section's first question, what the section is about.

The text is drawn with Rich's Markdown into one Static: going to the next question replaces a
renderable instead of mounting a widget per paragraph. Markdown is costly to lay out, and the Static lays it
out twice (once for its height, once to draw it): each help is parsed once, and laid out once per width
(`_Laid`), and a question seen again reuses both."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import Static

from questionnaire.app.links import action_link
from questionnaire.app.navigation import key_for
from questionnaire.app.plain_markdown import PlainParagraphs, is_plain
from questionnaire.app.widgets.kept_arrangement import HeightFreeArrangement
from questionnaire.app.widgets.laid_out import LaidOutSize, LaidOutStatic
from questionnaire.app.widgets.question_panel import scroll_home
from questionnaire.app.widgets.styled_rows import StyledRows

if TYPE_CHECKING:
    from rich.markdown import Markdown
    from rich.segment import Segment
    from textual.css.styles import RulesMap
    from textual.strip import Strip

    from questionnaire.bank import Question, Section

KEPT = 256  # helps kept laid out: every question of the bank, with and without its section's text


class HelpPanel(HeightFreeArrangement, LaidOutSize, StyledRows, VerticalScroll):
    DEFAULT_CSS = """
    HelpPanel {
        height: auto; padding: 0 1 0 2; background: $surface;
        border-left: wide $foreground 10%;
        & > #help-title { color: $text-muted; text-style: bold; }
        & > #help-body { width: 100%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._shown: _Laid | None = None

    def content_row(self, y: int) -> Strip:
        return self.render_line(y)  # its own lines, blank: its children draw the help (StyledRows)

    def compose(self) -> ComposeResult:
        yield Static("What this means", id="help-title")
        self._body_static = LaidOutStatic("", id="help-body")  # kept at hand: every answer sets it
        yield self._body_static

    def show(
        self, question: Question, section: Section, *, with_section: bool, terms: Sequence[tuple[str, str]] = ()
    ) -> None:
        body = self._body(question, section, with_section, terms)
        static = self._body_static
        if body is not self._shown:  # the same help (a question seen again, at once) is not drawn again
            self._shown = body
            static.update(_LaidVisual(static, body))
        scroll_home(self)

    def prepare(
        self, question: Question, section: Section, *, with_section: bool, terms: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Parse and lay out the help `show` would show for `question`, at the width the help has now and,
        where a scrollbar can come or go beside it, at the width it has with (or without) one, so that
        showing it later lays out nothing."""
        body = self._body(question, section, with_section, terms)
        static = self._body_static
        width = static.content_region.width
        if width <= 0:
            return
        widths = [width]
        scrolling = [w for w in (self, self.parent) if isinstance(w, Widget)]
        if any(_bar_can_change_width(w) for w in scrolling):
            bar = self.styles.scrollbar_size_vertical
            widths.append(width + bar if any(w.show_vertical_scrollbar for w in scrolling) else width - bar)
        console, options = self.app.console, self.app.console_options.update(highlight=False)
        for each in widths:
            if each > 0:
                body.lay_out(console, options.update_width(each))
        # and drawn, as the Static will draw it at the width it has now (KeptStatic)
        static.draw_ahead(_LaidVisual(static, body))

    def _body(
        self, question: Question, section: Section, with_section: bool, terms: Sequence[tuple[str, str]]
    ) -> _Laid:
        section_help = (section.title, section.help) if with_section else None
        return _help(question.help, tuple(question.cite), tuple(terms), key_for(self, "app.glossary"), section_help)


def _bar_can_change_width(widget: Widget) -> bool:
    """Whether a vertical scrollbar that comes or goes changes the width of what `widget` holds: not when
    it never has one, nor when its room is kept (`scrollbar-gutter: stable`, the narrow layout's question
    area)."""
    styles = widget.styles
    return styles.overflow_y in ("auto", "scroll") and styles.scrollbar_gutter != "stable"


@lru_cache(maxsize=KEPT)
def _help(
    help_text: str,
    cite: tuple[str, ...],
    terms: tuple[tuple[str, str], ...],
    glossary_key: str,
    section: tuple[str, str] | None,
) -> _Laid:
    parts: list[RenderableType] = [_markdown(help_text)]
    if cite:
        parts.append(Text("Sources: " + ", ".join(cite), style="dim"))
    if terms:
        parts.append(glossary_links(terms, glossary_key))
    if section is not None:
        title, section_text = section
        parts.append(Text(f"\nAbout “{title}”", style="bold dim"))
        parts.append(_markdown(section_text))
    return _Laid(Group(*parts))


class _Laid:
    """A renderable laid out once per width and set of options, then replayed: what it draws is what the
    renderable draws (the help's Markdown, whose styles come from Rich's theme, not the app's). Its height
    is kept too (`_LaidVisual`); its drawing, by the help's Static (KeptStatic)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._laid: dict[tuple[object, ...], list[Segment]] = {}
        self.heights: dict[tuple[object, ...], int] = {}

    def height(self, console: Console, options: ConsoleOptions) -> int:
        """Its lines at these options, counted as Textual counts a Rich renderable's (RichVisual)."""
        key = _options_key(options)
        height = self.heights.get(key)
        if height is None:
            if len(self.heights) >= 8:
                self.heights.clear()
            height = self.heights[key] = sum(segment.text.count("\n") for segment in self.lay_out(console, options))
        return height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lay_out(console, options)

    def lay_out(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        key = _options_key(options)
        segments = self._laid.get(key)
        if segments is None:
            if len(self._laid) >= 8:  # a few widths (resizes) at most
                self._laid.clear()
            segments = self._laid[key] = list(console.render(self.renderable, options))
        return segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def _options_key(options: ConsoleOptions) -> tuple[object, ...]:
    return (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap)


class _LaidVisual(RichVisual):
    """How the help's Static draws a `_Laid` help: Textual's own visual for a Rich renderable (RichVisual),
    whose drawing the Static keeps by the `_Laid` (`kept_key`), so that a help drawn ahead
    (HelpPanel.prepare) or shown again is neither measured nor drawn again: only Textual's styling of each
    line is left when the question changes. Its height, should the Static measure it itself (a text
    selection in the help), is kept in the `_Laid`."""

    def __init__(self, widget: Widget, laid: _Laid) -> None:
        super().__init__(widget, laid)
        self.widget = widget
        self.laid = laid

    @property
    def kept_key(self) -> _Laid:
        """What the help's Static keeps its drawing by (KeptStatic): the laid-out help itself, which draws
        the same every time (it is made once per text, terms and section, and never changed)."""
        return self.laid

    def get_height(self, rules: RulesMap, width: int) -> int:
        app = self.widget.app
        return self.laid.height(app.console, app.console_options.update_width(width).update(highlight=False))


def glossary_links(terms: Sequence[tuple[str, str]], key: str) -> Text:
    """'Glossary (Ctrl+G): open-weight · OSAID', each term a link that opens its entry."""
    text = Text(f"Glossary ({key}): ", style="bold dim")
    for number, (entry_id, term) in enumerate(terms):
        if number:
            text.append(" · ", style="dim")
        text.append_text(action_link(term, "app.glossary", entry_id))
    return text


@lru_cache(maxsize=KEPT)
def _markdown(text: str) -> Markdown | PlainParagraphs:
    # A help with no markup (the first questions') is drawn without Rich's Markdown, the same segments
    # (plain_markdown). The others import it on the first such help drawn, not with this module: it brings
    # markdown-it and Pygments (3 MiB), which the welcome screen's warm-up leaves out to keep its memory
    # low; the questionnaire's warm-up imports it in the background (app.py).
    if is_plain(text):
        return PlainParagraphs(text)
    from rich.markdown import Markdown

    return Markdown(text, inline_code_theme="ansi_dark", hyperlinks=False)
