"""The index of the shipped examples (`questionnaire/examples/index.json`), built from the declarations
read in full (pydantic), as `scripts/build_examples.py` writes it and a test checks it.

Kept apart from `questionnaire.examples`, which reads the index: reading a declaration in full takes the
declaration's models and the classifier, which ask `questionnaire.lineage`, which reads the examples.
Core module: no Textual.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from questionnaire.examples import EXAMPLES_DIR, Example, _sorted


def read_example(path: Path) -> Example:
    """The example a declaration file is, read in full (pydantic): what the index is built from."""
    from questionnaire.declaration import from_data
    from questionnaire.sources import parse_toml, read_text

    decl = from_data(parse_toml(read_text(str(path)), str(path)), path=str(path))
    weights = decl.components.get("model_parameters_final")
    released = weights is not None and weights.released
    return Example(
        slug=path.stem,
        name=decl.model.name,
        publisher=decl.model.publisher or "",
        tier=decl.classification.tier,
        path=path,
        weights_license=weights.license if released else None,
        weights_location=weights.location if released else None,
        repository=decl.model.repository,
        verdicts=tuple((v.id, v.summary) for v in decl.classification.frameworks),
    )


def read_examples() -> tuple[Example, ...]:
    """Every shipped declaration read in full, sorted as `list_examples` sorts them."""
    return _sorted([read_example(path) for path in EXAMPLES_DIR.glob("*.toml")])


def index_text(examples: tuple[Example, ...]) -> str:
    """The index file's text for these examples (paths relative to the examples folder)."""
    rows = []
    for example in examples:
        row = asdict(example)
        row["path"] = example.path.name
        row["verdicts"] = [list(pair) for pair in example.verdicts]
        rows.append(row)
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    return '{"examples": [\n' + lines + "\n]}\n"


__all__ = ["index_text", "read_example", "read_examples"]
