"""Exports of a declaration: a Markdown report, JSON, a MOT model record, Hugging Face card fields, a badge.

Every exporter takes a `Declaration` and returns an `Exported` (the text, and warnings about anything the
format cannot carry). `declaration_for(source)` gives the declaration to export from anything
`loading.load` reads: a declaration as stored (refused, naming each field, when any derived field differs
from what its answers give), or a fresh one built from answers, a MOT record or a model card. `write_text`
writes atomically and never replaces a file unless forced.

The MOT export lists each released component with its licence string as declared (SPDX ids and
expressions exactly, so MOT's MOF class is the declaration's), except that an AI licence with no SPDX id
is written by the name MOT's own records use for it ("Llama 3.1 Community License Agreement", not
`LicenseRef-Llama-3.1`; `mot.license_as_mot_writes`), with the recorded source of each licence as its
`license_path`. The architecture is mapped to MOT's values (`mot_architecture`), and `release.date`, which
every MOT record has, is the version answer when that is a date, else the day the declaration was made
(no question asks for the release's date; the file's header says which). A MOT record has no access field
and no data-information fields, so
`to_mot` reads its own output back (as `openness classify` would) and says what did not survive, in its
warnings and as comments at the top of the file. A component that is not downloadable, under a licence
MOT does not count as open, is written with MOT's own marker, "Component not included (LICENCE)", which
the importer reads back as not downloadable. When the reading gives another tier or MOF class and some
component is gated, a second try writes the gated components with that marker too; the try that keeps
both wins, else the first, with a warning that names the difference. A click-through reads back as
public: the tier stays (a click-through of open terms is fine for open-weight and open source), only the
OSAI-style weights grade moves. Self-assessed terms are not carried, and the data information is what the
importer derives from an openly licensed Data card plus Technical report or Research paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from questionnaire import ids, vocabulary
from questionnaire.components import BY_KEY, QUESTION_ORDER
from questionnaire.errors import UserError
from questionnaire.export_formats import FORMATS
from questionnaire.frameworks import grade_counts
from questionnaire.text import json_text, one_line, plain, quoted
from questionnaire.vocabulary import TIER_COLOURS, TIER_WORDS

WEIGHTS = "model_parameters_final"
MOT_FRAMEWORK = "mof"  # the framework a MOT record carries: its class must survive the export


@dataclass(frozen=True)
class Exported:
    text: str
    warnings: tuple[str, ...] = ()
    suffix: str = ".txt"


# ---------------------------------------------------------------- the declaration to export


def declaration_for(source: Any) -> Any:
    """The declaration of a loaded source. A stored declaration is exported as stored, once every field
    it derives from its answers is checked (`declaration.StaleDeclaration` otherwise, as `openness check`)."""
    from questionnaire import declaration

    if source.kind == "declaration":
        return declaration.verified(source)
    return declaration.build(source.answers, sources=source.sources)


def export(decl: Any, fmt: str) -> Exported:
    exporters = {"markdown": to_markdown, "json": to_json, "mot": to_mot, "hf": to_hf, "badge": to_badge}
    assert set(exporters) == set(FORMATS), "export_formats.FORMATS and the exporters must list the same formats"
    if fmt not in exporters:
        raise UserError(f"unknown format {quoted(fmt)}; the formats are: {', '.join(FORMATS)}")
    return exporters[fmt](decl)


# ---------------------------------------------------------------- writing


def write_text(path: str, text: str, *, force: bool = False) -> Path:
    """Write atomically (a temporary file beside the target, then a rename); refuse to replace a file
    unless forced."""
    from questionnaire import files

    return files.write_text(path, text, force=force)


# ---------------------------------------------------------------- JSON


def to_json(decl: Any) -> Exported:
    data = decl.model_dump(mode="json", by_alias=True, exclude_none=True)
    return Exported(json_text(data, indent=2) + "\n", suffix=".json")


# ---------------------------------------------------------------- Markdown


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]\"'`|\\]+$")


def md(text: Any) -> str:
    """Text from a file as Markdown text: one line, control codes visible, markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_link(url: Any, label: str | None = None) -> str:
    text = one_line(url)
    if _SAFE_URL.match(text):
        return f"[{md(label)}]({text})" if label else f"<{text}>"
    return md(text)


