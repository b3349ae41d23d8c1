"""The example declarations shipped with the package: real releases, and a few constructed teaching cases.

Each `questionnaire/examples/<slug>.toml` is a declaration built by `scripts/build_examples.py` from
`questionnaire/examples/answers/<slug>.toml`, an answers file that states every one of the 17 MOF
components, released or not, and whose `[sources]` table says where each fact was read and when (a
component's source under `components.<key>.license` when released, `components.<key>.released` when
not). Where the Model Openness Tool has a record of the same model, a component that departs from it says
why in its source note ("Departs from the MOT record ..."). A constructed teaching case, which describes no
real release, says so where people look: its name starts with "Constructed: " (kept when a table shortens the
name), its publisher is "constructed example", its release-wide source note begins "Constructed teaching case,
not a real release", and it names no download location. Core module: no Textual.

`list_examples()` reads `questionnaire/examples/index.json`, which the same script writes from the
declarations (what a list of examples shows: name, publisher, tier, the weights' licence and location,
the verdicts): a few kilobytes of JSON, where reading the declarations themselves takes pydantic and its
models (about 10 MiB and 200 ms of a start). A test checks the index against the declarations; without an
index (or with an unreadable one) the same fields are read from the declarations' TOML.

This module sits below the classifier: `questionnaire.lineage` reads the examples to know a fine-tune's
base model, and the classifier asks lineage. So it never imports the declaration or the rules; reading
the declarations in full (what the index is built and checked from) is `questionnaire.examples_index`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from questionnaire.errors import UserError
from questionnaire.resources import EXAMPLE_ANSWERS_DIR as ANSWERS_DIR
from questionnaire.resources import EXAMPLES_DIR
from questionnaire.vocabulary import tier_rank

GENERATED_AT = datetime(2026, 11, 27, tzinfo=UTC)  # fixed, so rebuilding is deterministic
CONSTRUCTED_PUBLISHER = "constructed example"
INDEX_FILE = EXAMPLES_DIR / "index.json"


@dataclass(frozen=True)
class Example:
    slug: str
    name: str
    publisher: str
    tier: str
    path: Path
    weights_license: str | None = None  # the final weights' licence as declared, when they are released
    weights_location: str | None = None
    repository: str | None = None
    verdicts: tuple[tuple[str, str], ...] = ()  # (framework id, its summary) as declared, in the frameworks' order

    @property
    def constructed(self) -> bool:
        """A constructed teaching case, not a real release."""
        return self.publisher == CONSTRUCTED_PUBLISHER


def _sorted(found: list[Example]) -> tuple[Example, ...]:
    return tuple(sorted(found, key=lambda e: (-tier_rank(e.tier), e.name.casefold(), e.slug)))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def example_of(path: Path, data: dict) -> Example:
    """The index's fields of a declaration, from its parsed TOML (`data`) as it is: what the index is built
    from (`examples_index.read_example`, once pydantic has checked the declaration) and, without an index,
    what the lists read."""
    model = data.get("model") or {}
    classification = data.get("classification") or {}
    weights = (data.get("components") or {}).get("model_parameters_final") or {}
    released = weights.get("released") is True
    return Example(
        slug=path.stem,
        name=str(model.get("name") or ""),
        publisher=_text(model.get("publisher")) or "",
        tier=str(classification.get("tier") or "closed"),
        path=path,
        weights_license=_text(weights.get("license")) if released else None,
        weights_location=_text(weights.get("location")) if released else None,
        repository=_text(model.get("repository")),
        verdicts=tuple(
            (str(verdict.get("id")), str(verdict.get("summary")))
            for verdict in classification.get("frameworks") or ()
            if isinstance(verdict, dict)
        ),
    )


def _from_declaration(path: Path) -> Example:
    from questionnaire.sources import parse_toml, read_text

    return example_of(path, parse_toml(read_text(str(path)), str(path)))


def _from_declarations() -> tuple[Example, ...]:
    return _sorted([_from_declaration(path) for path in EXAMPLES_DIR.glob("*.toml")])


def _from_index(text: str) -> tuple[Example, ...]:
    found = []
    for row in json.loads(text)["examples"]:
        path = EXAMPLES_DIR / row.pop("path")
        verdicts = tuple((str(framework), str(summary)) for framework, summary in row.pop("verdicts"))
        found.append(Example(path=path, verdicts=verdicts, **row))
    return _sorted(found)


@lru_cache(maxsize=1)
def _examples() -> tuple[Example, ...]:
    try:
        return _from_index(INDEX_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):  # no index, or not one this version reads
        return _from_declarations()


def list_examples() -> list[Example]:
    """The shipped examples, sorted by tier (most open first), then by name."""
    return list(_examples())


def example_path(slug: str) -> Path:
    """The declaration of the example `slug`; UserError naming the known slugs when there is none."""
    path = EXAMPLES_DIR / f"{slug}.toml"
    if "/" in slug or "\\" in slug or slug.startswith(".") or not path.is_file():
        known = ", ".join(sorted(e.slug for e in _examples()))
        raise UserError(f"no example {slug!r}; known examples: {known}")
    return path


__all__ = ["Example", "example_of", "list_examples", "example_path", "EXAMPLES_DIR", "ANSWERS_DIR", "GENERATED_AT"]
