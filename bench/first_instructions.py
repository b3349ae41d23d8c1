"""The work to the first screen as a count of instructions, the app's and the minimal Textual app's: a
diagnostic for issue 11's first-screen target that a busy machine does not blur.

    python bench/first_instructions.py

On a shared machine the wall clock and even the CPU time of a start move by 10% from run to run, more than
what a change to the first screen saves. The instructions a process executes do not: each child runs under
valgrind (cachegrind, no cache simulation: a count of the instructions executed, the same from run to run to a
few in a million) with a fixed hash seed and a fresh data folder, and ends itself (os._exit) on the first frame
of its first screen, headless (80x24). Three children, each importing bench/app_speed.py first as its own
children do: the minimal app of app_speed.py (a Header, a Static, two Labels and a Footer), the app
(OpennessApp, as app_speed.py starts it), and the app through its entry point (`openness` with no
arguments, on Textual's headless driver), as bench/app_tmux.py starts it. Printed:
millions of instructions and the ratio to the minimal app. Not a target (exit 0; 2 without valgrind); the
targets are the wall-clock ones of bench/app_speed.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, sys
sys.path.insert(0, os.path.join(os.getcwd(), "bench"))
from textual.app import App
kind = sys.argv[1]
original = App._display
def display(self, screen, renderable):
    original(self, screen, renderable)
    if renderable is not None and (kind == "minimal" or type(screen).__name__ == "WelcomeScreen"):
        os._exit(0)
App._display = display
from app_speed import minimal_app  # (every child imports the bench module, as app_speed.py's children do)
if kind == "minimal":
    minimal_app().run(headless=True, size=(80, 24))
elif kind == "app":
    from questionnaire.app.app import OpennessApp
    OpennessApp().run(headless=True, size=(80, 24))
else:
    from questionnaire.cli import main
    main([])
"""
KINDS = (("minimal", "minimal app"), ("app", "app (OpennessApp)"), ("entry", "app (openness, entry point)"))


def instructions(kind: str, data_dir: str) -> int:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        PYTHONHASHSEED="0",
        OPENNESS_DATA_DIR=data_dir,
        TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
    )
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            CHILD,
            kind,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"{kind}: no instruction count (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install -y valgrind)", file=sys.stderr)
        return 2
    from compiled import compile_project

    print(compile_project())
    counts = {}
    for kind, _ in KINDS:
        with tempfile.TemporaryDirectory() as data_dir:  # no draft, keymap or preferences
            counts[kind] = instructions(kind, data_dir)
    print("instructions to the first frame of the first screen (headless, 80x24, no data files):")
    for kind, label in KINDS:
        print(f"  {label:<28} {counts[kind] / 1e6:8.1f} M   {counts[kind] / counts['minimal']:.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