def to_markdown(decl: Any) -> Exported:
    c = decl.classification
    name = md(decl.model.name)
    tier_word = TIER_WORDS[c.tier]
    lines = [
        f"<!-- Generated by {md(c.generator)} (ruleset {md(c.ruleset_version)}) from a declaration; "
        "edit the declaration, not this text. -->",
        f"## How open is {name}?",
        "",
        f"**{tier_word[0].upper() + tier_word[1:]}** (tier `{c.tier}`), as declared by "
        f"{md(decl.model.publisher) if decl.model.publisher else 'the publisher'} and classified by "
        f"{md(c.generator)} on {c.generated_at.date().isoformat()}.",
        "",
        *_lineage_lines(decl),
        "### Why",
        "",
    ]
    lines += [f"- {md(reason.text)}" for reason in c.reasons]
    lines += ["", "### Verdicts", "", "| Framework | Verdict |", "|---|---|"]
    notes = []
    for verdict in c.frameworks:
        detail = ", ".join(f"{m.id} {m.text}" for m in verdict.measures) or (
            grade_counts(verdict.requirements) if any(r.grade for r in verdict.requirements) else ""
        )
        cell = md(verdict.summary) + (f" ({md(detail)})" if detail else "")
        lines.append(f"| {md_link(verdict.url, verdict.title)} | {cell} |")
        notes += [f"- {md(verdict.short_title)}: {md(note)}" for note in verdict.notes]
    if notes:
        lines += ["", "### Notes on the verdicts", "", *notes]
    lines += ["", "### Components", ""]
    with_location = any(entry.location for entry in decl.components.values())
    lines.append("| Component | Released | Licence | Access | Open terms |" + (" Where |" if with_location else ""))
    lines.append("|---|---|---|---|---|" + ("---|" if with_location else ""))
    for key in QUESTION_ORDER:
        entry = decl.components.get(key)
        if entry is None:
            continue
        if entry.released:
            licence = "no licence" if entry.license in (None, "", "unlicensed") else md(entry.license)
            if entry.license_id and entry.license_id != entry.license:
                licence += f" ({md(entry.license_id)})"
            row = [
                md(entry.name),
                "yes",
                licence,
                vocabulary.access(entry.access).words,
                "yes" if entry.open_terms else "no",
            ]
        else:
            row = [md(entry.name), "no", "", "", ""]
        if with_location:
            row.append(md_link(entry.location, "link") if entry.location and entry.released else "")
        lines.append("| " + " | ".join(row) + " |")
    lines += _model_lines(decl)
    if c.next_tier is not None:
        lines += ["", f"### To reach {TIER_WORDS[c.next_tier.tier]}", ""]
        lines += [f"- {md(change)}" for change in c.next_tier.changes]
    if decl.sources:
        lines += ["", "### Sources", ""]
        for qid, source in decl.sources.items():
            note = f": {md(source.note)}" if source.note else ""
            lines.append(
                f"- `{one_line(qid).replace('`', '')}`: {md_link(source.url)} "
                f"(checked {source.checked.isoformat()}){note}"
            )
    if c.warnings:
        lines += ["", "### Warnings", ""]
        lines += [f"- {md(warning)}" for warning in c.warnings]
    lines += ["", "_Declared by the publisher; not legal advice._", ""]
    return Exported("\n".join(lines), suffix=".md")


def _model_lines(decl: Any) -> list[str]:
    """The declaration's `[model]` table, whatever the bank's identity questions are: one row per answer,
    asked as its question asks it (the bank's prompt), answered as the app shows it."""
    from questionnaire import ids
    from questionnaire.answers import flatten
    from questionnaire.bank import load_bank

    bank = load_bank()
    rows, title = [], "The model"
    for key, value in flatten(decl.model.model_dump(by_alias=True, exclude_none=True)).items():
        question = bank.by_id.get(f"{ids.IDENTITY}.{key}")
        if question is None:
            rows.append(f"| `{md(key)}` | {_md_value(value)} |")
            continue
        title = bank.section(question.section).title
        choice = question.choice(value) if question.type in ("bool", "choice") else None
        rows.append(f"| {md(question.prompt)} | {md(choice.label) if choice is not None else _md_value(value)} |")
    if not rows:
        return []
    return ["", f"### {md(title)}", "", "| Question | Answer |", "|---|---|", *rows]


