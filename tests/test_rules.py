"""The classifier: tiers, framework verdicts and the next tier, from answers a publisher gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.components import ACCESS_CHOICES, COMPONENTS
from questionnaire.rules import TIERS, classify
from tests.conftest import open_source_answers


def test_complete_open_release_is_open_source() -> None:
    result = classify(open_source_answers())
    assert result.tier == "open-source"
    assert result.osaid.met and not result.osaid.unmet
    assert result.owd.met
    assert result.next_tier is None


def test_missing_training_code_makes_it_open_weight_and_names_the_fix() -> None:
    result = classify(open_source_answers(**{"components.training_code.released": False}))
    assert result.tier == "open-weight"
    assert [r.id for r in result.osaid.unmet] == ["code-training_code"]
    assert result.next_tier is not None and result.next_tier.tier == "open-source"
    assert result.next_tier.changes == ("release the training code under an OSI-approved licence such as Apache-2.0 or MIT",)
    assert any("components.training_code.released" in r.refs for r in result.reasons)


def test_llama_licence_on_weights_is_partially_open_with_its_restrictions() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.license": "llama3.1"}))
    assert result.tier == "partially-open"
    assert not result.owd.met
    unmet = {r.id for r in result.owd.unmet}
    assert {"owd-5", "owd-6"} <= unmet  # the 700M MAU threshold and the acceptable use policy
    assert result.next_tier.tier == "open-weight"
    assert any("700" in change for change in result.next_tier.changes)


def test_approval_gate_blocks_open_weight() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.access": "approval"}))
    assert result.tier == "partially-open"
    assert "owd-5" in {r.id for r in result.owd.unmet}
    assert any("without approval" in change for change in result.next_tier.changes)


def test_click_through_of_open_terms_is_still_open() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.access": "click_through"}))
    assert result.tier == "open-source"
    assert {d.id: d.grade for d in result.osai.dimensions}["end_weights"] == "partial"


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
    assert [r.id for r in result.osaid.unmet] == ["code-training_code"]


def test_documents_alone_are_closed() -> None:
    answers = {"identity.name": "Paper-only", "components.research_paper.released": True,
               "components.research_paper.license": "CC-BY-4.0", "components.model_card.released": True}
    result = classify(answers)
    assert result.tier == "closed"
    assert result.mof.mof_class is None
    assert result.next_tier.tier == "partially-open"


def test_unknown_licence_with_self_assessed_open_terms_counts_and_says_so() -> None:
    terms = {"commercial_use": True, "derivatives": True, "redistribution": True, "use_restrictions": False,
             "threshold": False, "regional_exclusion": False, "revocation": False}
    answers = open_source_answers(**{"components.model_parameters_final.license": "Acme Model Licence 1.0"})
    answers.update({f"components.model_parameters_final.terms.{k}": v for k, v in terms.items()})
    result = classify(answers)
    assert result.tier == "open-source"
    assert any("self-assessed" in r.text for r in result.reasons)
    answers["components.model_parameters_final.terms.threshold"] = True
    assert classify(answers).tier == "partially-open"


def test_unknown_licence_without_terms_is_not_open_and_warns() -> None:
    result = classify(open_source_answers(**{"components.model_parameters_final.license": "Acme Model Licence 1.0"}))
    assert result.tier == "partially-open"
    assert any("Acme Model Licence 1.0" in w for w in result.warnings)


def test_data_information_items_can_stand_in_for_datasets() -> None:
    answers = open_source_answers(**{"components.datasets.released": False,
                                     "data_information.third_party_list": "not_published"})
    result = classify(answers)
    assert result.tier == "open-weight"
    assert [r.id for r in result.osaid.unmet] == ["data-third_party_list"]
    assert "third parties" in result.next_tier.changes[0]


def test_supporting_libraries_required_only_when_used() -> None:
    used = open_source_answers(**{"development.supporting_libraries_used": True})
    assert classify(used).tier == "open-weight"
    assert "code-supporting_libraries" in {r.id for r in classify(used).osaid.unmet}
    assert classify(open_source_answers()).tier == "open-source"


_component_answers = st.fixed_dictionaries({}, optional={
    **{f"components.{c.key}.released": st.booleans() for c in COMPONENTS},
    **{f"components.{c.key}.license": st.sampled_from(
        ["Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-NC-4.0", "llama3.1", "gemma", "unlicensed", "Proprietary", "", "Apache 2.0"])
       for c in COMPONENTS},
    **{f"components.{c.key}.access": st.sampled_from(ACCESS_CHOICES) for c in COMPONENTS},
    "development.supporting_libraries_used": st.booleans(),
    "data_information.description": st.booleans(),
    "data_information.public_list": st.sampled_from(["published", "not_published", "none_used"]),
    "data_information.third_party_list": st.sampled_from(["published", "not_published", "none_used"]),
})


@settings(max_examples=300, deadline=None)
@given(_component_answers)
def test_classifier_is_deterministic_and_consistent(answers: dict) -> None:
    answers = {"identity.name": "M", **answers}
    first, second = classify(answers), classify(dict(reversed(list(answers.items()))))
    assert first == second
    assert first.tier in TIERS
    assert (first.tier == "open-source") == first.osaid.met
    if first.tier in ("open-source", "open-weight"):
        assert first.owd.met  # open terms on downloadable weights satisfy every OWD criterion
    if first.tier != "open-source":
        assert first.next_tier is not None and first.next_tier.changes
    mof = first.mof
    order = ["III", "II", "I"]
    for earlier, later in zip(order, order[1:]):
        if mof.progress[earlier] < 100:
            assert mof.progress[later] == 0
    assert mof.mof_class is None or mof.progress[mof.mof_class] == 100


def test_data_none_used_is_met_and_said_as_none_used() -> None:
    result = classify(open_source_answers(**{"data_information.public_list": "none_used",
                                             "data_information.third_party_list": "none_used"}))
    texts = {r.id: (r.met, r.text) for r in result.osaid.requirements}
    assert texts["data-public_list"] == (True, "Publicly available training data: none used, so there is no list "
                                                "to publish")
    assert texts["data-third_party_list"][0] and "none used" in texts["data-third_party_list"][1]
    assert not any("published" in text for met, text in texts.values() if "none used" in text)
