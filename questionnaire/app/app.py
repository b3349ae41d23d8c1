"""The application: holds the session, moves between screens, and owns the app-wide bindings.

It is the navigation service of its screens (`navigation.Navigator`): they reach it through
`navigation.navigator(...)`, never through this class. Its bindings, like every screen's, come from the
action table (actions.py); the user's keymap file rebinds them at start (keymap.py)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.worker import Worker, WorkerState

from questionnaire.app import actions
from questionnaire.text import one_line

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.command import Provider
    from textual.geometry import Size
    from textual.screen import Screen

    from questionnaire.app.screens.questionnaire import QuestionnaireScreen
    from questionnaire.app.session import Session
    from questionnaire.drafts import Draft

# What the first screen does not use is imported when it is first needed, not before the first frame: the
# session, the command providers, the size notice's screen, and the readers of the draft, keymap and
# preferences files when there is no such file.


def _commands_provider() -> type[Provider]:
    from questionnaire.app.commands import OpennessCommands

    return OpennessCommands


def _system_commands_provider() -> type[Provider]:
    from textual.system_commands import SystemCommandsProvider

    return SystemCommandsProvider


def default_clock() -> datetime:
    """The session's clock (`session.default_clock`), imported when first read."""
    from questionnaire.app.session import default_clock as clock

    return clock()


DEFAULT_THEME = "textual-dark"

# The garbage-collection policy (`OpennessApp._collect_when_idle`)
FULL_COLLECTION_EVERY = 100  # young collections between two automatic full ones (Python's default: 10)
# Objects made (and kept) between two automatic young collections (Python's default: 700). At 700 Python
# collected 1.8 times between an answer's key and its frame, 0.67 ms of it on average (bench/answer_phases.py
# prints it). At this many it does not; the app collects them just after a screen's layout is drawn instead
# (`_collect_after_layout`), and Python's own young collections come only for what no layout follows.
YOUNG_COLLECTION_AFTER = 4000
COLLECT_YOUNG_FROM = 700  # young objects worth a collection after a layout (Python's own threshold)
IDLE_BEFORE_COLLECTING = 2.0  # seconds without a key, click or mouse move
REGROWN = 1.5  # the frozen objects, to the count after the last collection in idle time, that calls for one
IDLE_CHECK_EVERY = 0.5  # seconds
AFTER_SCREEN_CHANGE = 0.03  # seconds after the new screen's first frame (written to the terminal meanwhile)


def _forget_drawn_widgets() -> None:
    """Textual's memo of a widget's inner and outer background (StylesCache.get_inner_outer) forgotten, just
    before a collection: an lru_cache of up to 1024 on a method, so keyed on each widget's StylesCache too,
    it keeps the drawn lines of the last 1024 widgets alive after their screen has closed, and a collection
    then frees nothing of them (Textual issue 6665). It is filled again at the next frame, a pair of styles a
    widget. Private module, hence the guard: were it renamed, nothing is forgotten, as before."""
    styles_cache = sys.modules.get("textual._styles_cache")
    memo = getattr(getattr(styles_cache, "StylesCache", None), "get_inner_outer", None)
    if memo is not None and hasattr(memo, "cache_clear"):
        memo.cache_clear()


