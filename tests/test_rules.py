"""The classifier: tiers, framework verdicts and the next tier, from answers a publisher gives."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.components import ACCESS_CHOICES, COMPONENTS
from questionnaire.rules import TIERS, classify, classify_release
from tests.conftest import FAVOURABLE_TERMS, open_source_answers


def test_complete_open_release_is_open_source() -> None:
    result = classify(open_source_answers())
    assert result.tier == "open-source"
    assert result.framework("osaid").met and not result.framework("osaid").unmet
    assert result.framework("owd").met
    assert result.next_tier is None


def test_missing_training_code_makes_it_open_weight_and_names_the_fix() -> None:
    result = classify(open_source_answers(**{"components.training_code.released": False}))
    assert result.tier == "open-weight"
    assert [r.id for r in result.framework("osaid").unmet] == ["code-training_code"]
    assert result.next_tier is not None and result.next_tier.tier == "open-source"
    assert result.next_tier.changes == (
        "release the training code under an OSI-approved licence such as Apache-2.0 or MIT",
    )
    assert any("components.training_code.released" in r.refs for r in result.reasons)


def test_llama_licence_on_weights_is_partially_open_with_its_restrictions() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.license": "llama3.1"}))
    assert result.tier == "partially-open"
    assert not result.framework("owd").met
    unmet = {r.id for r in result.framework("owd").unmet}
    assert {"owd-5", "owd-6"} <= unmet  # the 700M MAU threshold and the acceptable use policy
    assert result.next_tier.tier == "open-weight"
    assert any("700" in change for change in result.next_tier.changes)


def test_approval_gate_blocks_open_weight() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.access": "approval"}))
    assert result.tier == "partially-open"
    assert "owd-5" in {r.id for r in result.framework("owd").unmet}
    assert any("without approval" in change for change in result.next_tier.changes)


def test_click_through_of_open_terms_is_still_open() -> None:
    result = classify(
        open_source_answers(
            **{
                "components.model_parameters_final.access": "click_through",
                "components.model_parameters_final.click_through_terms": "license_only",
            }
        )
    )
    assert result.tier == "open-source"
    assert {d.id: d.grade for d in result.framework("osai").requirements}["end_weights"] == "partial"


def test_an_access_not_given_is_never_taken_for_public() -> None:
    answers = open_source_answers()
    del answers["components.model_parameters_final.access"]
    result = classify(answers)
    assert result.tier == "partially-open"  # released, but nobody said anyone can download the weights
    assert any("how people get it is not answered yet" in change for change in result.next_tier.changes)
    code = open_source_answers()
    del code["components.training_code.access"]
    result = classify(code)
    assert result.tier == "open-weight"
    assert [r.id for r in result.framework("osaid").unmet] == ["code-training_code"]


def test_documents_alone_are_closed() -> None:
    answers = {
        "identity.name": "Paper-only",
        "components.research_paper.released": True,
        "components.research_paper.license": "CC-BY-4.0",
        "components.model_card.released": True,
    }
    result = classify(answers)
    assert result.tier == "closed"
    assert result.framework("mof").summary == "Unclassified" and result.framework("mof").met is False
    assert result.next_tier.tier == "partially-open"


def test_unknown_licence_with_self_assessed_open_terms_counts_and_says_so() -> None:
    terms = dict(FAVOURABLE_TERMS)
    answers = open_source_answers(**{"components.model_parameters_final.license": "Acme Model Licence 1.0"})
    answers.update({f"components.model_parameters_final.terms.{k}": v for k, v in terms.items()})
    result = classify(answers)
    assert result.tier == "open-source"
    assert any("self-assessed" in r.text for r in result.reasons)
    answers["components.model_parameters_final.terms.threshold"] = True
    assert classify(answers).tier == "partially-open"
    # a licence the tool knows only by another spelling is not taken silently as a custom one
    assert not any("close to" in warning for warning in result.warnings)


def test_self_assessed_terms_of_a_near_miss_of_a_known_licence_say_which_one_it_is_close_to() -> None:
    answers = open_source_answers(**{"components.model_parameters_final.license": "Llama 3.1 Communty License"})
    answers.update({f"components.model_parameters_final.terms.{k}": v for k, v in FAVOURABLE_TERMS.items()})
    result = classify(answers)
    assert result.tier == "open-source"  # the terms as answered: the rules allow self-assessment
    [warning] = [w for w in result.warnings if "close to" in w]
    assert warning.startswith("Model parameters (Final): 'Llama 3.1 Communty License' is not a licence the tool")
    assert "close to LicenseRef-Llama-3.1" in warning and "its known terms apply" in warning


def test_unknown_licence_without_terms_is_not_open_and_warns() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.license": "Acme Model Licence 1.0"}))
    assert result.tier == "partially-open"
    assert any("Acme Model Licence 1.0" in w for w in result.warnings)


def test_data_information_items_can_stand_in_for_datasets() -> None:
    answers = open_source_answers(
        **{"components.datasets.released": False, "data_information.third_party_list": "not_published"}
    )
    result = classify(answers)
    assert result.tier == "open-weight"
    assert [r.id for r in result.framework("osaid").unmet] == ["data-third_party_list"]
    assert "third parties" in result.next_tier.changes[0]


def test_supporting_libraries_required_only_when_used() -> None:
    used = open_source_answers(**{"development.supporting_libraries_used": True})
    assert classify(used).tier == "open-weight"
    assert "code-supporting_libraries" in {r.id for r in classify(used).framework("osaid").unmet}
    assert classify(open_source_answers()).tier == "open-source"


_component_answers = st.fixed_dictionaries(
    {},
    optional={
        **{f"components.{c.key}.released": st.booleans() for c in COMPONENTS},
        **{
            f"components.{c.key}.license": st.sampled_from(
                [
                    "Apache-2.0",
                    "MIT",
                    "CC-BY-4.0",
                    "CC-BY-NC-4.0",
                    "llama3.1",
                    "gemma",
                    "unlicensed",
                    "Proprietary",
                    "",
                    "Apache 2.0",
                ]
            )
            for c in COMPONENTS
        },
        **{f"components.{c.key}.access": st.sampled_from(ACCESS_CHOICES) for c in COMPONENTS},
        "development.supporting_libraries_used": st.booleans(),
        "data_information.description": st.booleans(),
        "data_information.public_list": st.sampled_from(["published", "not_published", "none_used"]),
        "data_information.third_party_list": st.sampled_from(["published", "not_published", "none_used"]),
    },
)


@settings(max_examples=300, deadline=None)
@given(_component_answers)
def test_classifier_is_deterministic_and_consistent(answers: dict) -> None:
    answers = {"identity.name": "M", **answers}
    first, second = classify(answers), classify(dict(reversed(list(answers.items()))))
    assert first == second
    assert first.tier in TIERS
    assert (first.tier == "open-source") == first.framework("osaid").met
    if first.tier in ("open-source", "open-weight"):
        assert first.framework("owd").met  # open terms on downloadable weights satisfy every OWD criterion
    if first.tier != "open-source":
        assert first.next_tier is not None and first.next_tier.changes
    mof = first.framework("mof")
    progress = {m.id: m.value for m in mof.measures}
    order = ["III", "II", "I"]
    for earlier, later in itertools.pairwise(order):
        if progress[earlier] < 100:
            assert progress[later] == 0
    assert not mof.met or progress[mof.summary.removeprefix("Class ")] == 100
    # the step to the next tier is the actions of requirements that do not hold, nothing else
    unmet = [r.action for verdict in first.frameworks for r in verdict.unmet] + [
        "release the final weights (model parameters), on any terms (or the intermediate checkpoints, any code "
        "component, or the datasets)"
    ]
    assert first.next_tier is None or set(first.next_tier.changes) <= set(unmet)


# ------------------------------------------------------------------ licences the SPDX list lacks

W = "components.model_parameters_final."

RANK = {tier: rank for rank, tier in enumerate(TIERS)}  # 0 is the most open


def _with_terms(answers: dict, prefix: str, terms: dict) -> dict:
    return {**answers, **{f"{prefix}terms.{key}": value for key, value in terms.items()}}


def test_openmdw_1_1_on_every_component_is_open_source_but_mot_does_not_count_it() -> None:
    answers = open_source_answers()
    for key in [k for k in answers if k.endswith(".license") or k.endswith("_license")]:
        answers[key] = "OpenMDW-1.1"
    for key in ("model_architecture", "training_code", "inference_code", "data_preprocessing_code"):
        answers[f"components.{key}.license"] = "Apache-2.0"  # OSAID wants OSI-approved code licences
    result = classify(answers)
    assert result.tier == "open-source" and result.framework("owd").met

    def class_iii(result):
        return result.framework("mof").measures[0].value

    assert class_iii(result) < class_iii(classify(open_source_answers()))  # MOT: not open
    assert any("OpenMDW-1.1" in n and "OpenMDW-1.0" in n and "MOF" in n for n in result.framework("mof").notes)


def test_dbrx_weights_are_partially_open_with_the_licences_own_restrictions() -> None:
    result = classify(open_source_answers(**{W + "license": "Databricks Open Model License"}))
    assert result.tier == "partially-open"
    assert {"owd-5", "owd-6", "owd-7", "owd-9"} <= {r.id for r in result.framework("owd").unmet}
    change = result.next_tier.changes[0]
    assert "700 million" in change and "outputs to train other models" in change


# ------------------------------------------------------------------ no licence, unknown licences


def test_a_word_for_no_licence_is_never_self_assessed_even_with_open_terms() -> None:
    answers = _with_terms(open_source_answers(**{W + "license": "Proprietary"}), W, FAVOURABLE_TERMS)
    result = classify(answers)
    assert result.tier == "partially-open"
    assert not any("self-assessed" in r.text for r in result.reasons)
    assert any("'Proprietary' names no licence" in w and "declared without" in w for w in result.warnings)
    assert "declared without a licence" in result.next_tier.changes[0]
    assert not any("not known" in w for w in result.warnings)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        ["Proprietary", "closed", "none", "All Rights Reserved", "undisclosed", "Unlicensed", "N/A", "not specified"]
    ),
    st.sampled_from(["", ".", "!", " ", ";"]),
    st.booleans(),
    st.fixed_dictionaries({}, optional={key: st.booleans() for key in FAVOURABLE_TERMS}),
    st.sampled_from(["public", "click_through"]),
)
def test_no_licence_word_with_any_terms_is_never_open(word, trailing, upper, terms, access) -> None:
    text = (word.upper() if upper else word) + trailing
    answers = _with_terms(
        open_source_answers(**{W + "license": text, W + "access": access, W + "click_through_terms": "license_only"}),
        W,
        terms,
    )
    result = classify(answers)
    assert result.tier == "partially-open"
    assert "weights-open-terms" in {r.id for r in result.framework("osaid").unmet}
    assert {d.id: d.grade for d in result.framework("osai").requirements}["licences"] == "closed"


def test_an_unknown_licence_is_named_as_unknown_not_as_no_licence() -> None:
    result = classify(open_source_answers(**{W + "license": "Acme Model Licence 1.0"}))
    change = result.next_tier.changes[0]
    assert "the licence is not known" in change and "answer the questions about its terms" in change
    assert "no licence grants" not in change
    unlicensed = classify(open_source_answers(**{W + "license": "unlicensed"}))
    assert "released without a licence" in unlicensed.next_tier.changes[0]


def test_self_assessed_terms_are_not_secondary_sources_and_unanswered_ones_count_against() -> None:
    answers = _with_terms(open_source_answers(**{W + "license": "Acme Model Licence 1.0"}), W, FAVOURABLE_TERMS)
    assert classify(answers).tier == "open-source"
    assert not any("secondary sources" in w for w in classify(answers).warnings)
    del answers[W + "terms.product_specific"]  # a terms file from before the question existed
    result = classify(answers)
    assert result.tier == "partially-open"
    assert any("product specific is not answered" in w for w in result.warnings)
    assert "owd-8" in {r.id for r in result.framework("owd").unmet}


@pytest.mark.parametrize(("term", "criterion"), [("output_restriction", "owd-9"), ("product_specific", "owd-8")])
def test_the_new_terms_fail_their_owd_criterion(term: str, criterion: str) -> None:
    answers = _with_terms(
        open_source_answers(**{W + "license": "Acme Model Licence 1.0"}), W, {**FAVOURABLE_TERMS, term: True}
    )
    result = classify(answers)
    assert result.tier == "partially-open"
    assert [r.id for r in result.framework("owd").unmet] == [criterion]


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries({key: st.booleans() for key in FAVOURABLE_TERMS}), st.sampled_from(sorted(FAVOURABLE_TERMS))
)
def test_adding_a_restriction_never_makes_a_release_more_open(terms: dict, term: str) -> None:
    base = open_source_answers(**{W + "license": "Acme Model Licence 1.0"})
    before = classify(_with_terms(base, W, terms))
    after = classify(_with_terms(base, W, {**terms, term: not FAVOURABLE_TERMS[term]}))  # the unfavourable answer
    assert RANK[after.tier] >= RANK[before.tier]
    assert {r.id for r in before.framework("owd").unmet} <= {r.id for r in after.framework("owd").unmet}
    assert {r.id for r in before.framework("osaid").unmet} <= {r.id for r in after.framework("osaid").unmet}


# ------------------------------------------------------------------ the data information's licences


def test_data_information_licences_can_be_self_assessed() -> None:
    answers = open_source_answers(
        **{"components.datasets.released": False, "data_information.public_list_license": "Our List Licence"}
    )
    assert "data-public_list" in {r.id for r in classify(answers).framework("osaid").unmet}  # unknown: not open
    answers = _with_terms(answers, "data_information.public_list_", FAVOURABLE_TERMS)
    result = classify(answers)
    assert result.tier == "open-source"
    assert any("Data information" in r.text and "self-assessed" in r.text for r in result.reasons)
    restricted = _with_terms(answers, "data_information.public_list_", {"output_restriction": True})
    assert "data-public_list" in {r.id for r in classify(restricted).framework("osaid").unmet}
    never = _with_terms(
        open_source_answers(
            **{"components.datasets.released": False, "data_information.public_list_license": "Proprietary"}
        ),
        "data_information.public_list_",
        FAVOURABLE_TERMS,
    )
    assert "data-public_list" in {r.id for r in classify(never).framework("osaid").unmet}


# ------------------------------------------------------------------ click-through gates


def test_extra_terms_at_a_click_through_are_a_use_restriction() -> None:
    answers = open_source_answers(**{W + "access": "click_through", W + "click_through_terms": "extra_terms"})
    result = classify(answers)
    assert result.tier == "partially-open"
    assert [r.id for r in result.framework("owd").unmet] == ["owd-6"]
    assert any("extra terms at the click-through" in r.text and "restrict its use" in r.text for r in result.reasons)
    assert "drop the extra terms of the click-through" in result.next_tier.changes[0]
    code = open_source_answers(
        **{
            "components.training_code.access": "click_through",
            "components.training_code.click_through_terms": "extra_terms",
        }
    )
    assert "code-training_code" in {r.id for r in classify(code).framework("osaid").unmet}


def test_an_unanswered_click_through_counts_as_extra_terms_and_says_so() -> None:
    result = classify(open_source_answers(**{W + "access": "click_through"}))
    assert result.tier == "partially-open"
    assert any("click-through is not answered" in w for w in result.warnings)
    assert "answer what people accept at the click-through" in result.next_tier.changes[0]
    llama = classify(open_source_answers(**{W + "access": "click_through", W + "license": "llama3.1"}))
    assert not any("click-through is not answered" in w for w in llama.warnings)  # it changes nothing there


# ------------------------------------------------------------------ intermediate checkpoints


def test_intermediate_checkpoints_alone_are_partially_open_not_open_weight() -> None:
    answers = {
        "identity.name": "Checkpoints",
        "components.model_parameters_intermediate.released": True,
        "components.model_parameters_intermediate.license": "Apache-2.0",
        "components.model_parameters_intermediate.access": "public",
    }
    result = classify(answers)
    assert result.tier == "partially-open"
    assert "intermediate checkpoints" in result.reasons[0].text
    assert any("OWD criterion 2" in r.text and "intermediate checkpoints" in r.text for r in result.reasons)
    assert "owd-2" in {r.id for r in result.framework("owd").unmet}
    assert result.next_tier.tier == "open-weight"
    assert result.next_tier.changes[0] == "release the final weights (model parameters)"
    # the whole step is the actions of the open-weight requirements that do not hold: release, download, licence
    osaid = result.framework("osaid")
    assert result.next_tier.changes == tuple(r.action for r in osaid.unmet if r.id.startswith("weights-"))
    assert [r.id for r in osaid.unmet[:3]] == ["weights-released", "weights-downloadable", "weights-open-terms"]
    assert classify({"identity.name": "Paper"}).tier == "closed"


def test_data_none_used_is_met_and_said_as_none_used() -> None:
    result = classify(
        open_source_answers(
            **{"data_information.public_list": "none_used", "data_information.third_party_list": "none_used"}
        )
    )
    texts = {r.id: (r.met, r.text) for r in result.framework("osaid").requirements}
    assert texts["data-public_list"] == (
        True,
        "Publicly available training data: none used, so there is no list to publish",
    )
    assert texts["data-third_party_list"][0] and "none used" in texts["data-third_party_list"][1]
    assert not any("published" in text for met, text in texts.values() if "none used" in text)


def test_a_component_read_once_per_process_is_read_as_it_would_be_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_release remembers a released component's state for the same plain answers about it: one answered
    otherwise (self-assessed terms, a licence written 1 or 1.0, another access) is never given another's."""
    from questionnaire import release

    weights = "components.model_parameters_final"
    variants = [
        open_source_answers(**{f"{weights}.license": "Foo Model Licence"}),
        open_source_answers(
            **{
                f"{weights}.license": "Foo Model Licence",
                **{f"{weights}.terms.{t}": v for t, v in FAVOURABLE_TERMS.items()},
            }
        ),
        open_source_answers(**{f"{weights}.license": "Foo Model Licence", f"{weights}.terms.commercial_use": True}),
        open_source_answers(**{f"{weights}.license": 1.0}),
        open_source_answers(**{f"{weights}.license": 1}),
        open_source_answers(**{f"{weights}.license": -0.0}),
        open_source_answers(**{f"{weights}.access": "click_through"}),
        open_source_answers(**{f"{weights}.access": "click_through", f"{weights}.click_through_terms": "license_only"}),
        open_source_answers(**{"data_information.description_license": "Foo Data Licence"}),
        open_source_answers(),
    ]
    remembered = [release.read_release(answers) for answers in variants + variants[::-1]]
    for answers, read in zip(variants + variants[::-1], remembered, strict=True):
        monkeypatch.setattr(release, "_STATES", {})
        monkeypatch.setattr(release, "_DATA", {})
        fresh = release.read_release(answers)
        assert read == fresh and read.warnings == fresh.warnings
        assert [repr(s.license_text) for s in read.components.values()] == [
            repr(s.license_text) for s in fresh.components.values()
        ]
        assert classify(answers) == classify_release(fresh)
