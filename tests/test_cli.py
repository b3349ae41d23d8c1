"""The command line as a user runs it: outputs, exit codes and one plain message for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from questionnaire.frameworks import all_frameworks
from tests.conftest import mot_files, open_source_answers, run, run_process, write_answers

# ------------------------------------------------------------------ classify


def test_classify_all_mot_records_as_json(mot_dir: Path) -> None:
    files = mot_files()
    assert len(files) == 273
    result = run_process("classify", *map(str, files), "--json")  # the batch, end to end
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert len(payload) == 273
    assert [item["source"] for item in payload] == list(map(str, files))
    for item in payload:
        assert item["tier"] in ("open-source", "open-weight", "partially-open", "closed")
        verdicts = {v["id"]: v for v in item["frameworks"]}
        assert verdicts["mof"]["summary"] in ("Unclassified", "Class I", "Class II", "Class III")
        assert [m["id"] for m in verdicts["mof"]["measures"]] == ["III", "II", "I"]
        assert isinstance(verdicts["osaid"]["met"], bool) and isinstance(verdicts["osaid"]["requirements"], list)
        assert isinstance(verdicts["owd"]["met"], bool) and verdicts["osai"]["met"] is None
        for key in ("reasons", "next_tier", "warnings"):
            assert key in item


@pytest.mark.parametrize(
    "model, tier",
    [
        ("OLMo-7B", "open-source"),
        ("Mistral-7B-v0.1", "open-weight"),
        ("Llama-3.1-8B", "partially-open"),
        ("Llama-2-7B", "partially-open"),
        ("gemma-7b", "partially-open"),
        ("Falcon-180B", "partially-open"),
        ("BLOOM", "partially-open"),
        ("GPT-4", "closed"),
    ],
)
def test_tiers_of_well_known_releases(mot_dir: Path, model: str, tier: str) -> None:
    result = run("classify", str(mot_dir / f"{model}.yml"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tier"] == tier


def test_human_output_fits_80_columns(mot_dir: Path) -> None:
    result = run("classify", str(mot_dir / "Llama-3.1-8B.yml"))
    assert result.returncode == 0
    assert "Tier: PARTIALLY OPEN" in result.stdout
    for framework in all_frameworks():  # every framework's verdict, by its title
        assert f"  {framework.title}:" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_one_bad_path_among_good_ones_still_classifies_the_good(mot_dir: Path, tmp_path: Path) -> None:
    result = run("classify", str(mot_dir / "OLMo-7B.yml"), str(tmp_path / "missing.yml"), "--json")
    assert result.returncode == 2
    assert len(json.loads(result.stdout)) == 1
    assert "missing.yml" in result.stderr


# ------------------------------------------------------------------ declare and check


def test_declare_check_roundtrip_and_tamper_detection(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    out = tmp_path / "decl.toml"
    first = run("declare", str(source), "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert "open-source" in first.stdout
    assert run("check", str(out)).returncode == 0
    same = [json.loads(run("classify", str(p), "--json").stdout)["tier"] for p in (source, out)]
    assert same == ["open-source", "open-source"]

    again = run("declare", str(source), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run("declare", str(source), "-o", str(out), "--force").returncode == 0

    text = out.read_text()
    out.write_text(text.replace('tier = "open-source"', 'tier = "closed"', 1))
    tampered = run("check", str(out))
    assert tampered.returncode == 1
    assert f"openness: {out}: classification.tier: stored 'closed', the answers give 'open-source'\n" in tampered.stderr


def test_declare_from_mot_passes_check_and_keeps_the_tier(mot_dir: Path, tmp_path: Path) -> None:
    for model in ("Llama-3.1-8B", "OLMo-7B", "Mistral-7B-v0.1"):
        out = tmp_path / f"{model}.toml"
        assert run("declare", str(mot_dir / f"{model}.yml"), "-o", str(out)).returncode == 0
        assert run("check", str(out)).returncode == 0
        tiers = [json.loads(run("classify", str(p), "--json").stdout) for p in (mot_dir / f"{model}.yml", out)]
        assert tiers[0]["tier"] == tiers[1]["tier"]
        assert tiers[0]["frameworks"] == tiers[1]["frameworks"]


def test_check_rejects_answers_file(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    result = run("check", str(source))
    assert result.returncode == 2 and "not a declaration" in result.stderr


def test_declare_into_read_only_folder_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    from questionnaire.cli import main

    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse as a read-only one would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code = main(["declare", str(source), "-o", str(folder / "decl.toml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "read-only" in err and "decl.toml" in err and len(err.strip().splitlines()) == 1
    assert not (folder / "decl.toml").exists()


def test_declare_into_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.toml", open_source_answers())
    result = run("declare", str(source), "-o", str(tmp_path / "nope" / "decl.toml"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------ bad input


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}

    def make(name: str, data: bytes | str) -> None:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        cases[name] = path

    cases["missing.toml"] = tmp / "missing.toml"
    (tmp / "folder.toml").mkdir()
    cases["folder.toml"] = tmp / "folder.toml"
    make("empty.toml", "")
    make("garbage.yml", bytes(range(256)) * 4)
    make("invalid.toml", "[identity\nname = ")
    make("invalid.yml", "release: [unclosed\n  name: x: y")
    make("shape.toml", "answers = [1, 2, 3]\n")
    make("shape.yml", "- just\n- a list\n")
    make("types.toml", "[identity]\nname = 'x'\n[components.datasets]\nreleased = 'yes'\n")
    make("types.yml", "release:\n  name: x\n  components: 7\n")
    make("decl-types.toml", "schema_version = 1\n[model]\nname = 3\n")
    make("big.yml", b"# " + b"x" * (20 * 1024 * 1024) + b"\n")
    make("latin1.toml", "[identity]\nname = 'Mod\xe8le'\n".encode("latin-1"))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(20)
    )
    make("bomb.yml", "release:\n  name: bomb\n" + bomb)
    make("model.json", '{"release": {}}')
    return cases


def test_bad_input_gives_one_plain_message_and_exit_2(tmp_path: Path) -> None:
    for name, path in _bad_inputs(tmp_path).items():
        for args in (
            ("classify", str(path)),
            ("classify", str(path), "--json"),
            ("declare", str(path), "-o", str(tmp_path / "o.toml")),
        ):
            result = run(*args)
            assert result.returncode == 2, (name, args, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1, (name, result.stderr)
            assert name in lines[0], (name, lines[0])
            assert "Traceback" not in result.stderr
            assert result.stdout.strip() in ("", "[]"), (name, result.stdout)


def test_usage_errors_exit_2() -> None:
    assert run_process("classify").returncode == 2  # end to end: the exit code of the process
    assert run("frobnicate").returncode == 2
    assert run("declare", "x.toml").returncode == 2  # -o is required


def test_markup_in_names_is_printed_as_text_and_control_characters_are_refused(tmp_path: Path) -> None:
    name = "[bold red]Evil[/] <b>*x*</b>"
    source = write_answers(tmp_path / "answers.toml", open_source_answers(**{"identity.name": name}))
    result = run("classify", str(source))
    assert result.returncode == 0
    assert "[bold red]Evil[/] <b>*x*</b>" in result.stdout
    assert json.loads(run("classify", str(source), "--json").stdout)["name"] == name
    hostile = write_answers(
        tmp_path / "hostile.toml", open_source_answers(**{"identity.name": "Evil \x1b[31mred\x1b[0m \x07"})
    )
    refused = run("classify", str(hostile))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        f"openness: {hostile}: identity.name: holds the control character \\x1b at position 6; "
        "control and invisible characters are not accepted\n"
    )


def test_escapes_in_file_names_are_shown_as_text(tmp_path: Path) -> None:
    weird = tmp_path / "evil\x1b[2J.toml"
    result = run("classify", str(weird))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


# ------------------------------------------------------------------ lint


def test_lint_shipped_bank_is_clean() -> None:
    result = run("lint")
    assert result.returncode == 0, result.stdout
    assert "clean" in result.stdout


def test_lint_missing_folder_is_bad_input(tmp_path: Path) -> None:
    result = run("lint", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "nowhere" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_output_to_a_full_device_is_one_line_not_a_traceback() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "questionnaire", "classify", "questionnaire/examples/amber.toml"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 2
    assert done.stderr == "openness: cannot write the output (No space left on device)\n"


@pytest.mark.parametrize("command", [("classify",), ("export", "--format", "markdown")])
def test_an_ascii_only_output_gets_plain_typography_not_a_traceback(command: tuple[str, ...]) -> None:
    """Where the output's encoding is ASCII (PYTHONIOENCODING=ascii, an old terminal), the tool's own curly
    quotes, middle dots and ticks are written as their plain forms, and anything else as an escape."""
    path = "questionnaire/examples/deepseek-r1.toml"
    args = (command[0], path, *command[1:])
    assert not run(*args).stdout.isascii()  # in UTF-8 the output holds typography ASCII has no room for
    result = run_process(*args, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout.isascii()
    assert "DeepSeek-R1" in result.stdout


def test_an_output_encoding_without_room_for_some_ascii_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    """cp864 (an Arabic DOS code page) has no "%": a path that holds one is written as an escape there, in a
    batch's JSON too, where the ASCII pieces are otherwise written as they are."""
    example = Path("questionnaire/examples/amber.toml").read_text(encoding="utf-8")
    paths = [tmp_path / "100%.toml", tmp_path / "other.toml"]
    assert example.isascii()  # and so are the reasons classify gives it: the piece that holds the path is ASCII
    for path in paths:
        path.write_text(example, encoding="utf-8")
    result = run_process("classify", *map(str, paths), "--json", cwd=tmp_path, env={"PYTHONIOENCODING": "cp864"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "100\\x25.toml" in result.stdout and "%" not in result.stdout


def test_check_and_edit_name_what_a_file_is_when_it_is_not_a_declaration(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\n---\n# Card\n", encoding="utf-8")
    answers = write_answers(tmp_path / "answers.toml", open_source_answers())
    for path, what in ((card, "a model card"), (answers, "an answers file")):
        for command in ("check", "edit"):
            result = run(command, str(path))
            assert result.returncode == 2, command
            assert result.stderr.startswith(f"openness: {path}: is {what}, not a declaration; make one with"), command
