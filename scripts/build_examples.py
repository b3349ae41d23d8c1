"""Build the shipped example declarations from their answers files.

    python scripts/build_examples.py            # rebuild every questionnaire/examples/<slug>.toml, and index.json
    python scripts/build_examples.py --check    # exit 1 when a shipped declaration or the index is out of date

Each `questionnaire/examples/answers/<slug>.toml` (answers stating all 17 components, released or not,
plus a `[sources]` table with a source for each) becomes `questionnaire/examples/<slug>.toml`, with a fixed
`generated_at`, so rebuilding is deterministic. An answers file that leaves a component unstated is refused.
Then `questionnaire/examples/index.json`, what the lists of examples show, is written from the declarations
(`questionnaire.examples_index.index_text`), so that listing them needs no pydantic.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionnaire import declaration, ids, loading  # noqa: E402
from questionnaire.examples import ANSWERS_DIR, EXAMPLES_DIR, GENERATED_AT, INDEX_FILE  # noqa: E402
from questionnaire.examples_index import index_text, read_examples  # noqa: E402


def build_one(answers_path: Path) -> declaration.Declaration:
    from questionnaire.components import QUESTION_ORDER

    source = loading.load(str(answers_path))
    if source.kind != "answers":
        raise SystemExit(f"{answers_path}: is not an answers file")
    unstated = [key for key in QUESTION_ORDER if ids.component(key, ids.RELEASED) not in source.answers]
    if unstated:  # an example says what it knows of every component; silence is not "not released"
        raise SystemExit(f"{answers_path}: does not say whether these components are released: {', '.join(unstated)}")
    return declaration.build(source.answers, sources=source.sources, generated_at=GENERATED_AT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale declarations instead of writing them")
    args = parser.parse_args(argv)
    stale = 0
    for answers_path in sorted(ANSWERS_DIR.glob("*.toml")):
        decl = build_one(answers_path)
        target = EXAMPLES_DIR / answers_path.name
        if args.check:
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != declaration.to_toml(decl):
                print(f"{target.relative_to(ROOT)}: out of date")
                stale += 1
            continue
        declaration.write(decl, target, force=True)
        verdicts = ", ".join(f"{v.short_title} {v.summary}" for v in decl.classification.frameworks)
        print(f"{target.relative_to(ROOT)}: {decl.classification.tier}; {verdicts}")
    examples = read_examples()
    index = index_text(examples)
    if args.check:
        if not INDEX_FILE.exists() or INDEX_FILE.read_text(encoding="utf-8") != index:
            print(f"{INDEX_FILE.relative_to(ROOT)}: out of date")
            stale += 1
    else:
        INDEX_FILE.write_text(index, encoding="utf-8")
        print(f"{INDEX_FILE.relative_to(ROOT)}: {len(examples)} examples")
    return 1 if stale else 0


if __name__ == "__main__":
    assert GENERATED_AT == datetime(2026, 11, 27, tzinfo=UTC)
    raise SystemExit(main())
