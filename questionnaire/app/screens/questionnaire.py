"""The questionnaire: one question at a time, its help beside it, the sections in a sidebar, the live
verdict at the top. Branching is the bank's: after every answer the path is `bank.visible(answers)`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.reactive import Reactive
from textual.screen import Screen

from questionnaire.app import actions
from questionnaire.app.compositor import draw_only_touched, keep_reflowed_map
from questionnaire.app.labels import component_name
from questionnaire.app.navigation import Navigator, navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.help_panel import HelpPanel
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.laid_out import LaidOutSize
from questionnaire.app.widgets.light_scrollbar import light_scrollbar
from questionnaire.app.widgets.question_panel import QuestionPanel, scroll_home
from questionnaire.app.widgets.section_nav import SectionNav

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from questionnaire.app.session import Session
    from questionnaire.bank import Question


CATCH_UP_SECONDS = 0.25  # the sidebar, progress and verdict at the latest this long after an answer


class _Area(LaidOutSize, Container):
    """The question and its help: no border and nothing of its own to draw (Widget.BLANK), so that
    redrawing it after an answer costs blank lines, not a styled line per row."""

    BLANK = True


class _Body(LaidOutSize, Horizontal):
    BLANK = True  # the sidebar and the question area side by side: nothing of its own to draw


def _where(section_title: str, question: Question) -> str:
    """Where a question sits, as its head says it: the section, and the component it asks about."""
    return section_title + (f" · {component_name(question.component)}" if question.component else "")


class QuestionnaireScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    QuestionnaireScreen {
        & #question-body { height: 1fr; }
        & #question-area { width: 1fr; height: 1fr; }
    }
    QuestionnaireScreen.-narrow #question-area {
        /* the scrollbar's room kept when the question and its help fit: a question that brings or removes
           the scrollbar does not change the width, so nothing is wrapped again and laid out a second time */
        layout: vertical; overflow-y: auto; scrollbar-gutter: stable;
        & > QuestionPanel { height: auto; overflow-y: hidden; }
        & > HelpPanel { height: auto; overflow-y: hidden; border-left: none; border-top: hkey $foreground 15%;
                        padding: 0 1; }
    }
    QuestionnaireScreen.-wide #question-area {
        layout: horizontal;
        & > QuestionPanel { width: 3fr; height: 1fr; }
        & > HelpPanel { width: 2fr; height: 1fr; }
    }
    """
    BINDINGS = actions.bindings("question")
    # An opaque screen whose widgets cover it: its own lines are blank (Widget.BLANK), and drawing them
    # does not style every line where a new question repaints the screen
    BLANK = True
    # Screen.focused, without its repaint: Textual declares it Reactive(None), and every change of focus (a
    # choice question after a typed one, and back) then refreshes the whole screen: the frame that shows
    # the question composes all its lines again (render_full_update) instead of the parts that changed. The
    # widgets that gain and lose focus repaint themselves (Widget._on_focus/_on_blur refresh them, and
    # :focus-within rules restyle their containers); the watcher (bindings) runs as before.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.start = question_id
        self.question: Question | None = None
        self.back_to_review = False
        # What waits for the frame that shows the next question: the sidebar, the progress and the live
        # verdict, and the draft's write (so that the question is drawn first, and a key pressed meanwhile
        # is not kept waiting behind them).
        self._status_pending = False
        self._draft_pending = False
        self._catch_up_timer: Timer | None = None
        self._terms: dict[str, list[tuple[str, str]]] = {}
        self._terms_from: object = None
        self._navigator: Navigator | None = None

    @property
    def session(self) -> Session:
        # the app, checked as a Navigator once per screen: the check (a runtime Protocol's isinstance) is
        # not free, and this is asked a few times per answer
        if self._navigator is None:
            self._navigator = navigator(self)
        session = self._navigator.session
        assert session is not None
        return session

    def compose(self) -> ComposeResult:
        # the parts every answer changes, kept at hand (a query for each, after every answer, is not free)
        self._area = _Area(id="question-area")
        self._question_panel = QuestionPanel(id="question")
        self._help_panel = HelpPanel(id="help")
        yield AppBar(id="bar")
        with _Body(id="question-body"):
            yield SectionNav(id="nav")
            with self._area:
                yield self._question_panel
                yield self._help_panel
        yield KeyFooter()

    def on_mount(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._laid_out)
        keep_reflowed_map(self)
        draw_only_touched(self)
        for scrolling in ("#question-area", "#question", "#help", "#nav"):
            light_scrollbar(self.query_one(scrolling))
        self.show_question(self.start, status_now=True)

    # ------------------------------------------------------------------ showing

    def show_question(self, question_id: str, *, back_to_review: bool = False, status_now: bool = False) -> None:
        """Show a question; the sidebar, progress and verdict follow a frame later (`status_now`: at once)."""
        session = self.session
        if not session.is_visible(question_id):
            following = session.next_after(question_id)
            question_id = following.id if following is not None else session.first().id
        question = session.question(question_id)
        self.question = question
        self.back_to_review = back_to_review
        session.move_to(question_id)
        section = session.bank.section(question.section)
        from questionnaire.lineage import proposal_for

        self._question_panel.show(
            question,
            session.answers.get(question_id),
            partial(session.validate, question_id),
            self.answered,
            where=_where(section.title, question),
            proposal=proposal_for(question_id, session.answers),
        )
        self._help_panel.show(question, section, **self._help_of(question, read_again=False))
        if status_now:
            self.refresh_status()
        else:
            self._after_frame(status=True)
        scroll_home(self._area)

    def _help_of(self, question: Question, *, read_again: bool = True) -> dict[str, Any]:
        """What the help beside `question` shows besides its text: its section's text (on the section's
        first question on the path) and its glossary terms (`_terms_of`)."""
        in_section = next((q.id for q in self.session.visible() if q.section == question.section), None)
        return {"with_section": in_section == question.id, "terms": self._terms_of(question, read_again=read_again)}

    def glossary_terms(self) -> list[tuple[str, str]]:
        """(id, term) of the glossary entries the question on screen uses: named in the bank or found in
        its prompt and help text."""
        return self._terms_of(self.question) if self.question is not None else []

    def _terms_of(self, question: Question, *, read_again: bool = True) -> list[tuple[str, str]]:
        """The glossary terms of `question`, kept per question for the glossary file they came from; the file
        is checked for a change first (`read_again`), except for the question an answer shows, whose terms
        were found when it was made ready a moment before (`_prepare_next`): the check is a look at the
        file, between the key and the frame."""
        if not read_again and question.id in self._terms:
            return list(self._terms[question.id])
        from questionnaire.errors import UserError
        from questionnaire.glossary import load_glossary

        try:
            glossary = load_glossary()
        except UserError:
            return []  # a broken glossary costs the links, not the questionnaire; Ctrl+G says what is wrong
        if glossary is not self._terms_from:  # the terms are kept per question, for the glossary they came from
            self._terms_from, self._terms = glossary, {}
        terms = self._terms.get(question.id)
        if terms is None:
            terms = self._terms[question.id] = [(entry.id, entry.term) for entry in glossary.for_question(question)]
        return list(terms)

    def _prepare_next(self) -> None:
        """Lay out the help of the question an answer most likely leads to (the next on the path as it is
        now), while the user reads this one: its Markdown then costs nothing when it is shown."""
        if self.question is None or not self.is_mounted:
            return
        session = self.session
        following = session.next_after(self.question.id)
        if following is not None:
            section = session.bank.section(following.section)
            self._help_panel.prepare(following, section, **self._help_of(following))
            from questionnaire.lineage import proposal_for

            self._question_panel.prepare(
                following,
                session.answers.get(following.id),
                partial(session.validate, following.id),
                self.answered,
                where=_where(section.title, following),
                proposal=proposal_for(following.id, session.answers),
            )

    def glossary_ids(self) -> list[str]:
        return [entry_id for entry_id, _ in self.glossary_terms()]

    def _after_frame(self, *, status: bool = False, draft: bool = False) -> None:
        """Bring the sidebar, progress and verdict (`status`) up to date, and write the draft (`draft`),
        once the frame being prepared is drawn; a few answers before that frame make one update."""
        pending = self._status_pending or self._draft_pending
        self._status_pending |= status
        self._draft_pending |= draft
        if not pending:
            # Run when the screen has drawn its next layout (a new question always changes it), not
            # with call_after_refresh: the widgets a question changed tell the screen so from their own
            # message queues, and a callback the screen took before that news came would run before the
            # frame. Should no layout come, a timer does it.
            self._catch_up_timer = self.set_timer(CATCH_UP_SECONDS, self._catch_up)

    def _laid_out(self, _screen: Screen[object]) -> None:
        if self._status_pending or self._draft_pending:
            self._catch_up()

    def _catch_up(self) -> None:
        if self._catch_up_timer is not None:
            self._catch_up_timer.stop()
            self._catch_up_timer = None
        self._write_pending_draft()
        if self._status_pending:
            self._status_pending = False
            if self.question is not None and self.is_mounted:
                self.refresh_status()
                self.call_after_refresh(self._prepare_next)

    def on_screen_suspend(self) -> None:
        self._write_pending_draft()

    def on_unmount(self) -> None:
        self._write_pending_draft()

    def _write_pending_draft(self) -> None:
        """A draft still waiting for its frame is written now: another screen comes, or the app ends."""
        if self._draft_pending:
            self._draft_pending = False
            session = navigator(self).session
            if session is not None:
                session.save_draft()

    def refresh_status(self) -> None:
        self._status_pending = False
        session = self.session
        assert self.question is not None
        self.query_one(SectionNav).show(session, self.question.id)
        bar = self.query_one(AppBar)
        bar.set_name(session.model_name)
        position, total = session.position(self.question.id)
        bar.set_progress(f"question {position} of {total}")
        bar.show_verdict_of(session)

    # ------------------------------------------------------------------ answering

    def answered(self, question_id: str, value: object) -> None:
        """An answer that passed the bank's check: record it (the draft is written) and go on."""
        if self.question is None or question_id != self.question.id:
            return  # a late key for a question no longer on screen
        session = self.session
        session.set(question_id, value, save=False)
        following = session.next_after(question_id)
        if following is not None and not (self.back_to_review and session.answers.get(following.id) is not None):
            self._after_frame(draft=True)  # the next question first, then the draft
        else:
            self._draft_pending = False
            session.save_draft()  # before the review is shown
        if self.back_to_review:
            if following is not None and session.answers.get(following.id) is None:
                self.show_question(following.id, back_to_review=True)  # a question the new answer opened
            else:
                self.refresh_status()
                navigator(self).show_review()
            return
        if following is None:  # the review says what is left to do: no toast over its last rows
            self.refresh_status()
            navigator(self).show_review()
            return
        self.show_question(following.id)

    def _paged(self, step: int) -> bool:
        """PgUp/PgDn first page the answer's own list (the licences), when it has focus and can move."""
        answer = self._question_panel.answer
        focused = self.focused
        if answer is None or focused is None or not (focused is answer or answer in focused.ancestors):
            return False
        return answer.page(step)

    def action_back(self) -> None:
        if self.question is None or self._paged(-1):
            return
        previous = self.session.previous_before(self.question.id)
        if previous is not None:
            self.show_question(previous.id)

    def action_next(self) -> None:
        if self.question is None or self._paged(1):
            return
        following = self.session.next_after(self.question.id)
        if following is not None:
            self.show_question(following.id)
        else:
            navigator(self).show_review()

    def action_sections(self) -> None:
        self.query_one(SectionNav).focus()

    def action_focus_answer(self) -> None:
        answer = self._question_panel.answer
        if answer is not None:
            answer.focus_answer()

    def on_section_nav_jump(self, event: SectionNav.Jump) -> None:
        event.stop()
        if event.question_id:
            self.show_question(event.question_id)
        elif event.section_id:
            navigator(self).jump_to_section(event.section_id)

    def on_screen_resume(self) -> None:
        if self.question is not None and self.is_mounted:
            answer = self._question_panel.answer
            shown = answer.value if answer is not None else None
            if not self.session.is_visible(self.question.id) or shown != self.session.answers.get(self.question.id):
                # gone from the path, or answered since it was drawn (from the review, or the last question):
                # drawn again, so that "(your answer)" marks the answer as it is now
                self.show_question(self.question.id)
            else:
                self.refresh_status()
            answer = self._question_panel.answer
            if answer is not None:
                answer.focus_answer()
