"""The shipped question bank and the path logic the app and the CLI use."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from questionnaire import ids, resources
from questionnaire.bank import FREE_TEXT_TYPES, Bank, BankError, Question, load_bank
from questionnaire.components import (
    ACCESS_CHOICES,
    CLICK_THROUGH_CHOICES,
    COMPONENTS,
    DATA_INFORMATION_ITEMS,
    QUESTION_ORDER,
    TERM_KEYS,
)

ROOT = Path(__file__).resolve().parent.parent


def stub_known(text: str) -> bool:
    """A stand-in knowledge base: knows MIT and Apache-2.0 only."""
    return text in ("MIT", "Apache-2.0")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def visible_ids(bank: Bank, answers: dict, known=stub_known) -> list[str]:
    return [q.id for q in bank.visible(answers, known_license=known)]


# --------------------------------------------------------------------------- the shipped bank


def test_the_shipped_bank_loads_from_the_questions_folder(bank):
    assert resources.questions_dir() == resources.shipped_questions_dir() == ROOT / "questions"
    assert bank.directory == ROOT / "questions"
    assert [s.id for s in bank.sections] == ["identity", "weights", "code", "data", "data_information", "documents"]
    assert bank.questions[0].id == "identity.name"
    # identity (with the base model's licence and data information), development, 17 components (released,
    # location, licence, access, click-through, terms), and
    # the data information (3 items, each with its licence and the terms of that licence), and the two questions of
    # the EU AI Act's open-source exemption (training compute, monetisation)
    assert len(bank.questions) == 11 + 1 + 17 * (5 + len(TERM_KEYS)) + 3 * (2 + len(TERM_KEYS)) + 2


def test_every_design_question_is_there_with_its_type(bank):
    expected = {
        "identity.name": "text",
        "identity.version": "text",
        "identity.publisher": "text",
        "identity.contact": "contact",
        "identity.architecture": "text",
        "identity.repository": "url",
        "identity.modality": "choice",
        "identity.is_finetune": "bool",
        "identity.base_model": "text",
        "identity.base_model_license": "license",
        "identity.base_data_information": "bool",
        "development.supporting_libraries_used": "bool",
        "development.training_compute_flop": "number",
        "development.monetised": "bool",
        "data_information.description": "bool",
        "data_information.description_license": "license",
        "data_information.public_list": "choice",
        "data_information.public_list_license": "license",
        "data_information.third_party_list": "choice",
        "data_information.third_party_list_license": "license",
    }
    for item in DATA_INFORMATION_ITEMS:
        expected.update({f"data_information.{item}_terms.{t}": "bool" for t in TERM_KEYS})
    for c in COMPONENTS:
        base = f"components.{c.key}"
        expected.update(
            {
                f"{base}.released": "bool",
                f"{base}.location": "url",
                f"{base}.license": "license",
                f"{base}.access": "choice",
                f"{base}.click_through_terms": "choice",
            }
        )
        expected.update({f"{base}.terms.{t}": "bool" for t in TERM_KEYS})
    assert {q.id: q.type for q in bank.questions} == expected
    assert bank["identity.name"].required
    assert bank["identity.modality"].choice_values == ("text", "code", "image", "audio", "video", "multimodal", "other")
    assert bank["components.datasets.access"].choice_values == ACCESS_CHOICES
    assert bank["components.datasets.click_through_terms"].choice_values == CLICK_THROUGH_CHOICES
    assert bank["data_information.public_list"].choice_values == ("published", "not_published", "none_used")


def test_components_are_asked_in_the_documented_order(bank):
    released = [q.component for q in bank.questions if q.id.endswith(".released")]
    assert tuple(released) == QUESTION_ORDER


def test_expanded_questions_have_concrete_ids_and_texts(bank):
    for q in bank.questions:
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", q.id), q.id
        for text in (q.prompt, q.help, q.when or "", *(c.help for c in q.choices), *(c.label for c in q.choices)):
            assert not re.search(r"\{[A-Za-z_]+\}", text), f"{q.id}: placeholder left in {text!r}"
    q = bank["components.training_code.released"]
    assert q.prompt == "Have you released the training code?"
    assert "MOF requires it from class II" in q.help and q.source == "questions/20-code.toml"
    assert q.template == "component" and q.component == "training_code"


def test_every_question_and_every_choice_has_help(bank):
    for q in bank.questions:
        assert q.prompt.strip() and q.help.strip(), q.id
        assert len(re.findall(r"[.!?](\s|$)", q.help)) >= 1, q.id
        if q.type in ("bool", "choice"):
            assert len(q.choices) >= 2, q.id
            for c in q.choices:
                assert c.label.strip() and c.help.strip(), f"{q.id}: {c.value!r}"
    for s in bank.sections:
        assert s.title.strip() and s.help.strip()


def test_bool_questions_offer_yes_and_no_with_their_own_help(bank):
    q = bank["identity.is_finetune"]
    assert [c.value for c in q.choices] == [True, False]
    assert q.choices[0].help != q.choices[1].help


def test_help_texts_teach_the_workshop_terms(bank):
    access = bank["components.model_parameters_final.access"]
    assert "click-through" in access.help.lower() and "approval gate" in access.help.lower()
    assert "OWD criterion 5" in access.help and "not open access" in access.choice("approval").help
    assert "700 million" in bank["components.model_parameters_final.terms.threshold"].help
    assert "Data Information" in bank.section("data_information").help
    assert "acceptable use policy" in bank["components.datasets.terms.use_restrictions"].help.lower()
    assert "OWD criterion 9" in bank["components.datasets.terms.output_restriction"].help
    assert "OWD criterion 8" in bank["components.datasets.terms.product_specific"].help
    click = bank["components.model_parameters_final.click_through_terms"]
    assert "acceptable use policy" in click.help and "use restriction" in click.choice("extra_terms").help


# --------------------------------------------------------------------------- the path


def test_component_details_are_hidden_until_released(bank):
    shown = visible_ids(bank, {})
    assert "components.training_code.released" in shown
    assert "components.training_code.license" not in shown
    shown = visible_ids(bank, {"components.training_code.released": False})
    assert not any(i.startswith("components.training_code.") and not i.endswith(".released") for i in shown)
    shown = visible_ids(bank, {"components.training_code.released": True})
    for k in ("location", "license", "access"):
        assert f"components.training_code.{k}" in shown


def test_terms_are_asked_only_for_a_licence_the_knowledge_base_does_not_know(bank):
    released = {"components.training_code.released": True}
    terms = [f"components.training_code.terms.{t}" for t in TERM_KEYS]
    known = visible_ids(bank, {**released, "components.training_code.license": "MIT"})
    assert not set(terms) & set(known)
    unknown = visible_ids(bank, {**released, "components.training_code.license": "Our Model Licence"})
    assert [i for i in unknown if i in terms] == terms
    # released without a licence: no terms to assess
    for none in (
        "unlicensed",
        "",
        "Proprietary",
        "closed.",
        "NONE",
        "All Rights Reserved",
        "Proprietary; all rights reserved",
    ):
        assert not set(terms) & set(visible_ids(bank, {**released, "components.training_code.license": none})), none
    # not released: no terms, whatever the licence answer left behind says
    assert not set(terms) & set(visible_ids(bank, {"components.training_code.license": "Our Model Licence"}))


def test_terms_with_the_real_knowledge_base(bank):
    pytest.importorskip("questionnaire.licenses")
    base = {"components.model_parameters_final.released": True}
    llama = [q.id for q in bank.visible({**base, "components.model_parameters_final.license": "llama3.1"})]
    custom = [q.id for q in bank.visible({**base, "components.model_parameters_final.license": "ACME Model Licence"})]
    assert "components.model_parameters_final.terms.threshold" not in llama
    assert "components.model_parameters_final.terms.threshold" in custom


def test_the_terms_of_a_data_information_licence_are_asked_like_a_components(bank):
    terms = [f"data_information.public_list_terms.{t}" for t in TERM_KEYS]
    published = {"data_information.public_list": "published"}
    assert [
        i
        for i in visible_ids(bank, {**published, "data_information.public_list_license": "Our List Licence"})
        if i in terms
    ] == terms
    for licence in ("MIT", "Proprietary", "unlicensed"):
        assert not set(terms) & set(visible_ids(bank, {**published, "data_information.public_list_license": licence}))
    assert not set(terms) & set(
        visible_ids(
            bank,
            {
                "data_information.public_list": "not_published",
                "data_information.public_list_license": "Our List Licence",
            },
        )
    )
    description = bank["data_information.description_terms.output_restriction"]
    assert (
        description.prompt == "Does the licence limit using what the model produces to train or improve other models?"
    )
    assert bank["data_information.description_terms.commercial_use"].prompt == (
        "Does the licence of the description of the training data allow commercial use?"
    )
    assert description.template == "license_terms" and description.component is None


def test_the_click_through_question_follows_a_click_through_only(bank):
    base = {"components.model_parameters_final.released": True, "components.model_parameters_final.license": "MIT"}
    qid = "components.model_parameters_final.click_through_terms"
    assert qid in visible_ids(bank, {**base, "components.model_parameters_final.access": "click_through"})
    for access in ("public", "approval", "on_request", "none"):
        assert qid not in visible_ids(bank, {**base, "components.model_parameters_final.access": access})
    terms = bank["components.model_parameters_final.terms.revocation"]
    assert terms.template == "component" and terms.component == "model_parameters_final"  # a nested template


def test_supporting_libraries_are_asked_only_when_used(bank):
    assert "components.supporting_libraries.released" not in visible_ids(bank, {})
    used = {"development.supporting_libraries_used": True}
    assert "components.supporting_libraries.released" in visible_ids(bank, used)
    # an answer left behind when the question fell out of the path does not open its details
    stale = {"development.supporting_libraries_used": False, "components.supporting_libraries.released": True}
    assert not any(i.startswith("components.supporting_libraries.") for i in visible_ids(bank, stale))


def test_fine_tune_and_data_information_conditions(bank):
    assert "identity.base_model" not in visible_ids(bank, {})
    assert "identity.base_model" in visible_ids(bank, {"identity.is_finetune": True})
    lineage = {"identity.base_model_license", "identity.base_data_information"}
    assert lineage <= set(visible_ids(bank, {"identity.is_finetune": True}))
    assert not lineage & set(visible_ids(bank, {"identity.is_finetune": False}))
    assert "data_information.description_license" in visible_ids(bank, {"data_information.description": True})
    assert "data_information.public_list_license" not in visible_ids(
        bank, {"data_information.public_list": "none_used"}
    )
    assert "data_information.public_list_license" in visible_ids(bank, {"data_information.public_list": "published"})


def test_prune_drops_answers_that_fell_out_of_the_path(bank):
    answers = {
        "identity.name": "X",
        "identity.is_finetune": False,
        "identity.base_model": "old answer",
        "components.training_code.released": False,
        "components.training_code.license": "MIT",
        "components.training_code.access": "public",
        "components.datasets.released": True,
        "components.datasets.license": "Our Data Licence",
        "components.datasets.terms.threshold": False,
        "notes.free_text": "kept: not a question of this bank",
    }
    pruned = bank.prune(answers, known_license=stub_known)
    assert pruned == {
        "identity.name": "X",
        "identity.is_finetune": False,
        "components.training_code.released": False,
        "components.datasets.released": True,
        "components.datasets.license": "Our Data Licence",
        "components.datasets.terms.threshold": False,
        "notes.free_text": "kept: not a question of this bank",
    }
    assert bank.prune(pruned, known_license=stub_known) == pruned
    # changing the licence to a known one drops the self-assessed terms
    pruned["components.datasets.license"] = "MIT"
    assert "components.datasets.terms.threshold" not in bank.prune(pruned, known_license=stub_known)


def first_unanswered(bank: Bank, answers: dict) -> Question | None:
    return next((q for q in bank.visible(answers, known_license=stub_known) if answers.get(q.id) is None), None)


def test_the_app_session_walks_the_path_and_counts_each_section(bank, tmp_path):
    from questionnaire.app.session import Session

    assert Session({}, data_dir=tmp_path).first_unanswered().id == ids.NAME
    assert Session({ids.NAME: "X"}, data_dir=tmp_path).first_unanswered().id == ids.VERSION
    identity = bank.section("identity").question_ids
    answers = {qid: "" for qid in identity if bank[qid].type in FREE_TEXT_TYPES and bank[qid].when is None}
    answers.update({ids.MODALITY: "text", ids.IS_FINETUNE: True})
    session = Session(answers, data_dir=tmp_path)
    assert session.first_unanswered().id == ids.BASE_MODEL
    progress = session.progress()
    assert list(progress) == [s.id for s in bank.sections]
    assert progress["identity"] == (8, 11)  # base model, its licence and data now visible, not answered
    assert progress["weights"] == (0, 3)  # only the three released questions
    assert progress["data_information"] == (0, 3)


def test_a_complete_path_has_no_next_question(bank):
    answers: dict[str, object] = {}
    for _ in range(len(bank.questions) + 1):
        q = first_unanswered(bank, answers)
        if q is None:
            break
        answers[q.id] = {
            "bool": True,
            "choice": q.choices[0].value if q.choices else None,
            "license": "Custom Licence",
        }.get(q.type, "x")
    else:
        pytest.fail("the path never ends")
    assert all(q.id in answers for q in bank.visible(answers, known_license=stub_known))
    assert "components.supporting_libraries.terms.revocation" in answers


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("qid", "raw", "value", "error"),
    [
        ("identity.is_finetune", "yes", True, None),
        ("identity.is_finetune", "No", False, None),
        ("identity.is_finetune", "true", True, None),
        ("identity.is_finetune", False, False, None),
        ("identity.is_finetune", "maybe", "maybe", "yes or no"),
        ("identity.repository", " https://huggingface.co/org/model ", "https://huggingface.co/org/model", None),
        ("identity.repository", "ftp://example.org/x", "ftp://example.org/x", "https://"),
        ("identity.repository", "https://", "https://", "host"),
        ("identity.repository", "huggingface.co/org/model", "huggingface.co/org/model", "https://"),
        ("identity.repository", "https://exa mple.org", "https://exa mple.org", "spaces"),
        ("identity.contact", " team@example.org ", "team@example.org", None),
        ("identity.contact", "https://example.org/contact", "https://example.org/contact", None),
        ("identity.contact", "phi team", "phi team", "an email address (name@example.org) or a web page"),
        ("identity.contact", "team@example", "team@example", "does not look like an email address"),
        ("identity.contact", "http//example.org", "http//example.org", "starts with https://"),
        ("identity.contact", "", "", None),  # optional: a skip
        ("identity.name", "  OLMo  ", "OLMo", None),
        ("identity.name", "   ", "   ", "needed"),
        ("identity.name", None, None, "needed"),
        ("identity.version", "", "", None),
        ("identity.modality", "image", "image", None),
        ("identity.modality", "Images", "image", None),  # the label works too
        ("identity.modality", "hologram", "hologram", "Choose one of: text, code"),
        ("identity.is_finetune", "", "", "needed"),  # the verdict rests on it: no skip
        ("identity.version", "  ", "", None),  # optional: a skip
        ("components.datasets.license", " CC-BY-4.0", " CC-BY-4.0", None),  # kept exactly as written
        ("components.datasets.license", "", "", "unlicensed"),
        ("components.datasets.license", "unlicensed", "unlicensed", None),
        ("components.datasets.access", "click_through", "click_through", None),
    ],
)
def test_validate_value(bank, qid, raw, value, error):
    got, message = bank.validate_value(qid, raw)
    assert got == value
    if error is None:
        assert message is None
    else:
        assert message is not None and error in message


def test_validate_email():
    q = Question("identity.email", "identity", "email", "Email?", "Where to write.")
    assert load_bank().validate_value(q, " a@example.org ") == ("a@example.org", None)
    assert load_bank().validate_value(q, "a@example")[1]
    assert load_bank().validate_value(q, "not an address")[1]


# --------------------------------------------------------------------------- loading


def test_load_bank_is_cached_and_reloads_an_edited_bank(tmp_path: Path):
    assert load_bank() is load_bank()
    copy = tmp_path / "questions"
    shutil.copytree(resources.shipped_questions_dir(), copy)
    first = load_bank(copy)
    path = copy / "00-identity.toml"
    path.write_text(path.read_text().replace("What is the model called?", "What is its name?"))
    second = load_bank(copy)
    assert second is not first
    assert second["identity.name"].prompt == "What is its name?"


def test_an_installed_bank_beside_the_package_comes_first(tmp_path, monkeypatch):
    package = tmp_path / "questionnaire"
    (package / "_questions").mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGE_DIR", package)
    assert resources.questions_dir() == package / "_questions"
    shutil.rmtree(package / "_questions")
    assert resources.questions_dir() == tmp_path / "questions"


def test_a_missing_directory_is_a_plain_error(tmp_path: Path):
    with pytest.raises(BankError) as info:
        load_bank(tmp_path / "nowhere")
    assert "does not exist" in str(info.value)


# ------------------------------------------------------------------ the number type


@pytest.mark.parametrize(
    "typed, value",
    [
        ("3.8e25", 3.8e25),
        ("3.8 × 10^25", 3.8e25),
        ("10^25", 1e25),
        ("2.1x10^24", 2.1e24),
        ("100,000", 100000.0),
        ("1_000", 1000.0),
        (" 42 ", 42.0),
        ("0", 0.0),
        ("unknown", ""),
        ("Unknown", ""),
    ],
)
def test_a_number_answer_reads_large_numbers_as_people_write_them(typed: str, value: object) -> None:
    from questionnaire.bank import Question, validate_value

    question = Question(
        id="development.training_compute_flop",
        section="development",
        type="number",
        prompt="How much compute?",
        help="FLOP.",
    )
    assert validate_value(question, typed) == (value, None)


@pytest.mark.parametrize(
    "typed, words", [("-1", "negative"), ("lots", "Write a number"), ("1e400", "finite"), ("nan", "finite")]
)
def test_a_number_answer_refuses_what_is_not_a_non_negative_number(typed: str, words: str) -> None:
    from questionnaire.bank import Question, validate_value

    question = Question(
        id="development.training_compute_flop",
        section="development",
        type="number",
        prompt="How much compute?",
        help="FLOP.",
    )
    value, error = validate_value(question, typed)
    assert value == typed and error is not None and words in error
