"""The shipped examples: valid, sourced, reproducible, pinned to the public record, and the constructed teaching
cases marked as such."""

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
from questionnaire.examples import (
    ANSWERS_DIR,
    CONSTRUCTED_PUBLISHER,
    EXAMPLES_DIR,
    GENERATED_AT,
    example_path,
    list_examples,
)
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
    # a real Llama fine-tune, and three constructed teaching cases for the rules of ruleset 2.0
    "llama-3.1-tulu-3-8b": "partially-open",
    "relabelled-llama": "partially-open",
    "openmdw-release": "open-weight",
    "checkpoints-only": "partially-open",
}
# Constructed teaching cases, not real releases: their publisher is "constructed example", their name starts with
# "Constructed:" (so the mark survives the examples table's shortening of long names) and their release-wide
# source note says so first.
CONSTRUCTED = {"relabelled-llama", "openmdw-release", "checkpoints-only"}
CONSTRUCTED_NAME = "Constructed: "
CONSTRUCTED_NOTE = "Constructed teaching case, not a real release"
SLUGS = sorted(EXPECTED_TIERS)
CHECK_DAYS = (date(2026, 11, 27), date(2026, 12, 1))  # the days the sources were read

# The Model Openness Tool's record of the same model, where it has one. OLMo-7B is the first OLMo,
# StarCoder the 2023 model, and Stable-Diffusion points at Stable Diffusion 3; for T5 11B, T5-11b.yml (with
# this repository and Hub links) is compared rather than the shorter T5.yml.
MOT_RECORDS = {
    "amber": "Amber.yml",
    "bloom": "BLOOM.yml",
    "deepseek-r1": "DeepSeek-R1.yml",
    "falcon-180b": "Falcon-180B.yml",
    "gemma-2-9b-it": "gemma-2-9b-it.yml",
    "gpt-4o": "GPT-4o.yml",
    "gpt-oss-20b": "gpt-oss-20b.yml",
    "llama-3.1-8b": "Llama-3.1-8B.yml",
    "mistral-7b-v0.1": "Mistral-7B-v0.1.yml",
    "mixtral-8x7b-v0.1": "Mixtral-8x7B-v0.1.yml",
    "pythia-6.9b": "Pythia-6.9B.yml",
    "qwen2.5-7b": "Qwen2.5-7B.yml",
    "t5": "T5-11b.yml",
    "olmo-2-7b": None,
    "starcoder2-15b": None,
    "stable-diffusion-1.5": None,
    "llama-3.1-tulu-3-8b": None,
    "relabelled-llama": None,
    "openmdw-release": None,
    "checkpoints-only": None,
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
    assert len(SLUGS) == 20


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
    cited = {entry.url[len(MOT_URL) :] for entry in source.sources.values() if entry.url.startswith(MOT_URL)}
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
        differs = (
            listed != released
            or (
                listed
                and _licence(theirs_answers.get(f"components.{key}.license"))
                != _licence(source.answers.get(f"components.{key}.license"))
            )
            or (
                theirs_requirement is not None
                and f"mof-{key}" in ours_met
                and theirs_requirement.met != ours_met[f"mof-{key}"]
            )
        )
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


def test_the_index_lists_what_the_declarations_say() -> None:
    """The lists of examples read index.json (no pydantic); it says what reading each declaration in full says,
    and the build script finds it up to date."""
    from questionnaire import examples, examples_index

    in_full = examples_index.read_examples()
    assert tuple(list_examples()) == in_full
    assert examples.INDEX_FILE.read_text(encoding="utf-8") == examples_index.index_text(in_full)
    # and without the index, the declarations' TOML gives the same (examples._from_declarations)
    assert examples._from_declarations() == in_full


def test_without_an_index_the_declarations_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from questionnaire import examples

    expected = list_examples()
    for text in (None, "", "{}", '{"examples": [{"slug": 1}]}', "[1, 2]"):
        index = tmp_path / "index.json"
        if text is not None:
            index.write_text(text, encoding="utf-8")
        monkeypatch.setattr(examples, "INDEX_FILE", index)
        examples._examples.cache_clear()
        try:
            assert examples.list_examples() == expected, text
        finally:
            examples._examples.cache_clear()


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


# ---------------------------------------------------------------- constructed teaching cases


def test_constructed_examples_say_so_where_people_look(capsys: pytest.CaptureFixture[str]) -> None:
    """A constructed case is marked in its name (what `openness examples` and the app list), its publisher (what
    `--json` gives) and its release-wide source note; a real release carries none of these marks."""
    for example in list_examples():
        note = loading.load(str(ANSWERS_DIR / f"{example.slug}.toml")).sources["*"].note
        marks = (example.constructed, example.name.startswith(CONSTRUCTED_NAME), note.startswith(CONSTRUCTED_NOTE))
        assert marks == ((example.slug in CONSTRUCTED,) * 3), (example.slug, marks)
    assert main(["examples"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:-1]}
    for slug in CONSTRUCTED:  # the table shortens long names, but never the mark at their start
        assert rows[slug].split(None, 1)[1].startswith(CONSTRUCTED_NAME.strip()), rows[slug]
    assert main(["examples", "relabelled-llama", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["publisher"] == CONSTRUCTED_PUBLISHER


@pytest.mark.parametrize("slug", sorted(CONSTRUCTED))
def test_a_constructed_example_names_no_real_download(slug: str) -> None:
    """No location or repository: nothing (the lineage of a fine-tune, a reader) can take it for a real model."""
    answers = loading.load(str(ANSWERS_DIR / f"{slug}.toml")).answers
    assert "identity.repository" not in answers
    assert not [key for key in answers if key.endswith(".location")]


# ---------------------------------------------------------------- the rules of this round, one example each


def verdict(slug: str, capsys: pytest.CaptureFixture[str]) -> dict:
    """What `openness classify EXAMPLE --json` prints for a shipped example."""
    assert main(["classify", str(example_path(slug)), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def framework(result: dict, framework_id: str) -> dict:
    """One framework's verdict in `classify --json`."""
    return next(f for f in result["frameworks"] if f["id"] == framework_id)


def unmet(result: dict, framework_id: str) -> list[str]:
    return [r["text"] for r in framework(result, framework_id)["requirements"] if r["met"] is False]


def not_open_weight(result: dict) -> list[str]:
    return [r["text"] for r in result["reasons"] if r["text"].startswith("Not open-weight")]


LLAMA_CLAUSES = (
    "Llama 3.1 Community License Agreement",
    "Llama 3.1 Acceptable Use Policy",
    "700 million monthly active users",
)


def test_an_honest_llama_fine_tune_is_bound_by_its_base(capsys: pytest.CaptureFixture[str]) -> None:
    """Tulu 3 publishes its training code and data under open terms and declares the Llama licence: partially
    open, held there by its own licence and by the base model's, each a reason of its own."""
    answers = loading.load(str(ANSWERS_DIR / "llama-3.1-tulu-3-8b.toml")).answers
    assert answers["identity.is_finetune"] is True and answers["identity.base_model"] == "meta-llama/Llama-3.1-8B"
    assert answers["identity.base_data_information"] is False
    result = verdict("llama-3.1-tulu-3-8b", capsys)
    assert result["tier"] == "partially-open"
    own, base = not_open_weight(result)
    assert "license the final weights under open terms" in own and "now Llama 3.1 Community License Agreement" in own
    assert base.startswith(
        "Not open-weight: the base model's licence, Llama 3.1 Community License Agreement, binds derivatives"
    )
    assert all(clause in base for clause in LLAMA_CLAUSES)
    stored = load_declaration("llama-3.1-tulu-3-8b").components
    assert stored["training_code"].open_terms and stored["datasets"].open_terms  # open, and still not enough
    assert "The base model's training data is described as OSAID asks, under open terms" in unmet(result, "osaid")


def test_an_apache_label_on_llama_weights_does_not_make_them_open(capsys: pytest.CaptureFixture[str]) -> None:
    """The constructed relabelled fine-tune: its own Apache-2.0 is open terms, yet it is partially open, and the
    one reason it is not open-weight names the Llama licence's clauses."""
    result = verdict("relabelled-llama", capsys)
    assert result["tier"] == "partially-open"
    requirements = {r["id"]: r["met"] for r in framework(result, "osaid")["requirements"]}
    assert requirements["weights-open-terms"] is True and requirements["weights-base-open-terms"] is False
    [reason] = not_open_weight(result)
    assert all(clause in reason for clause in LLAMA_CLAUSES) and reason.endswith(
        "whatever the fine-tune's own licence says"
    )
    assert load_declaration("relabelled-llama").components["model_parameters_final"].open_terms is False
    answers = loading.load(str(ANSWERS_DIR / "relabelled-llama.toml")).answers
    # the base alone stands in the way: another base, under Apache-2.0, makes the weights open-weight
    other_base = {"identity.base_model": "example-org/an-apache-base", "identity.base_model_license": "Apache-2.0"}
    assert classify(answers | other_base).tier == "open-weight"
    # and Llama 3.1 8B's licence answered as Apache-2.0 does not: the tool knows its weights' licence
    relabelled = classify(answers | {"identity.base_model_license": "Apache-2.0"})
    assert relabelled.tier == "partially-open"
    assert any("is known under LicenseRef-Llama-3.1" in warning for warning in relabelled.warnings)


def test_openmdw_is_open_terms_for_every_component_but_mot_counts_only_1_0(capsys: pytest.CaptureFixture[str]) -> None:
    """All 17 components under OpenMDW-1.1: each is under open terms and the weights are open-weight; OSAID still
    asks OSI-approved licences of the code; MOT's exact-string rule leaves the MOF class at 0% with a warning for
    each component, where OpenMDW-1.0 would make the same release Class I."""
    stored = load_declaration("openmdw-release").components
    assert all(stored[c.key].released and stored[c.key].open_terms for c in COMPONENTS)
    result = verdict("openmdw-release", capsys)
    assert result["tier"] == "open-weight" and framework(result, "owd")["met"] is True
    assert result["reasons"][0]["text"] == (
        "The final weights are downloadable by anyone under open terms (OpenMDW License Agreement 1.1)"
    )
    assert all("under an OSI-approved licence" in text for text in unmet(result, "osaid"))
    mof = framework(result, "mof")
    assert mof["summary"] == "Unclassified" and {m["value"] for m in mof["measures"]} == {0.0}
    mot_notes = [
        n
        for n in mof["notes"]
        if "'LicenseRef-OpenMDW-1.1' counts as open terms here, but MOT "
        "counts only exact SPDX ids, its open-data list and OpenMDW-1.0" in n
    ]
    assert len(mot_notes) == len(COMPONENTS)
    answers = loading.load(str(ANSWERS_DIR / "openmdw-release.toml")).answers
    as_1_0 = classify(
        {key: "OpenMDW-1.0" if value == "LicenseRef-OpenMDW-1.1" else value for key, value in answers.items()}
    )
    assert (as_1_0.tier, as_1_0.framework("mof").summary, as_1_0.warnings) == ("open-weight", "Class I", ())


def test_intermediate_checkpoints_alone_are_partially_open(capsys: pytest.CaptureFixture[str]) -> None:
    """Checkpoints under Apache-2.0 without the final weights: not closed (something is released), not
    open-weight (OWD criterion 2); without the checkpoints, the same release is closed."""
    result = verdict("checkpoints-only", capsys)
    assert result["tier"] == "partially-open"
    assert result["reasons"][0]["text"] == "Released: the intermediate checkpoints"
    assert not_open_weight(result) == [
        "Not open-weight: the final weights are not released; intermediate "
        "checkpoints alone do not count as the weights (OWD criterion 2)"
    ]
    assert {c["id"]: c["met"] for c in framework(result, "owd")["requirements"]}["owd-2"] is False
    stored = load_declaration("checkpoints-only").components
    assert stored["model_parameters_intermediate"].open_terms and not stored["model_parameters_final"].released
    answers = loading.load(str(ANSWERS_DIR / "checkpoints-only.toml")).answers
    assert classify(answers | {"components.model_parameters_intermediate.released": False}).tier == "closed"
