"""The question bank defines the answers: a question added to a copy of the bank, in TOML alone, is asked by
the app, saved in the declaration, accepted by `openness check` and exported, with no change to the code.

The copy is made the bank in use with `OPENNESS_QUESTIONS`, as a publisher with questions of their own
would do."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from questionnaire import resources
from questionnaire.answers import answers_model, validate_answers
from questionnaire.app.screens.save import SaveScreen
from questionnaire.bank import Bank, BankError, Question, Section, load_bank
from questionnaire.errors import UserError

from app_pilot import (
    IDENTITY,
    answer,
    answer_all,
    current_id,
    make_app,
    on_screen,
    run_async,
    tree_text,
    type_text,
    until,
)
from conftest import ROOT, run, run_process, write_answers

OWN_QUESTIONS = '''
[[question]]
id = "identity.paper_doi"
type = "url"
prompt = "Where is the paper that describes the model?"
help = """
The address of the paper (a DOI link, or its page on arXiv) that describes how the model was made. \\
Readers go there for what the declaration cannot say."""
placeholder = "https://doi.org/"

[[question]]
id = "identity.parameter_count"
type = "number"
prompt = "How many parameters does the model have?"
help = """
The number of trained parameters, such as 7e9 for a 7B model. Write unknown if it is not published."""
'''
PAPER = "https://example.org/papers/example-7b"


@pytest.fixture
def own_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped bank with two questions of one's own at the end of its identity section: the bank in use."""
    bank = tmp_path / "my-questions"
    shutil.copytree(resources.shipped_questions_dir(), bank)
    identity = bank / "00-identity.toml"
    identity.write_text(identity.read_text(encoding="utf-8") + OWN_QUESTIONS, encoding="utf-8")
    monkeypatch.setenv(resources.QUESTIONS_ENV, str(bank))
    return bank


def test_no_code_names_the_new_questions() -> None:
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "questionnaire").rglob("*.py")]
    assert not any("paper_doi" in text or "parameter_count" in text for text in sources)


@run_async
async def test_a_question_added_in_toml_alone_is_asked_saved_checked_and_exported(
    own_bank: Path, tmp_path: Path
) -> None:
    target = tmp_path / "example-openness.toml"
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, [(qid, "Example-7B" if qid == "identity.name" else value) for qid, value in IDENTITY])

        def shown() -> str:
            return " ".join(tree_text(app.screen).split())

        # asked, after the shipped identity questions: its prompt, and its row in the sidebar (drawn a frame
        # after the question, with the progress and the verdict)
        assert await until(
            pilot,
            lambda: (
                current_id(pilot) == "identity.paper_doi"
                and "Where is the paper that describes the model?" in shown()
                and "› Paper doi" in shown()
            ),
        )
        await pilot.press(*"example.org/paper", "enter")  # checked as the bank's url type is
        await pilot.pause()
        assert await until(  # still asked, with the bank's check said in place
            pilot,
            lambda: current_id(pilot) == "identity.paper_doi" and "A web address starts with https://" in shown(),
        )
        await answer(pilot, "identity.paper_doi", PAPER)
        await answer(pilot, "identity.parameter_count", "7e9")
        assert await until(
            pilot, lambda: current_id(pilot) == "components.model_parameters_final.released"
        )  # on to the next section
        await answer(pilot, "components.model_parameters_final.released", False)
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: on_screen(app, SaveScreen))  # its field takes the path, not the question's
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        assert await until(pilot, lambda: target.exists() and not on_screen(app, SaveScreen))
    saved = tomllib.loads(target.read_text(encoding="utf-8"))
    assert saved["model"]["paper_doi"] == saved["answers"]["identity"]["paper_doi"] == PAPER
    assert saved["model"]["parameter_count"] == saved["answers"]["identity"]["parameter_count"] == 7e9

    checked = run("check", str(target))
    assert checked.returncode == 0, checked.stderr
    markdown = run("export", str(target), "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert f"| Where is the paper that describes the model? | <{PAPER}> |" in markdown.stdout
    assert "| How many parameters does the model have? | 7e+09 |" in markdown.stdout
    exported = json.loads(run("export", str(target), "--format", "json").stdout)
    assert exported["model"]["paper_doi"] == exported["answers"]["identity"]["paper_doi"] == PAPER
    schema = json.loads(run("schema").stdout)
    assert schema["$defs"]["AnswersIdentity"]["properties"]["paper_doi"]["anyOf"][0]["type"] == "string"
    assert "paper_doi" in schema["$defs"]["Model"]["properties"]
    listed = run("lint", "--answers").stdout.splitlines()
    assert "identity.paper_doi: url (a string); asked always" in listed
    assert "identity.parameter_count: a number (left out when not known); asked always" in listed

    # the shipped bank has no such question: its schema refuses the key, by name
    shipped = run_process("check", str(target), env={resources.QUESTIONS_ENV: ""})
    assert shipped.returncode == 2 and "Traceback" not in shipped.stderr
    assert "is not a valid declaration: model.paper_doi: is not a known key" in shipped.stderr


def test_answers_files_follow_the_bank_in_use(own_bank: Path, tmp_path: Path) -> None:
    path = write_answers(
        tmp_path / "answers.toml",
        {"identity.name": "Example-7B", "identity.paper_doi": PAPER, "identity.parameter_count": 7000000000},
    )
    declared = run("declare", str(path), "-o", str(tmp_path / "decl.toml"))
    assert declared.returncode == 0, declared.stderr
    assert tomllib.loads((tmp_path / "decl.toml").read_text())["model"]["parameter_count"] == 7e9
    wrong = write_answers(tmp_path / "wrong.toml", {"identity.name": "X", "identity.parameter_count": "unknown"})
    result = run("classify", str(wrong))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"openness: {wrong}: identity.parameter_count: should be a number, not str (leave it out when it is not known)"
    )


