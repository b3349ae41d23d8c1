"""What a new user hit (issue 12), each checked the way they met it: pressing keys at 80x24 and reading the
screen."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from questionnaire import drafts
from questionnaire.app.screens.examples import ExamplesScreen
from questionnaire.app.screens.questionnaire import QuestionnaireScreen
from questionnaire.app.screens.review import ReviewScreen
from questionnaire.app.screens.whatif import WhatIfScreen

from app_pilot import (
    FIXED_NOW,
    bar_badge,
    current_id,
    llama_answers,
    make_app,
    on_screen,
    run_async,
    screen_once,
    screen_text,
    tree_text,
    type_text,
    until,
    widget_text,
)

ACCESS = "components.model_parameters_final.access"


def prompt_shown(lines: list[str]) -> bool:
    """The access question's prompt is on screen."""
    return any("How do people get the final model weights?" in line for line in lines)


def llama_draft(data: Path, current: str = "identity.name", **changes: object) -> None:
    answers = {**llama_answers(), **changes}
    drafts.save(drafts.Draft(answers, current, None, FIXED_NOW.isoformat(timespec="seconds")), data)


async def review_row(pilot, question_id: str) -> None:
    """On the review, move the cursor to the row of `question_id` with the arrow keys."""
    table = pilot.app.screen.query_one("#answers")
    target = table.get_row_index(question_id)
    steps = target - table.cursor_row
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
    assert await until(pilot, lambda: table.cursor_row == target)


def marked(lines: list[str]) -> list[str]:
    """The choices on screen marked as the user's answer."""
    return [match.group(0) for line in lines if (match := re.search(r"[●○] \d \S.*\(your answer\)", line))]


@run_async
async def test_an_answer_changed_from_the_review_is_the_one_marked_and_the_question_opens_at_its_prompt(
    tmp_path: Path,
) -> None:
    llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+r")
        await pilot.pause()
        gate, on_request = "● 3 Approval gate  (your answer)", "● 4 On request only  (your answer)"
        await review_row(pilot, ACCESS)
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == ACCESS)
        lines = await screen_once(pilot, lambda lines: prompt_shown(lines) and marked(lines) == [gate])
        assert prompt_shown(lines), lines
        assert marked(lines) == [gate]
        await pilot.press("4")  # on request: opens no further question (a click-through would ask what is accepted)
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        assert app.session.answers[ACCESS] == "on_request"
        await pilot.press("escape")  # back to the questions: the question just changed is on screen
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, QuestionnaireScreen) and current_id(pilot) == ACCESS)
        lines = await screen_once(pilot, lambda lines: prompt_shown(lines) and marked(lines) == [on_request])
        assert prompt_shown(lines), lines
        assert marked(lines) == [on_request]
        # moving down the choices still brings the highlighted one into view
        await pilot.press("down")  # from 4 to the last choice, 5
        await pilot.pause()
        assert await until(pilot, lambda: any("5 No access" in line for line in screen_text(app)))
        # and Enter on the row again opens it at its prompt, marked as now
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        lines = await screen_once(pilot, lambda lines: prompt_shown(lines) and marked(lines) == [on_request])
        assert prompt_shown(lines), lines
        assert marked(lines) == [on_request]


