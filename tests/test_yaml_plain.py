"""A MOT record's plain block YAML is read without libyaml (questionnaire.sources._simple_yaml): the same
value as PyYAML's, or left to PyYAML whenever the text holds anything else."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import sources
from questionnaire.errors import UserError

RECORD = """framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Toy-7B
  version: 7B
  producer: 'Allen Institute for AI'
  contact: ''
  license:
    distribution:
      name: Apache-2.0
      path: ''
    code: {  }
  components:
    -
      name: 'Model architecture'
      description: "Well commented code for the model's architecture"
    -
      name: 'Research paper'
      description: 'It''s the paper'
      license: CC-BY-4.0
"""


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)


def test_a_plain_record_is_read_directly_as_pyyaml_reads_it() -> None:
    value = sources._simple_yaml(RECORD, sources._yaml_loader())
    assert _same(value, _pyyaml(RECORD))
    assert value["release"]["components"][1]["description"] == "It's the paper"
    assert value["release"]["license"]["code"] == {}


@pytest.mark.parametrize(
    "line",
    [
        "  version: 7",  # a number
        "  version: 1.0",
        "  date: 2024-12-15",  # a date
        "  contact:",  # null
        "  contact: null",
        "  contact: ~",
        "  yes: 'a key read as a boolean'",
        "  contact: 'a' # a comment",
        "\tcontact: 'a tab'",
        '  contact: "an escape \\n"',
        "  contact: Pan-\u03b1",  # not ASCII, and not quoted
        "  cont\u00e4ct: 'a'",  # a key not ASCII
        "  contact: 'a\u2028b'",  # line and paragraph separators, NEL: line breaks to YAML 1.1
        "  contact: 'a\x85b'",
        "  contact: 'a\u00a0b'",  # a space other than the space (unprintable to Python): left to PyYAML
        "  contact: a: b",
        "  contact: [a, b]",
        "  contact: &anchor a",
        "  contact: !!str a",
        "  contact: |",
        "  contact: 'a' ",  # a trailing space
        "  contact: 'unclosed",
        "  contact: 'two' 'quoted'",
    ],
)
def test_anything_else_is_left_to_pyyaml(line: str) -> None:
    text = RECORD.replace("  contact: ''", line)
    with pytest.raises(sources._NotPlain):
        sources._simple_yaml(text, sources._yaml_loader())
    try:
        expected = _pyyaml(text)
    except yaml.YAMLError:
        with pytest.raises(UserError):
            sources.parse_yaml(text, "m.yml")
    else:
        assert _same(sources.parse_yaml(text, "m.yml"), expected)


@pytest.mark.parametrize(
    "text", ["Pan-\u03b1", "Academy（BAAl）", "with \u201capache-2\u201d", "TeleChat\u6a21\u578b", "a \U0001f600"]
)
def test_a_quoted_value_beyond_ascii_is_read_directly_as_pyyaml_reads_it(text: str) -> None:
    for line in (f"  contact: '{text}'", f'  contact: "{text}"'):
        record = RECORD.replace("  contact: ''", line)
        value = sources._simple_yaml(record, sources._yaml_loader())
        assert value["release"]["contact"] == text
        assert _same(value, _pyyaml(record))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
def test_any_quoted_value_read_directly_is_read_as_pyyaml_reads_it(text: str) -> None:
    """Whatever characters a quoted value holds: read directly only when PyYAML reads the same value."""
    for line in ("  contact: '" + text.replace("'", "''") + "'", f'  contact: "{text}"'):
        record = RECORD.replace("  contact: ''", line)
        try:
            value = sources._simple_yaml(record, sources._yaml_loader())
        except sources._NotPlain:
            continue
        assert _same(value, _pyyaml(record)), line
        assert _same(value, yaml.load(record, Loader=sources._yaml_loader())), line


def test_mutated_records_read_directly_are_read_as_pyyaml_reads_them() -> None:
    """Random edits of a record (characters, indentation, lines): whenever the direct reading accepts the
    result, PyYAML reads it too, to the same value."""
    rnd = random.Random(7)
    pieces = list(" \n\t'\"-:#{}[]&*!|>%@,?.\\~09axTNny_=\r") + ["''", ": ", " #", "\n  ", "\n-\n", "{ }", "- ", "null"]
    accepted = 0
    for _ in range(3000):
        lines = RECORD.split("\n")
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(len(lines))
            op = rnd.random()
            if op < 0.45:
                j = rnd.randint(0, len(lines[i]))
                lines[i] = lines[i][:j] + rnd.choice(pieces) + lines[i][j:]
            elif op < 0.65 and lines[i]:
                j = rnd.randrange(len(lines[i]))
                lines[i] = lines[i][:j] + lines[i][j + 1 :]
            elif op < 0.8:
                lines.insert(rnd.randrange(len(lines)), lines[i])
            elif op < 0.9:
                del lines[i]
            else:
                lines[i] = " " + lines[i] if rnd.random() < 0.5 else lines[i][1:]
        text = "\n".join(lines)
        try:
            value = sources._simple_yaml(text, sources._yaml_loader())
        except sources._NotPlain:
            continue
        accepted += 1
        assert _same(value, _pyyaml(text)), text
    assert accepted > 100
