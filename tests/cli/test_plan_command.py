"""`imm plan`, `imm check`, `imm init`, `imm demo`: output formats, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imm_tui.cli import main
from imm_tui.model.plan_file import load_plan
from tests.conftest import DEMO
from tests.engine.reference import reference


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_plan_csv_of_the_demo_matches_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "person,team,period,activity,required,driver"  # driver: what set the person's year (issue 14)
    expected = reference(load_plan(DEMO / "plan.toml").plan)
    got = rows(out)
    assert len(got) == len(expected) == 25 * 52 * 6
    for row in got:
        key = (row["person"], int(row["period"].split("-W")[1]), row["activity"])
        assert float(row["required"]) == pytest.approx(expected[key], abs=1e-6)
    assert {r["person"] for r in got} >= {"jdv", "vacancy-zuid-1"}
    drivers = {(r["person"], r["activity"]): r["driver"] for r in got}
    assert drivers[("jdv", "visit")] == "minimum" and drivers[("jdv", "offer")] == "funnel"
    assert drivers[("vacancy-zuid-1", "visit")] == "coverage" and drivers[("vacancy-zuid-1", "order")] == "none"


@pytest.mark.parametrize(("by", "periods"), [("month", 12), ("quarter", 4), ("year", 1)])
def test_periods_add_up_to_the_weeks(capsys: pytest.CaptureFixture[str], by: str, periods: int) -> None:
    _, weekly, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--person", "jdv", "--activity", "visit")
    _, grouped, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--person", "jdv", "--activity", "visit", "--by", by)
    assert len(rows(grouped)) == periods
    assert sum(float(r["required"]) for r in rows(grouped)) == pytest.approx(sum(float(r["required"]) for r in rows(weekly)), abs=1e-5)


def test_months_follow_the_thursday(capsys: pytest.CaptureFixture[str]) -> None:
    # 2027-W05 runs Mon 1 Feb … its Thursday is 4 Feb; W04's Thursday is 28 Jan; W13's is 1 Apr (Q2).
    _, out, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--person", "jdv", "--activity", "call", "--by", "quarter")
    _, weeks, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--person", "jdv", "--activity", "call")
    by_week = {int(r["period"][-2:]): float(r["required"]) for r in rows(weeks)}
    q1 = next(float(r["required"]) for r in rows(out) if r["period"] == "2027-Q1")
    assert q1 == pytest.approx(sum(by_week[k] for k in range(1, 13)), abs=1e-5)


def test_team_and_org_levels_keep_vacancies_apart(capsys: pytest.CaptureFixture[str]) -> None:
    _, people, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--by", "year", "--activity", "visit")
    _, teams, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--by", "year", "--activity", "visit", "--level", "team")
    _, org, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--by", "year", "--activity", "visit", "--level", "org")
    person_rows = rows(people)
    total = sum(float(r["required"]) for r in person_rows)
    vacancy = sum(float(r["required"]) for r in person_rows if r["person"].startswith("vacancy-"))
    (org_row,) = rows(org)
    assert float(org_row["required"]) == pytest.approx(total, abs=1e-5)
    assert float(org_row["uncovered_required"]) == pytest.approx(vacancy, abs=1e-5)
    assert vacancy > 0
    by_group = {r["group"]: r for r in rows(teams)}
    assert by_group["corporate"]["level"] == "division"
    zuid = sum(float(r["required"]) for r in person_rows if r["team"] == "zuid")
    randstad = sum(float(r["required"]) for r in person_rows if r["team"] == "randstad")
    assert float(by_group["zuid"]["required"]) == pytest.approx(zuid, abs=1e-5)
    assert float(by_group["corporate"]["required"]) == pytest.approx(zuid + randstad, abs=1e-5)
    assert float(by_group["zuid"]["uncovered_required"]) == pytest.approx(vacancy, abs=1e-5)


def test_filters_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "-w", str(DEMO), "--format", "json", "--team", "corporate", "--by", "year")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2027 and data["by"] == "year"
    assert {r["team"] for r in data["rows"]} == {"randstad", "zuid"}
    assert all(isinstance(r["required"], float) for r in data["rows"])


def test_table_format_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "-w", str(DEMO), "--by", "quarter", "--person", "jdv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["person", "team", "period", "call", "visit", "video", "offer", "request", "order"]
    assert len(lines) == 2 + 4


def test_unknown_names_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "-w", str(DEMO), "--person", "nobody")
    assert code == 2 and "unknown person nobody" in err
    code, _, err = run(capsys, "plan", "-w", str(DEMO), "--team", "mars")
    assert code == 2 and "unknown team mars (known: corporate" in err
    code, _, err = run(capsys, "plan", "-w", "/nonexistent/folder")
    assert code == 2 and "workspace folder not found" in err


def test_output_file_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    code, out, err = run(capsys, "plan", "-w", str(DEMO), "--format", "csv", "--by", "year", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text().startswith("person,team,period,activity,required,driver\n")
    assert "wrote 150 rows" in err


def test_check_on_a_broken_plan_exits_2_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(DEMO, workspace)
    plan = workspace / "plan.toml"
    plan.write_text(plan.read_text().replace("portfolio = { mid = 20, pros = 15 }", "portfolio = { mdi = 20, pros = 15 }"))
    before = {p.name: p.stat().st_mtime_ns for p in workspace.iterdir()}
    code, out, err = run(capsys, "check", "-w", str(workspace))
    assert code == 2
    assert f"{plan}:188: people[3].portfolio.mdi: unknown segment 'mdi' (known: key, mid, smb, pros)" in err
    assert "Traceback" not in err + out
    assert {p.name: p.stat().st_mtime_ns for p in workspace.iterdir()} == before


def test_check_reports_problems_in_every_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(DEMO, workspace)
    (workspace / "classify.toml").write_text('[[rules]]\nsubject = "(unclosed"\nactivity = "visit"\n')
    (workspace / "accounts.csv").write_text("account,domains,segment,status,owner\nAcme,acme.example,key,klant,jdv\n")
    code, _, err = run(capsys, "check", "-w", str(workspace))
    assert code == 2
    assert "classify.toml:2: rules[0].subject: not a valid regular expression" in err
    assert "accounts.csv:2: status: expected 'client' or 'prospect', got 'klant'" in err


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "-w", str(DEMO))
    assert code == 0 and out.startswith("ok: ") and "24 people, 1 vacancy, 6 teams" in out


@pytest.mark.parametrize("preset", ["generic", "staffing"])
def test_init_creates_a_valid_workspace(capsys: pytest.CaptureFixture[str], tmp_path: Path, preset: str) -> None:
    target = tmp_path / "new"
    assert run(capsys, "init", str(target), "--preset", preset)[0] == 0
    assert (target / "imports").is_dir() and (target / "exports").is_dir()
    assert run(capsys, "check", "-w", str(target))[0] == 0
    code, _, err = run(capsys, "init", str(target))
    assert code == 2 and "nothing was changed" in err


def test_demo_summary_uses_a_private_copy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "Van Leeuwen Techniek" in out and "24 people" in out and "uncovered" in out
    import os

    assert (Path(os.environ["IMM_HOME"]) / "demo" / "plan.toml").exists()
    assert run(capsys)[0] == 0


def test_an_unexpected_error_is_one_line_not_a_traceback(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import imm_tui.engine.requirement as requirement

    def boom(plan: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(requirement, "derive", boom)
    code, out, err = run(capsys, "plan", "-w", str(DEMO))
    assert code == 1
    assert err.startswith("imm: internal error: RuntimeError: kaput; details in ")
    assert "Traceback" not in out + err


def test_the_installed_command_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "imm_tui.cli", "plan", "-w", str(DEMO), "--format", "csv", "--by", "year"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1 + 25 * 6


def test_bare_imm_opens_the_plan_in_the_current_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Like every other command: -w, else $IMM_WORKSPACE, else the current folder's plan.toml; the demo only
    when there is none (and always for `imm demo`)."""
    import os

    assert run(capsys, "init", str(tmp_path / "mine"))[0] == 0
    monkeypatch.chdir(tmp_path / "mine")
    code, out, _ = run(capsys, "--summary")
    assert code == 0 and f"({Path('.')})" in out.splitlines()[0] and "Van Leeuwen" not in out
    code, out, _ = run(capsys, "demo", "--summary")
    assert code == 0 and "Van Leeuwen Techniek" in out and str(Path(os.environ["IMM_HOME"]) / "demo") in out
    monkeypatch.chdir(tmp_path)  # no plan.toml here: the demo
    code, out, _ = run(capsys, "--summary")
    assert code == 0 and "Van Leeuwen Techniek" in out
    monkeypatch.setenv("IMM_WORKSPACE", str(tmp_path / "mine"))
    code, out, _ = run(capsys, "--summary")
    assert code == 0 and str(tmp_path / "mine") in out.splitlines()[0]
