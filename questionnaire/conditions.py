"""The small condition language of the question bank: when a question is asked.

A condition is parsed by a tokenizer and a recursive-descent parser into an immutable tree; it is never
handed to Python's evaluator. The language:

    literals      true  false  "a string"  42
    question ids  identity.is_finetune   components.training_code.released
    comparison    a == "x"   a != true   a in ["x", "y"]   a not in ["x"]
    logic         not a   a and b   a or b   ( ... )
    functions     known_license(components.datasets.license)   no_license(components.datasets.license)
                  answered(identity.version)

Precedence from loosest to tightest: `or`, `and`, `not`, comparison. A bare id is true when its answer is
truthy (yes, a non-empty string); an unanswered id is None, so it equals nothing and is false.
Comparisons are strict: `true` never equals `1` and strings compare case-sensitively.
`known_license(id)` is true when the id holds a licence string the knowledge base knows;
`no_license(id)` is true when it holds a string that says there is no licence ("", "unlicensed",
"Proprietary", "none", "All rights reserved", ...: `licenses.names_no_license`);
`answered(id)` is true when the id has an answer (any value but None, the empty string included).
The two licence functions are false for an unanswered id.

A condition is data from a file, so its size is bounded: at most `MAX_LENGTH` characters, at most
`MAX_DEPTH` parentheses and `not`s inside one another (told while parsing, before the parser recurses
past it), and number literals of at most `MAX_DIGITS` digits. Each is a ConditionError like any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "FUNCTIONS",
    "And",
    "Call",
    "Compare",
    "LicenceTests",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_LENGTH",
    "Condition",
    "ConditionError",
    "In",
    "Literal",
    "Name",
    "Node",
    "Not",
    "Or",
    "licence_tests",
    "parse",
]

FUNCTIONS: tuple[str, ...] = ("known_license", "no_license", "answered")
KEYWORDS = frozenset({"true", "false", "and", "or", "not", "in"})

MAX_LENGTH = 4000  # characters of one condition (the shipped bank's longest, expanded, has about 200)
MAX_DEPTH = 32  # parentheses and `not`s inside one another (the shipped bank needs 5)
MAX_DIGITS = 30  # digits of a number literal (Python refuses to read more than 4300)

KnownLicense = Callable[[str], bool]


class LicenceTests(NamedTuple):
    """What the licence functions ask of a licence string: `known` for known_license(), `none` for
    no_license(). Conditions are evaluated with the licence knowledge base by default; the linter and
    tests pass stand-ins."""

    known: KnownLicense
    none: KnownLicense


class ConditionError(ValueError):
    """A condition that does not parse. `column` is 1-based."""

    def __init__(self, message: str, column: int, text: str = "") -> None:
        self.message = message
        self.column = column
        self.text = text
        super().__init__(f"{message} (column {column})")


# --------------------------------------------------------------------------- the tree


def _eq(a: object, b: object) -> bool:
    """Strict equality: a bool only equals a bool (Python says True == 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


class _Node:
    """Base of the tree nodes: immutable, compared and hashed by their fields.

    (Plain classes with __slots__ rather than dataclasses: they cost next to nothing to define, and
    this module is imported by every command.)
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init__(self, *args: object) -> None:
        for name, value in zip(self._fields, args, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"

    def value_of(self, answers: Mapping[str, object], kl: LicenceTests) -> object:
        """The node's value where a value is compared: its truth, except for literals and names."""
        return self.truth(answers, kl)  # type: ignore[attr-defined]


class Literal(_Node):
    value: bool | int | str
    column: int
    __slots__ = ("value", "column")
    _fields = __slots__

    def _key(self) -> tuple:
        return (type(self.value), self.value, self.column)  # true is not 1

    def value_of(self, answers: Mapping[str, object], kl: LicenceTests) -> object:
        return self.value

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        return bool(self.value)

    def children(self) -> tuple[Node, ...]:
        return ()

    def __str__(self) -> str:
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, str):
            return '"' + self.value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return str(self.value)


