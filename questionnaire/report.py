"""A classification as plain text (readable at 80 columns) or as a JSON-ready dict.

Both list every framework's verdict in the frameworks' order, without naming any: its title and summary,
its measures, its unmet requirements (a graded profile: each dimension's grade) and its notes.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from typing import Any

from questionnaire.frameworks import as_dict as verdict_dict
from questionnaire.frameworks import grade_counts, requirement_dict
from questionnaire.text import json_text, one_line, plain
from questionnaire.vocabulary import TIER_HEADINGS, TIER_WORDS

WIDTH = 80


def as_dict(result: Any, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    """The classification as JSON: source, name, tier, reasons, `frameworks` (a list of verdicts: id, title,
    short_title, url, met, summary, requirements, measures, notes), next_tier and warnings."""
    return _as_dict(result, [verdict_dict(v) for v in result.frameworks], source=source, name=name, warnings=warnings)


def _as_dict(result: Any, frameworks: Any, *, source: str, name: str, warnings: tuple[str, ...]) -> dict[str, Any]:
    return {
        "source": source,
        "name": name,
        "tier": result.tier,
        "reasons": _reason_list(result.reasons),
        "frameworks": frameworks,
        "next_tier": _next_tier_dict(result.next_tier),
        "warnings": list(warnings) + list(result.warnings),
    }


def _reason_list(reasons: Any) -> list[dict[str, Any]]:
    return [{"text": r.text, "refs": list(r.refs)} for r in reasons]


def _next_tier_dict(next_tier: Any) -> dict[str, Any] | None:
    return {"tier": next_tier.tier, "changes": list(next_tier.changes)} if next_tier else None


def as_json(result: Any, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> str:
    """`json_text(as_dict(...))`, the same text (compact: json's default separators, no indent), with each
    verdict's JSON written once per process: the records of a batch share most of their verdicts (273 MOT
    records: about 300 distinct verdicts of 1365), and the verdicts are nine tenths of the text. The reasons
    and the next tier are written once per process too, for equal ones (a batch shares most)."""
    return "".join(json_pieces(result, source=source, name=name, warnings=warnings))


def json_pieces(result: Any, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> list[str]:
    """`as_json`'s text in pieces that join to it: the start (source, name, tier, reasons), each verdict and
    the separators between them, and the end (next tier, warnings). A batch writes them one by one: a
    piece beyond ASCII (“quoted” words in a reason) is then encoded alone, rather than widening the whole
    record to two bytes a character and encoding all of it."""
    head = json_text({"source": source, "name": name, "tier": result.tier})
    reasons = _remembered_json(_reason_list, result.reasons, tuple(_reason_texts(result.reasons)))
    next_tier = result.next_tier
    step = _remembered_json(_next_tier_dict, next_tier, (next_tier.tier, *next_tier.changes) if next_tier else ())
    tail = json_text({"warnings": list(warnings) + list(result.warnings)})
    pieces = [f'{head[:-1]}, "reasons": {reasons}, "frameworks": [']
    for verdict in result.frameworks:
        if len(pieces) > 1:
            pieces.append(", ")
        pieces.append(_verdict_json(verdict))
    pieces.append(f'], "next_tier": {step}, {tail[1:]}')
    return pieces


def _reason_texts(reasons: Any) -> Any:
    for reason in reasons:
        yield reason.text
        yield from reason.refs


_JSON_OF: dict[tuple, str] = {}
_MAX_JSON_OF = 1024


def _remembered_json(make: Any, value: Any, texts: tuple) -> str:
    """`json_text(make(value))`, remembered for an equal value whose `texts` (every value JSON writes) are all
    str: equal values of other types may be written apart (True == 1)."""
    if not all(type(text) is str for text in texts):
        return json_text(make(value))
    try:
        key = (make, value)
        found = _JSON_OF.get(key)
    except TypeError:  # unhashable: written afresh
        return json_text(make(value))
    if found is None:
        found = json_text(make(value))
        if len(_JSON_OF) < _MAX_JSON_OF and len(found) <= _MAX_REMEMBERED_TEXT:
            _JSON_OF[key] = found
    return found


# Texts longer than this (a licence string of a hostile file, written into a requirement or a reason) are
# written afresh each time rather than remembered, so that the tables stay small whatever the files hold.
_MAX_REMEMBERED_TEXT = 4096


# The frameworks hand the same verdict object to the records that share it: its text is found by identity
# first (the entry holds the verdict, so that its id is not reused while it is there), before any hashing.
_JSON_BY_IDENTITY: dict[int, tuple[Any, str]] = {}
_MAX_BY_IDENTITY = 1024


def _verdict_json(verdict: Any) -> str:
    """`json_text(verdict_dict(verdict))`, remembered for the same verdict, or one equal in every field and in
    the types of its non-text ones (True == 1, 1 == 1.0 and 0.0 == -0.0, but JSON writes each differently)."""
    entry = _JSON_BY_IDENTITY.get(id(verdict))
    if entry is not None and entry[0] is verdict:
        return entry[1]
    try:
        text = _remembered_verdict_json(verdict, _json_types(verdict))
    except TypeError:  # unhashable (a stored verdict, a list for a tuple): written afresh
        return json_text(verdict_dict(verdict))
    if len(_JSON_BY_IDENTITY) < _MAX_BY_IDENTITY:
        _JSON_BY_IDENTITY[id(verdict)] = (verdict, text)
    return text


def _json_types(verdict: Any) -> tuple:
    return (
        type(verdict.met),
        tuple(type(r.met) for r in verdict.requirements),
        tuple((repr(m.value), repr(m.maximum)) for m in verdict.measures),
    )


@lru_cache(maxsize=1024)
def _remembered_verdict_json(verdict: Any, types: tuple) -> str:
    """The verdict's JSON around its requirements' (each written once per process: 273 MOT records give about
    300 distinct verdicts, but 289 distinct requirements of 3,700), spliced where its empty list of
    requirements is written. Only there: a quote inside a JSON string is always escaped, so the unescaped
    quotes of '"requirements": []' are the verdict's own key, the first after its id, titles and summary."""
    shell = json_text(verdict_dict(verdict, requirements=[]))
    requirements = ", ".join([_requirement_json(r) for r in verdict.requirements])
    return shell.replace('"requirements": []', f'"requirements": [{requirements}]', 1)


