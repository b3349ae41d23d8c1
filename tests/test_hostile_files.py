"""Hostile files: every one is exit 2 and one line naming the file, at once and in bounded memory
(deep nesting, huge keys and numbers, FIFOs, devices, UTF-16); writes refuse special targets and
clean the temporary files of killed writes; and no loader raises anything but its one error type,
whatever bytes it is given."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from questionnaire import declaration, drafts, files, loading, preferences
from questionnaire.errors import UserError
from questionnaire.sources import MAX_BYTES
from tests.conftest import ROOT, open_source_answers, run, write_answers

MEMORY = 768 * 1024 * 1024  # a run that needs more than this fails (the 40,000-deep key once took 6 GB)
SECONDS = 30  # and one that hangs (a FIFO waits for a writer forever) fails after this


pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices, flock and rlimits are POSIX")


def limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_bounded(*args: str) -> subprocess.CompletedProcess[str]:
    """`openness ARGS...` with bounded memory and time."""
    return subprocess.run(
        [sys.executable, "-m", "questionnaire", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=SECONDS,
        preexec_fn=limit_memory,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], path: str, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"openness: {path}: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# ---------------------------------------------------------------- reading


HOSTILE_TEXTS = {
    "arrays-600.toml": ("x = " + "[" * 600 + "]" * 600, "nests arrays or tables more than 32 deep"),
    "inline-tables.toml": ("x = " + "{a = " * 600 + "1" + "}" * 600, "nests arrays or tables more than 32 deep"),
    "dotted-40000.toml": ("a" + ".a" * 40_000 + " = 1\n", "dotted key of more than 32 parts"),
    "entries.toml": ("x = [" + "1," * 200_000 + "]\n", "too many entries"),
    "digits.toml": ("x = " + "1" * 100_000 + "\n", "a number has too many digits"),
    "digits.yml": ("release:\n  name: " + "1" * 100_000 + "\n", "a number has too many digits"),
    "flow-600.yml": ("release: " + "[" * 600 + "]" * 600 + "\n", "nests arrays or tables more than 32 deep"),
    "date.yml": ("release:\n  name: 2024-13-45\n", "month must be in 1..12"),
    "keys.yml": ("".join(f"k{i}: 1\n" for i in range(150_000)), "too many entries"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_hostile_structures_are_one_line_fast_and_in_bounded_memory(tmp_path: Path, name: str) -> None:
    text, words = HOSTILE_TEXTS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    assert_one_line(run_bounded("classify", str(path)), str(path), words)
    assert time.monotonic() - started < SECONDS


def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert_one_line(run_bounded("classify", str(fifo)), str(fifo), "is a named pipe (FIFO), not a regular file")
    for device in ("/dev/zero", "/dev/stdin", "/dev/null"):
        if not os.path.exists(device):
            continue
        link = tmp_path / f"{Path(device).name}.toml"
        link.symlink_to(device)
        result = run_bounded("classify", str(link))
        assert_one_line(result, str(link), "not a regular file")
    with pytest.raises(UserError, match="is a named pipe"):  # what the app's Open-file dialog calls: at once
        loading.load(str(fifo))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_a_file_of_the_kernels_proc_or_sys_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """They look like regular files (of size 0, or 4096 under /sys); reading /proc/kmsg as root consumes the
    kernel's messages. Refused by where they really are, through a link too."""
    targets = ["/proc/self/status", "/proc/self/environ", "/proc/kmsg", "/sys/kernel/mm/transparent_hugepage/enabled"]
    links = []
    for number, target in enumerate(t for t in targets if os.path.exists(t)):
        for suffix in (".toml", ".yml", ".md"):
            links.append(tmp_path / f"kernel{number}{suffix}")
            links[-1].symlink_to(target)
    result = run("classify", *map(str, links))  # (in this process: each is refused before a byte is read)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"openness: {link}: is a file of the kernel's /proc or /sys, not a regular file" for link in links
    ]
    with pytest.raises(UserError, match="of the kernel's /proc or /sys"):  # what the app's Open-file dialog calls
        loading.load(str(tmp_path / "kernel0.toml"))
    # nor written: a declaration or an export into them is refused before anything is tried
    example = str(ROOT / "questionnaire" / "examples" / "amber.toml")
    for command in (("declare", example, "-o"), ("export", example, "--format", "json", "--force", "-o")):
        for target in ("/proc/self/openness.toml", "/proc/self/comm"):
            result = run(*command, target)
            assert result.returncode == 2 and result.stdout == ""
            assert result.stderr == f"openness: {target}: cannot be written: it is in the kernel's /proc or /sys\n"