class Name(_Node):
    id: str
    column: int
    __slots__ = ("id", "column")
    _fields = __slots__

    def value_of(self, answers: Mapping[str, object], kl: LicenceTests) -> object:
        return answers.get(self.id)

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        return bool(answers.get(self.id))

    def children(self) -> tuple[Node, ...]:
        return ()

    def __str__(self) -> str:
        return self.id


class Call(_Node):
    func: str  # one of FUNCTIONS
    arg: Name
    column: int
    __slots__ = ("func", "arg", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        value = answers.get(self.arg.id)
        if self.func == "answered":
            return value is not None
        if not isinstance(value, str):
            return False
        if self.func == "no_license":
            return bool(kl.none(value))
        return value != "" and bool(kl.known(value))  # known_license

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)

    def __str__(self) -> str:
        return f"{self.func}({self.arg.id})"


class Not(_Node):
    operand: Node
    column: int
    __slots__ = ("operand", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        return not self.operand.truth(answers, kl)

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)

    def __str__(self) -> str:  # `not not a` needs no parentheses (and so stays as shallow as it was written)
        return f"not {self.operand if isinstance(self.operand, Not) else _wrap(self.operand)}"


class And(_Node):
    operands: tuple[Node, ...]
    column: int
    __slots__ = ("operands", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        # a loop, not all() over a generator: the path is worked out after every answer, over every question
        for operand in self.operands:
            if not operand.truth(answers, kl):
                return False
        return True

    def children(self) -> tuple[Node, ...]:
        return self.operands

    def __str__(self) -> str:
        return " and ".join(_wrap(o) for o in self.operands)


class Or(_Node):
    operands: tuple[Node, ...]
    column: int
    __slots__ = ("operands", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        for operand in self.operands:  # as And.truth
            if operand.truth(answers, kl):
                return True
        return False

    def children(self) -> tuple[Node, ...]:
        return self.operands

    def __str__(self) -> str:
        return " or ".join(_wrap(o) for o in self.operands)


class Compare(_Node):
    op: str  # "==" or "!="
    left: Node
    right: Node
    column: int
    __slots__ = ("op", "left", "right", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        equal = _eq(self.left.value_of(answers, kl), self.right.value_of(answers, kl))
        return equal if self.op == "==" else not equal

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def __str__(self) -> str:
        return f"{_wrap(self.left)} {self.op} {_wrap(self.right)}"


class In(_Node):
    left: Node
    values: tuple[Literal, ...]
    negated: bool
    column: int
    __slots__ = ("left", "values", "negated", "column")
    _fields = __slots__

    def truth(self, answers: Mapping[str, object], kl: LicenceTests) -> bool:
        value = self.left.value_of(answers, kl)
        found = any(_eq(value, v.value) for v in self.values)
        return not found if self.negated else found

    def children(self) -> tuple[Node, ...]:
        return (self.left, *self.values)

    def __str__(self) -> str:
        op = "not in" if self.negated else "in"
        return f"{_wrap(self.left)} {op} [{', '.join(str(v) for v in self.values)}]"


Node = Literal | Name | Call | Not | And | Or | Compare | In


def _wrap(node: Node) -> str:
    return f"({node})" if isinstance(node, (And, Or, Compare, In, Not)) else str(node)


# --------------------------------------------------------------------------- the condition


class Condition:
    """A parsed condition: the source text and its tree. Immutable; equal when the texts are equal."""

    __slots__ = ("text", "root", "_refs", "_literals")
    text: str
    root: Node

    def __init__(self, text: str, root: Node) -> None:
        refs: set[str] = set()
        literals: dict[str, set] = {}
        set_ = object.__setattr__
        set_(self, "text", text)
        set_(self, "root", root)
        for node in self.nodes():
            if isinstance(node, Name):
                refs.add(node.id)
            elif isinstance(node, Compare):
                for a, b in ((node.left, node.right), (node.right, node.left)):
                    if isinstance(a, Name) and isinstance(b, Literal):
                        literals.setdefault(a.id, set()).add(b.value)
            elif isinstance(node, In) and isinstance(node.left, Name):
                literals.setdefault(node.left.id, set()).update(v.value for v in node.values)
        set_(self, "_refs", frozenset(refs))
        set_(self, "_literals", MappingProxyType({k: frozenset(v) for k, v in literals.items()}))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Condition is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Condition) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    def evaluate(
        self,
        answers: Mapping[str, object],
        *,
        known_license: KnownLicense | None = None,
        no_license: KnownLicense | None = None,
    ) -> bool:
        """Whether the condition holds. Missing ids are unanswered (None).

        `known_license` decides `known_license(id)` and `no_license` decides `no_license(id)`; by default
        the licence knowledge base (`questionnaire.licenses.is_known` and `names_no_license`), imported
        only when a condition needs it.
        """
        return self.root.truth(answers, licence_tests(known_license, no_license))

    def references(self) -> frozenset[str]:
        """Every question id the condition reads (function arguments included)."""
        return self._refs

    def literals(self) -> Mapping[str, frozenset]:
        """For each id, the literals it is compared with (`==`, `!=`, `in`)."""
        return self._literals

    def nodes(self) -> Iterator[Node]:
        """Every node of the tree, depth first."""
        stack: list[Node] = [self.root]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    def __str__(self) -> str:
        return self.text


def _default_known_license(text: str) -> bool:
    from questionnaire.licenses import is_known  # lazy: the licence module is optional here

    return bool(is_known(text))


def _default_no_license(text: str) -> bool:
    from questionnaire.licenses import names_no_license  # lazy, as above

    return bool(names_no_license(text))


def licence_tests(known_license: KnownLicense | None = None, no_license: KnownLicense | None = None) -> LicenceTests:
    """The licence tests for evaluating conditions: the given ones, else the knowledge base's."""
    return LicenceTests(known_license or _default_known_license, no_license or _default_no_license)


# --------------------------------------------------------------------------- tokenizer

_TOKEN = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    |(?P<int>-?[0-9]+)
    |(?P<string>"(?:[^"\\\n]|\\.)*")
    |(?P<op>==|!=|[()\[\],])
    """,
    re.VERBOSE,
)


class _Token(NamedTuple):
    kind: str  # name, keyword, int, string, op, end
    value: str
    column: int


def _unescape(body: str, column: int) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt not in '"\\':
                raise ConditionError(
                    f"unknown escape '\\{nxt}' in a string (only \\\" and \\\\ are allowed)",
                    column + 1 + i,
                )
            out.append(nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        column = pos + 1
        if m is None:
            ch = text[pos]
            if ch == '"':
                raise ConditionError("unterminated string", column)
            if ch == "=":
                raise ConditionError("unexpected '=': write == to compare", column)
            if ch == "!":
                raise ConditionError("unexpected '!': write != or not", column)
            raise ConditionError(f"unexpected character {ch!r}", column)
        kind = m.lastgroup or ""
        value = m.group()
        pos = m.end()
        if kind == "ws":
            continue
        if kind == "name" and value in KEYWORDS:
            kind = "keyword"
        elif kind == "string":
            value = _unescape(value[1:-1], column)
        elif kind == "name" and pos < len(text) and text[pos] == ".":
            raise ConditionError(f"a question id cannot end with '.': {value}.", pos + 1)
        elif kind == "int" and len(value.lstrip("-")) > MAX_DIGITS:
            raise ConditionError(
                f"a number of {len(value.lstrip('-'))} digits is too long (at most {MAX_DIGITS})", column
            )
        tokens.append(_Token(kind, value, column))
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0  # parentheses and `not`s open around the token being read

    def enter(self, tok: _Token) -> None:
        """One level deeper (a `(` or a `not`): refused past MAX_DEPTH, before the parser recurses."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                f"the condition is nested too deeply (more than {MAX_DEPTH} parentheses and 'not's inside one another)",
                tok.column,
            )

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def _describe(self, tok: _Token) -> str:
        if tok.kind == "end":
            return "the end of the condition"
        if tok.kind == "string":
            return f'the string "{tok.value}"'
        return repr(tok.value)

    def error(self, expected: str, tok: _Token | None = None) -> ConditionError:
        tok = tok or self.tok
        return ConditionError(f"expected {expected}, found {self._describe(tok)}", tok.column)

    def accept(self, kind: str, value: str | None = None) -> _Token | None:
        tok = self.tok
        if tok.kind == kind and (value is None or tok.value == value):
            self.i += 1
            return tok
        return None

    def expect(self, kind: str, value: str, expected: str) -> _Token:
        tok = self.accept(kind, value)
        if tok is None:
            raise self.error(expected)
        return tok

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ConditionError("empty condition", 1)
        node = self.or_expr()
        if self.tok.kind != "end":
            raise self.error("'and', 'or' or the end of the condition")
        return node

    def or_expr(self) -> Node:
        first = self.tok
        items = [self.and_expr()]
        while self.accept("keyword", "or"):
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items), first.column)

    def and_expr(self) -> Node:
        first = self.tok
        items = [self.not_expr()]
        while self.accept("keyword", "and"):
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items), first.column)

    def not_expr(self) -> Node:
        nots: list[_Token] = []  # `not not ... x` read in a loop, not by recursion
        while (tok := self.accept("keyword", "not")) is not None:
            self.enter(tok)
            nots.append(tok)
        node = self.comparison()
        for tok in reversed(nots):
            node = Not(node, tok.column)
        self.depth -= len(nots)
        return node

    def comparison(self) -> Node:
        start = self.tok
        left = self.operand()
        tok = self.tok
        if tok.kind == "op" and tok.value in ("==", "!="):
            self.i += 1
            right = self.operand()
            return Compare(tok.value, left, right, start.column)
        if tok.kind == "keyword" and tok.value == "not" and self.tokens[self.i + 1].value == "in":
            self.i += 2
            return In(left, self.literal_list(), True, start.column)
        if self.accept("keyword", "in"):
            return In(left, self.literal_list(), False, start.column)
        return left

    def literal(self) -> Literal | None:
        tok = self.tok
        if tok.kind == "keyword" and tok.value in ("true", "false"):
            self.i += 1
            return Literal(tok.value == "true", tok.column)
        if tok.kind == "string":
            self.i += 1
            return Literal(tok.value, tok.column)
        if tok.kind == "int":
            self.i += 1
            return Literal(int(tok.value), tok.column)
        return None

    def literal_list(self) -> tuple[Literal, ...]:
        self.expect("op", "[", "'[' to start a list after 'in'")
        values: list[Literal] = []
        while not self.accept("op", "]"):
            lit = self.literal()
            if lit is None:
                raise self.error('a literal (true, false, a "string" or a number) in the list')
            values.append(lit)
            if not self.accept("op", ","):
                self.expect("op", "]", "',' or ']' in the list")
                break
        if not values:
            raise ConditionError("an 'in' list must not be empty", self.tokens[self.i - 1].column)
        return tuple(values)

    def operand(self) -> Node:
        tok = self.tok
        lit = self.literal()
        if lit is not None:
            return lit
        if tok.kind == "op" and tok.value == "(":
            self.enter(tok)
            self.i += 1
            node = self.or_expr()
            self.expect("op", ")", "')'")
            self.depth -= 1
            return node
        if tok.kind == "name":
            self.i += 1
            if self.tok.kind == "op" and self.tok.value == "(":
                if tok.value not in FUNCTIONS:
                    raise ConditionError(
                        f"unknown function '{tok.value}' (known: {', '.join(FUNCTIONS)})",
                        tok.column,
                    )
                self.i += 1
                arg = self.tok
                if arg.kind != "name":
                    raise self.error(f"a question id inside {tok.value}()")
                self.i += 1
                self.expect("op", ")", f"')' to close {tok.value}(")
                return Call(tok.value, Name(arg.value, arg.column), tok.column)
            return Name(tok.value, tok.column)
        raise self.error("a question id, a literal or '('")


@lru_cache(maxsize=2048)
def parse(text: str) -> Condition:
    """Parse a condition; raises ConditionError (with a 1-based column) when it is not valid."""
    if not isinstance(text, str):
        raise ConditionError("a condition must be a string", 1)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the condition is too long ({len(text)} characters; at most {MAX_LENGTH})", 1)
    return Condition(text, _Parser(text).parse())
