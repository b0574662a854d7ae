"""Unexpected errors in the app are shown and logged, and the app stays up with every edit kept.

Textual ends the whole app on an error in any handler (after stopping the message loop of the widget it
happened in), which would throw away a manager's unsaved plan. Every IMM screen and widget, and the app,
is `KeptUp`: an error in one of its handlers, actions or workers becomes a notification naming it and a
traceback in the log, and the node goes on taking messages.

With `IMM_RAISE_UNEXPECTED=1` (the test suite sets it) errors are raised as Textual would, so a bug in
a handler still fails its test.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from imm_tui.i18n import Labels

RAISE_ENV = "IMM_RAISE_UNEXPECTED"


def log_error(error: BaseException) -> Path | None:
    """Append `error`'s traceback to IMM's log (owner-only); the log's path, or None when it cannot be written."""
    from imm_tui.bundled import imm_home
    from imm_tui.model.atomic import append_private

    try:
        log = imm_home() / "imm.log"
        append_private(log, "".join(traceback.format_exception(error)))
    except OSError:
        return None
    return log


def report_unexpected(node: MessagePump, error: BaseException) -> None:
    """Show `error` as a notification and log its traceback; nothing else changes."""
    log = log_error(error)
    try:
        found = getattr(node.app, "labels", None)
    except Exception:  # noqa: BLE001 - no running app: English
        found = None
    labels = found if isinstance(found, Labels) else Labels()  # (tui/text.py builds on this module, not the other way)
    message = labels("Unexpected error: {error}. Your edits are kept.", error=f"{type(error).__name__}: {error}")
    if log is not None:
        message += " " + labels("Details in {path}", path=log)
    with contextlib.suppress(Exception):  # no app to show it in any more: the log has it
        node.app.notify(message, severity="error", timeout=15)


class KeptUp(MessagePump):
    """Mixed into the app and every screen and widget of IMM (see the module's docstring)."""

    async def _dispatch_message(self, message: Message) -> None:
        # Textual's one door for every event, message, action and callback a node handles.
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            if os.environ.get(RAISE_ENV):
                raise
            report_unexpected(self, error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that ended in an error it did not handle itself."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            if os.environ.get(RAISE_ENV):
                raise event.worker.error
            report_unexpected(self, event.worker.error)
