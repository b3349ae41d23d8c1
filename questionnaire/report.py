"""A classification as plain text (readable at 80 columns) or as a JSON-ready dict."""

from __future__ import annotations

import textwrap
from typing import Any

from questionnaire.rules import TIER_WORDS, Classification
from questionnaire.text import one_line, plain

TIER_TITLES = {tier: words.upper() for tier, words in TIER_WORDS.items()}  # OPEN SOURCE, PARTIALLY OPEN
WIDTH = 80


def as_dict(result: Classification, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "source": source,
        "name": name,
        "tier": result.tier,
        "reasons": [{"text": r.text, "refs": list(r.refs)} for r in result.reasons],
        "osaid": {
            "met": result.osaid.met,
            "unmet": [r.text for r in result.osaid.unmet],
            "requirements": [{"id": r.id, "text": r.text, "met": r.met} for r in result.osaid.requirements],
        },
        "mof": {
            "class": result.mof.mof_class,
            "progress": dict(result.mof.progress),
            "next_class_needs": list(result.mof.next_class_needs),
        },
        "owd": owd_dict(result),
        "osai": {
            "score": result.osai.score,
            "dimensions": {d.id: d.grade for d in result.osai.dimensions},
        },
        "next_tier": {"tier": result.next_tier.tier, "changes": list(result.next_tier.changes)}
        if result.next_tier else None,
        "warnings": list(warnings) + list(result.warnings),
    }


def owd_dict(result: Classification) -> dict[str, Any]:
    """The Open Weight Definition verdict as JSON: `met`, and `criteria`, the list of the ten criteria
    (`id`, `text`, `met`), as the declaration stores them. `classify` and `compare` both give this."""
    return {"met": result.owd.met,
            "criteria": [{"id": r.id, "text": r.text, "met": r.met} for r in result.owd.requirements]}


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> list[str]:
    return textwrap.wrap(plain(text), WIDTH, initial_indent=indent + bullet,
                         subsequent_indent=indent + " " * len(bullet), break_long_words=True) or [indent + bullet]


def as_text(result: Classification, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> str:
    lines = [f"{one_line(name) or '(unnamed)'}  ({one_line(source)})", f"  Tier: {TIER_TITLES[result.tier]}", ""]
    lines.append("  Why:")
    for reason in result.reasons:
        lines += _wrap(reason.text, "    ")
    lines.append("")
    osaid = "met" if result.osaid.met else f"not met ({len(result.osaid.unmet)} unmet)"
    lines.append(f"  OSAID 1.0: {osaid}")
    for requirement in result.osaid.unmet:
        lines += _wrap(requirement.text, "    ", "x ")
    mof = result.mof
    progress = ", ".join(f"{k} {v:g}%" for k, v in mof.progress.items())
    lines.append(f"  MOF class: {('Class ' + mof.mof_class) if mof.mof_class else 'Unclassified'} ({progress})")
    owd_met = sum(r.met for r in result.owd.requirements)
    lines.append(f"  Open Weight Definition: {'met' if result.owd.met else 'not met'} "
                 f"({owd_met} of {len(result.owd.requirements)} criteria)")
    for requirement in result.owd.unmet:
        lines += _wrap(f"{requirement.id[4:]}. {requirement.text}", "    ", "x ")
    grades = {"open": "open", "partial": "partial", "closed": "closed", None: "n/a"}
    lines.append(f"  OSAI-style profile: {result.osai.score:.2f} "
                 f"({sum(d.grade == 'open' for d in result.osai.dimensions)} open, "
                 f"{sum(d.grade == 'partial' for d in result.osai.dimensions)} partial, "
                 f"{sum(d.grade == 'closed' for d in result.osai.dimensions)} closed)")
    cells = [f"{d.label}: {grades[d.grade]}" for d in result.osai.dimensions]
    lines += textwrap.wrap("; ".join(cells), WIDTH, initial_indent="    ", subsequent_indent="    ")
    if result.next_tier:
        lines.append("")
        lines.append(f"  To reach {TIER_TITLES[result.next_tier.tier].lower()}:")
        for change in result.next_tier.changes:
            lines += _wrap(change, "    ")
    all_warnings = list(warnings) + list(result.warnings)
    if all_warnings:
        lines.append("")
        lines.append("  Warnings:")
        for warning in all_warnings:
            lines += _wrap(warning, "    ", "! ")
    return "\n".join(lines) + "\n"
