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

from questionnaire.examples import EXAMPLES_DIR, Example, _sorted, example_of


def read_example(path: Path) -> Example:
    """The example a declaration file is, once it is read in full (pydantic): a declaration that is not
    valid is refused (UserError) rather than indexed."""
    from questionnaire.declaration import from_data
    from questionnaire.sources import parse_toml, read_text

    data = parse_toml(read_text(str(path)), str(path))
    from_data(data, path=str(path))
    return example_of(path, data)


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