# --------------------------------------------------------------------------- the schema the bank gives


def bank_of(*questions: Question) -> Bank:
    return Bank([Section("s", "S", "Help.", tuple(q.id for q in questions))], questions)


def question(qid: str, kind: str, **more) -> Question:
    return Question(qid, "s", kind, "Prompt?", "Help.", **more)


def test_each_type_gives_its_value_type() -> None:
    from questionnaire.bank_model import Choice

    bank = bank_of(
        question("a.text", "text"),
        question("a.url", "url"),
        question("a.contact", "contact"),
        question("a.flag", "bool"),
        question("a.size", "number"),
        question("a.licence", "license"),
        question("a.kind", "choice", choices=(Choice("x", "X", "."), Choice("y", "Y", "."))),
    )
    good = {
        "a": {
            "text": "t",
            "url": "anything: files keep what they say",
            "contact": "c",
            "flag": False,
            "size": 3,
            "licence": "",
            "kind": "y",
        }
    }
    assert validate_answers(good, bank=bank) == {
        "a.text": "t",
        "a.url": "anything: files keep what they say",
        "a.contact": "c",
        "a.flag": False,
        "a.size": 3.0,
        "a.licence": "",
        "a.kind": "y",
    }
    for bad, words in [
        ({"flag": "yes"}, "a.flag: should be true or false, not str"),
        ({"kind": "z"}, "a.kind: Input should be 'x' or 'y'"),
        ({"size": -1}, "a.size: The number cannot be negative."),
        ({"size": True}, "a.size: should be a number, not bool"),
        ({"size": float("inf")}, "a.size: Write a finite number"),
        ({"text": "a\x1b[31m"}, "a.text: holds the control character"),
        ({"other": 1}, "a.other: is not a known key"),
        ({"text": {"deeper": 1}}, "a.text: should be a string, not dict"),
    ]:
        with pytest.raises(UserError) as info:
            validate_answers({"a": bad}, bank=bank, path="x.toml")
        assert str(info.value).startswith(f"x.toml: {words}"), str(info.value)


def test_a_question_no_path_asks_still_belongs_to_the_answers() -> None:
    bank = load_bank()
    answers = {"identity": {"name": "X", "is_finetune": False, "base_model": "not asked for a model trained anew"}}
    assert validate_answers(answers, bank=bank)["identity.base_model"].startswith("not asked")
    assert "identity.base_model" not in [q.id for q in bank.visible(validate_answers(answers, bank=bank))]


