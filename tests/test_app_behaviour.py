"""What a user notices on the way: checks where answers are typed, the licence picker, text shown as
text, the sidebar, the command palette, resizing, and `openness edit` refusing bad files before any UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.command import CommandList

from questionnaire.app.widgets.help_panel import HelpPanel
from questionnaire.app.widgets.question_panel import QuestionPanel
from questionnaire.app.widgets.section_nav import SectionNav
from questionnaire.cli import main as cli_main

from app_pilot import (
    IDENTITY,
    answer,
    answer_all,
    bar_badge,
    bar_name,
    current_id,
    make_app,
    on_screen,
    run_async,
    screen_text,
    settle,
    shown,
    tree_text,
    type_text,
    until,
    widget_text,
)

ROOT = Path(__file__).resolve().parent.parent


def error_text(pilot) -> str:
    return widget_text(pilot.app.screen.query_one(QuestionPanel).answer.query_one(".answer-error")).strip()


@run_async
async def test_inputs_are_checked_where_they_are_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press("enter")  # the name is required
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")
        assert error_text(pilot) == "✗ An answer is needed."
        await pilot.press(*"M", "enter")
        await pilot.pause()
        await answer_all(pilot, IDENTITY[1:5])
        await pilot.press(*"huggingface.co/m", "enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.repository")
        assert "starts with https://" in error_text(pilot)
        await pilot.press("home", *"https://")  # corrected in place: the reason goes as soon as it holds
        await pilot.pause()
        assert await until(pilot, lambda: error_text(pilot) == "")
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: app.session.answers["identity.repository"] == "https://huggingface.co/m")
        assert current_id(pilot) == "identity.modality"


@run_async
async def test_the_contact_is_an_email_address_or_a_web_page(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:3])
        assert await until(pilot, lambda: current_id(pilot) == "identity.contact")
        await pilot.press(*"phi team", "enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.contact")
        assert " ".join(error_text(pilot).split()) == (
            "✗ Give an email address (name@example.org) or a web page starting with https://."
        )
        await pilot.press("ctrl+u", *"team@example", "enter")
        await pilot.pause()
        assert await until(pilot, lambda: "does not look like an email address" in " ".join(error_text(pilot).split()))
        await pilot.press("ctrl+u", *"example.org/contact", "enter")  # a web page without https://: offered
        await pilot.pause()
        assert await until(
            pilot, lambda: "Press Enter again to use https://example.org/contact" in " ".join(error_text(pilot).split())
        )
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: app.session.answers["identity.contact"] == "https://example.org/contact")
        assert current_id(pilot) == "identity.architecture"


@run_async
async def test_an_unknown_licence_leads_to_the_questions_about_its_terms(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [("components.model_parameters_final.released", True), ("components.model_parameters_final.location", "")],
        )
        await pilot.press(*"Acme Open Weights Licence")
        facts = await shown(pilot, "#license-facts", "Not a licence the questionnaire knows", "9 questions")
        assert "Not a licence the questionnaire knows" in facts and "9 questions" in facts
        await pilot.press("enter")
        await pilot.pause()
        assert await until(
            pilot,
            lambda: app.session.answers["components.model_parameters_final.license"] == "Acme Open Weights Licence",
        )
        await answer(pilot, "components.model_parameters_final.access", "public")
        assert await until(pilot, lambda: bar_badge(app) == "Partially open")  # terms unknown yet
        terms = "components.model_parameters_final.terms."
        await answer_all(
            pilot,
            [
                (terms + "commercial_use", True),
                (terms + "derivatives", True),
                (terms + "redistribution", True),
                (terms + "use_restrictions", False),
                (terms + "threshold", False),
                (terms + "regional_exclusion", False),
                (terms + "revocation", False),
                (terms + "output_restriction", False),
            ],
        )
        assert await until(pilot, lambda: bar_badge(app) == "Partially open")  # one term left
        await answer(pilot, terms + "product_specific", False)
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_intermediate.released")
        # the live verdict follows the question on screen by a frame
        assert await until(pilot, lambda: bar_badge(app) == "Open-weight")
        await pilot.press("ctrl+t")
        reasons = await shown(pilot, "#reasons", "self-assessed")
        assert "self-assessed" in reasons
        assert "secondary sources" not in widget_text(app.screen.query_one("#warnings"))


@run_async
async def test_a_word_for_no_licence_asks_no_terms_and_counts_as_none(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [("components.model_parameters_final.released", True), ("components.model_parameters_final.location", "")],
        )
        await pilot.press(*"Proprietary.")
        facts = " ".join(line.strip("│ ") for line in (await shown(pilot, "#license-facts", "No licence")).splitlines())
        assert "No licence" in facts and "No questions about terms follow" in facts
        await pilot.press("enter")
        await pilot.pause()
        assert await until(
            pilot, lambda: app.session.answers["components.model_parameters_final.license"] == "Proprietary."
        )
        await answer(pilot, "components.model_parameters_final.access", "public")
        assert await until(
            pilot, lambda: current_id(pilot) == "components.model_parameters_intermediate.released"
        )  # no terms asked
        assert await until(pilot, lambda: bar_badge(app) == "Partially open")  # the live verdict, a frame later


@run_async
async def test_the_licence_picker_finds_licences_by_id_name_or_alias(tmp_path: Path) -> None:
    from questionnaire.app.widgets.license_picker import LicensePicker

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [("components.model_parameters_final.released", True), ("components.model_parameters_final.location", "")],
        )
        picker = app.screen.query_one(LicensePicker)
        for query, expected in (
            ("apache", "Apache-2.0"),
            ("Gemma", "LicenseRef-Gemma-ToU"),
            ("creativeml", "LicenseRef-CreativeML-OpenRAIL-M"),
        ):
            await pilot.press("ctrl+u", *query)
            await pilot.pause()
            assert await until(pilot, lambda expected=expected: picker.entries[0][1].id == expected), query
        facts = widget_text(app.screen.query_one("#license-facts"))
        assert "use restrictions" in facts
        await pilot.press("ctrl+u", *"MIT")
        facts = await shown(pilot, "#license-facts", "Open terms", "OSI-approved")
        assert "Open terms" in facts and "OSI-approved" in facts and "not OSI" not in facts


@run_async
async def test_page_keys_before_the_licence_list_is_laid_out_leave_the_question_not_crash() -> None:
    """PgUp pressed as a licence question appears reached the list before it had a size, and Textual's
    OptionList then raised KeyError: the app crashed. Until the list is laid out there is nothing to page."""
    from textual.app import App, ComposeResult

    from questionnaire.app.widgets.license_picker import LicensePicker
    from questionnaire.bank import load_bank

    question = load_bank()["components.model_parameters_final.license"]

    class Host(App):
        CSS = "LicensePicker { display: none; }"  # never laid out

        def compose(self) -> ComposeResult:
            yield LicensePicker(question, "Apache-2.0", lambda raw: (raw, None), lambda qid, value: None)

    async with Host().run_test(size=(80, 24)) as pilot:
        picker = pilot.app.query_one(LicensePicker)
        assert picker.page(-1) is False and picker.page(1) is False


@run_async
async def test_text_from_users_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.press(*"[bold]x[/]", "enter")
        await pilot.pause()
        assert await until(pilot, lambda: bar_name(app) == "[bold]x[/]")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert await until(pilot, lambda: "[bold]x[/]" in widget_text(app.screen.query_one("#answers")))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(pilot, lambda: "[bold]x[/]" in widget_text(app.screen.query_one("#save-summary")))
        assert app.screen.query_one("#save-path").value == "bold-x-openness.toml"


@run_async
async def test_answered_questions_can_be_revisited_from_the_sidebar(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:3])
        nav = app.screen.query_one(SectionNav)
        assert await until(pilot, lambda: "About the model" in widget_text(nav) and "3/8" in widget_text(nav))
        # by keyboard: F2 moves to the sidebar, the arrows to a question, Enter goes there
        await pilot.press("f2")
        assert await until(pilot, lambda: app.focused is nav)
        row = next(i for i, o in enumerate(nav.options) if o.id == "q:identity.version")
        nav.highlighted = row
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.version")
        # by mouse: a click on a section goes to its first open question
        row = next(i for i, o in enumerate(nav.options) if o.id == "section:code")
        await pilot.click(SectionNav, offset=(3, row))
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_architecture.released")


@run_async
async def test_command_palette_jumps_to_a_section(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:1])
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to section: documents")
        await settle(pilot)  # the palette searches in a worker

        def first_hit() -> str:
            hits = app.screen.query_one(CommandList)
            return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""

        assert await until(pilot, lambda: "documents" in first_hit().lower()), first_hit()
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_card.released")


@run_async
async def test_the_layout_follows_the_terminal_size(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:2])
        question, help_panel = app.screen.query_one(QuestionPanel), app.screen.query_one(HelpPanel)
        assert await until(pilot, lambda: help_panel.region.y > question.region.y)  # narrow: the help under it
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.has_class("-wide")), app.screen.classes
        assert await until(  # laid out a frame after the class is set
            pilot, lambda: help_panel.region.x > question.region.x and help_panel.region.y == question.region.y
        )
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.has_class("-narrow")), app.screen.classes
        assert await until(pilot, lambda: help_panel.region.y > question.region.y)
        await answer(pilot, "identity.publisher", "Ai2")  # and it still works


@run_async
async def test_the_draft_is_written_after_every_answer(tmp_path: Path) -> None:
    from questionnaire import drafts

    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for index, (question_id, value) in enumerate(IDENTITY[:4], start=1):
            await answer(pilot, question_id, value)
            # written once the next question is drawn: wait for it, not for a time
            await until(pilot, lambda: (d := drafts.load(data)) is not None and len(d.answers) == index)  # noqa: B023
            draft = drafts.load(data)
            assert draft is not None and len(draft.answers) == index and draft.answers[question_id] == value


def test_edit_refuses_a_missing_or_wrong_file_before_any_ui(tmp_path: Path, capsys) -> None:
    assert cli_main(["edit", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml" in capsys.readouterr().err
    answers = tmp_path / "answers.toml"
    answers.write_text('[identity]\nname = "X"\n')
    assert cli_main(["edit", str(answers)]) == 2
    assert "not a declaration" in capsys.readouterr().err


def test_the_first_screen_needs_neither_the_rules_nor_the_licences(tmp_path: Path) -> None:
    code = f"""
