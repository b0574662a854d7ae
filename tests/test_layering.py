"""The house's layering (README, Layout): textual only under imm_tui/tui; model without pandas; the core
never loads the UI; imports point one way between layers and never run in a circle between modules."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "imm_tui"
IMPORT = re.compile(r"^\s*(?:import|from)\s+(textual|pandas)\b", re.MULTILINE)

# Which layers each layer may import (besides itself and `imm_tui` for the version). Arrows point down:
# cli and tui → report → engine → model; tui/cli/report → ingest → model; i18n is a leaf catalogue.
ALLOWED: dict[str, set[str]] = {
    "i18n": set(),
    "model": set(),
    "engine": {"model", "i18n"},
    "ingest": {"model"},
    "report": {"engine", "ingest", "model", "i18n"},
    "bundled": {"engine", "model"},
    "tui": {"report", "engine", "ingest", "model", "i18n", "bundled"},
    "cli": {"tui", "report", "engine", "ingest", "model", "i18n", "bundled"},
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Every module of the package → the package's modules it imports (at the top, in functions, for typing alike)."""
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:  # `from imm_tui.cli import app` imports the module imm_tui.cli.app
                    candidate = f"{node.module}.{alias.name}"
                    targets.add(candidate if candidate in modules else node.module)
            elif isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{name}: relative import; write the absolute module path")
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_circle_between_modules() -> None:
    assert cycles(import_graph()) == []


def test_imports_point_down_the_layers() -> None:
    graph = import_graph()
    assert {layer(m) for m in graph} - {""} <= set(ALLOWED), "a new top-level package needs its place in ALLOWED"
    wrong = [f"{source} → {target}" for source, targets in graph.items() for target in targets
             if layer(target) not in ({"", layer(source)} | ALLOWED.get(layer(source), set()))]
    assert wrong == []


def test_the_checks_see_what_they_check(tmp_path: Path) -> None:
    """The graph and the cycle finder on a made-up package: a circle and an upward import are found."""
    package = tmp_path / "imm_tui"
    for folder in ("model", "engine"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "model" / "a.py").write_text("from imm_tui.model import b\n")
    (package / "model" / "b.py").write_text("def f():\n    from imm_tui.engine.c import g\n")
    (package / "engine" / "c.py").write_text("from imm_tui.model.a import x\n")
    graph = import_graph(package)
    assert graph["imm_tui.model.b"] == {"imm_tui.engine.c"}
    assert cycles(graph) == [["imm_tui.engine.c", "imm_tui.model.a", "imm_tui.model.b"]]
    assert "engine" not in ALLOWED["model"]


def test_command_modules_share_only_cli_common() -> None:
    graph = import_graph()
    commands = {m for m in graph if m.startswith("imm_tui.cli.") and m not in ("imm_tui.cli.common", "imm_tui.cli.__main__")}
    assert {t for t in graph["imm_tui.cli.common"] if t.startswith("imm_tui.cli")} == set()
    for command in commands:
        assert "imm_tui.cli" not in graph[command], f"{command} imports the parser back"


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(m for m in ('textual', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_model_loads_neither_pandas_nor_textual() -> None:
    assert loaded_after("import imm_tui.model.workspace, imm_tui.model.plan_file, imm_tui.model.classify") == set()


def test_engine_report_and_cli_never_load_textual() -> None:
    modules = "imm_tui.engine.requirement, imm_tui.engine.rollup, imm_tui.report.tables, imm_tui.cli.plan, imm_tui.cli.report"
    assert "textual" not in loaded_after(f"import {modules}")


def test_sources_import_textual_only_under_tui_and_pandas_never_in_model() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        for module in IMPORT.findall(path.read_text(encoding="utf-8")):
            assert module != "textual" or relative.startswith("tui/"), relative
            assert module != "pandas" or not relative.startswith("model/"), relative


def test_the_app_shows_text_through_plain_widgets_only() -> None:
    """Labels and Statics come from tui/widgets/plain.py (markup off): a subject `[/]` crashed the app."""
    wrong = []
    for path in (PACKAGE / "tui").rglob("*.py"):
        if path.name == "plain.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
                wrong += [f"{path.name}: {a.name}" for a in node.names if a.name in ("Label", "Static", "DirectoryTree", "Tree")
                          and not (a.name == "DirectoryTree" and path.name == "import_pane.py")]
            plain = isinstance(node, ast.keyword) and isinstance(node.value, ast.Constant) and node.value.value is False
            if isinstance(node, ast.keyword) and node.arg == "markup" and not plain:
                wrong.append(f"{path.name}:{node.value.lineno}: markup=")
    assert wrong == []
