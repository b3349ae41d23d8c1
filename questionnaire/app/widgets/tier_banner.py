"""The tier, large, with what it means in one line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from questionnaire.text import one_line
from questionnaire.vocabulary import TIER_HEADINGS, TIER_SUMMARIES, TIERS


class TierBanner(Static):
    DEFAULT_CSS = """
    TierBanner {
        width: 100%; height: auto; padding: 1 2; margin: 0 0 1 0; content-align: center middle;
        text-align: center; background: $panel-lighten-1;
        &.-open-source { background: $success 60%; }
        &.-open-weight { background: $primary 60%; }
        &.-partially-open { background: $warning 45%; }
        &.-closed { background: $error 50%; }
    }
    """

    def show(self, tier: str, name: str) -> None:
        for other in TIERS:
            self.set_class(other == tier, f"-{other}")
        text = Text()
        if name:
            text.append(one_line(name) + "\n", style="bold")
        text.append(" ".join(TIER_HEADINGS[tier]) + "\n", style="bold")
        text.append(TIER_SUMMARIES[tier])
        self.update(text)
