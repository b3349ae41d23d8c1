"""One action table (questionnaire/app/actions.py): the keys a user sees in the footer, in the keys table of
F1 and the README, in the command palette and the welcome menu are the table's; a keymap file rebinds
them by id; and the screens reach the app only through the navigation service."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

import questionnaire.app
from questionnaire.app import actions
from questionnaire.app.app import OpennessApp
from questionnaire.app.keymap import MAX_ENTRIES, is_key, load_keymap, parse_keymap
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.text import unsafe_character

from app_pilot import (
    make_app,
    on_screen,
    run_async,
    save_llama_draft,
    screen_text,
    tree_text,
    until,
    widget_text,
)

ROOT = Path(__file__).parent.parent
APP_DIR = ROOT / "questionnaire" / "app"


def app_modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(questionnaire.app.__path__, "questionnaire.app.")]
    return [importlib.import_module(name) for name in names]


def bound_classes() -> list[type[DOMNode]]:
    """Every app, screen and widget class of the app that declares key bindings of its own."""
    found = []
    for module in app_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode) and "BINDINGS" in cls.__dict__:
                found.append(cls)
    return found


# ---------------------------------------------------------------------- the table


def test_binding_ids_are_unique_and_name_their_scope() -> None:
    assert len(actions.BY_ID) == len(actions.ACTIONS)
    for action in actions.ACTIONS:
        scope, _, name = action.id.partition(".")
        assert scope in actions.PLACES and re.fullmatch(r"[a-z_-]+", name), action.id
        assert action.bindable or action.scope == actions.TYPED or action.palette, f"{action.id} does nothing"
        if action.bindable:
            assert action.description and all(is_key(key) for key in action.keys.split(",")), action.id


def test_every_binding_of_the_app_comes_from_the_table_and_runs_an_action_that_exists() -> None:
    classes = bound_classes()
    assert OpennessApp in classes and len(classes) >= 15
    seen = set()
    for cls in classes:
        for binding in cls.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding) and binding.id in actions.BINDABLE, (cls.__name__, binding)
            action = actions.BY_ID[binding.id]
            assert binding.key == action.keys, binding.id
            seen.add(binding.id)
            namespace, _, name = binding.action.partition("(")[0].rpartition(".")
            target = {"app": OpennessApp, "screen": _screen_of(cls)}.get(namespace, cls)
            assert callable(getattr(target, f"action_{name}", None)), f"{binding.id}: {binding.action}"
    assert seen == set(actions.BINDABLE), set(actions.BINDABLE) - seen  # every id is bound somewhere


def _screen_of(widget: type[DOMNode]) -> type[DOMNode]:
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen
    from questionnaire.app.screens.review import ReviewScreen

    return {"SectionNav": QuestionnaireScreen, "AnswersTable": ReviewScreen}.get(widget.__name__, widget)


def test_the_palette_runs_actions_the_app_has() -> None:
    for action in actions.palette_entries(has_session=True):
        assert callable(getattr(OpennessApp, f"action_{action.name}", None)), action.id


# ---------------------------------------------------------------------- the README agrees


def _markdown_table(text: str, header: str) -> str:
    lines = text.splitlines()
    start = lines.index(header)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[start:end])


def test_readme_keys_table_and_binding_ids_are_the_tables() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _markdown_table(readme, "| key | what it does |") == actions.keys_markdown(), (
        "README's keys table differs from the action table; it should read:\n" + actions.keys_markdown()
    )
    assert _markdown_table(readme, "| binding id | keys | where | what |") == actions.ids_markdown(), (
        "README's list of binding ids differs from the action table; it should read:\n" + actions.ids_markdown()
    )


# ---------------------------------------------------------------------- what a user sees agrees


def footer_keys(app: Any) -> set[tuple[str, str]]:
    return {(key.key, key.action) for key in app.screen.query_one(KeyFooter).entries}


def expected_footer(app: Any, *scopes: str, keymap: dict[str, str] | None = None) -> set[tuple[str, str]]:
    """(first key, action) of every binding the table shows in the footer on screens of these scopes,
    less those the app or the screen hides now; the command palette's key is always at the right."""
    keymap = keymap or {}
    shown: dict[str, str] = {}
    for action in actions.ACTIONS:
        if not action.bindable:
            continue
        if action.scope in scopes and action.footer:
            run = action.action
        elif action.scope == "app" and any(action.also_on.get(scope) for scope in scopes):
            run = "app." + action.action
        elif action.scope == "app" and action.footer:
            run = action.action
        else:
            continue
        in_app = action.scope == "app" or run.startswith("app.")
        if (app if in_app else app.screen).check_action(action.name, ()) is False:
            continue
        shown.setdefault(actions.effective_keys(action, keymap)[0], run)
    commands = actions.BY_ID["app.commands"]
    shown[actions.effective_keys(commands, keymap)[0]] = commands.action
    return {(key, run) for key, run in shown.items()}


