"""Hostile text never reaches the terminal: control characters (ESC ] 52 writes the clipboard, ESC ] 2
retitles the window), bidi overrides and invisible characters are refused in answers with a message
naming the field, shown escaped wherever else text from a file or a path is shown, and every export of
a declaration holding them is valid in its format."""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import declaration, exporters, loading
from questionnaire.app.session import answers_from_declaration
from questionnaire.errors import UserError
from questionnaire.text import MAX_ANSWER_LENGTH, json_text, one_line, plain, unsafe_character
from tests.conftest import open_source_answers, run, write_answers

from app_pilot import make_app, run_async, until

CLIPBOARD = "\x1b]52;c;aGVsbG8=\x07"  # OSC 52: write "hello" to the clipboard
RETITLE = "\x1b]2;pwned\x1b\\"  # OSC 2: set the window title
BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
C1_AND_DEL = ["\x7f", "\x85", "\x9b", "\x9d"]
HIDDEN = BIDI + ZERO_WIDTH + C1_AND_DEL + ["\x1b", "\x07", "\x00", "\r", "\u2028", "\ufffe", "\U000e0041"]
# Anything a terminal obeys or hides, or XML refuses: what no output may hold raw.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffe\uffff\U000e0000-\U000e007f]"
)


def toml_string(text: str) -> str:
    """A TOML basic string holding `text`, with every non-ASCII or control character as an escape."""
    return '"' + "".join(ch if " " <= ch <= "~" and ch not in '"\\' else f"\\U{ord(ch):08x}" for ch in text) + '"'


# ---------------------------------------------------------------- the display helper


@pytest.mark.parametrize("char", HIDDEN)
def test_every_hidden_character_is_shown_as_a_visible_escape(char: str) -> None:
    shown = one_line(f"a{char}b")
    assert RAW.search(shown) is None
    assert shown.startswith("a\\") and shown.endswith("b")
    assert plain("line\n\tindented") == "line\n\tindented"  # plain keeps tab and newline ...
    assert one_line("line\n\tindented") == "line\\n\\tindented"  # ... one_line shows them too


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_displayed_text_and_json_never_hold_a_raw_hidden_character(text: str) -> None:
    assert RAW.search(one_line(text)) is None
    assert RAW.search(plain(text).replace("\n", "").replace("\t", "")) is None
    encoded = json_text({"name": text})
    assert RAW.search(encoded) is None
    assert json.loads(encoded) == {"name": text}  # the same value, escaped


@pytest.mark.parametrize("char", HIDDEN + ["\t", "\n"])
def test_unsafe_character_names_the_character_and_its_position(char: str) -> None:
    problem = unsafe_character(f"Name{char}")
    assert problem is not None and "at position 5" in problem and RAW.search(problem) is None
    assert unsafe_character("OLMo-7B · 名前 — ok") is None


# ---------------------------------------------------------------- refused where answers are read


