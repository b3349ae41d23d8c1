"""One vocabulary: components read right in every sentence built from them (plural ones too), an access
not answered is said as such, licence tags say what is wrong, and the help fits what it is about."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from questionnaire import compare, declaration, exporters, licenses, vocabulary, whatif
from questionnaire.bank import load_bank
from questionnaire.cli import main
from questionnaire.components import ACCESS_CHOICES, BY_KEY, COMPONENTS, QUESTION_ORDER
from questionnaire.examples import list_examples
from questionnaire.loading import load
from questionnaire.rules import classify
from tests.conftest import ROOT, open_source_answers, run


def test_every_component_has_its_words_in_the_order_it_is_asked() -> None:
    assert list(vocabulary.COMPONENTS) == list(QUESTION_ORDER)
    assert vocabulary.the_is("model_parameters_final") == "the final weights are"
    assert vocabulary.the_is("supporting_libraries") == "the supporting libraries and tools are"
    assert vocabulary.the_is("model_card") == "the model card is"
    assert vocabulary.join(["a"]) == "a" and vocabulary.join(["a", "b", "c"]) == "a, b and c"


def _everything_said() -> str:
    """What the tool says about the shipped examples and a few changes: reasons, requirements, next steps,
    notes, what-if headlines and sentences, and the bank's prompts and help."""
    said = []
    for example in list_examples():
        answers = load(str(example.path)).answers
        result = classify(answers)
        said += [r.text for r in result.reasons] + list(result.warnings)
        said += list(result.next_tier.changes) if result.next_tier else []
        for verdict in result.frameworks:
            said += [r.text for r in verdict.requirements] + [r.action for r in verdict.requirements]
            said += list(verdict.notes)
        for key in ("model_parameters_final", "supporting_libraries", "datasets", "evaluation_results"):
            for spec in ("unreleased", "released:MIT", "access:approval", "location:https://example.org"):
                change = whatif.parse_change(f"{key}={spec}")
                after = classify(whatif.apply(answers, [change]))
                said.append(whatif.headline([change], answers, result, after))
                said += whatif.sentences(whatif.diff(result, after))
    bank = load_bank()
    for question in bank.questions:
        said += [question.prompt, question.help] + [c.help for c in question.choices]
    return "\n".join(said)


def test_sentences_built_from_component_names_agree_with_them() -> None:
    text = _everything_said()
    bank_names = {key: table["name"] for key, table in _bank_components().items()}
    for key, words in vocabulary.COMPONENTS.items():
        wrong = "is" if words.plural else "are"
        for name in {words.phrase, bank_names[key]}:
            assert not re.search(rf"\bthe {re.escape(name)} {wrong}\b", text, re.IGNORECASE), (key, name)
    # the sentences the issue quoted
    assert "training code is released under an OSI-approved licence is not met" not in text
    assert "supporting libraries and tools is released" not in text
    assert "Under which licence is the final model weights released?" not in text
    assert "Under which licence are the final model weights released?" in text
    assert "The supporting libraries and tools are released under an OSI-approved licence" in text


def _bank_components() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "questions" / "components.toml").read_text(encoding="utf-8"))["components"]


def test_the_access_help_fits_each_kind_of_component() -> None:
    bank = load_bank()
    for component in COMPONENTS:
        help_text = bank[component.qid("access")].help
        name = _bank_components()[component.key]["name"]
        assert name in help_text, component.key  # about this component, by its name
        if component.key == "model_parameters_final":
            assert "OWD criterion 5" in help_text
        else:  # no weights' criterion on code, data or documents
            assert "OWD" not in help_text and "weights" not in help_text.replace("model weights", ""), component.key
        if component.content_type == "document" and component.key in (
            "model_card",
            "data_card",
            "technical_report",
            "research_paper",
        ):
            assert "OSAI-style" in help_text and "OSAID and the MOF class do not look" in help_text
    assert "Data Information" in bank["components.datasets.access"].help
    assert "Code requirement" in bank["components.training_code.access"].help


def test_every_access_has_its_words_and_an_unanswered_one_is_never_public() -> None:
    for value in ACCESS_CHOICES:
        words = vocabulary.access(value)
        assert words.words and words.gate and words.with_ and words.short
    assert vocabulary.access(None).words == "access not answered"
    assert vocabulary.access(None) is vocabulary.access("nonsense") is vocabulary.NOT_ANSWERED


def test_an_unanswered_access_reads_as_not_answered_in_the_markdown_export() -> None:
    answers = open_source_answers()
    del answers["components.training_code.access"]
    text = exporters.to_markdown(declaration.build(answers)).text
    row = next(line for line in text.splitlines() if line.startswith("| Training code |"))
    assert "| access not answered |" in row and "downloadable by anyone" not in row
    state = compare.entry(answers, "x").release.components["training_code"]
    assert compare.cell(state) == "Apache-2.0 (access?) ✓"


@pytest.mark.parametrize(
    "licence, tags",
    [
        ("MIT-CMU", ("not OSI-approved",)),
        ("MIT-Wu", ("not OSI-approved",)),
        ("Apache-1.0", ("not OSI-approved",)),
        ("CC-BY-NC-4.0", ("non-commercial", "use restrictions")),
        ("llama3.1", ("use restrictions", "threshold")),
        ("LicenseRef-Qwen", ("threshold",)),
        ("MIT", ("open",)),
        ("CC-BY-4.0", ("open",)),
    ],
)
def test_licence_tags_say_what_keeps_a_licence_from_open_terms(licence: str, tags: tuple) -> None:
    found = licenses.lookup(licence).license
    assert vocabulary.licence_tags(found) == tags
    assert "restricted" not in vocabulary.licence_tag(found)


def test_mot_notices_on_licence_kinds_say_what_mot_does_and_are_not_warnings() -> None:
    """CC-BY-4.0 is an open data licence; MOT's list pairs it with documents only, and MOT's answer to that
    is a notice that leaves the class alone. So it is a note of the MOF verdict, naming the licence."""
    answers = open_source_answers()
    result = classify(answers)
    assert not any("MOF" in warning or "MOT" in warning for warning in result.warnings)
    notes = result.framework("mof").notes
    [datasets] = [n for n in notes if "the training datasets" in n]
    assert "CC-BY-4.0" in datasets and "for data" in datasets and "class is not affected" in datasets


def test_examples_json_and_table_use_the_frameworks_summaries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "amber", "--json"]) == 0
    item = json.loads(capsys.readouterr().out)
    assert item["frameworks"]["mof"] == "Class II" and item["tier"] == "open-source"


def test_export_formats_are_written_once() -> None:
    from questionnaire.export_formats import FORMATS

    usage = run("export", "--help").stdout
    for name in FORMATS:
        assert name in usage
    result = run("export", str(Path(ROOT / "questionnaire" / "examples" / "t5.toml")), "--format", "nonsense")
    assert result.returncode == 2 and "markdown" in result.stderr
    for name in FORMATS:
        assert exporters.export(declaration.build(open_source_answers()), name).text


def test_the_component_words_cover_every_mot_name() -> None:
    assert set(vocabulary.COMPONENTS) == set(BY_KEY)