def footer_drawn(app: Any) -> bool:
    """Whether the bottom line shows every key of the footer, with its label."""
    line = screen_text(app)[-1]
    return all(key.key_display in line and key.description in line for key in app.screen.query_one(KeyFooter).entries)


async def footer_agrees(pilot: Any, *scopes: str, keymap: dict[str, str] | None = None) -> None:
    app = pilot.app
    assert await until(pilot, lambda: footer_keys(app) == expected_footer(app, *scopes, keymap=keymap)), (
        scopes,
        footer_keys(app),
        expected_footer(app, *scopes, keymap=keymap),
    )
    assert await until(pilot, lambda: footer_drawn(app)), screen_text(app)[-1]


@run_async
async def test_the_footer_of_every_screen_shows_the_tables_keys(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await footer_agrees(pilot, "welcome")  # no draft: no Resume
        for key, scope in (("e", "examples"), ("c", "compare"), ("g", "glossary")):
            await pilot.press(key)
            assert await until(pilot, lambda: type(app.screen).__name__.lower().startswith(scope[:5]))  # noqa: B023
            await footer_agrees(pilot, scope)
            await pilot.press("escape")
            assert await until(pilot, lambda: type(app.screen).__name__ == "WelcomeScreen")
    save_llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await footer_agrees(pilot, "welcome")  # with Resume
        steps = [
            ("r", "QuestionnaireScreen", ("question",)),
            ("f2", "QuestionnaireScreen", ("question", "nav")),
            ("escape", "QuestionnaireScreen", ("question",)),
            ("ctrl+r", "ReviewScreen", ("review",)),
            ("ctrl+t", "ResultScreen", ("result",)),
            ("w", "WhatIfScreen", ("whatif",)),
        ]
        for key, screen, scopes in steps:
            await pilot.press(key)
            assert await until(pilot, lambda: type(app.screen).__name__ == screen)  # noqa: B023
            await footer_agrees(pilot, *scopes)


@run_async
async def test_f1_lists_every_row_of_the_keys_table(tmp_path: Path) -> None:
    from questionnaire.app.screens.help import HelpScreen

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("f1")
        assert await until(pilot, lambda: on_screen(app, HelpScreen))
        assert await until(pilot, lambda: "keymap.toml" in tree_text(app.screen))  # the keys come a frame later
        text = " ".join(tree_text(app.screen).split())
        for keys, does in actions.key_rows():
            assert f"{keys} {does}" in text, (keys, does)
        assert "keymap.toml" in text


def palette_hits(app: Any) -> list[tuple[str, str]]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList).options
    return [(str(option.hit.text or option.hit.display), str(option.hit.help or "")) for option in options]