def hostile_declaration(tmp_path: Path, name: str, *, model_name: str | None = None) -> Path:
    """A declaration file whose answered name (and model name) hold `name`, written as TOML escapes."""
    text = declaration.to_toml(declaration.build(open_source_answers(**{"identity.name": "Clean"})))
    answers_at = text.index("[answers.identity]")
    head, tail = text[:answers_at], text[answers_at:]
    head = head.replace('name = "Clean"', f"name = {toml_string(model_name if model_name is not None else name)}", 1)
    tail = tail.replace('name = "Clean"', f"name = {toml_string(name)}", 1)
    path = tmp_path / "hostile.toml"
    path.write_text(head + tail, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", [f"Evil{CLIPBOARD}", f"Evil{RETITLE}"])
def test_edit_refuses_a_name_that_would_write_the_clipboard_or_retitle_the_window(tmp_path: Path, name: str) -> None:
    path = hostile_declaration(tmp_path, name)
    assert tomllib.loads(path.read_text())["answers"]["identity"]["name"] == name
    with pytest.raises(UserError) as refused:
        answers_from_declaration(str(path))  # what `openness edit` reads before the app starts
    message = str(refused.value)
    assert message == (
        f"{path}: is not a valid declaration: answers.identity.name: holds the control character "
        "\\x1b at position 5; control and invisible characters are not accepted"
    )
    result = run("edit", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"openness: {message}\n"


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH + C1_AND_DEL)
def test_bidi_zero_width_and_c1_characters_in_a_licence_are_refused_naming_the_field(tmp_path: Path, char: str) -> None:
    answers = open_source_answers(**{"components.datasets.license": f"CC-BY-4.0{char}"})
    source = write_answers(tmp_path / "answers.toml", answers)
    with pytest.raises(
        UserError,
        match=r"components\.datasets\.license: holds the (invisible|control) character "
        r"\\[xu][0-9a-f]+.* at position 10",
    ):
        loading.load(str(source))


def test_a_mot_record_or_a_model_card_with_a_hidden_character_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "model.yml"
    record.write_text(
        yaml.safe_dump(
            {
                "release": {
                    "name": "Model\u202egnp.exe",
                    "components": [{"name": "Model parameters (Final)", "license": "Apache-2.0"}],
                }
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        UserError,
        match=r"model\.yml: identity\.name: holds the invisible character \\u202e "
        r"\(right-to-left override\)",
    ):
        loading.load(str(record))
    card = tmp_path / "README.md"
    card.write_text('---\nlicense: mit\nmodel_name: "Zero\\u200bWidth"\n---\n# Zero\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"README\.md: identity\.name: holds the invisible character \\u200b"):
        loading.load(str(card))


def test_every_character_refused_in_an_answer_is_unprintable() -> None:
    """loading._shown_as_text passes the answers of a record whose texts are all printable without looking
    further: that holds only while every character `unsafe_character` refuses is one str.isprintable refuses."""
    import sys

    refused = [chr(code) for code in range(sys.maxunicode + 1) if unsafe_character(chr(code)) is not None]
    assert "\t" in refused and "\u202e" in refused
    assert [f"U+{ord(char):04X}" for char in refused if char.isprintable()] == []


def test_a_typed_or_pasted_answer_with_a_control_character_is_refused() -> None:
    from questionnaire.bank import load_bank

    bank = load_bank()
    value, problem = bank.validate_value("identity.name", f"Evil{CLIPBOARD}")
    assert problem == (
        "The answer holds the control character \\x1b at position 5; control and invisible characters are not accepted."
    )
    value, problem = bank.validate_value("components.datasets.license", "MIT\u2066")
    assert problem is not None and "\\u2066" in problem


@run_async
async def test_pasting_a_control_sequence_into_an_answer_is_refused(tmp_path: Path) -> None:
    from textual import events
    from textual.widgets import Input

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        field = app.screen.query_one("#answer-input", Input)
        field.post_message(events.Paste(f"Evil{CLIPBOARD}"))
        await pilot.pause()
        assert await until(pilot, lambda: field.value == "")  # refused whole: nothing of it reaches the screen
        field.post_message(events.Paste("OLMo\u202e"))
        await pilot.pause()
        assert await until(pilot, lambda: field.value == "")
        field.post_message(events.Paste("OLMo-7B"))
        await pilot.pause()
        assert await until(pilot, lambda: field.value == "OLMo-7B")


# ---------------------------------------------------------------- the CLI's JSON


def test_json_output_escapes_del_c1_and_bidi_characters(tmp_path: Path) -> None:
    path = write_answers(tmp_path / "r\x7fe\x85d\u202etxt.toml", open_source_answers())
    result = run("classify", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert RAW.search(result.stdout.replace("\n", "")) is None
    assert json.loads(result.stdout)["source"] == str(path)  # the exact path, escaped by JSON
    text = run("classify", str(path))
    # the report wraps a long path where the width ends (the test's folder varies in length): read it unwrapped
    unwrapped = "".join(line.strip() for line in text.stdout.splitlines())
    assert RAW.search(unwrapped) is None and "r\\x7fe\\x85d\\u202etxt.toml" in unwrapped


# ---------------------------------------------------------------- every export is valid


def test_hostile_sources_are_refused_and_every_export_would_escape_them_anyway(tmp_path: Path) -> None:
    """`[sources]` (a URL, a note, the question id it is for) is refused, as an answer is, when it holds a hidden
    character: `declare` wrote such text into the declaration raw (tomli_w escapes C0 and DEL, not C1 or bidi
    controls). Each export of a declaration that holds one anyway (built around the check) still parses and
    holds no raw hidden character: the escaping stays a second line of defence."""
    hostile = f"Evil{CLIPBOARD}{RETITLE}\u202eexe.\ufffe\x85\x7f\u200b\U000e0041 [bold] <b>&amp;"
    answers = open_source_answers(**{"identity.name": "Clean"})
    key = "components.model_parameters_final.license"
    with pytest.raises(ValueError, match="holds the control character"):
        declaration.SourceEntry(url="https://example.org/" + hostile, checked=date(2026, 12, 1))
    sources = {
        key: declaration.SourceEntry.model_construct(
            url="https://example.org/" + hostile, checked=date(2026, 12, 1), note=hostile
        )
    }
    decl = declaration.build(answers, sources=sources)
    path = tmp_path / "hostile.toml"
    path.write_text(declaration.to_toml(decl), encoding="utf-8")
    # read back from the file: refused, naming where
    for command in (("check", str(path)), ("export", str(path), "--format", "json"), ("classify", str(path))):
        result = run(*command)
        assert result.returncode == 2 and result.stdout == "", command
        assert result.stderr.startswith(
            f"openness: {path}: is not a valid declaration: sources.{key}.url: holds the control character "
            "\\x1b at position 25; control and invisible characters are not accepted"
        )
        assert result.stderr.count("\n") == 1 and RAW.search(result.stderr.replace("\n", "")) is None
    texts = {fmt: exporters.export(decl, fmt).text for fmt in exporters.FORMATS}
    ET.fromstring(texts["badge"])
    assert json.loads(texts["json"])["sources"][key]["note"] == hostile
    assert yaml.safe_load(texts["mot"]) is not None
    assert yaml.safe_load(texts["hf"].strip().strip("-")) is not None
    assert "Evil\\\\x1b" in texts["markdown"]  # escaped, and the backslash escaped for Markdown
    for fmt, text in texts.items():
        assert RAW.search(text.replace("\n", "")) is None, fmt


@pytest.mark.parametrize("char", ["\x9b", "\u202e", "\u2028", "\u200b", "\x1b"])
@pytest.mark.parametrize("field", ["url", "note", "key"])
def test_declare_refuses_a_hidden_character_in_the_sources_of_an_answers_file(
    tmp_path: Path, char: str, field: str
) -> None:
    url, note, key = "https://example.org/a", "read there", "components.datasets.license"
    if field == "url":
        url += char
    elif field == "note":
        note += char
    else:
        key += char
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    import tomli_w

    source.write_text(
        source.read_text(encoding="utf-8")
        + "\n"
        + tomli_w.dumps({"sources": {key: {"url": url, "checked": date(2026, 12, 1), "note": note}}}),
        encoding="utf-8",
    )
    out = tmp_path / "declaration.toml"
    result = run("declare", str(source), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.startswith(f"openness: {source}: sources: ")
    assert ("a key holds" if field == "key" else f"{key}.{field}: holds") in result.stderr
    assert RAW.search(result.stderr.replace("\n", "")) is None


def test_a_model_card_licence_link_with_a_hidden_character_is_refused(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        '---\nlicense: other\nlicense_name: Foo\nlicense_link: "https://x.org/\\u009b31m"\n---\n# Card\n',
        encoding="utf-8",
    )
    result = run("declare", str(card), "-o", str(tmp_path / "out.toml"))
    assert result.returncode == 2
    assert result.stderr == (
        f"openness: {card}: front matter license_link: holds the control character \\x9b at position 15; "
        "control and invisible characters are not accepted\n"
    )


def test_a_hostile_model_name_edited_into_a_declaration_is_refused_by_every_export(tmp_path: Path) -> None:
    hostile = f"Evil{CLIPBOARD}{RETITLE}\u202eexe."
    path = hostile_declaration(tmp_path, "Clean", model_name=hostile)
    for fmt in exporters.FORMATS:
        result = run("export", str(path), "--format", fmt)
        assert result.returncode == 1 and result.stdout == ""
        assert "model.name: stored 'Evil\\x1b]52;" in result.stderr
        assert RAW.search(result.stderr.replace("\n", "")) is None


def test_a_path_with_control_characters_is_never_offered_as_the_save_path(tmp_path: Path) -> None:
    from questionnaire.app.session import Session

    hostile = str(tmp_path / f"decl{RETITLE}.toml")
    session = Session(open_source_answers(), source=hostile, data_dir=tmp_path)
    assert session.default_save_path() == "Example-7B-openness.toml"  # the Save dialog's input shows this
    assert Session(open_source_answers(), source="decl.toml", data_dir=tmp_path).default_save_path() == "decl.toml"


def test_a_hidden_character_in_a_name_a_warning_quotes_is_escaped_once(tmp_path: Path) -> None:
    """A MOT record's unknown component, named with an ESC: the warning shows \\x1b once, not \\\\x1b (the
    escaped text was quoted with repr, which escaped its backslash again)."""
    record = tmp_path / "model.yml"
    record.write_text(
        'release:\n  name: M\n  components:\n    - name: "Mystery\\e[31mX"\n      license: MIT\n'
        "    - name: Model parameters (Final)\n      license: MIT\n",
        encoding="utf-8",
    )
    result = run("classify", str(record))
    assert result.returncode == 0
    assert "component 'Mystery\\x1b[31mX' is not one of the 17 MOF components; ignored" in result.stdout
    assert RAW.search(result.stdout.replace("\n", "")) is None


# ---------------------------------------------------------------- text too long to be an answer

# A licence string of a few hundred thousand characters, as a stranger's file can hold (under the 5 MB limit
# of a file): it was looked up word by word, and written back into each reason naming it.
HUGE = "Apache License " * 20_000


def _too_long(field: str, length: int) -> str:
    return f"{field}: is {length:,} characters long; at most {MAX_ANSWER_LENGTH:,} are accepted"


def test_an_answer_longer_than_the_limit_is_refused_from_every_kind_of_file(tmp_path: Path) -> None:
    from questionnaire import drafts

    licence = "components.datasets.license"
    at_limit = "x" * MAX_ANSWER_LENGTH
    source = write_answers(tmp_path / "answers.toml", open_source_answers(**{licence: at_limit}))
    assert loading.load(str(source)).answers[licence] == at_limit  # the limit itself is an answer
    over = at_limit + "x"
    source = write_answers(tmp_path / "answers.toml", open_source_answers(**{licence: over}))
    with pytest.raises(UserError) as refused:
        loading.load(str(source))
    assert str(refused.value) == f"{source}: {_too_long(licence, MAX_ANSWER_LENGTH + 1)}"

    stored = declaration.to_toml(declaration.build(open_source_answers(**{"identity.name": "Clean"})))
    path = tmp_path / "long.toml"
    path.write_text(stored.replace('name = "Clean"', f'name = "{over}"'), encoding="utf-8")
    with pytest.raises(
        UserError, match=re.escape(f"declaration: {_too_long('answers.identity.name', MAX_ANSWER_LENGTH + 1)}")
    ):
        loading.load(str(path))

    record = tmp_path / "model.yml"
    component = {"name": "Research paper", "license": over}
    record.write_text(yaml.safe_dump({"release": {"name": "M", "components": [component]}}), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        loading.load(str(record))
    assert str(refused.value) == f"{record}: {_too_long('components.research_paper.license', MAX_ANSWER_LENGTH + 1)}"

    card = tmp_path / "README.md"
    card.write_text(f"---\nlicense: other\nlicense_name: Foo\nlicense_link: https://x.org/{over}\n---\n# M\n")
    with pytest.raises(UserError) as refused:
        loading.load(str(card))
    assert str(refused.value) == f"{card}: {_too_long('front matter license_link', MAX_ANSWER_LENGTH + 15)}"

    drafts.save(drafts.Draft({"identity.name": over}, None, None, ""), tmp_path / "data")
    with pytest.raises(drafts.DraftError, match=re.escape("'identity.name' is 2,001 characters long")):
        drafts.load(tmp_path / "data")
    drafts.save(drafts.Draft({"q" * 3_000_000: "yes"}, None, None, ""), tmp_path / "data")
    with pytest.raises(drafts.DraftError) as refused:  # named by its length, not written out
        drafts.load(tmp_path / "data")
    assert str(refused.value).endswith(": an answer's question id " + _too_long("", 3_000_000)[2:])
    assert len(str(refused.value)) < 300


def test_classify_refuses_a_huge_licence_in_one_line_at_once(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers(**{"components.datasets.license": HUGE}))
    result = run("classify", str(source))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"openness: {source}: {_too_long('components.datasets.license', len(HUGE))}\n"


def test_a_typed_answer_longer_than_the_limit_is_refused() -> None:
    from questionnaire.bank import load_bank

    bank = load_bank()
    assert bank.validate_value("identity.name", "x" * MAX_ANSWER_LENGTH)[1] is None
    assert bank.validate_value("identity.name", "x" * (MAX_ANSWER_LENGTH + 1))[1] == (
        f"The answer is 2,001 characters long; at most {MAX_ANSWER_LENGTH:,} are accepted."
    )


@pytest.mark.parametrize("reached", ["after a typed question", "first, from a draft"])
@run_async
async def test_pasting_more_than_an_answer_holds_into_the_licence_field_is_refused(
    tmp_path: Path, reached: str
) -> None:
    """The licence field is made by the typed questions' widget when one came before, by the licence
    picker's own when a draft is resumed at the licence: both refuse it."""
    from textual import events
    from textual.widgets import Input

    from questionnaire import drafts

    from app_pilot import IDENTITY, answer_all, current_id

    licence = "components.model_parameters_final.license"
    if reached != "after a typed question":
        answers = {**dict(IDENTITY), "components.model_parameters_final.released": True}
        drafts.save(drafts.Draft(answers, licence, None, ""), tmp_path / "data")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        if reached == "after a typed question":
            await pilot.press("n")
            await answer_all(pilot, [*IDENTITY, ("components.model_parameters_final.released", True)])
            await answer_all(pilot, [("components.model_parameters_final.location", "")])
        else:
            await pilot.press("enter")  # resume the draft, offered first
        assert await until(pilot, lambda: current_id(pilot) == licence)
        field = app.screen.query_one("#answer-input", Input)
        field.post_message(events.Paste(HUGE))
        field.post_message(events.Paste("M" * (MAX_ANSWER_LENGTH + 1)))
        field.post_message(events.Paste("MIT"))
        # refused whole, each of the two: only the last paste is in the field
        assert await until(pilot, lambda: field.value == "MIT")


def test_a_declaration_whose_generator_is_huge_is_refused_before_any_export(tmp_path: Path) -> None:
    """The generator is the one text of a declaration that `check` never compares (another version of the
    tool may have written it), and every export shows it: it is bounded by the schema instead."""
    stored = declaration.to_toml(declaration.build(open_source_answers()))
    path = tmp_path / "generator.toml"
    path.write_text(stored.replace('generator = "openness ', f'generator = "{HUGE}', 1), encoding="utf-8")
    for command in (["check"], ["export", "--format", "markdown"]):
        result = run(*command, str(path))
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == (
            f"openness: {path}: is not a valid declaration: classification.generator: String should have at most "
            f"{declaration.GENERATOR_LENGTH} characters\n"
        )


def test_the_json_schema_gives_the_limits_to_other_tools() -> None:
    result = run("schema")
    assert result.returncode == 0
    definitions = json.loads(result.stdout)["$defs"]
    name = definitions["AnswersIdentity"]["properties"]["name"]["anyOf"][0]
    assert name == {"type": "string", "maxLength": MAX_ANSWER_LENGTH}
    assert definitions["SourceEntry"]["properties"]["url"]["maxLength"] == MAX_ANSWER_LENGTH
    assert definitions["ClassificationEntry"]["properties"]["generator"]["maxLength"] == declaration.GENERATOR_LENGTH