def _md_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return md_link(value) if _SAFE_URL.match(one_line(value)) else md(value)


def _lineage_lines(decl: Any) -> list[str]:
    """A fine-tune's base model and the licence of its weights, as the classifier read them: a paragraph."""
    from questionnaire.licenses import is_unlicensed
    from questionnaire.rules import read_release

    base = read_release(decl.flat_answers()).base
    if base is None:
        return []
    text = f"A fine-tune of **{md(base.name)}**" if base.name else "A fine-tune of a base model not named"
    license_ = base.license
    if license_ is not None:
        shown = md(base.license_label) + (f" ({md(license_.id)})" if license_.id != base.license_label else "")
        text += f", whose weights are under {shown}: " + (
            "open terms." if base.open_terms else "not open terms, which bind this release too."
        )
    elif not (base.license_text or "").strip():
        text += ", whose weights' licence is not given, so it counts as not open."
    elif is_unlicensed(base.license_text):
        text += ", whose weights are released without a licence, which grants no rights to build on them."
    else:
        text += (
            f", whose weights are under {md(base.license_text)}, a licence the tool does not know, so it "
            "counts as not open."
        )
    text += (
        " Its training data is described as OSAID asks."
        if base.data_information
        else " Its training data is not described as OSAID asks (or this is not answered)."
    )
    return [text, ""]


# ---------------------------------------------------------------- MOT model record


