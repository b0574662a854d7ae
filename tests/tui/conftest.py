"""Fixtures of the app's tests: a private copy of the demo workspace (test_snapshots has its own, with an import)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    return root
