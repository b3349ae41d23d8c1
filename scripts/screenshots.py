"""Drive the app headless and save SVG screenshots of each screen into screenshots/.

    python scripts/screenshots.py [--size 120x36] [--out screenshots]

The walk is the one a publisher of Llama-3.1-8B makes: resume a draft, pick the licence, answer how
people get the weights, then review, result and save; then what a workshop looks at: what if the
weights were open, a comparison with the tiers above, the examples and the glossary. Deterministic: a
fixed clock and theme, a temporary data folder, no cursor blink.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionnaire import drafts  # noqa: E402
from questionnaire.app.app import OpennessApp  # noqa: E402
from questionnaire.components import COMPONENTS  # noqa: E402

NOW = datetime(2025, 6, 2, 10, 30, tzinfo=UTC)
NAME = "Llama-3.1-8B"
STILL_WITHIN = 30.0  # seconds a screen may take to stop changing

STARTED = {
    "identity.name": NAME,
    "identity.version": "",
    "identity.publisher": "Meta",
    "identity.contact": "",
    "identity.architecture": "decoder-only transformer, 8B parameters",
    "identity.repository": "https://huggingface.co/meta-llama/Llama-3.1-8B",
    "identity.modality": "text",
    "identity.is_finetune": False,
    "components.model_parameters_final.released": True,
    "components.model_parameters_final.location": "https://huggingface.co/meta-llama/Llama-3.1-8B",
}
# The rest of the release, as Meta publishes it: code for the architecture and inference under the
# Llama licence, a model card and a paper; no training code, data or data information.
RELEASED = {
    "model_architecture": "LicenseRef-Llama-3.1",
    "inference_code": "LicenseRef-Llama-3.1",
    "model_card": "LicenseRef-Llama-3.1",
    "research_paper": "unlicensed",
}


def rest_of_the_answers() -> dict[str, object]:
    answers: dict[str, object] = {
        "development.supporting_libraries_used": False,
        "data_information.description": False,
        "data_information.public_list": "not_published",
        "data_information.third_party_list": "not_published",
    }
    for component in COMPONENTS:
        key = component.key
        if key == "model_parameters_final":
            continue
        released = key in RELEASED
        answers[f"components.{key}.released"] = released
        if released:
            answers[f"components.{key}.license"] = RELEASED[key]
            answers[f"components.{key}.access"] = "public"
    return answers


async def take(size: tuple[int, int], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as data:
        drafts.save(
            drafts.Draft(
                dict(STARTED), "components.model_parameters_final.license", None, NOW.isoformat(timespec="seconds")
            ),
            data,
        )
        app = OpennessApp(
            data_dir=Path(data), clock=lambda: NOW, theme="textual-dark", cursor_blink=False, warm_up=False
        )

        async def shot(name: str) -> None:
            # once the screen is still: the same image across two pauses in a row (one pause can end a layout
            # short of the screen the keys lead to, e.g. before the scrollbar its content brings)
            images: list[str] = []
            deadline = time.monotonic() + STILL_WITHIN
            while len(images) < 3 or len(set(images[-3:])) > 1:
                if time.monotonic() > deadline:
                    raise SystemExit(f"the {name} screen did not stop changing within {STILL_WITHIN:g} s")
                await pilot.pause()
                await pilot.wait_for_scheduled_animations()
                images.append(app.export_screenshot())
            path = out / f"{name}.svg"
            path.write_text(images[-1], encoding="utf-8")
            written.append(path)

        async with app.run_test(size=size) as pilot:
            await shot("welcome")
            await pilot.press("r")  # resume the draft: it stopped at the licence of the weights
            await pilot.press(*"llama3.1")
            await shot("licence-picker")
            await pilot.press("enter")
            await shot("question")
            await pilot.press("3")  # approval gate
            assert app.session is not None
            for question_id, value in rest_of_the_answers().items():
                app.session.set(question_id, value)
            app.session.move_to("components.model_parameters_final.access")  # the review opens there
            await pilot.press("ctrl+r")
            await shot("review")
            await pilot.press("ctrl+t")
            await shot("result")
            app.screen.query_one("#frameworks").scroll_visible(top=True, animate=False)
            await shot("result-frameworks")
            await pilot.press("ctrl+s")
            await shot("save")
            await pilot.press("escape")  # back to the result: the teaching screens
            await pilot.press("w")  # what if the weights were under Apache-2.0 and downloadable by anyone?
            await pilot.press("enter")  # the weights are the first component: on to its fields
            await pilot.press("tab", "enter", "down", "enter")  # licence: the first offered, Apache-2.0
            await pilot.press("tab", "tab", "enter", "down", "enter")  # past the typed licence: access, public
            await shot("whatif")
            await pilot.press("escape", "c")
            await shot("compare")
            await pilot.press("escape", "e")
            await shot("examples")
            await pilot.press("escape", "ctrl+g", *"open weight")
            await shot("glossary")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x36", help="terminal size, COLUMNSxROWS (default 120x36)")
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="folder for the SVG files")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.lower().split("x"))
    for path in asyncio.run(take((columns, rows), Path(args.out))):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
