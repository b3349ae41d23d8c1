"""The condition language: parsing, precedence, evaluation, errors with columns, and no eval."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from questionnaire import conditions
from questionnaire.conditions import And, Call, Compare, ConditionError, In, Literal, Name, Not, Or, parse


def never_known(text: str) -> bool:
    return False


def known_mit(text: str) -> bool:
    return text == "MIT"


def ev(text: str, answers: dict | None = None, known=never_known) -> bool:
    return parse(text).evaluate(answers or {}, known_license=known)


# --------------------------------------------------------------------------- parsing


def test_and_binds_tighter_than_or():
    root = parse("a or b and c").root
    assert isinstance(root, Or)
    assert root.operands[0] == Name("a", 1)
    assert isinstance(root.operands[1], And)
    assert [n.id for n in root.operands[1].operands] == ["b", "c"]


def test_not_binds_looser_than_comparison_and_tighter_than_and():
    root = parse('not a == "x" and b').root
    assert isinstance(root, And)
    negation = root.operands[0]
    assert isinstance(negation, Not) and isinstance(negation.operand, Compare)


def test_parentheses_override_precedence():
    root = parse("(a or b) and c").root
    assert isinstance(root, And) and isinstance(root.operands[0], Or)
    assert ev("(a or b) and c", {"a": True}) is False
    assert ev("a or b and c", {"a": True}) is True


def test_dotted_ids_literals_and_functions_parse_to_their_nodes():
    root = parse('components.training_code.license in ["MIT", "Apache-2.0"]').root
    assert isinstance(root, In) and root.left == Name("components.training_code.license", 1)
    assert [v.value for v in root.values] == ["MIT", "Apache-2.0"]
    assert parse("known_license(components.datasets.license)").root == Call(
        "known_license", Name("components.datasets.license", 15), 1
    )
    assert parse("x == 42").root.right == Literal(42, 6)
    assert parse('x == "say \\"hi\\""').root.right.value == 'say "hi"'
    assert isinstance(parse('x not in ["a"]').root, In) and parse('x not in ["a"]').root.negated


def test_true_is_not_equal_to_one_in_the_tree_or_in_evaluation():
    assert Literal(True, 1) != Literal(1, 1)
    assert ev("x == true", {"x": 1}) is False
    assert ev("x == 1", {"x": True}) is False
    assert ev("x == 1", {"x": 1}) is True


def test_references_and_literals_are_what_the_linter_reads():
    c = parse('a and (b == "x" or c in ["y", "z"]) and known_license(d) and not answered(e)')
    assert c.references() == {"a", "b", "c", "d", "e"}
    assert c.literals() == {"b": {"x"}, "c": {"y", "z"}}


def test_parse_is_cached_and_conditions_are_immutable():
    assert parse("a and b") is parse("a and b")
    c = parse("a and b")
    with pytest.raises(AttributeError):
        c.text = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.root.operands = ()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("", 1, "empty"),
        ("a ==", 5, "expected a question id"),
        ("a = 1", 3, "=="),
        ("(a and b", 9, "')'"),
        ("foo(x)", 1, "unknown function 'foo'"),
        ('known_license("MIT")', 15, "question id inside known_license"),
        ("a in []", 7, "must not be empty"),
        ("a in b", 6, "'['"),
        ("a b", 3, "expected 'and', 'or'"),
        ('a == "abc', 6, "unterminated string"),
        ("a == 'x'", 6, "unexpected character"),
        ("a.", 2, "cannot end with '.'"),
        ("a and", 6, "the end of the condition"),
        ('a in ["x" "y"]', 11, "',' or ']'"),
        ('a == "\\n"', 7, "unknown escape"),
    ],
)
def test_errors_name_the_column(text, column, words):
    with pytest.raises(ConditionError) as info:
        parse(text)
    assert info.value.column == column
    assert words in str(info.value)
    assert f"column {column}" in str(info.value)


# --------------------------------------------------------------------------- evaluation


def test_a_bare_id_is_its_truth_and_unanswered_is_false():
    assert ev("released", {"released": True}) is True
    assert ev("released", {"released": False}) is False
    assert ev("released", {}) is False
    assert ev("not released", {}) is True


def test_unanswered_equals_nothing():
    assert ev('x == "a"', {}) is False
    assert ev('x != "a"', {}) is True
    assert ev('x in ["a", "b"]', {}) is False
    assert ev('x not in ["a", "b"]', {}) is True
    assert ev("x == false", {}) is False


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ('m == "text"', {"m": "text"}, True),
        ('m == "text"', {"m": "Text"}, False),
        ('m != "text"', {"m": "code"}, True),
        ('m in ["image", "video"]', {"m": "video"}, True),
        ('m in ["image", "video"]', {"m": "text"}, False),
        ('m not in ["image", "video"]', {"m": "text"}, True),
        ("a and b", {"a": True, "b": True}, True),
        ("a and b", {"a": True, "b": False}, False),
        ("a or b", {"a": False, "b": True}, True),
        ("not (a or b)", {"a": False, "b": False}, True),
        ("a == b", {"a": "x", "b": "x"}, True),
        ("true", {}, True),
        ("false or a", {"a": True}, True),
    ],
)
def test_evaluation(text, answers, expected):
    assert ev(text, answers) is expected


def test_known_license_uses_the_given_knowledge_and_needs_a_licence_string():
    assert ev("known_license(l)", {"l": "MIT"}, known_mit) is True
    assert ev("known_license(l)", {"l": "My licence"}, known_mit) is False
    assert ev("known_license(l)", {}, known_mit) is False
    assert ev("known_license(l)", {"l": ""}, lambda s: True) is False
    assert ev("released and not known_license(l)", {"released": True, "l": "Custom"}, known_mit) is True


def test_known_license_defaults_to_the_licence_knowledge_base():
    pytest.importorskip("questionnaire.licenses")
    c = parse("known_license(l)")
    assert c.evaluate({"l": "Apache-2.0"}) is True
    assert c.evaluate({"l": "Our Own Model Licence v1"}) is False


def test_no_license_is_true_for_words_that_name_no_licence():
    pytest.importorskip("questionnaire.licenses")
    c = parse("no_license(l)")
    for text in ("", "unlicensed", "Proprietary", "PROPRIETARY.", "none", "All rights reserved", "closed"):
        assert c.evaluate({"l": text}) is True, text
    for text in ("MIT", "Our Own Model Licence v1", "The Unlicense"):
        assert c.evaluate({"l": text}) is False, text
    assert c.evaluate({}) is False  # unanswered: no string, so nothing is said
    assert c.evaluate({"l": "Custom"}, no_license=lambda s: s == "Custom") is True  # a stand-in
    terms = parse("released and not known_license(l) and not no_license(l)")
    assert terms.evaluate({"released": True, "l": "Acme Licence"}, known_license=never_known) is True
    assert terms.evaluate({"released": True, "l": "Proprietary"}, known_license=never_known) is False
    assert str(parse("not no_license(a.b)").root) == "not no_license(a.b)"


def test_answered_counts_any_value_but_none():
    assert ev("answered(v)", {"v": ""}) is True
    assert ev("answered(v)", {"v": False}) is True
    assert ev("answered(v)", {"v": None}) is False
    assert ev("answered(v)", {}) is False


# --------------------------------------------------------------------------- safety


# --------------------------------------------------------------------------- bounds


def test_nesting_up_to_the_bound_parses_evaluates_and_prints():
    depth = conditions.MAX_DEPTH
    for text in (
        "(" * depth + "a" + ")" * depth,
        "not " * depth + "a",
        "not (" * (depth // 2) + "a" + ")" * (depth // 2),
    ):
        cond = parse(text)
        assert cond.evaluate({"a": True}, known_license=never_known) is (text.count("not") % 2 == 0)
        assert parse(str(cond.root)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "(" * 33 + "a" + ")" * 33,
        "not " * 33 + "a",
        "not (" * 17 + "a" + ")" * 17,
        "a and (b or (" * 17 + "c" + "))" * 17,
        "(" * 1000 + "a" + ")" * 1000,  # refused at the 33rd, without recursing further
        "not " * 900 + "a",
        "(" * 900,  # unbalanced too: the depth is what is told
    ],
)
def test_nesting_past_the_bound_is_a_condition_error(text):
    with pytest.raises(ConditionError, match=r"nested too deeply \(more than 32 parentheses and 'not's"):
        parse(text)


def test_numbers_longer_than_the_bound_are_refused_with_their_column():
    assert parse("a == " + "9" * 30).root.right.value == int("9" * 30)
    assert parse("a in [-" + "1" * 30 + "]").root.values[0].value == -int("1" * 30)
    for text, digits, column in (
        ("a == " + "9" * 31, 31, 6),
        ("a == -" + "9" * 3000, 3000, 6),
        ("a in [1, " + "2" * 3900 + "]", 3900, 10),
    ):
        with pytest.raises(ConditionError, match=rf"a number of {digits} digits is too long \(at most 30\)") as info:
            parse(text)
        assert info.value.column == column


def test_a_condition_longer_than_the_bound_is_refused_before_it_is_read():
    text = " or ".join(["a"] * (conditions.MAX_LENGTH // 5 + 1))
    assert len(text) > conditions.MAX_LENGTH
    with pytest.raises(ConditionError, match=r"the condition is too long \(\d+ characters; at most 4000\)"):
        parse(text)
    parse(" or ".join(["a"] * (conditions.MAX_LENGTH // 5)))  # a long one within the bound is fine


def test_the_module_never_uses_eval_exec_or_compile():
    source = inspect.getsource(conditions)
    assert not re.search(r"(?<![.\w])(eval|exec|compile)\s*\(", source)
    tree = ast.parse(source)
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"eval", "exec", "compile", "__import__"}


def test_python_code_is_rejected_not_run():
    for text in ('__import__("os").system("true")', "a[0]", "[x for x in y]", "a.b()", "a + b", "lambda: 1"):
        with pytest.raises(ConditionError):
            parse(text)


# --------------------------------------------------------------------------- property: matches Python logic

_VARS = ("a", "b", "c")


def _exprs() -> st.SearchStrategy[tuple[str, object]]:
    """Random conditions over a, b, c with a Python function giving their meaning."""
    leaf = st.one_of(
        st.sampled_from(_VARS).map(lambda v: (v, lambda env, v=v: bool(env.get(v)))),
        st.sampled_from(_VARS).map(lambda v: (f"{v} == true", lambda env, v=v: env.get(v) is True)),
        st.sampled_from(_VARS).map(lambda v: (f"answered({v})", lambda env, v=v: env.get(v) is not None)),
    )

    def extend(children):
        return st.one_of(
            children.map(lambda c: (f"not ({c[0]})", lambda env, f=c[1]: not f(env))),
            st.tuples(children, children).map(
                lambda p: (f"({p[0][0]}) and ({p[1][0]})", lambda env, f=p[0][1], g=p[1][1]: f(env) and g(env))
            ),
            st.tuples(children, children).map(
                lambda p: (f"({p[0][0]}) or ({p[1][0]})", lambda env, f=p[0][1], g=p[1][1]: f(env) or g(env))
            ),
        )

    return st.recursive(leaf, extend, max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(_exprs(), st.fixed_dictionaries({v: st.sampled_from([True, False, None]) for v in _VARS}))
def test_evaluation_matches_python_logic(expr, env):
    text, meaning = expr
    assume(text.count("(") + text.count("not ") <= conditions.MAX_DEPTH)  # a bound on its nesting
    answers = {k: v for k, v in env.items() if v is not None}
    assert parse(text).evaluate(answers, known_license=never_known) == meaning(answers)
    # printing the tree gives a condition with the same meaning
    assert parse(str(parse(text).root)).evaluate(answers, known_license=never_known) == meaning(answers)