def test_a_fifo_swapped_in_after_the_stat_is_refused_on_the_open_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from questionnaire import sources

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    regular = os.stat(ROOT / "questionnaire" / "examples" / "amber.toml")
    real_stat = os.stat
    monkeypatch.setattr(
        sources.os, "stat", lambda path, *a, **k: regular if str(path) == str(fifo) else real_stat(path, *a, **k)
    )
    with pytest.raises(UserError, match="is a named pipe"):  # opened without blocking, then fstat
        sources.read_text(str(fifo))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_a_link_turned_to_the_kernels_proc_only_while_it_is_opened_is_refused_on_the_open_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel file is told by the file the handle holds, not by where the path leads before or after: a
    link pointed at /proc just for the moment it is opened (a race another process could win) is refused."""
    from questionnaire import sources

    link = tmp_path / "answers.toml"
    regular = ROOT / "questionnaire" / "examples" / "amber.toml"
    link.symlink_to(regular)
    real_open = os.open

    def open_while_turned(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path) != str(link):
            return real_open(path, *args, **kwargs)
        link.unlink()
        link.symlink_to("/proc/self/status")
        try:
            return real_open(path, *args, **kwargs)
        finally:
            link.unlink()
            link.symlink_to(regular)

    monkeypatch.setattr(sources.os, "open", open_while_turned)
    with pytest.raises(UserError, match="is a file of the kernel's /proc or /sys"):
        sources.read_text(str(link))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_without_a_name_for_the_open_descriptor_a_kernel_file_is_refused_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where /proc/self/fd cannot be read (another system, a container without it), the path's real place
    decides, as it did before there was a handle to ask."""
    from questionnaire import sources

    link = tmp_path / "answers.toml"
    link.symlink_to("/proc/self/status")

    monkeypatch.setattr(sources, "_HANDLE_NAMES", str(tmp_path / "no-such-folder"))
    with pytest.raises(UserError, match="is a file of the kernel's /proc or /sys"):
        sources.read_text(str(link))
    assert sources.read_text(str(ROOT / "questionnaire" / "examples" / "amber.toml")).startswith("schema_version")