import asyncio, sys
from pathlib import Path
from questionnaire.app.app import OpennessApp
async def main():
    app = OpennessApp(data_dir=Path({str(tmp_path)!r}), warm_up=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
asyncio.run(main())
heavy = [m for m in ("questionnaire.rules", "questionnaire.licenses", "questionnaire.bank", "pydantic",
                     "questionnaire.app.screens.questionnaire", "markdown_it") if m in sys.modules]
print(heavy)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_welcome_screen_warms_up_the_first_question_but_not_its_markdown(tmp_path: Path) -> None:
    """While the welcome screen waits, the questions screen and the glossary are loaded (n then opens the
    first question sooner), and Rich's Markdown is not (3 MiB of the welcome screen's memory)."""
    code = f"""
import asyncio, sys, threading, time
from pathlib import Path
from questionnaire.app import app as app_module
warmed = threading.Event()
warm_up = app_module._warm_up
def watched_warm_up():
    warm_up()
    warmed.set()
app_module._warm_up = watched_warm_up
async def main():
    app = app_module.OpennessApp(data_dir=Path({str(tmp_path)!r}))
    async with app.run_test() as pilot:
        deadline = time.monotonic() + 60
        while not warmed.is_set() and time.monotonic() < deadline:
            await pilot.pause()
        assert warmed.is_set()
        assert type(app.screen).__name__ == "WelcomeScreen"
        from questionnaire import glossary
        print(glossary._read_cached.cache_info().currsize, glossary.load_glossary()._finder is not None)
asyncio.run(main())
print([m for m in ("questionnaire.app.screens.questionnaire", "markdown_it", "pygments") if m in sys.modules])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == ["1 True", "['questionnaire.app.screens.questionnaire']"]


async def _first_question_css(data: Path, *, warm_up: bool) -> tuple[set[str], set[str], str]:
    """The CSS an app's stylesheet was asked to parse before n on the welcome screen and on n (the tests
    share the parsing itself), and the first question as drawn."""
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen
    from questionnaire.app.screens.welcome import WelcomeScreen

    from app_pilot import on_screen, screen_styled, still, until

    app = make_app(data, warm_up=warm_up)
    parsed: set[str] = set()
    parse = app.stylesheet._parse_rules

    def recorded(css: str, read_from: tuple[str, str], *args: object, **kwargs: object) -> object:
        parsed.add(read_from[1])
        return parse(css, read_from, *args, **kwargs)

    app.stylesheet._parse_rules = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        warmed = "HelpPanel.DEFAULT_CSS"  # parsed ahead in one call with all the others: the warm-up is done
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen) and (warmed in parsed or not warm_up))
        before = set(parsed)
        await pilot.press("n")
        assert await until(pilot, lambda: on_screen(app, QuestionnaireScreen) and app.screen.question is not None)
        assert await still(pilot)
        return before, parsed - before, screen_styled(app)


@run_async
async def test_the_welcome_screen_parses_the_questions_screens_styles_before_n(tmp_path: Path) -> None:
    """Once the welcome screen's warm-up is done, the CSS of the questions screen's widgets is parsed: n
    then parses none (it parsed their CSS within the key), and the first question looks as it does
    when its CSS is parsed as it is mounted."""
    before, on_n, warm = await _first_question_css(tmp_path / "warm", warm_up=True)
    assert "QuestionnaireScreen.DEFAULT_CSS" in before and "LicensePicker.DEFAULT_CSS" in before
    assert on_n == set()
    before, on_n, cold = await _first_question_css(tmp_path / "cold", warm_up=False)
    assert "QuestionnaireScreen.DEFAULT_CSS" not in before and "QuestionnaireScreen.DEFAULT_CSS" in on_n
    assert warm == cold  # the same screen, colours and all


@run_async
async def test_help_opens_for_the_question_on_screen(tmp_path: Path) -> None:
    from questionnaire.app.screens.help import HelpScreen

    from app_pilot import until

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await pilot.press("f1")
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, HelpScreen))
        assert await until(pilot, lambda: "keymap.toml" in tree_text(app.screen))  # the keys come a frame later
        text = " ".join(tree_text(app.screen).split())
        assert "Have you released the final model weights?" in text and "Ctrl+S" in text
        await pilot.press("escape")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.released")
        await answer(pilot, "components.model_parameters_final.released", False)  # the keys still answer


@run_async
async def test_a_declaration_file_can_be_opened_from_the_welcome_screen(tmp_path: Path) -> None:
    from questionnaire import declaration
    from questionnaire.app.screens.review import ReviewScreen

    from app_pilot import llama_answers

    path = tmp_path / "llama.toml"
    declaration.write(declaration.build(llama_answers()), path)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, str(tmp_path / "nope.toml"))
        await pilot.press("enter")
        await settle(pilot)
        assert await until(pilot, lambda: "no such file" in widget_text(app.screen.query_one("#open-error")))
        await pilot.press("ctrl+u")
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        assert "Llama-3.1-8B" in widget_text(app.screen.query_one("#answers"))


@run_async
async def test_an_unreadable_draft_is_reported_and_a_new_one_can_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "draft.json").write_text("{broken")
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: "cannot be read" in widget_text(app.screen.query_one("#welcome-note")))
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "identity.name", "M")
    assert (data / "draft.json").read_text().startswith("{")
    from questionnaire import drafts

    assert drafts.load(data).answers == {"identity.name": "M"}


@run_async
async def test_the_theme_chosen_is_remembered_for_the_next_run(tmp_path: Path) -> None:
    from questionnaire.app.app import OpennessApp
    from questionnaire.preferences import preferences_path

    data = tmp_path / "data"
    app = OpennessApp(data_dir=data, cursor_blink=False, warm_up=False)
    async with app.run_test() as pilot:
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await pilot.pause()
    again = OpennessApp(data_dir=data, cursor_blink=False, warm_up=False)
    async with again.run_test():
        assert again.theme == "nord"
    preferences_path(data).write_text("{not json", encoding="utf-8")  # a broken file is no preference
    third = OpennessApp(data_dir=data, cursor_blink=False, warm_up=False)
    async with third.run_test():
        assert third.theme == "textual-dark"


@run_async
async def test_a_question_shown_while_its_answer_widget_made_ahead_is_still_mounting_is_asked(tmp_path: Path) -> None:
    """The next question's answer widget is made ahead, hidden, once a question is drawn (QuestionPanel.prepare);
    a key that shows that question before the widget is mounted gets a new one. The one made ahead used to be
    removed at once, and its Mount, still coming, failed without its parts: the app closed with an error (a
    fast answer on a busy machine; seen once in CI). Here the two calls come back to back, every time."""
    from functools import partial

    from textual.widgets import Input

    from questionnaire.app.widgets.choice_answer import ChoiceAnswer, ChoiceList
    from questionnaire.app.widgets.license_picker import LicensePicker

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")
        screen = app.screen
        panel = screen.query_one(QuestionPanel)
        session = screen.session
        for question_id, kind, part in (
            ("identity.modality", ChoiceAnswer, ChoiceList),
            ("components.model_parameters_final.license", LicensePicker, Input),
        ):
            question = session.question(question_id)
            validate = partial(session.validate, question_id)
            panel.prepare(question, None, validate, screen.answered, where="Where")
            shown = panel.show(question, None, validate, screen.answered, where="Where")
            assert await until(pilot, lambda: shown.is_mounted and len(panel.query(kind)) == 1)  # noqa: B023
            assert app._exception is None
            assert panel.query_one(kind) is shown and shown.display
            assert shown.query(part)  # with its parts, asking the question
            head = panel.query_one("#question-head")
            assert await until(pilot, lambda: question.prompt in " ".join(widget_text(head).split()))  # noqa: B023


@run_async
async def test_a_choice_is_taken_by_a_click_or_by_the_arrows_and_enter(tmp_path: Path) -> None:
    from questionnaire.app.widgets.choice_answer import ChoiceList

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press(*"Click-7B", "enter")
        assert await until(pilot, lambda: current_id(pilot) is not None)
        while app.screen.question.type != "choice":  # PgDn: on to the first multiple-choice question
            before = current_id(pilot)
            await pilot.press("pagedown")
            assert await until(pilot, lambda: current_id(pilot) != before)  # noqa: B023
        first = app.screen.question
        # by mouse: a click on the second choice's text answers with it
        choices = app.screen.query_one(ChoiceList)
        second = "2 " + first.choices[1].label[:20]
        # the click is aimed at where the second choice is drawn: wait until the list holds this question's
        # choices, is laid out at their height and is on screen (PgDn changes the question before the layout)
        assert await until(
            pilot,
            lambda: (
                len(choices._texts) == len(first.choices)
                and choices.size.height == len(choices._lines)
                and any(second in line for line in screen_text(app))
            ),
        )
        await pilot.click(ChoiceList, offset=(6, 1 + choices._index_to_line[1]))
        assert await until(pilot, lambda: app.session.answers.get(first.id) == first.choices[1].value)
        assert await until(pilot, lambda: current_id(pilot) != first.id)
        # by keyboard: back to it, down (from the answer, now highlighted) and Enter take the third
        await pilot.press("pageup")
        assert await until(pilot, lambda: current_id(pilot) == first.id)
        assert await until(pilot, lambda: any("● 2" in line for line in screen_text(app)))  # marked as the answer
        await pilot.press("down", "enter")
        assert await until(pilot, lambda: app.session.answers.get(first.id) == first.choices[2].value)


def _styles_descendants_by_focus(selectors: list[Any]) -> list[Any]:
    """The selectors a rule's chain must match, by their focus, on an ancestor of what it styles."""
    from textual.css.model import CombinatorType

    found = []
    for index, selector in enumerate(selectors):
        later = selectors[index + 1 :]
        focus = selector.pseudo_classes & {"focus", "blur", "focus-within"}
        if focus and any(s.combinator != CombinatorType.SAME for s in later):
            found.append(selector)
    return found


