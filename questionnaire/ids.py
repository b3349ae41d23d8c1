"""Every answer id, built in one place.

An answer id is the dotted id of the question that asks it (`questions/*.toml`); on disk the answers are
nested TOML tables. Code that reads or writes a particular answer takes its id from here rather than
writing the string, so that a renamed question is one change. Core: no Textual.
"""

from __future__ import annotations

IDENTITY = "identity"  # who and what the model is: a declaration's [model] repeats these answers
NAME = "identity.name"
VERSION = "identity.version"
PUBLISHER = "identity.publisher"
CONTACT = "identity.contact"
REPOSITORY = "identity.repository"
MODALITY = "identity.modality"
ARCHITECTURE = "identity.architecture"
IS_FINETUNE = "identity.is_finetune"
BASE_MODEL = "identity.base_model"
BASE_MODEL_LICENSE = "identity.base_model_license"
BASE_DATA_INFORMATION = "identity.base_data_information"

SUPPORTING_LIBRARIES_USED = "development.supporting_libraries_used"

COMPONENTS = "components"
DATA_INFORMATION = "data_information"
DATA_ITEMS: tuple[str, ...] = ("description", "public_list", "third_party_list")

# The fields a component's questions set (components.<key>.<field>).
RELEASED, LOCATION, LICENSE, ACCESS, CLICK_THROUGH_TERMS, TERMS = (
    "released",
    "location",
    "license",
    "access",
    "click_through_terms",
    "terms",
)


def component_prefix(key: str) -> str:
    """'components.training_code.': every answer about one component starts with it."""
    return f"{COMPONENTS}.{key}."


def component(key: str, field: str) -> str:
    """'components.training_code.license'."""
    return f"{COMPONENTS}.{key}.{field}"


def term(key: str, term_key: str) -> str:
    """A self-assessed term of a component's licence: 'components.datasets.terms.commercial_use'."""
    return f"{COMPONENTS}.{key}.{TERMS}.{term_key}"


def data_item(item: str) -> str:
    """'data_information.public_list': published, not_published or none_used (description: yes/no)."""
    return f"{DATA_INFORMATION}.{item}"


def data_license(item: str) -> str:
    """'data_information.public_list_license'."""
    return f"{DATA_INFORMATION}.{item}_license"


def data_terms_prefix(item: str) -> str:
    """'data_information.public_list_terms.': the self-assessed terms of a data-information licence."""
    return f"{DATA_INFORMATION}.{item}_terms."


def data_term(item: str, term_key: str) -> str:
    """'data_information.public_list_terms.commercial_use'."""
    return f"{data_terms_prefix(item)}{term_key}"


__all__ = [
    "IDENTITY",
    "NAME",
    "VERSION",
    "PUBLISHER",
    "CONTACT",
    "REPOSITORY",
    "MODALITY",
    "ARCHITECTURE",
    "IS_FINETUNE",
    "BASE_MODEL",
    "BASE_MODEL_LICENSE",
    "BASE_DATA_INFORMATION",
    "SUPPORTING_LIBRARIES_USED",
    "COMPONENTS",
    "DATA_INFORMATION",
    "DATA_ITEMS",
    "RELEASED",
    "LOCATION",
    "LICENSE",
    "ACCESS",
    "CLICK_THROUGH_TERMS",
    "TERMS",
    "component_prefix",
    "component",
    "term",
    "data_item",
    "data_license",
    "data_terms_prefix",
    "data_term",
]
