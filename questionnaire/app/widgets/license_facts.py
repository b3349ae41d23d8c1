"""The facts of one licence, shown before it is chosen: OSI approval, commercial use, restrictions,
thresholds, and whether its terms are open terms."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, VisualType
from textual.widgets import Static

from questionnaire.text import one_line, plain
from questionnaire.vocabulary import licence_tags

YES, NO, NEUTRAL = ("✓", "green"), ("✗", "red"), ("·", "dim")


class LicenseFacts(Static):
    DEFAULT_CSS = """
    LicenseFacts {
        height: auto; width: 100%; padding: 0 1; margin-top: 1;
        border: round $foreground 25%; border-title-color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        self._drawn: dict[tuple[int, object], list[Strip]] = {}  # before Static.__init__, which updates
        self._laid_out: tuple[int, object] | None = None  # (the width last drawn at, the terminal's size then)
        super().__init__("", id=id, markup=False)
        self.border_title = "About this licence"

    # The facts drawn as Static draws them (Visual.to_strips of its visual at the content's width, in its
    # visual style), but kept per width and style until the text changes: the layout's height and the
    # drawing share one wrap, and the picker draws the facts of a licence question's first entry ahead,
    # while the picker is hidden (`draw_ahead`), so that showing the question finds them drawn.

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._drawn = {}
        super().update(content, layout=layout)

    def _strips(self, width: int) -> list[Strip]:
        style = self.visual_style
        key = (width, style)
        strips = self._drawn.get(key)
        if strips is None:
            strips = self._drawn[key] = Visual.to_strips(self, self.visual, width, None, style)
        return strips

    def draw_ahead(self) -> None:
        """Draw the text at the width the facts had when last laid out, in a terminal of the same size
        (hidden, their size is nothing): nothing before the first layout."""
        if self._laid_out is not None and self._laid_out[1] == self.app.size:
            self._strips(self._laid_out[0])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width or self.text_selection is not None:
            return super().get_content_height(container, viewport, width)
        self._laid_out = (width, self.app.size)
        return len(self._strips(width))

    def render_line(self, y: int) -> Strip:
        if self.text_selection is not None:  # the selection is drawn over the text: as Static draws it
            return super().render_line(y)
        width = self.size.width
        strips = self._strips(width)
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self.visual_style.rich_style)

    def show_license(self, license: Any, *, read_as: str | None = None) -> None:
        self.update(license_text(license, read_as=read_as))

    def show_message(self, title: str, body: str) -> None:
        text = Text(plain(title), style="bold")
        text.append("\n")
        text.append(plain(body))
        self.update(text)


def _mark(text: Text, good: bool | None, label: str, detail: str = "") -> None:
    symbol, style = NEUTRAL if good is None else (YES if good else NO)
    text.append(f"{symbol} ", style=style)
    text.append(label)
    if detail:
        text.append(f": {plain(detail)}", style="dim")
    text.append("\n")


def license_text(license: Any, *, read_as: str | None = None) -> Text:
    text = Text()
    text.append(one_line(license.id), style="bold")
    text.append("\n")
    if license.name and license.name != license.id:
        text.append(f"{one_line(license.name)}\n")
    if read_as:
        text.append(f"“{one_line(read_as)}” is read as this licence.\n", style="italic")
    kind = {
        "spdx": "SPDX licence list",
        "ai": "AI licence (not on the SPDX list)",
        "expression": "SPDX expression",
        "custom": "self-assessed",
    }.get(license.kind, license.kind)
    if license.deprecated:
        kind += ", deprecated id"
    text.append(f"{kind}\n", style="dim")
    if license.open_terms:
        text.append("Open terms", style="bold green")
        text.append(": counts as open for every framework that asks for open terms.\n")
    else:
        text.append("Not open terms", style="bold red")
        text.append(
            f" ({', '.join(licence_tags(license))}): counts as not open for every framework that asks for open terms.\n"
        )
    if license.open_data and not license.osi_approved:
        _mark(text, True, "open data or content licence")
        _mark(text, None, "not OSI-approved", "code needs that; data and documents do not")
    else:
        _mark(text, license.osi_approved, "OSI-approved" if license.osi_approved else "not OSI-approved")
    _mark(text, license.commercial_use, "commercial use allowed" if license.commercial_use else "no commercial use")
    _mark(text, license.derivatives, "derivatives allowed" if license.derivatives else "no derivatives")
    _mark(text, license.redistribution, "redistribution allowed" if license.redistribution else "no redistribution")
    _mark(
        text,
        not license.use_restrictions,
        "use restrictions" if license.use_restrictions else "no use restrictions",
        license.use_restrictions_text if license.use_restrictions else "",
    )
    _mark(
        text,
        not license.threshold,
        "user or revenue threshold" if license.threshold else "no threshold",
        license.threshold or "",
    )
    _mark(
        text,
        not license.regional_exclusion,
        "excludes some regions" if license.regional_exclusion else "no regional exclusion",
    )
    _mark(
        text,
        not license.revocation,
        "licensor may revoke or change it" if license.revocation else "cannot be revoked at will",
    )
    if getattr(license, "output_restriction", False):
        _mark(text, False, "limits using outputs to train other models")
    if license.verify:
        text.append("Some facts come from secondary sources: check the licence text.\n", style="italic")
    if license.notes:
        text.append(plain(license.notes), style="dim")
    text.rstrip()
    return text
