"""The live verdict: the tier the answers so far lead to, updated with every answer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from questionnaire.vocabulary import TIER_TITLES

TIER_CLASSES = {tier: f"-{tier}" for tier in TIER_TITLES}


class VerdictBadge(Static):
    DEFAULT_CSS = """
    VerdictBadge {
        width: auto; height: 1; padding: 0 1; text-style: bold;
        background: $panel-lighten-2; color: $text;
        &.-open-source { background: $success; color: $text; }
        &.-open-weight { background: $primary; color: $text; }
        &.-partially-open { background: $warning; color: $background; }
        &.-closed { background: $error; color: $text; }
    }
    """

    def __init__(self, tier: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tier: str | None = None
        self.set_tier(tier)

    def set_tier(self, tier: str | None) -> None:
        if tier == self.tier and self.tier is not None:
            return
        self.tier = tier
        for cls in TIER_CLASSES.values():
            self.remove_class(cls)
        if tier is None:
            self.update(Text("no verdict yet"))
            self.tooltip = None
            return
        self.add_class(TIER_CLASSES[tier])
        self.update(Text(TIER_TITLES[tier]))
        self.tooltip = "The tier the answers so far lead to"
