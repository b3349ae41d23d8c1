"""The core never imports Textual; the classify path does not either."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import questionnaire

CORE = sorted(
    f"questionnaire.{m.name}"
    for m in pkgutil.iter_modules(questionnaire.__path__)
    if m.name not in ("app", "__main__", "serve") and not m.name.startswith("app")
)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    return set(out.stdout.split())


def test_core_modules_import_without_textual() -> None:
    assert "questionnaire.rules" in CORE and "questionnaire.licenses" in CORE
    loaded = _modules_after("\n".join(f"import {name}" for name in CORE))
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}, "a core module imported Textual"
    assert "rich" not in loaded


def test_core_source_never_mentions_textual_imports() -> None:
    core = Path(questionnaire.__file__).parent
    files = [
        path
        for path in core.rglob("*.py")
        if "app" not in path.relative_to(core).parts[:1] and path.name not in ("__main__.py", "serve.py")
    ]
    assert core / "frameworks" / "osaid.py" in files  # packages of the core are read too
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert "import textual" not in source and "from textual" not in source, path


def test_classify_path_does_not_import_textual(tmp_path: Path, mot_dir: Path) -> None:
    code = (
        "import sys\nfrom questionnaire.cli import main\n"
        f"sys.stdout = open({str(tmp_path / 'out.txt')!r}, 'w')\n"
        f"main(['classify', {str(mot_dir / 'OLMo-7B.yml')!r}, '--json'])\nsys.stdout = sys.__stdout__"
    )
    loaded = _modules_after(code)
    assert "questionnaire.rules" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert (tmp_path / "out.txt").read_text().count('"tier"') == 1


def test_the_app_draws_on_a_120_a_second_grid_unless_the_user_sets_textuals_own() -> None:
    """Set before Textual reads it (its constants, when first imported), so that the frame after a key waits
    at most 1/120 s for the grid; a TEXTUAL_FPS the user set is kept."""
    import os

    code = (
        "import questionnaire.app.app\nfrom textual import constants, screen\n"
        "print(constants.MAX_FPS, screen.UPDATE_PERIOD)"
    )
    env = {key: value for key, value in os.environ.items() if key != "TEXTUAL_FPS"}
    for setting, expected in ((None, f"120 {1 / 120}"), ("30", f"30 {1 / 30}")):
        if setting is not None:
            env["TEXTUAL_FPS"] = setting
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=Path(__file__).parent.parent,
        )
        assert out.stdout.split() == expected.split()
