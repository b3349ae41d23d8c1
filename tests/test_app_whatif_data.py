"""What if makes the data information's fields when it is first picked (the screen opens faster without
them): picked again after another component, they are back at 'as now', and a change to them still
counts."""

from __future__ import annotations

from pathlib import Path

from test_app_workshop import choose, headline, open_whatif, pick_component

from questionnaire.app.widgets.compact_select import CompactSelect

from app_pilot import make_app, run_async, tree_text


@run_async
async def test_the_data_fields_come_back_as_now_when_picked_again(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 36)) as pilot:
        await open_whatif(pilot, "pythia-6.9b")
        untouched = headline(pilot)
        await pick_component(pilot, "data_information")
        await choose(pilot, "whatif-description", "unpublished")
        changed = headline(pilot)
        assert changed != untouched and "training data" in changed
        await pick_component(pilot, "training_code")
        assert not app.screen.query_one("#whatif-data").display
        await pick_component(pilot, "data_information")
        assert app.screen.query_one("#whatif-data").display
        description = app.screen.query_one("#whatif-description", CompactSelect)
        assert description.value == "keep" and "As now:" in tree_text(description)
        assert headline(pilot).startswith("Now ")  # nothing changed again yet
        await choose(pilot, "whatif-description", "unpublished")
        assert headline(pilot) == changed