@run_async
async def test_page_keys_in_the_licence_list_page_the_list_before_leaving_the_question(tmp_path: Path) -> None:
    from questionnaire.app.widgets.license_picker import LicensePicker

    license_id = "components.model_parameters_final.license"
    answers = {k: v for k, v in llama_answers().items() if not k.startswith("components.model_parameters_final.")}
    drafts.save(
        drafts.Draft(
            {**answers, "components.model_parameters_final.released": True},
            license_id,
            None,
            FIXED_NOW.isoformat(timespec="seconds"),
        ),
        tmp_path,
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == license_id)
        await pilot.press(*"cc-by")
        await until(pilot, lambda: len(app.screen.query_one(LicensePicker).entries) > 7)
        picker = app.screen.query_one(LicensePicker)
        results = picker.query_one("#license-results")
        assert len(picker.entries) > 7  # more than the list shows at once
        first = picker.entries[0][1].id
        await pilot.press("pagedown")
        await pilot.pause()
        assert await until(
            pilot, lambda: current_id(pilot) == license_id and license_id not in app.session.answers
        )  # not skipped
        assert results.highlighted >= 5
        shown = picker.entries[results.highlighted][1].id
        lines = await screen_once(
            pilot, lambda lines: any(shown in x for x in lines) and not any(f" {first} " in x for x in lines)
        )
        assert any(shown in line for line in lines), shown  # the highlighted licence is in view
        assert not any(f" {first} " in line for line in lines)  # paged past the first
        await pilot.press("pageup")
        await pilot.pause()
        assert await until(pilot, lambda: results.highlighted == 0 and current_id(pilot) == license_id)
        await pilot.press("pageup")  # at the top of the list: on to the previous question
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.location")
        await pilot.press("pagedown")  # and forward again, with the list at its first licence
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == license_id)
        for _ in range(len(picker.entries)):  # page to the end of the list, then one more: the next question
            await pilot.press("pagedown")
            await pilot.pause()
            if current_id(pilot) != license_id:
                break
        assert current_id(pilot) == "components.model_parameters_final.access"


@run_async
async def test_home_and_end_go_to_the_first_and_last_row_of_the_review(tmp_path: Path) -> None:
    llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+r")
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        table = app.screen.query_one("#answers")
        await pilot.press("end")
        await pilot.pause()
        assert await until(pilot, lambda: table.cursor_row == table.row_count - 1)
        last = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert last == "components.sample_model_outputs.released"
        lines = await screen_once(pilot, lambda lines: any("Sample model outputs: released?" in x for x in lines))
        assert any("Sample model outputs: released?" in line for line in lines), lines  # scrolled to it
        await pilot.press("home")
        await pilot.pause()
        assert await until(pilot, lambda: table.cursor_row == 0)
        lines = await screen_once(pilot, lambda lines: any("About the model" in line for line in lines))
        assert any("About the model" in line for line in lines)


def badge(app) -> str:
    return bar_badge(app)


@run_async
async def test_the_live_badge_never_takes_an_unanswered_access_for_public(tmp_path: Path) -> None:
    from app_pilot import IDENTITY, answer, answer_all

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY)
        await answer_all(
            pilot,
            [
                ("components.model_parameters_final.released", True),
                ("components.model_parameters_final.location", ""),
                ("components.model_parameters_final.license", "Apache-2.0"),
            ],
        )
        assert await until(pilot, lambda: current_id(pilot) == ACCESS)
        # released, but nobody said yet that anyone can download them (the live verdict follows by a frame)
        assert await until(pilot, lambda: badge(app) == "Partially open")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert await until(
            pilot, lambda: "Verdict so far: Partially open" in widget_text(app.screen.query_one("#review-summary"))
        )
        await pilot.press("escape")
        await pilot.pause()
        await answer(pilot, ACCESS, "approval")
        assert await until(pilot, lambda: badge(app) == "Partially open")
        await pilot.press("pageup")
        await pilot.pause()
        await answer(pilot, ACCESS, "public")
        assert await until(pilot, lambda: badge(app) == "Open-weight")


@run_async
async def test_third_party_data_none_used_is_said_as_none_used_not_as_published(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")  # the examples: Amber used no third-party data
        assert await until(pilot, lambda: on_screen(app, ExamplesScreen))
        examples = app.screen.query_one("#examples-list")
        examples.highlighted = next(i for i, e in enumerate(app.screen.examples) if e.slug == "amber")
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: app.session.answers["data_information.third_party_list"] == "none_used")
        osaid = " ".join(tree_text(app.screen.query_one("#framework-osaid")).replace("│", " ").split())
        assert "✓ Training data obtainable from third parties: none used" in osaid
        assert "third parties is published" not in osaid
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        table = app.screen.query_one("#answers")
        row = table.get_row("data_information.third_party_list")
        assert str(row[1]) == "None used"


