"""The documentation users get (docs/): every key of the workspace files is in the reference, the worked
example of the method is what IMM computes, and nothing a user reads points to a file they do not have."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from imm_tui.engine.explain import explain
from imm_tui.engine.requirement import derive
from imm_tui.model import plan as plan_model
from imm_tui.model.accounts import COLUMNS
from imm_tui.model.classify import Company, Privacy, Rule, Skip
from imm_tui.model.orders import Columns, OrdersFormat
from imm_tui.model.plan_file import plan_from_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

PLAN_SECTIONS: dict[str, list[type[BaseModel]]] = {
    "[plan]": [plan_model.PlanInfo],
    "[calendar]": [plan_model.CalendarSettings],
    "[calendar.seasonality]": [plan_model.Seasonality],
    "[[calendar.events]]": [plan_model.Event],
    "[norms]": [plan_model.Norms],
    "[[activities]]": [plan_model.Activity],
    "[funnel]": [plan_model.Funnel],
    "[[segments]]": [plan_model.Segment],
    "[[products]]": [plan_model.Product],
    "[costs]": [plan_model.Costs],
    "[[teams]]": [plan_model.Team],
    "[[people]]": [plan_model.Person, plan_model.Absence],
    "[[vacancies]]": [plan_model.Vacancy],
    "[reviews]": [plan_model.Reviews],
    "[monitor]": [plan_model.MonitorSettings],
}
CLASSIFY_SECTIONS: dict[str, list[type[BaseModel]]] = {"[company]": [Company], "[skip]": [Skip], "[[rules]]": [Rule],
                                                       "[privacy]": [Privacy], "[columns]": [Columns], "[format]": [OrdersFormat]}


def sections(text: str) -> dict[str, str]:
    """The reference's `### `[section]`` headings with the text below each."""
    parts = re.split(r"^### `([^`]+)`\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


REFERENCE = (DOCS / "reference.md").read_text(encoding="utf-8")
FOUND = sections(REFERENCE)


def test_every_section_of_plan_toml_has_its_heading() -> None:
    tables = {f"[{name}]" if name in ("plan", "calendar", "norms", "funnel", "costs", "reviews", "monitor") else f"[[{name}]]"
              for name in plan_model.Plan.model_fields}
    assert tables <= set(PLAN_SECTIONS) and set(PLAN_SECTIONS) <= set(FOUND)


@pytest.mark.parametrize("section", list(PLAN_SECTIONS) + list(CLASSIFY_SECTIONS))
def test_every_key_is_in_the_reference(section: str) -> None:
    models = {**PLAN_SECTIONS, **CLASSIFY_SECTIONS}[section]
    text = FOUND[section]
    missing = [key for model in models for key in keys(model) if f"`{key}`" not in text]
    assert not missing, f"docs/reference.md, {section}: no entry for {missing}"


def test_every_column_of_accounts_csv_is_in_the_reference() -> None:
    text = REFERENCE.split("## accounts.csv", 1)[1]
    assert all(f"`{column}`" in text for column in COLUMNS)


def test_the_worked_example_is_what_imm_computes() -> None:
    method = (DOCS / "method.md").read_text(encoding="utf-8")
    toml = re.search(r"```toml\n(.*?)```", method, re.S).group(1)  # type: ignore[union-attr]
    plan = plan_from_text(toml, Path("plan.toml")).plan
    requirement = derive(plan)
    visits, calls = explain(plan, requirement, "anna", "visit"), explain(plan, requirement, "anna", "call")
    assert (visits.coverage, visits.funnel, visits.floor, visits.driver) == (60, 40, 208, "norm")
    assert f"{visits.week(12).required:.2f}" == "3.96" and f"{visits.week(11).required:.2f}" == "5.94"
    assert f"{calls.required:.2f}" == "156.43" and calls.driver == "minimum"
    annual = requirement.annual.set_index("activity")["required"]
    assert (annual["offer"], annual["request"], annual["order"], annual["video"]) == (20, 20, 10, 0)
    to_date = sum(visits.week(w).required for w in range(1, 11))
    assert f"{to_date:.2f}" == "39.62" and f"{35 / to_date:.0%}" == "88%" and f"{(208 - 35) / 42:.2f}" == "4.12"
    for figure in ("**60**", "**40**", "**208**", "**3.96**", "**5.94**", "**156.43**", "39.62", "88 %", "**4.12**"):
        assert figure in method


def test_the_worked_example_shows_the_command_as_it_prints(tmp_path: Path) -> None:
    method = (DOCS / "method.md").read_text(encoding="utf-8")
    (tmp_path / "plan.toml").write_text(re.search(r"```toml\n(.*?)```", method, re.S).group(1))  # type: ignore[union-attr]
    shown = re.search(r"imm plan --explain anna --activity visit`\):\n\n```\n(.*?)```", method, re.S).group(1)  # type: ignore[union-attr]
    out = subprocess.run([sys.executable, "-m", "imm_tui.cli", "plan", "--explain", "anna", "--activity", "visit", "-w", str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith(shown)


def test_nothing_users_read_points_to_the_internal_design() -> None:
    readable = [ROOT / "README.md", *DOCS.glob("*.md"), *(ROOT / "configs").rglob("*.toml"), *(ROOT / "configs").rglob("*.csv"),
                *(ROOT / "imm_tui").rglob("*.py")]
    pointing = [str(path.relative_to(ROOT)) for path in readable if "DESIGN.md" in path.read_text(encoding="utf-8")]
    assert not pointing


def test_imm_docs_prints_a_topic(capsys: pytest.CaptureFixture[str]) -> None:
    from imm_tui.cli import main

    assert main(["docs", "reference"]) == 0
    assert capsys.readouterr().out == REFERENCE
    assert main(["docs"]) == 0
    assert "imm docs guide" in capsys.readouterr().out
