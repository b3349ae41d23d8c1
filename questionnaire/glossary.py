"""The glossary: the terms a workshop on AI model openness teaches, as data (`questions/glossary.toml`).

Core module: no Textual. `load_glossary()` reads, checks and caches the shipped glossary; a file that
cannot be used raises `UserError` with one plain message naming the file and the entry. A `Glossary`
finds entries by id, searches them (`search`), finds the terms a text uses (`terms_in`) and lists the
entries a question of the bank needs (`for_question`: the question's own `glossary` ids first, then the
terms found in its prompt and help text).

The file format is described in `questions/README.md`. `read_glossary(path)` reports every problem of a
file instead of the first; it is cached per file state, so that the bank linter (which reads the file only
when a question names an id its quick scan does not find) and the app parse it at most once per process.
Loading parses the TOML only; the regular expression of `terms_in` is compiled on its first use.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from questionnaire import resources
from questionnaire.errors import UserError

__all__ = [
    "ENTRY_KEYS",
    "FILE_NAME",
    "SHORT_LIMIT",
    "Entry",
    "Glossary",
    "GlossaryFile",
    "Problem",
    "default_path",
    "load_glossary",
    "read_glossary",
]

FILE_NAME = resources.GLOSSARY_FILE  # in the question bank folder; the bank reader skips it
ENTRY_KEYS = frozenset({"id", "term", "aliases", "short", "text", "related", "examples", "sources"})
REQUIRED_KEYS = ("id", "term", "short", "text")
LIST_KEYS = ("aliases", "related", "examples", "sources")
SHORT_LIMIT = 100
MAX_QUERY_LENGTH = 200  # the characters of a search that count (Glossary.search); the search field takes no more

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _fold(text: str) -> str:
    """Case-folded, with runs of spaces and hyphens as one space: 'Open-Weight' == 'open weight'."""
    return " ".join(text.casefold().replace("-", " ").split())


def _valid_id(text: str) -> bool:
    """Lower-case letters, digits and single hyphens inside: open-weight, mof-class-iii."""
    return bool(text) and _ID_CHARS.issuperset(text) and text[0] != "-" and text[-1] != "-" and "--" not in text


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One term: `text` is Markdown; `related` are entry ids, `examples` slugs of shipped examples."""

    id: str
    term: str
    aliases: tuple[str, ...]
    short: str
    text: str
    related: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases."""
        return (self.term, *self.aliases)


class Glossary:
    """The entries, sorted by term (case-insensitively), with search and term finding."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: (e.term.casefold(), e.id)))
        self.by_id: dict[str, Entry] = {e.id: e for e in self.entries}
        self._index: list[tuple[Entry, tuple[str, ...], str, str]] | None = None
        self._finder: tuple[re.Pattern[str], dict[str, str]] | None = None

    def __getitem__(self, entry_id: str) -> Entry:
        return self.by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.by_id

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    # ---------------------------------------------------------------- search
    def search(self, query: str) -> list[Entry]:
        """Entries matching `query`, best first; all entries for an empty query.

        Case-insensitive, and a hyphen matches a space ("open weight" finds open-weight). Every word of
        the query must occur somewhere in the entry (term, aliases, short line or text). Ranks: the query
        is a term or alias; a term or alias starts with it; contains it; every word is in the term or an
        alias; the words are found in the short line or the text. Within a rank, entries keep term order.
        Only the first MAX_QUERY_LENGTH characters of the query count: a pasted text of megabytes (in a
        workshop's browser, a stranger's) would otherwise be looked for word by word in every entry.
        """
        q = _fold((query if isinstance(query, str) else str(query))[:MAX_QUERY_LENGTH])
        if not q:
            return list(self.entries)
        words = list(dict.fromkeys(q.split()))  # each word looked for once
        ranked: list[tuple[int, int, Entry]] = []
        for position, (entry, names, joined, everything) in enumerate(self._search_index()):
            if not all(w in everything for w in words):
                continue
            if q in names:
                rank = 0
            elif any(n.startswith(q) for n in names):
                rank = 1
            elif q in joined:
                rank = 2
            elif all(w in joined for w in words):
                rank = 3
            else:
                rank = 4
            ranked.append((rank, position, entry))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [entry for _, _, entry in ranked]

    def _search_index(self) -> list[tuple[Entry, tuple[str, ...], str, str]]:
        if self._index is None:
            index = []
            for e in self.entries:
                names = tuple(dict.fromkeys(_fold(n) for n in (*e.names, e.id)))
                joined = "\n".join(names)
                index.append((e, names, joined, "\n".join((joined, _fold(e.short), _fold(e.text)))))
            self._index = index
        return self._index

    # ---------------------------------------------------------------- finding terms in texts
    def terms_in(self, text: str) -> list[str]:
        """Ids of the entries whose term or an alias occurs in `text`, in order of first occurrence.

        Whole words and phrases only ("closed" is not found in "disclosed"), case-insensitive, a hyphen
        matches a space, and a plural "s" is allowed ("checkpoints" finds the entry of "checkpoint"). Where
        names overlap the longest wins ("OSI-approved licence" rather than "OSI").
        """
        if not text:
            return []
        pattern, owner = self._term_finder()
        found: dict[str, None] = {}
        for m in pattern.finditer(text):
            key = _fold(m.group(0))
            entry_id = owner.get(key)
            if entry_id is None and key.endswith("s"):
                entry_id = owner.get(key[:-1])
            if entry_id is not None:
                found.setdefault(entry_id, None)
        return list(found)

    def _term_finder(self) -> tuple[re.Pattern[str], dict[str, str]]:
        if self._finder is None:
            owner: dict[str, str] = {}
            for e in self.entries:
                for name in e.names:
                    owner.setdefault(_fold(name), e.id)
            alternatives = sorted(
                (r"[\s\-]+".join(re.escape(part) for part in key.split(" ")) for key in owner if key),
                key=lambda a: (-len(a), a),
            )
            if alternatives:
                source = r"(?<![\w-])(?:" + "|".join(alternatives) + r")s?(?![\w-])"
            else:
                source = r"(?!x)x"  # matches nothing
            self._finder = (re.compile(source, re.IGNORECASE), owner)
        return self._finder

    # ---------------------------------------------------------------- questions
    def for_question(self, question: Any) -> list[Entry]:
        """The entries a question needs: its own `glossary` ids first (unknown ids are skipped; the linter
        reports them), then the terms found in its prompt and help text; no duplicates."""
        ids: dict[str, None] = {}
        for entry_id in getattr(question, "glossary", ()) or ():
            if entry_id in self.by_id:
                ids.setdefault(entry_id, None)
        text = "\n".join(str(getattr(question, attr, "") or "") for attr in ("prompt", "help"))
        for entry_id in self.terms_in(text):
            ids.setdefault(entry_id, None)
        return [self.by_id[i] for i in ids]


