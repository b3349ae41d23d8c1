"""Import a Hugging Face model card (README.md, usually with YAML front matter) as answers.

A card says little about openness: the model's name, the licence of the weights (`license`, or
`license_name` and `license_link` when it is `other`), whether downloads go through an access form
(`extra_gated_prompt` or `extra_gated_fields`), the base model of a fine-tune (`base_model`, one or a
list) and the datasets it names (`datasets`). Those are the answers this import fills in: a base model
the tool knows (`questionnaire.lineage`) brings the licence of its weights, and the datasets are named in
a warning, since a card's list says neither that they are the complete training data nor under which
terms. Every other component and the data information are left for the questionnaire, and a warning
says so. The front matter is read with the same safe YAML reading as every other file.

The name is the one given (`openness declare --name`), else `model_name`, the `model-index` name, the
first `#` heading or a heading "Model Card for NAME" (the words "Model Card for" dropped), else the
folder holding a README.md (a clone of the model's repository is named after the model). A card without
front matter is read as one without metadata; one whose first heading is `##` (as Meta writes them) is
named after its folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questionnaire import ids
from questionnaire.errors import UserError
from questionnaire.text import answer_problem, one_line, quoted

# Hugging Face Hub's accepted `license:` identifiers (hub-docs repositories-licenses.md, licenses.md
# section 4). Any other licence is written `license: other` with `license_name` and `license_link`.
HF_LICENSE_TAGS = frozenset({
    "apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd", "bsd-2-clause", "bsd-3-clause",
    "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0",
    "cc-by-sa-3.0", "cc-by-sa-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0", "epl-1.0", "epl-2.0",
    "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl", "gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1",
    "lgpl-3.0", "isc", "h-research", "intel-research", "lppl-1.3c", "ms-pl", "apple-ascl", "apple-amlr",
    "mpl-2.0", "odc-by", "odbl", "openmdw-1.0", "openmdw-1.1", "openrail++", "osl-3.0", "postgresql",
    "ofl-1.1", "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr", "deepfloyd-if-license",
    "fair-noncommercial-research-license", "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4",
    "grok2-community", "gemma", "unknown", "other",
})  # fmt: skip

WEIGHTS = "model_parameters_final"  # the component a model card declares
MODALITY_OF_PIPELINE = {
    "text-generation": "text", "text2text-generation": "text", "fill-mask": "text", "text-classification": "text",
    "token-classification": "text", "question-answering": "text", "summarization": "text", "translation": "text",
    "feature-extraction": "text", "sentence-similarity": "text", "zero-shot-classification": "text",
    "table-question-answering": "text", "image-text-to-text": "multimodal", "visual-question-answering": "multimodal",
    "any-to-any": "multimodal", "text-to-image": "image", "image-to-image": "image",
    "image-classification": "image", "object-detection": "image", "image-segmentation": "image",
    "unconditional-image-generation": "image", "automatic-speech-recognition": "audio", "text-to-speech": "audio",
    "text-to-audio": "audio", "audio-classification": "audio", "audio-to-audio": "audio", "text-to-video": "video",
    "image-to-video": "video", "video-classification": "video",
}  # fmt: skip
_FENCE = re.compile(r"^---[ \t]*$")
# (the closing `#`s and blanks are stripped after the match: a lazy `(.+?)[ \t#]*$` tried every split of a
# long line, quadratic in its length; a card with one heading of 200,000 blanks took minutes)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_MODEL_CARD_FOR = re.compile(r"^model\s+card\s+for\b\s*:?\s*", re.IGNORECASE)
MAX_DATASETS_NAMED = 5


@dataclass(frozen=True)
class Imported:
    answers: dict[str, Any]
    warnings: tuple[str, ...]
    sources: dict[str, Any] = field(default_factory=dict)  # question id -> declaration.SourceEntry


def split_front_matter(text: str, path: str | None = None) -> tuple[str, str]:
    """(the YAML between the opening and closing `---` lines, the Markdown after it); ("", text) for a
    card without front matter."""
    lines = text.splitlines()
    if not lines or not _FENCE.match(lines[0]):
        return "", text
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise UserError("has an unclosed YAML front matter: no closing '---' line", path=path)


def _string(meta: Mapping[str, Any], key: str, path: str | None) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UserError(f"front matter {key} should be a single string, not {type(value).__name__}", path=path)
    return str(value).strip() or None


def _heading(body: str) -> str | None:
    """The name a card's headings give (outside code blocks): the first `#` heading, else a heading
    "Model Card for NAME" of any level; "Model Card for" is dropped either way."""
    in_code, titled = False, None
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        found = None if in_code else _HEADING.match(line)
        text = found.group(2).rstrip(" \t#").strip() if found else ""
        if not text:
            continue
        named = _MODEL_CARD_FOR.sub("", text).strip()
        if len(found.group(1)) == 1:
            return named or None
        if titled is None and named != text and named:
            titled = named
    return titled


def _folder_name(path: str | None) -> str | None:
    """The folder holding a README.md: a clone of a model's repository bears the model's name."""
    if not path or Path(path).name.casefold() != "readme.md":
        return None
    return Path(path).resolve().parent.name.strip() or None


def _strings(meta: Mapping[str, Any], key: str) -> list[str]:
    """A front matter field that holds one string or a list of them, as a list (other items dropped)."""
    value = meta.get(key)
    items = value if isinstance(value, list) else [value]
    found = [
        str(item).strip()
        for item in items
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip()
    ]
    return list(dict.fromkeys(found))


def _licence_from_tag(tag: str) -> str:
    """The declaration's licence string for a card's `license:` tag: the licence's id when the tag is
    that licence's own Hugging Face tag (apache-2.0 -> Apache-2.0, llama3.1 -> LicenseRef-Llama-3.1, so
    that the MOF result, which counts exact SPDX ids only, reads it as MOT would), else the tag as written."""
    from questionnaire import licenses

    match = licenses.lookup(tag)
    if match.license is not None and match.known and match.license.hf_tag == tag:
        return match.license.id
    return tag


def import_card(text: str, *, path: str | None = None, name: str | None = None) -> Imported:
    """Answers from a model card's text; UserError for broken front matter or a card that names no model
    (`name`, when given, is the model's name whatever the card says)."""
    from questionnaire.sources import parse_yaml

    front, body = split_front_matter(text.lstrip("\ufeff"), path)
    meta = parse_yaml(front, path or "model card") if front.strip() else {}
    if meta is None:
        meta = {}
    if not isinstance(meta, Mapping):
        raise UserError("front matter should be a YAML mapping (key: value lines)", path=path)
    warnings: list[str] = []

    name = name.strip() if isinstance(name, str) and name.strip() else _string(meta, "model_name", path)
    if name is None:
        index = meta.get("model-index")
        if (
            isinstance(index, list)
            and index
            and isinstance(index[0], Mapping)
            and isinstance(index[0].get("name"), str)
        ):
            name = index[0]["name"].strip() or None
    name = name or _heading(body)
    if not name:
        name = _folder_name(path)
        if name:
            warnings.append(
                f"the card names no model (no model_name and no '# Name' heading): it is named after "
                f"its folder, {quoted(name)}; give another name with `openness declare --name`"
            )
    if not name:
        raise UserError(
            "names no model: add model_name to the front matter or a '# Name' heading, or give the "
            "name with `openness declare --name`",
            path=path,
        )
    answers: dict[str, Any] = {ids.NAME: name}

    pipeline = _string(meta, "pipeline_tag", path)
    if pipeline in MODALITY_OF_PIPELINE:
        answers[ids.MODALITY] = MODALITY_OF_PIPELINE[pipeline]
    warnings += _lineage(answers, _strings(meta, "base_model"))
    datasets = _strings(meta, "datasets")
    if datasets:
        named = ", ".join(one_line(d) for d in datasets[:MAX_DATASETS_NAMED])
        more = f" and {len(datasets) - MAX_DATASETS_NAMED} more" if len(datasets) > MAX_DATASETS_NAMED else ""
        warnings.append(
            f"the card names datasets ({named}{more}): they are not declared as released and the data "
            "information counts as not published; if they are the training data, answer the Datasets "
            "component and the data information in the app"
        )

    tag = _string(meta, "license", path)
    sources: dict[str, Any] = {}
    licence: str | None
    if tag is None:
        licence = None
        warnings.append(
            "the card has no license: the final weights are declared as released without a licence; "
            "answer their licence in the app"
        )
    elif tag.lower() == "other":
        licence = _string(meta, "license_name", path)
        if licence is None:
            warnings.append(
                "the card says license: other but gives no license_name; answer the licence of the "
                "final weights in the app"
            )
        else:
            licence = _licence_from_tag(licence)
        link = _string(meta, "license_link", path)
        problem = answer_problem(link) if link else None
        if problem is not None:  # refused as the card's other texts are (loading._shown_as_text)
            raise UserError(f"front matter license_link: {problem}", path=path)
        if link and re.match(r"^https?://\S+$", link):
            from datetime import date

            from questionnaire.declaration import SourceEntry

            sources[ids.component(WEIGHTS, ids.LICENSE)] = SourceEntry(
                url=link, checked=date.today(), note=f"license_link of the model card {one_line(path or '')}".strip()
            )
    else:
        if tag.lower() not in HF_LICENSE_TAGS:
            warnings.append(f"license {quoted(tag)} is not one of Hugging Face's licence tags")
        licence = _licence_from_tag(tag)
    answers[ids.component(WEIGHTS, ids.RELEASED)] = True
    answers[ids.component(WEIGHTS, ids.LICENSE)] = licence if licence is not None else "unlicensed"
    gated = [key for key in ("extra_gated_prompt", "extra_gated_fields") if key in meta]
    if gated:
        answers[ids.component(WEIGHTS, ids.ACCESS)] = "click_through"
        warnings.append(
            f"the card has an access form ({' and '.join(gated)}): the weights are declared "
            "as behind a click-through; if requests are approved by hand, answer 'approval' in the app"
        )
    else:
        answers[ids.component(WEIGHTS, ids.ACCESS)] = "public"
    warnings.append(
        "only the final weights are declared from the model card: the other 16 components (code, data, "
        "documents) and the data information count as not released until they are answered in the app"
    )
    return Imported(answers, tuple(warnings), sources)


def _lineage(answers: dict[str, Any], bases: list[str]) -> list[str]:
    """A fine-tune's base model(s) into the answers, with the base licence when the tool knows every base."""
    from questionnaire import lineage

    if not bases:
        return []
    base = ", ".join(bases)
    found = lineage.find(base)
    lineage.set_base(answers, base, found)
    if found is None:
        return [
            f"the base model {quoted(base)} is not one the tool knows: answer the licence of its weights "
            "and its data information in the app; until then they count as not open, so the release is at "
            "most partially open"
        ]
    return [
        f"the base model's weights are declared under {one_line(found.license)}, because {one_line(found.reason)}; "
        "check it, and answer the base model's data information in the app (until then it counts as not "
        "published)"
    ]


__all__ = ["HF_LICENSE_TAGS", "Imported", "import_card", "split_front_matter"]
