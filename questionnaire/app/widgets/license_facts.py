"""The facts of one licence, shown before it is chosen: OSI approval, commercial use, restrictions,
thresholds, and whether its terms are open terms."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from questionnaire.app.widgets.laid_out import KeptStatic
from questionnaire.text import one_line, plain
from questionnaire.vocabulary import licence_tags

YES, NO, NEUTRAL = ("✓", "green"), ("✗", "red"), ("·", "dim")


class LicenseFacts(KeptStatic):
    DEFAULT_CSS = """
    LicenseFacts {
        height: auto; width: 100%; padding: 0 1; margin-top: 1;
        border: round $foreground 25%; border-title-color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.border_title = "About this licence"

    # Kept drawn (KeptStatic): the layout's height and the drawing share one wrap, and the picker draws the
    # facts of a licence question's first entry ahead, while the picker is hidden (`draw_ahead`), so that
    # showing the question finds them drawn.

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
