"""The open-source exemption of the EU AI Act (Regulation (EU) 2024/1689) for a general-purpose AI model.

Art. 53(2) lifts the obligations of Art. 53(1)(a) (technical documentation for the AI Office and the
national authorities) and (b) (information and documentation for downstream providers), and Art. 54(6)
the duty of a provider established outside the Union to appoint an authorised representative (Art. 54),
for a model released under a free and open-source licence that allows its access, use, modification and
distribution, whose parameters including the weights, information on its architecture and information
on its use are publicly available. Not for a model with systemic risk, which is presumed above 10^25
FLOP of cumulative training compute (Art. 51(2)); and, per Recital 103, not for a model that is
monetised. The copyright policy (Art. 53(1)(c)) and the public summary of the training content
(Art. 53(1)(d)) remain in every case.

The release is read as the rest of the tool reads it: the licence test is our open terms (openness.md
section 7), "publicly available" is downloadable by anyone (a click-through of open terms included). The
training compute and the monetisation are asked by the bank (questions/10-weights.toml); an unknown
compute or an unanswered monetisation never gives "exempt". Not legal advice.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from questionnaire import ids
from questionnaire.frameworks import Framework, FrameworkVerdict, Requirement
from questionnaire.release import WEIGHTS, Release, component_refs

COMPUTE = "development.training_compute_flop"  # cumulative training compute in FLOP (a number; unknown: no answer)
MONETISED = "development.monetised"  # a price, paid support or services tied to it, or personal data used
SYSTEMIC_RISK_FLOP = 1e25  # Art. 51(2): above this, systemic risk is presumed
ARCHITECTURE = ("model_architecture", "model_metadata", "technical_report", "research_paper")
USAGE = ("model_card", "technical_report", "inference_code")
DOCUMENTATION = "the technical documentation for the AI Office and national authorities (Art. 53(1)(a))"
DOWNSTREAM = "the information and documentation for downstream providers (Art. 53(1)(b))"
REPRESENTATIVE = "for a provider established outside the Union, an authorised representative in the Union (Art. 54)"
REMAIN = (
    "a policy to comply with Union copyright law (Art. 53(1)(c)) and a public summary of the content used "
    "for training, after the AI Office's template (Art. 53(1)(d))"
)
SYSTEMIC = (
    "Above 10^25 FLOP the model is presumed to have systemic risk (Art. 51(2)): the obligations of Art. 55 "
    "(model evaluation with adversarial testing, assessing and mitigating systemic risks, reporting serious "
    "incidents, cybersecurity) apply besides, and the open-source exemption does not."
)
SCOPE = (
    "The exemption concerns general-purpose AI models placed on the Union market; whether this model is one, "
    "and whether the Commission has designated it as having systemic risk (Art. 51(1)(b)), is not asked here. "
    "Not legal advice."
)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _flop(value: float) -> str:
    """3.8e25 as people write it: '3.8e25', '2.5e23', '1e25'."""
    return f"{value:.3g}".replace("e+", "e")


def _public(release: Release, keys: tuple[str, ...]) -> bool:
    return any(release.components[key].downloadable for key in keys)


def _refs(*keys: str) -> tuple[str, ...]:
    return tuple(ref for key in keys for ref in component_refs(key, ids.RELEASED, ids.ACCESS))


def _release_requirements(
    licence_met: bool, weights_public: bool, architecture_public: bool, usage_public: bool
) -> list[Requirement]:
    """What Art. 53(2) asks of the release itself: the licence, and what is publicly available."""
    return [
        Requirement(
            "eu-licence",
            "The final weights are under a free and open-source licence that allows their access, use, "
            "modification and distribution (Art. 53(2))",
            licence_met,
            "license the final weights under open terms, such as Apache-2.0, MIT or OpenMDW-1.0",
            component_refs(WEIGHTS),
        ),
        Requirement(
            "eu-weights-public",
            "The parameters, including the weights, are publicly available (Art. 53(2))",
            weights_public,
            "let anyone download the final weights (a click-through of open terms is fine)",
            _refs(WEIGHTS),
        ),
        Requirement(
            "eu-architecture-public",
            "Information on the model architecture is publicly available: its code, its configuration, a "
            "technical report or a paper (Art. 53(2))",
            architecture_public,
            "publish the model architecture code, its configuration or a technical report, for anyone to download",
            _refs(*ARCHITECTURE),
        ),
        Requirement(
            "eu-usage-public",
            "Information on the use of the model is publicly available: a model card, a technical report "
            "or inference code (Art. 53(2))",
            usage_public,
            "publish a model card that says how to use the model, for anyone to download",
            _refs(*USAGE),
        ),
    ]


def _compute_requirement(compute: float | None) -> Requirement:
    if compute is None:
        return Requirement(
            "eu-no-systemic-risk",
            "No systemic risk is presumed: the cumulative training compute is at most 10^25 "
            "FLOP (Art. 51(2)); not known, the compute is not given",
            False,
            "give the cumulative training compute in FLOP (an estimate will do): without it the exemption cannot "
            "be claimed",
            (COMPUTE,),
        )
    return Requirement(
        "eu-no-systemic-risk",
        f"No systemic risk is presumed: the cumulative training compute, {_flop(compute)} FLOP, "
        "is at most 10^25 FLOP (Art. 51(2))",
        compute <= SYSTEMIC_RISK_FLOP,
        "nothing within the exemption: it does not apply to a model presumed to have systemic risk, which has the "
        "obligations of Art. 53 and 55",
        (COMPUTE,),
    )


def _monetised_requirement(monetised: Any) -> Requirement:
    text = (
        "The model is not monetised: no price, no paid support or services tied to it, no use of personal data "
        "beyond security, compatibility and interoperability (Recital 103)"
    )
    if monetised is None:
        return Requirement(
            "eu-not-monetised",
            text + "; not known, not answered",
            False,
            "answer whether the model is monetised: without it the exemption cannot be claimed",
            (MONETISED,),
        )
    return Requirement(
        "eu-not-monetised",
        text,
        monetised is False,
        "stop monetising the model (a price, paid support or services tied to it, or personal data "
        "used for other ends), or meet the obligations the exemption would lift",
        (MONETISED,),
    )


def evaluate(release: Release) -> FrameworkVerdict:
    """The facts are read from the release; the verdict is built from them alone (`_verdict`), once per set
    of facts: a batch of records shares a handful."""
    compute = _number(release.answer(COMPUTE))
    monetised = release.answer(MONETISED)
    weights = release.components[WEIGHTS]
    return _verdict(
        weights.available and weights.open_terms,
        weights.downloadable,
        _public(release, ARCHITECTURE),
        _public(release, USAGE),
        compute,
        repr(compute),  # 0.0 == -0.0, but the text writes each as it is
        monetised if isinstance(monetised, bool) else None,
    )


@lru_cache(maxsize=256)
def _verdict(
    licence_met: bool,
    weights_public: bool,
    architecture_public: bool,
    usage_public: bool,
    compute: float | None,
    compute_repr: str,
    monetised: bool | None,
) -> FrameworkVerdict:
    requirements = _release_requirements(licence_met, weights_public, architecture_public, usage_public) + [
        _compute_requirement(compute),
        _monetised_requirement(monetised),
    ]
    unknown = {
        "eu-no-systemic-risk": "the training compute is given",
        "eu-not-monetised": "the monetisation is answered",
    }
    if compute is not None:
        del unknown["eu-no-systemic-risk"]
    if monetised is not None:
        del unknown["eu-not-monetised"]
    failed = [r for r in requirements if not r.met and r.id not in unknown]
    met = all(r.met for r in requirements)
    if met:
        notes = [
            f"Exempt from {DOCUMENTATION}, {DOWNSTREAM} and, for a provider established outside the Union, the "
            "authorised representative (Art. 54, lifted by Art. 54(6)).",
            f"Still required: {REMAIN}.",
        ]
    else:
        notes = [SYSTEMIC] if compute is not None and compute > SYSTEMIC_RISK_FLOP else []
        if not failed:
            notes.append(f"Not known until {' and '.join(unknown.values())}: an exemption is never assumed.")
        notes.append(f"Required: {DOCUMENTATION}, {DOWNSTREAM}, {REMAIN}; and, {REPRESENTATIVE}.")
    notes.append(SCOPE)
    summary = "exempt" if met else ("not known yet" if not failed else "not exempt")
    return FRAMEWORK.verdict(met=met, summary=summary, requirements=requirements, notes=notes)


FRAMEWORK = Framework(
    id="eu-ai-act-oss",
    title="EU AI Act open-source exemption (Art. 53(2), 54(6))",
    short_title="EU AI Act OSS",
    url="https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    order=50,
    evaluate=evaluate,
)
