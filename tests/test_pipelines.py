"""Where publishers work: `openness check` on several files, the pre-commit hook and the GitHub Action.

The hook and the action are run as their YAML says, with real declarations in a temporary folder:
`openness` is this checkout (a small shim on PATH), and nothing is installed or fetched.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from questionnaire.examples import EXAMPLES_DIR

from conftest import ROOT, run

VALID = EXAMPLES_DIR / "olmo-2-7b.toml"
OTHER = EXAMPLES_DIR / "llama-3.1-8b.toml"


def _stale(path: Path) -> Path:
    """A declaration whose stored tier was edited by hand: `check` must find it stale."""
    text = VALID.read_text(encoding="utf-8")
    assert 'tier = "open-source"' in text
    path.write_text(text.replace('tier = "open-source"', 'tier = "closed"', 1), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A publisher's repository: two valid declarations, one stale, one answers file, a README."""
    (tmp_path / "models").mkdir()
    shutil.copy(VALID, tmp_path / "olmo-openness.toml")
    shutil.copy(OTHER, tmp_path / "models" / "llama-openness.toml")
    (tmp_path / "README.md").write_text("# A model\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def shim(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose PATH has an `openness` command that runs this checkout."""
    bin_dir = tmp_path_factory.mktemp("bin")
    script = bin_dir / "openness"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m questionnaire "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


# ------------------------------------------------------------------ check PATH...


def test_check_accepts_several_declarations(folder: Path) -> None:
    result = run("check", str(folder / "olmo-openness.toml"), str(folder / "models" / "llama-openness.toml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": valid; every field matches what its answers give") == 2
    assert "tier open-source" in result.stdout and "tier partially-open" in result.stdout


def test_check_exits_1_when_any_is_stale_and_still_checks_the_others(folder: Path) -> None:
    stale = _stale(folder / "stale-openness.toml")
    result = run("check", str(stale), str(folder / "olmo-openness.toml"))
    assert result.returncode == 1
    assert "stale-openness.toml: classification.tier: stored 'closed'" in result.stderr
    assert "olmo-openness.toml: valid" in result.stdout


def test_check_exits_2_on_bad_input_even_beside_a_stale_one(folder: Path) -> None:
    stale = _stale(folder / "stale-openness.toml")
    result = run("check", str(folder / "missing-openness.toml"), str(stale), str(folder / "olmo-openness.toml"))
    assert result.returncode == 2
    assert "missing-openness.toml" in result.stderr and "stale-openness.toml" in result.stderr
    assert "olmo-openness.toml: valid" in result.stdout
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ pre-commit hook


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["openness-check"]
    return hooks[0]


def test_pre_commit_hook_matches_declarations_only() -> None:
    hook = _hook()
    pattern = re.compile(hook["files"])
    assert pattern.search("olmo-2-7b-openness.toml") and pattern.search("models/x-openness.toml")
    for name in ("openness.toml", "answers.toml", "x-openness.toml.bak", "x-openness.yml"):
        assert not pattern.search(name), name
    assert hook.get("pass_filenames", True) is True
    assert hook["language"] == "python"  # pre-commit installs this repository and its `openness` script


def _run_hook(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The hook as pre-commit runs it: its entry, then the staged files that its `files` pattern matches."""
    hook = _hook()
    staged = [str(p.relative_to(folder)) for p in sorted(folder.rglob("*")) if p.is_file()]
    matched = [name for name in staged if re.search(hook["files"], name)]
    return subprocess.run([*shlex.split(hook["entry"]), *matched], cwd=folder, env=env, capture_output=True, text=True)


def test_pre_commit_hook_passes_valid_declarations(folder: Path, shim: dict[str, str]) -> None:
    result = _run_hook(folder, shim)
    assert result.returncode == 0, result.stderr
    assert "olmo-openness.toml: valid" in result.stdout
    assert "models/llama-openness.toml: valid" in result.stdout
    assert "README" not in result.stdout + result.stderr


def test_pre_commit_hook_fails_on_a_stale_declaration(folder: Path, shim: dict[str, str]) -> None:
    _stale(folder / "models" / "stale-openness.toml")
    result = _run_hook(folder, shim)
    assert result.returncode == 1
    assert "models/stale-openness.toml: classification.tier: stored 'closed'" in result.stderr


# ------------------------------------------------------------------ GitHub Action


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _run_action(folder: Path, env: dict[str, str], **inputs: str) -> subprocess.CompletedProcess[str]:
    """The action's `run` steps in order, as a runner would run them in the workspace `folder`, with the
    inputs given (else their defaults). The install step is left out: `openness` is already on PATH."""
    action = _action()
    assert action["runs"]["using"] == "composite"
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    unknown = set(inputs) - set(values)
    assert not unknown, f"not inputs of the action: {unknown}"
    values.update(inputs)
    result = None
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        assert step["shell"] == "bash"
        step_env = {**env, "GITHUB_ACTION_PATH": str(ROOT)}
        for name, value in step.get("env", {}).items():
            step_env[name] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], value)
        assert "${{" not in step["run"], "inputs reach the script through env, never pasted into it"
        result = subprocess.run(["bash", "-c", step["run"]], cwd=folder, env=step_env, capture_output=True, text=True)
        if result.returncode != 0:
            return result
    assert result is not None
    return result


def test_action_documents_its_inputs() -> None:
    action = _action()
    assert set(action["inputs"]) == {"declarations", "badge", "python-version"}
    for name, spec in action["inputs"].items():
        assert spec["description"].strip(), name
    install = next(step for step in action["runs"]["steps"] if step.get("id") == "install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # installs the tool from the action's own checkout


def test_action_checks_every_declaration_by_default(folder: Path, shim: dict[str, str]) -> None:
    result = _run_action(folder, shim)
    assert result.returncode == 0, result.stderr
    assert "olmo-openness.toml: valid" in result.stdout
    assert "models/llama-openness.toml: valid" in result.stdout


def test_action_fails_on_a_stale_declaration(folder: Path, shim: dict[str, str]) -> None:
    _stale(folder / "models" / "stale-openness.toml")
    result = _run_action(folder, shim)
    assert result.returncode == 1
    assert "stale-openness.toml: classification.tier: stored 'closed'" in result.stderr


def test_action_writes_a_badge_of_one_declaration(folder: Path, shim: dict[str, str]) -> None:
    (folder / "badge.svg").write_text("old", encoding="utf-8")  # a badge committed earlier is replaced
    result = _run_action(folder, shim, declarations="olmo-openness.toml", badge="badge.svg")
    assert result.returncode == 0, result.stderr
    badge = (folder / "badge.svg").read_text(encoding="utf-8")
    assert badge.startswith("<svg") and "open source" in badge


def test_action_refuses_a_badge_for_several_declarations(folder: Path, shim: dict[str, str]) -> None:
    result = _run_action(folder, shim, badge="badge.svg")
    assert result.returncode == 2
    assert "exactly one declaration" in result.stderr
    assert not (folder / "badge.svg").exists()


def test_action_says_when_nothing_matches(folder: Path, shim: dict[str, str]) -> None:
    result = _run_action(folder, shim, declarations="nothing/*-openness.toml")
    assert result.returncode == 2
    assert "no declaration matches: nothing/*-openness.toml" in result.stderr


# ------------------------------------------------------------------ shell completion


def _complete_in_bash(script: Path, *words: str) -> list[str]:
    """What bash offers after `openness WORDS...` (the last word being the one completed)."""
    line = " ".join(["openness", *words])
    probe = (
        f"source {shlex.quote(str(script))}\n"
        f"COMP_WORDS=(openness {' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words)}\nCOMP_LINE={shlex.quote(line)}\nCOMP_POINT={len(line)}\n"
        "_shtab_openness\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, cwd=script.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_bash_completion_lists_the_commands_and_completes_them(tmp_path: Path) -> None:
    result = run("completion", "bash")
    assert result.returncode == 0, result.stderr
    script = tmp_path / "openness.bash"
    script.write_text(result.stdout, encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    commands = re.search(r"^_shtab_openness_subparsers=\((.*)\)$", result.stdout, re.MULTILINE)
    assert commands is not None
    assert set(commands.group(1).split()) >= {
        "classify",
        "declare",
        "check",
        "whatif",
        "compare",
        "export",
        "schema",
        "serve",
        "edit",
        "lint",
        "examples",
        "completion",
    }
    assert "complete -o bashdefault -F _shtab_openness openness" in result.stdout
    assert _complete_in_bash(script, "ch") == ["check"]
    assert set(_complete_in_bash(script, "export", "--format", "")) == {"markdown", "json", "mot", "hf", "badge"}
    shutil.copy(VALID, tmp_path / "olmo-openness.toml")
    assert "olmo-openness.toml" in _complete_in_bash(script, "check", "olmo")


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_zsh_and_tcsh_completion_name_the_commands(shell: str) -> None:
    result = run("completion", shell)
    assert result.returncode == 0, result.stderr
    for command in ("classify", "check", "export", "whatif", "compare"):
        assert command in result.stdout
    if shell == "zsh":
        assert result.stdout.startswith("#compdef openness")


def test_completion_for_an_unknown_shell_is_a_usage_error() -> None:
    result = run("completion", "fish")
    assert result.returncode == 2
    assert "invalid choice: 'fish'" in result.stderr and "Traceback" not in result.stderr
