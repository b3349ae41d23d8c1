"""Reading the question bank: `questions/*.toml` into ordered sections and questions.

The bank is data written by people who edit content, not code. Every `*.toml` file in the bank folder
is read in file-name order, except `glossary.toml` (the glossary, read by `questionnaire.glossary`). A
file may hold

* one `[section]` (id, title, help) and its `[[question]]` entries, in the order they are asked;
* `[[template]]` entries: a named list of `[[template.question]]` with `{placeholders}`;
* `[components.<key>]` tables: what a template needs to know of one MOF component (name, help,
  mof_class, osaid).

A `[[question]]` entry with `template = "component"` and `component = "<key>"` stands for the
template's questions expanded for that component (`{key}`, `{name}`, `{Name}`, `{help}`, `{mot_name}`,
`{mof_class}`, `{osaid}` are replaced); an optional `when` on that entry is added to every expanded
question's condition. See `questions/README.md` for the full format.

`read_bank()` reads the bank and reports its structural problems as findings (cached per file state);
`lint.lint_bank` adds the checks of conditions and paths, and `bank.load_bank` refuses a bank with errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from questionnaire import components as _components
from questionnaire import resources, vocabulary
from questionnaire.bank_model import QUESTION_TYPES, Bank, Choice, Finding, Question, Section
from questionnaire.conditions import KEYWORDS, Condition, ConditionError, parse
from questionnaire.errors import UserError
from questionnaire.sources import read_toml

__all__ = ["ReadBank", "read_bank"]

FILE_KEYS = frozenset({"section", "question", "template", "components"})
SECTION_KEYS = frozenset({"id", "title", "help"})
QUESTION_KEYS = frozenset(
    {
        "id",
        "type",
        "prompt",
        "help",
        "choices",
        "required",
        "when",
        "placeholder",
        "example",
        "cite",
        "glossary",
        "yes_label",
        "yes_help",
        "no_label",
        "no_help",
    }
)
CHOICE_KEYS = frozenset({"value", "label", "help"})
USE_KEYS = frozenset({"template", "component", "with", "when", "glossary"})
NESTED_USE_KEYS = frozenset({"template", "with"})
TEMPLATE_KEYS = frozenset({"id", "description", "placeholders", "question"})
COMPONENT_KEYS = frozenset({"name", "mof_class", "osaid", "help", "access_help"})
OSAID_PARTS = ("Parameters", "Code", "Data Information", "optional")
PLACEHOLDERS = ("key", "name", "Name", "is", "mot_name", "help", "access_help", "mof_class", "osaid")

MAX_ID_LENGTH = 200  # characters of a question id (the shipped bank's longest has 65)
_ID = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_ROMAN = {1: "I", 2: "II", 3: "III"}


@dataclass
class ReadBank:
    """A bank as read, with its structural findings, and what the linter needs besides."""

    bank: Bank
    findings: list[Finding]
    broken_conditions: set[str] = field(default_factory=set)  # ids whose condition did not parse
    label: str = ""  # the folder's name, for findings
    lint_cache: dict = field(default_factory=dict)  # filled by lint.lint_bank


_CACHE: dict[tuple, ReadBank] = {}


def _signature(directory: Path) -> tuple:
    entries = []
    try:
        paths = sorted(directory.glob("*.toml"))
    except OSError:
        paths = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        entries.append((p.name, st.st_mtime_ns, st.st_size))
    return (str(directory), tuple(entries))


def read_bank(directory: Path | str | None = None) -> ReadBank:
    """Read the bank in `directory` (default: the one in use, `resources.questions_dir`) with its
    structural findings (no linting of conditions). Cached per file state."""
    directory = Path(directory) if directory is not None else resources.questions_dir()
    directory = directory.resolve()
    key = _signature(directory)
    cached = _CACHE.get(key)
    if cached is None:
        cached = _Reader(directory).read()
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = cached
    return cached


def _roman(n: object) -> str:
    return _ROMAN.get(n, str(n)) if isinstance(n, int) else str(n)


def _substitute(value: object, mapping: Mapping[str, str]) -> object:
    if isinstance(value, str):
        if "{" not in value:
            return value
        return _PLACEHOLDER.sub(lambda m: mapping.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_substitute(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, mapping) for k, v in value.items()}
    return value


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _nonempty_str(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _shown(text: str, limit: int = 120) -> str:
    """A text from the bank as a message quotes it: a long one cut short."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(raw: dict) -> str:
    """How findings name a question entry: its id (cut short), or ? when it has none."""
    qid = raw.get("id")
    return _shown(qid, 80) if isinstance(qid, str) else "?"