@run_async
async def test_the_command_palette_lists_the_tables_commands(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    for with_session in (False, True):
        data = tmp_path / str(with_session)
        if with_session:
            save_llama_draft(data)
        app = make_app(data)
        async with app.run_test(size=(120, 60)) as pilot:
            if with_session:
                await pilot.press("r")
                await pilot.pause()
            await pilot.press("ctrl+p")
            assert await until(pilot, lambda app=app: isinstance(app.screen, CommandPalette))
            expected = [
                (a.palette[0], actions.palette_help(a, {}))
                for a in actions.palette_entries(has_session=with_session)
                if a.palette
            ]
            assert await until(pilot, lambda app=app, expected=expected: set(expected) <= set(palette_hits(app))), (
                palette_hits(app)
            )
            ours = [hit for hit in palette_hits(app) if hit in expected]
            assert ours == expected  # in the table's order
            assert any(title == "Save the declaration" for title, _ in ours) is with_session
            if with_session:
                assert ("What if …", "Change one component and see how the verdicts move (w on the result)") in ours
                assert any(title.startswith("Go to section: ") for title, _ in palette_hits(app))


def menu_lines(app: Any) -> list[str]:
    lines = widget_text(app.screen.query_one("#welcome-menu")).splitlines()
    return [stripped for line in lines if (stripped := line.strip(" ▊▎▔▁"))]


@run_async
async def test_the_welcome_menu_is_the_tables_and_runs_what_its_key_runs(tmp_path: Path) -> None:
    from questionnaire.app.screens.compare import CompareScreen

    data = tmp_path / "data"
    save_llama_draft(data)
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        titles = [
            action.menu[0].format(name="Llama-3.1-8B") + f"  ({actions.key_for(action.id, {})})"
            for action in actions.menu_entries()
            if action.menu
        ]
        assert [line for line in menu_lines(app) if "(" in line] == titles
        # the detail of the highlighted entry (Resume) is the table's, filled in
        assert "answers, saved 2025-06-02" in widget_text(app.screen.query_one("#welcome-detail"))
        menu = app.screen.query_one("#welcome-menu")
        menu.highlighted = menu.entry_ids.index("welcome.compare")
        await pilot.press("enter")
        assert await until(pilot, lambda: on_screen(app, CompareScreen))


# ---------------------------------------------------------------------- a user's keymap


@run_async
async def test_a_rebound_key_works_and_the_footer_f1_the_palette_and_the_menu_show_it(tmp_path: Path) -> None:
    from questionnaire.app.screens.help import HelpScreen
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen
    from questionnaire.app.screens.save import SaveScreen

    data = tmp_path / "data"
    data.mkdir()
    (data / "keymap.toml").write_text('app.save = "f5"\n[welcome]\nnew = "m"\n', encoding="utf-8")
    keymap = {"app.save": "f5", "welcome.new": "m"}
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app._notifications, [str(n.message) for n in app._notifications]
        assert "Start a new declaration  (m)" in menu_lines(app)
        await footer_agrees(pilot, "welcome", keymap=keymap)
        await pilot.press("n")  # no longer New
        await pilot.pause()
        assert await until(pilot, lambda: type(app.screen).__name__ == "WelcomeScreen")
        await pilot.press("m")
        assert await until(pilot, lambda: on_screen(app, QuestionnaireScreen))
        await footer_agrees(pilot, "question", keymap=keymap)
        assert "F5 Save" in screen_text(app)[-1] and "^s" not in screen_text(app)[-1]
        await pilot.press("ctrl+s")  # the old key does nothing now
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, QuestionnaireScreen))
        await pilot.press("f5")
        assert await until(pilot, lambda: on_screen(app, SaveScreen))
        await pilot.press("escape", "f1")
        assert await until(pilot, lambda: on_screen(app, HelpScreen))
        assert await until(pilot, lambda: "keymap.toml" in tree_text(app.screen))  # the keys come a frame later
        text = " ".join(tree_text(app.screen).split())
        assert "F5 save the declaration" in text and "Ctrl+S" not in text
        assert "m / r / o / e / c / g on the welcome screen" in text
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert await until(
            pilot, lambda: ("Save the declaration", "Choose where, then write the TOML file (F5)") in palette_hits(app)
        ), palette_hits(app)


@run_async
async def test_a_keymap_with_mistakes_says_so_in_one_line_and_applies_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "keymap.toml").write_text('app.sav = "f5"\napp.review = "ctrl+"\napp.glossary = "f6"\n', encoding="utf-8")
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        messages = [str(n.message) for n in app._notifications]
        assert len(messages) == 1 and "\n" not in messages[0], messages
        assert messages[0].startswith(str(data / "keymap.toml")), messages
        assert "“app.sav” is not a binding id; did you mean app.save?" in messages[0]
        assert "(and 1 more problem in the file)" in messages[0]
        await pilot.press("f6")  # the right line applies
        assert await until(pilot, lambda: type(app.screen).__name__ == "GlossaryScreen")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('app.save = ["f5"]', "app.save: the keys are text"),
        ('app.save = ""', "app.save: an empty key is not a key"),
        ('app.save = "ctrl+ctrl+s"', "“ctrl+ctrl+s” is not a key"),
        ('app.save = "hyperdrive+s"', "“hyperdrive+s” is not a key"),
        ('app.save = "superkey"', "“superkey” is not a key"),
        ('"app.save" = "ctrl+r"', "app.save: Ctrl+R is already app.review (everywhere); app.save keeps Ctrl+S"),
        ('result.whatif = "c"', "result.whatif: c is already result.compare (the result)"),
        ('app.save = "y"', "app.save: y is typed into an answer (a question)"),
        ('nonsense = "f5"', "“nonsense” is not a binding id; the ids are listed in the README (Keys)"),
        ('app.save = "f5"\nx = [', "is not valid TOML"),
        ('"a\\u001b[31m" = "f5"', "“a\\x1b[31m” is not a binding id"),
    ],
)
def test_keymap_problems_name_the_file_and_what_is_wrong(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "keymap.toml").write_text(text, encoding="utf-8")
    keymap = load_keymap(tmp_path)
    notice = keymap.notice()
    assert notice is not None and problem in notice and notice.startswith(str(tmp_path / "keymap.toml")), notice
    assert "app.save" not in keymap.keys


