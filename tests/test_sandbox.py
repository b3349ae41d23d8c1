"""The path policy of a browser session under `openness serve`: its own folder to read and write, the shipped
examples to read, nothing else; and, in any mode, only regular files are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire import sandbox
from questionnaire.errors import UserError
from questionnaire.examples import EXAMPLES_DIR, example_path


@pytest.fixture
def room(tmp_path: Path) -> tuple[sandbox.Sandbox, Path]:
    """A session folder with links that lead out, and a folder outside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.toml").write_text("secret = true\n")
    folder = tmp_path / "session"
    folder.mkdir()
    (folder / "mine.toml").write_text("mine = true\n")
    (folder / "link.toml").symlink_to(outside / "secret.toml")
    (folder / "dangling.toml").symlink_to(outside / "new.toml")
    (folder / "linkdir").symlink_to(outside)
    (folder / "inner.toml").symlink_to(folder / "mine.toml")
    return sandbox.Sandbox.at(folder, EXAMPLES_DIR), outside


def refused(box: sandbox.Sandbox, raw: str, *, write: bool) -> str:
    with pytest.raises(UserError) as caught:
        box.target(raw) if write else box.resolve(raw, write=False)
    return caught.value.message


@pytest.mark.parametrize("write", [False, True])
def test_names_in_the_session_folder_are_used_there(room, write: bool) -> None:
    box, _ = room
    use = box.target if write else (lambda raw: box.resolve(raw, write=False))
    assert use("mine.toml") == box.root / "mine.toml"
    assert use("  new.toml ") == box.root / "new.toml"
    assert use(str(box.root / "mine.toml")) == box.root / "mine.toml"  # an absolute path inside is fine
    assert use("inner.toml") == box.root / "mine.toml"  # a link that stays inside is followed
    assert use("sub/../mine.toml") == box.root / "mine.toml"
    assert box.shown(use("mine.toml")) == "mine.toml"


@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize(
    "raw, words",
    [
        ("/etc/passwd", "outside this session's folder"),
        ("~/decl.toml", "home folder of the server's user"),
        ("~root/decl.toml", "home folder of the server's user"),
        ("../decl.toml", "goes up (..) out of this session's folder"),
        ("a/../../decl.toml", "goes up (..)"),
        ("link.toml", "a link that leads outside"),
        ("dangling.toml", "a link that leads outside"),
        ("linkdir/secret.toml", "a link that leads outside"),
        ("linkdir/../../outside/secret.toml", "goes up (..)"),
    ],
)
def test_every_way_out_is_refused_plainly(room, raw: str, words: str, write: bool) -> None:
    box, outside = room
    message = refused(box, raw, write=write)
    assert words in message and "give a plain file name" in message
    assert "\n" not in message


def test_an_absolute_path_to_the_outside_folder_is_refused(room) -> None:
    box, outside = room
    assert "outside this session's folder" in refused(box, str(outside / "secret.toml"), write=False)


def test_the_shipped_examples_can_be_read_not_replaced(room) -> None:
    box, _ = room
    example = example_path("gemma-2-9b-it")
    assert box.resolve(str(example), write=False) == example.resolve()
    assert "shipped example" in refused(box, str(example), write=True)


def test_saving_needs_an_existing_folder_and_a_regular_file(room) -> None:
    box, _ = room
    assert "The folder sub does not exist" in refused(box, "sub/x.toml", write=True)
    os.mkfifo(box.root / "fifo.toml")
    assert "named pipe (FIFO)" in refused(box, "fifo.toml", write=True)
    (box.root / "folder.toml").mkdir()
    assert "is a folder" in refused(box, "folder.toml", write=True)


def test_a_nul_character_is_a_message_not_a_crash(room) -> None:
    box, _ = room
    assert "NUL" in refused(box, "a\x00.toml", write=False)
    with pytest.raises(UserError, match="NUL"):
        sandbox.regular_file("a\x00.toml")


def test_only_regular_files_are_read_in_any_mode(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    reads: list[str] = []
    for path, words in ((fifo, "named pipe (FIFO)"), (Path("/dev/zero"), "a device"), (tmp_path, "is a folder")):
        with pytest.raises(UserError, match=words.replace("(", r"\(").replace(")", r"\)")):
            sandbox.read(str(path), reads.append, None)
    assert reads == []  # refused before anything was opened: a FIFO with no writer would wait forever
    assert sandbox.regular_file(tmp_path / "missing.toml") is None  # the reader says "no such file"


def test_a_file_swapped_for_a_link_while_it_is_read_is_refused(room) -> None:
    box, outside = room

    def swap(path: str) -> str:
        text = Path(path).read_text()
        os.replace(box.root / "link.toml", box.root / "mine.toml")  # now mine.toml leads outside
        return text

    with pytest.raises(UserError, match="a link that leads outside"):
        sandbox.read("mine.toml", swap, box)


def test_a_file_replaced_while_it_is_read_is_refused(room) -> None:
    box, _ = room

    def replace(path: str) -> str:
        (box.root / "other.toml").write_text("other = true\n")
        os.replace(box.root / "other.toml", box.root / "mine.toml")
        return "read"

    with pytest.raises(UserError, match="changed while it was being read"):
        sandbox.read("mine.toml", replace, box)
    assert sandbox.read("mine.toml", lambda path: Path(path).read_text(), box) == ("other = true\n", "mine.toml")


def test_the_sandbox_is_there_only_under_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENNESS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OPENNESS_SERVED", raising=False)
    assert sandbox.session() is None
    monkeypatch.setenv("OPENNESS_SERVED", "1")
    box = sandbox.session()
    assert box is not None and box.root == tmp_path.resolve() and EXAMPLES_DIR.resolve() in box.read_only
    # served without a folder of its own (its making failed): no sandbox-less session, a refusal
    for folder in ("", str(tmp_path / "gone")):
        monkeypatch.setenv("OPENNESS_DATA_DIR", folder)
        with pytest.raises(UserError, match="no folder of its own"):
            sandbox.session()


def test_a_name_too_long_for_the_file_system_is_a_message_not_a_crash(room) -> None:
    box, _ = room
    with pytest.raises(UserError, match="That name cannot be used here"):
        box.target("a/" * 2100 + "x.toml")  # its folder's path is too long to look at
    assert box.target("a" * 300 + ".toml").parent == box.root  # (the Save dialog says that one is too long)


PIECES = st.sampled_from(
    [
        "..",
        ".",
        "~",
        "/",
        "a",
        "link.toml",
        "linkdir",
        "mine.toml",
        "x.toml",
        "//",
        " ",
        "\\",
        "outside",
        "session",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join), st.booleans())
def test_whatever_is_typed_stays_inside_or_is_refused(tmp_path_factory, typed: str, write: bool) -> None:
    base = tmp_path_factory.getbasetemp() / "typed"
    if not base.exists():
        base.mkdir()
        (base / "outside").mkdir()
        (base / "session").mkdir()
        (base / "session" / "linkdir").symlink_to(base / "outside")
        (base / "session" / "link.toml").symlink_to(base / "outside" / "x.toml")
    box = sandbox.Sandbox.at(base / "session")
    try:
        path = box.resolve(typed, write=write)
    except UserError as error:
        assert error.message and "\n" not in error.message
        return
    real = Path(os.path.realpath(path))
    assert real == box.root or box.root in real.parents
