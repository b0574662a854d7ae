"""Widgets that show text as it is: a subject, a name or a file name is never read as markup.

Textual reads `[b]`, `[/]` or `[@click=…]` in a Label's text as markup, so a calendar subject `[/]`
crashed the app and `[@click=app.quit]` would be a live link. IMM's own labels use no markup either, so
every Label and Static in the app comes from here (a test keeps it so)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import widgets
from textual.widgets import DirectoryTree


class Label(widgets.Label):
    def __init__(self, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, markup=markup, **kwargs)


class Static(widgets.Static):
    def __init__(self, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, markup=markup, **kwargs)


class PlainDirectoryTree(DirectoryTree):
    """A DirectoryTree whose file names are text: Textual's Tree reads a str label as markup."""

    def process_label(self, label: str | Text) -> Text:
        text = Text(label) if isinstance(label, str) else label
        return text.split()[0]


def option(text: str) -> Text:
    """A Select option's prompt shown as it is written."""
    return Text(text)
