"""The shipped examples of real releases: valid, sourced, reproducible, and pinned to the public record."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from questionnaire import declaration, loading
from questionnaire.cli import main
from questionnaire.components import COMPONENTS
from questionnaire.errors import UserError
from questionnaire.examples import ANSWERS_DIR, EXAMPLES_DIR, GENERATED_AT, example_path, list_examples

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
        assert isinstance(entry.checked, date) and entry.checked == date(2026, 11, 27), key
        assert key == "*" or key.split(".")[0] in ("identity", "development", "components", "data_information"), key
    for component in COMPONENTS:
        released = answers.get(f"components.{component.key}.released")
        if released is True:
            assert f"components.{component.key}.license" in sources, f"{component.key}: no source for its licence"
        elif released is False:
            assert f"components.{component.key}.released" in sources, f"{component.key}: say where you looked"
    # the declaration carries the same sources
    assert set(load_declaration(slug).sources) == set(sources)


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
    assert "MOF" in lines[0]


def test_examples_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {item["slug"] for item in payload} == set(EXPECTED_TIERS)
    assert all(set(item) >= {"slug", "name", "publisher", "tier", "mof_class", "path"} for item in payload)


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
