"""The MOF class and progress, computed exactly as the Model Openness Tool computes them.

This follows MOT's evaluator step by step (openness.md section 2), quirks included: licence strings are
compared exactly as written, the technical-report waiver, and the cumulative progress that drops to 0
when an earlier class is not complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from questionnaire.components import BY_MOT_ID, COMPONENTS

CLASS_NAMES = {3: "III", 2: "II", 1: "I"}
_TECH_REPORT, _PAPER = 11, 21
_BUCKETS = ("included", "invalid", "unlicensed", "missing")


@dataclass(frozen=True)
class MofResult:
    mof_class: str | None  # "I", "II", "III" or None (unclassified)
    progress: dict[str, float]  # {"III": 100.0, "II": 60.0, "I": 0.0}, rounded to one decimal
    buckets: dict[str, str]  # component key -> included / invalid / unlicensed / missing (required ones)
    not_type_appropriate: tuple[str, ...] = ()  # component keys: open, but not the licence type MOT expects
    next_class_needs: tuple[str, ...] = field(default=())  # component keys to open up for the next class


_REQUIRED = {k: [c.mot_id for c in COMPONENTS if c.mof_class == k and c.required] for k in (1, 2, 3)}


def _required(mof_class: int) -> list[int]:
    return _REQUIRED[mof_class]


def _index_truthy(items: list[int], value: int) -> bool:
    """PHP's `array_search(...)` used as a boolean: False when absent *or at index 0*."""
    return value in items and items.index(value) != 0


def evaluate(licenses: Mapping[str, str | None]) -> MofResult:
    """`licenses` maps each *included* component key to its resolved licence string (None: no licence)."""
    from questionnaire.licenses import mot_is_open, mot_type_appropriate

    by_id = {BY_KEY_ID[key]: value for key, value in licenses.items()}
    evaluation: dict[int, dict[str, list[int]]] = {}
    not_appropriate: list[int] = []
    cumulative: list[int] = []
    for mof_class in (3, 2, 1):
        cumulative = cumulative + _required(mof_class)
        lists: dict[str, list[int]] = {name: [] for name in _BUCKETS}
        for cid in cumulative:
            if cid not in by_id:
                lists["missing"].append(cid)
                continue
            license_text = by_id[cid] or "unlicensed"
            is_open = mot_is_open(license_text)
            if is_open:
                lists["included"].append(cid)
                if not mot_type_appropriate(license_text, BY_MOT_ID[cid].content_type) and cid not in not_appropriate:
                    not_appropriate.append(cid)
            elif license_text == "unlicensed":
                lists["unlicensed"].append(cid)
            else:
                lists["invalid"].append(cid)
        evaluation[mof_class] = lists

    # The technical report may be left out when a research paper is provided (MOT's waiver).
    if not _index_truthy(evaluation[3]["included"], _TECH_REPORT):
        status = next((name for name in ("included", "invalid", "unlicensed") if _PAPER in evaluation[1][name]), None)
        if status is not None:
            for mof_class in (3, 2, 1):
                if _TECH_REPORT in evaluation[mof_class]["missing"]:
                    evaluation[mof_class]["missing"].remove(_TECH_REPORT)
            evaluation[3][status].append(_PAPER)
            evaluation[2][status].append(_PAPER)

    progress = {mof_class: _progress(evaluation, mof_class) for mof_class in (3, 2, 1)}
    achieved = None
    for mof_class in (3, 2, 1):
        if progress[mof_class] == 100.0:
            achieved = mof_class

    buckets: dict[str, str] = {}
    for name in _BUCKETS:
        for cid in evaluation[1][name]:
            buckets.setdefault(BY_MOT_ID[cid].key, name)
    next_target = {None: 3, 3: 2, 2: 1, 1: None}[achieved]
    needs: tuple[str, ...] = ()
    if next_target is not None:
        open_ids = set(evaluation[1]["included"])
        wanted = [cid for k in range(3, next_target - 1, -1) for cid in _required(k)]
        if _PAPER in open_ids:  # an open paper stands in for the technical report
            wanted = [cid for cid in wanted if cid != _TECH_REPORT]
        needs = tuple(BY_MOT_ID[cid].key for cid in wanted if cid not in open_ids)
    return MofResult(
        mof_class=CLASS_NAMES[achieved] if achieved else None,
        progress={CLASS_NAMES[k]: round(v, 1) for k, v in progress.items()},
        buckets=buckets,
        not_type_appropriate=tuple(BY_MOT_ID[cid].key for cid in not_appropriate),
        next_class_needs=needs,
    )


def _progress(evaluation: dict[int, dict[str, list[int]]], mof_class: int) -> float:
    total = included = 0
    level = 3
    while level >= mof_class:
        total += len(_required(level))
        included = len(evaluation[level]["included"])
        if included < total:
            break
        level -= 1
    if level > mof_class:
        return 0.0
    if (
        mof_class == 1
        and not _index_truthy(evaluation[1]["included"], _TECH_REPORT)
        and _index_truthy(evaluation[1]["included"], _PAPER)
    ):
        total -= 1
    return min(included / total * 100, 100.0)


BY_KEY_ID = {c.key: c.mot_id for c in COMPONENTS}
