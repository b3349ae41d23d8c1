"""A batch writes each verdict once (report.as_json, the lines of report.as_text): the same text as writing
every record afresh, whatever the records share, and nothing of one record in another's."""

from __future__ import annotations

from dataclasses import replace

from questionnaire import report
from questionnaire.frameworks import Measure
from questionnaire.rules import Classification, classify
from questionnaire.text import json_text
from tests.conftest import open_source_answers


def _fresh_json(result: Classification, **kwargs: object) -> str:
    return json_text(report.as_dict(result, **kwargs))  # type: ignore[arg-type]


def test_as_json_is_the_text_of_as_dict_for_every_record_of_a_batch() -> None:
    result = classify(open_source_answers())
    hostile = "Model\x1b]52;c;evil\x07\u202e"
    for name, source in (("Toy", "a.yml"), (hostile, "b\u2028.yml"), ("Toy", "c.yml")):
        kwargs = {"source": source, "name": name, "warnings": ("w\x1b",)}
        assert report.as_json(result, **kwargs) == _fresh_json(result, **kwargs)  # type: ignore[arg-type]


def test_equal_verdicts_written_differently_are_not_mixed_up() -> None:
    """True == 1, 1.0 == 1 and 0.0 == -0.0, but JSON writes each differently: a verdict remembered with one is not
    reused for the other."""
    result = classify(open_source_answers())
    first = result.frameworks[0]
    variants = [
        replace(first, measures=(Measure("m", "M", 1.0, 100),)),
        replace(first, measures=(Measure("m", "M", 1, 100),)),
        replace(first, measures=(Measure("m", "M", -0.0, 100),)),
        replace(first, measures=(Measure("m", "M", 0.0, 100),)),
        replace(first, met=1),
        replace(first, met=True),
    ]
    for verdict in variants:
        changed = replace(result, frameworks=(verdict, *result.frameworks[1:]))
        kwargs = {"source": "x", "name": "Toy"}
        assert report.as_json(changed, **kwargs) == _fresh_json(changed, **kwargs)  # type: ignore[arg-type]
        assert report.verdict_lines(verdict) == report._verdict_lines(verdict)


def test_requirements_written_once_are_not_mixed_up_and_are_spliced_in_their_place() -> None:
    """Each requirement's JSON is written once per process: a requirement met True is not reused for one met 1,
    and texts that look like the verdict's JSON (its requirements' key) do not move where they are spliced."""
    result = classify(open_source_answers())
    first = result.frameworks[0]
    looks = '"requirements": [], "measures": [] \\" \\\\"requirements\\": []'
    requirement = replace(first.requirements[0], text=looks, action=looks, met=False)
    variants = [
        replace(first, requirements=(replace(requirement, met=True), *first.requirements[1:])),
        replace(first, requirements=(replace(requirement, met=1), *first.requirements[1:])),
        replace(first, requirements=(requirement, requirement), summary=looks, notes=(looks,)),
        replace(first, requirements=(), title=looks),
        replace(first, requirements=(replace(requirement, refs=(), grade="open"),)),
    ]
    for verdict in variants:
        changed = replace(result, frameworks=(verdict, *result.frameworks[1:]))
        kwargs = {"source": looks, "name": looks}
        assert report.as_json(changed, **kwargs) == _fresh_json(changed, **kwargs)  # type: ignore[arg-type]


def test_verdict_lines_are_a_new_list_each_time() -> None:
    verdict = classify(open_source_answers()).frameworks[0]
    lines = report.verdict_lines(verdict)
    lines.append("changed")
    assert "changed" not in report.verdict_lines(verdict)


def test_long_licence_strings_are_written_as_they_are_and_not_remembered() -> None:
    """What a batch remembers stays small whatever the files hold: a requirement or a reason naming a licence
    string of thousands of characters is written afresh (the same text), not kept."""
    from questionnaire import release
    from questionnaire.frameworks import osaid

    weights = "components.model_parameters_final"
    sizes = []
    for letter in "xyz":
        licence = "Custom " + letter * 5000
        answers = open_source_answers(**{f"{weights}.license": licence, "components.training_code.license": licence})
        result = classify(answers)
        kwargs = {"source": "x", "name": "Toy"}
        assert report.as_json(result, **kwargs) == _fresh_json(result, **kwargs)  # type: ignore[arg-type]
        assert licence in report.as_json(result, **kwargs)  # type: ignore[arg-type]
        sizes.append((len(report._REQUIREMENT_JSON), len(report._JSON_OF), osaid._made.cache_info().currsize))
    assert sizes[1] == sizes[2]  # the first may remember what the records share; the others add nothing
    assert all(len(text) <= report._MAX_REMEMBERED_TEXT for text in report._REQUIREMENT_JSON.values())
    assert all(len(text) <= report._MAX_REMEMBERED_TEXT for text in report._JSON_OF.values())
    assert all(len(str(text)) <= 200 for _, text, _, _ in release._STATES)