@run_async
async def test_the_badge_means_the_users_own_answers_on_the_examples_and_what_if(tmp_path: Path) -> None:
    from questionnaire.app.widgets.tier_banner import TierBanner

    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # from the welcome screen: no answers of the user's, so no badge
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ExamplesScreen))
        assert not bar_badge(app)
        assert "Open source" not in screen_text(app)[0]
        assert "O P E N   S O U R C E" in widget_text(app.screen.query_one(TierBanner))  # the example's own tier
    llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "ctrl+t", "e")  # the user's Llama declaration, then the examples
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ExamplesScreen))
        for _ in range(3):  # the open-source examples first: the badge stays the user's tier
            assert "O P E N   S O U R C E" in widget_text(app.screen.query_one(TierBanner))
            assert badge(app) == "Partially open" and screen_text(app)[0].endswith("Partially open")
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("escape", "w")  # what if the weights were under Apache-2.0?
        assert await until(pilot, lambda: on_screen(app, WhatIfScreen))
        screen = app.screen
        for select_id, value in (("whatif-licence", "Apache-2.0"), ("whatif-access", "public")):
            select = screen.query_one(f"#{select_id}")
            select.focus()
            await pilot.pause()
            values = [v for _, v in select.options]
            await pilot.press("enter", *["down"] * values.index(value), "enter")
            await pilot.pause()
        assert "makes this open-weight" in " ".join(widget_text(screen.query_one("#whatif-headline")).split())
        assert badge(app) == "Partially open"  # the user's answers have not changed


@run_async
async def test_the_last_answer_and_a_save_leave_every_row_of_the_review_in_view(tmp_path: Path) -> None:
    last = "components.sample_model_outputs.released"
    answers = llama_answers()
    del answers[last]
    data = tmp_path / "data"
    drafts.save(drafts.Draft(answers, last, None, FIXED_NOW.isoformat(timespec="seconds")), data)
    app = make_app(data)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn, as in a terminal
        await pilot.press("r")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == last)
        await pilot.press("n")  # the last question: on to the review
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        await pilot.press("end")
        await until(pilot, lambda: any("Sample model outputs: released?" in line for line in screen_text(app)))
        lines = screen_text(app)
        rows = [line for line in lines if "Sample model outputs: released?" in line]
        assert rows and rows[0].rstrip().endswith("No"), lines  # the last row, whole: nothing over it
        assert "save with Ctrl+S" in " ".join(" ".join(lines).split())  # what to do next, in the summary
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, str(tmp_path / "llama.toml"))
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, ReviewScreen) and (tmp_path / "llama.toml").exists())
        lines = await screen_once(pilot, lambda lines: "✓ Saved to" in lines[0])
        assert "✓ Saved to" in lines[0] and lines[0].endswith("Partially open")  # said in the app bar
        rows = [line for line in lines if "Sample model outputs: released?" in line]
        assert rows and rows[0].rstrip().endswith("No"), lines
        for line in lines[-8:-1]:  # the rows above the footer: table rows, not a toast
            assert "Saved" not in line and "╭" not in line and "▔" not in line, lines


@run_async
async def test_below_80x24_a_notice_says_so_and_goes_when_the_terminal_grows(tmp_path: Path) -> None:
    from questionnaire.app.screens.size_notice import SizeNotice

    llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, SizeNotice))
        text = " ".join(" ".join(await screen_once(pilot, lambda lines: "It is 60x20" in " ".join(lines))).split())
        assert "Make the terminal at least 80x24" in text and "It is 60x20 now" in text
        await pilot.press("r", "ctrl+r")  # nothing happens behind the notice
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, SizeNotice) and app.session is None)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert await until(pilot, lambda: type(app.screen).__name__ == "WelcomeScreen")
        await pilot.press("r")  # and everything works
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.version")  # the draft's first open question
        await pilot.resize_terminal(79, 30)  # one column short: the notice again, with the size now
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, SizeNotice))
        lines = await screen_once(pilot, lambda lines: "79x30" in " ".join(lines))
        assert "It is 79x30 now" in " ".join(" ".join(lines).split())
        await pilot.resize_terminal(100, 23)
        await pilot.pause()
        assert await until(pilot, lambda: "It is 100x23 now" in " ".join(" ".join(screen_text(app)).split()))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert await until(
            pilot, lambda: on_screen(app, QuestionnaireScreen) and current_id(pilot) == "identity.version"
        )
        await pilot.press(*"3.1", "enter")  # the question still takes its answer
        await pilot.pause()
        assert await until(pilot, lambda: app.session.answers["identity.version"] == "3.1")


