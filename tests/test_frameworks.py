"""Frameworks plug in: each is a module of questionnaire/frameworks, found by itself, and every presenter
(the report, --json, the declaration, the exports, compare, what if, the result screen) lists its verdict
without naming it."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from questionnaire import compare, declaration, exporters, frameworks, report, whatif
from questionnaire.frameworks import Framework, Measure, Requirement
from questionnaire.rules import classify
from tests.conftest import ROOT, open_source_answers

from app_pilot import llama_answers, make_app, run_async, save_llama_draft, tree_text, until

PACKAGE = ROOT / "questionnaire"
PRESENTERS = [
    "report.py",
    "compare.py",
    "whatif.py",
    "declaration.py",
    "examples.py",
    "exporters.py",
    "cli.py",
    "app/screens/result.py",
    "app/screens/examples.py",
    "app/screens/whatif.py",
    "app/screens/compare.py",
    "app/widgets/framework_panel.py",
]
MOT_FORMAT = ("exporters.py", "MOT_FRAMEWORK")  # a MOT record is the MOF's own file format: it names its framework


def test_the_frameworks_are_found_in_their_order() -> None:
    found = frameworks.all_frameworks()
    assert [f.id for f in found] == ["osaid", "mof", "owd", "osai", "eu-ai-act-oss"]
    assert [f.order for f in found] == sorted(f.order for f in found)
    assert len({f.id for f in found}) == len(found)
    result = classify(open_source_answers())
    assert [v.id for v in result.frameworks] == [f.id for f in found]
    assert result.framework("owd").title == next(f for f in found if f.id == "owd").title
    with pytest.raises(KeyError, match="osaid"):
        result.framework("nope")


@pytest.mark.parametrize(
    "answers", [open_source_answers(), llama_answers(), {"identity.name": "Nothing"}], ids=["open", "llama", "nothing"]
)
def test_every_verdict_is_well_formed(answers: dict) -> None:
    for verdict in classify(answers).frameworks:
        assert verdict.summary and verdict.title and verdict.short_title and verdict.url.startswith("https://")
        assert len({r.id for r in verdict.requirements}) == len(verdict.requirements)
        if verdict.graded:
            assert verdict.met is None and all(r.grade in frameworks.GRADES for r in verdict.requirements)
            assert all(r.met == (r.grade == "open") for r in verdict.requirements)
        else:
            assert isinstance(verdict.met, bool)
        assert all(r.action for r in verdict.unmet), verdict.id  # what to do, for every unmet requirement
        assert all(0 <= m.value <= m.maximum for m in verdict.measures)


def test_presenters_never_name_a_framework() -> None:
    ids = {f.id for f in frameworks.all_frameworks()}
    for name in PRESENTERS:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        allowed = set()
        for node in ast.walk(tree):  # the MOT exporter's one constant
            if (name, getattr(getattr(node, "targets", [None])[0], "id", None)) == MOT_FORMAT:
                allowed.add(id(node.value))
        named = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in ids and id(node) not in allowed
        ]
        assert not named, f"{name} names the framework(s) {named}"


# ---------------------------------------------------------------- a framework added in one module


def _toy(release) -> frameworks.FrameworkVerdict:
    code = release.components["training_code"]
    requirements = [
        Requirement(
            "toy-weights",
            "The final weights are released",
            release.components["model_parameters_final"].available,
            "release the final weights",
            (),
        ),
        Requirement(
            "toy-code",
            "The training code is released",
            code.available,
            "release the training code",
            ("components.training_code.released",),
        ),
    ]
    held = sum(r.met for r in requirements)
    return TOY.verdict(
        met=held == 2,
        summary=frameworks.held_summary(requirements),
        requirements=requirements,
        measures=[Measure("held", "Requirements held", held, 2)],
        notes=["A toy, for the test."],
    )


TOY = Framework("toy-check", "Toy check of a release", "Toy", "https://example.org/toy", 99, _toy)


@pytest.fixture
def with_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    found = frameworks.all_frameworks()
    monkeypatch.setattr(frameworks, "all_frameworks", lambda: (*found, TOY))


def test_a_new_framework_reaches_every_presenter_without_their_code_changing(with_toy, tmp_path: Path) -> None:
    answers = open_source_answers()
    del answers["components.training_code.released"]
    result = classify(answers)
    assert result.framework("toy-check").summary == "1 of 2 hold"
    # the text report and --json
    text = report.as_text(result, source="x", name="Toy")
    assert "  Toy check of a release: 1 of 2 hold (held 1 of 2)" in text
    assert "    x The training code is released" in text and "    · A toy, for the test." in text
    data = report.as_dict(result, source="x", name="Toy")
    [toy] = [v for v in data["frameworks"] if v["id"] == "toy-check"]
    assert toy["met"] is False and toy["requirements"][1] == {
        "id": "toy-code",
        "text": "The training code is released",
        "met": False,
        "action": "release the training code",
        "refs": ["components.training_code.released"],
    }
    # the declaration, through TOML and back
    decl = declaration.build(answers)
    stored = tomllib.loads(declaration.to_toml(decl))["classification"]["frameworks"]
    assert stored[-1]["id"] == "toy-check" and stored[-1]["measures"] == [
        {"id": "held", "label": "Requirements held", "value": 1, "maximum": 2}
    ]
    assert declaration.from_data(tomllib.loads(declaration.to_toml(decl))) == decl
    # the exports
    markdown = exporters.to_markdown(decl).text
    assert "| [Toy check of a release](https://example.org/toy) | 1 of 2 hold (held 1 of 2) |" in markdown
    assert '"id": "toy-check"' in exporters.to_json(decl).text
    # compare: a row of its summary, a row of its measures
    entries = compare.Comparison((compare.entry(answers, "a"), compare.entry(open_source_answers(), "b")))
    lines = compare.as_text(entries, width=120).splitlines()
    assert next(line for line in lines if line.startswith("Toy ")).split()[1:] == ["1", "of", "2", "hold", "met"]
    assert next(line for line in lines if line.startswith("Toy held")).split()[2:] == ["1", "2"]
    # what if: the requirement it gains, in the one sentence every requirement gets
    change = ["training_code=released:Apache-2.0"]
    differences = whatif.diff(result, classify(whatif.apply(answers, change)))
    said = whatif.sentences(differences)
    assert "Toy: met (was 1 of 2 hold)." in said and "Now met for Toy: the training code is released." in said
    assert "Toy, Requirements held: from 1 of 2 to 2 of 2." in said
    assert [d.direction for d in differences if d.framework == "toy-check"] == [1, 1, 1]


def test_compare_lines_up_verdicts_by_framework_when_a_column_was_classified_by_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A column classified before a framework was added (a cached example) has no verdict of it: its cell
    there is empty, and every other row still holds its own framework's verdict (rows used to be matched by
    position, which failed with IndexError or shifted the rows)."""
    answers = open_source_answers()
    before = compare.entry(answers, "before")
    found = frameworks.all_frameworks()
    monkeypatch.setattr(frameworks, "all_frameworks", lambda: (TOY, *found))  # first: every row after it moves
    after = compare.entry(answers, "after")
    rows = dict(compare.verdict_rows([after.result, before.result]))
    assert rows["Toy"] == ["met", ""] and rows["Toy held"] == ["2", ""]
    assert rows["MOF"] == [after.result.framework("mof").summary, before.result.framework("mof").summary]
    lines = compare.as_text(compare.Comparison((before, after)), width=120).splitlines()
    assert next(line for line in lines if line.startswith("Toy ")).split()[1:] == ["met"]  # under #2 only
    assert [line.split()[1:] for line in lines if line.startswith("Tier")][0] == ["OPEN", "SOURCE", "OPEN", "SOURCE"]


