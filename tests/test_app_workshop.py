"""The teaching screens, driven the way a workshop uses them: the shipped examples from the welcome
screen, what-if from a result, compare side by side, and the glossary (searched, linked from help)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, OptionList, SelectionList

from questionnaire import drafts, whatif
from questionnaire.app.screens.compare import CompareScreen
from questionnaire.app.screens.examples import ExamplesScreen
from questionnaire.app.screens.glossary import GlossaryScreen
from questionnaire.app.screens.result import ResultScreen
from questionnaire.app.screens.whatif import WhatIfScreen
from questionnaire.app.widgets.compact_select import CompactSelect
from questionnaire.app.widgets.help_panel import HelpPanel
from questionnaire.app.widgets.tier_banner import TierBanner
from questionnaire.examples import Example, list_examples
from questionnaire.glossary import load_glossary

from app_pilot import (
    FIXED_NOW,
    answer_all,
    current_id,
    llama_answers,
    make_app,
    on_screen,
    run_async,
    save_llama_draft,
    settle,
    tree_text,
    type_text,
    until,
    widget_text,
)


async def open_example(pilot, slug: str) -> None:
    """From the welcome or a result screen: e, the example highlighted (as the arrow keys do: the preview
    follows the highlight, see the test below; one move, not a key per row and a preview each), and Enter.
    Waits for the example's result screen."""
    await pilot.press("e")
    assert await until(pilot, lambda: on_screen(pilot.app, ExamplesScreen))
    screen = pilot.app.screen
    example = next(e for e in screen.examples if e.slug == slug)
    screen.query_one(OptionList).highlighted = screen.examples.index(example)
    assert await until(pilot, lambda: example.name in widget_text(screen.query_one(TierBanner)))
    await pilot.press("enter")
    assert await until(
        pilot,
        lambda: (
            on_screen(pilot.app, ResultScreen) and example.name in widget_text(pilot.app.screen.query_one(TierBanner))
        ),
    ), slug


async def choose(pilot, select_id: str, value: str) -> None:
    """Open the select, go down to `value` and press Enter, as a user would."""
    select = pilot.app.screen.query_one(f"#{select_id}", CompactSelect)
    select.focus()
    assert await until(pilot, lambda: select.has_focus)
    values = [v for _, v in select.options]
    await pilot.press("enter", *["down"] * values.index(value), "enter")
    assert await until(pilot, lambda: select.value == value and not select.expanded and select.has_focus)
    await pilot.pause()


async def pick_component(pilot, key: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, WhatIfScreen)
    menu = screen.query_one("#whatif-components", OptionList)
    menu.focus()
    await pilot.press(
        *["down" if screen.keys.index(key) > (menu.highlighted or 0) else "up"]
        * abs(screen.keys.index(key) - (menu.highlighted or 0))
    )
    await pilot.pause()
    assert await until(pilot, lambda: screen.component == key)


async def open_whatif(pilot, slug: str) -> WhatIfScreen:
    """An example's result, then w."""
    await open_example(pilot, slug)
    await pilot.press("w")
    await pilot.pause()
    assert await until(pilot, lambda: on_screen(pilot.app, WhatIfScreen))
    return pilot.app.screen


def headline(pilot) -> str:
    return " ".join(widget_text(pilot.app.screen.query_one("#whatif-headline")).split())


# ---------------------------------------------------------------- examples


