"""Turn an imported item into a classification rule: match a word of its subject, or one of its categories, and
count it as an activity, or mark it internal time or ignored."""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select

from imm_tui.model.classify import Rule
from imm_tui.model.problems import InputError
from imm_tui.tui.text import Translated, t
from imm_tui.tui.widgets.plain import Label

INTERNAL, IGNORE = ":internal", ":ignore"  # the two outcomes besides the activities (no activity id holds a colon)


def keyword_pattern(keyword: str) -> str:
    """A case-insensitive subject pattern for a typed keyword (regex characters taken literally)."""
    return "(?i)" + re.escape(keyword.strip()).replace("\\ ", " ")


class NewRule(ModalScreen[Rule | None], Translated):
    """Enter adds the rule; Escape leaves classify.toml alone."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rule.cancel")]

    def __init__(self, subject: str, categories: list[str], activities: list[tuple[Text, str]], private: bool,
                 commit: Callable[[Rule], None] | None = None) -> None:
        """`commit` writes the rule; when it fails, the dialog stays open with the reason and what was typed."""
        super().__init__()
        self.subject, self.categories, self.activities, self.private = subject, categories, activities, private
        self.commit = commit

    def compose(self) -> ComposeResult:
        matches = [] if self.private else [(t(self, "Subject contains"), "subject")]
        matches += [(t(self, "Category is"), "category")] if self.categories else []
        with Vertical(classes="dialog"):
            categories = f"  [{', '.join(self.categories)}]" if self.categories else ""  # shown as text (plain Label)
            yield Label(t(self, "New rule from: {item}", item=(self.subject or t(self, "(no subject)")) + categories))
            yield Select(matches, value=matches[0][1], allow_blank=False, id="match")
            yield Input(self._suggestion(str(matches[0][1])), id="text")
            outcomes = [*self.activities, (t(self, "Internal time (not counted)"), INTERNAL), (t(self, "Ignore (not counted)"), IGNORE)]
            yield Select(outcomes, value=self.activities[0][1], allow_blank=False, id="activity")
            yield Label("", id="reason", classes="error")
            hint = t(self, "Enter adds it to classify.toml, after the other rules: items they count keep their activity.")
            yield Label(hint, classes="hint")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()  # type the word at once; Tab reaches the two choices

    def _suggestion(self, kind: str) -> str:
        return self.categories[0] if kind == "category" else self.subject

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "match":
            self.query_one("#text", Input).value = self._suggestion(str(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#reason", Label).update(t(self, "Type a word to match"))
            return
        kind = self.query_one("#match", Select).value
        chosen = str(self.query_one("#activity", Select).value)
        outcome: dict[str, object] = {"internal": True} if chosen == INTERNAL else {"ignore": True} if chosen == IGNORE else {
            "activity": chosen}
        match: dict[str, object] = {"categories": [text]} if kind == "category" else {"subject": keyword_pattern(text)}
        try:
            rule = Rule.model_validate({**match, **outcome})
        except ValidationError as error:
            self.query_one("#reason", Label).update(t(self, "Refused: {reason}", reason=error.errors()[0]["msg"]))
            return
        if self.commit is not None:
            try:
                self.commit(rule)
            except InputError as error:
                self.query_one("#reason", Label).update(t(self, "Refused: {reason}", reason=str(error)))
                return
            except OSError as error:  # classify.toml could not be written: the rule stays typed here
                reason = error.strerror or str(error)
                self.query_one("#reason", Label).update(t(self, "Not written to classify.toml: {reason}", reason=reason))
                return
        self.dismiss(rule)

    def action_cancel(self) -> None:
        self.dismiss(None)