class OpennessApp(App[int]):
    """openness: find out, and declare, how open an AI model release is."""

    TITLE = "openness"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = {_commands_provider, _system_commands_provider}
    CSS = """
    Toast { max-width: 70; }
    """
    # At 80 columns the footer has room for about seven keys: Result and Quit show on the screens where
    # they matter most (Result on the review, Quit on the welcome), and work everywhere.
    BINDINGS = actions.bindings("app")

    def __init__(
        self,
        *,
        answers: Mapping[str, Any] | None = None,
        source: str | None = None,
        data_dir: Path | None = None,
        clock: Callable[[], datetime] = default_clock,
        theme: str | None = None,
        cursor_blink: bool = True,
        warm_up: bool = True,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        if theme is None:  # the theme chosen last time, when it still exists
            from questionnaire.preferences import load_theme, preferences_path

            # (no file, no preference: its reader, and the file readers it imports, are not needed)
            remembered = load_theme(data_dir) if os.path.lexists(preferences_path(data_dir)) else None
            theme = remembered if remembered in self.available_themes else DEFAULT_THEME
        self.theme = theme
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.warm_up = warm_up
        self.session: Session | None = None
        self._edit = (dict(answers), source) if answers is not None else None
        self.draft_claim: Any = None  # drafts.Claim, taken when the app starts
        self.draft_notes: list[str] = []  # what the welcome screen says about the draft
        self._keymap_applied: dict[str, str] = {}
        self._rest_warmed = False  # the second part of the warm-up started (on entering the questionnaire)
        self._prepared = False  # the keymap applied and the draft claimed (`_prepare`)
        self._last_input = monotonic()  # when the user last pressed a key or used the mouse
        self._gc_thresholds: tuple[int, int, int] | None = None  # Python's, while the app runs
        self._frozen_after_idle = 0  # objects frozen after the last collection in idle time (`REGROWN`)

    #: Whether full garbage collections wait for idle time (`_collect_when_idle`); off only to measure.
    COLLECT_WHEN_IDLE = True

    def _session(self, answers: Mapping[str, Any] | None = None, **options: Any) -> Session:
        from questionnaire.app.session import Session

        claim = self.draft_claim
        return Session(
            answers,
            data_dir=self.data_dir,
            clock=self.clock,
            draft_file=claim.path if claim is not None else None,
            on_draft_problem=self._draft_cannot_be_saved,
            **options,
        )

    def _draft_cannot_be_saved(self, problem: str) -> None:
        self.notify(
            f"Your answers cannot be saved to the draft ({problem}). They are kept while openness "
            f"runs: save the declaration with {actions.key_for('app.save', self.keymap)}, in any "
            "folder you can write to.",
            title="The draft cannot be saved",
            severity="warning",
            timeout=20,
            markup=False,
        )

    # ------------------------------------------------------------------ start

    def get_default_screen(self) -> Screen:
        """The welcome screen, at the bottom of the stack: not pushed over Textual's empty default screen,
        which would be styled and laid out for nothing before the first frame (about 13 ms of CPU). It is
        composed while the app composes, before `on_mount`: what it shows (the keys, the draft) is
        prepared first."""
        from questionnaire.app.screens.welcome import WelcomeScreen

        self._prepare()
        return WelcomeScreen()

    def _prepare(self) -> None:
        """The keymap applied and the draft claimed, once: what the welcome screen shows rests on both."""
        if self._prepared:
            return
        from questionnaire import drafts

        self._prepared = True
        self._apply_keymap()
        self.draft_claim = drafts.claim(self.data_dir)
        if self.draft_claim.shared:
            self.draft_notes.append(
                "Another openness is using the draft in this data folder: this one keeps its answers in a "
                f"separate draft, {one_line(self.draft_claim.path.name)}."
            )

    def on_mount(self) -> None:
        self._prepare()
        if self.COLLECT_WHEN_IDLE:
            self._gc_thresholds = gc.get_threshold()
            _, middle, _ = self._gc_thresholds
            gc.set_threshold(YOUNG_COLLECTION_AFTER, middle, FULL_COLLECTION_EVERY)
            self.set_interval(IDLE_CHECK_EVERY, self._collect_when_idle, name="collect when idle")
            self.screen_change_signal.subscribe(self, self._screen_changed)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._edit is not None:
            answers, source = self._edit
            self.open_answers(answers, source=source)
        elif self.warm_up:
            self.call_after_refresh(self._start_warm_up)
        self._fit_size()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_size(event.size)  # (called before Textual's own handler records the new size)

    def _fit_size(self, size: Size | None = None) -> None:
        """Below 80x24 a notice says how large the terminal must be, over everything, until it is."""
        from questionnaire.app.screens.size_notice import SizeNotice, too_small

        width, height = size or self.size
        notice = self.screen if isinstance(self.screen, SizeNotice) else None
        if too_small(width, height):
            if notice is None:
                self.push_screen(SizeNotice())
            else:
                notice.show_size(width, height)
        elif notice is not None:
            self.pop_screen()

    def on_unmount(self) -> None:
        if self._gc_thresholds is not None:  # Python's collections as they were (the tests run many apps)
            gc.set_threshold(*self._gc_thresholds)
            gc.unfreeze()
            self._gc_thresholds = None  # and a collection still scheduled (`_collect_young`) does nothing
        if self.draft_claim is not None:
            self.draft_claim.release()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = monotonic()
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        """The garbage-collection policy: full collections at moments when no key is waiting.

        A full collection walks every object the app holds that is not frozen (Textual's widgets, styles
        and caches, the screens): about 1 ms per thousand objects here, 70-140 ms once a few screens have
        been opened. Python starts one every 10 young collections, every few answers in this app, and it
        landed on whichever key came next (an answer, the palette, w on the result). So, while the app runs:

        * just after a screen opens or closes, once its first frame is drawn (`_screen_changed`), the
          garbage since the last time is collected and what survives is frozen (`gc.freeze`): the next
          collection walks only what was made since, a few ms to a few tens;
        * after `IDLE_BEFORE_COLLECTING` seconds without a key, a click or a mouse move (the user reading),
          once the frozen objects have grown by half since the last time (`REGROWN`), everything is
          unfrozen, collected and frozen again: what was frozen and has since become garbage (a closed
          screen) is freed then, not kept for good;
        * Python's own full collections come ten times less often (`FULL_COLLECTION_EVERY`), a safety net;
        * the young ones (what an answer makes and drops) come just after a screen's layout is drawn
          (`_collect_after_layout`), not between a key and its frame: Python's own wait for
          `YOUNG_COLLECTION_AFTER` objects instead of 700. So Python seldom starts a collection itself, and
          its full ones (the safety net) would not come: once `FULL_COLLECTION_EVERY` middle collections
          have run since the last full one, the next idle time collects what is not frozen
          (`_collect_young`), so that a long stretch of answers on one screen keeps no garbage for good.
        """
        if self._gc_thresholds is None or monotonic() - self._last_input < IDLE_BEFORE_COLLECTING:
            return  # (the app has closed, or the user is at the keys)
        if gc.get_freeze_count() < REGROWN * max(self._frozen_after_idle, 1):
            if gc.get_count()[2] >= FULL_COLLECTION_EVERY:  # as often as Python's own would have come
                self._collect_young()
            return
        gc.unfreeze()
        _forget_drawn_widgets()
        gc.collect()
        gc.freeze()
        self._frozen_after_idle = gc.get_freeze_count()

    def _screen_changed(self, screen: Screen) -> None:
        screen.call_after_refresh(self.set_timer, AFTER_SCREEN_CHANGE, self._collect_young)
        signal = screen.screen_layout_refresh_signal
        signal.unsubscribe(self)  # once per screen, however often it comes back
        signal.subscribe(self, self._collect_after_layout)

    def _collect_after_layout(self, _screen: Screen) -> None:
        """(A screen's layout has just been drawn: after an answer, the next question is on screen.) The
        young garbage collected now, before the next key, rather than by Python between a key and its frame;
        every tenth time the middle generation too, as Python would have (its own threshold, kept)."""
        if self._gc_thresholds is None:
            return  # the app has closed meanwhile
        young, middle, _ = gc.get_count()
        if young >= COLLECT_YOUNG_FROM:
            gc.collect(1 if middle + 1 >= self._gc_thresholds[1] else 0)

    def _collect_young(self) -> None:
        """(Just after a screen changed, or in idle time once Python's own full collection would have come.)
        The garbage made since the last freeze, collected; the rest frozen."""
        if self._gc_thresholds is None:
            return  # the app has closed meanwhile: what it froze was unfrozen, and stays so
        if gc.get_count()[2] == 0:
            return  # no young collection since the last full one: little to find
        _forget_drawn_widgets()
        gc.collect()
        gc.freeze()
        if not self._frozen_after_idle:  # the first time: what the app holds once it has started
            self._frozen_after_idle = gc.get_freeze_count()

    def _apply_keymap(self) -> None:
        """The user's keymap.toml, when there is one: what is right in it applies, what is wrong is said."""
        from questionnaire.app.keymap import Keymap, keymap_path, load_keymap

        # (no file, no keys rebound: the file readers `load_keymap` imports are not needed)
        keymap = load_keymap(self.data_dir) if os.path.lexists(keymap_path(self.data_dir)) else Keymap()
        self._keymap_applied = dict(keymap.keys)
        self.set_keymap(keymap.keys)
        palette = actions.effective_keys(actions.BY_ID["app.commands"], keymap.keys)
        self.COMMAND_PALETTE_BINDING = palette[0]  # type: ignore[misc]  # the footer finds the palette's key so
        notice = keymap.notice()
        if notice is not None:
            self.notify(notice, title="The keymap is not all applied", severity="warning", timeout=20, markup=False)

    @property
    def keymap(self) -> Mapping[str, str]:
        return self._keymap_applied

    def get_key_display(self, binding: Binding) -> str:
        """Function and page keys as on the keyboard (F5, PgDn), also when the keymap binds them."""
        if not binding.key_display and binding.key.startswith(("f", "page")) and "+" not in binding.key:
            return actions.key_label(binding.key)
        return super().get_key_display(binding)

    def _remember_theme(self, theme: Any) -> None:
        from questionnaire.preferences import save_theme

        save_theme(theme.name, self.data_dir)

    def _start_warm_up(self) -> None:
        self.run_worker(_warm_up, thread=True, exclusive=True, group="warm-up", exit_on_error=False)

    def _start_warm_up_rest(self) -> None:
        """Once a declaration is open, the rest of the warm-up (`_warm_up_rest`), once per app."""
        if self.warm_up and not self._rest_warmed:
            self._rest_warmed = True
            # a group of its own: the first part's worker (exclusive in its group) never cancels this one
            self.run_worker(_warm_up_rest, thread=True, group="warm-up-rest", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Once each part of the warm-up is done, what it loaded (the bank, the rules, the styles, the
        welcome screen; then the licences, the examples, the glossary) lives as long as the app: frozen
        out of the garbage collector's full collections, which otherwise walk it all again every few
        answers (pauses of up to 60 ms, a key press delayed that long; a few ms once frozen). Whatever is
        frozen is never collected: a screen open at that moment and closed later stays in memory, once.
        The first part also parses the CSS of the widget classes it loaded (styles_ahead), on this thread:
        the stylesheet is not shared with the worker's."""
        if event.worker.group in ("warm-up", "warm-up-rest") and event.state == WorkerState.SUCCESS:
            if event.worker.group == "warm-up":  # the questions screen's classes are loaded: their CSS too
                from questionnaire.app.styles_ahead import loaded_widget_classes, parse_default_css_ahead

                parse_default_css_ahead(self.stylesheet, loaded_widget_classes())
            gc.freeze()

    # ------------------------------------------------------------------ sessions

    def new_session(self) -> None:
        self.session = self._session()
        self.session.clear_draft()
        self._enter_questionnaire(self.session.first().id)

    def resume_draft(self, draft: Any) -> None:
        self.session = self._session(draft.answers, source=draft.source, current=draft.current)
        session = self.session
        target = draft.current if draft.current and session.is_visible(draft.current) else None
        if target is None or session.answers.get(target) is not None:
            unanswered = session.first_unanswered()
            target = unanswered.id if unanswered is not None else (target or session.first().id)
        self._enter_questionnaire(target)

    def recover_draft(self) -> Draft | None:
        from questionnaire import drafts

        claim = self.draft_claim
        path = claim.path if claim is not None else drafts.draft_path(self.data_dir)
        if not os.path.lexists(path):  # no draft (nothing to set aside): its readers are not needed
            return None
        draft, note = drafts.recover(path, self.clock())
        if note is not None:
            self.draft_notes.append(note)
        return draft if draft is not None and draft.answers else None

    def open_answers(self, answers: Mapping[str, Any], *, source: str | None) -> None:
        """A declaration's answers, to change and save again: opens on the review of every answer."""
        self.session = self._session(answers, source=source)
        self._enter_questionnaire(self.session.first().id)
        self.show_review()

    def open_example(self, slug: str) -> None:
        """A shipped example, on its result screen. Its answers can be changed, tried with what-if and
        saved elsewhere; they never go to the draft, so the user's own draft stays as it was."""
        from questionnaire.app.session import example_answers
        from questionnaire.errors import UserError

        try:
            answers = example_answers(slug)
        except UserError as problem:
            self.notify(one_line(problem), title="Cannot open the example", severity="error", markup=False)
            return
        self.session = self._session(answers, example=slug)
        if not self._show_on_the_result_below():
            self._enter_questionnaire(self.session.first().id)
            self.show_result()

    def _show_on_the_result_below(self) -> bool:
        """Show the session just opened on the questions and the result already in the stack (an example
        opened from a result, the way a workshop goes from one to the next), and say whether they were
        there. The questions go to the session's first, as on a questionnaire made anew; the result draws
        the new session when it resumes (ResultScreen.on_screen_resume). Making both screens again instead
        took about ten times as long (bench/app_speed.py, "open example (Enter in examples)")."""
        from questionnaire.app.screens.result import ResultScreen

        questions = self.questionnaire()
        if questions is None or self.session is None:
            return False
        stack = self.screen_stack
        above = stack.index(questions) + 1
        if above >= len(stack) or not isinstance(stack[above], ResultScreen):
            return False
        questions.show_question(self.session.first().id, status_now=True)
        result = stack[above]
        while self.screen is not result:
            self.pop_screen()
        return True

    def _enter_questionnaire(self, question_id: str) -> None:
        from questionnaire.app.screens.questionnaire import QuestionnaireScreen

        self._pop_to_welcome()
        self.push_screen(QuestionnaireScreen(question_id))
        self.call_after_refresh(self._start_warm_up_rest)

    def unsaved_draft(self) -> bool:
        """Whether answers given since the last save are waiting in the draft."""
        return self.session is not None and self.session.example is None and self.session.draft_path().is_file()

    async def action_quit(self) -> None:
        """Quit; when answers are only in memory (the draft could not be written), ask first."""
        from questionnaire.app.screens.confirm import ConfirmScreen

        session = self.session
        if session is None or not session.answers_only_in_memory or isinstance(self.screen, ConfirmScreen):
            self.exit()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Quit and lose your answers? The draft could not be saved, so they are only in memory: "
                f"save the declaration with {actions.key_for('app.save', self.keymap)} first to keep them.",
                yes="Quit and lose them",
                no="Stay",
            ),
            confirmed,
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # our command provider has "Switch theme"; keep Textual's others (quit, keys, screenshot ...)
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    # ------------------------------------------------------------------ navigation

    def _pop_to_welcome(self) -> None:
        from questionnaire.app.screens.welcome import WelcomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            self.pop_screen()

    def questionnaire(self) -> QuestionnaireScreen | None:
        from questionnaire.app.screens.questionnaire import QuestionnaireScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionnaireScreen):
                return screen
        return None

    def _pop_to_questionnaire(self) -> QuestionnaireScreen | None:
        screen = self.questionnaire()
        if screen is None:
            return None
        while self.screen is not screen:
            self.pop_screen()
        return screen

    def jump_to(self, question_id: str, *, back_to_review: bool = False) -> None:
        screen = self._pop_to_questionnaire()
        if screen is not None:
            screen.show_question(question_id, back_to_review=back_to_review)

    def jump_to_section(self, section_id: str) -> None:
        if self.session is None:
            return
        session = self.session
        in_section = [q for q in session.visible() if q.section == section_id]
        if not in_section:
            self.tell("Nothing is asked in that section with the answers so far.", warning=True)
            return
        target = next((q for q in in_section if session.answers.get(q.id) is None), in_section[0])
        self.jump_to(target.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if type(self.screen).__name__ == "SizeNotice" and action != "quit":
            return False  # nothing but quitting until the terminal is large enough
        if action in actions.SESSION_ACTIONS and self.session is None:
            return False  # hidden: nothing to save or show before a declaration is started
        if (action, type(self.screen).__name__) in (("review", "ReviewScreen"), ("result", "ResultScreen")):
            return False  # already there
        return True

    def show_review(self) -> None:
        from questionnaire.app.screens.review import ReviewScreen

        if self.session is None or isinstance(self.screen, ReviewScreen):
            return
        if self._pop_to_questionnaire() is not None:
            self.push_screen(ReviewScreen())

    def show_result(self) -> None:
        from questionnaire.app.screens.result import ResultScreen

        if self.session is None or isinstance(self.screen, ResultScreen):
            return
        if self._pop_to_questionnaire() is not None:
            self.push_screen(ResultScreen())

    def show_save(self) -> None:
        from questionnaire.app.screens.save import SaveScreen

        if self.session is None or isinstance(self.screen, SaveScreen):
            return
        self.push_screen(SaveScreen(self.session), self._saved)

    def _saved(self, path: str | None) -> None:
        if path:
            self.tell(f"✓ Saved to {one_line(path)}")

    def tell(self, message: str, *, warning: bool = False) -> None:
        """A short confirmation or notice, in the app bar where it covers nothing (a toast would hide the
        last rows of the review or the warnings of the result); a toast only on a screen without a bar."""
        from questionnaire.app.widgets.app_bar import AppBar

        bars = self.screen.query(AppBar)
        if bars:
            bars.first().show_note(message, warning=warning)
        else:
            self.notify(message, severity="warning" if warning else "information", markup=False)

    def show_help(self) -> None:
        from questionnaire.app.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        question = None
        screen = self.questionnaire()
        if self.session is not None and screen is not None and self.screen is screen:
            question = screen.question
        self.push_screen(
            HelpScreen(
                question,
                self.session.bank if question is not None and self.session else None,
                about=getattr(self.screen, "ABOUT", None),
                keymap=self.keymap,
            )
        )

    def show_examples(self) -> None:
        from questionnaire.app.screens.examples import ExamplesScreen

        if not isinstance(self.screen, ExamplesScreen):
            self.push_screen(ExamplesScreen())
            # an example opens on its result, with the questions behind it: what they need (their modules, the
            # glossary's terms) loads while the list is read, not after Enter (bench/example_open.py)
            self.call_after_refresh(self._start_warm_up_rest)

    def show_whatif(self) -> None:
        from questionnaire.app.screens.whatif import WhatIfScreen

        if self.session is None or isinstance(self.screen, WhatIfScreen):
            return
        self.push_screen(WhatIfScreen(self.session))

    def show_compare(self) -> None:
        from questionnaire.app.screens.compare import CompareScreen

        if not isinstance(self.screen, CompareScreen):
            self.push_screen(CompareScreen(self.session))

    def show_glossary(self, entry_id: str = "") -> None:
        from questionnaire.app.screens.glossary import GlossaryScreen

        if isinstance(self.screen, GlossaryScreen):
            if entry_id:
                self.screen.show_entry(entry_id)
            return
        if not entry_id:
            screen = self.questionnaire()
            if screen is not None and self.screen is screen and screen.question is not None:
                entry_id = next(iter(screen.glossary_ids()), "")
        from questionnaire.errors import UserError

        try:
            self.push_screen(GlossaryScreen(entry_id or None))
        except UserError as problem:
            self.notify(one_line(problem), title="The glossary cannot be read", severity="error", markup=False)

    def open_file(self) -> None:
        from questionnaire.app.screens.open_file import OpenFileScreen

        self.push_screen(OpenFileScreen(), self._opened)

    def _opened(self, result: tuple[dict[str, Any], str] | None) -> None:
        if result is not None:
            answers, path = result
            self.open_answers(answers, source=path)

    # the actions the bindings and the command palette run (actions.py): "app.review" runs action_review
    action_review = show_review
    action_result = show_result
    action_save = show_save
    action_help = show_help
    action_examples = show_examples
    action_whatif = show_whatif
    action_compare = show_compare
    action_glossary = show_glossary
    action_open_file = open_file


def _warm_up() -> None:
    """While the welcome screen waits: what a declaration's first question needs, but for Rich's Markdown.
    That is the bank, the rules, the questions screen's modules and the glossary's term finder (about 2 MiB
    and, on the 2-core machine, 75 ms of the first question's 230 ms). Markdown (markdown-it and Pygments,
    3 MiB more) waits for `_warm_up_rest`, once a declaration is open: with it the welcome screen's peak
    memory was 1.22x a minimal app's, over the 1.2x target (python bench/app_speed.py). The first questions'
    helps have no markup, and are drawn without it (plain_markdown)."""
    from questionnaire.bank import load_bank
    from questionnaire.rules import classify

    load_bank()
    classify({})
    import questionnaire.app.screens.questionnaire  # noqa: F401
    from questionnaire.errors import UserError
    from questionnaire.glossary import load_glossary

    try:
        load_glossary().terms_in("open")  # the glossary and its term finder: a help links the terms it uses
    except UserError:
        pass  # said when the glossary is opened


def _warm_up_rest() -> None:
    """While the first question of a declaration is read: Rich's Markdown (for the first help with markup),
    the licence knowledge, the known models, the declaration models (pydantic), and the modules of the
    screens opened from the questionnaire (the result, compare, help). Not the glossary: the first
    question's help has read it already."""
    import rich.markdown  # noqa: F401  (the first help with markup: the first questions' helps are plain)

    from questionnaire import licenses, lineage

    licenses.search("apache")
    lineage.known_model("")  # the examples and the known models, read for the base-licence question
    import questionnaire.app.screens.compare  # noqa: F401  (c on the result: DataTable, SelectionList)
    import questionnaire.app.screens.help  # noqa: F401  (F1 from any question: Textual's Markdown widget)
    import questionnaire.app.screens.result  # noqa: F401  (Ctrl+T from any question)
    import questionnaire.declaration  # noqa: F401  (pydantic: saving, and the examples compare and e open)
