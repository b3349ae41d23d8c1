"""The project's modules byte-compiled before a bench times them, as `pip install .` leaves them.

The benches run the app and the CLI from this checkout. A `pip install .` byte-compiles the package it installs,
as it does every dependency (Textual's modules have their .pyc in site-packages); a checkout run with
PYTHONDONTWRITEBYTECODE set (as on this project's machines) would compile the project's own modules from source
at every start instead, a cost no installed copy pays. So each bench first writes the .pyc files of
`questionnaire/` into their usual `__pycache__` folders (git ignores them); py_compile writes them whatever
PYTHONDONTWRITEBYTECODE says."""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_project() -> str:
    """Compile `questionnaire/`; the line a bench prints to say so."""
    ok = compileall.compile_dir(str(ROOT / "questionnaire"), quiet=1)
    if not ok:
        raise SystemExit("bench: questionnaire/ does not byte-compile")
    return "the project's modules byte-compiled first, as `pip install .` leaves them (bench/compiled.py)"
