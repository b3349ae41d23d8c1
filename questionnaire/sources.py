"""Reading input files safely: every problem becomes one plain UserError that names the file, fast and
with bounded memory, whatever the file holds.

- Only regular files are read. A FIFO, a device, a socket or a folder (or a link to one, such as
  /dev/stdin or /dev/zero) is refused from its `stat`, before it is opened; the file is then opened
  without blocking and checked again on the open descriptor, so that one swapped in meanwhile is
  refused too rather than waited on.
- At most `MAX_BYTES` are read, even from a file that grows while it is read.
- UTF-16 and UTF-32 (told by their byte order mark) and other binary files are refused by name.
- Before a parser sees the text, a cheap scan bounds how deeply it nests (arrays, tables and dotted
  keys: `MAX_DEPTH`) and how many entries it has (`MAX_ENTRIES`), so that a small hostile file cannot
  make the parser recurse until it crashes or build a tree that fills the memory.
- A parser's own failures (syntax, a number with thousands of digits, a date that does not exist) are
  one line too.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from itertools import accumulate
from typing import Any

from questionnaire.errors import UserError
from questionnaire.text import REMEMBERED_LENGTH

MAX_BYTES = 5 * 1024 * 1024
MAX_YAML_ALIASES = 100
MAX_DEPTH = 32  # arrays, tables and dotted-key parts inside one another (a declaration needs 5)
MAX_ENTRIES = 100_000  # keys, array items and list items (a declaration has about 400)

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _not_a_file(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file"


def _too_large(size: int) -> str:
    return f"is too large ({size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB)"


# The kernel's own file systems: their files show as regular files (of size 0 or 4096), and reading one may block,
# consume what it holds (/proc/kmsg) or report on the machine. Never a declaration, a record or a card.
_KERNEL_FOLDERS = ("/proc", "/sys")


def kernel_file(path: str) -> bool:
    """The path is (or leads to) a file or folder of the kernel's /proc or /sys."""
    return _in_kernel_folders(os.path.realpath(path))


def _in_kernel_folders(real: str) -> bool:
    return any(real == folder or real.startswith(folder + "/") for folder in _KERNEL_FOLDERS)


_HANDLE_NAMES = "/proc/self/fd"  # Linux: each open handle of the process, as a link to the file it holds


def _kernel_handle(handle: int, path: str) -> bool:
    """The file open at `handle` is one of the kernel's /proc or /sys. Where Linux names what a handle holds
    (/proc/self/fd), by that name: the file that was opened, whatever its path's links were changed to after
    the stat, and in one system call, not a stat of each folder on the way as `realpath` makes."""
    try:
        real = os.readlink(f"{_HANDLE_NAMES}/{handle}")
    except OSError:  # no /proc (another system, or a container without it)
        real = os.path.realpath(path)
    return _in_kernel_folders(real)


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES, or a UserError that says why not."""
    try:
        info = os.stat(path)
        problem = _not_a_file(info.st_mode)
        if problem:
            raise UserError(problem, path=path)
        handle = os.open(path, _OPEN_FLAGS)  # (opening a kernel file does nothing: reading one may)
        try:
            info = os.fstat(handle)
            problem = _not_a_file(info.st_mode)  # swapped for something else since the stat
            if problem:
                raise UserError(problem, path=path)
            if _kernel_handle(handle, path):
                raise UserError("is a file of the kernel's /proc or /sys, not a regular file", path=path)
            if info.st_size > MAX_BYTES:
                raise UserError(_too_large(info.st_size), path=path)
            chunks, left = [], MAX_BYTES + 1
            while left > 0:
                chunk = os.read(handle, min(left, 1024 * 1024))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(handle)
    except FileNotFoundError:
        raise UserError("no such file", path=path) from None
    except PermissionError:
        raise UserError("permission denied", path=path) from None
    except OSError as error:
        raise UserError(f"cannot be read ({error.strerror or error})", path=path) from None
    except ValueError:  # a NUL character in the path
        raise UserError("cannot be read (the path holds a NUL character)", path=path) from None
    data = b"".join(chunks)
    if len(data) > MAX_BYTES:  # it grew while it was read
        raise UserError(_too_large(len(data)), path=path)
    return data


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a UTF-8 byte order mark is allowed), or a UserError naming what the bytes are."""
    if not data.strip():
        raise UserError("is empty", path=path)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise UserError("is UTF-32 text, which is not supported; save it as UTF-8", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("is UTF-16 text, which is not supported; save it as UTF-8", path=path)
    if b"\x00" in data:
        raise UserError("is a binary file, not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})", path=path
        ) from None


def read_text(path: str) -> str:
    """The file's text, or a UserError that says why it cannot be read."""
    return decode(read_bytes(path), path)


# ---------------------------------------------------------------- bounding the structure before parsing

# TOML strings and comments, left to right as the parser reads them, so that brackets, dots, commas, quotes
# and "#" inside them are not counted: a multi-line string ends at the first three quotes not escaped (in a
# basic one) with up to two more quotes of its content right before them ('''a'''' is "a'"); a single-line
# one at its closing quote or at the end of its line. An unclosed multi-line string runs to the end of the
# text, where the parser stops too. No quote or "#" outside a string or a comment is valid TOML.
_TOML_SKIP = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?:"{3,5}|\Z)'
    r"|'''(?:[^']++|'(?!''))*+(?:'{3,5}|\Z)"
    r'|"(?:[^"\\\n]++|\\.)*+"?'
    r"|'[^'\n]*+'?"
    r"|#[^\n]*+"
)
_KEY_PART = r'(?:[A-Za-z0-9_-]++|"")'
_DEEP_DOTTED_KEY = re.compile(rf"(?<![A-Za-z0-9_-]){_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_DEPTH},}}")
_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# In YAML a quote, "#" or bracket means one thing or another by where it stands (a plain scalar, a block
# scalar, a flow collection...): a text that could pass a limit is told by libyaml's own scanner.
_YAML_ENTRY_MARKS = (":", ",", "-", "?", "[", "{", "...")  # each entry `_yaml_structure` counts has its own
_TOKENS_PER_ENTRY = 5


