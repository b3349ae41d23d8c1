from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MOT_MODELS = ROOT.parent / "shared" / "data" / "mot" / "models"

# The suite keeps Python's bytecode caches (the usual __pycache__ folders, which git ignores) even where
# PYTHONDONTWRITEBYTECODE is set, as it is on this project's machines. Without them every xdist worker
# compiles the project and rewrites the assertions of every test module and pytest plugin from source, and
# so does each `python -m questionnaire` a test starts: about a quarter of the suite's CPU. Set here, before
# the workers and those processes start, so that they inherit it; where the variable is not set this
# changes nothing.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
    sys.dont_write_bytecode = False


def read_yaml(text: Any) -> Any:
    """What PyYAML's safe loader reads, with its libyaml parser when PyYAML has it (ten times faster on the
    273 MOT records; the same values)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def mot_files() -> list[Path]:
    return sorted(MOT_MODELS.glob("*.yml"))


# Young objects between two of Python's young collections in a test process (Python's default: 700). An app
# test makes and drops objects by the hundred thousand (each line Textual draws is a Strip with seven caches);
# at 700 the collector ran several times per answer and its full collections a few times per test, about a
# third of the CPU of the app tests. The app's own policy (app.py, `_collect_when_idle`) is off in tests.
YOUNG_COLLECTION_EVERY = 20_000


def pytest_configure(config: pytest.Config) -> None:
    import gc

    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
    _share_parsed_css()
    _slow_pilot(os.environ.get("OPENNESS_TESTS_SLOW_PILOT"))


def _slow_pilot(seconds: str | None) -> None:
    """OPENNESS_TESTS_SLOW_PILOT=0.08: every key and click of a Pilot test is followed by that many seconds
    of sleep, as on a loaded machine, so that the app's timers (a catch-up frame, a collection after a
    screen change) fire between the test's steps. A test that relies on their not firing fails then. Off by
    default; the app tests pass with it too."""
    if not seconds:
        return
    import asyncio

    from textual.pilot import Pilot

    delay = float(seconds)
    press, click = Pilot.press, Pilot.click

    async def slow_press(self: Any, *keys: str) -> None:
        for key in keys:
            await press(self, key)
            await asyncio.sleep(delay)

    async def slow_click(self: Any, *args: Any, **kwargs: Any) -> Any:
        clicked = await click(self, *args, **kwargs)
        await asyncio.sleep(delay)
        return clicked

    Pilot.press, Pilot.click = slow_press, slow_click  # type: ignore[method-assign]


# At most this many parsed CSS sources kept per test process (the app and its widgets have about 60).
PARSED_CSS_KEPT = 512


def _share_parsed_css() -> None:
    """Every app of a test process reuses the rules parsed from the same CSS with the same variables.

    Textual keeps parsed rules per stylesheet, so each new app parses the CSS of every widget it shows again:
    some 50 ms of CPU per app test, a tenth of it, that the user's one app pays once per run. The rules are
    not changed once parsed (a stylesheet reuses them itself when it parses again); the key holds all that
    the parse reads: the text, where it came from, its kind, its scope and the theme's variables. A source
    that fails to parse raises as before and is not kept.

    Uses private Textual API (8.x): Stylesheet._parse_rules and _variables. Were they renamed, this does
    nothing and the suite is only slower."""
    from textual.css.stylesheet import Stylesheet

    parse = getattr(Stylesheet, "_parse_rules", None)
    if parse is None or getattr(parse, "shared", False):
        return
    parsed: dict[tuple[Any, ...], Any] = {}

    def parse_once(self: Any, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        variables = getattr(self, "_variables", None)
        if not isinstance(variables, dict):
            return parse(self, css, read_from, *args, **kwargs)
        # the variables' part of the key, made once per variables: Textual gives a stylesheet new variables
        # as a new dict (Stylesheet.set_variables), and its own cache of parsed rules relies on that too
        known = getattr(self, "_shared_variables", None)
        if known is None or known[0] is not variables:
            known = self._shared_variables = (variables, tuple(sorted(variables.items())))
        key = (css, read_from, args, tuple(sorted(kwargs.items())), known[1])
        rules = parsed.get(key)
        if rules is None:
            rules = parse(self, css, read_from, *args, **kwargs)
            if len(parsed) >= PARSED_CSS_KEPT:
                parsed.clear()
            parsed[key] = rules
        return rules

    parse_once.shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_once  # type: ignore[method-assign]


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """After each test that ran an app: Textual's memo of widgets' backgrounds forgotten, as the app does
    before its own collections (app.py, `_forget_drawn_widgets`). It keeps the last 1024 widgets' caches of
    drawn lines alive after their app has ended: some 100,000 objects a worker that every full collection
    walks, and that the next test never reuses."""
    app_module = sys.modules.get("questionnaire.app.app")
    if app_module is not None:
        app_module._forget_drawn_widgets()


def pytest_unconfigure(config: pytest.Config) -> None:
    """At the end of a session (each xdist worker's too): the garbage collected once, then what is left
    frozen. pytest collects five more times after this, to report exceptions raised by finalizers (what
    this collection frees is reported too: its hook is still in place). A worker that ran many app tests
    holds some 300,000 objects, 0.2 to 0.5 s a full collection on a quiet machine; five of them on a loaded
    one outlast the 5 s execnet gives a worker to stop, and it interrupts the worker (a KeyboardInterrupt
    warning after the last test). Frozen, the objects are not scanned again."""
    import gc

    gc.collect()
    gc.freeze()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): two workers a core. An app test spends much of its time asleep,
    waiting for the app to go idle after each key; a second worker on the core uses that time."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture
def mot_dir() -> Path:
    if not MOT_MODELS.is_dir():
        pytest.skip("the MOT records are not beside this checkout (../shared/data/mot/models)")
    return MOT_MODELS


# The answers to the self-assessed terms of a licence that make it open terms (true = the licence allows it,
# for the first three; true = the licence has that clause, for the rest). Written here, not read from the code.
FAVOURABLE_TERMS: dict[str, bool] = {
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


def open_source_answers(**overrides: object) -> dict[str, object]:
    """Answers for a release that meets OSAID 1.0: every component public under open licences."""
    answers: dict[str, object] = {"identity.name": "Example-7B", "development.supporting_libraries_used": False}
    code = {"model_architecture", "training_code", "inference_code", "data_preprocessing_code", "evaluation_code"}
    for key in code:
        answers.update(
            {
                f"components.{key}.released": True,
                f"components.{key}.license": "Apache-2.0",
                f"components.{key}.access": "public",
            }
        )
    for key in ("model_parameters_final", "datasets", "model_card", "data_card", "technical_report"):
        answers.update(
            {
                f"components.{key}.released": True,
                f"components.{key}.license": "CC-BY-4.0",
                f"components.{key}.access": "public",
            }
        )
    answers.update(
        {
            "data_information.description": True,
            "data_information.description_license": "CC-BY-4.0",
            "data_information.public_list": "published",
            "data_information.public_list_license": "CC-BY-4.0",
            "data_information.third_party_list": "none_used",
        }
    )
    answers.update(overrides)
    return answers


class _Output(io.StringIO):
    """What the command writes, kept as text; UTF-8 like the pipe a subprocess writes to (a bare StringIO
    has no encoding, which the CLI would take for a terminal that cannot show "✓")."""

    encoding = "utf-8"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`openness ARGS...` as a user runs it, from this checkout, in this process: `cli.main` with stdout and
    stderr captured and the exit code it returns (or that argparse exits with). The same result as the
    command, without starting Python again. For what only a process shows (the environment, the real entry
    point, signals), use `run_process`."""
    from questionnaire import cli

    out, err, here = _Output(), _Output(), os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["openness", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """`openness ARGS...` as a user runs it, from this checkout, in a new process (`python -m questionnaire`)."""
    return subprocess.run(
        [sys.executable, "-m", "questionnaire", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A copy of the shipped question bank, to change in a test (`replace_once`)."""
    import shutil

    from questionnaire.resources import shipped_questions_dir

    target = tmp_path / "questions"
    shutil.copytree(shipped_questions_dir(), target)
    return target


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be in the file exactly once, with `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} found {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_answers(path: Path, answers: dict) -> Path:
    """Flat answers written as an answers TOML file."""
    import tomli_w

    from questionnaire.answers import nest

    path.write_text(tomli_w.dumps(nest(answers)), encoding="utf-8")
    return path
