"""Waiting for the app's own workers in Pilot tests (the Import tab's directory tree keeps a loader worker
running for as long as the app lives, so `app.workers.wait_for_complete()` would wait forever)."""

from __future__ import annotations

from textual.app import App


async def finish(app: App[None], *groups: str) -> None:
    """Wait for the workers of these groups (default: imports and exports)."""
    wanted = set(groups or ("import", "export"))
    for worker in [w for w in app.workers if w.group in wanted]:
        await worker.wait()