@run_async
async def test_the_examples_screen_lists_every_example_and_previews_the_highlighted_one(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert await until(pilot, lambda: on_screen(app, ExamplesScreen))
        screen = app.screen
        listed = "\n".join(str(option.prompt) for option in screen.query_one(OptionList).options)
        examples = list_examples()
        assert len(examples) >= 14
        for example in examples:
            assert example.name in listed
        # the preview follows the highlight
        await pilot.press("down")
        assert await until(pilot, lambda: examples[1].name in widget_text(screen.query_one(TierBanner)))
        # and where its facts were read
        from questionnaire.loading import load

        urls = {entry.url for entry in load(str(examples[1].path)).sources.values()}
        sources = "".join(ch for ch in tree_text(screen.query_one("#examples-sources")) if ch not in "│ \n")
        assert urls and all(url in sources for url in urls)  # (wrapped lines joined again)


# One test an example (not one test opening them all in turn): they run side by side on every core.
@pytest.mark.parametrize("example", list_examples(), ids=lambda example: example.slug)
@run_async
async def test_the_welcome_screen_opens_each_example_on_its_result(example: Example, tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_example(pilot, example.slug)
        assert isinstance(app.screen, ResultScreen), example.slug
        banner = widget_text(app.screen.query_one(TierBanner))
        assert example.name in banner
        assert app.screen.query_one(TierBanner).has_class(f"-{example.tier}"), example.slug
        assert app.session is not None and app.session.classification().tier == example.tier


@run_async
async def test_an_example_opened_from_another_examples_result_is_the_one_shown_everywhere(tmp_path: Path) -> None:
    """From one example's result to the next (as a workshop goes): the result, the questions behind it, the
    app bar and what if all show the example opened last, and nothing of the one before."""
    olmo, mistral = (next(e for e in list_examples() if e.slug == slug) for slug in ("olmo-2-7b", "mistral-7b-v0.1"))
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_example(pilot, olmo.slug)
        await open_example(pilot, mistral.slug)
        banner = app.screen.query_one(TierBanner)
        assert mistral.name in widget_text(banner) and olmo.name not in widget_text(banner)
        assert banner.has_class(f"-{mistral.tier}") and mistral.tier != olmo.tier
        assert [type(screen).__name__ for screen in app.screen_stack] == [
            "WelcomeScreen",
            "QuestionnaireScreen",
            "ResultScreen",
        ]
        await pilot.press("escape")  # the questions: the example's first question, with its answer
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")
        field = app.screen.query_one("#answer-input", Input)
        assert await until(pilot, lambda: field.value == mistral.name)
        bar = widget_text(app.screen.query_one("#bar"))
        assert mistral.name in bar and olmo.name not in bar
        await pilot.press("ctrl+t", "w")  # what if starts from the example's answers
        assert await until(pilot, lambda: on_screen(app, WhatIfScreen) and headline(pilot).startswith("Now"))
        assert headline(pilot).startswith("Now open-weight.")
        assert app.screen.session.answers["identity.name"] == mistral.name


@run_async
async def test_an_example_opened_from_a_result_and_changed_keeps_the_users_draft(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = drafts.Draft({"identity.name": "My model"}, "identity.name", None, FIXED_NOW.isoformat())
    drafts.save(draft, data)
    before = drafts.draft_path(data).read_bytes()
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        # one example, then the next opened from its result screen
        await open_example(pilot, "olmo-2-7b")
        await open_example(pilot, "mistral-7b-v0.1")
        assert app.session is not None and app.session.answers["identity.name"] == "Mistral 7B v0.1"
        # change an answer of the example: the user's own draft is not replaced
        await pilot.press("escape")
        await answer_all(pilot, [("identity.name", "Mistral changed")])
        assert await until(pilot, lambda: app.session.answers["identity.name"] == "Mistral changed")
        assert await until(pilot, lambda: drafts.draft_path(data).read_bytes() == before)


# ---------------------------------------------------------------- what if


@run_async
async def test_what_if_shows_the_cores_headline_and_moves_the_tier(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 36)) as pilot:
        await open_whatif(pilot, "mistral-7b-v0.1")
        assert headline(pilot).startswith("Now open-weight.")

        # releasing the training code: the same sentence as `openness whatif --set training_code=...`
        await pick_component(pilot, "training_code")
        await choose(pilot, "whatif-licence", "Apache-2.0")
        answers = app.session.declaration_answers()
        change = whatif.parse_change("training_code=released:Apache-2.0")
        from questionnaire.rules import classify

        before, after = classify(answers), classify(whatif.apply(answers, [change]))
        assert headline(pilot) == whatif.headline([change], answers, before, after)
        assert headline(pilot).startswith("Releasing the training code under Apache-2.0 keeps this open-weight")
        changes = " ".join(tree_text(app.screen.query_one("#whatif-changes")).replace("│", " ").split())
        # every difference in the core's own sentence, marked by the way it went: ✓ gained
        assert "✓ Now met for OSAID 1.0: the training code is released under an OSI-approved licence." in changes
        assert "• The tier stays open-weight." in changes

        # any licence can be typed; it wins over the list
        app.screen.query_one("#whatif-licence-text", Input).focus()
        await pilot.press(*"GPL-2.0-only")
        await pilot.pause()
        assert await until(
            pilot,
            lambda: headline(pilot).startswith("Releasing the training code under GPL-2.0-only keeps this open-weight"),
        )

        # a non-commercial licence on the weights drops the tier, and the headline says so
        await pick_component(pilot, "model_parameters_final")
        assert headline(pilot).startswith("Now open-weight."), "picking another component starts afresh"
        await choose(pilot, "whatif-licence", "CC-BY-NC-4.0")
        assert "makes this partially open (it was open-weight)" in headline(pilot)
        assert app.screen.query_one("#whatif-headline").has_class("-down")
        changes = " ".join(tree_text(app.screen.query_one("#whatif-changes")).replace("│", " ").split())
        assert "✗ The tier goes from open-weight to partially open." in changes
        assert "✗ No longer met for OWD: no discrimination against fields of endeavour (criterion 6)." in changes

        # undo: back to the release as it is
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert await until(pilot, lambda: headline(pilot).startswith("Now open-weight."))

        # withdrawing the weights: the licence and access fields no longer apply
        await choose(pilot, "whatif-release", "unreleased")
        assert app.screen.query_one("#whatif-licence", CompactSelect).disabled
        assert app.screen.query_one("#whatif-licence-text", Input).disabled
        assert "Withdrawing the final weights makes this" in headline(pilot)

        # the session's answers are untouched by all this
        assert app.session.classification().tier == "open-weight"


@run_async
async def test_what_if_tells_a_click_through_of_the_licence_from_one_with_extra_terms(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 36)) as pilot:
        await open_whatif(pilot, "mistral-7b-v0.1")
        await pick_component(pilot, "model_parameters_final")
        await choose(pilot, "whatif-access", "click_through:license_only")
        assert headline(pilot).startswith(
            "Putting the final weights behind a click-through of the licence alone keeps this open-weight"
        )
        await pilot.press("ctrl+z")  # back to the release as it is
        await pilot.pause()
        await choose(pilot, "whatif-access", "click_through:extra_terms")
        assert headline(pilot).startswith(
            "Putting the final weights behind a click-through with extra terms makes this partially open"
        )


@run_async
async def test_what_if_on_the_data_information(tmp_path: Path) -> None:
    from questionnaire.rules import classify

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 36)) as pilot:
        await open_whatif(pilot, "pythia-6.9b")
        await pick_component(pilot, "data_information")
        assert app.screen.query_one("#whatif-data").display
        assert not app.screen.query_one("#whatif-component").display
        await choose(pilot, "whatif-description", "unpublished")
        answers = app.session.declaration_answers()
        change = whatif.parse_change("data_information=description:unpublished")
        after = classify(whatif.apply(answers, [change]))
        assert after.tier != "open-source"
        expected = whatif.headline([change], answers, classify(answers), after)
        assert headline(pilot) == expected
        assert headline(pilot).startswith("Not publishing a complete description of the training data makes this")
        changes = " ".join(tree_text(app.screen.query_one("#whatif-changes")).replace("│", " ").split())
        assert "✗ OSAID 1.0: 10 of 11 hold (was met)." in changes, changes  # its supporting libraries are asked