MOT_DESCRIPTIONS = {  # MOT's own component descriptions (sample_model.yml)
    "model_architecture": "Well commented code for the model's architecture",
    "data_preprocessing_code": "Code for data cleansing, normalization, and augmentation",
    "training_code": "Code used for training the model",
    "inference_code": "Code used for running the model to make predictions",
    "evaluation_code": "Code used for evaluating the model",
    "supporting_libraries": "Libraries and tools used in the model's development",
    "model_parameters_final": "Trained model parameters, weights and biases",
    "model_parameters_intermediate": "Trained model parameters, weights and biases",
    "datasets": "Training, validation and testing datasets used for the model",
    "evaluation_data": "Data used for evaluating the model",
    "model_metadata": "Any model metadata including training configuration and optimizer states",
    "sample_model_outputs": "Examples of outputs generated by the model",
    "model_card": "Model details including performance metrics, intended use, and limitations",
    "data_card": "Documentation for datasets including source, characteristics, and preprocessing details",
    "technical_report": "Technical report detailing capabilities and usage instructions for the model",
    "research_paper": "Research paper detailing the development and capabilities of the model",
    "evaluation_results": "The results from evaluating the model",
}
MOT_ORDER = (
    "model_architecture",
    "data_preprocessing_code",
    "training_code",
    "inference_code",
    "evaluation_code",
    "supporting_libraries",
    "model_parameters_final",
    "model_parameters_intermediate",
    "datasets",
    "evaluation_data",
    "model_metadata",
    "sample_model_outputs",
    "model_card",
    "data_card",
    "technical_report",
    "research_paper",
    "evaluation_results",
)  # as sample_model.yml lists them
MOT_TYPES = {
    "text": "language",
    "code": "code",
    "image": "image",
    "audio": "audio",
    "video": "video",
    "multimodal": "multimodal",
    "other": "other",
}
MOT_ARCHITECTURES = (
    "transformer",
    "transformer decoder",
    "transformer encoder-decoder",
    "decoder",
    "encoder",
    "diffusion",
    "RNN",
    "CNN",
    "LSTM",
    "NeRF",
    "hybrid",
    "undisclosed",
    "other",
)
NOT_INCLUDED = "Component not included"
# Free text to MOT's architecture values: the first rule whose words all occur in the text (lower case,
# parenthesised details dropped, "encoder-decoder" kept as one word) gives the value. Most specific first.
_ARCHITECTURE_RULES = (
    (("hybrid",), "hybrid"),
    (("diffusion",), "diffusion"),
    (("nerf",), "NeRF"),
    (("transformer", "encoder-decoder"), "transformer encoder-decoder"),
    (("transformer", "decoder"), "transformer decoder"),
    (("lstm",), "LSTM"),
    (("rnn",), "RNN"),
    (("recurrent",), "RNN"),
    (("cnn",), "CNN"),
    (("convolutional",), "CNN"),
    (("transformer",), "transformer"),
    (("decoder",), "decoder"),
    (("encoder",), "encoder"),
    (("undisclosed",), "undisclosed"),
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GATE_WORDS = {access: vocabulary.access(access).words for access in ("click_through", "approval", "on_request")}


def mot_architecture(text: str) -> str:
    """MOT's architecture value for a free-text architecture: an exact value (any case) as it is, else
    by `_ARCHITECTURE_RULES` ("transformer decoder (GPT-NeoX)" is a "transformer decoder"), else "other"."""
    exact = next((a for a in MOT_ARCHITECTURES if a.lower() == text.strip().lower()), None)
    if exact is not None:
        return exact
    plain = re.sub(r"\([^()]*\)", " ", text.lower())
    words = set(re.findall(r"encoder-decoder|[a-z0-9]+", plain))
    return next((value for needed, value in _ARCHITECTURE_RULES if words.issuperset(needed)), "other")


def mot_release_date(decl: Any) -> tuple[str, str]:
    """The release date for a MOT record (which every record has) and where it comes from: the version
    answer when it is a date (YYYY-MM-DD), else the date the declaration was made. No question asks
    for the release's own date."""
    from datetime import date

    version = (decl.model.version or "").strip()
    if _ISO_DATE.match(version):
        try:
            return date.fromisoformat(version).isoformat(), "the version answer"
        except ValueError:
            pass
    return decl.classification.generated_at.date().isoformat(), "the date the declaration was made"


def _licence_path(decl: Any, key: str) -> str | None:
    """The recorded source of a component's licence (its URL), for MOT's license_path."""
    source = decl.sources.get(ids.component(key, ids.LICENSE))
    if source is not None and _SAFE_URL.match(source.url):
        return source.url
    return None


def mot_record(decl: Any, *, mark_gated: bool = False) -> tuple[dict[str, Any], list[str]]:
    """The MOT record (a dict ready for YAML) and notes on what it cannot carry as declared.

    A component that is not downloadable (access none) is written with MOT's marker
    ("Component not included (LICENCE)"), which the importer reads back as not downloadable, unless MOT
    counts its licence as open. With `mark_gated`, so are components behind an approval gate or
    available only on request, and not-downloadable ones under a licence MOT counts as open: the tier
    then survives, at the cost of the licence string (and of the MOF class when that licence counted).
    """
    from questionnaire.licenses import is_unlicensed, mot_is_open
    from questionnaire.mot import license_as_mot_writes, says_not_available

    answers = decl.flat_answers()
    model = decl.model
    notes: list[str] = []
    release: dict[str, Any] = {"name": model.name, "version": model.version or "", "date": mot_release_date(decl)[0]}
    if model.modality:
        release["type"] = MOT_TYPES.get(model.modality, "other")
    if model.architecture:
        architecture = mot_architecture(model.architecture)
        if architecture == "other":
            notes.append(
                f"the architecture {quoted(model.architecture)} is not one of MOT's values; written as 'other'"
            )
        release["architecture"] = architecture
    release["origin"] = model.base_model or model.name
    release["producer"] = model.publisher or ""
    release["contact"] = model.contact or ""
    if model.repository:
        release["repository"] = model.repository
    weights_location = answers.get(ids.component(WEIGHTS, ids.LOCATION))
    if isinstance(weights_location, str) and weights_location.startswith("https://huggingface.co/"):
        release["huggingface"] = weights_location
    weights = decl.components.get(WEIGHTS)
    distribution = weights.license if weights is not None and weights.released and weights.license else ""
    release["license"] = {
        "distribution": {
            "name": license_as_mot_writes(distribution) if distribution else "",
            "path": (_licence_path(decl, WEIGHTS) or "") if distribution else "",
        }
    }

    components = []
    for key in MOT_ORDER:
        entry = decl.components.get(key)
        if entry is None or not entry.released:
            continue
        component = BY_KEY[key]
        licence = entry.license if entry.license is not None and not is_unlicensed(entry.license) else "unlicensed"
        licence = license_as_mot_writes(licence)
        access = entry.access or "public"
        the_is = vocabulary.the_is(key)
        markable = component.content_type != "document" and not says_not_available(licence)
        if entry.access is None:
            notes.append(
                f"how people get {vocabulary.the(key)} is not answered: MOT has no access field, so the "
                "record reads as downloadable by anyone"
            )
        elif access == "click_through":
            notes.append(
                f"{the_is} behind a click-through: MOT has no access field, so the record reads as "
                "downloadable by anyone"
            )
        elif access in _GATE_WORDS and not (mark_gated and markable):
            notes.append(
                f"{the_is} {_GATE_WORDS[access]}: MOT has no access field, so the record reads as "
                "downloadable by anyone"
            )
        elif access in _GATE_WORDS or (access == "none" and markable):
            if access == "none" and mot_is_open(licence) and not mark_gated:
                notes.append(
                    f"{the_is} not downloadable but under {one_line(licence)}, which MOT counts as open: "
                    f"kept as {one_line(licence)} so that the MOF class stays the same, and the record "
                    "reads as downloadable"
                )
            else:
                reason = "" if access == "none" else f"{_GATE_WORDS[access]}; "
                shown = "" if licence == "unlicensed" and not reason else f" ({reason}{licence})"
                notes.append(
                    f"{the_is} {_GATE_WORDS.get(access, 'not downloadable')}: written as "
                    f"{NOT_INCLUDED!r} (MOT's way to say it cannot be had freely), so that the tier stays "
                    f"the same; the licence {one_line(licence)} is kept only as text"
                )
                licence = NOT_INCLUDED + shown
        item: dict[str, Any] = {"name": component.mot_name, "description": MOT_DESCRIPTIONS[key], "license": licence}
        licence_path = _licence_path(decl, key)
        if licence_path and licence != "unlicensed":
            item["license_path"] = licence_path
        if entry.location:
            item["component_path"] = entry.location
        components.append(item)
        if any(qid.startswith(ids.term(key, "")) for qid in answers):
            notes.append(
                f"the terms of {one_line(entry.license)} ({vocabulary.the(key)}) were self-assessed: a MOT record "
                "has no terms, so a MOT reading does not know them"
            )
    release["components"] = components
    record = {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": release,
    }
    return record, notes


def to_mot(decl: Any) -> Exported:
    """The declaration as a MOT model record, checked by reading it back as `openness classify` would.

    The first try keeps every licence string exactly. When reading it back gives another tier or MOF
    class, and some component is gated or not downloadable, a second try writes those with MOT's 'not
    included' marker; the try that keeps both tier and MOF class wins (else the first, with a warning).
    """
    from questionnaire.mot import import_mot
    from questionnaire.rules import classify, read_release

    declared = decl.classification
    gated = any(
        entry.released and (entry.access or "public") in ("approval", "on_request", "none")
        for entry in decl.components.values()
    )
    tries = []
    for mark_gated in (False, True) if gated else (False,):
        record, notes = mot_record(decl, mark_gated=mark_gated)
        imported = import_mot(record)
        result = classify(imported.answers)
        kept = result.tier == declared.tier and _mot_class(result) == _mot_class(declared)
        tries.append((record, notes, imported, result, kept))
        if kept:
            break
    record, notes, imported, result, kept = next((t for t in tries if t[4]), tries[0])

    # The data information and the supporting-libraries answer have no field in a MOT record: the
    # importer derives them. Say so when what it derives differs from what was declared.
    before, after = read_release(decl.flat_answers()), read_release(imported.answers)
    if [item.satisfied for item in before.data_items] != [item.satisfied for item in after.data_items]:
        notes.append(
            "the data information (a description and lists of the training data) has no field in a MOT "
            "record; a MOT reading derives it from an openly licensed Data card plus Technical report "
            "or Research paper, which gives a different answer here"
        )
    if before.supporting_libraries_used != after.supporting_libraries_used:
        notes.append("supporting libraries were used but are not released: a MOT record lists only what is released")
    notes = list(dict.fromkeys(notes))
    if not kept:
        notes.insert(
            0,
            f"a MOT reading of this record gives tier {result.tier} and MOF {_mot_class(result)}, not the "
            f"declared {declared.tier} and {_mot_class(declared)}",
        )
    header = [
        f"# Model Openness Tool record of {one_line(decl.model.name)}, exported by "
        f"{one_line(declared.generator)} from a declaration (tier {declared.tier}, MOF "
        f"{_mot_class(declared)})."
    ]
    date_from = mot_release_date(decl)[1]
    header.append(
        f"# release.date is {date_from}."
        if date_from == "the version answer"
        else f"# release.date is {date_from}: no answer gives the release's own date."
    )
    header += [f"# Not carried: {one_line(note)}" for note in notes]
    body = _yaml(record, width=1000)
    return Exported("\n".join(header) + "\n" + body, tuple(notes), ".yml")


def _mot_class(classification: Any) -> str:
    """The MOF class ('Class II', 'Unclassified') of a classification or a declaration's stored one."""
    return classification.framework(MOT_FRAMEWORK).summary


def _yaml(data: Any, **options: Any) -> str:
    """Block-style YAML with non-ASCII text as itself, unless some text holds a character that is not
    shown as itself (see `text.plain`): then every non-ASCII character is a \\u escape in a quoted string,
    the same value, nothing hidden."""
    import yaml

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, **options)
    if plain(text) != text:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, default_flow_style=False, **options)
    return text


