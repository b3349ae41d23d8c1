"""What the suite's shortcuts keep: a headless app of the tests composes no frame that nobody reads
(tests/conftest.py, `_draw_frames_only_when_read`), and still fails its test when it cannot draw: the
screen a test reads, each screen's first frame and the screen a test ends on are drawn."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from app_pilot import screen_text, until


class _Counter(Widget):
    """Draws its count; raises instead once `broken`."""

    DEFAULT_CSS = "_Counter { height: 1; }"

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.broken = False

    def render(self) -> str:
        if self.broken:
            raise RuntimeError("this widget cannot draw")
        return f"pressed {self.count} times"


class _CounterApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _Counter()

    def on_key(self) -> None:
        self.query_one(_Counter).count += 1
        self.query_one(_Counter).refresh()


def test_the_screen_a_test_reads_is_the_one_the_app_has_now() -> None:
    async def body() -> list[str]:
        app = _CounterApp()
        async with app.run_test() as pilot:
            await pilot.press("a", "b", "c")
            assert await until(pilot, lambda: "pressed 3 times" in screen_text(app))
            return screen_text(app)

    assert asyncio.run(body())[0] == "pressed 3 times"


def test_a_widget_that_cannot_draw_fails_its_test_though_no_frame_was_composed() -> None:
    async def body() -> None:
        app = _CounterApp()
        async with app.run_test() as pilot:
            counter = app.query_one(_Counter)
            counter.broken = True
            counter.refresh()
            await pilot.press("a")
            assert await until(pilot, lambda: counter.count == 1)

    with pytest.raises(RuntimeError, match="cannot draw"):
        asyncio.run(body())


class _BrokenScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        counter = _Counter()
        counter.broken = True
        yield counter


def test_a_screen_that_cannot_draw_fails_its_test_though_the_test_leaves_it_unread() -> None:
    async def body() -> None:
        app = _CounterApp()
        async with app.run_test() as pilot:
            await app.push_screen(_BrokenScreen())
            assert await until(pilot, lambda: isinstance(app.screen, _BrokenScreen))
            app.pop_screen()
            assert await until(pilot, lambda: not isinstance(app.screen, _BrokenScreen))

    with pytest.raises(RuntimeError, match="cannot draw"):
        asyncio.run(body())
