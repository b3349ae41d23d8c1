"""The export formats, written once: the CLI's choices and help, and the exporters' table, read this.

A light module: importing it loads neither the classifier nor any exporter. Core: no Textual.
"""

from __future__ import annotations

FORMATS: dict[str, str] = {
    "markdown": "a Markdown report",
    "json": "the declaration as JSON",
    "mot": "a Model Openness Tool model record (YAML)",
    "hf": "Hugging Face model card fields (YAML)",
    "badge": "an SVG badge of the tier",
}


def described() -> str:
    """'markdown (a Markdown report), json (...), ...': the formats and what each gives, for a help text."""
    return ", ".join(f"{name} ({what})" for name, what in FORMATS.items())


__all__ = ["FORMATS", "described"]
