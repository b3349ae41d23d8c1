"""The bank linter: one small broken bank per mistake, each finding naming the file and the question."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from questionnaire.bank import BankError, Finding, load_bank
from questionnaire.lint import ENUMERATION_LIMIT, NEEDS, Need, lint_bank
from questionnaire.resources import shipped_questions_dir

BANKS = Path(__file__).parent / "fixtures" / "banks"


def findings(case: str, needs=()) -> list[Finding]:
    return lint_bank(BANKS / case, needs=needs)


def the_finding(case: str, file: str, question: str, *words: str, needs=()) -> Finding:
    """The one finding of the case on this file and question whose message has all the words."""
    found = [
        f
        for f in findings(case, needs)
        if f.file == f"{case}/{file}" and f.question == question and all(w in f.message for w in words)
    ]
    assert found, f"no finding on {file}: {question} with {words}; got:\n" + "\n".join(map(str, findings(case, needs)))
    return found[0]


def test_the_shipped_bank_has_no_findings():
    assert lint_bank() == []
    assert lint_bank(shipped_questions_dir()) == []


def test_a_clean_small_bank_has_no_findings():
    assert findings("valid_small") == []


def test_finding_prints_as_file_question_message():
    f = the_finding("duplicate_id", "10-more.toml", "identity.name", "duplicate")
    assert str(f) == f"duplicate_id/10-more.toml: identity.name: {f.message}"
    assert "duplicate_id/00-about.toml" in f.message  # where it was first defined


def test_duplicate_id_after_template_expansion():
    f = the_finding("duplicate_after_expansion", "00-code.toml", "components.training_code.released", "duplicate")
    assert "template 'component'" in f.message


def test_unknown_question_reference():
    the_finding("unknown_reference", "00-about.toml", "identity.base_model", "unknown question 'identity.is_fine_tune'")


def test_comparison_with_a_choice_the_question_does_not_have():
    f = the_finding("unknown_choice", "00-about.toml", "identity.tokenizer", "no choice", '"txt"')
    assert '"text"' in f.message  # it lists the real choices


def test_type_mismatches():
    the_finding("type_mismatch", "00-about.toml", "identity.base_model", "yes/no", '"yes"', "== true")
    the_finding("type_mismatch", "00-about.toml", "identity.base_license", "known_license()", "licence question")
    the_finding("type_mismatch", "00-about.toml", "identity.notes", "text question", "true")


def test_cycle():
    f = the_finding("cycle", "00-about.toml", "identity.first", "cycle")
    assert "identity.first -> identity.second -> identity.first" in f.message


def test_forward_reference():
    the_finding("forward_reference", "00-about.toml", "identity.base_model", "'identity.is_finetune'", "later")


def test_unreachable_questions():
    the_finding("unreachable", "00-about.toml", "identity.base_model", "never asked")
    # a question that depends on a never-asked one is never asked either
    the_finding("unreachable", "00-about.toml", "identity.base_license", "never asked")
    assert not [f for f in findings("unreachable") if f.question == "identity.is_finetune"]


def test_path_without_classification_over_hidden_and_missing_needs():
    needs = [n for n in NEEDS if n.id == "identity.name" or n.id.startswith("components.training_code.")]
    f = the_finding(
        "missing_need", "00-code.toml", "components.training_code.license", "without a classification", needs=needs
    )
    # it says on which answers the question is not asked
    assert "components.training_code.released = yes" in f.message
    assert 'components.training_code.location = ""' in f.message
    missing = [
        x for x in lint_bank(BANKS / "missing_need", needs=needs) if x.question == "components.training_code.access"
    ]
    assert missing and "no question asks it" in missing[0].message
    assert missing[0].file == "missing_need"


def test_invalid_toml_names_the_file_and_line():
    [f] = findings("invalid_toml")
    assert f.file == "invalid_toml/00-about.toml"
    assert "not valid TOML" in f.message and "line 9" in f.message


def test_unknown_key_and_unknown_type():
    the_finding("unknown_key_and_type", "00-about.toml", "identity.name", "unknown key 'hepl'")
    the_finding("unknown_key_and_type", "00-about.toml", "identity.size", "unknown type 'integer'")


def test_every_choice_and_every_yes_no_needs_help():
    the_finding("missing_help", "00-about.toml", "identity.modality (choice 'image')", "'help'")
    the_finding("missing_help", "00-about.toml", "identity.is_finetune", "no_help")


def test_template_and_component_table_mistakes():
    the_finding("bad_template", "components.toml", "components.{key}.released", "unknown placeholder {nmae}")
    the_finding("bad_template", "components.toml", "components.training_code", "mof_class", "class 2")


@pytest.mark.parametrize(
    "case",
    [
        "duplicate_id",
        "duplicate_after_expansion",
        "unknown_reference",
        "unknown_choice",
        "type_mismatch",
        "cycle",
        "forward_reference",
        "unreachable",
        "invalid_toml",
        "unknown_key_and_type",
        "missing_help",
        "bad_template",
    ],
)
def test_load_bank_refuses_a_broken_bank_with_one_plain_message(case):
    with pytest.raises(BankError) as info:
        load_bank(BANKS / case)
    message = str(info.value)
    assert f"{case}/" in message and ".toml" in message
    assert info.value.findings
    assert "\n" not in message


def test_load_bank_refuses_a_bank_with_paths_that_end_without_a_classification():
    # the small clean bank has none of the components the classifier needs
    with pytest.raises(BankError) as info:
        load_bank(BANKS / "valid_small")
    assert "no question asks it" in str(info.value)


# --------------------------------------------------------------------------- mistakes in a copy of the real bank


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(shipped_questions_dir(), target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} found {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_copy_is_clean(bank_copy):
    assert lint_bank(bank_copy) == []


def test_a_licence_hidden_behind_an_optional_answer_ends_paths_without_classification(bank_copy):
    template = bank_copy / "components.toml"
    edit(
        template,
        'required = true\nwhen = "components.{key}.released"\nprompt = "Under which licence',
        "required = true\nwhen = 'components.{key}.released and components.{key}.location != \"\"'\n"
        'prompt = "Under which licence',
    )
    found = [f for f in lint_bank(bank_copy) if "without a classification" in f.message]
    assert {f.question for f in found} >= {f"components.{k}.license" for k in ("datasets", "model_card")}
    assert all(f.file == "questions/" + f.file.split("/")[-1] for f in found)


def test_a_missing_access_choice_the_classifier_needs(bank_copy):
    edit(bank_copy / "components.toml", 'value = "approval"', 'value = "approved"')
    found = [f for f in lint_bank(bank_copy) if '"approval"' in f.message]
    assert len(found) == 17  # one per component
    assert found[0].file.endswith(".toml") and found[0].question.endswith(".access")


def test_a_removed_data_information_question(bank_copy):
    path = bank_copy / "40-data-information.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[question]]\nid = "data_information.third_party_list_license"')
    path.write_text(text[:start], encoding="utf-8")  # the licence and the questions about its terms
    licence, terms = lint_bank(bank_copy)
    assert licence.question == "data_information.third_party_list_license"
    assert "no question asks it" in licence.message and 'third_party_list == "published"' in licence.message
    assert terms.question == "data_information.third_party_list_terms.*"  # one finding for the nine terms
    assert "commercial_use" in terms.message and "product_specific" in terms.message


def test_lint_knows_a_fine_tune_needs_its_base_licence_and_data_information(bank_copy):
    path = bank_copy / "00-identity.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('[[question]]\nid = "identity.base_model_license"')], encoding="utf-8")
    found = {f.question: f.message for f in lint_bank(bank_copy)}
    assert set(found) == {"identity.base_model_license", "identity.base_data_information"}
    assert "no question asks it" in found["identity.base_model_license"]
    assert "for a fine-tune" in found["identity.base_data_information"]


def test_a_base_licence_asked_as_text_is_named(bank_copy):
    edit(
        bank_copy / "00-identity.toml",
        'id = "identity.base_model_license"\ntype = "license"',
        'id = "identity.base_model_license"\ntype = "text"',
    )
    [f] = lint_bank(bank_copy)
    assert f.question == "identity.base_model_license" and "a text question" in f.message


def test_supporting_libraries_asked_unconditionally_is_fine_but_never_asked_is_not(bank_copy):
    edit(bank_copy / "20-code.toml", 'when = "development.supporting_libraries_used"', 'when = "false"')
    found = lint_bank(bank_copy)
    questions = {f.question for f in found}
    assert "components.supporting_libraries.released" in questions
    assert any("never asked" in f.message for f in found)


def test_a_condition_that_does_not_parse_names_the_column(bank_copy):
    edit(
        bank_copy / "00-identity.toml",
        'when = "identity.is_finetune"\nprompt = "Which model',
        'when = "identity.is_finetune =="\nprompt = "Which model',
    )
    [f] = [f for f in lint_bank(bank_copy) if f.question == "identity.base_model"]
    assert f.file == "questions/00-identity.toml"
    assert "column 24" in f.message


def test_too_complex_conditions_are_a_warning_not_a_hang(tmp_path: Path):
    lines = ['[section]\nid = "s"\ntitle = "S"\nhelp = "Many yes/no questions."\n']
    count = 12  # 3 ** 12 combinations > ENUMERATION_LIMIT
    assert 3**count > ENUMERATION_LIMIT
    for i in range(count):
        lines.append(
            f'[[question]]\nid = "q.b{i}"\ntype = "bool"\nprompt = "B{i}?"\nhelp = "One of many."\n'
            'yes_help = "Yes."\nno_help = "No."\n'
        )
    cond = " and ".join(f"q.b{i}" for i in range(count))
    lines.append(f'[[question]]\nid = "q.last"\ntype = "text"\nwhen = "{cond}"\nprompt = "Last?"\nhelp = "Deep."\n')
    (tmp_path / "00-s.toml").write_text("\n".join(lines), encoding="utf-8")
    found = lint_bank(tmp_path, needs=())
    assert [f.severity for f in found] == ["warning"]
    assert found[0].question == "q.last" and "too many" in found[0].message


def test_custom_needs_are_checked_with_their_type_and_choices():
    needs = [Need("identity.is_finetune", type="text"), Need("identity.name", required=True)]
    found = {f.question: f.message for f in lint_bank(BANKS / "valid_small", needs=needs)}
    assert "a text question here, not a yes/no question" in found["identity.is_finetune"]
    assert "identity.name" not in found


def test_findings_have_the_documented_shape():
    for f in findings("type_mismatch") + findings("invalid_toml"):
        assert re.match(r"^[\w/.-]+\.toml: ", str(f))


def test_no_license_needs_a_licence_question(bank_copy):
    edit(
        bank_copy / "00-identity.toml",
        'id = "identity.base_model"\ntype = "text"\nwhen = "identity.is_finetune"',
        'id = "identity.base_model"\ntype = "text"\nwhen = "not no_license(identity.is_finetune)"',
    )
    [f] = [f for f in lint_bank(bank_copy) if f.question == "identity.base_model"]
    assert "no_license() needs a licence question" in f.message and "yes/no question" in f.message


def test_terms_asked_for_a_word_that_means_no_licence_are_found(bank_copy):
    """Without `not no_license(...)` the terms would be asked for Proprietary: the classifier never reads
    them there, so the bank is fine; with `no_license(...)` instead they are never asked when needed."""
    edit(bank_copy / "components.toml", "and not no_license({license})'", "and no_license({license})'", count=9)
    found = [f for f in lint_bank(bank_copy) if f.question == "components.datasets.terms.revocation"]
    assert found and "the path ends without a classification" in found[0].message
    assert "does not know" in found[0].message


def test_a_template_with_placeholders_needs_its_with_table(bank_copy):
    edit(bank_copy / "40-data-information.toml", ', name = "list of public training data" }', " }")
    [f] = [f for f in lint_bank(bank_copy) if "license_terms" in f.question]
    assert f.file == "questions/40-data-information.toml"
    assert "missing name" in f.message and "expected: terms, license, asked, name" in f.message
