"""The 17 components of the Model Openness Framework, as the Model Openness Tool defines them.

Each component has a stable key used in answers and declarations, the MOT id and name (exactly as MOT
writes them), its content type, the MOF class it belongs to and whether that class requires it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    key: str
    mot_id: int
    mot_name: str
    content_type: str  # "code", "data" or "document"
    mof_class: int  # 1, 2 or 3
    required: bool

    def qid(self, field: str) -> str:
        """The id of one of its answers: Component("training_code", ...).qid("license") ->
        'components.training_code.license' (questionnaire.ids builds it)."""
        from questionnaire.ids import component

        return component(self.key, field)


COMPONENTS: tuple[Component, ...] = (
    # Order follows MOT's own component table (mof.settings.yml); MOT's evaluation depends on it.
    Component("datasets", 15, "Datasets", "data", 1, True),
    Component("data_preprocessing_code", 16, "Data preprocessing code", "code", 1, True),
    Component("model_architecture", 9, "Model architecture", "code", 3, True),
    Component("model_parameters_final", 10, "Model parameters (Final)", "data", 3, True),
    Component("model_metadata", 17, "Model metadata", "data", 1, False),
    Component("model_parameters_intermediate", 24, "Model parameters (Intermediate)", "data", 1, True),
    Component("training_code", 7, "Training code", "code", 2, True),
    Component("inference_code", 8, "Inference code", "code", 2, True),
    Component("evaluation_code", 18, "Evaluation code", "code", 2, True),
    Component("evaluation_data", 19, "Evaluation data", "data", 2, True),
    Component("evaluation_results", 12, "Evaluation results", "document", 3, True),
    Component("supporting_libraries", 22, "Supporting libraries and tools", "code", 2, False),
    Component("model_card", 13, "Model card", "document", 3, True),
    Component("data_card", 14, "Data card", "document", 3, True),
    Component("technical_report", 11, "Technical report", "document", 3, True),
    Component("research_paper", 21, "Research paper", "document", 1, True),
    Component("sample_model_outputs", 20, "Sample model outputs", "document", 3, False),
)

BY_KEY: dict[str, Component] = {c.key: c for c in COMPONENTS}
BY_MOT_NAME: dict[str, Component] = {c.mot_name: c for c in COMPONENTS}
BY_MOT_ID: dict[int, Component] = {c.mot_id: c for c in COMPONENTS}

# The order a publisher is asked about them: the weights first, then code, data, documents.
QUESTION_ORDER: tuple[str, ...] = (
    "model_parameters_final",
    "model_parameters_intermediate",
    "model_metadata",
    "model_architecture",
    "training_code",
    "inference_code",
    "evaluation_code",
    "data_preprocessing_code",
    "supporting_libraries",
    "datasets",
    "evaluation_data",
    "model_card",
    "data_card",
    "technical_report",
    "research_paper",
    "evaluation_results",
    "sample_model_outputs",
)

ACCESS_CHOICES: tuple[str, ...] = ("public", "click_through", "approval", "on_request", "none")
TERM_KEYS: tuple[str, ...] = (
    "commercial_use",
    "derivatives",
    "redistribution",
    "use_restrictions",
    "threshold",
    "regional_exclusion",
    "revocation",
    "output_restriction",
    "product_specific",
)
"""The terms asked about a licence the knowledge base does not know. commercial_use, derivatives and
redistribution: true = the licence allows it; the others: true = the licence has that clause."""
CLICK_THROUGH_CHOICES: tuple[str, ...] = ("license_only", "extra_terms")
"""What people accept at a click-through gate: only the licence, or extra terms as well (an acceptable
use policy, registration terms) that restrict the use."""
DATA_INFORMATION_ITEMS: tuple[str, ...] = ("description", "public_list", "third_party_list")
"""OSAID's three data-information items; each is published under `data_information.<item>_license`, whose
terms (for a licence the knowledge base does not know) are `data_information.<item>_terms.<term>`."""