# ---------------------------------------------------------------- compare


def column_labels(pilot) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    return [str(column.label) for column in table.ordered_columns]


def row_cells(pilot, label: str) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    for row_key in table.rows:
        cells = [str(cell) for cell in table.get_row(row_key)]
        if cells[0] == label:
            return cells[1:]
    raise AssertionError(f"no row {label!r}")


def compare_shows(pilot, label: str) -> list[str] | None:
    """The cells of a row of the compare table, or None while the screen or its table is not there yet."""
    if not isinstance(pilot.app.screen, CompareScreen) or not pilot.app.screen.is_mounted:
        return None
    try:
        return row_cells(pilot, label)
    except AssertionError:
        return None


@run_async
async def test_compare_from_the_welcome_screen_shows_one_release_of_each_tier(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        tiers = ["OPEN SOURCE", "OPEN-WEIGHT", "PARTIALLY OPEN", "CLOSED"]
        assert await until(pilot, lambda: compare_shows(pilot, "Tier") == tiers), compare_shows(pilot, "Tier")
        # tick one more: a fifth column, with its components
        picks = app.screen.query_one(SelectionList)
        picks.focus()
        assert await until(pilot, lambda: picks.has_focus)
        slugs = [e.slug for e in app.screen.examples]
        start = picks.highlighted or 0
        await pilot.press(*["down"] * (slugs.index("llama-3.1-8b") - start), "space")
        # in the list's order (most open first), not the order of ticking
        assert await until(pilot, lambda: "#4 Llama 3.1 8B" in column_labels(pilot)), column_labels(pilot)
        labels = column_labels(pilot)
        assert len(labels) == 6
        column = labels.index("#4 Llama 3.1 8B") - 1
        assert row_cells(pilot, "Tier")[column] == "PARTIALLY OPEN"
        assert row_cells(pilot, "Weights (final)")[column] == "llama3.1 (click) ✗"
        # untick everything: the table says what to do
        picks.deselect_all()
        table = app.screen.query_one(DataTable)
        assert await until(pilot, lambda: "Tick two or more releases" in tree_text(table)), tree_text(table)


@run_async
async def test_compare_from_a_result_puts_this_declaration_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    save_llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "ctrl+t", "c")
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, CompareScreen))
        labels = column_labels(pilot)
        assert labels[1] == "#1 Llama-3.1-8B"
        tiers = row_cells(pilot, "Tier")
        assert tiers[0] == "PARTIALLY OPEN"
        assert tiers[1:] == ["OPEN SOURCE", "OPEN-WEIGHT"]  # the tiers above it, one example each
        assert row_cells(pilot, "Weights (final)")[0] == "llama3.1 (gated) ✗"
        await pilot.press("l")
        await pilot.pause()
        assert await until(
            pilot, lambda: app.screen.query_one("#compare-side").region.width == 0
        )  # hidden: the table has the width
        assert app.screen.query_one(DataTable).has_focus


