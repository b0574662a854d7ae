"""Labels in the app's language (see `imm_tui.i18n`): `t(widget, "Save plan")` and translated key bindings."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual._context import NoActiveAppError
from textual.dom import DOMNode

from imm_tui.i18n import Labels
from imm_tui.tui.errors import KeptUp

ENGLISH = Labels("en")


def labels(node: DOMNode) -> Labels:
    """The running app's labels (English outside an IMM app, as in a widget's own test)."""
    try:
        found = getattr(node.app, "labels", None)
    except NoActiveAppError:
        return ENGLISH
    return found if isinstance(found, Labels) else ENGLISH


def t(node: DOMNode, text: str, /, **params: object) -> str:
    """`text` in the app's language, with `{placeholders}` filled in."""
    return labels(node)(text, **params)


def translate_bindings(node: DOMNode, given: Labels | None = None) -> None:
    """Show `node`'s key bindings (its own and inherited ones, Textual's too) in the app's language.

    Bindings are declared once per class, in English; every node holds its own copy of them, so the copy
    is translated when the node is created, and the footer and the command palette show the translation.
    """
    given = given or labels(node)
    if given.language == "en":
        return
    table = node._bindings.key_to_bindings  # noqa: SLF001 - the node's own copy; Textual has no public setter
    for key, bindings in table.items():
        table[key] = [dataclasses.replace(b, description=given(b.description)) if b.description else b for b in bindings]


class Translated(KeptUp, DOMNode):
    """Mixed into a widget or screen: its key bindings speak the app's language, and an unexpected error
    in it is shown and logged while the app stays up (`KeptUp`).

    Put it *after* the Textual base (`class Pane(Vertical, Translated)`): Textual takes a widget's CSS
    type names from the first base class only, so first it would hide Vertical's styles (height 1fr)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
