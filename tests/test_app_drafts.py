"""The draft (questionnaire/drafts.py): where it lives, atomic writes, and unreadable drafts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from questionnaire import drafts


def test_the_data_folder_can_be_chosen_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(drafts.ENV_VAR, str(tmp_path / "elsewhere"))
    assert drafts.data_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(drafts.ENV_VAR)
    assert drafts.data_dir().name == "openness"


def test_a_draft_round_trips(tmp_path: Path) -> None:
    assert drafts.load(tmp_path) is None
    draft = drafts.Draft(
        {"identity.name": "[bold]x[/]", "identity.is_finetune": False},
        "identity.version",
        "decl.toml",
        "2025-06-02T10:30:00+00:00",
    )
    path = drafts.save(draft, tmp_path / "new")
    assert path == tmp_path / "new" / "draft.json"
    assert drafts.load(tmp_path / "new") == draft
    drafts.clear(tmp_path / "new")
    assert drafts.load(tmp_path / "new") is None


def test_a_failed_write_keeps_the_previous_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts.save(drafts.Draft({"identity.name": "old"}), tmp_path)

    def crash(fd: int) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        drafts.save(drafts.Draft({"identity.name": "new"}), tmp_path)
    assert drafts.load(tmp_path).answers == {"identity.name": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"format": 99, "answers": {}}',
        '{"format": 1, "answers": {"a": [1]}}',
        '{"format": 1, "answers": {"a": null}}',
    ],
)
def test_an_unreadable_draft_says_why(tmp_path: Path, text: str) -> None:
    (tmp_path / "draft.json").write_text(text)
    with pytest.raises(drafts.DraftError, match="draft.json"):
        drafts.load(tmp_path)
