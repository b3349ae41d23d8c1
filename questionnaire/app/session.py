"""The state of one questionnaire run: the answers, the path through the bank, the draft.

No Textual here: the screens read and change a `Session`, and the session does the bookkeeping the core
defines (`bank.visible`, `bank.prune`, `bank.validate_value`, `rules.classify`) and writes the draft
after every answer. The bank, the rules and the licence knowledge are imported on first use, so the
welcome screen shows before any of them loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questionnaire import drafts, ids
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.bank import Bank, Question
    from questionnaire.loading import Source
    from questionnaire.rules import Classification

_UNSAFE_FILE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def default_clock() -> datetime:
    return datetime.now().astimezone()


class Session:
    """Answers (flat ids), kept in bank order, with caches keyed on a change counter."""

    def __init__(
        self,
        answers: Mapping[str, Any] | None = None,
        *,
        source: str | None = None,
        current: str | None = None,
        data_dir: Path | None = None,
        clock: Callable[[], datetime] = default_clock,
        example: str | None = None,
        draft_file: Path | None = None,
        on_draft_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.answers: dict[str, Any] = dict(answers or {})
        self.source = source  # the declaration being edited, if any
        self.current = current
        self.data_dir = data_dir
        self.clock = clock
        # A shipped example being looked at: its answers are not written to the draft, so that looking at
        # an example never replaces the user's own unsaved draft.
        self.example = example
        self.draft_file = draft_file  # the draft this app claimed (drafts.claim); else the main one
        # Why the draft cannot be written (None while it can), and whom to tell when that starts: the
        # answers stay in memory meanwhile, so the user can still save the declaration elsewhere.
        self.draft_problem: str | None = None
        self.on_draft_problem = on_draft_problem
        self.saved_to: str | None = None
        self.version = 0
        self.saved_version = 0  # the answers as of the last save of the declaration
        self._bank: Bank | None = None
        self._visible: tuple[int, list[Question]] | None = None
        self._classification: tuple[int, Classification] | None = None

    # ------------------------------------------------------------------ the bank and the path

    @property
    def bank(self) -> Bank:
        """The bank in use (`bank.load_bank`: the shipped one, or the folder `OPENNESS_QUESTIONS` names)."""
        if self._bank is None:
            from questionnaire.bank import load_bank

            self._bank = load_bank()
        return self._bank

    def visible(self) -> list[Question]:
        """The path as far as the answers so far settle it: the bank's visible questions, without those
        whose condition reads a question not answered yet (the seven questions about an unknown
        licence's terms are not shown, or counted, before the licence is given)."""
        if self._visible is None or self._visible[0] != self.version:
            answers = self.answers
            path = [
                q
                for q in self.bank.visible(answers)
                if q.condition is None or all(answers.get(ref) is not None for ref in q.condition.references())
            ]
            self._visible = (self.version, path)
        return self._visible[1]

    def visible_ids(self) -> list[str]:
        return [q.id for q in self.visible()]

    def is_visible(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.visible())

    def question(self, question_id: str) -> Question:
        return self.bank[question_id]

    def first(self) -> Question:
        return self.visible()[0]

    def first_unanswered(self) -> Question | None:
        for q in self.visible():
            if self.answers.get(q.id) is None:
                return q
        return None

    def next_after(self, question_id: str) -> Question | None:
        path = self.visible()
        for i, q in enumerate(path):
            if q.id == question_id:
                return path[i + 1] if i + 1 < len(path) else None
        # the question left the path: the next visible one after it in bank order
        order = {q.id: i for i, q in enumerate(self.bank.questions)}
        here = order.get(question_id, -1)
        return next((q for q in path if order[q.id] > here), None)

    def previous_before(self, question_id: str) -> Question | None:
        path = self.visible()
        order = {q.id: i for i, q in enumerate(self.bank.questions)}
        here = order.get(question_id, len(order))
        before = [q for q in path if order[q.id] < here]
        return before[-1] if before else None

    def position(self, question_id: str) -> tuple[int, int]:
        """(1-based position on the path, length of the path)."""
        ids = self.visible_ids()
        return (ids.index(question_id) + 1 if question_id in ids else 0, len(ids))

    def progress(self) -> dict[str, tuple[int, int]]:
        counts = {s.id: [0, 0] for s in self.bank.sections}
        for q in self.visible():
            c = counts.setdefault(q.section, [0, 0])
            c[1] += 1
            if self.answers.get(q.id) is not None:
                c[0] += 1
        return {k: (a, t) for k, (a, t) in counts.items()}

    def answered_count(self) -> tuple[int, int]:
        path = self.visible()
        return sum(self.answers.get(q.id) is not None for q in path), len(path)

    def has_verdict(self) -> bool:
        """Whether anything the tier rests on is answered yet (before that the badge says so)."""
        return any(qid.startswith((ids.COMPONENTS + ".", ids.DATA_INFORMATION + ".")) for qid in self.answers)

    def missing_required(self) -> list[Question]:
        return [q for q in self.visible() if q.required and self.answers.get(q.id) is None]

    # ------------------------------------------------------------------ answers

    def validate(self, question_id: str, raw: object) -> tuple[object, str | None]:
        return self.bank.validate_value(question_id, raw)

    def set(self, question_id: str, value: Any, *, save: bool = True) -> None:
        """Record an answer (None removes it) and write the draft at once (`save`), or leave the write to
        the caller (`save_draft`), who makes it soon: the questionnaire writes it after the next frame."""
        if value is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = value
        self.current = question_id
        self.version += 1
        if save:
            self.save_draft()

    def move_to(self, question_id: str) -> None:
        """Remember the question on screen (saved with the next answer, not on every move)."""
        self.current = question_id

    def pruned(self) -> dict[str, Any]:
        """The answers on the path: what the verdict and the declaration see."""
        return self.bank.prune(self.answers)

    def declaration_answers(self) -> dict[str, Any]:
        """The pruned answers without free-text questions left empty (a skipped optional question is
        not an answer). An empty licence stays: it means released without a licence."""
        from questionnaire.bank import FREE_TEXT_TYPES

        out = {}
        for qid, value in self.pruned().items():
            question = self.bank.by_id.get(qid)
            if value == "" and question is not None and question.type in FREE_TEXT_TYPES:
                continue
            out[qid] = value
        return out

    def classification(self) -> Classification:
        if self._classification is None or self._classification[0] != self.version:
            from questionnaire.rules import classify

            self._classification = (self.version, classify(self.declaration_answers()))
        return self._classification[1]

    @property
    def model_name(self) -> str:
        value = self.answers.get(ids.NAME)
        return value if isinstance(value, str) else ""

    def default_save_path(self) -> str:
        """The declaration being edited, else `<model-name>-openness.toml` in the current folder."""
        if self.saved_to:
            return self.saved_to
        if self.source and one_line(self.source) == self.source:  # not offered when it holds hidden characters
            return self.source
        stem = _UNSAFE_FILE_CHARS.sub("-", self.model_name).strip("-.") or "model"
        return f"{stem}-openness.toml"

    # ------------------------------------------------------------------ the draft

    def draft_path(self) -> Path:
        return self.draft_file if self.draft_file is not None else drafts.draft_path(self.data_dir)

    def save_draft(self) -> None:
        """Write the draft; when it cannot be written, keep going with the answers in memory, and say so
        (through `on_draft_problem`) when that starts."""
        if self.example is not None:
            return
        path = self.draft_path()
        try:
            drafts.save(
                drafts.Draft(dict(self.answers), self.current, self.source, self.clock().isoformat(timespec="seconds")),
                path=path,
            )
        except OSError as error:
            started = self.draft_problem is None
            self.draft_problem = drafts.save_problem(path, error)
            if started and self.on_draft_problem is not None:
                self.on_draft_problem(self.draft_problem)
        else:
            self.draft_problem = None

    def clear_draft(self) -> None:
        if self.example is None:
            try:
                drafts.clear(path=self.draft_path())
            except OSError:
                pass  # nothing to remove, or it cannot be: the next start offers it, nothing is lost

    @property
    def answers_only_in_memory(self) -> bool:
        """Answers given since the last save that no draft holds: quitting now would lose them."""
        return self.draft_problem is not None and bool(self.answers) and self.version != self.saved_version

    def after_save(self, path: str) -> None:
        """The declaration was written: later saves default to it, and the draft is no longer needed."""
        self.saved_to = path
        self.source = path
        self.saved_version = self.version
        self.clear_draft()


def drawn_state(session: Session | None) -> tuple[Session | None, int]:
    """What a screen that shows the answers was drawn from: which session, at which version of its answers
    (a screen resumed with the same state has nothing to draw again)."""
    return (session, session.version if session is not None else -1)


@lru_cache(maxsize=64)
def load_example(slug: str) -> Source:
    """The shipped example `slug` loaded (its answers and sources), read once: the examples' preview and
    compare's columns ask for the same few files again. Shared: copy the answers before changing them."""
    from questionnaire import loading
    from questionnaire.examples import example_path

    return loading.load(str(example_path(slug)))


def answers_from_declaration(path: str) -> dict[str, Any]:
    """The flat answers of a declaration file; UserError (exit 2) when it is missing or not a declaration."""
    from questionnaire import loading

    return declaration_answers(loading.load(path), path)


def example_answers(slug: str) -> dict[str, Any]:
    """The flat answers of the shipped example `slug`, from `load_example` (read once): a copy to change."""
    from questionnaire.examples import example_path

    return declaration_answers(load_example(slug), str(example_path(slug)))


def declaration_answers(source: Source, path: str) -> dict[str, Any]:
    """A copy of the answers of `source`, read from `path`; UserError (exit 2) when it is not a declaration."""
    from questionnaire.errors import UserError

    if source.kind != "declaration":  # (a model card was called a MOT record here)
        raise UserError(
            f"is {source.kind_label}, not a declaration; make one with `openness declare` or start the app with "
            "`openness`",
            path=path,
        )
    return dict(source.answers)
