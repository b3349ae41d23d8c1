"""The default CSS of the app's widget classes, parsed before a screen that uses them is opened.

Textual parses a widget class's DEFAULT_CSS when the first widget of that class is mounted: opening the
questions screen from the welcome screen parsed those of its screen, panels, answer widgets and their
Textual bases within the key (106-109 ms -> 87-89 ms parsed ahead, python bench/app_speed.py). The
welcome screen's warm-up has imported those classes by then (app._warm_up); this parses their CSS into the
stylesheet's own cache while the welcome screen waits, so that mounting them finds it parsed. Nothing is
added to the stylesheet itself: it holds the same sources as before, and the styles applied are the same.

Uses private Textual API (8.x): Stylesheet._parse_rules (and its cache), and DOMNode._css_bases and
_get_default_css, so that the cache keys are the ones mounting computes. Were they renamed, this does
nothing (the CSS is parsed on mount, as before)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

from textual.dom import DOMNode

PACKAGE = "questionnaire.app."


class _ClassOnly:
    """What DOMNode._get_default_css reads of a node (its CSS base classes), for a class not yet mounted."""

    def __init__(self, cls: type[DOMNode]) -> None:
        self._node_bases = cls._css_bases(cls)


def loaded_widget_classes(package: str = PACKAGE) -> Iterator[type[DOMNode]]:
    """Every widget or screen class defined in the modules of `package` imported by now."""
    for name, module in list(sys.modules.items()):
        if name.startswith(package) and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, type) and issubclass(value, DOMNode) and value.__module__ == name:
                    yield value


def parse_default_css_ahead(stylesheet: Any, classes: Iterable[type[DOMNode]]) -> None:
    """Parse the default CSS of `classes` and their CSS bases not yet in `stylesheet`."""
    parse = getattr(stylesheet, "_parse_rules", None)
    default_css = getattr(DOMNode, "_get_default_css", None)
    if parse is None or default_css is None or not hasattr(DOMNode, "_css_bases"):
        return
    parsed: set[object] = set()
    for cls in classes:
        for location, css, tie_breaker, scope in default_css(_ClassOnly(cls)):
            if location in stylesheet.source or location in parsed:
                continue  # in the stylesheet already: parsed when it was added
            parsed.add(location)
            parse(css, read_from=location, is_default_rules=True, tie_breaker=tie_breaker, scope=scope)
