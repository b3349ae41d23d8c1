"""What a screen pushed afresh does to open in one go (a mixin for the result, what if, compare, examples,
review, help and glossary screens).

Textual styles every widget of a new screen as it is mounted, then twice more around its first frames: the
ScreenResume that follows the push styles the whole screen again, and the first Resize sets the size classes
of the app's HORIZONTAL_BREAKPOINTS (-narrow, -wide) on it, which styles it all a third time and lays it out
anew, after a first frame drawn at the wrong breakpoint (the what-if list first 36 cells wide, then 26). So:

* the size classes are set when the screen is made, from the app's size, before anything is styled; the
  Resize then finds them already there and changes nothing (`DOMNode.update_classes` is a no-op then);
* the first ScreenResume does not style the screen again (`ScreenResume.refresh_styles`, public): nothing
  has changed since its widgets were styled a moment before. Every later resume (back from a screen pushed
  over this one, during which the theme may have changed) styles it as Textual always does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App


def breakpoint_classes(app: App[object], width: int, height: int) -> set[str]:
    """The classes Textual's Screen sets for a size: for each of the app's horizontal and vertical
    breakpoint lists, the class of the largest breakpoint the size reaches."""
    classes: set[str] = set()
    for breakpoints, dimension in ((app.HORIZONTAL_BREAKPOINTS, width), (app.VERTICAL_BREAKPOINTS, height)):
        for limit, name in sorted(breakpoints or [], reverse=True):
            if dimension >= limit:
                classes.add(name)
                break
    return classes


class OpensAtOnce:
    """Mixed into a Screen (before it: `class ResultScreen(OpensAtOnce, Screen[None])`)."""

    _resumed_once = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        try:
            app = self.app  # type: ignore[attr-defined]
        except RuntimeError:  # no app running (NoActiveAppError): Textual sets them on the first Resize
            return
        own = (getattr(self, "HORIZONTAL_BREAKPOINTS", None), getattr(self, "VERTICAL_BREAKPOINTS", None))
        if own == (None, None):  # the app's breakpoints, as Screen uses them then
            width, height = app.size
            # not styled yet (update=False): the classes count from the first styling on
            self.add_class(*breakpoint_classes(app, width, height), update=False)  # type: ignore[attr-defined]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # runs before Screen's own handler (a subclass's handlers come first in the MRO)
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
