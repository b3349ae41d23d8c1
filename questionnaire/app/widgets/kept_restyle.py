"""A widget's styles worked out once per look it takes, and put back when it takes that look again.

An answer's focused part (the choice list, the field) gains focus each time the questions go from a typed
answer to a choice or back. Textual then works its styles out again: it matches the whole stylesheet's rules
against the widget and against each of its component classes (~1 ms a switch, in the frame that shows the
next question). The result depends only on the widget's own state and its place in the DOM, so `restyle`
keeps it per look: the rules of the widget, and its component styles, by

* whether it has focus, hover, is disabled (`_pseudo_classes_cache_key`), and its classes;
* the type, id, classes and pseudo-class state of every node from the app to the widget;
* the stylesheet's rules (a new rule map after any parse: a theme, a new widget class's CSS) and the theme.

A widget whose rules could depend on anything else (its place among its siblings, `:focus-within`, `:empty`),
one with children (their styles follow its own), one that shows scrollbars (they are restyled too), or one
with transitions is
restyled by Textual every time, as before.

Uses private Textual API (8.x): DOMNode._component_styles, _get_component_classes, _css_type_name and the
flags Stylesheet.apply sets (_has_order_style, _has_odd_or_even, _has_focus_within). Should they be
renamed, `restyle` restyles as Textual does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.stylesheet import Stylesheet

if TYPE_CHECKING:
    from textual.widget import Widget

KEPT_LOOKS = 8  # per widget: focused and not, in a few themes or layouts
# pseudo-classes whose state no key here holds (Textual's own style cache leaves them out for that reason)
_UNKEYED = frozenset(Stylesheet._EXCLUDE_PSEUDO_CLASSES_FROM_CACHE)


class _Look:
    __slots__ = ("components", "rules", "rules_map")

    def __init__(self, rules: dict[str, Any], components: dict[str, Any], rules_map: object) -> None:
        self.rules = rules
        self.components = components
        self.rules_map = rules_map  # held, so that a new map is never taken for this one


def restyle(widget: Widget) -> None:
    """Work `widget`'s styles out as Textual does when a CSS class or pseudo-class changes
    (`update_node_styles`), or put back those it had last time it looked the same."""
    try:
        key = _look_key(widget)
    except AttributeError:  # Textual's internals moved: restyled as Textual does
        key = None
    kept: dict[tuple[Any, ...], _Look] | None = getattr(widget, "_kept_looks", None)
    look = kept.get(key) if kept is not None and key is not None else None
    stylesheet = widget.app.stylesheet
    if look is not None and look.rules_map is stylesheet.rules_map and not _shows_scrollbars(widget):
        _put_back(widget, look.rules)
        old = widget._component_styles
        widget._component_styles = dict(look.components)
        if old != look.components:
            widget.refresh()
        return
    widget.update_node_styles()
    try:
        if key is None or not _keepable(widget, stylesheet):
            return
    except AttributeError:  # as above
        return
    if kept is None:
        kept = widget._kept_looks = {}  # type: ignore[attr-defined]
    if len(kept) >= KEPT_LOOKS:
        del kept[next(iter(kept))]
    kept[key] = _Look(widget._css_styles.get_rules(), dict(widget._component_styles), stylesheet.rules_map)


def _put_back(widget: Widget, rules: dict[str, Any]) -> None:
    """Set the widget's CSS rules to `rules`, as Stylesheet.replace_rules does for a look without transitions,
    but only the rules that differ (a focus changes one or two: Textual sets all thirty and compares their
    render values to find an animation)."""
    base = widget.styles.base
    current = base.get_rules()
    changed = False
    for name in current.keys() | rules.keys():
        value = rules.get(name)
        if current.get(name) != value:
            setattr(base, name, value)
            changed = True
    if changed:
        widget.notify_style_update()


def _look_key(widget: Widget) -> tuple[Any, ...]:
    path = tuple(
        (node._css_type_name, node.id, node.classes, getattr(node, "_pseudo_classes_cache_key", None))
        for node in widget.css_path_nodes
    )
    return (widget.app.theme, path)


def _shows_scrollbars(widget: Widget) -> bool:
    """Whether Textual's restyle of `widget` would restyle scrollbars of its own too."""
    return widget.is_scrollable and (widget.show_vertical_scrollbar or widget.show_horizontal_scrollbar)


def _keepable(widget: Widget, stylesheet: Stylesheet) -> bool:
    """Whether `widget`'s styles, as just worked out, follow from its look key alone."""
    if widget._nodes or _shows_scrollbars(widget) or "transitions" in widget._css_styles.get_rules():
        return False
    if widget._has_order_style or widget._has_odd_or_even or widget._has_focus_within:
        return False
    rules_map = stylesheet.rules_map
    for component in widget._get_component_classes():
        for rule in rules_map.get(component, ()):
            if not rule.pseudo_classes.isdisjoint(_UNKEYED):
                return False
    return True
