"""Shared helpers: write a plan text to a temp workspace and load it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from imm_tui.model.plan import Plan
from imm_tui.model.plan_file import plan_from_text

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "configs" / "demo"


def coverage_workspace(root: Path) -> Path:
    """The demo with tests/data/coverage placed: `march-only.ics` for jdv (it states 1–31 March) and
    `ends-in-january.ics` for sbakker (items 4–29 January, no stated range); not yet imported."""
    import shutil

    shutil.copytree(DEMO, root)
    for person, name in (("jdv", "march-only.ics"), ("sbakker", "ends-in-january.ics")):
        (root / "imports" / person).mkdir(parents=True)
        shutil.copy(ROOT / "tests" / "data" / "coverage" / name, root / "imports" / person)
    return root


def plan_of(text: str) -> Plan:
    """A Plan from TOML text (dedented), checked exactly as `imm check` would."""
    return plan_from_text(textwrap.dedent(text), Path("plan.toml")).plan


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch a real home folder or a workspace from the environment."""
    monkeypatch.setenv("IMM_HOME", str(tmp_path_factory.mktemp("imm-home")))
    monkeypatch.setenv("IMM_TODAY", "2026-11-23")  # before every test plan's year: the default as-of is the last imported day
    monkeypatch.delenv("IMM_WORKSPACE", raising=False)
    monkeypatch.setenv("IMM_RAISE_UNEXPECTED", "1")  # a bug in an app handler fails its test (tui/errors.py)
    from imm_tui.report.formats import use_language

    use_language("en")  # a Dutch app earlier in this worker leaves no Dutch separators behind
