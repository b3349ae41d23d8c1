"""The shipped examples of real releases: valid, sourced, reproducible, and pinned to the public record."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from questionnaire import declaration, licenses, loading
from questionnaire.cli import main
from questionnaire.components import COMPONENTS
from questionnaire.errors import UserError
from questionnaire.examples import ANSWERS_DIR, EXAMPLES_DIR, GENERATED_AT, example_path, list_examples
from questionnaire.rules import classify

# The tier each release has in the public record (openness.md section 3: OSI validated Pythia, OLMo, Amber and
# T5; Apache-2.0 or MIT weights without the rest are open-weight; RAIL, Llama, Gemma and TII terms are not open).
EXPECTED_TIERS = {
    "olmo-2-7b": "open-source",
    "pythia-6.9b": "open-source",
    "amber": "open-source",
    "t5": "open-source",
    "mistral-7b-v0.1": "open-weight",
    "mixtral-8x7b-v0.1": "open-weight",
    "deepseek-r1": "open-weight",
    "qwen2.5-7b": "open-weight",
    "gpt-oss-20b": "open-weight",
    "llama-3.1-8b": "partially-open",
    "gemma-2-9b-it": "partially-open",
    "bloom": "partially-open",
    "falcon-180b": "partially-open",
    "starcoder2-15b": "partially-open",
    "stable-diffusion-1.5": "partially-open",
    "gpt-4o": "closed",
}
SLUGS = sorted(EXPECTED_TIERS)
CHECK_DAYS = (date(2026, 11, 27), date(2026, 12, 1))  # the days the sources were read

# The Model Openness Tool's record of the same model, where it has one. OLMo-7B is the first OLMo,
# StarCoder the 2023 model, and Stable-Diffusion points at Stable Diffusion 3; for T5 11B, T5-11b.yml (with
# this repository and Hub links) is compared rather than the shorter T5.yml.
MOT_RECORDS = {
    "amber": "Amber.yml", "bloom": "BLOOM.yml", "deepseek-r1": "DeepSeek-R1.yml", "falcon-180b": "Falcon-180B.yml",
    "gemma-2-9b-it": "gemma-2-9b-it.yml", "gpt-4o": "GPT-4o.yml", "gpt-oss-20b": "gpt-oss-20b.yml",
    "llama-3.1-8b": "Llama-3.1-8B.yml", "mistral-7b-v0.1": "Mistral-7B-v0.1.yml",
    "mixtral-8x7b-v0.1": "Mixtral-8x7B-v0.1.yml", "pythia-6.9b": "Pythia-6.9B.yml", "qwen2.5-7b": "Qwen2.5-7B.yml",
    "t5": "T5-11b.yml", "olmo-2-7b": None, "starcoder2-15b": None, "stable-diffusion-1.5": None,
}
MOT_URL = "https://github.com/lfai/model_openness_tool/blob/main/models/"
DEPARTS = "departs from the mot record"  # how a source note says the example differs from MOT's record, and why


def load_declaration(slug: str) -> declaration.Declaration:
    source = loading.load(str(EXAMPLES_DIR / f"{slug}.toml"))
    assert source.kind == "declaration"
    return source.declaration


def test_every_example_has_answers_and_a_declaration() -> None:
    answers = {p.stem for p in ANSWERS_DIR.glob("*.toml")}
    declarations = {p.stem for p in EXAMPLES_DIR.glob("*.toml")}
    assert answers == declarations == set(EXPECTED_TIERS)
    assert len(SLUGS) >= 16


@pytest.mark.parametrize("slug", SLUGS)
def test_example_passes_check(slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES_DIR / f"{slug}.toml")]) == 0
    assert "valid" in capsys.readouterr().out


@pytest.mark.parametrize("slug, tier", sorted(EXPECTED_TIERS.items()))
def test_example_tier_is_pinned(slug: str, tier: str) -> None:
    assert load_declaration(slug).classification.tier == tier


@pytest.mark.parametrize("slug", SLUGS)
def test_every_fact_has_a_source(slug: str) -> None:
    source = loading.load(str(ANSWERS_DIR / f"{slug}.toml"))
    assert source.kind == "answers"
    sources, answers = source.sources, source.answers
    assert "*" in sources, "the release as a whole needs a source"
    for key, entry in sources.items():
        assert entry.url.startswith("https://"), f"{key}: {entry.url}"
        assert isinstance(entry.checked, date) and entry.checked in CHECK_DAYS, key
        assert key == "*" or key.split(".")[0] in ("identity", "development", "components", "data_information"), key
    for component in COMPONENTS:
        released = answers.get(f"components.{component.key}.released")
        if released is True:
            assert f"components.{component.key}.license" in sources, f"{component.key}: no source for its licence"
        elif released is False:
            assert f"components.{component.key}.released" in sources, f"{component.key}: say where you looked"
    # the declaration carries the same sources
    assert set(load_declaration(slug).sources) == set(sources)


def component_source(source: loading.Source, key: str):
    """Where an example's answer about one component was read: its licence's source when released."""
    released = source.answers.get(f"components.{key}.released")
    return source.sources.get(f"components.{key}.{'license' if released else 'released'}")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_example_states_all_17_components_with_a_source(slug: str) -> None:
    source = loading.load(str(ANSWERS_DIR / f"{slug}.toml"))
    stored = load_declaration(slug)
    for component in COMPONENTS:
        released = source.answers.get(f"components.{component.key}.released")
        assert released in (True, False), f"{slug}: {component.key} is not stated (silence is not 'not released')"
        entry = component_source(source, component.key)
        assert entry is not None and entry.note, f"{slug}: {component.key} has no source with a note"
        assert entry.url.startswith("https://") and entry.checked in CHECK_DAYS, (slug, component.key)
        assert stored.components[component.key].released is released
        if released:  # how people get it is stated too: an unanswered access never counts as a download
            assert source.answers.get(f"components.{component.key}.access") is not None, (slug, component.key)
    assert "not listed is recorded as not released" not in (ANSWERS_DIR / f"{slug}.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_a_cited_mot_record_exists(slug: str, mot_dir: Path) -> None:
    source = loading.load(str(ANSWERS_DIR / f"{slug}.toml"))
    cited = {entry.url[len(MOT_URL):] for entry in source.sources.values() if entry.url.startswith(MOT_URL)}
    assert all((mot_dir / name).is_file() for name in cited), cited
    if MOT_RECORDS[slug]:
        assert MOT_RECORDS[slug] in cited, f"{slug}: MOT's record of the model is not among the sources"
    else:
        assert not cited


def _licence(text: str | None) -> str:
    """A licence as the knowledge base resolves it, so 'Gemma Terms of Use' and LicenseRef-Gemma-ToU agree."""
    if not text or licenses.is_unlicensed(text):
        return "unlicensed"
    match = licenses.lookup(text)
    return match.license.id if match.license is not None else text.strip()


@pytest.mark.parametrize("slug", [s for s in SLUGS if MOT_RECORDS[s]])
def test_mof_class_is_mots_unless_the_sources_say_why_not(slug: str, mot_dir: Path) -> None:
    from questionnaire.mot import import_mot
    from questionnaire.sources import parse_yaml, read_text

    record = str(mot_dir / MOT_RECORDS[slug])
    theirs_answers = import_mot(parse_yaml(read_text(record), record), path=record).answers
    theirs = classify(theirs_answers)
    source = loading.load(str(ANSWERS_DIR / f"{slug}.toml"))
    ours = load_declaration(slug)
    theirs_mof, ours_mof = theirs.framework("mof"), ours.classification.framework("mof")
    ours_met = {r.id: r.met for r in ours_mof.requirements}
    departures = []
    for component in COMPONENTS:
        key = component.key
        listed = theirs_answers.get(f"components.{key}.released") is True
        released = ours.components[key].released
        theirs_requirement = theirs_mof.requirement(f"mof-{key}")
        differs = (listed != released
                   or (listed and _licence(theirs_answers.get(f"components.{key}.license"))
                       != _licence(source.answers.get(f"components.{key}.license")))
                   or (theirs_requirement is not None and f"mof-{key}" in ours_met
                       and theirs_requirement.met != ours_met[f"mof-{key}"]))
        if differs:
            departures.append(key)
            note = component_source(source, key).note.lower()
            assert DEPARTS in note, f"{slug}: {key} differs from MOT's record, and its source does not say why"
    if ours_mof.summary != theirs_mof.summary:
        assert departures, f"{slug}: MOF {ours_mof.summary} but MOT gives {theirs_mof.summary}"
    else:
        assert [m.value for m in ours_mof.measures] == [m.value for m in theirs_mof.measures] or departures


@pytest.mark.parametrize("slug", SLUGS)
def test_rebuilding_from_the_answers_gives_the_stored_declaration(slug: str) -> None:
    source = loading.load(str(ANSWERS_DIR / f"{slug}.toml"))
    fresh = declaration.build(source.answers, sources=source.sources, generated_at=GENERATED_AT)
    stored = load_declaration(slug)
    assert declaration.differences(stored, fresh) == []
    assert stored.classification.generated_at == GENERATED_AT
    assert stored.model == fresh.model and stored.components == fresh.components


def test_tiers_are_spread() -> None:
    counts = Counter(e.tier for e in list_examples())
    for tier in ("open-source", "open-weight", "partially-open"):
        assert counts[tier] >= 3, counts
    assert counts["closed"] >= 1, counts


def test_list_examples_is_sorted_by_tier_then_name() -> None:
    items = list_examples()
    order = {"open-source": 0, "open-weight": 1, "partially-open": 2, "closed": 3}
    keys = [(order[e.tier], e.name.casefold()) for e in items]
    assert keys == sorted(keys)
    assert {e.slug for e in items} == set(EXPECTED_TIERS)
    for e in items:
        assert e.path == example_path(e.slug) and e.path.is_file()
        assert e.name and e.publisher and e.tier == EXPECTED_TIERS[e.slug]


def test_unknown_example_names_the_known_ones() -> None:
    with pytest.raises(UserError) as raised:
        example_path("no-such-model")
    assert "olmo-2-7b" in str(raised.value) and raised.value.exit_code == 2
    for bad in ("../cli", ".hidden", "answers/t5"):
        with pytest.raises(UserError):
            example_path(bad)


def test_examples_command_lists_all_within_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    for slug, tier in EXPECTED_TIERS.items():
        assert any(line.split()[:1] == [slug] and tier in line for line in lines), slug
    assert lines[0].split() == ["SLUG", "NAME", "TIER"]


def test_examples_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {item["slug"] for item in payload} == set(EXPECTED_TIERS)
    assert all(set(item) >= {"slug", "name", "publisher", "tier", "frameworks", "path"} for item in payload)
    olmo = next(item for item in payload if item["slug"] == "olmo-2-7b")
    assert olmo["frameworks"]["osaid"] == "met" and olmo["frameworks"]["mof"] == "Unclassified"


def test_examples_slug_prints_a_path_classify_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "olmo-2-7b"]) == 0
    path = capsys.readouterr().out.strip()
    assert path == str(EXAMPLES_DIR / "olmo-2-7b.toml")
    assert main(["classify", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tier"] == "open-source"


def test_examples_unknown_slug_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "no-such-model"]) == 2
    err = capsys.readouterr().err
    assert "no-such-model" in err and "olmo-2-7b" in err and len(err.strip().splitlines()) == 1
