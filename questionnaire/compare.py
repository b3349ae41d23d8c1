"""Compare releases side by side: the tier, each framework's verdict and the 17 components.

`compare(sources)` takes loaded sources (or paths) and gives a `Comparison`; `as_text` renders it as a
table readable on a projector and at 80 columns: one column per release, each cell short ("Apache-2.0 ✓",
"llama3.1 ✗", "-" for not released). When the releases do not fit the width, their names are
abbreviated to "#1 Name..." (the full names are listed above the table) and the table wraps into several
blocks. `as_dict` gives the same for JSON. Core: no Textual.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from questionnaire import vocabulary
from questionnaire.components import QUESTION_ORDER
from questionnaire.errors import UserError
from questionnaire.text import one_line

TIER_LABEL = "Tier"
MARKS = {True: ("✓", "✗"), False: ("+", "x")}  # unicode, ASCII
GAP = 2
MIN_COLUMN, MAX_COLUMN = 11, 22


def row_label(key: str) -> str:
    """A component's row: 'Weights (final)', 'Training code'."""
    return vocabulary.component(key).short


@dataclass(frozen=True)
class Entry:
    source: str
    name: str
    release: Any  # questionnaire.rules.Release
    result: Any  # questionnaire.rules.Classification
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    entries: tuple[Entry, ...]


def compare(sources: Sequence[Any]) -> Comparison:
    """A comparison of at least two releases: loaded `loading.Source`s, or paths to load."""
    from questionnaire import loading

    if len(sources) < 2:
        raise UserError("compare needs at least two releases (declarations, answers files, MOT records or model cards)")
    entries = []
    for source in sources:
        if isinstance(source, str):
            source = loading.load(source)
        entries.append(entry(source.answers, source.path, source.warnings))
    return Comparison(tuple(entries))


def entry(answers: Any, source: str, warnings: Sequence[str] = ()) -> Entry:
    """One release of a comparison, from its flat answers."""
    from questionnaire import ids
    from questionnaire.rules import classify_release, read_release

    release = read_release(answers)
    return Entry(source, str(answers.get(ids.NAME) or ""), release, classify_release(release), tuple(warnings))


# ---------------------------------------------------------------- cells


def licence_label(state: Any) -> str:
    """The shortest faithful name of a component's licence: an SPDX id, a Hugging Face tag for an AI
    licence ("llama3.1"), or the string as written when the licence is not known."""
    from questionnaire.licenses import is_unlicensed

    license_ = state.license
    if license_ is not None and license_.kind == "ai":
        return license_.hf_tag or license_.id.removeprefix("LicenseRef-")
    if license_ is None and is_unlicensed(state.license_text):
        return "no licence"
    return one_line(state.license_label.strip())  # the classifier's own name for it


def _fit(text: str, width: int, ascii_only: bool) -> str:
    if len(text) <= width:
        return text
    ellipsis = "~" if ascii_only else "…"
    return text[: max(width - 1, 0)] + ellipsis


def cell(state: Any, width: int = MAX_COLUMN, *, ascii_only: bool = False, mark: bool = True) -> str:
    """'Apache-2.0 ✓', 'llama3.1 (gated) ✗', 'MIT (access?) ✓' (the access not answered), '-' (not released),
    at most `width` characters."""
    if not state.released:
        return "-"
    if state.access == "none":
        return "not available" + (" " + MARKS[not ascii_only][1] if mark else "")
    access = vocabulary.access(state.access).mark
    suffix = f" {access}" if access else ""
    if mark:
        suffix += " " + MARKS[not ascii_only][0 if state.open_terms else 1]
    return _fit(licence_label(state), width - len(suffix), ascii_only) + suffix


def verdict_rows(results: list[Any]) -> list[tuple[str, list[str]]]:
    """The verdict rows of a comparison, each a label and one cell per result: the tier (in capitals), then
    each framework's summary, and a row of its measures when it has some ('MOF % III/II/I': '66.7/0/0').
    Rows are matched by framework, not by position: a result without a framework's verdict (classified
    when another set of frameworks was in force) gets an empty cell there."""
    labels: dict[tuple[str, str], str] = {("tier", ""): TIER_LABEL}
    cells: list[dict[tuple[str, str], str]] = []
    for result in results:
        found = {("tier", ""): vocabulary.TIER_HEADINGS[result.tier]}
        for verdict in result.frameworks:
            labels.setdefault((verdict.id, "summary"), verdict.short_title)
            found[(verdict.id, "summary")] = verdict.summary
            if verdict.measures:
                percent = " %" if all(m.maximum == 100 for m in verdict.measures) else ""
                names = "/".join(m.id for m in verdict.measures)
                labels.setdefault((verdict.id, "measures"), f"{verdict.short_title}{percent} {names}")
                found[(verdict.id, "measures")] = "/".join(f"{m.value:g}" for m in verdict.measures)
        cells.append(found)
    return [(label, [found.get(key, "") for found in cells]) for key, label in labels.items()]