@run_async
async def test_at_80x24_nothing_is_cut(tmp_path: Path) -> None:
    from questionnaire.app.widgets.license_picker import LicensePicker

    license_id = "components.model_parameters_final.license"
    repository = "https://huggingface.co/meta-llama/Llama-3.1-8B"
    answers = {k: v for k, v in llama_answers().items() if not k.startswith("components.model_parameters_final.")}
    answers.update({"identity.repository": repository, "components.model_parameters_final.released": True})
    drafts.save(drafts.Draft(answers, license_id, None, FIXED_NOW.isoformat(timespec="seconds")), tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "^q Quit" in screen_text(app)[-1])  # the welcome's keys, each whole
        assert "F1 Help" in screen_text(app)[-1]
        await pilot.press("r", *"openrail")
        await pilot.pause()

        # the OpenRAIL variants: each row names its licence whole enough to tell it from the others
        def openrail_ids() -> list[str]:
            picker = app.screen.query_one(LicensePicker)
            return [item.id.removeprefix("LicenseRef-") for kind, item in picker.entries if kind == "license"]

        assert await until(  # the results of the search typed, once they are shown
            pilot, lambda: len(openrail_ids()) >= 5 and all("openrail" in i.lower() for i in openrail_ids())
        )
        ids, picker = openrail_ids(), app.screen.query_one(LicensePicker)
        rows = widget_text(picker.query_one("#license-results")).splitlines()
        for shown in ids:
            assert sum(shown + " " in row for row in rows) == 1, (shown, rows)
        await pilot.press("ctrl+u", *"MIT", "enter")
        await pilot.pause()

        # a choice's explanation wraps once, under its label (every line indented)
        def choice_lines() -> list[str]:
            return [line.split("▊", 1)[1] for line in screen_text(app) if "▊" in line and "▎" in line]

        def explanations() -> list[str]:
            return [line for line in choice_lines() if line.strip(" ▎▔▁") and not line.lstrip().startswith(("○", "●"))]

        assert await until(
            pilot,
            lambda: (
                current_id(pilot) == "components.model_parameters_final.access"
                and any(line.lstrip().startswith(("○", "●")) for line in choice_lines())
            ),
        )
        body = explanations()
        assert body and all(line.startswith("     ") for line in body), choice_lines()
        await pilot.press("1")
        await pilot.pause()
        # the sidebar: the intermediate weights' name whole, over two lines
        assert await until(pilot, lambda: "(Intermediate)" in widget_text(app.screen.query_one("#nav")))
        nav = widget_text(app.screen.query_one("#nav"))
        assert "…" not in nav, nav
        # the review: a long answer wraps in its cell
        await pilot.press("ctrl+r")
        assert await until(pilot, lambda: on_screen(app, ReviewScreen))
        table = app.screen.query_one("#answers")
        table.move_cursor(row=table.get_row_index("identity.repository"))
        cells = await screen_once(pilot, lambda lines: repository in "".join(x[48:].strip() for x in lines))
        text = "".join(line[48:].strip() for line in cells)
        assert repository in text
        # the result: every key in the footer whole
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert await until(pilot, lambda: "F1 Help" in screen_text(app)[-1]), screen_text(app)[-1]
        # compare, with its list: the hint and every release's name and tier whole
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("l")
        hint = "Space ticks a release; l hides or shows this list."
        text = "\n".join(await screen_once(pilot, lambda lines: hint in "\n".join(lines)))
        assert "Space ticks a release; l hides or shows this list." in text
        from questionnaire.examples import list_examples

        longest = max(list_examples(), key=lambda e: len(e.name))  # the longest name: shown whole
        assert "This declaration: Llama-3.1-8B" in text and f"{longest.name}  {longest.tier}" in text
        assert "…" not in text


@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=60), st.integers(1, 50))
def test_an_id_cut_in_its_middle_keeps_both_ends_and_fits(text: str, width: int) -> None:
    from questionnaire.app.fit import middle

    shown = middle(text, width)
    if len(text) <= width:
        assert shown == text
    else:
        assert len(shown) <= width and "…" in shown
        if width >= 5:
            head, _, tail = shown.partition("…")
            assert text.startswith(head) and text.endswith(tail) and len(tail) >= (width - 1) // 2