def test_keys_that_python_or_pydantic_reserve_are_answers_like_any_other() -> None:
    bank = bank_of(
        question("meta.copy", "text"),
        question("meta.model_config", "bool"),
        question("meta._hidden", "text"),
        question("class.json", "text"),
    )
    nested = {"meta": {"copy": "a", "model_config": True, "_hidden": "b"}, "class": {"json": "c"}}
    assert validate_answers(nested, bank=bank) == {
        "meta.copy": "a",
        "meta.model_config": True,
        "meta._hidden": "b",
        "class.json": "c",
    }


def test_tables_of_one_shape_are_one_model_in_the_schema() -> None:
    schema = answers_model(load_bank()).model_json_schema()
    assert {
        "Answers",
        "AnswersIdentity",
        "AnswersComponents",
        "AnswersComponentsItem",
        "AnswersTerms",
        "AnswersDataInformation",
        "AnswersDevelopment",
    } == {*schema["$defs"], schema["title"]}
    modality = schema["$defs"]["AnswersIdentity"]["properties"]["modality"]["anyOf"][0]
    assert modality["enum"] == ["text", "code", "image", "audio", "video", "multimodal", "other"]


def test_an_answer_cannot_also_be_the_table_of_another(tmp_path: Path) -> None:
    bank = tmp_path / "questions"
    shutil.copytree(resources.shipped_questions_dir(), bank)
    (bank / "99-more.toml").write_text(
        '[section]\nid = "more"\ntitle = "More"\nhelp = "More questions."\n\n'
        '[[question]]\nid = "identity.name.short"\ntype = "text"\nprompt = "A short name?"\nhelp = "Short."\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError) as info:
        load_bank(bank)
    assert "99-more.toml: identity.name.short: the answers of 'identity.name'" in str(info.value)
    assert "cannot also be the table that holds this one" in str(info.value)


def test_every_question_type_has_an_answer_widget() -> None:
    from questionnaire.app.widgets.answer_factory import WIDGETS
    from questionnaire.bank_model import QUESTION_TYPES

    assert set(WIDGETS) == set(QUESTION_TYPES)


# --------------------------------------------------------------------------- the bank in use


def test_the_bank_in_use_is_the_one_the_environment_names(own_bank: Path, monkeypatch) -> None:
    from questionnaire.glossary import default_path

    assert resources.questions_dir() == own_bank.resolve()
    assert "identity.paper_doi" in load_bank() and default_path() == own_bank.resolve() / "glossary.toml"
    monkeypatch.setenv(resources.QUESTIONS_ENV, "  ")
    assert resources.questions_dir() == resources.shipped_questions_dir()
    assert "identity.paper_doi" not in load_bank()


def test_a_bank_that_cannot_be_used_is_one_line_for_the_cli_and_the_app(tmp_path: Path, monkeypatch, capsys) -> None:
    from questionnaire.cli import main

    missing = tmp_path / "nowhere"
    answers = write_answers(tmp_path / "answers.toml", {"identity.name": "X"})
    result = run_process("classify", str(answers), env={resources.QUESTIONS_ENV: str(missing)})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"openness: The question bank cannot be used: nowhere: the question bank directory "
        f"{missing} does not exist (named by {resources.QUESTIONS_ENV})\n"
    )
    lint = run_process("lint", env={resources.QUESTIONS_ENV: str(missing)})
    assert lint.returncode == 1 and f"{missing} does not exist" in lint.stdout
    broken = tmp_path / "broken"
    shutil.copytree(resources.shipped_questions_dir(), broken)
    (broken / "00-identity.toml").write_text("[section\n", encoding="utf-8")
    monkeypatch.setenv(resources.QUESTIONS_ENV, str(broken))
    assert main([]) == 2  # the app does not start
    err = capsys.readouterr().err
    assert err.startswith("openness: The question bank cannot be used: broken/00-identity.toml:")
    assert len(err.splitlines()) == 1
