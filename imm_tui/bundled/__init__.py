"""What ships with IMM: where the demo workspace and the presets are, the user's own copy of the demo, and
(`demo_calendars`) the generator of the demo's believable calendars."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "IMM_HOME"
PRESETS = ("generic", "staffing")


def configs_root() -> Path:
    """`imm_tui/configs` in an installed wheel, else the repository's `configs/` (editable install)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "configs"
    return inside if inside.is_dir() else package.parent / "configs"


DOCS = ("guide", "method", "reference")


def docs_root() -> Path:
    """`imm_tui/docs` in an installed wheel, else the repository's `docs/` (editable install)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "docs"
    return inside if inside.is_dir() else package.parent / "docs"


def preset_folder(name: str) -> Path:
    return configs_root() / "presets" / name


def bundled_demo() -> Path:
    return configs_root() / "demo"


def imm_home() -> Path:
    """IMM's own folder for the user's copy of the demo and the log; `IMM_HOME` overrides."""
    value = os.environ.get(HOME_ENV)
    if value:
        return Path(value)
    import platformdirs

    return Path(platformdirs.user_data_dir("imm", appauthor=False))


def demo_workspace() -> Path:
    """A writable copy of the demo (imports and edits must never touch the installed package)."""
    from imm_tui.model.atomic import private_folder, write_atomic

    target = imm_home() / "demo"
    if not (target / "plan.toml").exists():
        source = bundled_demo()
        for item in sorted(source.rglob("*")):
            copy = target / item.relative_to(source)
            if item.is_dir():
                private_folder(copy)
            elif item.suffix != ".sqlite":
                private_folder(copy.parent)
                write_atomic(copy, item.read_bytes(), backup=False)  # owner-only, unlike the package's files
    return target