# --------------------------------------------------------------------------- reading and checking


class Problem(NamedTuple):
    """One problem of a glossary file; `entry` is the entry's id (or `#n`, its position), "" for the file."""

    entry: str
    message: str

    def __str__(self) -> str:
        return f"entry {self.entry}: {self.message}" if self.entry else self.message


class GlossaryFile(NamedTuple):
    """A glossary file as read: the glossary (None when there are problems), the ids it defines (also
    when there are problems, for the linter) and every problem found."""

    path: Path
    glossary: Glossary | None
    ids: frozenset[str]
    problems: tuple[Problem, ...]


def default_path() -> Path:
    """The glossary of the bank in use: `glossary.toml` in its folder (`resources.glossary_file`)."""
    return resources.glossary_file()


def read_glossary(path: Path | str) -> GlossaryFile:
    """Read and check a glossary file, reporting every problem. Cached per file state (size and mtime)."""
    p = Path(path)
    try:
        st = p.stat()
        key: tuple = (st.st_mtime_ns, st.st_size)
    except OSError:
        key = (None, None)
    return _read_cached(str(p.resolve()), *key)


@lru_cache(maxsize=8)
def _read_cached(path: str, _mtime: object, _size: object) -> GlossaryFile:
    return _Checker(Path(path)).read()


def load_glossary(path: Path | str | None = None) -> Glossary:
    """The glossary in `path` (default: the one of the bank in use; cached per file state, as
    `read_glossary`). Raises UserError naming the file and the entry when the file cannot be used."""
    return _load(Path(path) if path is not None else default_path())


