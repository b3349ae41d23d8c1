"""The scan that bounds a file's nesting and entries before it is parsed (`sources.structure_problem`) reads
strings, comments and block scalars as the parser does: text inside them is never structure, and structure
after them is never taken for text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.sources import MAX_DEPTH, MAX_ENTRIES, structure_problem
from tests.conftest import ROOT, mot_files, read_yaml, run

DEEP = "nests arrays or tables more than 32 deep"
MANY = "has too many entries"


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def assert_refused(path: Path, text: str, words: str) -> None:
    path.write_text(text, encoding="utf-8")
    result = run("classify", str(path))
    assert result.returncode != 0, result.stdout
    assert result.stderr.startswith(f"openness: {path}: {words}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr


# ---------------------------------------------------------------- the files of the report

ESCAPED_QUOTES = 'z = """a\\"""b"""\n'  # the value is a"""b: the string ends at the last three quotes


def test_toml_nesting_after_escaped_quotes_in_a_multiline_string_is_refused(tmp_path: Path) -> None:
    assert tomllib.loads(ESCAPED_QUOTES) == {"z": 'a"""b'}
    assert_refused(tmp_path / "deep.toml", ESCAPED_QUOTES + "a = " + deep(400) + "\n", DEEP)


def test_toml_entries_after_escaped_quotes_in_a_multiline_string_are_refused(tmp_path: Path) -> None:
    assert_refused(tmp_path / "many.toml", ESCAPED_QUOTES + "[tI]\nk=1\n" * 300_000, MANY)


def test_yaml_entries_after_a_hash_in_quotes_are_refused(tmp_path: Path) -> None:
    text = 'release:\n  name: x\n  junk: ["x #", ' + "{}," * 1_600_000 + "{}]\n"
    assert_refused(tmp_path / "many.yml", text, MANY)


# ---------------------------------------------------------------- strings and comments, one by one

TOML_PREFIXES = [
    ESCAPED_QUOTES,
    'z = """a\\\\"""\n',  # an escaped backslash, then the end
    'z = """a""""\n',  # a" : up to two quotes of the content before the closing three
    'z = """a"""""\n',
    'z = """\na\\"""\n"""\n',
    "z = '''a''''\n",
    "z = '''a'''''\n",
    "z = '''\n]]]]]]]] \"\"\" \\\n'''\n",
    'z = "a\\"b # ]]]]]]]]"\n',
    "z = 'a\\' # \"\n",  # no escape in a literal string
    "# a \"comment' with quotes ]]]]]]]]\nz = 1\n",
    'z = 1 # """\n',
    "z = 1 # '''\n",
    '"a]"."b#" = "]]]]]]]]" # ]]]]]]]]\n',
]


@pytest.mark.parametrize("prefix", TOML_PREFIXES)
def test_toml_structure_after_any_string_or_comment_is_counted(prefix: str) -> None:
    tomllib.loads(prefix)  # a valid document
    assert structure_problem(prefix, "toml") is None
    assert structure_problem(prefix + f"a = {deep(MAX_DEPTH)}\n", "toml") is None
    assert DEEP in structure_problem(prefix + f"a = {deep(MAX_DEPTH + 1)}\n", "toml")
    assert MANY in structure_problem(prefix + "[t]\nk=1\n" * (MAX_ENTRIES + 1), "toml")


YAML_PREFIXES = [
    'a: "x #"\n',
    "a: 'x #'\n",
    "a: 'it''s # ]]]]]]]]'\n",
    'a: "a\\" # ]]]]]]]]"\n',
    'a: ["x #", \'y #\', "]]]]]]]]"]\n',
    "a: it's # \"\n",  # a quote in a plain scalar, then a comment
    'a: say "hi\n  there\n',  # a plain scalar over two lines, quotes and all
    "a: |\n  ]]]]]]]] 'x #\n  \"\n\n  ]]]]]]]]\n",
    "a: >-\n  ]]]]]]]] 'x #\n   \"\nb: 1\n",
    '- |2\n   ]]]]]]]] "\n- x\n',
    "a:\n  - b: |\n      ]]]]]]]] '\n    c: 1\n",
    "# a comment ]]]]]]]] \" '\na: 1 # ]]]]]]]] '\n",
    "a: 'several\n  lines # ]]]]]]]]\n  ''x'''\n",
    'a: "several\n  lines # ]]]]]]]] \\"\n  x"\n',
]


@pytest.mark.parametrize("prefix", YAML_PREFIXES)
def test_yaml_structure_after_any_quoted_or_block_scalar_or_comment_is_counted(prefix: str) -> None:
    read_yaml(prefix)  # a valid document
    key = "z: " if prefix[0] != "-" else "- "
    assert structure_problem(prefix, "yaml") is None
    assert structure_problem(prefix + key + deep(MAX_DEPTH) + "\n", "yaml") is None
    assert DEEP in structure_problem(prefix + key + deep(MAX_DEPTH + 1) + "\n", "yaml")
    assert MANY in structure_problem(prefix + key + "[" + "{}," * MAX_ENTRIES + "{}]\n", "yaml")


