"""Small dialogs: edit one value (refused with its reason when the plan cannot hold it), confirm quit."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from imm_tui.tui.session import EditRefused
from imm_tui.tui.text import Translated, t
from imm_tui.tui.widgets.plain import Label


class EditValue(ModalScreen[bool], Translated):
    """Type a new value; `apply` takes it into the session or raises EditRefused with the reason."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, label: str, value: str, apply: Callable[[str], object], hint: str = "") -> None:
        super().__init__()
        self.label, self.value, self.apply, self.hint = label, value, apply, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.label)
            if self.hint:
                yield Label(self.hint, classes="hint")
            yield Input(self.value, id="value")
            yield Label("", id="reason", classes="error")
            yield Label(t(self, "Enter to take the value, Escape to leave it"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            self.apply(event.value)
        except EditRefused as error:
            self.query_one("#reason", Label).update(t(self, "Refused: {reason}", reason=error))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChangedOnDisk(ModalScreen[str], Translated):
    """plan.toml was changed by someone else since it was opened: reload it, or keep (write) mine."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="changed.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self, "plan.toml was changed on disk since IMM opened it."))
            yield Label(t(self, "Reload drops your unsaved edits; Keep mine writes your version over the other one."), classes="hint")
            with Horizontal():
                yield Button(t(self, "Reload"), id="reload", variant="primary")
                yield Button(t(self, "Keep mine"), id="keep", variant="warning")
                yield Button(t(self, "Cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_cancel(self) -> None:
        self.dismiss("cancel")


class ConfirmQuit(ModalScreen[str], Translated):
    BINDINGS = [Binding("escape", "stay", "Stay", id="quit.stay")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self, "The plan has changes that are not saved."))
            with Horizontal():
                yield Button(t(self, "Save and quit"), id="save", variant="primary")
                yield Button(t(self, "Quit without saving"), id="discard", variant="error")
                yield Button(t(self, "Stay"), id="stay")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")

    def action_stay(self) -> None:
        self.dismiss("stay")


class ConfirmReload(ModalScreen[str], Translated):
    """Reloading drops the plan's unsaved edits: ask first."""

    BINDINGS = [Binding("escape", "stay", "Cancel", id="reload.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self, "The plan has changes that are not saved."))
            yield Label(t(self, "Reloading reads plan.toml again and drops them (the as-of day you chose stays)."), classes="hint")
            with Horizontal():
                yield Button(t(self, "Reload and drop my edits"), id="reload", variant="error")
                yield Button(t(self, "Cancel"), id="stay", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")

    def action_stay(self) -> None:
        self.dismiss("stay")