def test_an_example_column_is_classified_again_when_the_frameworks_change(monkeypatch: pytest.MonkeyPatch) -> None:
    from questionnaire.app.screens.compare import example_entry
    from questionnaire.examples import list_examples

    slug = list_examples()[0].slug
    without = example_entry(slug)
    assert example_entry(slug) is without  # read once
    found = frameworks.all_frameworks()
    monkeypatch.setattr(frameworks, "all_frameworks", lambda: (*found, TOY))
    assert example_entry(slug).result.framework("toy-check").summary  # KeyError when classified without it


@run_async
async def test_a_new_framework_gets_its_panel_on_the_result_screen(with_toy, tmp_path: Path) -> None:
    save_llama_draft(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "ctrl+t")
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.query("#framework-toy-check"))  # the result is up
        panel = app.screen.query_one("#framework-toy-check")
        text = " ".join(tree_text(panel).replace("│", " ").split())
        assert panel.border_title == "Toy check of a release" and text.startswith("1 of 2 hold Requirements held")
        assert "✓ The final weights are released" in text and "✗ The training code is released" in text
        assert "A toy, for the test." in text


@pytest.mark.parametrize("order", [1, -1])
def test_requirements_made_once_name_each_licence_as_it_is_written(order: int) -> None:
    """The frameworks make a requirement once per process for equal facts: a licence written 1, 1.0 or "1"
    (equal, or read alike) is still named as it is written, whichever came first."""
    from questionnaire.rules import classify
    from tests.conftest import open_source_answers

    weights = "components.model_parameters_final"
    for value in [1, 1.0, "1", "1.0"][::order]:
        result = classify(open_source_answers(**{f"{weights}.license": value}))
        mof = result.framework("mof").requirement("mof-model_parameters_final")
        assert mof is not None and f"(now {value!r})" in mof.action
        osaid = result.framework("osaid").requirement("weights-open-terms")
        assert osaid is not None and f"(now {value}: " in osaid.action