def test_yaml_lists_without_commas_and_tokens_the_parser_refuses_are_counted() -> None:
    nested = "a: [" + ",".join([deep(30)] * 4000) + "]\n"  # 4,000 commas, 120,000 lists
    assert MANY in structure_problem(nested, "yaml")
    values = "a: {" + ": " * 600_000 + "}\n"  # nothing the parser builds, but not scanned for seconds
    assert MANY in structure_problem(values, "yaml")


def test_the_shipped_files_and_the_mot_records_pass_the_scan() -> None:
    tomls = [*(ROOT / "questionnaire" / "examples").glob("*.toml"), *(ROOT / "questions").glob("*.toml")]
    tomls += [*(ROOT / "questionnaire" / "examples" / "answers").glob("*.toml")]
    tomls += [*(ROOT / "questionnaire" / "data").glob("*.toml")]
    assert tomls
    for path in tomls:
        assert structure_problem(path.read_text(encoding="utf-8"), "toml") is None, path
    for path in mot_files():
        assert structure_problem(path.read_text(encoding="utf-8"), "yaml") is None, path


# ---------------------------------------------------------------- properties

TRICKY = st.sampled_from(list("\"'\\#[]{},=:-|> \n\tab"))
TEXT = st.text(TRICKY | st.characters(blacklist_categories=("Cs",)), max_size=24)


# Pieces of the written text of a multi-line string: quotes escaped or bare, backslashes, line breaks...
BASIC_PIECES = st.lists(st.sampled_from(['"', '""', '\\"', "\\\\", "\\\n", "\n", "a", "'", "#", "]"]), max_size=12)
LITERAL_PIECES = st.lists(st.sampled_from(["'", "''", "\\", "\n", "a", '"', "#", "]"]), max_size=12)


def written(delimiter: str, pieces: list[str]) -> str | None:
    """`z = ` and a multi-line string of the pieces, or None when that is not valid TOML."""
    document = f"z = {delimiter}{''.join(pieces)}{delimiter}\n"
    try:
        tomllib.loads(document)
    except tomllib.TOMLDecodeError:
        return None
    return document


@settings(max_examples=500, deadline=None)
@given(TEXT, BASIC_PIECES, LITERAL_PIECES)
def test_toml_any_string_hides_its_text_and_nothing_after_it(text: str, basic: list[str], literal: list[str]) -> None:
    documents = [tomli_w.dumps({"z": text}), tomli_w.dumps({"z": text}, multiline_strings=True)]
    documents += [written('"""', basic), written("'''", literal)]
    for document in filter(None, documents):
        assert structure_problem(document, "toml") is None, document
        assert structure_problem(document + f"a = {deep(MAX_DEPTH)}\n", "toml") is None, document
        assert DEEP in structure_problem(document + f"a = {deep(MAX_DEPTH + 1)}\n", "toml"), document


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([None, '"', "'", "|", ">"]))
def test_yaml_any_scalar_hides_its_text_and_nothing_after_it(text: str, style: str | None) -> None:
    document = yaml.safe_dump({"k": text, "l": [text]}, default_style=style, allow_unicode=True)
    read_yaml(document)
    assert structure_problem(document, "yaml") is None, document
    assert structure_problem(document + f"z: {deep(MAX_DEPTH)}\n", "yaml") is None, document
    assert DEEP in structure_problem(document + f"z: {deep(MAX_DEPTH + 1)}\n", "yaml"), document


def nested(data: st.DataObject, levels: int) -> object:
    """A value nested `levels` deep in lists and maps, with strings beside each level."""
    value: object = data.draw(TEXT)
    for _ in range(levels):
        if data.draw(st.booleans()):
            value = [data.draw(TEXT), value] if data.draw(st.booleans()) else [value, data.draw(TEXT)]
        else:
            value = {"k" + data.draw(TEXT): data.draw(TEXT), "v": value}
    return value


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_value_nested_past_the_limit_among_any_strings_is_refused(data: st.DataObject) -> None:
    value = nested(data, MAX_DEPTH)
    toml = tomli_w.dumps({"z": [data.draw(TEXT), value]})  # one more level, as an inline array
    assert tomllib.loads(toml)["z"][1] == value
    assert structure_problem(toml, "toml") is not None, toml
    flow = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True)  # flow, the top level too
    assert len(read_yaml(flow)) == 1  # (PyYAML does not give every string back as it was: "\x85" is " ")
    assert DEEP in structure_problem(flow, "yaml"), flow
    fits = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
    assert structure_problem(fits, "yaml") is None, fits