# ---------------------------------------------------------------- glossary


@run_async
async def test_glossary_search_and_related_links(tmp_path: Path) -> None:
    glossary = load_glossary()
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        assert await until(pilot, lambda: on_screen(app, GlossaryScreen))
        screen = app.screen
        assert len(screen.query_one(OptionList).options) == len(glossary)
        await pilot.press(*"open weight")
        await pilot.pause()
        assert await until(pilot, lambda: screen.query_one(Input).value == "open weight")
        assert screen.entry is not None and screen.entry.id == "open-weight"
        shown = widget_text(screen.query_one("#glossary-term")) + tree_text(screen.query_one("#glossary-text"))
        assert "open-weight" in shown
        assert "Related:" in shown
        # a related term's link opens it, clearing the search that hides it
        related = glossary["open-weight"].related[0]
        await app.run_action(f"screen.show_entry('{related}')")
        await pilot.pause()
        assert await until(pilot, lambda: screen.entry.id == related)
        # a term the search hides: the search is cleared and that term stays shown
        await pilot.press(*"rail")
        await pilot.pause()
        assert await until(pilot, lambda: "tier" not in [e.id for e in screen.found])
        await app.run_action("screen.show_entry('tier')")
        await pilot.pause()
        assert await until(pilot, lambda: screen.entry.id == "tier" and screen.query_one(Input).value == "")
        assert screen.query_one(OptionList).highlighted == [e.id for e in screen.found].index("tier")
        # a paste longer than a search counts is refused whole, as a control character is
        field = screen.query_one(Input)
        field.value = ""
        field.post_message(events.Paste("a " * 2_500_000))
        field.post_message(events.Paste("mof"))
        assert await until(
            pilot, lambda: field.value == "mof" and screen.entry is not None and screen.entry.id == "mof"
        )
        # nothing found: says so
        screen.query_one(Input).value = "zzzz-no-such-term"
        await pilot.pause()
        assert await until(pilot, lambda: "Nothing found" in widget_text(screen.query_one("#glossary-term")))
        await pilot.press("escape")
        await pilot.pause()
        assert await until(pilot, lambda: not isinstance(app.screen, GlossaryScreen))


