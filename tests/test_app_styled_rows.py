"""The head, the hint, the help, the help's panel and the choices put back the rows they styled before, or
styled ahead, and every row is the row Textual styles (widgets/styled_rows.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual._styles_cache import StylesCache

from questionnaire.app.widgets.choice_answer import ChoiceList
from questionnaire.app.widgets.help_panel import HelpPanel
from questionnaire.app.widgets.laid_out import KeptStatic
from questionnaire.app.widgets.styled_rows import StyledRows

from app_pilot import IDENTITY, answer_all, component, current_id, make_app, run_async, until


@run_async
async def test_every_row_drawn_in_a_walk_is_the_row_textual_styles_and_most_are_not_styled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = {"rows": 0, "styled": 0}
    drawing = [False]  # inside a widget's drawing for the screen (not the comparison, nor a row styled ahead)
    style_row = StylesCache.render_line

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        if drawing[0]:
            counts["styled"] += 1
        return style_row(self, *args, **kwargs)

    monkeypatch.setattr(StylesCache, "render_line", counted)
    context = StyledRows._rows_context

    for cls in (KeptStatic, ChoiceList, HelpPanel):
        drawn = cls.render_lines

        def checking(self: Any, crop: Any, drawn: Any = drawn) -> Any:
            drawing[0] = True
            try:
                lines = drawn(self, crop)
            finally:
                drawing[0] = False
            counts["rows"] += len(lines)
            # Textual's own drawing of the same rows: no rows kept, a styles cache of its own
            saved = self._styles_cache
            self._styles_cache = StylesCache()
            StyledRows._rows_context = lambda _self: None  # type: ignore[method-assign]
            try:
                expected = drawn(self, crop)
            finally:
                StyledRows._rows_context = context  # type: ignore[method-assign]
                self._styles_cache = saved
            assert [list(line) for line in lines] == [list(line) for line in expected], f"{self!r} at {crop}"
            return lines

        monkeypatch.setattr(cls, "render_lines", checking)

    steps = IDENTITY + component("model_parameters_final", "Apache-2.0") + component("model_parameters_intermediate")
    steps += [("components.model_metadata.released", False)]
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, steps[:8])
        app.theme = "textual-light"  # every row in other colours
        await answer_all(pilot, steps[8:12])
        await pilot.resize_terminal(120, 32)  # the help beside the question, wider
        assert await until(pilot, lambda: app.screen.has_class("-wide"))
        await answer_all(pilot, steps[12:])
        assert await until(pilot, lambda: current_id(pilot) == "development.training_compute_flop")
    assert counts["rows"] > 0
    assert counts["styled"] < counts["rows"] * 0.8, counts  # rows put back or styled ahead: not styled again
