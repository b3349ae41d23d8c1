"""The result: the tier, large; the reasons; each framework's verdict side by side; and the smallest set
of changes that would reach the next tier."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen

from questionnaire.app import actions
from questionnaire.app.labels import TIER_TITLES
from questionnaire.app.navigation import navigator
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.mof_card import MofCard
from questionnaire.app.widgets.osai_card import OsaiCard
from questionnaire.app.widgets.result_list import ResultList
from questionnaire.app.widgets.tier_banner import TierBanner


class ResultScreen(Screen[None]):
    DEFAULT_CSS = """
    ResultScreen {
        & #result { padding: 1 1 0 1; }
        & #frameworks { height: auto; layout: vertical; }
        & .framework-column { height: auto; width: 100%; }
    }
    ResultScreen.-wide {
        & #frameworks { layout: horizontal; }
        & .framework-column { width: 1fr; }
        & #framework-left { margin-right: 1; }
    }
    """
    BINDINGS = actions.bindings("result")
    AUTO_FOCUS = "#result"

    def compose(self) -> ComposeResult:
        yield AppBar("Result", id="bar")
        with VerticalScroll(id="result"):
            yield TierBanner(id="tier")
            yield ResultList("Why", id="reasons")
            yield ResultList("To reach the next tier", id="next-tier")
            with Horizontal(id="frameworks"):  # side by side when wide, one under the other when narrow
                with Vertical(id="framework-left", classes="framework-column"):
                    yield ResultList("Open Source AI Definition 1.0", id="osaid")
                    yield ResultList("Open Weight Definition (the weights' licence)", id="owd")
                with Vertical(id="framework-right", classes="framework-column"):
                    yield MofCard(id="mof")
                    yield OsaiCard(id="osai")
            yield ResultList("Warnings", id="warnings")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_result()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_result()

    def refresh_result(self) -> None:
        session = navigator(self).session
        assert session is not None
        result = session.classification()
        bar = self.query_one(AppBar)
        bar.set_name(session.model_name)
        answered, total = session.answered_count()
        bar.set_progress(f"{answered} of {total} answered")
        bar.set_tier(result.tier)
        self.query_one(TierBanner).show(result.tier, session.model_name)
        self.query_one("#reasons", ResultList).show((None, r.text) for r in result.reasons)
        next_list = self.query_one("#next-tier", ResultList)
        if result.next_tier is not None:
            next_list.border_title = f"To reach {TIER_TITLES[result.next_tier.tier].lower()}"
            next_list.show((None, change[:1].upper() + change[1:]) for change in result.next_tier.changes)
        else:
            next_list.border_title = "Next tier"
            next_list.show((), empty="Open source is the top tier: nothing to change.")
        osaid = result.osaid
        met = sum(r.met for r in osaid.requirements)
        self.query_one("#osaid", ResultList).show(
            ((r.met, r.text) for r in osaid.requirements),
            heading=f"{'Met' if osaid.met else 'Not met'}: {met} of {len(osaid.requirements)} requirements hold")
        self.query_one(MofCard).show(result.mof)
        owd = result.owd
        met = sum(r.met for r in owd.requirements)
        self.query_one("#owd", ResultList).show(
            ((r.met, f"{r.id.removeprefix('owd-')}. {r.text}") for r in owd.requirements),
            heading=f"{'Met' if owd.met else 'Not met'}: {met} of {len(owd.requirements)} criteria hold")
        self.query_one(OsaiCard).show(result.osai)
        warnings = self.query_one("#warnings", ResultList)
        warnings.display = bool(result.warnings)
        warnings.show((None, w) for w in result.warnings)
