"""The app tests wait for the state they check, never for a length of time.

On a loaded machine a fixed pause is too short, and Textual's idle wait (`pilot.pause()`) can end before the app
has done its work: it takes a process that gets no CPU for an idle one. So an assertion on what a key changed
waits for it with `until` (tests/app_pilot.py), and these rules keep it so."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# What a user (or the test for them) does to the app; what changes after it is checked with `until`.
ACTIONS = (
    "pilot.pause",
    "pilot.press",
    "pilot.click",
    "pilot.resize_terminal",
    "settle",
    "answer",
    "answer_all",
    "type_text",
)


def modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(TESTS.glob("*.py"))]


def called(node: ast.AST) -> str:
    """`pilot.press` for `await pilot.press("x")`, "" for anything else."""
    if isinstance(node, ast.Expr):
        node = node.value
    if isinstance(node, ast.Await):
        node = node.value
    return ast.unparse(node.func) if isinstance(node, ast.Call) else ""


def where(path: Path, node: ast.AST) -> str:
    return f"{path.name}:{node.lineno}"


def fixed_pauses(path: Path, tree: ast.Module) -> list[str]:
    return [
        where(path, node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".pause") and (node.args or node.keywords)
    ]


def sleeps_in_pilot_tests(path: Path, tree: ast.Module) -> list[str]:
    return [
        where(path, node)
        for function in ast.walk(tree)
        if isinstance(function, ast.AsyncFunctionDef) and "pilot" in ast.unparse(function)
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "sleep"
    ]


def unwaited_assertions(path: Path, tree: ast.Module) -> list[str]:
    """The first assertion after an action, when nothing awaited between them: it reads the app before the
    action has shown (`nav = query_one(...)` between the two does not wait)."""
    found = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        action = None
        for statement in body:
            if called(statement) in ACTIONS:
                action = statement
                continue
            if action is None:
                continue
            awaits = any(isinstance(n, ast.Await) for n in ast.walk(statement))
            if isinstance(statement, ast.Assert) and not awaits:
                found.append(where(path, statement))
            if isinstance(statement, ast.Assert) or awaits:
                action = None
    return found


def test_no_pilot_pause_for_a_fixed_time() -> None:
    found = [line for path, tree in modules() for line in fixed_pauses(path, tree)]
    assert not found, f"pilot.pause(<seconds>) waits for a time, not for a state; use until(): {found}"


def test_no_sleep_in_a_pilot_test() -> None:
    found = [line for path, tree in modules() for line in sleeps_in_pilot_tests(path, tree)]
    assert not found, f"a Pilot test sleeps; wait for the state with until(): {found}"


def test_no_assertion_right_after_an_action_without_waiting_for_its_state() -> None:
    found = [line for path, tree in modules() for line in unwaited_assertions(path, tree)]
    assert not found, f"an assertion straight after a key or a pause; write `assert await until(...)`: {found}"


def test_the_rules_see_what_they_forbid() -> None:
    """Each check finds the pattern it is about (so that finding nothing in tests/ means something)."""
    bad = ast.parse(
        "async def test_x(pilot):\n"
        "    await pilot.pause(0.3)\n"
        "    await asyncio.sleep(1)\n"
        "    await pilot.press('x')\n"
        "    assert app.screen.id == 'x'\n"
        "    await pilot.press('y')\n"
        "    nav = app.screen.query_one('#nav')\n"
        "    assert 'y' in nav.text\n"
    )
    good = ast.parse(
        "async def test_x(pilot):\n"
        "    await pilot.press('x')\n"
        "    assert await until(pilot, lambda: app.screen.id == 'x')\n"
    )
    path = Path("test_x.py")
    assert fixed_pauses(path, bad) == ["test_x.py:2"]
    assert sleeps_in_pilot_tests(path, bad) == ["test_x.py:3"]
    assert unwaited_assertions(path, bad) == ["test_x.py:5", "test_x.py:8"]
    assert fixed_pauses(path, good) == sleeps_in_pilot_tests(path, good) == unwaited_assertions(path, good) == []
