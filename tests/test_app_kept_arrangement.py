"""The question panel, the answer widgets and the help keep their arrangement across heights only when it
cannot depend on the height, and then place every child where Textual would (widgets/kept_arrangement.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual._arrange import arrange as textual_arrange
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from questionnaire.app.widgets import kept_arrangement
from questionnaire.app.widgets.kept_arrangement import HeightFreeArrangement

from app_pilot import IDENTITY, answer_all, component, current_id, make_app, run_async, until


def placed(result: Any) -> list[tuple[Any, ...]]:
    return [
        (p.region, p.offset, p.margin, p.widget, p.order, p.fixed, p.overlay, p.absolute) for p in result.placements
    ]


@run_async
async def test_each_kept_arrangement_of_a_walk_places_the_children_where_textual_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[tuple[str, bool]] = []  # (container, kept: found without arranging again)
    kept_arrange = HeightFreeArrangement.arrange

    def checking(self: Any, size: Any, optimal: bool = False) -> Any:
        # what Textual's own Widget.arrange gives now: its arrangement kept for this very size (made since its
        # cache was last cleared), else one made afresh
        textual = self._arrangement_cache.get((size, self._nodes._updates, optimal))
        if textual is None:
            textual = textual_arrange(self, self._nodes, size, self.screen.size, optimal=optimal)
        before = len(self._arrangement_cache)
        result = kept_arrange(self, size, optimal)
        kept = self.arranged_by_width() and len(self._arrangement_cache) == before
        assert placed(result) == placed(textual), f"{type(self).__name__} at {size}"
        assert result.widgets == textual.widgets
        checked.append((type(self).__name__, kept))
        return result

    monkeypatch.setattr(HeightFreeArrangement, "arrange", checking)
    steps = IDENTITY + component("model_parameters_final", "Apache-2.0")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:  # the question area below the question
        await pilot.press("n")
        await answer_all(pilot, steps[:5])
        await pilot.resize_terminal(120, 32)  # beside it, wider: every arrangement made again
        assert await until(pilot, lambda: app.screen.has_class("-wide"))
        await answer_all(pilot, steps[5:])
        assert await until(pilot, lambda: current_id(pilot) == "components.model_parameters_intermediate.released")
    names = {name for name, _ in checked}
    assert {"QuestionPanel", "HelpPanel", "ChoiceAnswer", "LicensePicker"} <= names, names
    assert sum(kept for _, kept in checked) >= 2 * len(steps), "a kept arrangement found again after most answers"


class Column(HeightFreeArrangement, Vertical):
    DEFAULT_CSS = "Column { height: auto; }"


@pytest.mark.parametrize(
    ("css", "by_width"),
    [
        ("", True),  # Statics: height auto
        ("#second { height: 3; }", True),
        ("#second { height: 1fr; }", False),
        ("#second { height: 50%; }", False),
        ("#second { max-height: 100%; }", False),
        ("#second { dock: bottom; }", False),
        ("#nested { height: 5; }", True),
        ("#nested > Static { height: 1fr; }", False),
        ("Column { align: left middle; }", False),
    ],
)
def test_a_container_is_kept_by_its_width_only_when_no_child_s_height_depends_on_its_own(
    css: str, by_width: bool
) -> None:
    class Sample(App[None]):
        CSS = css

        def compose(self) -> ComposeResult:
            with Column(id="outer"):
                yield Static("one", id="first")
                yield Static("two", id="second")
                yield Input(id="field")
                with Column(id="nested"):
                    yield Static("three")

    @run_async
    async def check() -> None:
        app = Sample()
        async with app.run_test(size=(40, 20)) as pilot:
            outer = app.query_one("#outer", Column)
            assert await until(pilot, lambda: outer.size.height > 0)
            assert outer.arranged_by_width() is by_width

    Input.CONTENT_HEIGHT_FROM_WIDTH = True  # type: ignore[attr-defined]  (as AnswerField says it)
    try:
        check()
    finally:
        del Input.CONTENT_HEIGHT_FROM_WIDTH  # type: ignore[attr-defined]


def test_a_leaf_that_measures_itself_without_saying_so_is_not_kept_by_width() -> None:
    class Measuring(Static):
        def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
            return container.height // 2

    widget = Measuring("x")
    widget.styles.height = "auto"
    assert not kept_arrangement._height_of_its_own(widget)