# ---------------------------------------------------------------- Hugging Face model card fields


def to_hf(decl: Any) -> Exported:
    """The YAML front matter fields of a Hugging Face model card for the final weights' licence, and
    `base_model` when the declared base model is a Hub id (else a warning says it was left out)."""
    from questionnaire.hf_card import HF_LICENSE_TAGS
    from questionnaire.licenses import is_unlicensed
    from questionnaire.rules import read_release

    state = read_release(decl.flat_answers()).components[WEIGHTS]
    warnings: list[str] = []
    fields: dict[str, Any] = {}
    if not state.released:
        fields["license"] = "unknown"
        warnings.append("the final weights are not released, so the card's licence is 'unknown'")
    elif is_unlicensed(state.license_text):
        fields["license"] = "unknown"
        warnings.append("the final weights have no licence, so the card's licence is 'unknown'")
    else:
        license_ = state.license
        tag = license_.hf_tag if license_ is not None else None
        if tag in HF_LICENSE_TAGS and tag != "other":
            fields["license"] = tag
        else:
            fields["license"] = "other"
            if tag:
                slug = tag
            else:
                base = license_.id.removeprefix("LicenseRef-") if license_ is not None else state.license_text
                slug = re.sub(r"[^a-z0-9.]+", "-", base.strip().lower()).strip("-") or "custom"
            fields["license_name"] = slug
            link = _licence_link(decl, license_)
            fields["license_link"] = link
            if link == "LICENSE":
                warnings.append(
                    "license: other needs the licence text in the repository: put it in a file named "
                    "LICENSE beside the card (license_link points there)"
                )
    if decl.model.base_model:
        hub = hub_id(decl.model.base_model)
        if hub is not None:
            fields["base_model"] = hub
        else:
            warnings.append(
                f"the base model {quoted(decl.model.base_model)} is not a Hugging Face Hub id "
                "(organisation/name), so the card's base_model is left out"
            )
    text = "---\n" + _yaml(fields) + "---\n"
    return Exported(text, tuple(warnings), ".md")