@run_async
async def test_help_links_to_the_glossary_and_ctrl_g_opens_the_questions_term(tmp_path: Path) -> None:
    data = tmp_path / "data"
    drafts.save(
        drafts.Draft(llama_answers(), "components.model_parameters_final.access", None, FIXED_NOW.isoformat()), data
    )
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        app.jump_to("components.model_parameters_final.access")  # as the sidebar would
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.access")
        terms = app.screen.glossary_terms()
        assert terms, "the access question uses glossary terms"
        help_text = " ".join(tree_text(app.screen.query_one(HelpPanel)).split())
        assert "Glossary (Ctrl+G):" in help_text
        for _, term in terms:
            assert term in help_text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, GlossaryScreen))
        assert app.screen.entry is not None and app.screen.entry.id == terms[0][0]
        await pilot.press("escape")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.access")


@run_async
async def test_a_click_on_a_glossary_term_in_the_help_opens_its_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    save_llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        app.jump_to("components.model_parameters_final.access")
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_final.access")
        entry_id, term = app.screen.glossary_terms()[-1]
        body = app.screen.query_one("#help-body")
        assert await until(pilot, lambda: term in widget_text(body))  # the help follows the question
        lines = widget_text(body).splitlines()
        row = max(i for i, line in enumerate(lines) if term in line)  # the last term of the links, at the end
        column = lines[row].rfind(term)
        assert await pilot.click(body, offset=(column + 1, row))
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, GlossaryScreen))
        assert app.screen.entry is not None and app.screen.entry.id == entry_id


@run_async
async def test_compare_adds_a_declaration_file_as_a_column(tmp_path: Path) -> None:
    import shutil

    from questionnaire.examples import example_path

    mine = tmp_path / "mine.toml"
    shutil.copy(example_path("gemma-2-9b-it"), mine)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        assert await until(pilot, lambda: on_screen(app, CompareScreen))
        await pilot.press("a")
        assert await until(pilot, lambda: type(app.screen).__name__ == "OpenFileScreen" and app.screen.is_mounted)
        await type_text(pilot, str(tmp_path / "missing.toml"))
        await pilot.press("enter")
        await settle(pilot)
        assert await until(
            pilot, lambda: "no such file" in widget_text(app.screen.query_one("#open-error"))
        )  # said, not raised
        await pilot.press("ctrl+u")
        await type_text(pilot, str(mine))
        await pilot.press("enter")
        await settle(pilot)
        assert await until(pilot, lambda: on_screen(app, CompareScreen) and len(column_labels(pilot)) == 6)
        labels = column_labels(pilot)
        assert labels[-1] == "#5 Gemma 2 9B IT"
        assert row_cells(pilot, "Tier")[-1] == "PARTIALLY OPEN"


@run_async
async def test_a_broken_glossary_costs_the_links_not_the_questionnaire(tmp_path: Path, monkeypatch) -> None:
    from questionnaire import glossary

    broken = tmp_path / "glossary.toml"
    broken.write_text("[[entry]]\nid = 'x'\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "default_path", lambda: broken)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")
        assert "Glossary (Ctrl+G)" not in tree_text(app.screen.query_one(HelpPanel))
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")  # still on the question
        messages = [str(n.message) for n in app._notifications]
        assert any(str(broken) in m for m in messages), messages


@run_async
async def test_f1_on_a_teaching_screen_explains_that_screen(tmp_path: Path) -> None:
    from questionnaire.app.screens.help import HelpScreen

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        for key, screen, phrase in (
            ("e", ExamplesScreen, "never touches your own draft"),
            ("c", CompareScreen, "gets the width"),
            ("g", GlossaryScreen, "Type to search every term"),
        ):
            await pilot.press(key)
            assert await until(pilot, lambda: on_screen(app, screen)), screen  # noqa: B023  (F1 is pressed on it)
            await pilot.press("f1")
            assert await until(pilot, lambda: on_screen(app, HelpScreen))
            assert await until(pilot, lambda: "keymap.toml" in tree_text(app.screen))  # the keys come a frame later
            text = " ".join(tree_text(app.screen).split())
            assert phrase in text and "Ctrl+G" in text  # what the screen is for, and the keys
            await pilot.press("escape")
            assert await until(pilot, lambda: on_screen(app, screen))  # noqa: B023
            await pilot.press("escape")
            assert await until(pilot, lambda: type(app.screen).__name__ == "WelcomeScreen")
