"""The result: the tier, large; the reasons; the smallest set of changes that would reach the next tier;
and every framework's verdict, one panel each (`FrameworkPanel`), two columns side by side when wide."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from questionnaire import frameworks
from questionnaire.app import actions
from questionnaire.app.labels import TIER_WORDS
from questionnaire.app.navigation import navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.session import drawn_state
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.framework_panel import FrameworkPanel
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.result_list import ResultList
from questionnaire.app.widgets.self_styled_scroll import SelfStyledScroll
from questionnaire.app.widgets.tier_banner import TierBanner


class ResultScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    ResultScreen {
        & #result { padding: 1 1 0 1; scrollbar-gutter: stable; }
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
        with SelfStyledScroll(id="result"):  # focused as it opens: no rule styles its content by that
            yield TierBanner(id="tier")
            yield ResultList("Why", id="reasons")
            yield ResultList("To reach the next tier", id="next-tier")
            with Horizontal(id="frameworks"):  # side by side when wide, one under the other when narrow
                shown = frameworks.all_frameworks()
                with Vertical(id="framework-left", classes="framework-column"):
                    for framework in shown[0::2]:
                        yield FrameworkPanel(framework.title, id=f"framework-{framework.id}")
                with Vertical(id="framework-right", classes="framework-column"):
                    for framework in shown[1::2]:
                        yield FrameworkPanel(framework.title, id=f"framework-{framework.id}")
            yield ResultList("Warnings", id="warnings")
        yield KeyFooter()

    _shown: tuple[object, int] | None = None  # the session and version drawn (`drawn_state`)

    def on_mount(self) -> None:
        self.refresh_result()
        self.call_later(self._prepare_next)  # queued after the ScreenResume that draws the first frame

    def _prepare_next(self) -> None:
        """Once the result is drawn, while it is read, a thread loads what its keys open: the what-if and
        examples screens' code (w, e) and the examples compare shows first, read and classified (c). Each
        was a fifth to a third of that screen's first opening; a key pressed before the thread is done
        waits for the part it needs (an import in progress) or does it itself."""
        from questionnaire.app.screens import compare
        from questionnaire.examples import list_examples

        slugs = compare.default_picks(list_examples(), navigator(self).session)
        self.run_worker(partial(_prepare, slugs), thread=True, group="result-prepare", exit_on_error=False)

    def on_screen_resume(self) -> None:
        # drawn again only when the answers changed since (not on the resume that follows the first mount)
        if self.is_mounted and self._shown != drawn_state(navigator(self).session):
            self.refresh_result()

    def refresh_result(self) -> None:
        session = navigator(self).session
        assert session is not None
        self._shown = drawn_state(session)
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
            next_list.border_title = f"To reach {TIER_WORDS[result.next_tier.tier]}"
            next_list.show((None, change[:1].upper() + change[1:]) for change in result.next_tier.changes)
        else:
            next_list.border_title = "Next tier"
            next_list.show((), empty="Open source is the top tier: nothing to change.")
        for verdict in result.frameworks:
            self.query_one(f"#framework-{verdict.id}", FrameworkPanel).show(verdict)
        warnings = self.query_one("#warnings", ResultList)
        warnings.display = bool(result.warnings)
        warnings.show((None, w) for w in result.warnings)


def _prepare(slugs: list[str]) -> None:
    """(In a thread.) What the result's keys open: see `ResultScreen._prepare_next`."""
    import questionnaire.app.screens.examples  # noqa: F401  (e)
    import questionnaire.app.screens.whatif  # noqa: F401  (w)
    from questionnaire import whatif
    from questionnaire.app.screens import compare

    whatif.licence_choices()
    compare.prepare(slugs)
