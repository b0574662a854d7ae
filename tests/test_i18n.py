"""Every label the code asks for has a Dutch translation with the same placeholders (imm_tui.i18n)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from imm_tui.engine.compare import AT_RISK, BEHIND, ON_TRACK
from imm_tui.engine.insights import SIGNAL_KINDS
from imm_tui.engine.requirement import DRIVERS
from imm_tui.i18n import DUTCH, LANGUAGES, Labels
from imm_tui.model.settings import settings

PACKAGE = Path(__file__).resolve().parent.parent / "imm_tui"
TRANSLATORS = {"_", "N_", "said"}  # called with the label first; `t(node, label)` has it second


def labels_in_code() -> dict[str, str]:
    """Every literal label passed to a translator or a key Binding, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            position = {"t": 1, "Binding": 2, "labels": 0}.get(name, 0 if name in TRANSLATORS else None)
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


CODE = labels_in_code()


def test_the_scan_finds_the_labels() -> None:
    assert {"Save plan", "Quit", "Go to {tab}", "Plan", "no calendar", "Priority products ranked", "The hands"} <= set(CODE)
    assert len(CODE) > 150


@pytest.mark.parametrize("label", sorted(CODE))
def test_every_label_has_dutch(label: str) -> None:
    assert label in DUTCH, f"{CODE[label]}: no Dutch for {label!r}"
    assert placeholders(DUTCH[label]) <= placeholders(label), f"{CODE[label]}: Dutch uses other placeholders"


def item_meanings() -> set[str]:
    """The meanings the Plan tab shows for the fields of segments, people, products, teams, vacancies, events."""
    from imm_tui.tui.widgets.plan_pane import SECTIONS

    return {section.meaning(field) for section in SECTIONS for field in section.fields} - {""}


def test_every_field_meaning_in_the_plan_tables_has_dutch() -> None:
    from imm_tui.tui.widgets.plan_pane import SECTIONS

    unexplained = [f"{s.path}.{f}" for s in SECTIONS for f in s.fields if not s.meaning(f)]
    assert not unexplained, "every field edited in the app says what it means"
    assert not sorted(item_meanings() - set(DUTCH))


def test_no_dutch_for_labels_the_code_no_longer_has() -> None:
    meanings = {s.meaning for s in settings_of_demo()} | item_meanings()
    unused = set(DUTCH) - set(CODE) - meanings - TEXTUAL_LABELS
    assert not unused, sorted(unused)


def settings_of_demo():  # type: ignore[no-untyped-def]
    from imm_tui.bundled import demo_workspace
    from imm_tui.model.workspace import load_workspace

    return settings(load_workspace(demo_workspace()).plan_document.plan)


TEXTUAL_LABELS = {"palette", "Quit", "Focus next", "Focus previous"}  # Textual's own bindings the footer may show


def test_every_setting_meaning_has_dutch() -> None:
    missing = [s.path for s in settings_of_demo() if not s.path.startswith("calendar.seasonality.") and s.meaning not in DUTCH]
    assert not missing


def test_values_the_engine_shows_are_labels() -> None:
    assert set(DRIVERS) <= set(CODE)
    assert {ON_TRACK, BEHIND, AT_RISK} <= set(CODE)
    assert set(SIGNAL_KINDS) <= set(CODE)


def test_labels_fill_in_and_fall_back() -> None:
    dutch = Labels("nl")
    assert dutch("Save plan") == DUTCH["Save plan"]
    assert dutch("Go to {tab}", tab="Monitor") == DUTCH["Go to {tab}"].format(tab="Monitor")
    assert dutch("a label nobody wrote") == "a label nobody wrote"
    assert Labels("en")("Go to {tab}", tab="Plan") == "Go to Plan"
    assert LANGUAGES == ("en", "nl")
    with pytest.raises(ValueError, match="unknown language"):
        Labels("de")