def _bracket_depth(text: str) -> int:
    brackets = _BRACKETS.sub("", text)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _yaml_structure(text: str) -> tuple[int, int]:
    """(flow depth, entries) of a YAML text as the parser reads it, each counted only until it passes its
    limit: the tokens of the loader's own scanner, so that quoted and block scalars and comments are what
    the parser takes them for. Entries are keys (`:`, `?`), `- `, `,`, lists and maps, and `---` and `...`
    (documents); and at least a fifth of all the tokens (`k: &a !t v` has six), so that a text of tokens
    the parser refuses at once (`"a" "b" "c"...`, `: : :`) is not scanned for seconds. A text the scanner
    refuses is counted up to where it stops, where the parser stops too, and says why."""
    import yaml

    steps = dict.fromkeys((yaml.KeyToken, yaml.BlockEntryToken, yaml.FlowEntryToken), 0)
    steps |= dict.fromkeys((yaml.DocumentStartToken, yaml.DocumentEndToken), 0)
    steps |= dict.fromkeys((yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken), 1)  # `[[[1]]]`: no comma
    steps |= dict.fromkeys((yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken), -1)
    most_tokens = _TOKENS_PER_ENTRY * MAX_ENTRIES
    depth = entries = tokens = 0
    try:
        for tokens, token in enumerate(yaml.scan(text, Loader=_yaml_loader()), 1):
            step = steps.get(type(token))
            if step is None:  # a scalar, `:`, an anchor, a tag...
                if tokens > most_tokens:
                    break
            elif step >= 0:  # an entry, maybe a list or a map
                depth += step
                entries += 1
                if depth > MAX_DEPTH or entries > MAX_ENTRIES:
                    break
            else:
                depth -= 1
    except yaml.YAMLError:
        pass
    return depth, max(entries, -(-tokens // _TOKENS_PER_ENTRY))  # rounded up: past the limit with the tokens


def structure_problem(text: str, syntax: str) -> str | None:
    """What makes the text too deep or too big to parse (`syntax` "toml" or "yaml"), or None, told before
    any parsing. TOML: from a scan of its characters, quoted strings and comments set aside as the parser
    reads them. YAML: a text with fewer characters than the limit of entries and fewer brackets than the
    limit of depth cannot pass them (a MOT record has about 5 kB and no bracket); any other is scanned by
    libyaml's scanner, which stops as soon as a limit is passed."""
    if syntax == "toml":
        code = _TOML_SKIP.sub('""', text)
        dotted = _DEEP_DOTTED_KEY.search(code)
        if dotted is not None:
            line = code.count("\n", 0, dotted.start()) + 1
            return f"has a dotted key of more than {MAX_DEPTH} parts (line {line}); at most {MAX_DEPTH} are accepted"
        entries = code.count("=") + code.count(",") + code.count("[[")
        # fewer opening brackets than the limit cannot nest past it (two counts in C; the depth's scan is slower)
        deep = code.count("[") + code.count("{") > MAX_DEPTH and _bracket_depth(code) > MAX_DEPTH
    else:
        # counts in C that bound what the scanner would count, quoted text, comments and all
        maybe_deep = text.count("[") + text.count("{") > MAX_DEPTH
        maybe_many = len(text) > MAX_ENTRIES and sum(map(text.count, _YAML_ENTRY_MARKS)) > MAX_ENTRIES
        depth, entries = _yaml_structure(text) if maybe_deep or maybe_many else (0, 0)
        deep = depth > MAX_DEPTH
    if deep:
        return f"nests arrays or tables more than {MAX_DEPTH} deep; at most {MAX_DEPTH} levels are accepted"
    if entries > MAX_ENTRIES:
        return f"has too many entries (about {entries:,}; at most {MAX_ENTRIES:,} are accepted)"
    return None


def check_structure(text: str, path: str, syntax: str) -> None:
    """UserError naming the file when `structure_problem` finds one."""
    problem = structure_problem(text, syntax)
    if problem is not None:
        raise UserError(problem, path=path)


def readable_problem(text: str, syntax: str) -> str | None:
    """Why `read_text` and the parser would refuse this text once written, or None: for writers, so that
    nothing is written that openness cannot read back."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return _too_large(size)
    return structure_problem(text, syntax)


def _value_problem(error: ValueError) -> str:
    message = str(error)
    if "integer string conversion" in message:
        return "a number has too many digits"
    return message.split("\n")[0]


def parse_toml(text: str, path: str) -> dict[str, Any]:
    import tomllib

    check_structure(text, path, "toml")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"is not valid TOML ({error})", path=path) from None
    except ValueError as error:
        raise UserError(f"is not valid TOML ({_value_problem(error)})", path=path) from None
    except RecursionError:
        raise UserError("is not valid TOML (nested too deeply)", path=path) from None


def read_toml(path: str) -> dict[str, Any]:
    """A TOML file's table, read and parsed as above: UserError for anything wrong."""
    return parse_toml(read_text(path), path)


_YAML_TAG = "tag:yaml.org,2002:"
_PLAIN_KEY_TAGS = frozenset(_YAML_TAG + tag for tag in ("str", "int", "float", "bool", "null"))


class _NotPlain(Exception):
    """A YAML node the quick construction leaves to PyYAML's own."""


_RESOLVED_MAX = 4096  # plain scalars whose tag is remembered, short ones (keys and short values recur in every record)


@lru_cache(maxsize=1)
def _yaml_loader() -> Any:
    """PyYAML's safe loader (libyaml's when there is one) with its resolver made cheaper, the tags unchanged:
    a plain scalar's tag depends on its text alone (the safe loader has no path resolvers), so it is
    remembered for short texts, and the per-node hooks of path resolvers, which do nothing without any, are
    not called."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if base.yaml_path_resolvers:  # someone added path resolvers: the tag depends on the path too
        return base
    resolve = base.resolve
    resolved: dict[tuple[Any, str, Any], str] = {}

    class Loader(base):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if type(value) is not str or len(value) > 64:
                return resolve(self, kind, value, implicit)
            key = (kind, value, implicit)
            tag = resolved.get(key)
            if tag is None:
                tag = resolve(self, kind, value, implicit)
                if len(resolved) < _RESOLVED_MAX:
                    resolved[key] = tag
            return tag

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    return Loader


def _load_yaml(text: str, loader_class: Any) -> Any:
    """`yaml.load(text, Loader=loader_class)`, the same value built faster: libyaml parses the text into its
    nodes, and plain maps, lists and strings (most of a MOT record) are built here in one pass rather than by
    PyYAML's generic constructor; every other scalar (numbers, booleans, dates...) is built by the
    constructor itself. A text with aliases, or a node of any other kind (a merge key, an explicit tag, a
    set), is built by PyYAML's constructor from the same nodes, as `yaml.load` builds it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" not in text:  # no aliases: no node is shared, so none needs building once only
            try:
                return _construct(node, loader)
            except _NotPlain:
                pass
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _construct(node: Any, loader: Any) -> Any:
    import yaml

    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        if tag == _YAML_TAG + "str":
            return node.value
        if tag in _PLAIN_KEY_TAGS:  # int, float, bool, null: their constructor, as construct_object calls it
            return loader.yaml_constructors[tag](loader, node)
        return loader.construct_object(node, deep=True)
    if kind is yaml.SequenceNode and tag == _YAML_TAG + "seq":
        return [_construct(item, loader) for item in node.value]
    if kind is yaml.MappingNode and tag == _YAML_TAG + "map":
        mapping = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _PLAIN_KEY_TAGS:
                raise _NotPlain  # a merge key (<<), '=', a list or map as a key: PyYAML's rules
            mapping[_construct(key_node, loader)] = _construct(value_node, loader)
        return mapping
    raise _NotPlain


# ---------------------------------------------------------------- the plain block YAML of a MOT record, read directly

# A MOT record is written by one dumper, in a small part of YAML: block maps of plain keys, lists whose "-"
# stands alone above its map, and scalars each on one line: 'single-quoted', "double-quoted" without
# escapes, plain words, and {  } for an empty map. Such a text is read here, line by line, in a fraction of
# libyaml's time; anything else (a comment, a tab, a number, a multi-line scalar, non-ASCII text outside
# quotes...) is left to PyYAML, as is a plain scalar PyYAML would read as anything but text (the loader's own
# resolver says).
# Each line of the text, blank ones included: its indentation, and "key:" with its value or a lone "-".
_SIMPLE_LINE = re.compile(r"( *)(?:([A-Za-z_][A-Za-z0-9_]{0,127}):(?: (.+))?|(-))?")  # YAML caps keys
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
_EMPTY_FLOW_MAP = re.compile(r"\{ *\}")
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()+@=~-]*")
_STR_TAG = _YAML_TAG + "str"
_SIMPLE_DEPTH = 16  # maps and lists inside one another (a MOT record has 4)


def _simple_yaml(text: str, loader_class: Any) -> Any:
    """The value of a text in the plain block YAML above, as PyYAML reads it; _NotPlain for any other."""
    if loader_class.yaml_path_resolvers:  # with path resolvers, the tag varies
        raise _NotPlain
    lines = _simple_lines(text)
    if not lines or lines[0][0] != 0 or lines[0][3]:
        raise _NotPlain
    lines.append((-1, "", "", ""))  # the end: less indented than any line
    words = (_plain_words(loader_class), loader_class)
    value, end = _simple_map(lines, 0, 0, words, 0)
    if end != len(lines) - 1:
        raise _NotPlain
    return value


# Each line read so far, to what `_simple_line` made of it: the records of a batch repeat most of their lines
# (273 MOT records: 991 distinct lines of 11,910), and what a line says depends on nothing else. Short lines
# only, and a bounded number of them, so that the memory they take stays small whatever the files hold.
_LINES: dict[str, tuple] = {}
_LINES_MAX = 4096


def _simple_lines(text: str) -> list[tuple]:
    """The lines of the text that hold a key or a lone "-", each as (indentation, key, value, dash);
    _NotPlain when a line is none of these (see `_simple_line`). Lines already read are looked up, in C."""
    split = text.split("\n")
    lines = list(map(_LINES.get, split))
    if None in lines:
        lines = [_simple_line(line) if known is None else known for line, known in zip(split, lines, strict=True)]
    return list(filter(None, lines))


def _simple_line(line: str) -> tuple:
    """(indentation, key, value, dash) of a line with a key or a lone "-", or () for a blank one; _NotPlain
    for a line that is neither, or that holds a tab or a control character, or ends in a space. Characters
    beyond ASCII only inside a quoted value (printable ones: never a line break or a space to YAML, which
    reads them as they are there; `_simple_scalar` checks the quotes)."""
    found = _SIMPLE_LINE.fullmatch(line) if line.isprintable() and not line.endswith(" ") else None
    if found is None:
        raise _NotPlain
    indent, key, value, dash = found.groups("")
    if not line.isascii() and not value.startswith(("'", '"')):
        raise _NotPlain
    parsed = (len(indent), key, value, dash) if key or dash else ()
    if len(_LINES) < _LINES_MAX and len(line) <= REMEMBERED_LENGTH:
        _LINES[line] = parsed
    return parsed


@lru_cache(maxsize=1)
def _plain_words(loader_class: Any) -> dict[str, bool]:
    """Whether the loader's resolver reads a plain word as text, remembered word by word as they come."""
    return {}


@lru_cache(maxsize=1)
def _resolver(loader_class: Any) -> Any:
    return loader_class("")  # a loader made once, for its resolver (no path resolvers: see _yaml_loader)


def _is_text(word: str, words: dict[str, bool], loader_class: Any) -> bool:
    known = words.get(word)
    if known is None:
        import yaml

        known = _resolver(loader_class).resolve(yaml.ScalarNode, word, (True, False)) == _STR_TAG
        if len(words) < _RESOLVED_MAX and len(word) <= REMEMBERED_LENGTH:
            words[word] = known
    return known


def _simple_map(lines: list, index: int, indent: int, words: tuple, depth: int) -> tuple[dict[str, Any], int]:
    if depth > _SIMPLE_DEPTH:
        raise _NotPlain
    mapping: dict[str, Any] = {}
    level, key, value, dash = lines[index]
    while level >= indent:
        if level > indent or dash or not words[0].get(key) and not _is_text(key, *words):
            raise _NotPlain
        index += 1
        following = lines[index]
        if value:
            if following[0] > indent:  # a scalar with more below it: an error, or a multi-line scalar
                raise _NotPlain
            mapping[key] = _simple_scalar(value, words)
        elif following[0] <= indent:  # "key:" and nothing below: null
            raise _NotPlain
        elif following[3]:
            mapping[key], index = _simple_list(lines, index, following[0], words, depth + 1)
        else:
            mapping[key], index = _simple_map(lines, index, following[0], words, depth + 1)
        level, key, value, dash = lines[index]
    return mapping, index


def _simple_list(lines: list, index: int, indent: int, words: tuple, depth: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    level, dash = lines[index][0], lines[index][3]
    while level >= indent:
        if level > indent or not dash:
            raise _NotPlain
        following = lines[index + 1]
        if following[0] <= indent or following[3]:  # only "-" above a map is read here
            raise _NotPlain
        item, index = _simple_map(lines, index + 1, following[0], words, depth + 1)
        items.append(item)
        level, dash = lines[index][0], lines[index][3]
    return items, index


# A quoted scalar as written, to its text: the records of a batch repeat most of theirs (273 MOT records:
# 839 distinct scalars of 8135), and the text of one depends on nothing else.
_QUOTED: dict[str, str] = {}


def _simple_scalar(value: str, words: tuple) -> Any:
    text = _QUOTED.get(value)
    if text is not None:
        return text
    first = value[0]
    if first == "'" or first == '"':
        found = (_SINGLE_QUOTED if first == "'" else _DOUBLE_QUOTED).fullmatch(value)
        if found is None:
            raise _NotPlain
        text = found.group(1).replace("''", "'") if first == "'" else found.group(1)
        if len(_QUOTED) < _RESOLVED_MAX and len(value) <= REMEMBERED_LENGTH:
            _QUOTED[value] = text
        return text
    if first == "{" and _EMPTY_FLOW_MAP.fullmatch(value):
        return {}
    if words[0].get(value) or (_PLAIN_WORDS.fullmatch(value) is not None and _is_text(value, *words)):
        return value
    raise _NotPlain


def parse_yaml(text: str, path: str) -> Any:
    import yaml

    check_structure(text, path, "yaml")
    loader = _yaml_loader()
    try:
        if "*" in text:  # aliases can expand a small file into a huge tree: count them first
            aliases = sum(1 for event in yaml.parse(text, Loader=loader) if isinstance(event, yaml.AliasEvent))
            if aliases > MAX_YAML_ALIASES:
                raise UserError(f"uses {aliases} YAML aliases (at most {MAX_YAML_ALIASES} are accepted)", path=path)
        try:
            return _simple_yaml(text, loader)
        except _NotPlain:
            return _load_yaml(text, loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise UserError(f"is not valid YAML ({problem}{where})", path=path) from None
    except (ValueError, OverflowError) as error:  # a number of thousands of digits, a date that does not exist
        raise UserError(f"is not valid YAML ({_value_problem(error)})", path=path) from None  # type: ignore[arg-type]
    except RecursionError:
        raise UserError("is not valid YAML (nested too deeply)", path=path) from None