def test_keymap_accepts_keys_as_people_write_them() -> None:
    keymap = parse_keymap(
        {
            "app": {"save": "F5, Ctrl+S"},
            "app.review": "ctrl+t",
            "app.result": "ctrl+r",
            "app.help": "q",
            "app.glossary": "question_mark",
            "question.next": "?",
        },
        "keymap.toml",
    )
    assert keymap.problems == []  # a swap is no clash; q in the help (a dialog) does not meet the app's q
    assert keymap.keys["app.save"] == "f5,ctrl+s"
    assert keymap.keys["app.review"] == "ctrl+t" and keymap.keys["app.glossary"] == "question_mark"


def test_no_keymap_file_is_no_keymap_and_a_folder_or_huge_file_is_a_notice(tmp_path: Path) -> None:
    assert load_keymap(tmp_path).keys == {} and load_keymap(tmp_path).notice() is None
    (tmp_path / "keymap.toml").mkdir()
    assert "keymap.toml: is a directory, not a file" in (load_keymap(tmp_path).notice() or "")
    many = parse_keymap({f"app.x{i}": "f5" for i in range(MAX_ENTRIES + 1)}, "keymap.toml")
    assert many.keys == {} and "more than a keymap can have" in (many.notice() or "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_keymap_text_is_read_without_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    keymap = load_keymap(tmp_path)
    for problem in keymap.problems:
        assert "\n" not in problem and unsafe_character(problem) is None, problem
    assert set(keymap.keys) <= set(actions.BINDABLE)
    assert all(is_key(key) for keys in keymap.keys.values() for key in keys.split(","))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(actions.BINDABLE)) | st.text(max_size=12),
        st.text(max_size=12) | st.lists(st.text(max_size=4), max_size=2),
        max_size=6,
    )
)
def test_any_keymap_table_applies_only_keys_and_ids_that_exist(table: dict[str, Any]) -> None:
    keymap = parse_keymap(table, "keymap.toml")
    assert set(keymap.keys) <= set(actions.BINDABLE)
    assert all(is_key(key) for keys in keymap.keys.values() for key in keys.split(","))
    assert len(keymap.problems) + len(keymap.keys) >= len(table)  # each entry applies or is said


# ---------------------------------------------------------------------- screens reach the app one way


def test_screens_and_widgets_reach_the_app_only_through_the_navigation_service() -> None:
    """No module of the app but app.py (and run(), which starts it) names the app's class, and none calls
    an action method on the app or a method that only the concrete app has."""
    own = {name for name in dir(OpennessApp) if name not in dir(App)} - {"COMMANDS", "keymap"}
    problems = []
    for path in sorted(APP_DIR.rglob("*.py")):
        if path.name == "app.py" and path.parent == APP_DIR:
            continue
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT)
        if "OpennessApp" in source and path != APP_DIR / "__init__.py":
            problems.append(f"{relative}: names OpennessApp")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Attribute):
                continue
            owner = ast.unparse(node.value)
            if owner.endswith(("app", "openness")) and node.attr.startswith("action_"):
                problems.append(f"{relative}:{node.lineno}: {owner}.{node.attr}")
            elif owner.endswith(".app") and node.attr in own:
                problems.append(f"{relative}:{node.lineno}: {owner}.{node.attr} (a method of the concrete app)")
    assert not problems, "\n".join(problems)
