"""The EU AI Act's open-source exemption (Regulation (EU) 2024/1689, Art. 53(2), 54(6), 51(2), Recital
103), added as one framework module and two questions of the bank: the verdict, what it never assumes,
the obligations it says remain, and that every presenter lists it without naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import compare, drafts, report, whatif
from questionnaire.bank import load_bank, parse_number
from questionnaire.examples import example_path
from questionnaire.loading import load
from questionnaire.rules import classify
from tests.conftest import open_source_answers, run, write_answers

from app_pilot import FIXED_NOW, make_app, run_async, tree_text, until

EU = "eu-ai-act-oss"
COMPUTE, MONETISED = "development.training_compute_flop", "development.monetised"
W = "components.model_parameters_final."


def verdict(**answers):
    return classify(open_source_answers(**answers)).framework(EU)


def test_an_open_release_below_the_threshold_and_not_monetised_is_exempt_and_says_what_remains() -> None:
    found = verdict(**{COMPUTE: 6.3e22, MONETISED: False})
    assert found.met is True and found.summary == "exempt" and not found.unmet
    lifted, remain = found.notes[0], found.notes[1]
    assert "Art. 53(1)(a)" in lifted and "Art. 53(1)(b)" in lifted and "Art. 54(6)" in lifted
    assert remain.startswith("Still required:") and "Art. 53(1)(c)" in remain and "Art. 53(1)(d)" in remain
    assert "Not legal advice." in found.notes[-1]
    assert "6.3e22 FLOP" in found.requirement("eu-no-systemic-risk").text


def test_above_10_25_flop_systemic_risk_is_presumed_and_there_is_no_exemption() -> None:
    found = verdict(**{COMPUTE: 3.8e25, MONETISED: False})
    assert found.met is False and found.summary == "not exempt"
    assert [r.id for r in found.unmet] == ["eu-no-systemic-risk"]
    assert any("Art. 55" in note and "Art. 51(2)" in note for note in found.notes)
    assert verdict(**{COMPUTE: 1e25, MONETISED: False}).met  # "greater than 10^25": exactly 10^25 is not


@pytest.mark.parametrize(
    "answers, missing",
    [
        ({MONETISED: False}, ["eu-no-systemic-risk"]),
        ({COMPUTE: 1e23}, ["eu-not-monetised"]),
        ({}, ["eu-no-systemic-risk", "eu-not-monetised"]),
        ({COMPUTE: "", MONETISED: False}, ["eu-no-systemic-risk"]),  # "unknown" in the app is no answer
    ],
)
def test_an_unknown_compute_or_an_unanswered_monetisation_is_never_exempt(answers: dict, missing: list) -> None:
    found = verdict(**answers)
    assert found.met is False and found.summary == "not known yet"
    assert [r.id for r in found.unmet] == missing
    assert all("not known" in r.text and "cannot be claimed" in r.action for r in found.unmet)
    assert any(note.startswith("Not known until") for note in found.notes)
    assert any(note.startswith("Required:") and "Art. 53(1)(a)" in note for note in found.notes)


def test_a_monetised_model_is_not_exempt() -> None:
    found = verdict(**{COMPUTE: 1e23, MONETISED: True})
    assert (found.met, found.summary, [r.id for r in found.unmet]) == (False, "not exempt", ["eu-not-monetised"])
    assert "Recital 103" in found.unmet[0].text


@pytest.mark.parametrize(
    "change, failed",
    [
        ({W + "license": "LicenseRef-Llama-3.1"}, ["eu-licence"]),
        ({W + "access": "approval"}, ["eu-weights-public"]),
        ({W + "released": False}, ["eu-licence", "eu-weights-public"]),
        (
            {
                "components.model_card.released": False,
                "components.technical_report.released": False,
                "components.inference_code.released": False,
            },
            ["eu-usage-public"],
        ),
    ],
)
def test_the_release_itself_must_be_open_and_public(change: dict, failed: list) -> None:
    found = verdict(**{COMPUTE: 1e23, MONETISED: False, **change})
    assert found.summary == "not exempt" and [r.id for r in found.unmet] == failed


@settings(max_examples=200, deadline=None)
@given(
    compute=st.one_of(st.none(), st.just(""), st.floats(0, 1e27, allow_nan=False)),
    monetised=st.sampled_from([None, True, False]),
)
def test_exempt_exactly_when_every_condition_is_known_to_hold(compute, monetised) -> None:
    answers = {key: value for key, value in ((COMPUTE, compute), (MONETISED, monetised)) if value is not None}
    found = verdict(**answers)
    known = isinstance(compute, float) and monetised is not None
    assert found.met == (known and compute <= 1e25 and monetised is False)
    assert found.summary == (
        "exempt"
        if found.met
        else "not exempt"
        if known and not found.met or (isinstance(compute, float) and compute > 1e25) or monetised is True
        else "not known yet"
    )


def test_every_presenter_lists_it_without_naming_it(tmp_path: Path) -> None:
    answers = open_source_answers(**{COMPUTE: 1e23, MONETISED: False})
    result = classify(answers)
    data = report.as_dict(result, source="x", name="Example-7B")  # what classify --json prints
    [item] = [v for v in data["frameworks"] if v["id"] == EU]
    assert item["met"] is True and item["summary"] == "exempt"
    assert {r["id"] for r in item["requirements"]} >= {"eu-licence", "eu-no-systemic-risk", "eu-not-monetised"}
    assert "  EU AI Act open-source exemption (Art. 53(2), 54(6)): exempt" in report.as_text(
        result, source="x", name="Example-7B"
    )
    lines = compare.as_text(
        compare.Comparison((compare.entry(answers, "a"), compare.entry(open_source_answers(), "b")))
    ).splitlines()
    assert next(line for line in lines if line.startswith("EU AI Act OSS")).split()[4:] == [
        "exempt",
        "not",
        "known",
        "yet",
    ]
    after = classify({**answers, W + "access": "approval"})  # whatif.apply validates: see the last test
    said = whatif.sentences(whatif.diff(result, after))
    assert "EU AI Act OSS: not exempt (was exempt)." in said
    assert (
        "No longer met for EU AI Act OSS: the parameters, including the weights, are publicly available "
        "(Art. 53(2))." in said
    )


def test_the_examples_say_what_is_missing_rather_than_assume() -> None:
    """No shipped example states its training compute or monetisation, so none is exempt on assumption."""
    olmo = classify(load(str(example_path("olmo-2-7b"))).answers).framework(EU)
    assert olmo.summary == "not known yet"
    llama = classify(load(str(example_path("llama-3.1-8b"))).answers).framework(EU)
    assert llama.summary == "not exempt" and "eu-licence" in {r.id for r in llama.unmet}


# ---------------------------------------------------------------- the two questions, in the bank only


def test_the_questions_are_asked_once_the_weights_can_be_downloaded_and_cite_the_articles() -> None:
    bank = load_bank()
    compute, monetised = bank[COMPUTE], bank[MONETISED]
    assert compute.type == "number" and monetised.type == "bool"
    assert "Art. 51(2)" in compute.help and "Art. 53(2)" in compute.help and "unknown" in compute.help
    assert "Recital 103" in monetised.help and "microenterprises" in monetised.help
    assert parse_number("3.8 × 10^25") == (3.8e25, None) and parse_number("unknown") == ("", None)
    public = open_source_answers()
    assert {COMPUTE, MONETISED} <= {q.id for q in bank.visible(public)}
    clicked = {**public, W + "access": "click_through", W + "click_through_terms": "license_only"}
    assert {COMPUTE, MONETISED} <= {q.id for q in bank.visible(clicked)}
    for gated in ({**public, W + "access": "approval"}, {**public, W + "released": False}, {"identity.name": "x"}):
        assert not {COMPUTE, MONETISED} & {q.id for q in bank.visible(gated)}  # the exemption cannot hold: not asked
    terms = {entry for q in (compute, monetised) for entry in q.glossary}
    assert {"training-compute", "systemic-risk", "monetisation", "ai-act-open-source-exemption"} <= terms


@run_async
async def test_the_result_screen_shows_the_exemption_with_what_remains(tmp_path: Path) -> None:
    answers = open_source_answers(**{COMPUTE: 6.3e22, MONETISED: False})
    drafts.save(drafts.Draft(answers, "identity.name", None, FIXED_NOW.isoformat()), tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "ctrl+t")
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.query(f"#framework-{EU}"))  # the result is up
        panel = app.screen.query_one(f"#framework-{EU}")
        text = " ".join(tree_text(panel).replace("│", " ").split())
        assert panel.border_title == "EU AI Act open-source exemption (Art. 53(2), 54(6))"
        assert text.startswith("exempt ✓ The final weights are under a free and open-source licence")
        assert "Still required: a policy to comply with Union copyright law (Art. 53(1)(c))" in text


def test_saved_checked_and_exported_through_files_with_the_answers_schema_from_the_bank(tmp_path: Path) -> None:
    """The whole path through files: an answers file with the two answers is classified (--json), declared,
    checked, tried in what if and exported; the answers schema comes from the bank, so no code names them."""
    answers = open_source_answers(**{COMPUTE: 6.3e22, MONETISED: False})
    path = write_answers(tmp_path / "answers.toml", answers)
    classified = json.loads(run("classify", str(path), "--json").stdout)
    assert next(v for v in classified["frameworks"] if v["id"] == EU)["summary"] == "exempt"
    decl = tmp_path / "decl.toml"
    assert run("declare", str(path), "-o", str(decl)).returncode == 0
    assert run("check", str(decl)).returncode == 0
    changed = json.loads(run("whatif", str(decl), "--set", "model_parameters_final=access:approval", "--json").stdout)
    assert {"kind": "summary", "framework": EU, "before": "exempt", "after": "not exempt"}.items() <= next(
        d for d in changed["differences"] if d["framework"] == EU
    ).items()
    markdown = run("export", str(decl), "--format", "markdown").stdout
    assert (
        "| [EU AI Act open-source exemption (Art. 53(2), 54(6))](https://eur-lex.europa.eu/eli/reg/2024/1689/oj) "
        "| exempt |" in markdown
    )
