"""DESIGN.md §6: textual only under imm_tui/tui; model without pandas; the core never loads the UI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "imm_tui"
IMPORT = re.compile(r"^\s*(?:import|from)\s+(textual|pandas)\b", re.MULTILINE)


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(m for m in ('textual', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_model_loads_neither_pandas_nor_textual() -> None:
    assert loaded_after("import imm_tui.model.workspace, imm_tui.model.plan_file, imm_tui.model.classify") == set()


def test_engine_report_and_cli_never_load_textual() -> None:
    modules = "imm_tui.engine.requirement, imm_tui.engine.rollup, imm_tui.report.tables, imm_tui.cli_commands"
    assert "textual" not in loaded_after(f"import {modules}")


def test_sources_import_textual_only_under_tui_and_pandas_never_in_model() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        for module in IMPORT.findall(path.read_text(encoding="utf-8")):
            assert module != "textual" or relative.startswith("tui/"), relative
            assert module != "pandas" or not relative.startswith("model/"), relative
