"""The question bank as the program holds it: sections, questions and the path logic over answers.

`Bank` keeps the questions in the order they are asked; `Bank.visible` and `Bank.prune` decide the
path from the answers given (through each question's parsed condition), and `validate_value` checks one
raw answer against its question's type. Reading the bank's TOML is `bank_reader`; checking it is
`lint`; `bank.load_bank` does both. Core module: no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from questionnaire.conditions import Condition, LicenceTests, licence_tests
from questionnaire.errors import UserError
from questionnaire.text import answer_problem

__all__ = [
    "FREE_TEXT_TYPES",
    "QUESTION_TYPES",
    "Bank",
    "BankError",
    "Choice",
    "Finding",
    "KnownLicense",
    "Question",
    "Section",
    "format_problem",
    "number_problem",
    "parse_number",
    "validate_value",
]

QUESTION_TYPES: tuple[str, ...] = ("text", "url", "email", "contact", "number", "bool", "choice", "license")
FREE_TEXT_TYPES: tuple[str, ...] = ("text", "url", "email", "contact", "number")
"""Types typed in a text field, whose empty answer (an optional question skipped) is no answer at all.
An empty licence is an answer: released without a licence."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True)
class Finding:
    """One problem in the bank: `str()` gives `file: question: message`."""

    file: str
    question: str
    message: str
    severity: str = "error"  # "error" makes the bank unusable; "warning" does not

    def __str__(self) -> str:
        if self.question:
            return f"{self.file}: {self.question}: {self.message}"
        return f"{self.file}: {self.message}"