@run_async
async def test_the_result_scroll_takes_focus_without_restyling_the_result_and_looks_the_same(tmp_path: Path) -> None:
    """The result's scroll restyles only itself as it takes focus (SelfStyledScroll): no rule of the app
    styles what the scroll holds by its focus, after every screen that adds CSS has been opened, and the
    result looks as it does after a full restyle of the screen."""
    from questionnaire.app.screens.result import ResultScreen
    from questionnaire.app.widgets.self_styled_scroll import SelfStyledScroll

    from app_pilot import on_screen, save_llama_draft, screen_styled, still, until

    data = tmp_path / "data"
    save_llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r", "ctrl+t")
        assert await until(pilot, lambda: on_screen(app, ResultScreen))
        for key in ("w", "c", "e"):  # what if, compare and the examples: their CSS is loaded too
            await pilot.press(key)
            assert await until(pilot, lambda: not on_screen(app, ResultScreen))
            await pilot.press("escape")
            assert await until(pilot, lambda: on_screen(app, ResultScreen))
        scroll = app.screen.query_one("#result", SelfStyledScroll)
        assert scroll.has_focus
        by_focus = [
            (selector, selector_set.css)
            for rule in app.stylesheet.rules
            for selector_set in rule.selector_set
            for selector in _styles_descendants_by_focus(selector_set.selectors)
        ]
        assert any("compact-select--field" in css for _, css in by_focus)  # the what-if's lists have such rules
        for selector, css in by_focus:
            assert not selector.check(scroll), css
        assert await still(pilot)
        drawn = screen_styled(app)
        app.update_styles(app.screen)  # everything restyled, as Textual does on a change of focus
        assert await still(pilot)
        assert screen_styled(app) == drawn
