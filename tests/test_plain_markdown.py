"""A help with no markup is drawn without Rich's Markdown, and draws exactly what Rich's Markdown draws."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markdown import Markdown

from questionnaire.app.plain_markdown import PlainParagraphs, is_plain
from questionnaire.bank import load_bank
from questionnaire.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (12, 30, 46, 80)


def drawn(renderable: object, width: int) -> list[object]:
    console = Console(width=100, color_system="truecolor", force_terminal=True, legacy_windows=False)
    return list(console.render(renderable, console.options.update_width(width)))  # type: ignore[arg-type]


def as_markdown(text: str) -> Markdown:
    return Markdown(text, inline_code_theme="ansi_dark", hyperlinks=False)  # as the help panel makes it


def test_every_plain_text_of_the_bank_and_glossary_draws_as_rich_markdown_draws_it() -> None:
    bank = load_bank()
    texts = [q.help for q in bank.questions] + [s.help for s in bank.sections]
    texts += [entry.text for entry in load_glossary().entries]
    plain = [text for text in texts if text and is_plain(text)]
    assert bank.questions[0].help in plain  # the first question is drawn without Rich's Markdown
    assert len(plain) >= 40
    for text in plain:
        for width in WIDTHS:
            assert drawn(PlainParagraphs(text), width) == drawn(as_markdown(text), width), (width, text[:60])


@pytest.mark.parametrize(
    "text",
    [
        "*stressed*",
        "snake_case",
        "a `code` span",
        "~~struck~~",
        "[a link](https://example.org)",
        "<b>bold</b>",
        "fish &amp; chips",
        "a\\*b",
        "# A heading",
        "a | table",
        "> quoted",
        "- an item",
        "+ an item",
        "1. first",
        "3) third",
        "A heading\n===",
        "A heading\n---",
        "    indented code",
        "two spaces at the end  \nbreak the line",
        "a\ttab",
        "a\r\nwindows line",
        "a no-break\u00a0space",
        "an escape \x1b[31m",
        "a blank line of spaces\n  \nafter",
    ],
)
def test_text_with_any_markup_goes_to_rich_markdown(text: str) -> None:
    assert not is_plain(text)


SAFE = "abcZ19.,:;!?'\"-—é“()"
MARKUP = "*_`~[]<>&\\#|+=)\t\u00a0"
WORDS = st.text(alphabet=SAFE, min_size=1, max_size=8) | st.text(alphabet=SAFE + MARKUP, min_size=1, max_size=4)
LINES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
PARAGRAPHS = st.lists(LINES, min_size=1, max_size=3).map("\n".join)
TEXTS = st.lists(PARAGRAPHS, min_size=1, max_size=3).flatmap(
    lambda paragraphs: st.sampled_from(["\n\n", "\n\n\n", "\n"]).map(lambda gap: gap.join(paragraphs))
)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_any_text_taken_as_plain_draws_as_rich_markdown_draws_it(text: str) -> None:
    if is_plain(text):
        for width in (5, 17, 40):
            assert drawn(PlainParagraphs(text), width) == drawn(as_markdown(text), width)


def test_paragraphs_and_their_lines_draw_as_rich_markdown_draws_them() -> None:
    text = "A first paragraph\nwritten on two lines.\n\n\nA second, after two empty lines.\n"
    assert is_plain(text)
    for width in WIDTHS:
        assert drawn(PlainParagraphs(text), width) == drawn(as_markdown(text), width)


def test_the_first_question_and_its_help_are_drawn_without_rich_markdown(tmp_path: Path) -> None:
    """Without the warm-up (which imports it in the background), n on the welcome screen draws the first
    question and its help with neither markdown-it nor Pygments loaded: the 60 ms they cost are not
    waited for."""
    code = f"""
import asyncio, sys, time
from pathlib import Path
from questionnaire.app.app import OpennessApp
from questionnaire.bank import load_bank
async def main():
    app = OpennessApp(data_dir=Path({str(tmp_path)!r}), warm_up=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        first = load_bank().questions[0].help.split()[:3]
        deadline = time.monotonic() + 60
        def shown():
            screen = app.screen
            if type(screen).__name__ != "QuestionnaireScreen":
                return ""
            return " ".join(line.text for line in screen._compositor.render_strips())
        while " ".join(first) not in shown() and time.monotonic() < deadline:
            await pilot.pause()
        print(" ".join(first) in shown())
asyncio.run(main())
print([m for m in ("markdown_it", "pygments", "rich.markdown") if m in sys.modules])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == ["True", "[]"]
