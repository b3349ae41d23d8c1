"""The licence picker: type to search every SPDX licence and every AI licence the core knows, by id, name
or alias; the facts of the highlighted licence show before it is chosen. A licence the knowledge base
does not know can be entered as written (the bank then asks about its terms). A licence the core
proposes (a fine-tune's base model that the tool knows) comes first, marked, with the reason.

The same widget asks the typed questions (text, web address, email, contact, number) as a TextAnswer,
its licence parts (the proposal, the list and the facts) hidden: going from a typed question to a licence
question (a component's location, then its licence) keeps the one field and its focus, instead of moving
focus to another, differently styled field (two restyles) and switching which widget is shown."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from questionnaire.app import actions
from questionnaire.app.fit import middle, with_count
from questionnaire.app.fit import one_line as fit_line
from questionnaire.app.widgets.license_facts import LicenseFacts, license_text
from questionnaire.app.widgets.license_results import LicenseResults
from questionnaire.app.widgets.text_answer import TextAnswer
from questionnaire.components import TERM_KEYS
from questionnaire.text import one_line, plain
from questionnaire.vocabulary import NOT_OPEN_TAG as NOT_OPEN
from questionnaire.vocabulary import licence_tag

LIMIT = 20
DRAWN_AHEAD = 7  # the rows the list shows at once (its max-height)
UNLICENSED = "unlicensed"


PLACEHOLDER = "Type an id, a name or a tag: Apache-2.0, llama3.1, CC-BY-4.0 …"


class LicensePicker(TextAnswer):
    """A licence question; a typed question (`typed`) is asked as TextAnswer asks it, the list hidden."""

    DEFAULT_CSS = """
    LicensePicker {
        & > Input { width: 100%; }
        & > #license-proposal { color: $text-accent; height: auto; display: none; }
        & > #license-proposal.-shown { display: block; }
    }
    """
    BINDINGS = actions.bindings("licences")

    def __init__(self, question, value, validate, on_answer) -> None:
        super().__init__(question, value, validate, on_answer)
        # ("proposed", License) | ("license", License) | ("written", text) | ("none", "")
        self.entries: list[tuple[str, Any]] = []
        self.filled: str | None = None  # the query the list shows
        self.proposal: Any = None  # lineage.BaseLicence: the licence proposed for this question, and why
        self._width = 0
        self._laid_out_width = 0  # the list's width when it was last laid out
        self._laid_out_for: object = None  # the terminal's size then
        self._facts_of: tuple[str, Any] | None = None  # the entry the facts show

    @property
    def typed(self) -> bool:
        """The question is a typed one (TextAnswer's), not a licence."""
        return self.question.type != "license"

    def compose_answer(self) -> ComposeResult:
        if self.typed:
            yield from super().compose_answer()
        else:
            yield self.answer_field(self.value if isinstance(self.value, str) else "", PLACEHOLDER)
        yield Static("", id="license-proposal", markup=False)
        results, facts = LicenseResults(id="license-results"), LicenseFacts(id="license-facts")
        results.display = facts.display = not self.typed
        yield results
        yield facts

    def _show_list(self, shown: bool) -> None:
        """Show or hide the list and the facts: by their `display` (a class on the picker would restyle
        all it holds, the field included)."""
        for widget in (self.query_one(LicenseResults), self.query_one(LicenseFacts)):
            if widget.display != shown:
                widget.display = shown

    def on_mount(self) -> None:
        if not self.typed:
            self._fill(self.query_one(Input).value, keep=self.value if isinstance(self.value, str) else None)

    def load_answer(self) -> None:
        self._show_list(not self.typed)
        if self.typed:
            self._proposal_line_shown()  # hidden
            super().load_answer()
            return
        self.offer = None
        field = self.query_one(Input)
        field.placeholder = PLACEHOLDER
        value = self.value if isinstance(self.value, str) else ""
        field.value = value
        field.cursor_position = len(value)
        if value or self.filled != "":
            self._fill(value, keep=value or None)
        elif self.entries:  # the default list, made already (`prepare`, or the last question's): from its top
            self._highlight(0)
            self._proposal_line_shown()  # the list may have been made while a typed question hid the line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The list's keys (up and down) only while a licence is asked: on a typed question they go on
        to the screen, as they did from a TextAnswer."""
        return not (action == "move" and self.typed)

    def on_resize(self) -> None:
        if self.typed:  # the list is hidden: made again (at the width it will have) when a licence question shows it
            if self._width and self._row_width() != self._width:
                self.filled = None
            return
        if self._width and self._row_width() != self._width and self.filled is not None:
            results = self.query_one(LicenseResults)
            highlighted = results.highlighted
            query, self.filled = self.filled, None
            self._fill(query)
            if highlighted is not None and highlighted < len(self.entries):
                self._highlight(highlighted)

    def hint(self) -> str:
        if self.typed:
            return super().hint()
        keys = "type to search · ↑↓ PgUp PgDn to look at each licence"
        if self._proposed() is not None:
            return f"★ proposed: Enter takes it · {keys}"
        return f"{keys[0].upper()}{keys[1:]} · Enter to choose"

    def propose(self, proposal: Any) -> None:
        if proposal != self.proposal or self.filled is None:
            self.proposal = proposal
            self.filled = None  # the list is made again, with or without the proposal

    # on screen asking a typed question, the list is hidden: it is made ahead then too (below)
    PREPARES_ON_SCREEN = True

    def prepare(self, question, value: Any, proposal: Any) -> None:
        """The list an empty field shows (the default list, with the proposal), made while hidden (the
        picker hidden, or asking a typed question): a new licence question then shows it as made. Nothing
        yet while the picker is still being composed (it is mounted ahead of its question): its list is then
        made when it is shown. Nothing while it shows a licence list (that list stays as it is)."""
        if question.type != "license" or not self.query("#license-proposal"):
            return
        if self.display and not self.typed:
            return
        if value is None or value == "":
            self.propose(proposal)
            self._fill("")
            self.query_one(LicenseResults).draw_ahead(DRAWN_AHEAD)
            self.query_one(LicenseFacts).draw_ahead()

    # ------------------------------------------------------------------ the list

    def _fill(self, query: str, keep: str | None = None) -> None:
        from questionnaire import licenses

        if query == self.filled and keep is None:
            return  # the Changed message of a value this widget set itself
        self.filled = query
        text = query.strip()
        found = licenses.search(text, limit=LIMIT)
        entries: list[tuple[str, Any]] = [("license", lic) for lic in found]
        proposed = self._proposed()
        if proposed is not None and (not text or any(lic.id == proposed.id for lic in found)):
            entries = [("proposed", proposed)] + [entry for entry in entries if entry[1].id != proposed.id]
            found = [proposed, *found]
        exact = any(lic.id == query for lic in found)
        if text and not exact and query != UNLICENSED:
            written = ("written", query)
            if found:
                entries.append(written)
            else:
                entries.insert(0, written)
        folded = text.casefold()
        if not text or (
            len(folded) >= 2 and (UNLICENSED.startswith(folded) or folded in ("none", "no licence", "no license"))
        ):
            entries.append(("none", ""))
        self.entries = entries
        self._show_proposal(proposed is not None and bool(entries) and entries[0][0] == "proposed")
        results = self.query_one(LicenseResults)
        width = self._width = self._row_width()
        results.rows = [self._row(kind, item, width) for kind, item in entries]
        index = 0
        if keep is not None:
            for i, (kind, item) in enumerate(entries):
                if (
                    (kind in ("license", "proposed") and item.id == keep)
                    or (kind == "none" and keep == UNLICENSED)
                    or (kind == "written" and item == keep)
                ):
                    index = i
                    break
        if entries:
            self._highlight(index)
        else:
            self._facts_of = None
            self.query_one(LicenseFacts).show_message("Nothing to choose yet", "Type a licence id or name.")

    def _highlight(self, index: int) -> None:
        """Highlight entry `index` and show its facts."""
        self.query_one(LicenseResults).highlighted = index
        self._show_facts(index)

    def _proposed(self) -> Any:
        """The proposed licence as the knowledge base knows it, or None."""
        if self.proposal is None:
            return None
        from questionnaire import licenses

        match = licenses.lookup(self.proposal.license)
        return match.license if match.known else None

    _proposal_shown = False  # the list made has the proposal first (its line is shown on a licence question)
    _proposal_line: str | None = None  # the line's text, as shown

    def _show_proposal(self, shown: bool) -> None:
        """Whether the list made has the proposal first: its line is then shown, on a licence question."""
        self._proposal_shown = shown
        self._proposal_line_shown()

    def _proposal_line_shown(self) -> None:
        shown = self._proposal_shown and not self.typed
        text = f"★ Proposed, because {plain(self.proposal.reason)}." if shown else ""
        if text == self._proposal_line:
            return
        self._proposal_line = text
        line = self.query_one("#license-proposal", Static)
        line.update(Text(text) if text else "")
        line.set_class(shown, "-shown")

    def _row(self, kind: str, item: Any, width: int) -> Text:
        if kind in ("license", "proposed"):
            # The id is what tells licences apart (the OpenRAIL variants differ at its end): shown whole, less
            # the "LicenseRef-" every AI licence's id starts with, or cut in its middle; the name gets the rest.
            # The tag says what keeps it from open terms ("use restrictions +1"), or "not open" when the id
            # would not fit beside it.
            licence_id = one_line(item.id.removeprefix("LicenseRef-"))
            tag = licence_tag(item)
            if len(licence_id) + len(tag) + 3 > width:
                tag = NOT_OPEN if not item.open_terms else tag
            mark = Text(tag, style="green" if item.open_terms else "red")
            if kind == "proposed":  # the star of the line above the list, which says why
                mark = Text("★ ", style="bold") + mark
            shown = middle(licence_id, max(1, width - len(mark) - 1))
            label = Text(shown, style="bold")
            label.append("  " + one_line(item.name), style="dim")
            return with_count(label, mark, width)
        if kind == "written":
            text = Text("✎ Use “", style="italic")
            text.append(one_line(item), style="bold italic")
            text.append("” as written", style="italic")
            return fit_line(text, width)
        return fit_line(Text("∅ No licence at all (stored as “unlicensed”)", style="italic"), width)

    def _row_width(self) -> int:
        width = self.query_one(LicenseResults).scrollable_content_region.width
        if width > 0:
            self._laid_out_width = width
        elif self._laid_out_width and self.app.size == self._laid_out_for:
            # hidden since it was last shown (another kind of question): the width it had then, so that
            # the list is not made a second time once it is laid out again
            width = self._laid_out_width
        else:  # before the first layout: what the layout will give (sidebar, scrollbars, padding, border)
            screen = self.app.size.width
            width = (screen - 30) * 3 // 5 - 4 if screen >= 100 else screen - 30 - 7
        self._laid_out_for = self.app.size
        return width - 2

    def _show_facts(self, index: int | None) -> None:
        facts = self.query_one(LicenseFacts)
        if index is None or not (0 <= index < len(self.entries)):
            return
        kind, item = self.entries[index]
        if self._facts_of is not None and self._facts_of == (kind, item):
            return  # shown already (a Static's update lays the screen out again, even with the same text)
        self._facts_of = (kind, item)
        if kind in ("license", "proposed"):
            facts.update(license_text(item))
        elif kind == "none":
            facts.show_message(
                "No licence",
                "Released without a licence: people generally have no right to reuse it, so it counts as not open.",
            )
        else:
            from questionnaire import licenses

            match = licenses.lookup(item)
            if match.known and match.license is not None:
                facts.update(license_text(match.license, read_as=item))
            elif licenses.names_no_license(item):
                facts.show_message(
                    "No licence",
                    f"“{one_line(item.strip())}” names no licence: it counts as released without one "
                    "(proprietary), "
                    "so people have no right to reuse it and it is not open. No questions about terms follow; "
                    "if there is a licence after all, give its name.",
                )
            else:
                hint = ""
                if match.suggestions:
                    hint = " Did you mean " + " or ".join(lic.id for lic in match.suggestions) + "?"
                facts.show_message(
                    "Not a licence the questionnaire knows",
                    f"It is kept exactly as written. After you choose it, {len(TERM_KEYS)} questions ask about its "
                    "terms (commercial use, derivatives, restrictions …) and the result says they were "
                    "self-assessed." + hint,
                )

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.typed:
            super().on_input_changed(event)
            return
        event.stop()
        self._fill(event.value)
        if self.error is not None:
            self.show_error(None)

    def on_license_results_highlighted(self, event: LicenseResults.Highlighted) -> None:
        event.stop()
        self._show_facts(event.index)

    def on_license_results_selected(self, event: LicenseResults.Selected) -> None:
        event.stop()
        self._choose(event.index)

    def entered(self, value: str) -> None:
        """The field's text, Enter pressed: the highlighted entry, or what the bank says of an empty one."""
        if self.typed:
            super().entered(value)
            return
        results = self.query_one(LicenseResults)
        highlighted = results.highlighted
        proposed = (
            highlighted is not None
            and 0 <= highlighted < len(self.entries)
            and self.entries[highlighted][0] == "proposed"
        )
        if value.strip() == "" and value == "" and not proposed:
            self.submit("")  # the bank says what an empty licence needs
            return
        self._choose(results.highlighted)

    def action_move(self, step: int) -> None:
        results = self.query_one(LicenseResults)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def page(self, step: int) -> bool:
        """PgUp/PgDn page the list of licences; only from its first or last entry do they leave the question."""
        results = self.query_one(LicenseResults)
        if self.typed or not results.option_count() or not results.scrollable_content_region:
            return False  # nothing to page, or not laid out (Textual's paging needs the lines of a shown list)
        before = results.highlighted
        if step > 0:
            results.action_page_down()
        else:
            results.action_page_up()
        return results.highlighted != before

    def _choose(self, index: int | None) -> None:
        if index is None or not (0 <= index < len(self.entries)):
            self.submit(self.query_one(Input).value)
            return
        kind, item = self.entries[index]
        value = item.id if kind in ("license", "proposed") else (UNLICENSED if kind == "none" else item)
        self.submit(value)