def legend(ascii_only: bool = False, *, compact: bool = False) -> str:
    """What the marks of a component's cell mean; `compact`: one short line for the app."""
    yes, no = MARKS[not ascii_only]
    marked = [vocabulary.ACCESS[a] for a in ("click_through", "approval", "on_request")] + [vocabulary.NOT_ANSWERED]
    if compact:
        return " · ".join(
            [
                f"{yes} open terms",
                f"{no} not open",
                "- not released",
                *(f"{access.mark} {access.short}" for access in marked),
            ]
        )
    gates = "; ".join(f"{access.mark} {access.words}" for access in marked)
    return (
        f"{yes} open terms; {no} not open terms; - not released; {gates}; not available: listed but not downloadable."
    )


# ---------------------------------------------------------------- text


def _layout(comparison: Comparison, available: int, ascii_only: bool) -> tuple[int, list[int]]:
    """(column width, number of releases in each block)."""
    natural = MIN_COLUMN
    for index, entry in enumerate(comparison.entries, 1):
        cells = [c for _, [c] in verdict_rows([entry.result])[1:]] + [
            cell(entry.release.components[key], 99, ascii_only=ascii_only) for key in QUESTION_ORDER
        ]
        natural = max(natural, len(f"#{index} {one_line(entry.name)}"), *(len(c) for c in cells))
    natural = min(natural, MAX_COLUMN)
    count = len(comparison.entries)
    if count * (natural + GAP) <= available:
        return natural, [count]
    squeezed = available // count - GAP
    if squeezed >= MIN_COLUMN + 3:  # all in one block, each column a little narrower
        return squeezed, [count]
    width = max(MIN_COLUMN, min(natural, available - GAP))
    if available >= 3 * (MIN_COLUMN + 3 + GAP):
        width = min(natural, max(MIN_COLUMN + 3, available // 3 - GAP))
    per_block = max(1, available // (width + GAP))
    blocks = -(-count // per_block)
    base, extra = divmod(count, blocks)  # spread the releases evenly: 7 in blocks of 3 -> 3, 2, 2
    return width, [base + 1 if b < extra else base for b in range(blocks)]


def as_text(comparison: Comparison, *, width: int = 80, ascii_only: bool = False) -> str:
    verdicts = verdict_rows([entry.result for entry in comparison.entries])
    labels = [label for label, _ in verdicts]
    label_width = max(len(label) for label in (*map(row_label, QUESTION_ORDER), *labels)) + GAP
    width = max(width, label_width + MIN_COLUMN + GAP)
    column, sizes = _layout(comparison, width - label_width, ascii_only)
    entries = list(enumerate(comparison.entries, 1))
    count = len(entries)

    lines = [f"Comparing {count} releases", ""]
    for index, entry in entries:
        text = f"#{index} {one_line(entry.name) or '(unnamed)'}  ({one_line(entry.source)})"
        lines += textwrap.wrap(
            text, width, initial_indent="  ", subsequent_indent="      ", break_long_words=True, break_on_hyphens=False
        )

    def row(label: str, cells: list[str]) -> str:
        return (label.ljust(label_width) + "".join(c.ljust(column + GAP) for c in cells)).rstrip()

    start = 0
    for size in sizes:
        block = entries[start : start + size]
        start += size
        lines.append("")
        if len(sizes) > 1:
            lines.append(f"Releases #{block[0][0]} to #{block[-1][0]}" if len(block) > 1 else f"Release #{block[0][0]}")
        lines.append(row("", [_fit(f"#{i} {one_line(e.name)}", column, ascii_only) for i, e in block]))
        lines.append(row("", [("=" if ascii_only else "─") * column for _ in block]))
        for label, cells in verdicts:
            lines.append(row(label, [_fit(c, column, ascii_only) for c in cells[start - size : start]]))
        lines.append("")
        lines.append("Components")
        for key in QUESTION_ORDER:
            lines.append(
                row(row_label(key), [cell(e.release.components[key], column, ascii_only=ascii_only) for _, e in block])
            )

    lines.append("")
    lines += textwrap.wrap(legend(ascii_only), width, break_on_hyphens=False)
    noted = [
        f"#{i} ({len(e.warnings) + len(e.result.warnings)})" for i, e in entries if e.warnings or e.result.warnings
    ]
    if noted:
        lines.append("")
        lines += textwrap.wrap(
            f"Warnings: {', '.join(noted)}; `openness classify FILE` shows them.", width, break_on_hyphens=False
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- JSON


def as_dict(comparison: Comparison) -> dict[str, Any]:
    """Each release: source, name, tier, `frameworks` (the verdicts, as `openness classify --json` gives
    them), its 17 components and its warnings."""
    from questionnaire.frameworks import as_dict as verdict_dict

    releases = []
    for entry in comparison.entries:
        result = entry.result
        components = {}
        for key in QUESTION_ORDER:
            state = entry.release.components[key]
            components[key] = {
                "released": state.released,
                "license": state.license_text if state.released else None,
                "license_id": state.license.id if state.license is not None else None,
                "access": state.access,
                "open_terms": state.open_terms,
                "cell": cell(state, 99, mark=False),
            }
        releases.append(
            {
                "source": entry.source,
                "name": entry.name,
                "tier": result.tier,
                "frameworks": [verdict_dict(v) for v in result.frameworks],
                "components": components,
                "warnings": list(entry.warnings) + list(result.warnings),
            }
        )
    return {"releases": releases}


__all__ = [
    "Comparison",
    "Entry",
    "compare",
    "entry",
    "as_text",
    "as_dict",
    "cell",
    "licence_label",
    "row_label",
    "verdict_rows",
    "legend",
]
