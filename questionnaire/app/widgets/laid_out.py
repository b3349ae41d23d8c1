"""Widgets whose scrollable (virtual) size only the layout sets: no second layout to follow the first.

Textual's `Widget.virtual_size` is a reactive that asks for a layout when it changes. The screen's layout is
what sets it, for every widget whose size it changed (`Widget._size_updated`), so that each layout in which
a question's text, answer or help changes height is followed by a second layout of the whole screen a
frame later, which arranges everything as the first did and changes nothing (on the questionnaire screen:
a second layout after nearly every answer). A widget with `LaidOutSize` first in its bases keeps the
reactive (its watchers) without the layout, and without the repaint: the layout that changed the
virtual size has the compositor draw again every region whose geometry changed, so that the repaint asked
for besides drew the same widgets again in the next frame (the help, the question, the answer, the area).
Only for widgets whose virtual size the layout computes (containers, Statics, a list as tall as its rows) or
that ask for the layout and the repaint they need themselves (the sidebar's OptionList, when its options
change): a scrollbar that comes or goes still asks for a layout (`show_vertical_scrollbar`), and a changed
text through `refresh(layout=True)`, as before.

The reactive is redeclared, as a subclass redeclares any reactive to change its flags (public API)."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


class LaidOutSize:
    """Mixin, before the widget class in the bases: a change of `virtual_size` neither lays out nor repaints."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class LaidOutStatic(LaidOutSize, Static):
    """A Static inside a container the layout sizes (a question's head, its help, an answer's hint)."""