@pytest.mark.parametrize(
    "bom, encoding, name",
    [
        (b"\xff\xfe", "utf-16-le", "UTF-16"),
        (b"\xfe\xff", "utf-16-be", "UTF-16"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_named(tmp_path: Path, bom: bytes, encoding: str, name: str) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(bom + '[identity]\nname = "X"\n'.encode(encoding))
    assert_one_line(run("classify", str(path)), str(path), f"is {name} text, which is not supported; save it as UTF-8")


def test_a_file_that_grows_past_the_limit_is_not_read_past_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from questionnaire import sources

    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (MAX_BYTES * 2))
    small = os.stat_result((0o100644, 0, 0, 1, 0, 0, 100, 0, 0, 0))  # what its stat said a moment before
    monkeypatch.setattr(sources.os, "stat", lambda p, *a, **k: small)
    monkeypatch.setattr(sources.os, "fstat", lambda fd: small)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(sources.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(UserError, match="is too large"):
        sources.read_text(str(path))
    assert sum(reads) <= MAX_BYTES + 1024 * 1024  # it stopped reading at the limit


def test_a_declaration_without_a_name_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nameless.toml"
    declaration.write(declaration.build(open_source_answers()), path)
    path.write_text(path.read_text().replace('[answers.identity]\nname = "Example-7B"\n', ""), encoding="utf-8")
    for command in ("check", "classify", "export"):
        args = [command, str(path)] + (["--format", "json"] if command == "export" else [])
        assert_one_line(run(*args), str(path), "answers.identity.name is missing")


def test_declare_never_writes_what_check_would_refuse_as_too_large(tmp_path: Path, monkeypatch) -> None:
    name = "N" * (MAX_BYTES // 2 + 1000)  # a 2.5 MB answers file; its declaration would hold the name twice
    source = write_answers(tmp_path / "answers.toml", open_source_answers(**{"identity.name": name}))
    out = tmp_path / "decl.toml"
    result = run("declare", str(source), "-o", str(out))
    assert_one_line(result, str(source), f"identity.name: is {len(name):,} characters long")  # no answer is that long
    assert not out.exists()
    # Answers of at most 2,000 characters each make a declaration far under the limit; the check before
    # writing stays, and is seen with a lower limit (the answers file is under it, its declaration over)
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    monkeypatch.setattr("questionnaire.sources.MAX_BYTES", source.stat().st_size + 1000)
    result = run("declare", str(source), "-o", str(out))
    assert_one_line(result, str(out), "was not written: the declaration is too large", "could not read it back")
    assert not out.exists()


# ---------------------------------------------------------------- writing


def test_output_names_that_cannot_be_files_are_one_line(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    empty = run("declare", str(source), "-o", "")
    assert empty.returncode == 2 and empty.stderr == (
        "openness: the file name is empty; give a file name such as model-openness.toml\n"
    )
    long_name = str(tmp_path / ("n" * 300 + ".toml"))
    assert_one_line(run("declare", str(source), "-o", long_name), long_name, "the file name is too long")
    in_a_file = str(source / "decl.toml")
    assert_one_line(run("declare", str(source), "-o", in_a_file), in_a_file, "is not a folder")


def test_special_targets_are_refused_even_with_force(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        assert_one_line(
            run_bounded("declare", str(source), "-o", str(fifo), *force),
            str(fifo),
            "is a named pipe (FIFO), not a regular file; openness writes only regular files",
        )
        device = tmp_path / "null.toml"
        if not device.exists():
            device.symlink_to("/dev/null")
        assert_one_line(
            run_bounded("declare", str(source), "-o", str(device), *force),
            str(device),
            "is a link to a character device",
        )
    assert fifo.is_fifo() and device.is_symlink()


def test_a_symlink_is_replaced_only_with_force_and_never_written_through(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "elsewhere" / "missing.toml")
    assert_one_line(
        run("declare", str(source), "-o", str(dangling)),
        str(dangling),
        "already exists (a symbolic link to a missing file); use --force",
    )
    outside = tmp_path / "outside.toml"
    outside.write_text("keep me\n")
    link = tmp_path / "link.toml"
    link.symlink_to(outside)
    assert_one_line(run("declare", str(source), "-o", str(link)), str(link), "already exists (a symbolic link)")
    for target in (dangling, link):
        assert run("declare", str(source), "-o", str(target), "--force").returncode == 0
        assert not target.is_symlink() and "Example-7B" in target.read_text()  # the link itself was replaced
    assert outside.read_text() == "keep me\n" and not (tmp_path / "elsewhere").exists()


def temporary_of(target: Path, tag: str) -> Path:
    return target.with_name(f".{target.name}.{tag}.tmp")


def test_stale_temporary_files_of_the_same_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    old = time.time() - 3600
    stale, young, locked = (temporary_of(target, tag) for tag in ("stale123", "young123", "locked12"))
    other_target, other_pattern = temporary_of(tmp_path / "other.toml", "stale123"), tmp_path / ".out.toml.x.tmp"
    for path in (stale, young, locked, other_target, other_pattern):
        path.write_text("half a file")
        if path is not young:
            os.utime(path, (old, old))
    import fcntl

    holder = os.open(locked, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a live writer
    try:
        files.write_text(target, "new\n")
    finally:
        os.close(holder)
    assert target.read_text() == "new\n"
    assert not stale.exists()
    assert young.exists() and locked.exists() and other_target.exists() and other_pattern.exists()


def test_a_write_killed_midway_leaves_a_temporary_file_the_next_write_removes(tmp_path: Path) -> None:
    target = tmp_path / "decl.toml"
    code = f"""
import os, time
from pathlib import Path
from questionnaire import files
os.fsync = lambda fd: (print("writing", flush=True), time.sleep(600))
files.replace_atomically(Path({str(target)!r}), "half", shared=True)
"""
    writer = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        [left] = [p for p in tmp_path.iterdir() if p.name.startswith(".decl.toml.")]
        os.utime(left, (time.time() - 60, time.time() - 60))
        files.remove_stale_temporaries(target)
        assert left.exists()  # its writer still holds it
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert left.exists()  # kill -9 left it behind
    files.write_text(target, "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decl.toml"]


# ---------------------------------------------------------------- every loader, any bytes


LOADER_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(
        st.sampled_from(
            [
                b"[",
                b"]",
                b"{",
                b"}",
                b"a",
                b".",
                b"=",
                b'"',
                b"'",
                b"\n",
                b"#",
                b"1" * 5000,
                b"- ",
                b": ",
                b"---\n",
                b"\xff\xfe",
                b"\x00",
                b"&a ",
                b"*a ",
                b"name = ",
                b"x",
            ]
        ),
        max_size=80,
    ).map(b"".join),
)


def with_known_attacks(test):
    """Hypothesis explores; these inputs once crashed a loader, so every run tries them."""
    for data in (
        b"x = " + b"1" * 5000,
        b"x: " + b"1" * 5000,
        b"x = " + b"[" * 1000,
        b"[" * 100_000,
        b"a" + b".a" * 5000 + b" = 1",
        b"\x80abc",
        b"\xff\xfex\x00",
        b"x: 2024-13-45",
        b"---\nmodel_name: 2024-13-45\n---\n# A\n",
    ):
        test = example(data=data)(test)
    return test


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bytes")


@pytest.mark.parametrize("suffix", [".toml", ".yml", ".yaml", ".md"])
@LOADER_SETTINGS
@given(data=_bytes)
@with_known_attacks
def test_loading_any_bytes_raises_only_a_user_error(scratch: Path, suffix: str, data: bytes) -> None:
    path = scratch / f"input{suffix}"
    path.write_bytes(data)
    try:
        source = loading.load(str(path))
    except UserError:
        return
    json.dumps(source.answers)  # a loaded source holds plain values


@LOADER_SETTINGS
@given(data=_bytes)
@with_known_attacks
def test_a_draft_of_any_bytes_raises_only_a_draft_error(scratch: Path, data: bytes) -> None:
    (scratch / "draft.json").write_bytes(data)
    try:
        drafts.load(scratch)
    except drafts.DraftError:
        pass


@LOADER_SETTINGS
@given(data=_bytes)
@with_known_attacks
def test_preferences_of_any_bytes_are_no_preference_or_a_theme(scratch: Path, data: bytes) -> None:
    preferences.preferences_path(scratch).write_bytes(data)
    theme = preferences.load_theme(scratch)
    assert theme is None or isinstance(theme, str)


@LOADER_SETTINGS
@given(data=_bytes)
@with_known_attacks
def test_a_glossary_of_any_bytes_is_problems_or_a_user_error(scratch: Path, data: bytes) -> None:
    from questionnaire.glossary import load_glossary, read_glossary

    path = scratch / "glossary.toml"
    path.write_bytes(data)
    read = read_glossary(path)
    assert read.glossary is not None or read.problems
    try:
        load_glossary(path)
    except UserError:
        pass


@LOADER_SETTINGS
@given(data=_bytes)
@with_known_attacks
def test_a_bank_file_of_any_bytes_is_findings_never_a_crash(scratch: Path, data: bytes) -> None:
    from questionnaire.lint import lint_bank

    bank = scratch / "bank"
    bank.mkdir(exist_ok=True)
    (bank / "00-about.toml").write_bytes(data)
    assert isinstance(lint_bank(bank), list)


# ---------------------------------------------------------------- YAML: the quick construction is PyYAML's


YAML_DOCUMENTS = [
    "",
    "# only a comment\n",
    "name: OLMo\nrelease:\n  components:\n    - name: Datasets\n      license: Apache-2.0\n",
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 2024-01-02\ng: 2024-01-02 10:00:00\nh: 0x1F\ni: .nan\nj: '1'\n",
    "1: one\n2.5: two\ntrue: three\nnull: four\n2024-01-02: a date key\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "a: &x [1, 2]\nb: *x\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "=: value\n",
    "a: !!str 1\nb: !!int '2'\nc: !!binary aGVsbG8=\n",
    "s: !!set {a, b}\no: !!omap [a: 1, b: 2]\np: !!pairs [a: 1, a: 2]\n",
    "dup: 1\ndup: 2\n",
    "- a\n- [b, {c: d}]\n- {e: [f, g]}\n",
    "a: !custom x\n",
    "a: !!python/name:os.system x\n",
    "--- a\n--- b\n",
    "a: 1\n---\n",
    "a: [1, 2\n",
    "a: 99999999999999999999999999999999999999999999999999\n",
    "a: 2024-02-30\n",
    "a: |\n  block\n  text\nb: >\n  folded\n  text\n",
    "'quoted key': \"quoted \\u00e9 value\"\n",
]


@pytest.mark.parametrize("text", YAML_DOCUMENTS)
def test_yaml_is_read_as_pyyaml_reads_it(text: str) -> None:
    """parse_yaml builds plain maps, lists and strings itself: the value (or the error) is PyYAML's."""
    import yaml

    from questionnaire.sources import _load_yaml, _yaml_loader

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        expected: object = yaml.load(text, Loader=loader)
    except Exception as error:  # noqa: BLE001 - the same kind of error, whatever it is
        with pytest.raises(type(error)):
            _load_yaml(text, _yaml_loader())
        return
    assert repr(_load_yaml(text, _yaml_loader())) == repr(expected)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_yaml_value_is_read_back_as_pyyaml_reads_it(value: object) -> None:
    import yaml

    from questionnaire.sources import _load_yaml, _yaml_loader

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for style in (False, True, None):
        text = yaml.safe_dump(value, default_flow_style=style, allow_unicode=True)
        assert repr(_load_yaml(text, _yaml_loader())) == repr(yaml.load(text, Loader=loader))