_REQUIREMENT_JSON: dict[tuple, str] = {}
_MAX_REQUIREMENTS = 4096


def _requirement_json(requirement: Any) -> str:
    """`json_text(requirement_dict(requirement))`, remembered for a requirement equal in every field and in
    the type of `met` (True == 1, but JSON writes each differently)."""
    key = (requirement, type(requirement.met))
    text = _REQUIREMENT_JSON.get(key)
    if text is None:
        text = json_text(requirement_dict(requirement))
        if len(_REQUIREMENT_JSON) < _MAX_REQUIREMENTS and len(text) <= _MAX_REMEMBERED_TEXT:
            _REQUIREMENT_JSON[key] = text
    return text


def heading(name: str, source: str) -> list[str]:
    """'Name  (path/of/the/file)', wrapped at the report's width when the path is long (the path's own
    characters kept: a break only at a space, or inside a word longer than a line)."""
    line = f"{one_line(name) or '(unnamed)'}  ({one_line(source)})"
    if len(line) <= WIDTH:
        return [line]
    return textwrap.wrap(line, WIDTH, subsequent_indent="    ", break_long_words=True, break_on_hyphens=False)


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> list[str]:
    return textwrap.wrap(
        plain(text),
        WIDTH,
        initial_indent=indent + bullet,
        subsequent_indent=indent + " " * len(bullet),
        break_long_words=True,
    ) or [indent + bullet]


def verdict_lines(verdict: Any) -> list[str]:
    """One framework's verdict: 'Title: summary (measures, or a graded profile's count of grades)', then its
    unmet requirements (x), or each graded dimension, and its notes (·)."""
    try:
        return list(_remembered_verdict_lines(verdict, _text_types(verdict)))
    except TypeError:  # unhashable: written afresh
        return _verdict_lines(verdict)


def _text_types(verdict: Any) -> tuple:
    """What equal verdicts may differ in that the text shows: `met` True or 1 (`is not True`), a measure's
    -0.0 or 0.0."""
    return type(verdict.met), tuple((repr(m.value), repr(m.maximum)) for m in verdict.measures)


@lru_cache(maxsize=1024)
def _remembered_verdict_lines(verdict: Any, types: tuple) -> tuple[str, ...]:
    """The lines of a verdict, written once per process for a verdict equal in every field (the records of
    a batch share most of their verdicts, and wrapping is most of the text's cost)."""
    return tuple(_verdict_lines(verdict))


def _verdict_lines(verdict: Any) -> list[str]:
    detail = ", ".join(f"{m.id} {m.text}" for m in verdict.measures) or (
        grade_counts(verdict.requirements) if verdict.graded else ""
    )
    lines = _wrap(f"{verdict.title}: {verdict.summary}" + (f" ({detail})" if detail else ""), "  ", "")
    if verdict.graded:
        cells = [f"{r.text}: {r.grade}" for r in verdict.requirements]
        lines += textwrap.wrap(plain("; ".join(cells)), WIDTH, initial_indent="    ", subsequent_indent="    ")
    elif verdict.met is not True:
        for requirement in verdict.unmet:
            lines += _wrap(requirement.text, "    ", "x ")
    for note in verdict.notes:
        lines += _wrap(note, "    ", "· ")
    return lines


def as_text(result: Any, *, source: str, name: str, warnings: tuple[str, ...] = ()) -> str:
    lines = [*heading(name, source), f"  Tier: {TIER_HEADINGS[result.tier]}", ""]
    lines.append("  Why:")
    for reason in result.reasons:
        lines += _wrap(reason.text, "    ")
    lines.append("")
    for verdict in result.frameworks:
        lines += verdict_lines(verdict)
    if result.next_tier:
        lines.append("")
        lines.append(f"  To reach {TIER_WORDS[result.next_tier.tier]}:")
        for change in result.next_tier.changes:
            lines += _wrap(change, "    ")
    all_warnings = list(warnings) + list(result.warnings)
    if all_warnings:
        lines.append("")
        lines.append("  Warnings:")
        for warning in all_warnings:
            lines += _wrap(warning, "    ", "! ")
    return "\n".join(lines) + "\n"
