"""Checks of the question bank, for the people who edit it (and for `load_bank`, which refuses a bank
with errors).

`lint_bank(directory)` returns findings, each naming the file and the question:

* the structure (from `bank.read_bank`): invalid TOML (with its line), unknown keys and types, missing
  prompts or help texts (every question and every choice teaches something), duplicate ids (across
  files and after template expansion), bad templates and component tables;
* the conditions: unknown question ids, comparisons with a choice the question does not have, type
  mismatches (a yes/no question compared with a string, `known_license` of a non-licence question),
  cycles and forward references (a condition may only depend on questions asked before it);
* unreachable questions: by enumerating every combination of answers to the questions a condition
  depends on (transitively), with hidden questions left unanswered as the app does;
* paths that end without a classification: `NEEDS` lists the answers the classifier needs and when it
  needs them; for each, the same enumeration checks that whenever the need holds the
  bank asks the question, with the type and the choices the classifier reads;
* the glossary: every `glossary` id a question names must be an entry of `glossary.toml` beside the bank
  files (when one is not, the file's own problems are reported too; `glossary.load_glossary` checks the
  file in full).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from questionnaire import ids
from questionnaire.bank_model import Bank, Finding, Question
from questionnaire.bank_reader import read_bank
from questionnaire.components import (
    ACCESS_CHOICES,
    CLICK_THROUGH_CHOICES,
    COMPONENTS,
    DATA_INFORMATION_ITEMS,
    TERM_KEYS,
)
from questionnaire.conditions import (
    And,
    Call,
    Compare,
    Condition,
    ConditionError,
    In,
    LicenceTests,
    Literal,
    Name,
    Node,
    Not,
    Or,
    parse,
)
from questionnaire.errors import UserError
from questionnaire.resources import GLOSSARY_FILE
from questionnaire.sources import read_text

if TYPE_CHECKING:
    from questionnaire.glossary import GlossaryFile

__all__ = [
    "DATA_INFORMATION_CHOICES",
    "ENUMERATION_LIMIT",
    "NEEDS",
    "Finding",
    "Need",
    "check_glossary",
    "lint_glossary",
    "lint_bank",
    "quick_glossary_ids",
]

DATA_INFORMATION_CHOICES: tuple[str, ...] = ("published", "not_published", "none_used")

# The most answer combinations one check may enumerate before it gives up with a warning.
ENUMERATION_LIMIT = 20_000


@dataclass(frozen=True)
class Need:
    """An answer the classifier needs: question `id`, needed whenever `when` holds."""

    id: str
    when: str = "true"
    type: str | None = None
    choices: tuple[str, ...] = ()
    required: bool = True
    when_words: str = ""  # the condition in plain words, for messages

    def describe_when(self) -> str:
        if self.when_words:
            return self.when_words
        return "always" if self.when.strip() == "true" else f"when {self.when}"


def _terms_needs(term_ids: list[str], license_id: str, asked: str, words: str) -> list[Need]:
    """The self-assessed terms of a licence (one id per term): design.md asks them when the licence is
    asked, not known to the knowledge base, and not a word for "no licence" ("", "unlicensed",
    "Proprietary", ...), for which rules.py never reads terms."""
    when = f"{asked} and not known_license({license_id}) and not no_license({license_id})"
    return [Need(term_id, when, "bool", when_words=words) for term_id in term_ids]


def _build_needs() -> tuple[Need, ...]:
    fine_tune = "for a fine-tune"
    needs = [
        Need(ids.NAME, type="text"),
        Need(ids.SUPPORTING_LIBRARIES_USED, type="bool"),
        Need(ids.IS_FINETUNE, type="bool"),
        Need(ids.BASE_MODEL_LICENSE, ids.IS_FINETUNE, "license", when_words=fine_tune),
        Need(ids.BASE_DATA_INFORMATION, ids.IS_FINETUNE, "bool", when_words=fine_tune),
    ]
    for comp in COMPONENTS:
        released = comp.qid(ids.RELEASED)
        released_when = ids.SUPPORTING_LIBRARIES_USED if comp.key == "supporting_libraries" else "true"
        released_words = "when supporting libraries were used" if released_when != "true" else "always"
        needs.append(Need(released, released_when, "bool", when_words=released_words))
        needs.append(Need(comp.qid(ids.LICENSE), released, "license", when_words="when it is released"))
        needs.append(Need(comp.qid(ids.ACCESS), released, "choice", ACCESS_CHOICES, when_words="when it is released"))
        needs.append(
            Need(
                comp.qid(ids.CLICK_THROUGH_TERMS),
                f'{released} and {comp.qid(ids.ACCESS)} == "click_through"',
                "choice",
                CLICK_THROUGH_CHOICES,
                when_words="when it is released behind a click-through",
            )
        )
        needs += _terms_needs(
            [ids.term(comp.key, term) for term in TERM_KEYS],
            comp.qid(ids.LICENSE),
            released,
            "when it is released under a licence the knowledge base does not know",
        )
    for item in DATA_INFORMATION_ITEMS:
        kind, choices = ("bool", ()) if item == "description" else ("choice", DATA_INFORMATION_CHOICES)
        asked = ids.data_item(item) if kind == "bool" else f'{ids.data_item(item)} == "published"'
        needs.append(Need(ids.data_item(item), "true", kind, choices))
        needs.append(Need(ids.data_license(item), asked, "license"))
    for item in DATA_INFORMATION_ITEMS:
        asked = ids.data_item(item) if item == "description" else f'{ids.data_item(item)} == "published"'
        needs += _terms_needs(
            [ids.data_term(item, term) for term in TERM_KEYS],
            ids.data_license(item),
            asked,
            "when it is published under a licence the knowledge base does not know",
        )
    return tuple(needs)


NEEDS: tuple[Need, ...] = _build_needs()

_TYPE_WORDS = {
    "bool": "a yes/no question",
    "choice": "a choice question",
    "text": "a text question",
    "url": "a web-address question",
    "email": "an email question",
    "contact": "a contact question (an email address or a web page)",
    "number": "a number question",
    "license": "a licence question",
}


def lint_bank(directory: Path | str | None = None, *, needs: Iterable[Need] | None = None) -> list[Finding]:
    """All findings for the bank in `directory` (default: the shipped bank). Cached per file state."""
    read = read_bank(directory)
    key = NEEDS if needs is None else tuple(needs)
    cache = read.lint_cache
    if key not in cache:
        if not read.bank.questions:  # no bank to speak of (a missing folder): what the classifier needs is moot
            cache[key] = list(read.findings) or [Finding(read.label, "", "the question bank has no questions")]
        else:
            linter = _Linter(read.bank, read.label, set(read.broken_conditions))
            cache[key] = list(read.findings) + linter.run(key) + check_glossary(read.bank, read.label)
    return list(cache[key])


def check_glossary(bank: Bank, label: str) -> list[Finding]:
    """The glossary ids the bank's questions name that are not entries of its `glossary.toml`.

    Cheap, because `load_bank` runs it: when every named id is found by a scan of the file's text
    (`quick_glossary_ids`), the glossary module is not even imported. Otherwise the file is read and
    checked in full (cached per file state and shared with `load_glossary`), and its own problems are
    reported too. The glossary file itself is checked in full by `glossary.load_glossary` (and by the
    tests of the shipped one)."""
    named = [q for q in bank.questions if q.glossary]
    if not named:
        return []
    directory = bank.directory
    path = directory / GLOSSARY_FILE if directory is not None else None
    file_label = f"{label}/{GLOSSARY_FILE}"
    try:
        text = read_text(str(path)) if path is not None else None
    except UserError:
        text = None
    if text is None:
        return [
            Finding(
                q.source,
                q.id,
                f"names glossary entries ({', '.join(q.glossary)}) but the bank has no "
                f"readable {GLOSSARY_FILE}{_origin(q)}",
            )
            for q in named
        ]
    ids = quick_glossary_ids(text)
    if all(entry_id in ids for q in named for entry_id in q.glossary):
        return []
    from questionnaire.glossary import read_glossary

    read = read_glossary(path)
    findings = _file_findings(read, file_label)
    for q in named:
        for entry_id in q.glossary:
            if entry_id not in read.ids:
                findings.append(
                    Finding(
                        q.source,
                        q.id,
                        f"unknown glossary entry '{entry_id}': {file_label} has no entry "
                        f"with this id{_close_id(entry_id, read.ids)}{_origin(q)}",
                    )
                )
    return findings


def lint_glossary(directory: Path | str | None = None) -> list[Finding]:
    """Every problem of the bank folder's `glossary.toml` itself (a missing file is none: a bank need not
    have a glossary). `openness lint` runs it after `lint_bank`, whose start-up check reads the file in
    full only when a question names an id a quick scan does not find."""
    from questionnaire.glossary import read_glossary

    read = read_bank(directory)
    path = read.bank.directory / GLOSSARY_FILE if read.bank.directory is not None else None
    if path is None or not path.exists():
        return []
    return _file_findings(read_glossary(path), f"{read.label}/{GLOSSARY_FILE}")


def _file_findings(read: GlossaryFile, file_label: str) -> list[Finding]:
    return [Finding(file_label, f"entry {p.entry}" if p.entry else "", p.message) for p in read.problems]


def quick_glossary_ids(text: str) -> frozenset[str]:
    """The values of the `id = "..."` lines of a glossary file, found without parsing the TOML (a few
    hundredths of a millisecond, against milliseconds for the parse). A heuristic for the common case: an
    indented id is missed (the full read then decides), and a text line written `id = "x"` would count."""
    ids: set[str] = set()
    text = "\n" + text
    pos = text.find("\nid")
    while pos >= 0:
        pos += 3
        end = text.find("\n", pos)
        line = text[pos:end] if end >= 0 else text[pos:]
        rest = line.lstrip(" \t")
        if rest.startswith("="):
            value = rest[1:].strip()
            if value[:1] in ("'", '"'):
                close = value.find(value[0], 1)
                if close > 0:
                    ids.add(value[1:close])
        pos = text.find("\nid", pos)
    return frozenset(ids)


def _origin(q: Question) -> str:
    if not q.template:
        return ""
    return f" (from template '{q.template}'" + (f" for {q.component})" if q.component else ")")


def _close_id(entry_id: str, ids: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(entry_id, list(ids), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --------------------------------------------------------------------------- enumeration values


class _Value(str):
    """An enumerated answer: a string standing for a class of answers, with what known_license and
    no_license say of it."""

    known: bool
    none: bool
    label: str

    def __new__(cls, text: str, known: bool, label: str, none: bool = False) -> _Value:
        obj = super().__new__(cls, text)
        obj.known = known
        obj.none = none
        obj.label = label
        return obj


def _enum_known_license(value: str) -> bool:
    return getattr(value, "known", False)


def _enum_no_license(value: str) -> bool:
    """A class of answers says it; a plain string is "" (no licence) or a literal of a condition, which
    stands for itself: "unlicensed" names no licence, any other literal is taken to name one."""
    if isinstance(value, _Value):
        return value.none
    return value.strip() in ("", "unlicensed")


_ENUM_TESTS = LicenceTests(_enum_known_license, _enum_no_license)


class _TooComplex(Exception):
    pass


def _describe(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "unanswered"
    if isinstance(value, _Value):
        return value.label
    return f'"{value}"'


# --------------------------------------------------------------------------- the linter


class _Linter:
    def __init__(self, bank: Bank, label: str, broken: set[str]) -> None:
        self.bank = bank
        self.label = label
        self.by_id = bank.by_id
        self.pos = {q.id: i for i, q in enumerate(bank.questions)}
        self.bad = broken  # ids whose condition cannot be trusted for enumeration
        self.findings: list[Finding] = []
        self.literals: dict[str, set] = {}
        self._domains: dict[str, tuple] = {}
        self._closures: dict[str, frozenset[str] | None] = {}

    def add(self, q: Question | None, qid: str, message: str, severity: str = "error") -> None:
        self.findings.append(Finding(q.source if q else self.label, qid, message, severity))

    def run(self, needs: tuple[Need, ...]) -> list[Finding]:
        questions = self.bank.questions
        for q in questions:
            if q.condition is not None:
                for k, v in q.condition.literals().items():
                    self.literals.setdefault(k, set()).update(v)
        type_cache: dict[str, list[str]] = {}
        for q in questions:
            if q.condition is None:
                continue
            messages = type_cache.get(q.condition.text)
            if messages is None:
                messages = type_cache[q.condition.text] = self.check_types(q.condition)
            for m in messages:
                self.add(q, q.id, m)
            if messages:
                self.bad.add(q.id)
        self.check_graph()
        self.check_reachable()
        self.check_needs(needs)
        return self.findings

    # ---------------------------------------------------------------- types and references
    def kind(self, node: Node) -> str | None:
        """'bool', 'int', 'string', 'choice' (a choice id), or None (unknown id)."""
        if isinstance(node, Literal):
            if isinstance(node.value, bool):
                return "bool"
            return "int" if isinstance(node.value, int) else "string"
        if isinstance(node, Name):
            q = self.by_id.get(node.id)
            if q is None:
                return None
            if q.type == "number":
                return "int"  # compared with number literals
            return q.type if q.type in ("bool", "choice") else "string"
        return "bool"

    def what(self, node: Node) -> str:
        if isinstance(node, Name):
            q = self.by_id.get(node.id)
            return f"'{node.id}' ({_TYPE_WORDS.get(q.type, q.type)})" if q else f"'{node.id}'"
        if isinstance(node, Literal):
            if isinstance(node.value, bool):
                return f"the yes/no value {node}"
            if isinstance(node.value, int):
                return f"the number {node}"
            return f"the string {node}"
        return f"the yes/no result of ({node})"

    def check_types(self, cond: Condition) -> list[str]:
        out: list[str] = []
        for node in cond.nodes():
            if isinstance(node, Name) and node.id not in self.by_id:
                out.append(f"the condition refers to an unknown question '{node.id}'")
        self._truth(cond.root, out)
        # de-duplicate, keep order
        return list(dict.fromkeys(out))

    def _truth(self, node: Node, out: list[str]) -> None:
        if isinstance(node, (And, Or)):
            for o in node.operands:
                self._truth(o, out)
        elif isinstance(node, Not):
            self._truth(node.operand, out)
        elif isinstance(node, Name):
            q = self.by_id.get(node.id)
            if q is not None and q.type != "bool":
                out.append(
                    f"'{node.id}' is {_TYPE_WORDS.get(q.type, q.type)}: a bare id only works for yes/no "
                    f'questions; compare it ({node.id} == "...") or write answered({node.id})'
                )
        elif isinstance(node, Literal):
            if not isinstance(node.value, bool):
                out.append(f"the condition is the constant {node}, not a yes/no test")
        elif isinstance(node, Call):
            self._call(node, out)
        elif isinstance(node, Compare):
            self._value(node.left, out)
            self._value(node.right, out)
            if isinstance(node.left, Literal) and isinstance(node.right, Literal):
                out.append(f"'{node}' compares two constants")
            else:
                self._compatible(node.left, node.right, str(node), out)
        elif isinstance(node, In):
            self._value(node.left, out)
            kinds_seen: set[str | None] = set()
            for v in node.values:
                kind = self.kind(v)
                if kind in kinds_seen and self.kind(node.left) != "choice":
                    continue  # one message per kind of literal is enough
                kinds_seen.add(kind)
                self._compatible(node.left, v, str(node), out)

    def _value(self, node: Node, out: list[str]) -> None:
        if isinstance(node, (And, Or, Not, Compare, In)):
            self._truth(node, out)
        elif isinstance(node, Call):
            self._call(node, out)

    def _call(self, node: Call, out: list[str]) -> None:
        if node.func in ("known_license", "no_license"):
            q = self.by_id.get(node.arg.id)
            if q is not None and q.type != "license":
                out.append(
                    f"{node.func}() needs a licence question, but '{node.arg.id}' is {_TYPE_WORDS.get(q.type, q.type)}"
                )

    def _compatible(self, a: Node, b: Node, text: str, out: list[str]) -> None:
        ka, kb = self.kind(a), self.kind(b)
        if ka is None or kb is None:
            return  # unknown id: reported already
        if ka == "choice" or kb == "choice":
            name, other = (a, b) if ka == "choice" else (b, a)
            ko = kb if ka == "choice" else ka
            assert isinstance(name, Name)
            q = self.by_id[name.id]
            if isinstance(other, Literal) and isinstance(other.value, str):
                if other.value not in q.choice_values:
                    values = ", ".join(f'"{v}"' for v in q.choice_values)
                    out.append(f"'{name.id}' has no choice {other} (its choices: {values})")
                return
            if ko in ("choice", "string"):
                return
            out.append(f"'{text}' compares {self.what(name)} with {self.what(other)}")
            return
        if ka != kb:
            hint = ""
            for x, y in ((a, b), (b, a)):
                if (
                    isinstance(x, Name)
                    and self.kind(x) == "bool"
                    and isinstance(y, Literal)
                    and isinstance(y.value, str)
                    and y.value.lower() in ("yes", "no", "true", "false")
                ):
                    hint = f": write {x.id} == {'true' if y.value.lower() in ('yes', 'true') else 'false'}"
            out.append(f"'{text}' compares {self.what(a)} with {self.what(b)}{hint}")

    # ---------------------------------------------------------------- dependency graph
    def check_graph(self) -> None:
        graph: dict[str, list[str]] = {}
        for q in self.bank.questions:
            refs = q.condition.references() if q.condition is not None else frozenset()
            graph[q.id] = sorted((r for r in refs if r in self.by_id), key=self.pos.__getitem__)
        in_cycle: set[str] = set()
        for scc in _sccs(graph):
            if len(scc) == 1 and scc[0] not in graph[scc[0]]:
                continue
            members = sorted(scc, key=self.pos.__getitem__)
            in_cycle.update(members)
            path = _cycle_path(graph, members[0], set(members))
            first = self.by_id[members[0]]
            self.add(
                first,
                first.id,
                "the conditions form a cycle: " + " -> ".join(path) + " (a condition may only depend on "
                "questions asked before it)",
            )
            self.bad.update(members)
        for q in self.bank.questions:
            for ref in graph[q.id]:
                if self.pos[ref] > self.pos[q.id] and not (q.id in in_cycle and ref in in_cycle):
                    self.add(
                        q,
                        q.id,
                        f"the condition depends on '{ref}', which is asked later "
                        f"({self.by_id[ref].source}); a condition may only depend on earlier questions",
                    )
                    self.bad.add(q.id)

    # ---------------------------------------------------------------- enumeration
    def closure(self, refs: Iterable[str]) -> tuple[str, ...] | None:
        """The ids the refs depend on, transitively, in bank order; None when one is untrustworthy."""
        out: set[str] = set()
        for r in refs:
            c = self._closure_of(r)
            if c is None:
                return None
            out |= c
        return tuple(sorted(out, key=self.pos.__getitem__))

    def _closure_of(self, qid: str) -> frozenset[str] | None:
        if qid in self._closures:
            return self._closures[qid]
        self._closures[qid] = None  # guards against cycles
        q = self.by_id.get(qid)
        result: frozenset[str] | None
        if q is None or qid in self.bad:
            result = None
        else:
            acc = {qid}
            ok = True
            if q.condition is not None:
                for r in q.condition.references():
                    c = self._closure_of(r)
                    if c is None:
                        ok = False
                        break
                    acc |= c
            result = frozenset(acc) if ok else None
        self._closures[qid] = result
        return result

    def domain(self, q: Question) -> tuple:
        d = self._domains.get(q.id)
        if d is not None:
            return d
        if q.type == "bool":
            d = (True, False, None)
        elif q.type == "choice":
            d = (*q.choice_values, None)
        else:
            lits = sorted(v for v in self.literals.get(q.id, ()) if isinstance(v, str))
            if q.type == "license":
                values: list[object] = []
                for v in lits:
                    none = _enum_no_license(v)
                    values.append(_Value(v, not none, f'"{v}" (a known licence)', none))
                    values.append(_Value(v, False, f'"{v}" (an unknown licence)', none))
                values.append(_Value("\x00known", True, "a licence the knowledge base knows"))
                values.append(_Value("\x00unknown", False, "a licence the knowledge base does not know"))
                values.append(_Value("\x00none", False, 'a word that means no licence, such as "Proprietary"', True))
                if "" not in lits:
                    values.append("")
                values.append(None)
                d = tuple(values)
            else:
                extra = [] if "" in lits else [""]
                d = (*lits, *extra, _Value("\x00other", False, "any other answer"), None)
        self._domains[q.id] = d
        return d

    def assignments(self, ids: tuple[str, ...]) -> Iterator[dict[str, object]]:
        """Every consistent combination of answers to `ids` (hidden ones stay unanswered)."""
        answers: dict[str, object] = {}
        budget = [ENUMERATION_LIMIT]
        questions = [self.by_id[i] for i in ids]
        size = 1
        for q in questions:  # decide up front, so the verdict does not depend on the search order
            size *= len(self.domain(q))
            if size > ENUMERATION_LIMIT:
                raise _TooComplex

        def rec(i: int) -> Iterator[dict[str, object]]:
            if i == len(questions):
                budget[0] -= 1
                if budget[0] < 0:
                    raise _TooComplex
                yield answers
                return
            q = questions[i]
            if q.condition is not None and not q.condition.root.truth(answers, _ENUM_TESTS):
                yield from rec(i + 1)
                return
            for value in self.domain(q):
                if value is None:
                    yield from rec(i + 1)
                else:
                    answers[q.id] = value
                    yield from rec(i + 1)
                    del answers[q.id]

        yield from rec(0)

    def check_reachable(self) -> None:
        cache: dict[str, str] = {}
        for q in self.bank.questions:
            if q.condition is None or q.id in self.bad:
                continue
            text = q.condition.text
            verdict = cache.get(text)
            if verdict is None:
                ids = self.closure(q.condition.references())
                if ids is None:
                    verdict = "skip"
                else:
                    try:
                        verdict = "unreachable"
                        for a in self.assignments(ids):
                            if q.condition.root.truth(a, _ENUM_TESTS):
                                verdict = "ok"
                                break
                    except _TooComplex:
                        verdict = "complex"
                cache[text] = verdict
            if verdict == "unreachable":
                self.add(
                    q,
                    q.id,
                    f"is never asked: no combination of answers makes its condition true (when = {text!r})",
                )
            elif verdict == "complex":
                self.add(
                    q,
                    q.id,
                    f"the condition depends on too many answers to check (more than {ENUMERATION_LIMIT} "
                    "combinations); simplify it",
                    "warning",
                )

    def check_needs(self, needs: tuple[Need, ...]) -> None:
        cache: dict[tuple[str, str], tuple[str, dict] | None] = {}
        self._report_missing([n for n in needs if n.id not in self.by_id], needs)
        for need in needs:
            q = self.by_id.get(need.id)
            when_text = need.describe_when()
            if q is None:
                continue
            if need.type is not None and q.type != need.type:
                self.add(
                    q,
                    q.id,
                    f"the classifier needs {_TYPE_WORDS.get(need.type, need.type)} here, "
                    f"not {_TYPE_WORDS.get(q.type, q.type)}",
                )
                continue
            missing = [c for c in need.choices if c not in q.choice_values]
            if missing:
                self.add(
                    q,
                    q.id,
                    "the classifier needs the choice"
                    + ("s " if len(missing) > 1 else " ")
                    + ", ".join(f'"{m}"' for m in missing)
                    + ", which the question does not offer",
                )
            if need.required and not q.required:
                self.add(q, q.id, "the classifier needs this answer: mark the question required = true")
            if q.id in self.bad:
                continue
            try:
                need_cond = parse(need.when)
            except ConditionError as exc:  # a broken NEEDS entry is a bug in the code: say so plainly
                self.add(q, q.id, f"the need's own condition {need.when!r} does not parse: {exc}")
                continue
            key = (need.when, q.condition.text if q.condition else "")
            if key not in cache:
                cache[key] = self._uncovered(need_cond, q)
            result = cache[key]
            if result is None:
                continue
            if result[0] == "complex":
                self.add(
                    q,
                    q.id,
                    f"cannot check that the classifier's need for this answer is met: more than "
                    f"{ENUMERATION_LIMIT} combinations of answers",
                    "warning",
                )
            elif result[0] == "skip":
                continue
            else:
                example = ", ".join(f"{k} = {_describe(v)}" for k, v in result[1].items()) or "no answers"
                self.add(
                    q,
                    q.id,
                    f"the classifier needs this answer {when_text}, but the bank does not ask it when "
                    f"{example} (when = {q.when!r}): the path ends without a classification",
                )

    def _report_missing(self, missing: list[Need], needs: tuple[Need, ...]) -> None:
        """One finding per missing need, but one per component (or per component's terms) when all
        of its needs are missing, so that a half-written bank gives a readable list."""
        missing_ids = {n.id for n in missing}
        done: set[str] = set()
        for need in missing:
            if need.id in done:
                continue
            group = None
            parts = need.id.split(".")
            prefixes = []
            if parts[0] == ids.COMPONENTS and len(parts) >= 3:
                prefixes += [ids.component_prefix(parts[1]), ids.component(parts[1], ids.TERMS) + "."]
            elif len(parts) >= 3 and parts[-2].endswith("terms"):  # data_information.<item>_terms.<term>
                prefixes.append(".".join(parts[:-1]) + ".")
            for prefix in prefixes:
                members = [n.id for n in needs if n.id.startswith(prefix)]
                if need.id.startswith(prefix) and len(members) > 1 and set(members) <= missing_ids:
                    group = (prefix, members)
                    break
            if group is None:
                self.add(
                    None,
                    need.id,
                    f"the classifier needs this answer ({need.describe_when()}) but no question asks it: "
                    "the path ends without a classification",
                )
                continue
            prefix, members = group
            done.update(members)
            tails_list = [m[len(prefix) :] for m in members]
            terms_prefix = ids.TERMS + "."
            terms = [t for t in tails_list if t.startswith(terms_prefix)]
            if len(terms) > 1 and len(terms) < len(tails_list):
                tails_list = [t for t in tails_list if not t.startswith(terms_prefix)] + [terms_prefix + "*"]
            tails = ", ".join(tails_list)
            self.add(
                None,
                prefix + "*",
                f"the classifier needs these answers ({tails}) but no question asks them: "
                "the path ends without a classification",
            )

    def _uncovered(self, need_cond: Condition, q: Question) -> tuple[str, dict] | None:
        refs = set(need_cond.references())
        if q.condition is not None:
            refs |= q.condition.references()
        ids = self.closure(refs)
        if ids is None:
            return ("skip", {})
        try:
            for a in self.assignments(ids):
                if need_cond.root.truth(a, _ENUM_TESTS) and not (
                    q.condition is None or q.condition.root.truth(a, _ENUM_TESTS)
                ):
                    return ("uncovered", {k: a.get(k) for k in ids})
        except _TooComplex:
            return ("complex", {})
        return None


# --------------------------------------------------------------------------- graph helpers


def _sccs(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)
    return out


def _cycle_path(graph: dict[str, list[str]], start: str, members: set[str]) -> list[str]:
    """A path start -> ... -> start inside the component."""
    prev: dict[str, str] = {}
    queue = [start]
    seen = {start}
    while queue:
        node = queue.pop(0)
        for nxt in graph[node]:
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if nxt not in seen:
                seen.add(nxt)
                prev[nxt] = node
                queue.append(nxt)
    return [start, start]