_HUB_PART = r"(?!.*(?:--|\.\.))[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?"
_HUB_ID = re.compile(rf"^(?:{_HUB_PART})/(?:{_HUB_PART})$")
_HUB_URL = re.compile(r"^https://huggingface\.co/(?!datasets/|spaces/)([^/?#\s]+/[^/?#\s]+)(?:[/?#].*)?$")


def hub_id(text: str) -> str | None:
    """`text` as a Hugging Face Hub model id ("organisation/name"), or None when it is not one. A Hub
    model's address (https://huggingface.co/org/name/...) gives its id. As the Hub names repositories: letters,
    digits, "-", "_" and ".", neither "--" nor "..", no "-" or "." at either end, 96 characters at most each."""
    text = text.strip()
    url = _HUB_URL.match(text)
    if url is not None:
        text = url.group(1)
    return text if _HUB_ID.match(text) else None


def _licence_link(decl: Any, license_: Any) -> str:
    source = decl.sources.get(ids.component(WEIGHTS, ids.LICENSE))
    if source is not None and _SAFE_URL.match(source.url):
        return source.url
    if license_ is not None and license_.kind == "spdx":
        return f"https://spdx.org/licenses/{license_.id}.html"
    return "LICENSE"


# ---------------------------------------------------------------- badge


