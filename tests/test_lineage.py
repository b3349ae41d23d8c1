"""A fine-tune is bounded by its base model: the base model's licence binds its weights, OSAID needs the
base model's data information, and the tool proposes the base licence when it knows the base model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import lineage
from questionnaire.rules import TIERS, classify
from tests.conftest import ROOT, open_source_answers
from tests.test_rules import _component_answers


def fine_tune(
    base_license: str | None,
    own_license: str = "Apache-2.0",
    *,
    base_data: bool = True,
    base_model: str = "org/base",
    **overrides: object,
) -> dict[str, object]:
    """An open-source release (open code, data and data information) that is a fine-tune."""
    answers = open_source_answers(
        **{
            "identity.is_finetune": True,
            "identity.base_model": base_model,
            "identity.base_data_information": base_data,
            "components.model_parameters_final.license": own_license,
            **overrides,
        }
    )
    if base_license is not None:
        answers["identity.base_model_license"] = base_license
    return answers


def reason_texts(result) -> str:
    return "\n".join(r.text for r in result.reasons)


# ---------------------------------------------------------------- the cap


def test_a_llama_fine_tune_under_apache_is_partially_open_and_names_the_llama_clauses() -> None:
    result = classify(fine_tune("llama3.1", "Apache-2.0", base_model="meta-llama/Llama-3.1-8B"))
    assert result.tier == "partially-open"
    text = reason_texts(result)
    assert "the base model's licence, Llama 3.1 Community License Agreement, binds derivatives" in text
    assert "use restrictions (bound to the Llama 3.1 Acceptable Use Policy)" in text
    assert "a threshold (700 million monthly active users)" in text
    assert "whatever the fine-tune's own licence says" in text
    base_reason = next(r for r in result.reasons if "base model's licence" in r.text)
    assert "identity.base_model_license" in base_reason.refs
    # the weights' own licence is open: only the base stands in the way, and the next tier says so
    assert [r.id for r in result.framework("osaid").unmet] == ["weights-base-open-terms"]
    assert result.next_tier.tier == "open-weight"
    assert len(result.next_tier.changes) == 1 and result.next_tier.changes[0].startswith("choose a base model")
    assert {"owd-5", "owd-6"} <= {r.id for r in result.framework("owd").unmet}
    assert all("base model" in r.action for r in result.framework("owd").unmet)


@pytest.mark.parametrize(
    "base, own, clause",
    [
        ("gemma", "MIT", "Gemma Terms of Use"),
        ("creativeml-openrail-m", "CC0-1.0", "CreativeML Open RAIL-M License"),
        ("LicenseRef-Qwen", "Apache-2.0", "a threshold (100 million monthly active users)"),
        ("DeepSeek License Agreement v1.0", "MIT", "DeepSeek License Agreement v1.0"),
        ("CC-BY-NC-4.0", "CC-BY-4.0", "no commercial use"),
    ],
)
def test_a_base_licence_that_binds_derivatives_caps_the_fine_tune(base: str, own: str, clause: str) -> None:
    result = classify(fine_tune(base, own))
    assert result.tier == "partially-open"
    assert clause in reason_texts(result)
    assert not result.framework("owd").met and not result.framework("osaid").met


@pytest.mark.parametrize("base", ["Apache-2.0", "MIT", "CC-BY-4.0", "OpenMDW-1.0", "apache-2.0"])
def test_an_open_base_caps_nothing(base: str) -> None:
    result = classify(fine_tune(base, "Apache-2.0"))
    assert result.tier == "open-source"
    assert result.framework("owd").met
    assert "so is the base model's licence" in reason_texts(result)


@pytest.mark.parametrize(
    "base, says",
    [
        (None, "the base model's licence is not given"),
        ("", "the base model's licence is not given"),
        ("unknown", "'unknown' is not known"),
        ("Acme Base Licence", "'Acme Base Licence' is not known"),
        ("unlicensed", "released without a licence"),
    ],
)
def test_a_missing_or_unknown_base_licence_counts_as_not_open(base: str | None, says: str) -> None:
    result = classify(fine_tune(base))
    assert result.tier == "partially-open"
    assert says in reason_texts(result)
    change = result.next_tier.changes[-1]
    assert "base model" in change and says in change


def test_the_cap_follows_the_answers_not_a_stale_base_licence() -> None:
    # a base licence left in an answers file for a model answered as not a fine-tune binds nothing, and is said
    answers = fine_tune("llama3.1", **{"identity.is_finetune": False})
    result = classify(answers)
    assert result.tier == "open-source"
    dims = {d.id: d for d in result.framework("osai").requirements}
    assert dims["base_weights"].refs == dims["end_weights"].refs  # the same as the end model: not a fine-tune
    [warning] = [w for w in result.warnings if w.startswith("Base model:")]
    assert "answered as not a fine-tune" in warning and "'llama3.1'" in warning and "left aside" in warning


@pytest.mark.parametrize(
    "named",
    [
        {"identity.base_model": "org/base", "identity.base_model_license": "llama3.1"},
        {"identity.base_model_license": "CC-BY-NC-4.0"},
        {"identity.base_model": "org/base"},  # its licence not given: not open
    ],
)
def test_a_base_named_without_the_fine_tune_answer_binds_the_weights(named: dict[str, str]) -> None:
    """`identity.is_finetune` is required; a file that leaves it out but names a base model is read as the
    fine-tune it describes, never as a model trained from scratch."""
    answers = open_source_answers(**named)
    assert "identity.is_finetune" not in answers
    result = classify(answers)
    assert result.tier == "partially-open"
    assert not result.framework("owd").met
    [warning] = [w for w in result.warnings if "fine-tune is not answered" in w]
    assert "counts as a fine-tune bound by its base model" in warning
    assert classify(answers | {"identity.is_finetune": True}).tier == "partially-open"
    # with nothing of a base named, a missing answer changes nothing
    assert classify(open_source_answers()).tier == "open-source"


def test_a_known_base_answered_under_an_open_licence_is_bound_by_the_licence_the_tool_knows() -> None:
    """Llama 3.1 8B is a shipped example under the Llama 3.1 licence: answering Apache-2.0 for it does not
    lift its clauses. The warning says which licence the tool knows and where from."""
    result = classify(fine_tune("Apache-2.0", base_model="meta-llama/Llama-3.1-8B"))
    assert result.tier == "partially-open"
    assert "the base model's licence, Llama 3.1 Community License Agreement, binds derivatives" in reason_texts(result)
    [warning] = [w for w in result.warnings if w.startswith("Base model:")]
    assert "'meta-llama/Llama-3.1-8B' is known under LicenseRef-Llama-3.1" in warning
    assert "the shipped example Llama 3.1 8B" in warning and "not under 'Apache-2.0' as answered" in warning
    # an unknown base is taken at its answer; a known base answered under its own licence is not warned about
    assert classify(fine_tune("Apache-2.0", base_model="example-org/unknown-base")).tier == "open-source"
    agreed = classify(fine_tune("LicenseRef-Llama-3.1", base_model="meta-llama/Llama-3.1-8B"))
    assert not any(w.startswith("Base model:") for w in agreed.warnings)


def test_a_known_open_base_answered_under_another_licence_is_only_warned_about() -> None:
    """Never more open, and never less open on a guess either: a base the tool knows under an open licence,
    answered under another licence, keeps the answered licence (the publisher may know better), with a
    warning to check."""
    known = lineage.find("allenai/OLMo-1B-hf")
    assert known is not None and known.license == "Apache-2.0"
    result = classify(fine_tune("MIT", base_model="allenai/OLMo-1B-hf"))
    assert result.tier == "open-source"
    [warning] = [w for w in result.warnings if w.startswith("Base model:")]
    assert "is known under Apache-2.0" in warning and "check which licence its weights are under" in warning
    not_open = classify(fine_tune("CC-BY-NC-4.0", base_model="allenai/OLMo-1B-hf"))
    assert not_open.tier == "partially-open"  # the answered licence binds, though the known one is open


# ---------------------------------------------------------------- OSAID, OSAI


def test_osaid_needs_the_base_models_data_information() -> None:
    result = classify(fine_tune("Apache-2.0", base_data=False))
    assert result.tier == "open-weight"
    [unmet] = result.framework("osaid").unmet
    assert unmet.id == "data-base-model" and "identity.base_data_information" in unmet.refs
    assert "base model's training data" in unmet.text
    assert result.next_tier.changes == (unmet.action,) and "base model" in unmet.action
    missing = fine_tune("Apache-2.0")
    del missing["identity.base_data_information"]
    assert classify(missing).tier == "open-weight"  # not answered: not published


@pytest.mark.parametrize(
    "base, data, weights_grade, data_grade",
    [
        ("Apache-2.0", True, "open", "partial"),
        ("llama3.1", False, "partial", "closed"),
        (None, True, "closed", "partial"),
        ("Acme Base Licence", False, "closed", "closed"),
    ],
)
def test_osai_grades_the_base_model_from_its_licence_and_data_information(
    base, data, weights_grade, data_grade
) -> None:
    dims = {d.id: d for d in classify(fine_tune(base, base_data=data)).framework("osai").requirements}
    assert dims["base_weights"].grade == weights_grade
    assert dims["base_data"].grade == data_grade
    assert "base model" in dims["base_weights"].action and "base model" in dims["base_data"].action
    assert "identity.base_model_license" in dims["base_weights"].refs


def test_the_licences_dimension_counts_the_base_licence() -> None:
    dims = {d.id: d.grade for d in classify(fine_tune("gemma", "MIT")).framework("osai").requirements}
    assert dims["licences"] == "partial" and dims["end_weights"] == "partial"
    dims = {d.id: d.grade for d in classify(fine_tune("MIT", "MIT")).framework("osai").requirements}
    assert dims["licences"] == "open" and dims["end_weights"] == "open"


# ---------------------------------------------------------------- never more open


_non_open_base = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "llama3.1",
            "LicenseRef-Llama-3.1",
            "gemma",
            "creativeml-openrail-m",
            "bigscience-bloom-rail-1.0",
            "LicenseRef-Qwen",
            "LicenseRef-DeepSeek-1.0",
            "LicenseRef-Falcon-180B-TII-1.0",
            "CC-BY-NC-4.0",
            "CC-BY-ND-4.0",
            "unknown",
            "unlicensed",
            "",
            "Acme Base Licence",
            "Proprietary",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(_component_answers, _non_open_base, st.one_of(st.none(), st.booleans()))
def test_a_fine_tune_of_a_non_open_base_is_never_more_open(
    answers: dict, base: str | None, base_data: bool | None
) -> None:
    plain = {"identity.name": "M", **answers}
    tuned = {**plain, "identity.is_finetune": True, "identity.base_model": "org/base"}
    if base is not None:
        tuned["identity.base_model_license"] = base
    if base_data is not None:
        tuned["identity.base_data_information"] = base_data
    before, after = classify(plain), classify(tuned)
    assert TIERS.index(after.tier) >= TIERS.index(before.tier)
    assert after.tier not in ("open-source", "open-weight")
    assert not after.framework("osaid").met and not after.framework("owd").met


@settings(max_examples=150, deadline=None)
@given(_component_answers, st.sampled_from(["Apache-2.0", "MIT", "CC-BY-4.0", "OpenMDW-1.0"]))
def test_an_open_base_with_its_data_described_never_changes_the_tier(answers: dict, base: str) -> None:
    plain = {"identity.name": "M", **answers}
    tuned = {
        **plain,
        "identity.is_finetune": True,
        "identity.base_model_license": base,
        "identity.base_data_information": True,
    }
    before, after = classify(plain), classify(tuned)
    assert after.tier == before.tier
    assert (
        after.framework("owd").met == before.framework("owd").met
        and after.framework("osaid").met == before.framework("osaid").met
    )


# ---------------------------------------------------------------- known base models


@pytest.mark.parametrize(
    "text",
    [
        "meta-llama/Llama-3.1-8B",
        "Llama 3.1 8B",
        "llama-3.1-8b",
        "https://huggingface.co/meta-llama/Llama-3.1-8B",
        "https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main",
        "hf.co/meta-llama/Llama-3.1-8B",
    ],
)
def test_a_shipped_example_is_found_by_name_id_or_address(text: str) -> None:
    found = lineage.find(text)
    assert found is not None
    assert found.license == "LicenseRef-Llama-3.1"
    assert found.reason == "the shipped example Llama 3.1 8B declares its weights under LicenseRef-Llama-3.1"


def test_a_model_openness_tool_record_is_found_with_where_it_was_read() -> None:
    found = lineage.find("Llama-2-7B")
    assert found is not None and found.license == "LicenseRef-Llama-2"
    assert "Model Openness Tool's record of Llama-2-7B" in found.reason
    assert "'Llama 2 Community License'" in found.reason and "Llama-2-7B.yml" in found.reason
    by_id = lineage.find("meta-llama/Llama-3.1-8B-Instruct")
    assert by_id is not None and "Llama-3.1-8B-Instruct.yml" in by_id.reason


def test_unknown_bases_and_addresses_that_are_not_models_find_nothing() -> None:
    for text in (
        "someone/never-published",
        "",
        "   ",
        "https://huggingface.co/datasets/allenai/c4",
        "meta-llama/Llama-3.1-8B, someone/unknown",
    ):
        assert lineage.find(text) is None, text
    assert lineage.find(None) is None
    assert lineage.hf_id("https://huggingface.co/spaces/org/app") is None


def test_several_known_bases_give_every_licence_at_once() -> None:
    found = lineage.find("mistralai/Mistral-7B-v0.1, meta-llama/Llama-3.1-8B")
    assert found is not None
    assert found.license == "Apache-2.0 AND LicenseRef-Llama-3.1"
    assert classify(fine_tune(found.license)).tier == "partially-open"


def test_the_proposal_is_made_on_the_base_licence_question_only() -> None:
    answers = {"identity.is_finetune": True, "identity.base_model": "allenai/OLMo-2-1124-7B"}
    proposal = lineage.proposal_for("identity.base_model_license", answers)
    assert proposal is not None and proposal.license == "Apache-2.0"
    assert lineage.proposal_for("components.model_parameters_final.license", answers) is None
    assert lineage.proposal_for("identity.base_model_license", {"identity.is_finetune": True}) is None


def test_the_known_models_file_is_what_the_script_makes_from_the_records(mot_dir) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_known_models", ROOT / "scripts" / "build_known_models.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build(mot_dir) == lineage.KNOWN_MODELS_FILE.read_text(encoding="utf-8")
