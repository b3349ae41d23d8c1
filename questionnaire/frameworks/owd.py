"""The Open Source Alliance's Open Weight Definition (v0.3): ten criteria on the terms of the final weights
(openness.md section 5), read on the terms in effect: for a fine-tune, its own licence and its base
model's. A criterion that only the base model's licence fails says so, with what would lift it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from questionnaire.frameworks import Framework, FrameworkVerdict, Requirement, remembered
from questionnaire.release import BASE_LICENSE_REFS, WEIGHTS, ComponentState, Release, component_refs

CRITERIA = (
    ("owd-1", "Free redistribution, no royalty (criterion 1)"),
    ("owd-2", "The weights themselves are included and may be distributed (criterion 2)"),
    ("owd-3", "Derived works are allowed under the same terms (criterion 3)"),
    ("owd-4", "Integrity of the author's work, a rename of modified versions at most (criterion 4)"),
    ("owd-5", "No discrimination against persons or groups (criterion 5)"),
    ("owd-6", "No discrimination against fields of endeavour (criterion 6)"),
    ("owd-7", "The rights apply to all who receive the weights, without further licences (criterion 7)"),
    ("owd-8", "The licence is not specific to one product (criterion 8)"),
    ("owd-9", "The licence does not restrict other software or models (criterion 9)"),
    ("owd-10", "The licence is technology-neutral (criterion 10)"),
)


def _checks(lic: Any, weights: ComponentState) -> dict[str, tuple[bool, str]]:
    """Each criterion on the terms `lic` (None: no licence known): (met, what to do)."""
    has = lic is not None
    gated = weights.access in ("approval", "on_request")
    return {
        "owd-1": (has and lic.redistribution, "allow free redistribution of the weights"),
        "owd-2": (
            weights.available,
            "release the final weights themselves (intermediate checkpoints alone do not count)",
        ),
        "owd-3": (has and lic.derivatives, "allow derived works"),
        "owd-4": (has, "put the weights under a licence"),
        "owd-5": (
            has and not lic.threshold and not lic.regional_exclusion and not gated,
            "drop user or revenue thresholds, regional exclusions and approval gates",
        ),
        "owd-6": (
            has and lic.commercial_use and not lic.use_restrictions and not weights.extra_terms,
            "drop non-commercial clauses, acceptable use policies (in the licence or at the click-through) "
            "and field-of-use limits",
        ),
        "owd-7": (has and not lic.revocation, "drop the licensor's right to revoke or restrict remotely"),
        "owd-8": (
            has and not lic.product_specific,
            "drop any tie of the rights to one product" if has else "put the weights under a licence",
        ),
        "owd-9": (has and not lic.output_restriction, "drop limits on using outputs to train other models"),
        "owd-10": (has, "put the weights under a licence"),
    }


def _facts(release: Release) -> ComponentState:
    """All that the criteria read of a release: the final weights' state (its licence, access and base model,
    all frozen)."""
    return release.components[WEIGHTS]


def _evaluate(release: Release) -> FrameworkVerdict:
    weights = release.components[WEIGHTS]
    checks = _checks(weights.terms_license if weights.available else None, weights)
    refs = component_refs(WEIGHTS)
    base = weights.bound_by
    if base is not None:
        refs += BASE_LICENSE_REFS[:1]
        own = _checks(weights.license if weights.available else None, weights)
        for cid, (met, _) in list(checks.items()):
            if not met and own[cid][0]:
                checks[cid] = (False, f"{base.action()} ({base.binding()})")
    requirements = [Requirement(cid, text, bool(checks[cid][0]), checks[cid][1], refs) for cid, text in CRITERIA]
    return FRAMEWORK.all_of(requirements)


# The verdict, worked out once per state of the final weights (`_facts`): a batch of records shares a dozen.
evaluate: Callable[[Release], FrameworkVerdict] = remembered(_facts, _evaluate)


FRAMEWORK = Framework(
    id="owd",
    title="Open Weight Definition (the weights' terms)",
    short_title="OWD",
    url="https://openweight.org/",
    order=30,
    evaluate=evaluate,
)
