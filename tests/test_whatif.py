"""What if: a workshop changes one answer and sees what moves, in plain sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from questionnaire import whatif
from questionnaire.errors import UserError
from questionnaire.rules import classify
from tests.conftest import open_source_answers, run, write_answers


def said(answers: dict, changes: list) -> tuple[list[str], list[whatif.Difference]]:
    """What a user reads (the headline, then one sentence a difference) and the differences themselves."""
    before, after = classify(answers), classify(whatif.apply(answers, changes))
    differences = whatif.diff(before, after)
    return [whatif.headline(changes, answers, before, after), *whatif.sentences(differences)], differences


def without_training_code() -> dict:
    answers = open_source_answers()
    for key in [k for k in answers if k.startswith("components.training_code.")]:
        del answers[key]
    return answers


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    "text, expected",
    [
        ("training_code=released:Apache-2.0", dict(released=True, license="Apache-2.0", access=None)),
        ("model_parameters_final=license:MIT", dict(released=True, license="MIT", access=None)),
        ("model_parameters_final=access:public", dict(released=True, license=None, access="public")),
        ("datasets=unreleased", dict(released=False, license=None, access=None)),
        (
            "training_code=released,license:Apache-2.0,access:public",
            dict(released=True, license="Apache-2.0", access="public"),
        ),
        ("weights=access:click-through", dict(released=True, license=None, access="click_through")),
        ("Training-Code=released:Apache-2.0 OR MIT", dict(released=True, license="Apache-2.0 OR MIT", access=None)),
    ],
)
def test_changes_parse_as_a_workshop_writes_them(text: str, expected: dict) -> None:
    change = whatif.parse_change(text)
    assert (change.released, change.license, change.access) == tuple(expected.values())


def test_unknown_component_lists_the_valid_ones() -> None:
    with pytest.raises(UserError) as error:
        whatif.parse_change("training=released:MIT")
    message = str(error.value)
    assert "unknown component 'training'" in message
    assert "training_code" in message and "model_parameters_final" in message and "data_information" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "text, words",
    [
        ("training_code=colour:red", ["unknown field 'colour'", "license:LICENCE", "access:ACCESS"]),
        ("training_code=access:maybe", ["unknown access 'maybe'", "public", "click_through", "approval"]),
        (
            "weights=access:click_through,click_through_terms:some",
            ["unknown click_through_terms 'some'", "license_only", "extra_terms"],
        ),
        ("training_code=license:", ["license needs a value"]),
        ("training_code=unreleased,license:MIT", ["unreleased has no licence"]),
        ("training_code", ["COMPONENT=SPEC"]),
        ("training_code=", ["says nothing to change"]),
        ("data_information=description:none_used", ["cannot be none_used"]),
        ("data_information=colour:red", ["unknown field 'colour'", "public_list"]),
    ],
)
def test_bad_changes_say_what_is_wrong(text: str, words: list[str]) -> None:
    with pytest.raises(UserError) as error:
        whatif.parse_change(text)
    for word in words:
        assert word in str(error.value)


# ------------------------------------------------------------------ applying


def test_apply_releases_and_withdraws_without_touching_the_input() -> None:
    answers = open_source_answers(**{"components.datasets.terms.commercial_use": True})
    before = dict(answers)
    changed = whatif.apply(answers, ["datasets=unreleased", "evaluation_code=license:MIT,access:approval"])
    assert answers == before
    assert changed["components.datasets.released"] is False
    assert not [k for k in changed if k.startswith("components.datasets.") and not k.endswith(".released")]
    assert changed["components.evaluation_code.license"] == "MIT"
    assert changed["components.evaluation_code.access"] == "approval"


def test_a_new_licence_drops_the_terms_self_assessed_for_the_old_one() -> None:
    answers = open_source_answers(
        **{
            "components.model_parameters_final.license": "My Licence",
            **{
                f"components.model_parameters_final.terms.{t}": v
                for t, v in (
                    ("commercial_use", True),
                    ("derivatives", True),
                    ("redistribution", True),
                    ("use_restrictions", False),
                    ("threshold", False),
                    ("regional_exclusion", False),
                    ("revocation", False),
                )
            },
        }
    )
    changed = whatif.apply(answers, ["model_parameters_final=license:MIT"])
    assert not [k for k in changed if ".terms." in k]


def test_releasing_supporting_libraries_records_that_they_were_used() -> None:
    changed = whatif.apply(open_source_answers(), ["supporting_libraries=released:MIT"])
    assert changed["development.supporting_libraries_used"] is True


def test_data_information_changes() -> None:
    answers = open_source_answers(
        **{"data_information.description": False, "data_information.public_list": "not_published"}
    )
    answers.pop("data_information.description_license")
    answers.pop("data_information.public_list_license")
    changed = whatif.apply(
        answers, ["data_information=description:CC-BY-4.0,public_list:CC0-1.0,third_party_list:unpublished"]
    )
    assert changed["data_information.description"] is True
    assert changed["data_information.description_license"] == "CC-BY-4.0"
    assert changed["data_information.public_list"] == "published"
    assert changed["data_information.public_list_license"] == "CC0-1.0"
    assert changed["data_information.third_party_list"] == "not_published"


# ------------------------------------------------------------------ what a workshop sees


def test_training_code_of_a_mistral_like_release_is_not_enough_and_the_diff_says_so(mot_dir: Path) -> None:
    from questionnaire import loading

    source = loading.load(str(mot_dir / "Mistral-7B-v0.1.yml"))
    assert classify(source.answers).tier == "open-weight"
    lines, differences = said(source.answers, ["training_code=released:Apache-2.0"])
    assert lines[0].startswith("Releasing the training code under Apache-2.0 keeps this open-weight")
    assert "open source still needs" in lines[0]
    assert "The tier stays open-weight." in lines
    assert any(line.startswith("OSAID 1.0: ") and "(was " in line for line in lines)
    assert "Now met for OSAID 1.0: the training code is released under an OSI-approved licence." in lines
    [gained] = [d for d in differences if d.kind == "requirement" and d.item == "code-training_code"]
    assert (gained.framework, gained.before, gained.after, gained.direction) == ("osaid", False, True, 1)


def test_training_code_flips_to_open_source_when_the_rest_is_met() -> None:
    lines, differences = said(without_training_code(), ["training_code=released:Apache-2.0"])
    assert lines[0] == "Releasing the training code under Apache-2.0 makes this open source (it was open-weight)."
    assert "The tier goes from open-weight to open source." in lines
    assert "OSAID 1.0: met (was 9 of 10 hold)." in lines
    tier, summary = differences[0], next(d for d in differences if d.kind == "summary" and d.framework == "osaid")
    assert (tier.kind, tier.before, tier.after, tier.direction) == ("tier", "open-weight", "open-source", 1)
    assert (summary.after, summary.direction) == ("met", 1)


def test_an_approval_gate_loses_open_weight_and_names_what_broke() -> None:
    lines, differences = said(without_training_code(), ["model_parameters_final=access:approval"])
    assert lines[0] == (
        "Putting the final weights behind an approval gate makes this partially open (it was open-weight)."
    )
    assert "No longer met for OSAID 1.0: anyone can download the final weights without approval." in lines
    assert "No longer met for OWD: no discrimination against persons or groups (criterion 5)." in lines
    assert "OWD: 9 of 10 hold (was met)." in lines
    assert any(line.startswith("OSAI-style: ") and "(was " in line for line in lines)
    lost = {(d.framework, d.item) for d in differences if d.direction < 0}
    assert {(None, None), ("osaid", "weights-downloadable"), ("owd", "owd-5"), ("owd", None)} <= lost
    assert ("osai", "end_weights") in {(d.framework, d.item) for d in differences if d.kind == "grade"}


def test_mof_class_and_progress_changes_are_reported() -> None:
    answers = open_source_answers(
        **{"components.evaluation_results.released": True, "components.evaluation_results.license": "CC-BY-4.0"}
    )
    assert classify(answers).framework("mof").summary == "Class III"
    lines, differences = said(answers, ["model_card=unreleased"])
    assert lines[0].startswith("Withdrawing the model card keeps this open source")
    assert "MOF: Unclassified (was Class III)." in lines
    assert "MOF, Class III (Open Model): from 100% to 83.3%." in lines
    [measure] = [d for d in differences if d.kind == "measure" and d.item == "III"]
    assert (measure.before, measure.after, measure.direction, measure.scale) == (100.0, 83.3, -1, 100)


def test_several_changes_make_one_headline() -> None:
    lines, _ = said(without_training_code(), ["training_code=released:MIT", "datasets=unreleased"])
    assert lines[0].startswith(
        "Releasing the training code under MIT and withdrawing the training datasets makes this open source"
    )


def test_no_change_says_so() -> None:
    result = classify(open_source_answers())
    differences = whatif.diff(result, result)
    assert whatif.sentences(differences)[0] == "The tier stays open source."
    assert "MOF: Unclassified, unchanged." in whatif.sentences(differences)
    assert all(d.direction == 0 and not d.changed for d in differences)
    assert {d.kind for d in differences} == {"tier", "summary"}  # one summary a framework, nothing else


def test_every_difference_is_one_sentence_and_plain_data() -> None:
    """Each difference renders to one sentence, and its JSON form round-trips (the CLI's --json)."""
    answers = without_training_code()
    for change in (
        ["model_parameters_final=license:CC-BY-NC-4.0"],
        ["datasets=unreleased"],
        ["training_code=released:CC-BY-4.0"],
        ["model_card=access:approval"],
    ):
        _, differences = said(answers, change)
        for difference in differences:
            text = whatif.sentence(difference)
            assert text and "\n" not in text and text[0].isupper(), difference
            data = whatif.as_dict(difference)
            assert json.loads(json.dumps(data)) == data and data["text"] == text


# ------------------------------------------------------------------ the command


def test_cli_text_output(tmp_path: Path) -> None:
    write_answers(tmp_path / "answers.toml", without_training_code())
    # a short path: the first line names the file as given, unwrapped, whatever pytest's tmp_path is
    result = run("whatif", "answers.toml", "--set", "training_code=released:Apache-2.0", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Releasing the training code under Apache-2.0 makes this open source" in result.stdout
    assert "What if: training_code=released:Apache-2.0" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_a_long_path_wraps_in_the_heading_of_whatif_and_classify(tmp_path: Path) -> None:
    """The first line names the model and its file; a path longer than the line wraps there (it used to run
    past the 80 columns every other line keeps), and every character of it is still there."""
    folder = tmp_path.joinpath(*[f"a-folder-with-a-long-name-{i}" for i in range(4)])
    folder.mkdir(parents=True)
    path = write_answers(folder / "answers.toml", without_training_code())
    for args in (("whatif", str(path), "--set", "training_code=released:Apache-2.0"), ("classify", str(path))):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80, args[0]
        end = next(i for i, line in enumerate(lines) if line.endswith(")"))
        assert "".join(line.strip() for line in lines[: end + 1]).endswith(f"({path})"), lines[: end + 1]


def test_cli_on_a_declaration_with_json(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "answers.toml", without_training_code())
    decl = tmp_path / "decl.toml"
    assert run("declare", str(answers), "-o", str(decl)).returncode == 0
    result = run(
        "whatif", str(decl), "--set", "training_code=released:Apache-2.0", "--set", "datasets=unreleased", "--json"
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["before"]["tier"] == "open-weight" and payload["after"]["tier"] == "open-source"
    assert payload["changes"] == ["training_code=released:Apache-2.0", "datasets=unreleased"]
    assert payload["headline"].startswith("Releasing the training code")
    tier = payload["differences"][0]
    assert tier == {
        "kind": "tier",
        "framework": None,
        "item": None,
        "before": "open-weight",
        "after": "open-source",
        "direction": 1,
        "text": "The tier goes from open-weight to open source.",
    }
    assert {item["id"] for item in payload["after"]["frameworks"]} >= {"osaid", "mof", "owd", "osai"}


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = run("whatif", str(tmp_path / "missing.toml"), "--set", "training_code=released")
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "missing.toml" in missing.stderr
    path = write_answers(tmp_path / "answers.toml", open_source_answers())
    bad = run("whatif", str(path), "--set", "nonsense=released")
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "unknown component 'nonsense'" in bad.stderr
    assert "Traceback" not in bad.stderr
    no_set = run("whatif", str(path))
    assert no_set.returncode == 2 and "--set" in no_set.stderr


def test_the_licences_offered_by_the_app_are_known_exactly_and_include_open_and_restrictive_ones() -> None:
    from questionnaire import licenses

    offered = whatif.licence_choices()
    assert len(offered) == len(set(offered)) >= 10
    states = []
    for licence in offered:
        match = licenses.lookup(licence)
        assert match.confidence == "exact", licence
        states.append(match.license.open_terms)
    assert any(states) and not all(states)  # something to open up to, and something to fall back to


def test_a_new_licence_and_a_new_access_are_both_named_in_the_headline() -> None:
    from questionnaire.examples import example_path
    from questionnaire.loading import load

    answers = load(str(example_path("llama-3.1-8b"))).answers
    changes = ["model_parameters_final=license:MIT,access:public"]
    lines, _ = said(answers, changes)
    assert lines[0] == (
        "Relicensing the final weights under MIT with a public download makes this open-weight (it was partially open)."
    )


def test_what_people_accept_at_a_click_through_decides_the_tier() -> None:
    answers = open_source_answers()
    licence_only = whatif.parse_change("weights=access:click-through,click_through_terms:license-only")
    assert (licence_only.access, licence_only.click_through_terms) == ("click_through", "license_only")
    after = whatif.apply(answers, [licence_only])
    assert after["components.model_parameters_final.click_through_terms"] == "license_only"
    assert classify(after).tier == "open-source"
    extra = whatif.apply(answers, ["weights=access:click_through,click_through_terms:extra_terms"])
    assert classify(extra).tier == "partially-open"
    line = whatif.headline(
        ["weights=access:click_through,click_through_terms:extra_terms"], answers, classify(answers), classify(extra)
    )
    assert line == (
        "Putting the final weights behind a click-through with extra terms makes this partially open (it "
        "was open source)."
    )
