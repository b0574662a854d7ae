"""The app's labels in English and Dutch (`plan.language`, or `imm --lang nl`).

English text is the key, as with gettext: the code reads as the English screen does, and a label with
no translation would show in English rather than fail. `tests/test_i18n.py` finds every label the code
asks for (`t(node, "…")`, `labels("…")`, `N_("…")`) and checks that Dutch has it, with the same
`{placeholders}`. Only labels live here; figures are formatted by `report.formats`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

Language = Literal["en", "nl"]
LANGUAGES: tuple[str, ...] = get_args(Language)


def N_(text: str) -> str:  # noqa: N802 - gettext's name for "a label, translated where it is shown"
    """Mark `text` as a label that is translated later (where it is shown), so the catalogue test finds it."""
    return text


Params = tuple[tuple[str, str], ...]


def filled(template: str, **params: object) -> tuple[str, Params]:
    """`template` filled in English, and its parameters as text: what a record keeps so that it can be said
    again in another language (a signal's reason, a checklist answer's detail)."""
    shown = {name: str(value) for name, value in params.items()}
    return template.format(**shown), tuple(shown.items())


def said(labels: Callable[..., str], template: str, params: Params, english: str) -> str:
    """A kept sentence in the language of `labels`; `english` when it was built without a template."""
    return labels(template, **dict(params)) if template else english


from imm_tui.i18n.dutch import DUTCH  # noqa: E402 - the catalogue, after the helpers it does not need


class Labels:
    """`labels("Save plan")` → the label in this language; `labels("Week {week}", week=5)` fills it in."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
        self.language = language
        self._table: dict[str, str] = DUTCH if language == "nl" else {}

    def __call__(self, text: str, /, **params: object) -> str:
        template = self._table.get(text, text)
        return template.format(**params) if params else template

    def __repr__(self) -> str:
        return f"Labels({self.language!r})"
