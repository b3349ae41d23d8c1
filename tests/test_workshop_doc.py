"""docs/workshop.md quotes the tool's output: every quoted command still prints every quoted line, so the
session plan cannot drift from what the tool says (a trimmed part is marked with …)."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT, run

DOC = ROOT / "docs" / "workshop.md"
NOT_RUN = ("serve",)  # a server runs until stopped; its start-up line is checked by tests/test_serve.py


def quoted_commands() -> list[tuple[int, list[str], list[str]]]:
    """(line number, argv after `openness`, the output lines quoted under it) for each `$ openness` line."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*)\$ openness (.*)$", line)
        if not match:
            continue
        indent, args = match.groups()
        output = []
        for following in lines[number + 1 :]:
            if following.strip().startswith("```") or following.lstrip().startswith("$ "):
                break
            output.append(following[len(indent) :] if following.startswith(indent) else following)
        found.append((number + 1, shlex.split(args), output))
    return found


COMMANDS = [c for c in quoted_commands() if c[1][0] not in NOT_RUN]


def test_the_plan_quotes_commands() -> None:
    assert len(COMMANDS) >= 15


@pytest.mark.parametrize("line, argv, quoted", COMMANDS, ids=[f"line{c[0]}" for c in COMMANDS])
def test_quoted_output_is_what_the_command_prints(line: int, argv: list[str], quoted: list[str]) -> None:
    result = run(*argv)
    assert result.returncode == 0, result.stderr
    printed = [text.rstrip() for text in result.stdout.splitlines()]
    for text in quoted:
        if not text.strip() or "…" in text:
            continue  # a blank line, or a line trimmed for the page
        assert text.rstrip() in printed, (
            f"docs/workshop.md line {line}: not printed by `openness {' '.join(argv)}`: {text!r}"
        )
