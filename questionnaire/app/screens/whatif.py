"""What if: pick a component, change its release, licence or access, and see at once how the tier and
each framework's verdict move ("Releasing the training code under Apache-2.0 makes this open source").

The answers on screen are never changed: the change is applied to a copy with `questionnaire.whatif`,
classified, and each difference shown in the core's own sentence, marked by the way it went (✓ gained,
✗ lost)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from questionnaire import ids, vocabulary, whatif
from questionnaire.app import actions
from questionnaire.app.labels import TIER_STYLES
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.compact_select import CompactSelect
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.result_list import ResultList
from questionnaire.app.widgets.text_field import text_field
from questionnaire.text import MAX_ANSWER_LENGTH, one_line

if TYPE_CHECKING:
    from questionnaire.app.session import Session

KEEP = "keep"
DATA_INFORMATION = "data_information"
RELEASE_CHOICES = (("Released", "released"), ("Not released", "unreleased"))
# the vocabulary's phrases, as labels: "Downloadable by anyone", "Behind an approval gate"
ACCESS_LABELS = {value: vocabulary.capital(words.gate) for value, words in vocabulary.ACCESS.items()}
DATA_FIELDS = (
    ("description", "Description of the training data", False),
    ("public_list", "List of public training data", True),
    ("third_party_list", "List of third-party training data", True),
)
DATA_LICENCE = "CC-BY-4.0"  # the licence a published data description is tried with
MARKS = {1: True, -1: False, 0: None}  # a difference's direction as the list's mark: ✓ gained, ✗ lost, • the rest


class WhatIfScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    WhatIfScreen {
        & #whatif-body { height: 1fr; }
        & #whatif-components { width: 36; height: 1fr; border: round $foreground 25%; }
        & #whatif-components:focus { border: round $accent; }
        & #whatif-right { width: 1fr; height: 1fr; padding: 0 1; }
        & #whatif-now { height: auto; color: $text-muted; }
        & #whatif-component, #whatif-data { height: auto; }
        /* each field captioned on its left (the caption's width, its gap included); the typed licence
           under the licence's list, in line with it */
        & CompactSelect { margin-top: 1; }
        & CompactSelect > .compact-select--caption { width: 12; color: $text-muted; }
        & #whatif-data CompactSelect > .compact-select--caption { width: 18; }
        & #whatif-licence-text { width: 1fr; margin-left: 12; }
        & #whatif-headline { height: auto; margin: 1 0; text-style: bold; padding: 0 1; }
        & #whatif-headline.-up { background: $success 30%; }
        & #whatif-headline.-down { background: $error 30%; }
    }
    WhatIfScreen.-narrow {
        & #whatif-components { width: 26; }
        & CompactSelect > .compact-select--caption { width: 9; }
        & #whatif-data CompactSelect > .compact-select--caption { width: 12; }
        & #whatif-licence-text { margin-left: 9; }
    }
    """
    BINDINGS = actions.bindings("whatif")
    AUTO_FOCUS = "#whatif-components"
    ABOUT = (
        "What if",
        (
            "Pick a component on the left, then change whether it is released, its licence (from the list, or "
            "type any) or how people get it. The headline says at once what the change does to the tier, and "
            "the list below how each framework's verdict moves, requirement by requirement (✓ gained, ✗ lost). "
            "The declaration itself never changes here; Ctrl+Z undoes. "
            "`openness whatif FILE --set COMPONENT=...` prints the same on the command line."
        ),
    )

    def __init__(self, session: Session) -> None:
        super().__init__()
        from questionnaire.components import QUESTION_ORDER

        self.session = session
        self.answers = session.declaration_answers()
        self.before = session.classification()
        self.keys = [*QUESTION_ORDER, DATA_INFORMATION]  # in the order the questionnaire asks
        self.component = self.keys[0]
        self._data_selects: dict[str, CompactSelect] = {}  # the data information's fields, once made

    def compose(self) -> ComposeResult:
        yield AppBar("What if", id="bar")
        with Horizontal(id="whatif-body"):
            yield OptionList(*self._component_options(), id="whatif-components")
            with VerticalScroll(id="whatif-right", can_focus=False):
                yield Static("", id="whatif-now", markup=False)
                with Vertical(id="whatif-component"):
                    # the choices come with the component picked (`pick`, at once on mount)
                    yield _select("whatif-release", caption="Release")
                    yield _select("whatif-licence", caption="Licence")
                    yield text_field(
                        self.app,
                        MAX_ANSWER_LENGTH,
                        placeholder="or type a licence: MIT, llama3.2 …",
                        id="whatif-licence-text",
                        compact=True,
                    )
                    yield _select("whatif-access", caption="Access")
                # the data information's fields (#whatif-data) are made when it is first picked (`pick`)
                yield Static("", id="whatif-headline", markup=False)
                # the two lists of a change's effects (#whatif-changes, #whatif-needed) are made with the
                # first change (`_result_lists`): the screen opens with no change, and faster without them
        yield KeyFooter()

    @staticmethod
    def _data_choices(can_be_unused: bool) -> list[tuple[str, str]]:
        choices = [(f"Published under {DATA_LICENCE}", "published"), ("Not published", "unpublished")]
        if can_be_unused:
            choices.append(("None was used", "none_used"))
        return choices

    def _component_options(self) -> list[Option]:
        from questionnaire.compare import cell, row_label
        from questionnaire.rules import read_release

        release = read_release(self.answers)
        options = []
        for key in self.keys:
            if key == DATA_INFORMATION:
                label, now = "Data information", self._data_now()
            else:
                label, now = row_label(key), cell(release.components[key], 20, mark=False)
            text = Text(label, style="bold")
            text.append("\n  " + now, style="dim")
            options.append(Option(_Lines(Content.from_rich_text(text)), id=key))
        return options

    def _data_now(self) -> str:
        published = sum(
            self.answers.get(ids.data_item(field)) in (True, "published", "none_used") for field, _, _ in DATA_FIELDS
        )
        return f"{published} of 3 parts given"

    # ------------------------------------------------------------------ picking and changing

    def on_mount(self) -> None:
        bar = self.query_one(AppBar)
        bar.set_name(self.session.model_name)
        bar.set_progress(f"now {vocabulary.TIER_WORDS[self.before.tier]}")
        bar.show_verdict_of(self.session)  # the tier a change would give is the headline's, not the badge's
        self.query_one(OptionList).highlighted = 0
        self.pick(self.keys[0])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self.component:
            self.pick(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()  # Enter on a component: on to its fields

    def pick(self, key: str) -> None:
        """Show the fields of component `key`, each set to 'as now', and what it is now."""
        self.component = key
        is_data = key == DATA_INFORMATION
        self.query_one("#whatif-component").display = not is_data
        made = is_data and not self._data_selects
        if made:
            self._make_data_fields()
        for box in self.query("#whatif-data"):
            box.display = is_data
        for widget in self.query("#whatif-licence, #whatif-access, #whatif-licence-text"):
            widget.disabled = False
        # every field back at 'as now' (pick recomputes once, below: not once more per field changed)
        with self.prevent(Input.Changed, CompactSelect.Changed):
            self.query_one("#whatif-licence-text", Input).value = ""
            if made:
                pass  # made with their choices, 'as now' chosen
            elif is_data:
                for field, _, can_be_unused in DATA_FIELDS:
                    now = self._data_field_now(field)
                    self._set_choices(self._data_selects[field], self._data_choices(can_be_unused), f"As now: {now}")
            else:
                released = self.answers.get(ids.component(key, ids.RELEASED)) is True
                licence = self.answers.get(ids.component(key, ids.LICENSE))
                access = self.answers.get(ids.component(key, ids.ACCESS))
                self._set_choices(
                    "#whatif-release", list(RELEASE_CHOICES), "As now: " + ("released" if released else "not released")
                )
                self._set_choices(
                    "#whatif-licence",
                    _licence_options(),
                    "As now: "
                    + (one_line(licence) if released and licence else "no licence" if released else "not released"),
                )
                self._set_choices(
                    "#whatif-access",
                    _access_options(),
                    "As now: " + (vocabulary.access(access).words if released else "not released"),
                )
        self.query_one("#whatif-now", Static).update(Text(self._now_sentence(key)))
        self.recompute()

    def _make_data_fields(self) -> None:
        """The data information's three fields, made the first time it is picked (most never pick it, and
        six selects built at once made the screen slow to open), each set to 'as now'."""
        fields = []
        for field, label, can_be_unused in DATA_FIELDS:
            choices = [(f"As now: {self._data_field_now(field)}", KEEP), *self._data_choices(can_be_unused)]
            fields.append(_select(f"whatif-{field}", choices, caption=label))
            self._data_selects[field] = fields[-1]
        self.query_one("#whatif-right").mount(Vertical(*fields, id="whatif-data"), after="#whatif-component")

    def _data_field_now(self, field: str) -> str:
        value = self.answers.get(ids.data_item(field))
        licence = self.answers.get(ids.data_license(field))
        if value is True or value == "published":
            return "published" + (f" under {one_line(licence)}" if licence else "")
        if value == "none_used":
            return "none was used"
        return "not published" if value in (False, "not_published") else "not answered"

    def _now_sentence(self, key: str) -> str:
        if key == DATA_INFORMATION:
            return "What if the training data were described? OSAID asks for all three parts."
        return f"What if {vocabulary.the(key)} were released differently?"

    def _set_choices(self, selector: str | CompactSelect, choices: list[tuple[str, str]], keep_label: str) -> None:
        select = self.query_one(selector, CompactSelect) if isinstance(selector, str) else selector
        select.set_options([(keep_label, KEEP), *choices])  # "keep" chosen again, under its new label

    def on_compact_select_changed(self, event: CompactSelect.Changed) -> None:
        event.stop()
        if event.select.id == "whatif-release":
            unreleased = event.value == "unreleased"
            for field in self.query("#whatif-licence, #whatif-access, #whatif-licence-text"):
                field.disabled = unreleased
            if unreleased:
                with self.prevent(CompactSelect.Changed, Input.Changed):
                    self.query_one("#whatif-licence", CompactSelect).value = KEEP
                    self.query_one("#whatif-access", CompactSelect).value = KEEP
                    self.query_one("#whatif-licence-text", Input).value = ""
        self.recompute()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.recompute()

    def action_reset(self) -> None:
        self.pick(self.component)

    # ------------------------------------------------------------------ the difference

    def _result_lists(self) -> tuple[ResultList, ResultList]:
        """What changes, and what is still needed for the next tier: made the first time they are needed."""
        lists = self.query(ResultList)
        if not lists:
            made = ResultList("What changes", id="whatif-changes"), ResultList("Still needed", id="whatif-needed")
            self.query_one("#whatif-right").mount_all(made)
            return made
        return self.query_one("#whatif-changes", ResultList), self.query_one("#whatif-needed", ResultList)

    def current_change(self) -> Any:
        """The change the fields describe, or None when every field says 'as now'."""
        key = self.component
        if key == DATA_INFORMATION:
            data = []
            for field, _, _ in DATA_FIELDS:
                value = self._data_selects[field].value
                if value == "published":
                    data.append((field, DATA_LICENCE))
                elif value in ("unpublished", "none_used"):
                    data.append((field, str(value)))
            return whatif.Change(key, key, data=tuple(data)) if data else None
        release = self.query_one("#whatif-release", CompactSelect).value
        licence = self.query_one("#whatif-licence", CompactSelect).value
        access = self.query_one("#whatif-access", CompactSelect).value
        if release == "unreleased":
            return whatif.Change(key, key, released=False)
        typed = self.query_one("#whatif-licence-text", Input).value.strip()
        licence = typed or (None if licence == KEEP else str(licence))  # a typed licence wins
        access = None if access == KEEP else str(access)
        if release == KEEP and licence is None and access is None:
            return None
        access, _, accepted = (access or "").partition(":")  # "click_through:license_only"
        return whatif.Change(
            key, key, released=True, license=licence, access=access or None, click_through_terms=accepted or None
        )

    def recompute(self) -> None:
        from questionnaire.rules import classify

        change = self.current_change()
        headline = self.query_one("#whatif-headline", Static)
        if change is None:
            headline.set_classes("")
            headline.update(
                Text(
                    f"Now {vocabulary.TIER_WORDS[self.before.tier]}. Choose a release, a licence or an "
                    "access above to see what would change."
                )
            )
            for shown in self.query(ResultList):
                shown.display = False
            return
        changes, needed = self._result_lists()
        after = classify(whatif.apply(self.answers, [change]))
        differences = whatif.diff(self.before, after)
        moved = differences[0].direction  # the tier's
        headline.set_classes("-up" if moved > 0 else "-down" if moved < 0 else "")
        headline.update(
            Text(whatif.headline([change], self.answers, self.before, after), style=TIER_STYLES.get(after.tier, ""))
        )
        changes.display = True
        changes.show((MARKS[d.direction], whatif.sentence(d)) for d in differences)
        needed.display = after.next_tier is not None and bool(after.next_tier.changes)
        if after.next_tier is not None:
            needed.border_title = f"Still needed for {vocabulary.TIER_WORDS[after.next_tier.tier]}"
            needed.show((None, item[:1].upper() + item[1:]) for item in after.next_tier.changes)


class _Lines(Visual):
    """A component's option in the list, its lines (the component, and what it is now) drawn as they are
    when they fit the list's width, as Content draws them then, without wrapping them first (OptionList asks
    each option's height, then draws it: Content wraps it both times, most of the list's first frame). Wrapped
    as Content wraps them when one does not fit."""

    def __init__(self, content: Content) -> None:
        self._content = content
        self._lines = content.split("\n")
        self._widest = max(line.cell_length for line in self._lines)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._widest

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines) if self._widest <= width else self._content.get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if self._widest > width:
            return self._content.render_strips(width, height, style, options)
        lines = self._lines if height is None else self._lines[:height]
        return [Strip(line.render_segments(style), line.cell_length) for line in lines]


def _select(select_id: str, choices: list[tuple[str, str]] | None = None, *, caption: str) -> CompactSelect:
    """A one-line select whose first choice, chosen at first, is 'as now' (its label says what that is); by
    default its other choices are set when a component is picked."""
    return CompactSelect(choices or [("As now", KEEP)], id=select_id, value=KEEP, caption=caption)


def _licence_options() -> list[tuple[str, str]]:
    return [(one_line(licence), licence) for licence in whatif.licence_choices()]


def _access_options() -> list[tuple[str, str]]:
    """Each access; a click-through twice, by what people accept there (the answer the rules read)."""
    options = []
    for value, label in ACCESS_LABELS.items():
        if value == "click_through":
            options += [
                (f"{label} {accepts}", f"click_through:{terms}")
                for terms, accepts in vocabulary.CLICK_THROUGH_ACCEPTS.items()
            ]
        else:
            options.append((label, value))
    return options