class BankError(UserError):
    """The bank cannot be used. The message names the file and the question; the command line prints it
    as one line (exit 2), like any bad input."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(message)
        self.findings: tuple[Finding, ...] = tuple(findings)


@dataclass(frozen=True)
class Choice:
    value: str | bool
    label: str
    help: str


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    type: str
    prompt: str
    help: str
    choices: tuple[Choice, ...] = ()
    required: bool = False
    condition: Condition | None = None
    when: str | None = None
    cite: tuple[str, ...] = ()
    source: str = ""
    placeholder: str | None = None
    example: str | None = None
    template: str | None = None  # the template it was expanded from, if any
    component: str | None = None  # the component key it was expanded for, if any
    glossary: tuple[str, ...] = ()  # ids of glossary entries the question links to (questions/glossary.toml)

    def choice(self, value: object) -> Choice | None:
        for c in self.choices:
            if c.value is value or (not isinstance(value, bool) and c.value == value):
                return c
        return None

    @property
    def choice_values(self) -> tuple[str | bool, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    help: str
    question_ids: tuple[str, ...]
    source: str = ""


KnownLicense = Callable[[str], bool]


def _memo(test: KnownLicense) -> KnownLicense:
    cache: dict[str, bool] = {}

    def memo(text: str) -> bool:
        try:
            return cache[text]
        except KeyError:
            result = cache[text] = bool(test(text))
            return result

    return memo


def _memo_licence_tests(known_license: KnownLicense | None, no_license: KnownLicense | None) -> LicenceTests:
    tests = licence_tests(known_license, no_license)
    return LicenceTests(_memo(tests.known), _memo(tests.none))


class Bank:
    """The loaded bank: ordered sections and questions, and the path logic over answers."""

    def __init__(
        self, sections: Iterable[Section], questions: Iterable[Question], directory: Path | None = None
    ) -> None:
        self.sections: tuple[Section, ...] = tuple(sections)
        self.questions: tuple[Question, ...] = tuple(questions)
        self.by_id: Mapping[str, Question] = MappingProxyType({q.id: q for q in self.questions})
        self.sections_by_id: Mapping[str, Section] = MappingProxyType({s.id: s for s in self.sections})
        self.directory = directory

    # mapping-like access
    def __getitem__(self, question_id: str) -> Question:
        return self.by_id[question_id]

    def __contains__(self, question_id: object) -> bool:
        return question_id in self.by_id

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def section(self, section_id: str) -> Section:
        return self.sections_by_id[section_id]

    # the path
    def visible(
        self,
        answers: Mapping[str, object],
        *,
        known_license: KnownLicense | None = None,
        no_license: KnownLicense | None = None,
    ) -> list[Question]:
        """The questions asked given these answers, in order.

        A condition sees only the answers of questions that are themselves visible: an answer left
        behind on a question that fell out of the path counts as unanswered.
        `known_license` and `no_license` default to the licence knowledge base
        (`questionnaire.licenses.is_known` and `names_no_license`).
        """
        kl = _memo_licence_tests(known_license, no_license)
        seen: dict[str, object] = {}
        out: list[Question] = []
        for q in self.questions:
            if q.condition is None or q.condition.root.truth(seen, kl):
                out.append(q)
                value = answers.get(q.id)
                if value is not None:
                    seen[q.id] = value
        return out

    def prune(
        self,
        answers: Mapping[str, object],
        *,
        known_license: KnownLicense | None = None,
        no_license: KnownLicense | None = None,
    ) -> dict[str, object]:
        """The answers without those to questions that fell out of the path.

        Answers to ids the bank does not have are kept (they are not this bank's to judge).
        """
        visible = {q.id for q in self.visible(answers, known_license=known_license, no_license=no_license)}
        return {k: v for k, v in answers.items() if k in visible or k not in self.by_id}

    # values
    def validate_value(self, question: Question | str, raw: object) -> tuple[object, str | None]:
        """Parse and check a raw answer for a question: (value, None) or (raw, error message)."""
        if isinstance(question, str):
            question = self.by_id[question]
        return validate_value(question, raw)


def validate_value(question: Question, raw: object) -> tuple[object, str | None]:
    """See `Bank.validate_value`. Empty input to an optional question is a skip: "" for the
    free-text types (licence: "" means released without a licence), None for yes/no and choices."""
    kind = question.type
    if isinstance(raw, str):
        problem = answer_problem(raw)
        if problem is not None:
            return raw, f"The answer {problem}."
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if question.required:
            if kind == "license":
                return raw, "An answer is needed: write the licence, or unlicensed if there is none."
            return raw, "An answer is needed."
        return ("" if kind in FREE_TEXT_TYPES or kind == "license" else None), None

    if kind == "bool":
        if isinstance(raw, bool):
            return raw, None
        text = str(raw).strip().lower()
        if text in _YES:
            return True, None
        if text in _NO:
            return False, None
        return raw, "Answer yes or no."

    if kind == "license":
        if not isinstance(raw, str):
            return raw, "Write the licence as text, e.g. Apache-2.0."
        return raw, None  # kept exactly as written: MOT compares licence strings untrimmed

    if not isinstance(raw, str):
        return raw, "Write the answer as text."
    text = raw.strip()

    if kind == "choice":
        for c in question.choices:
            if text == c.value:
                return c.value, None
        folded = text.casefold()
        for c in question.choices:
            if folded in (str(c.value).casefold(), c.label.casefold()):
                return c.value, None
        options = ", ".join(str(c.value) for c in question.choices)
        return raw, f"Choose one of: {options}."

    if kind == "number":
        return parse_number(text)
    problem = format_problem(kind, text)
    return (raw, problem) if problem is not None else (text, None)


def format_problem(kind: str, text: str) -> str | None:
    """What is wrong with a text answer (given, stripped) of type url, email or contact, in one sentence;
    None when it is fine (and for the other types, whose text is free). A contact is an email address or
    a web page: text with "://" or starting with "http" is read as a web address, else as an email."""
    if kind == "contact":
        if "://" in text or text.casefold().startswith("http"):
            return format_problem("url", text)
        if "@" in text:
            return format_problem("email", text)
        return "Give an email address (name@example.org) or a web page starting with https://."
    if kind == "url":
        if any(ch.isspace() for ch in text):
            return "A web address cannot contain spaces."
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            return "This is not a valid web address."
        if parts.scheme not in ("http", "https"):
            return "A web address starts with https:// (or http://)."
        if not host:
            return "The web address has no host name, e.g. https://huggingface.co/..."
        return None
    if kind == "email" and not _EMAIL.match(text):
        return "This does not look like an email address (name@example.org)."
    return None


_UNKNOWN_NUMBER = frozenset({"unknown", "not known", "?", "n/a"})
_POWER = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*[x×*·]\s*)?10\s*\^\s*(\d{1,3})$")  # 3.8 × 10^25, 10^25


def parse_number(text: str) -> tuple[object, str | None]:
    """A `number` answer: a non-negative number as people write large ones (3.8e25, 3.8 × 10^25, 10^25,
    100,000 or 100_000), as a float; "unknown" (or left empty, for an optional question) is no answer."""
    cleaned = text.strip().replace("\u2009", "").replace("\u202f", "").replace("_", "").replace(",", "")
    if cleaned.casefold() in _UNKNOWN_NUMBER:
        return "", None
    power = _POWER.match(cleaned.replace(" ", " "))
    try:
        if power:
            value = float(power.group(1) or 1) * 10.0 ** int(power.group(2))
        else:
            value = float(cleaned)
    except (ValueError, OverflowError):
        return text, "Write a number, such as 3.8e25 or 3.8 × 10^25, or unknown."
    problem = number_problem(value)
    return (text, problem) if problem is not None else (value, None)


def number_problem(value: float) -> str | None:
    """What is wrong with a number as an answer of type number: not finite, or negative."""
    if value != value or value in (float("inf"), float("-inf")):
        return "Write a finite number, such as 3.8e25."
    if value < 0:
        return "The number cannot be negative."
    return None
