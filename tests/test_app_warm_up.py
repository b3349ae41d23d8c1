"""The welcome screen's background warm-up loads what every questionnaire needs, and not what one question
of fine-tunes needs (the known models read every shipped example's declaration, and pydantic with them:
some 14 MiB): those are read when the base model is asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
from questionnaire import lineage
from questionnaire.app.app import _known_models, _warm_up

_warm_up()
assert "pydantic" not in sys.modules, "the warm-up read declarations"
_known_models()
assert lineage.known_model("Llama-3.1-8B") is not None
print("ok")
"""


def test_the_warm_up_leaves_the_known_models_for_the_base_model_question() -> None:
    found = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0 and found.stdout.strip() == "ok", found.stderr