_TEMPLATE_NAME = "'template' must be the name of a template (a string)"


_GLOSSARY_SHAPE = '\'glossary\' must be a list of glossary entry ids, e.g. ["open-weight", "owd"]'


def _glossary_ids(value: object) -> bool:
    return isinstance(value, list) and all(_nonempty_str(v) for v in value)


class _Reader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.label = directory.name or str(directory)
        self.findings: list[Finding] = []
        # id -> (file, questions, the placeholders a `with` fills, or None for a component template)
        self.templates: dict[str, tuple[str, list[dict], tuple[str, ...] | None]] = {}
        self.components: dict[str, tuple[str, dict]] = {}  # key -> (file, table)
        self.broken_components: dict[str, str] = {}  # key -> file, for tables with errors
        self.questions: list[Question] = []
        self.first_defined: dict[str, str] = {}
        self.sections: list[Section] = []
        self.broken: set[str] = set()

    def file_label(self, path: Path) -> str:
        return f"{self.label}/{path.name}"

    def add(self, file: str, question: str, message: str, severity: str = "error") -> None:
        self.findings.append(Finding(file, question, message, severity))

    # ---------------------------------------------------------------- read
    def read(self) -> ReadBank:
        files: list[tuple[str, dict]] = []
        if not self.directory.is_dir():
            named = (
                f" (named by {resources.QUESTIONS_ENV})"
                if (resources.questions_from_env() is not None and self.directory == resources.questions_dir())
                else ""
            )
            self.add(self.label, "", f"the question bank directory {self.directory} does not exist{named}")
        else:
            paths = sorted(
                p for p in self.directory.glob("*.toml") if p.is_file() and p.name != resources.GLOSSARY_FILE
            )
            if not paths:
                self.add(self.label, "", "the question bank has no .toml files")
            for path in paths:
                label = self.file_label(path)
                try:
                    data = read_toml(str(path))  # bounded: size, nesting and entries
                except UserError as exc:
                    self.add(label, "", exc.message)
                    continue
                files.append((label, data))
                for key in data:
                    if key not in FILE_KEYS:
                        self.add(
                            label,
                            "",
                            f"unknown key '{key}' at the top of the file (expected: {', '.join(sorted(FILE_KEYS))})",
                        )
                self.collect_templates(label, data.get("template"))
                self.collect_components(label, data.get("components"))
        for label, data in files:
            self.read_section(label, data)
        bank = Bank(self.sections, self.questions, self.directory)
        self.check_tables()
        return ReadBank(bank, self.findings, self.broken, self.label)

    def check_tables(self) -> None:
        """On disk the answers nest by the dots of their ids: `identity.name` is `name` in `[identity]`. So
        no id may be the start of another (`a.b` is a value, then it cannot be the table of `a.b.c`)."""
        ids = {q.id: q for q in self.questions}
        for q in self.questions:
            parts = q.id.split(".")
            for end in range(1, len(parts)):
                value = ids.get(".".join(parts[:end]))
                if value is not None:
                    self.add(
                        q.source,
                        q.id,
                        f"the answers of '{value.id}' ({value.source}) and of this question "
                        f"cannot both be stored: '{value.id}' is an answer, so it cannot also "
                        "be the table that holds this one; rename one of them",
                    )

    # ---------------------------------------------------------------- templates and components
    def collect_templates(self, file: str, raw: object) -> None:
        if raw is None:
            return
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            self.add(file, "", "'template' must be written as [[template]] tables")
            return
        for t in raw:
            tid = t.get("id")
            if not _nonempty_str(tid):
                self.add(file, "", "a [[template]] has no id")
                continue
            for key in t:
                if key not in TEMPLATE_KEYS:
                    self.add(file, f"template {tid}", f"unknown key '{key}' in [[template]]")
            if "description" in t and not isinstance(t["description"], str):
                self.add(file, f"template {tid}", "'description' must be a string")
            if tid in self.templates:
                self.add(file, f"template {tid}", f"duplicate template id (first defined in {self.templates[tid][0]})")
                continue
            declared = t.get("placeholders")
            placeholders: tuple[str, ...] | None = None
            if declared is not None:
                if (
                    not isinstance(declared, list)
                    or not declared
                    or not all(isinstance(p, str) and re.fullmatch(r"[A-Za-z_]+", p) for p in declared)
                ):
                    self.add(
                        file, f"template {tid}", '\'placeholders\' must be a list of names, e.g. ["terms", "name"]'
                    )
                    declared = None
                else:
                    placeholders = tuple(declared)
            allowed = placeholders if placeholders is not None else PLACEHOLDERS
            questions = t.get("question", [])
            if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
                self.add(file, f"template {tid}", "questions of a template are [[template.question]] tables")
                continue
            if not questions:
                self.add(file, f"template {tid}", "the template has no [[template.question]]")
            ok: list[dict] = []
            for q in questions:
                label = _label(q)
                # an unknown placeholder stays as written (and breaks the id or the condition if it is there)
                for text in _strings(q):
                    for m in _PLACEHOLDER.finditer(text):
                        if m.group(1) not in allowed:
                            self.add(
                                file,
                                label if "template" not in q else f"template {tid}",
                                f"unknown placeholder {{{m.group(1)}}} (known: "
                                + ", ".join("{" + p + "}" for p in allowed)
                                + ")",
                            )
                if "template" in q:
                    if self.check_nested_use(file, str(tid), q, placeholders is not None):
                        ok.append(q)
                    continue
                if not self.check_shape(file, label, q):
                    ok.append(q)
            self.templates[tid] = (file, ok, placeholders)

    def check_nested_use(self, file: str, tid: str, use: dict, inside_placeholder_template: bool) -> bool:
        """A [[template.question]] that uses another template: `template` and `with` only, one level deep
        (a template that itself takes placeholders cannot use another). True when it can be expanded."""
        label = f"template {tid}"
        if inside_placeholder_template:
            self.add(file, label, "a template that takes placeholders cannot use another template")
            return False
        for k in use:
            if k not in NESTED_USE_KEYS:
                self.add(
                    file, label, f"unknown key '{k}' in a template use inside a template (expected: template, with)"
                )
        if not isinstance(use.get("template"), str):
            self.add(file, label, _TEMPLATE_NAME)
            return False
        if not isinstance(use.get("with"), dict):
            self.add(
                file, label, f"the use of template '{use.get('template')}' needs with = {{...}} (its placeholders)"
            )
            return False
        return True

    def collect_components(self, file: str, raw: object) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.add(file, "", "'components' must be written as [components.<key>] tables")
            return
        for key, table in raw.items():
            label = f"components.{key}"
            if not isinstance(table, dict):
                self.add(file, label, "must be a table: [components.<key>]")
                continue
            comp = _components.BY_KEY.get(key)
            if comp is None:
                self.add(file, label, f"'{key}' is not one of the 17 MOF components (see questionnaire/components.py)")
                continue
            if key in self.components:
                self.add(file, label, f"defined twice (first in {self.components[key][0]})")
                continue
            bad = False
            for k in table:
                if k not in COMPONENT_KEYS:
                    self.add(file, label, f"unknown key '{k}' (expected: {', '.join(sorted(COMPONENT_KEYS))})")
                    bad = True
            for k in ("name", "help"):
                if not _nonempty_str(table.get(k)):
                    self.add(file, label, f"'{k}' is missing or empty")
                    bad = True
            if "access_help" in table and not isinstance(table["access_help"], str):
                self.add(file, label, "'access_help' must be a string")
                bad = True
            mof_class = table.get("mof_class")
            if mof_class != comp.mof_class or isinstance(mof_class, bool):
                self.add(
                    file,
                    label,
                    f"mof_class is {mof_class!r} but the MOF puts {comp.mot_name} in class {comp.mof_class}",
                )
                bad = True
            if table.get("osaid") not in OSAID_PARTS:
                self.add(file, label, f"osaid must be one of: {', '.join(repr(p) for p in OSAID_PARTS)}")
                bad = True
            if bad:
                self.broken_components[key] = file
            else:
                self.components[key] = (file, table)

    # ---------------------------------------------------------------- sections and questions
    def read_section(self, file: str, data: dict) -> None:
        raw_section = data.get("section")
        raw_questions = data.get("question", [])
        if not isinstance(raw_questions, list) or not all(isinstance(q, dict) for q in raw_questions):
            self.add(file, "", "questions must be written as [[question]] tables")
            raw_questions = []
        if raw_section is None:
            if raw_questions:
                self.add(file, "", "the file has questions but no [section]")
            return
        if not isinstance(raw_section, dict):
            self.add(file, "", "'section' must be a single [section] table (one section per file)")
            return
        sid = raw_section.get("id")
        for k in raw_section:
            if k not in SECTION_KEYS:
                self.add(file, f"section {sid}", f"unknown key '{k}' in [section] (expected: id, title, help)")
        if not isinstance(sid, str) or not _ID.match(sid):
            self.add(file, "", "the [section] needs an id (lower case letters, digits, _)")
            return
        for k in ("title", "help"):
            if not _nonempty_str(raw_section.get(k)):
                self.add(file, f"section {sid}", f"the section's '{k}' is missing or empty")
        if any(s.id == sid for s in self.sections):
            other = next(s.source for s in self.sections if s.id == sid)
            self.add(file, f"section {sid}", f"duplicate section id (first defined in {other})")
            return
        ids: list[str] = []
        for raw in raw_questions:
            if "template" in raw:
                ids.extend(self.expand(file, sid, raw))
            else:
                label = _label(raw)
                if self.check_shape(file, label, raw):
                    continue
                q = self.make_question(file, sid, raw)
                if q is not None:
                    ids.append(q.id)
        self.sections.append(
            Section(
                sid,
                str(raw_section.get("title", "")).strip(),
                str(raw_section.get("help", "")).strip(),
                tuple(ids),
                file,
            )
        )

    def expand(self, file: str, section: str, use: dict) -> list[str]:
        tid = use.get("template")
        key = use.get("component")
        label = f"template {_shown(str(tid), 80)}" + (f" for {_shown(key, 80)}" if isinstance(key, str) else "")
        for k in use:
            if k not in USE_KEYS:
                self.add(
                    file, label, f"unknown key '{k}' (a template use takes: template, component, with, when, glossary)"
                )
        if not isinstance(tid, str):
            self.add(file, label, _TEMPLATE_NAME)
            return []
        if tid not in self.templates:
            known = ", ".join(sorted(self.templates)) or "none defined"
            self.add(file, label, f"unknown template '{_shown(tid, 80)}' (known: {known})")
            return []
        extra_when = use.get("when")
        if extra_when is not None and not isinstance(extra_when, str):
            self.add(file, label, "'when' must be a string")
            extra_when = None
        extra_glossary = use.get("glossary", [])
        if not _glossary_ids(extra_glossary):
            self.add(file, label, _GLOSSARY_SHAPE)
            extra_glossary = []
        if self.templates[tid][2] is not None:  # a template with placeholders: filled by `with`
            if key is not None:
                self.add(file, label, f"template '{tid}' takes with = {{...}}, not a component")
                return []
            mapping = self.with_mapping(file, label, str(tid), use.get("with"))
            if mapping is None:
                return []
            key = None
        else:
            if "with" in use:
                self.add(
                    file, label, f"template '{tid}' is a component template: it takes component = \"<key>\", not with"
                )
            mapping = self.component_mapping(file, label, key)
            if mapping is None:
                return []
        when = extra_when.strip() if extra_when and extra_when.strip() else None
        return self.expand_questions(file, section, str(tid), mapping, when, extra_glossary, str(tid), key)

    def component_mapping(self, file: str, label: str, key: object) -> dict[str, str] | None:
        """The placeholders of a component template for one component, or None (reported) when unusable."""
        if not isinstance(key, str) or not key:
            self.add(file, label, 'a template use needs component = "<key>"')
            return None
        if key not in self.components:
            if key in self.broken_components:
                self.add(
                    file,
                    label,
                    f"not expanded: the [components.{key}] table in {self.broken_components[key]} has errors",
                )
            elif key not in _components.BY_KEY:
                self.add(file, label, f"'{_shown(key, 80)}' is not one of the 17 MOF components")
            else:
                self.add(file, label, f"no [components.{key}] table describes this component")
            return None
        comp = _components.BY_KEY[key]
        table = self.components[key][1]
        name = table["name"].strip()
        return {
            "key": key,
            "name": name,
            "Name": name[:1].upper() + name[1:],
            "is": vocabulary.is_(key),  # "are" for a component named in the plural
            "mot_name": comp.mot_name,
            "help": table["help"].strip(),
            "access_help": str(table.get("access_help", "")).strip(),
            "mof_class": _roman(table["mof_class"]),
            "osaid": table["osaid"],
        }

    def with_mapping(self, file: str, label: str, tid: str, values: object) -> dict[str, str] | None:
        """The `with` table of a use of a template with placeholders, checked against them."""
        placeholders = self.templates[tid][2] or ()
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            self.add(
                file, label, f"template '{tid}' needs with = {{...}}: a string for each of " + ", ".join(placeholders)
            )
            return None
        missing = [p for p in placeholders if p not in values]
        unknown = [k for k in values if k not in placeholders]
        if missing or unknown:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
                [f"unknown {', '.join(unknown)}"] if unknown else []
            )
            self.add(
                file,
                label,
                f"the with table of template '{tid}' does not fit its placeholders "
                f"({'; '.join(parts)}; expected: {', '.join(placeholders)})",
            )
            return None
        return {k: str(v) for k, v in values.items()}

    def expand_questions(
        self,
        file: str,
        section: str,
        tid: str,
        mapping: dict[str, str],
        when: str | None,
        glossary: list[str],
        origin: str,
        component: str | None,
    ) -> list[str]:
        """The questions of template `tid` with the placeholders filled; a template use inside a component
        template is expanded in place (its `with` values filled first). The questions keep the outer
        template and component as their origin."""
        ids: list[str] = []
        for tq in self.templates[tid][1]:
            raw = _substitute(tq, mapping)
            assert isinstance(raw, dict)
            if "template" in raw:
                inner = raw["template"]
                label = f"template {tid}" + (f" for {component}" if component else "")
                if inner not in self.templates or self.templates[inner][2] is None:
                    self.add(file, label, f"uses template '{inner}', which is not a template with placeholders")
                    continue
                inner_mapping = self.with_mapping(file, label, str(inner), raw.get("with"))
                if inner_mapping is not None:
                    ids += self.expand_questions(
                        file, section, str(inner), inner_mapping, when, glossary, origin, component
                    )
                continue
            if when:
                own = raw.get("when")
                raw["when"] = f"({when}) and ({own.strip()})" if _nonempty_str(own) else when
            if glossary:
                own_glossary = raw.get("glossary", [])  # a wrong one is reported already (check_shape)
                raw["glossary"] = [*(own_glossary if _glossary_ids(own_glossary) else []), *glossary]
            q = self.make_question(file, section, raw, template=origin, component=component)
            if q is not None:
                ids.append(q.id)
        return ids

    def check_shape(self, file: str, label: str, raw: dict) -> bool:
        """Report what makes a question entry unusable; True when it cannot be built."""
        bad = False
        for k in raw:
            if k not in QUESTION_KEYS:
                self.add(file, label, f"unknown key '{k}' (expected: {', '.join(sorted(QUESTION_KEYS))})")
        qid = raw.get("id")
        if not isinstance(qid, str) or not qid:
            self.add(file, label, "the question has no id")
            bad = True
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            self.add(file, label, f"unknown type {qtype!r} (expected: {', '.join(QUESTION_TYPES)})")
            bad = True
        for k in ("prompt", "help"):
            if not _nonempty_str(raw.get(k)):
                self.add(file, label, f"'{k}' is missing or empty")
        if "required" in raw and not isinstance(raw["required"], bool):
            self.add(file, label, "'required' must be true or false")
        for k in ("when", "placeholder", "example", "yes_label", "yes_help", "no_label", "no_help"):
            if k in raw and not isinstance(raw[k], str):
                self.add(file, label, f"'{k}' must be a string")
        cite = raw.get("cite", [])
        if not isinstance(cite, list) or not all(_nonempty_str(c) for c in cite):
            self.add(file, label, '\'cite\' must be a list of framework names, e.g. ["OSAID 1.0", "OWD"]')
        if not _glossary_ids(raw.get("glossary", [])):
            self.add(file, label, _GLOSSARY_SHAPE)
        if qtype == "choice":
            choices = raw.get("choices")
            if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
                self.add(file, label, "a choice question needs [[question.choices]] tables (value, label, help)")
            else:
                if len(choices) < 2:
                    self.add(file, label, "a choice question needs at least two choices")
                seen: set[object] = set()
                for c in choices:
                    value = c.get("value")
                    clabel = f"{label} (choice {_shown(repr(value), 80)})"
                    for k in c:
                        if k not in CHOICE_KEYS:
                            self.add(file, clabel, f"unknown key '{k}' in a choice (expected: value, label, help)")
                    if not _nonempty_str(value):
                        self.add(file, clabel, "a choice needs a value (a string)")
                    elif value in seen:
                        self.add(file, clabel, "duplicate choice value")
                    else:
                        seen.add(value)
                    for k in ("label", "help"):
                        if not _nonempty_str(c.get(k)):
                            self.add(file, clabel, f"the choice's '{k}' is missing or empty")
        elif "choices" in raw:
            self.add(file, label, f"only choice questions have choices (this one is {qtype!r})")
        if qtype == "bool":
            for k in ("yes_help", "no_help"):
                if not _nonempty_str(raw.get(k)):
                    self.add(file, label, f"a yes/no question needs '{k}' (what each answer means)")
        else:
            for k in ("yes_label", "yes_help", "no_label", "no_help"):
                if k in raw:
                    self.add(file, label, f"'{k}' is only for yes/no (bool) questions")
        return bad

    def make_question(
        self,
        file: str,
        section: str,
        raw: dict,
        *,
        template: str | None = None,
        component: str | None = None,
    ) -> Question | None:
        qid = raw["id"]
        origin = f" (from template '{template}' for {component})" if template else ""
        if len(qid) > MAX_ID_LENGTH:  # before the pattern and the tables, whose work grows with it
            self.add(
                file,
                _shown(qid, 80),
                f"the question id is too long{origin} ({len(qid)} characters; at most {MAX_ID_LENGTH})",
            )
            return None
        if not _ID.match(qid) or qid in KEYWORDS:
            self.add(
                file,
                qid,
                f"invalid question id{origin}: use lower-case names joined by dots, e.g. identity.name",
            )
            return None
        if qid in self.first_defined:
            self.add(file, qid, f"duplicate question id{origin} (first defined in {self.first_defined[qid]})")
            return None
        self.first_defined[qid] = file
        qtype = raw["type"]
        choices: tuple[Choice, ...] = ()
        if qtype == "choice" and isinstance(raw.get("choices"), list):
            choices = tuple(
                Choice(
                    str(c.get("value", "")),
                    str(c.get("label", "")).strip(),
                    str(c.get("help", "")).strip(),
                )
                for c in raw["choices"]
                if isinstance(c, dict) and isinstance(c.get("value", ""), str)  # a wrong one is reported
            )
        elif qtype == "bool":
            choices = (
                Choice(True, str(raw.get("yes_label", "Yes")).strip(), str(raw.get("yes_help", "")).strip()),
                Choice(False, str(raw.get("no_label", "No")).strip(), str(raw.get("no_help", "")).strip()),
            )
        when = raw.get("when")
        condition: Condition | None = None
        if isinstance(when, str) and when.strip():
            when = when.strip()
            try:
                condition = parse(when)
            except ConditionError as exc:
                self.add(file, qid, f"the condition 'when = {_shown(when)!r}' does not parse{origin}: {exc}")
                self.broken.add(qid)
        else:
            when = None
        cite = raw.get("cite", [])
        glossary = raw.get("glossary", [])
        q = Question(
            id=qid,
            section=section,
            type=qtype,
            prompt=str(raw.get("prompt", "")).strip(),
            help=str(raw.get("help", "")).strip(),
            choices=choices,
            required=bool(raw.get("required", False)) if isinstance(raw.get("required"), bool) else False,
            condition=condition,
            when=when,
            cite=tuple(str(c) for c in cite) if isinstance(cite, list) else (),
            source=file,
            placeholder=raw.get("placeholder") if isinstance(raw.get("placeholder"), str) else None,
            example=raw.get("example") if isinstance(raw.get("example"), str) else None,
            template=template,
            component=component,
            glossary=tuple(dict.fromkeys(g.strip() for g in glossary)) if _glossary_ids(glossary) else (),
        )
        self.questions.append(q)
        return q
