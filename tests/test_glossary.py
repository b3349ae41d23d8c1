"""The glossary: the shipped terms, search, finding terms in texts, the links from questions, and the
checks of the file and of the bank's `glossary` ids."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.bank import BankError, Question, load_bank
from questionnaire.bank_reader import read_bank
from questionnaire.errors import UserError
from questionnaire.glossary import FILE_NAME, SHORT_LIMIT, Entry, Glossary, default_path, load_glossary, read_glossary
from questionnaire.lint import lint_bank, quick_glossary_ids
from questionnaire.resources import GLOSSARY_FILE, shipped_questions_dir
from tests.conftest import replace_once

ROOT = Path(__file__).resolve().parent.parent
OPENNESS_MD = ROOT.parent / "shared" / "reference" / "openness.md"

# openness.md section 1, "the terms a workshop teaches": the term as written there -> our entry
SECTION_1 = {
    "open source AI": "open-source-ai",
    "preferred form to make modifications": "preferred-form",
    "data information": "data-information",
    "open-weight": "open-weight",
    "partially open": "partially-open",
    "closed": "closed",
    "acceptable use policy": "acceptable-use-policy",
    "AUP": "acceptable-use-policy",
    "RAIL / OpenRAIL": "rail",
    "RAIL": "rail",
    "OpenRAIL": "rail",
    "gated access": "gated-access",
    "user or revenue threshold": "threshold",
    "MOF": "mof",
    "MOT": "mot",
    "OSAI Index": "osai-index",
    "OpenMDW": "openmdw",
}

# the further terms the workshop needs (the brief's list), each as a user would type it
MORE_TERMS = {
    "OSAID": "osaid",
    "OSI": "osi",
    "OSI-approved licence": "osi-approved",
    "Open Weight Definition": "owd",
    "weights": "weights",
    "parameters": "weights",
    "intermediate checkpoints": "intermediate-checkpoints",
    "model card": "model-card",
    "data card": "data-card",
    "technical report": "technical-report",
    "training code": "training-code",
    "inference code": "inference-code",
    "data preprocessing code": "data-preprocessing-code",
    "supporting libraries": "supporting-libraries",
    "evaluation code": "evaluation-code",
    "evaluation data": "evaluation-data",
    "evaluation results": "evaluation-results",
    "datasets": "training-data",
    "training data": "training-data",
    "class I": "mof-class-i",
    "class II": "mof-class-ii",
    "class III": "mof-class-iii",
    "permissive licence": "permissive-licence",
    "copyleft": "copyleft",
    "Creative Commons": "creative-commons",
    "non-commercial": "non-commercial",
    "field-of-use restriction": "field-of-use",
    "derivative work": "derivative-work",
    "attribution": "attribution",
    "SPDX identifier": "spdx",
    "licence expression": "licence-expression",
    "custom licence": "custom-licence",
    "community licence": "custom-licence",
    "open-washing": "open-washing",
    "fine-tune": "fine-tune",
    "base model": "base-model",
    "click-through": "click-through",
    "approval gate": "approval-gate",
    "API-only": "api-only",
    "Hugging Face license tag": "hf-licence-tag",
    "declaration": "declaration",
    "tier": "tier",
}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


# --------------------------------------------------------------------------- the shipped glossary


def test_the_shipped_glossary_sits_beside_the_questions_and_is_cached(glossary):
    assert default_path() == shipped_questions_dir() / "glossary.toml" == ROOT / "questions" / "glossary.toml"
    assert FILE_NAME == GLOSSARY_FILE
    assert load_glossary() is glossary
    assert len(glossary) >= 60
    assert [e.term.casefold() for e in glossary.entries] == sorted(e.term.casefold() for e in glossary.entries)
    assert glossary["open-weight"].term == "open-weight" and "open-weight" in glossary
    assert "no-such-term" not in glossary
    assert set(glossary.by_id) == {e.id for e in glossary}


@pytest.mark.parametrize("term, entry_id", sorted({**SECTION_1, **MORE_TERMS}.items()))
def test_every_workshop_term_is_the_first_search_result(glossary, term, entry_id):
    assert glossary.search(term)[0].id == entry_id
    assert glossary.search(term.upper())[0].id == entry_id


def test_every_term_of_the_domain_brief_glossary_table_is_findable(glossary):
    if not OPENNESS_MD.is_file():
        pytest.skip("the domain brief is not beside this checkout (../shared/reference/openness.md)")
    text = OPENNESS_MD.read_text(encoding="utf-8")
    section = text[text.index("## 1. Glossary") : text.index("## 2.")]
    terms = [m.group(1).strip() for m in re.finditer(r"^\| ([^|]+?) \|", section, re.M)][1:]  # skip the header
    assert len(terms) == 14
    for term in terms:
        names = [n.strip() for n in re.split(r"[()]", term) if n.strip()]  # "acceptable use policy (AUP)"
        for name in names:
            first = glossary.search(name)[0]
            assert fold(name) in {fold(n) for n in first.names}, (name, first.id)


def test_entries_are_complete_and_their_links_hold(glossary):
    from questionnaire.examples import list_examples

    slugs = {e.slug for e in list_examples()}
    for e in glossary:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.id)
        assert e.term and "\n" not in e.short and len(e.short) <= SHORT_LIMIT, e.id
        sentences = len(re.findall(r"[.!?](?=\s|$)", e.text))
        assert 2 <= sentences <= 5, (e.id, sentences)
        assert e.id not in e.related and all(r in glossary for r in e.related), e.id
        assert set(e.examples) <= slugs, (e.id, set(e.examples) - slugs)
        for url in e.sources:
            parts = urlsplit(url)
            assert parts.scheme == "https" and parts.netloc and " " not in url, (e.id, url)
    # the tiers teach by example: every tier has one
    for tier in ("open-source-ai", "open-weight", "partially-open", "closed"):
        assert glossary[tier].examples


def test_no_name_belongs_to_two_entries(glossary):
    owner: dict[str, str] = {}
    for e in glossary:
        for name in e.names:
            assert owner.setdefault(fold(name), e.id) == e.id, (name, owner[fold(name)], e.id)


# --------------------------------------------------------------------------- search


def test_search_ranks_exact_then_prefix_then_substring_then_text(glossary):
    ids = [e.id for e in glossary.search("open weight")]
    assert ids[0] == "open-weight"
    assert ids.index("open-weight") < ids.index("owd")  # "Open Weight Definition": a prefix match
    ids = [e.id for e in glossary.search("weight")]
    assert ids.index("weights") < ids.index("open-weight")  # prefix of "weights" before inside "open-weight"
    assert ids.index("open-weight") < ids.index("mof")  # a name before a mention in the text
    assert [e.id for e in glossary.search("class II")][:2] == ["mof-class-ii", "mof-class-iii"]
    assert glossary.search("MOF Open Science")[0].id == "mof-class-i"  # every word in its names


def test_search_keeps_term_order_within_a_rank(glossary):
    results = glossary.search("code")
    named = [e for e in results if any("code" in fold(n) for n in (*e.names, e.id))]
    assert named and results[: len(named)] == named
    starts = [e for e in named if any(fold(n).startswith("code") for n in e.names)]
    inside = named[len(starts) :]
    assert inside == sorted(inside, key=lambda e: e.term.casefold())


def test_search_needs_every_word_and_an_empty_query_lists_everything(glossary):
    assert glossary.search("") == list(glossary.entries) == glossary.search("   \n")
    assert glossary.search("open zzyzx") == []
    assert all("revenue" in fold(e.short + e.text + " ".join(e.names)) for e in glossary.search("revenue"))
    assert glossary.search("Revenue threshold")[0].id == "threshold"


def test_only_the_first_characters_of_a_search_count(glossary):
    """A pasted text of megabytes (a stranger's, in a workshop's browser) is not looked for word by word in
    every entry: only its first MAX_QUERY_LENGTH characters are, so a word past them changes nothing."""
    from questionnaire.glossary import MAX_QUERY_LENGTH

    found = glossary.search("weight")
    assert found
    padded = "weight" + " " * MAX_QUERY_LENGTH + "nosuchword"
    assert glossary.search(padded) == found  # the word past the limit does not count
    assert glossary.search("weight nosuchword") == []  # within the limit, it would find nothing
    repeated = "weight " * 1_000_000  # the same word a million times: its first 200 characters, each word once
    assert glossary.search(repeated) == glossary.search(repeated[:MAX_QUERY_LENGTH])
    assert {entry.id for entry in glossary.search(repeated)} == {entry.id for entry in found}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_search_and_terms_in_never_raise(text):
    g = load_glossary()
    found = g.search(text)
    assert len({e.id for e in found}) == len(found) and all(e.id in g for e in found)
    ids = g.terms_in(text)
    assert len(set(ids)) == len(ids) and all(i in g for i in ids)


# --------------------------------------------------------------------------- finding terms in texts


def test_terms_in_finds_whole_terms_in_order_without_duplicates(glossary):
    text = (
        "Is an open-weight model under OSAID 1.0? The publisher disclosed little: "
        "the weights are gated, and open weights are still weights."
    )
    ids = glossary.terms_in(text)
    assert ids[:2] == ["open-weight", "osaid"]
    assert "weights" in ids and "gated-access" in ids
    assert "closed" not in ids  # inside "disclosed"
    assert len(ids) == len(set(ids))
    assert glossary.terms_in("a closed release") == ["closed"]


def test_terms_in_tolerates_case_hyphens_spaces_and_plurals_and_prefers_the_longest_name(glossary):
    assert glossary.terms_in("OPEN SOURCE-AI and Open-Weights") == ["open-source-ai", "open-weight"]
    assert glossary.terms_in("under OSI-approved licences") == ["osi-approved"]  # not "OSI"
    assert glossary.terms_in("154 intermediate checkpoints") == ["intermediate-checkpoints"]
    assert glossary.terms_in("MOF class III, not class II") == ["mof-class-iii", "mof-class-ii"]
    assert glossary.terms_in("under CC-BY-NC-4.0") == ["non-commercial"]  # not Creative Commons' "CC"
    assert glossary.terms_in("") == [] and glossary.terms_in("nothing to see") == []


def test_every_term_and_alias_finds_its_own_entry(glossary):
    for e in glossary:
        for name in e.names:
            assert e.id in glossary.terms_in(f"See ({name}) here."), (e.id, name)


# --------------------------------------------------------------------------- questions


def test_a_question_links_its_own_entries_first_then_the_terms_of_its_texts(glossary):
    q = Question(
        "x.y",
        "x",
        "text",
        "Are the weights public?",
        "An **acceptable use policy** binds the weights.",
        glossary=("model-card", "no-such-entry", "weights"),
    )
    assert [e.id for e in glossary.for_question(q)] == ["model-card", "weights", "acceptable-use-policy"]


def test_the_shipped_bank_links_its_questions_to_the_glossary(glossary):
    bank = load_bank()
    assert bank["identity.modality"].glossary == ("regional-exclusion",)
    assert glossary.for_question(bank["identity.modality"])[0].id == "regional-exclusion"
    # the template's own glossary reaches every expanded question; the component's term comes first
    for key, entry_id in (
        ("model_parameters_final", "weights"),
        ("datasets", "training-data"),
        ("model_card", "model-card"),
        ("training_code", "training-code"),
    ):
        assert bank[f"components.{key}.access"].glossary == ("gated-access",)
        assert glossary.for_question(bank[f"components.{key}.released"])[0].id == entry_id
    assert glossary.for_question(bank["data_information.description"])  # data information and OSAID
    # measured: 203 of 203 questions (100%) link to at least one entry (201 without the explicit ids)
    linked = [q for q in bank.questions if glossary.for_question(q)]
    assert len(linked) / len(bank.questions) >= 0.99


def test_the_core_does_not_import_textual():
    code = (
        "import sys\nfrom questionnaire.glossary import load_glossary\nfrom questionnaire.bank import load_bank\n"
        "g = load_glossary(); [g.for_question(q) for q in load_bank().questions]; g.search('rail')\n"
        "assert not [m for m in sys.modules if m.startswith('textual')], 'textual imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- a bad glossary file

VALID = '''
[[entry]]
id = "open-weight"
term = "open-weight"
aliases = ["open weights"]
short = "Weights anyone may download and use for any purpose."
text = """Final weights for anyone. Under open terms."""
related = ["owd"]

[[entry]]
id = "owd"
term = "OWD"
short = "The Open Weight Definition."
text = """Ten criteria. For the terms of weights."""
examples = ["mistral-7b-v0.1"]
sources = ["https://openweight.org/"]
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_small_glossary_loads(tmp_path):
    g = load_glossary(write(tmp_path, VALID))
    assert [e.id for e in g] == ["open-weight", "owd"]
    assert g["owd"] == Entry(
        "owd",
        "OWD",
        (),
        "The Open Weight Definition.",
        "Ten criteria. For the terms of weights.",
        (),
        ("mistral-7b-v0.1",),
        ("https://openweight.org/",),
    )


@pytest.mark.parametrize(
    "old, new, entry, words",
    [
        ('id = "owd"\n', 'id = "OWD"\n', "OWD", ["not valid", "lower-case"]),
        ('id = "owd"\n', 'id = "open-weight"\n', "open-weight", ["duplicate id"]),
        ('term = "OWD"\n', "", "owd", ["'term' is missing"]),
        ('term = "OWD"\n', 'term = "OWD"\ndefinition = "x"\n', "owd", ["unknown key 'definition'"]),
        ('text = """Ten criteria. For the terms of weights."""', 'text = """  """', "owd", ["'text' is empty"]),
        ('short = "The Open Weight Definition."', f'short = "{"x" * 101}"', "owd", ["101 characters", "100"]),
        ('related = ["owd"]', 'related = ["owdd"]', "open-weight", ["'related' names 'owdd'"]),
        ('term = "OWD"', 'term = "OWD"\naliases = ["Open Weights"]', "owd", ["'Open Weights'", "open-weight"]),
        ('"https://openweight.org/"', '"http://openweight.org/"', "owd", ["https://"]),
        ('examples = ["mistral-7b-v0.1"]', 'examples = ["mistral-8b"]', "owd", ["'mistral-8b'", "example"]),
        ('aliases = ["open weights"]', 'aliases = "open weights"', "open-weight", ["'aliases' must be a list"]),
    ],
)
def test_a_bad_entry_is_a_user_error_naming_the_file_and_the_entry(tmp_path, old, new, entry, words):
    assert VALID.count(old) == 1
    path = write(tmp_path, VALID.replace(old, new))
    with pytest.raises(UserError) as info:
        load_glossary(path)
    message = str(info.value)
    assert message.startswith(f"{path}: entry {entry}: "), message
    assert all(w in message for w in words), message
    assert "\n" not in message


def test_invalid_toml_and_a_missing_file_are_user_errors(tmp_path):
    path = write(tmp_path, VALID.replace('id = "owd"', 'id = "owd'))
    with pytest.raises(UserError, match=r"not valid TOML.*line 11") as info:
        load_glossary(path)
    assert str(path) in str(info.value)
    with pytest.raises(UserError, match="no such file"):
        load_glossary(tmp_path / "missing.toml")
    with pytest.raises(UserError, match="no \\[\\[entry\\]\\] tables"):
        load_glossary(write(tmp_path, "# nothing here\n"))
    with pytest.raises(UserError, match="unknown key 'term' at the top"):
        load_glossary(write(tmp_path, 'term = "x"\n' + VALID))


def test_every_problem_is_reported_and_the_message_counts_the_rest(tmp_path):
    path = write(tmp_path, VALID.replace('related = ["owd"]', 'related = ["x"]').replace('term = "OWD"\n', ""))
    read = read_glossary(path)
    assert read.glossary is None and len(read.problems) == 2
    assert read.ids == {"open-weight", "owd"}
    with pytest.raises(UserError, match=r"\(and 1 more problem\)"):
        load_glossary(path)


def test_an_edited_file_is_read_again(tmp_path):
    path = write(tmp_path, VALID)
    assert len(load_glossary(path)) == 2
    path.write_text(VALID.replace('related = ["owd"]', 'related = ["nope"]') + "\n", encoding="utf-8")
    with pytest.raises(UserError):
        load_glossary(path)


# --------------------------------------------------------------------------- the bank's glossary ids


def test_the_bank_reader_skips_the_glossary_and_the_copy_is_clean(bank_copy):
    assert (bank_copy / "glossary.toml").is_file()
    assert lint_bank(bank_copy) == []
    assert all(s.source != "questions/glossary.toml" for s in read_bank(bank_copy).bank.sections)


def test_lint_reports_an_unknown_glossary_id_naming_the_file_and_the_question(bank_copy):
    replace_once(
        bank_copy / "00-identity.toml", 'glossary = ["regional-exclusion"]', 'glossary = ["regional-exclusoin"]'
    )
    [f] = lint_bank(bank_copy)
    assert (f.file, f.question, f.severity) == ("questions/00-identity.toml", "identity.modality", "error")
    assert "unknown glossary entry 'regional-exclusoin'" in f.message
    assert "did you mean 'regional-exclusion'" in f.message
    with pytest.raises(BankError, match="identity.modality: unknown glossary entry"):
        load_bank(bank_copy)


def test_an_unknown_id_in_the_template_is_reported_for_each_expanded_question(bank_copy):
    replace_once(bank_copy / "components.toml", 'glossary = ["gated-access"]', 'glossary = ["gated"]')
    found = lint_bank(bank_copy)
    assert len(found) == 17 and all("unknown glossary entry 'gated'" in f.message for f in found)
    assert {f.question for f in found} == {q.id for q in load_bank().questions if q.id.endswith(".access")}
    assert "(from template 'component' for model_parameters_final)" in found[0].message
    assert found[0].file == "questions/10-weights.toml"


def test_a_template_use_can_add_glossary_ids_to_every_expanded_question(bank_copy):
    replace_once(
        bank_copy / "20-code.toml",
        'component = "training_code"\n',
        'component = "training_code"\nglossary = ["fine-tune"]\n',
    )
    assert lint_bank(bank_copy) == []
    bank = load_bank(bank_copy)
    assert bank["components.training_code.released"].glossary == ("fine-tune",)
    assert bank["components.training_code.access"].glossary == ("gated-access", "fine-tune")
    assert bank["components.inference_code.released"].glossary == ()


def test_a_glossary_that_is_not_a_list_of_ids_is_reported(bank_copy):
    replace_once(bank_copy / "00-identity.toml", 'glossary = ["model-card"]', 'glossary = "model-card"')
    [f] = lint_bank(bank_copy)
    assert f.question == "identity.repository" and "'glossary' must be a list" in f.message


def test_the_glossary_file_problems_are_reported_when_an_id_is_missing(bank_copy):
    replace_once(bank_copy / "glossary.toml", 'id = "regional-exclusion"', 'id = "regional-exclusions"')
    replace_once(bank_copy / "glossary.toml", 'related = ["closed", "weights"]', 'related = ["closed", "weight"]')
    found = {(f.file, f.question): f.message for f in lint_bank(bank_copy)}
    assert "unknown glossary entry 'regional-exclusion'" in found[("questions/00-identity.toml", "identity.modality")]
    assert "'related' names 'weight'" in found[("questions/glossary.toml", "entry api-only")]


def test_a_bank_without_a_glossary_cannot_name_entries(bank_copy):
    (bank_copy / "glossary.toml").unlink()
    found = lint_bank(bank_copy)
    assert {f.question for f in found} >= {"identity.modality", "identity.repository"}
    assert all("no readable glossary.toml" in f.message for f in found)


def test_the_quick_id_scan_agrees_with_the_full_read():
    path = default_path()
    assert quick_glossary_ids(path.read_text(encoding="utf-8")) == read_glossary(path).ids
    ids = quick_glossary_ids("[[entry]]\nid='x' # a note\n[[entry]]\n  id = \"indented\"\n")
    assert "x" in ids and "indented" not in ids  # a miss only costs time: the full read then decides


def test_lint_reports_the_problems_of_a_glossary_file(tmp_path: Path) -> None:
    from tests.conftest import run

    bank = tmp_path / "bank"
    shutil.copytree(shipped_questions_dir(), bank)
    text = (bank / "glossary.toml").read_text(encoding="utf-8")
    (bank / "glossary.toml").write_text(
        text.replace('related = ["', 'related = ["no-such-entry", "', 1), encoding="utf-8"
    )
    result = run("lint", str(bank))
    assert result.returncode == 1
    assert "glossary.toml" in result.stdout and "no-such-entry" in result.stdout
    # a question naming an id the file lacks makes the bank's own check read the file too: said once
    identity = (bank / "00-identity.toml").read_text(encoding="utf-8")
    (bank / "00-identity.toml").write_text(
        identity.replace('glossary = ["model-card"]', 'glossary = ["model-cards"]'), encoding="utf-8"
    )
    result = run("lint", str(bank))
    assert "unknown glossary entry 'model-cards'" in result.stdout
    assert sum("no-such-entry" in line for line in result.stdout.splitlines()) == 1
