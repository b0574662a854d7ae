"""Load and save `plan.toml`.

Reading uses the standard library's tomllib (strict, fast). Writing edits the user's own document with
tomlkit, which keeps comments, key order and formatting of everything that did not change: a plan is
a hand-written, commented file and the app must not turn it into a machine dump. Only changed values
are touched; new files (presets, `imm init`) are copied from commented templates, so one writer
(tomlkit) serves every write and tomli-w is not needed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from imm_tui.model.atomic import write_atomic
from imm_tui.model.plan import Plan
from imm_tui.model.plan_checks import check_plan
from imm_tui.model.problems import InputError, Problem, format_path
from imm_tui.model.toml_lines import TomlLines
from imm_tui.model.validation import parse_toml, read_text, validate


class PlanChangedOnDisk(Exception):
    """The file was changed by someone else since it was loaded; saving would lose their work."""


@dataclass(frozen=True)
class PlanDocument:
    """A loaded plan together with the exact text it came from (needed to save edits in place)."""

    path: Path
    text: str
    plan: Plan
    warnings: tuple[Problem, ...] = ()


def load_plan(path: Path) -> PlanDocument:
    """Read, parse and check `path`; raise InputError with every problem found."""
    text = read_text(path)
    return plan_from_text(text, path)


def plan_from_text(text: str, path: Path) -> PlanDocument:
    file = str(path)
    data = parse_toml(text, file)
    lines = TomlLines(text)
    problems: list[Problem] = []
    try:
        plan = validate(Plan, data, file, lines)
    except InputError as error:
        # Drop the broken values and look again, so cross-section problems show in the same run.
        problems = error.problems
        repaired = _without(data, [_path_parts(p.field) for p in problems])
        try:
            plan = Plan.model_validate(repaired)
        except ValueError:
            raise error from None
    findings = [
        Problem(file, lines.line_of(loc), format_path(loc), message, severity)
        for loc, message, severity in check_plan(plan)
    ]
    known = {(p.field, p.message) for p in problems}
    problems.extend(f for f in findings if (f.field, f.message) not in known)
    if any(p.severity == "error" for p in problems):
        raise InputError(sorted(problems, key=lambda p: (p.line or 0)))
    return PlanDocument(path, text, plan, tuple(problems))


def _path_parts(field: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        parts.append(int(index) if index else name)
    return parts


def _without(data: dict[str, Any], paths: list[list[str | int]]) -> dict[str, Any]:
    """A deep copy of `data` with the values at `paths` removed."""
    result = copy.deepcopy(data)
    for parts in paths:
        container: Any = result
        for part in parts[:-1]:
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                container = None
                break
        if isinstance(container, dict) and parts and parts[-1] in container:
            del container[parts[-1]]
    return result


def render_plan(document: PlanDocument, plan: Plan) -> str:
    """The text of `document` with the changes from `document.plan` to `plan` applied in place."""
    doc = tomlkit.parse(document.text)
    _apply(doc, _dump(document.plan), _dump(plan), _dump(plan, sparse=True))
    return tomlkit.dumps(doc)


def save_plan(document: PlanDocument, plan: Plan, *, force: bool = False) -> PlanDocument:
    """Write `plan` over `document.path` atomically, keeping comments; return the new document.

    Refuses (InputError) a plan that does not pass every check, and (PlanChangedOnDisk) a file that
    changed on disk since it was loaded, unless `force`. Nothing is written in either case.
    """
    text = render_plan(document, plan)
    saved = plan_from_text(text, document.path)  # the written file must load back to the same plan
    if _dump(saved.plan) != _dump(plan):
        raise InputError([Problem(str(document.path), None, "", "internal: the saved plan would not read back equal")])
    if not force and document.path.exists() and read_text(document.path) != document.text:
        raise PlanChangedOnDisk(f"{document.path} was changed on disk since it was loaded")
    write_atomic(document.path, text.encode("utf-8"))
    return saved


def _dump(plan: Plan, *, sparse: bool = False) -> dict[str, Any]:
    return plan.model_dump(mode="json", by_alias=True, exclude_defaults=sparse)


def _apply(container: Any, old: dict[str, Any], new: dict[str, Any], sparse: Any) -> None:
    """Change `container` (a tomlkit table) where `new` differs from `old`.

    `sparse` is `new` without default values; new tables are written from it so that they read like a
    hand-written entry rather than a list of every default.
    """
    sparse = sparse if isinstance(sparse, dict) else {}
    for key in [k for k in old if k not in new or new[k] is None]:
        if key in container:
            del container[key]
    for key, value in new.items():
        if value is None or (key in old and old[key] == value):
            continue
        before = old.get(key)
        if key in container and isinstance(value, dict) and isinstance(before, dict):
            _apply(container[key], before, value, sparse.get(key))
        elif value == [] and isinstance(before, list) and _is_tables(before):
            if key in container:
                del container[key]
        elif isinstance(value, list) and _is_tables(value) and (key in container or not _is_tables(before or [])):
            if key not in container:
                container[key] = tomlkit.aot()
            _apply_list(container[key], before or [], value, sparse.get(key) or value)
        elif key not in container and isinstance(value, dict) and isinstance(before, dict):
            container[key] = _changed_only(before, value)
        else:
            container[key] = _clean(value)


def _apply_list(items: Any, old: list[Any], new: list[Any], sparse: list[Any]) -> None:
    """Edit an array of tables element by element (matched by `id` where elements have one)."""
    if all(isinstance(v, dict) and "id" in v for v in old + new):
        old_ids = [v["id"] for v in old]
        new_ids = [v["id"] for v in new]
        for index in reversed(range(len(old))):
            if old_ids[index] not in new_ids:
                del items[index]
        kept = [v for v in old if v["id"] in new_ids]
        if [v["id"] for v in kept] != new_ids[: len(kept)]:
            _replace_all(items, sparse)
            return
        for index, value in enumerate(new):
            if index < len(kept):
                _apply(items[index], kept[index], value, sparse[index])
            else:
                items.append(_table(sparse[index]))
        return
    for index, value in enumerate(new):
        if index < len(old):
            _apply(items[index], old[index], value, sparse[index])
        else:
            items.append(_table(sparse[index]))
    for index in reversed(range(len(new), len(old))):
        del items[index]


def _replace_all(items: Any, new: list[Any]) -> None:
    while len(items):
        del items[len(items) - 1]
    for value in new:
        items.append(_table(value))


def _table(value: dict[str, Any]) -> Table:
    """A new array-of-tables element, followed by a blank line as a person would leave it."""
    table = tomlkit.table()
    for key, item in _clean(value).items():
        if isinstance(item, dict):
            inline = tomlkit.inline_table()
            inline.update(item)
            table[key] = inline
        else:
            table[key] = item
    table.add(tomlkit.nl())
    return table


def _changed_only(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in new.items():
        if value is None or old.get(key) == value:
            continue
        out[key] = _changed_only(old[key], value) if isinstance(value, dict) and isinstance(old.get(key), dict) else _clean(value)
    return out


def _clean(value: Any) -> Any:
    """Drop None; write whole numbers as integers (`12`, not `12.0`), as a person would."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _is_tables(value: list[Any]) -> bool:
    return bool(value) and all(isinstance(v, dict) for v in value)


__all__ = ["PlanChangedOnDisk", "PlanDocument", "load_plan", "plan_from_text", "render_plan", "save_plan"]