def _load(path: Path) -> Glossary:
    read = read_glossary(path)
    if read.glossary is None:
        first = read.problems[0] if read.problems else Problem("", "the glossary cannot be used")
        more = len(read.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        raise UserError(f"{first}{suffix}", path=str(path))
    return read.glossary


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, entry: str, message: str) -> None:
        self.problems.append(Problem(entry, message))

    def read(self) -> GlossaryFile:
        data = self.parse()
        entries: list[Entry] = []
        ids: set[str] = set()
        if data is not None:
            entries, ids = self.check(data)
        ok = not self.problems
        return GlossaryFile(self.path, Glossary(entries) if ok else None, frozenset(ids), tuple(self.problems))

    def parse(self) -> dict | None:
        from questionnaire.sources import read_toml

        try:
            return read_toml(str(self.path))  # bounded: size, nesting and entries
        except UserError as exc:
            self.add("", exc.message)
            return None

    def check(self, data: dict) -> tuple[list[Entry], set[str]]:
        for key in data:
            if key != "entry":
                self.add("", f"unknown key '{key}' at the top of the file (the glossary holds [[entry]] tables)")
        raw_entries = data.get("entry")
        if raw_entries is None or raw_entries == []:
            self.add("", "the glossary has no [[entry]] tables")
            return [], set()
        if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
            self.add("", "entries must be written as [[entry]] tables")
            return [], set()

        first_id: dict[str, str] = {}  # id -> label of the entry that has it
        name_owner: dict[str, tuple[str, str]] = {}  # folded term or alias -> (entry label, name as written)
        pending: list[tuple[str, dict]] = []
        for number, raw in enumerate(raw_entries, start=1):
            eid = raw.get("id")
            label = eid if isinstance(eid, str) and eid.strip() else f"#{number}"
            for k in raw:
                if k not in ENTRY_KEYS:
                    self.add(label, f"unknown key '{k}' (expected: {', '.join(sorted(ENTRY_KEYS))})")
            bad = False
            for k in REQUIRED_KEYS:
                value = raw.get(k)
                if value is None:
                    self.add(label, f"'{k}' is missing")
                    bad = True
                elif not isinstance(value, str):
                    self.add(label, f"'{k}' must be a string")
                    bad = True
                elif not value.strip():
                    self.add(label, f"'{k}' is empty")
                    bad = True
            for k in LIST_KEYS:
                value = raw.get(k, [])
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    self.add(label, f"'{k}' must be a list of non-empty strings")
                    bad = True
            if isinstance(eid, str) and eid.strip():
                if not _valid_id(eid):
                    self.add(
                        label,
                        f"the id '{eid}' is not valid: use lower-case letters, digits and single "
                        "hyphens, e.g. open-weight",
                    )
                    bad = True
                elif eid in first_id:
                    self.add(label, f"duplicate id (entry {first_id[eid]} has it already)")
                    bad = True
                else:
                    first_id[eid] = label
            short = raw.get("short")
            if isinstance(short, str) and short.strip():
                short = short.strip()
                if "\n" in short:
                    self.add(label, "'short' must be one line")
                    bad = True
                elif len(short) > SHORT_LIMIT:
                    self.add(label, f"'short' is {len(short)} characters long; the limit is {SHORT_LIMIT}")
                    bad = True
            names = [raw.get("term")] + list(raw.get("aliases", []) if isinstance(raw.get("aliases"), list) else [])
            for name in names:
                if not isinstance(name, str) or not name.strip():
                    continue
                key = _fold(name)
                owner = name_owner.get(key)
                if owner is None:
                    name_owner[key] = (label, name)
                elif owner[0] != label:
                    self.add(label, f"the term or alias '{name}' is already used by entry {owner[0]} (as '{owner[1]}')")
                    bad = True
            sources = raw.get("sources", [])
            if isinstance(sources, list):
                for url in sources:
                    if isinstance(url, str) and not _is_https(url):
                        self.add(label, f"'sources' must be https:// addresses, not '{url}'")
                        bad = True
            examples = raw.get("examples", [])
            if isinstance(examples, list):
                for slug in examples:
                    if isinstance(slug, str) and slug.strip() and not _is_example(slug):
                        self.add(
                            label,
                            f"'examples' names '{slug}', which is not a shipped example "
                            "(`openness examples` lists them)",
                        )
                        bad = True
            if not bad:
                pending.append((label, raw))

        entries: list[Entry] = []
        for label, raw in pending:
            related = tuple(raw.get("related", []))
            ok = True
            for rid in related:
                if rid == raw["id"]:
                    self.add(label, "'related' names the entry itself")
                    ok = False
                elif rid not in first_id:
                    self.add(label, f"'related' names '{rid}', which is not an entry of the glossary")
                    ok = False
            if not ok:
                continue
            entries.append(
                Entry(
                    id=raw["id"],
                    term=raw["term"].strip(),
                    aliases=tuple(a.strip() for a in raw.get("aliases", [])),
                    short=raw["short"].strip(),
                    text=raw["text"].strip(),
                    related=related,
                    examples=tuple(raw.get("examples", [])),
                    sources=tuple(raw.get("sources", [])),
                )
            )
        return entries, set(first_id)


def _is_https(url: str) -> bool:
    if any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.netloc)


def _is_example(slug: str) -> bool:
    return f"{slug}.toml" in _example_files()  # a listed file name: no path separators, no tricks


@lru_cache(maxsize=1)
def _example_files() -> frozenset[str]:
    try:
        return frozenset(os.listdir(resources.EXAMPLES_DIR))
    except OSError:
        return frozenset()