_VERDANA_11 = {  # advance widths in pixels of Verdana at 11px, as shields.io measures them (rounded)
    **dict.fromkeys("abdghnopqu", 7.0),
    **dict.fromkeys("ckvxyz", 6.2),
    "e": 6.6,
    "f": 3.9,
    "i": 3.0,
    "j": 3.8,
    "l": 3.0,
    "m": 10.7,
    "r": 4.7,
    "s": 5.7,
    "t": 4.3,
    "w": 9.0,
    " ": 3.9,
    "-": 4.6,
    ".": 3.5,
}


def _text_width(text: str) -> float:
    return sum(_VERDANA_11.get(ch, 7.5 if ch.isupper() or ch.isdigit() else 7.0) for ch in text)


def to_badge(decl: Any) -> Exported:
    """A shields.io-style SVG badge of the tier: 'openness | open source', coloured per tier."""
    from xml.sax.saxutils import escape, quoteattr

    tier = decl.classification.tier
    label, message = "openness", TIER_WORDS[tier]
    label_width, message_width = round(_text_width(label)), round(_text_width(message))
    left, right = label_width + 12, message_width + 12
    total = left + right
    title = f"{one_line(decl.model.name)}: {message} (openness tier)"
    colour = TIER_COLOURS[tier]
    ident = f"openness-{tier}"  # ids unique per tier, so that badges inlined in one page do not collide
    # textLength makes each text exactly as wide as measured, whatever font the viewer falls back to.
    fit_label = f'textLength="{label_width}" lengthAdjust="spacingAndGlyphs"'
    fit_message = f'textLength="{message_width}" lengthAdjust="spacingAndGlyphs"'
    aria = quoteattr(f"openness: {message}")
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label={aria}>
  <title>{escape(title)}</title>
  <linearGradient id="{ident}-shine" x2="0" y2="100%">
    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
    <stop offset="1" stop-opacity=".1"/>
  </linearGradient>
  <clipPath id="{ident}-round">
    <rect width="{total}" height="20" rx="3" fill="#fff"/>
  </clipPath>
  <g clip-path="url(#{ident}-round)">
    <rect width="{left}" height="20" fill="#555"/>
    <rect x="{left}" width="{right}" height="20" fill="{colour}"/>
    <rect width="{total}" height="20" fill="url(#{ident}-shine)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="{left / 2:g}" y="15" fill="#010101" fill-opacity=".3" {fit_label}>{escape(label)}</text>
    <text x="{left / 2:g}" y="14" {fit_label}>{escape(label)}</text>
    <text x="{left + right / 2:g}" y="15" fill="#010101" fill-opacity=".3" {fit_message}>{escape(message)}</text>
    <text x="{left + right / 2:g}" y="14" {fit_message}>{escape(message)}</text>
  </g>
</svg>
"""
    return Exported(svg, suffix=".svg")


# ---------------------------------------------------------------- JSON Schema


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"  # the dialect pydantic writes


def schema_id() -> str:
    """The schema's `$id`: a URN naming the declaration format and its version. The project has no
    public address to serve the schema from, so the id names it rather than locates it."""
    from questionnaire.declaration import SCHEMA_VERSION

    return f"urn:openness:declaration:{SCHEMA_VERSION}"


def schema_json() -> str:
    from questionnaire.declaration import declaration_model

    schema = {"$schema": SCHEMA_DIALECT, "$id": schema_id(), **declaration_model().model_json_schema()}
    return json_text(schema, indent=2) + "\n"


__all__ = [
    "FORMATS",
    "Exported",
    "declaration_for",
    "export",
    "write_text",
    "to_json",
    "to_markdown",
    "mot_record",
    "mot_architecture",
    "mot_release_date",
    "to_mot",
    "hub_id",
    "to_hf",
    "to_badge",
    "schema_json",
    "md",
]
