"""The frameworks that judge a release, as plug-in modules.

Each module of this package (but those whose name starts with "_") exports `FRAMEWORK`, a `Framework`:
its `id`, `title`, `short_title`, `url`, an `order` (lower comes first wherever verdicts are listed) and
`evaluate(release) -> FrameworkVerdict`. The modules are found with pkgutil, so a new framework is one new
module: the report, the declaration, the exports, what if, compare and the app list every verdict without
naming any framework.

A `FrameworkVerdict` says whether the framework is met (`met`: True, False, or None for a graded profile
that has no pass mark), in one short line (`summary`: "met", "Class II", "0.54"), with its `requirements`
(each met or not, with what to do and the answers it rests on; a graded profile's carry a `grade`), its
`measures` (progress bars: MOF progress per class) and `notes` (sentences that matter but are neither a
requirement nor a warning). Core: no Textual.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

GRADES = ("open", "partial", "closed")
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str  # what the framework asks, as a sentence that holds when it is met
    met: bool
    action: str = ""  # what to do to meet it, when it is not met
    refs: tuple[str, ...] = ()  # the answer ids it rests on
    grade: str | None = None  # a graded profile's dimension: open, partial or closed (None: not graded)


@dataclass(frozen=True)
class Measure:
    id: str
    label: str  # "Class III (Open Model)"
    value: float
    maximum: float  # 100 for a percentage

    @property
    def text(self) -> str:
        return measure_text(self.value, self.maximum)


def remembered(facts: Callable[[Any], Any], work: Callable[[Any], Any], limit: int = 1024) -> Callable[[Any], Any]:
    """`work(release)`, worked out once per value of `facts(release)` (all that `work` reads of a release):
    the records of a batch share many verdicts. At most `limit` are kept; facts that cannot be a key (an
    answer that is not text, unhashable) are worked out afresh."""
    found: dict[Any, Any] = {}

    def remembered_work(release: Any) -> Any:
        try:
            key = facts(release)
            verdict = found.get(key)
        except TypeError:
            return work(release)
        if verdict is None:
            verdict = work(release)
            if len(found) < limit:
                found[key] = verdict
        return verdict

    return remembered_work


def measure_text(value: float, maximum: float) -> str:
    """'66.7%' for a percentage (a maximum of 100), else '3 of 4'."""
    return f"{value:g}%" if maximum == 100 else f"{value:g} of {maximum:g}"


@dataclass(frozen=True)
class FrameworkVerdict:
    id: str
    title: str
    short_title: str
    url: str
    met: bool | None  # None: a graded profile, with no pass mark
    summary: str  # one short line: "met", "7 of 12 hold", "Class II", "0.54"
    requirements: tuple[Requirement, ...] = ()
    measures: tuple[Measure, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def unmet(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)

    @property
    def graded(self) -> bool:
        return any(r.grade is not None for r in self.requirements)

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


@dataclass(frozen=True)
class Framework:
    id: str  # stable, lower-case words joined by "-": "osaid", "eu-ai-act-oss"
    title: str
    short_title: str
    url: str
    order: int
    evaluate: Callable[[Any], FrameworkVerdict]  # questionnaire.release.Release -> its verdict

    def verdict(
        self,
        *,
        met: bool | None,
        summary: str,
        requirements: Iterable[Requirement] = (),
        measures: Iterable[Measure] = (),
        notes: Iterable[str] = (),
    ) -> FrameworkVerdict:
        """A verdict of this framework (its id, titles and address filled in)."""
        return FrameworkVerdict(
            self.id,
            self.title,
            self.short_title,
            self.url,
            met,
            summary,
            tuple(requirements),
            tuple(measures),
            tuple(notes),
        )

    def all_of(self, requirements: Iterable[Requirement], *, notes: Iterable[str] = ()) -> FrameworkVerdict:
        """A verdict met when every requirement holds, summed up as `held_summary` says."""
        requirements = tuple(requirements)
        return self.verdict(
            met=all(r.met for r in requirements),
            summary=held_summary(requirements),
            requirements=requirements,
            notes=notes,
        )


def held_summary(requirements: Iterable[Requirement]) -> str:
    """'met' when every requirement holds, else '7 of 12 hold'."""
    requirements = list(requirements)
    held = sum(r.met for r in requirements)
    return "met" if held == len(requirements) else f"{held} of {len(requirements)} hold"


def grade_counts(requirements: Iterable[Requirement]) -> str:
    """'10 open, 2 partial, 0 closed': a graded profile's requirements by grade."""
    grades = [r.grade for r in requirements]
    return ", ".join(f"{grades.count(grade)} {grade}" for grade in GRADES)


@cache
def all_frameworks() -> tuple[Framework, ...]:
    """Every framework module of this package, by `order` (then id). A module without FRAMEWORK, a bad or
    repeated id, or a verdict of another framework is a programming error: RuntimeError names it."""
    found: dict[str, Framework] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        framework = getattr(module, "FRAMEWORK", None)
        if not isinstance(framework, Framework):
            raise RuntimeError(f"{module.__name__} has no FRAMEWORK (a questionnaire.frameworks.Framework)")
        if not _ID.match(framework.id):
            raise RuntimeError(f"{module.__name__}: framework id {framework.id!r} is not lower-case words joined by -")
        if framework.id in found:
            raise RuntimeError(f"{module.__name__}: framework id {framework.id!r} is used twice")
        found[framework.id] = framework
    return tuple(sorted(found.values(), key=lambda f: (f.order, f.id)))


def evaluate(release: Any) -> tuple[FrameworkVerdict, ...]:
    """Every framework's verdict on a release (`questionnaire.release.Release`), in order."""
    verdicts = []
    for framework in all_frameworks():
        verdict = framework.evaluate(release)
        if verdict.id != framework.id:
            raise RuntimeError(f"framework {framework.id!r} gave a verdict of {verdict.id!r}")
        verdicts.append(verdict)
    return tuple(verdicts)


def requirement_dict(requirement: Any, *, refs: bool = True) -> dict[str, Any]:
    """One requirement of a verdict as JSON-ready data: id, text, met, action when unmet, refs, grade when
    graded."""
    item: dict[str, Any] = {"id": requirement.id, "text": requirement.text, "met": requirement.met}
    if not requirement.met and requirement.action:
        item["action"] = requirement.action
    if refs and getattr(requirement, "refs", None):
        item["refs"] = list(requirement.refs)
    if requirement.grade is not None:
        item["grade"] = requirement.grade
    return item


def as_dict(verdict: Any, *, refs: bool = True, requirements: list[Any] | None = None) -> dict[str, Any]:
    """A verdict (or a declaration's stored one) as JSON-ready data: id, title, short_title, url, met,
    summary, requirements (each as `requirement_dict` gives it, or `requirements` when given), measures and
    notes."""
    return {
        "id": verdict.id,
        "title": verdict.title,
        "short_title": verdict.short_title,
        "url": verdict.url,
        "met": verdict.met,
        "summary": verdict.summary,
        "requirements": [requirement_dict(r, refs=refs) for r in verdict.requirements]
        if requirements is None
        else requirements,
        "measures": [{"id": m.id, "label": m.label, "value": m.value, "maximum": m.maximum} for m in verdict.measures],
        "notes": list(verdict.notes),
    }


__all__ = [
    "Requirement",
    "Measure",
    "FrameworkVerdict",
    "Framework",
    "GRADES",
    "held_summary",
    "grade_counts",
    "measure_text",
    "all_frameworks",
    "evaluate",
    "as_dict",
    "requirement_dict",
]
