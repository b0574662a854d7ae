"""Orders from CRM and ERP exports: the readers of each kind of export, hand-counted revenue, order values,
product actuals and the revenue forecast, and the store (re-import, overlapping exports, forget)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.cli import main
from imm_tui.ingest.activity import load_orders
from imm_tui.ingest.importer import ImportSpec, import_files
from imm_tui.ingest.orders_csv import OrdersProblem, decimal_mark, is_orders_csv, read_amount, read_orders_csv
from imm_tui.ingest.store import Store
from imm_tui.model.orders import DEFAULT_ORDERS, OrdersConfig
from imm_tui.model.problems import InputError
from imm_tui.model.workspace import load_workspace
from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent.parent / "data" / "orders"
PEOPLE = [("jdv", "jan.devries@vanleeuwen.example", "Jan de Vries"), ("sbakker", "sanne.bakker@vanleeuwen.example", "Sanne Bakker")]
PRODUCTS = [("maint", "Maintenance contracts"), ("retrofit", "Energy retrofit projects"), ("monitor", "Remote monitoring")]


def read(name: str, config: OrdersConfig = DEFAULT_ORDERS):  # type: ignore[no-untyped-def]
    return read_orders_csv((DATA / name).read_bytes(), config, PEOPLE, PRODUCTS)


def lines_of(name: str) -> list[tuple[str, date, float, str, str]]:
    return [(o.person, o.day, o.value, o.account, o.product) for o in read(name).lines]


def test_hubspot_deals_won_only_by_owner_name() -> None:
    result = read("hubspot.csv")
    assert lines_of("hubspot.csv") == [("jdv", date(2027, 1, 12), 24000.0, "Acme BV", "retrofit"),
                                      ("sbakker", date(2027, 2, 3), 12000.5, "Beta Zorg", "maint")]
    assert result.skipped == {"not won": 1, "unknown person": 1}
    assert result.warnings == ["1 line(s) of people not in plan.toml skipped: 'Piet Onbekend' (1) (the person column holds an id, "
                               "e-mail address or name from plan.toml)"]


def test_dutch_erp_export_with_decimal_commas_credit_notes_and_bad_lines() -> None:
    result = read("erp_nl.csv")
    assert lines_of("erp_nl.csv") == [("jdv", date(2027, 3, 4), 1234.56, "Acme BV", "maint"),
                                     ("sbakker", date(2027, 3, 15), 2000.0, "Beta Zorg", "monitor"),
                                     ("jdv", date(2027, 4, 2), -500.0, "Delta", "maint")]
    assert result.warnings == ["line 4: value: '12x' is not an amount; line skipped", "line 5: date: '' is not a date; line skipped"]
    assert result.skipped == {"unreadable line": 2}


def test_pipedrive_salesforce_and_dynamics_exports() -> None:
    assert lines_of("pipedrive.csv") == [("jdv", date(2027, 5, 6), 1500.5, "Acme BV", "")]
    assert lines_of("salesforce.csv") == [("jdv", date(2027, 3, 4), 10000.0, "Acme BV", "monitor"),
                                         ("sbakker", date(2027, 3, 15), 2000.0, "Beta Zorg", "")]
    assert lines_of("dynamics.csv") == [("jdv", date(2027, 12, 4), 7500.0, "Acme BV", "")]


def test_orders_toml_names_the_columns() -> None:
    data = b"Wanneer;Wie;Hoeveel;Fase\n2027-03-01;jdv;1.000,00;Binnen\n2027-03-02;jdv;2.000,00;Verloren\n"
    assert not is_orders_csv(data)
    config = OrdersConfig.model_validate({"columns": {"date": "Wanneer", "person": " WIE ", "value": "Hoeveel", "status": "fase"},
                                          "format": {"won": ["Binnen"], "decimal": ","}})
    assert is_orders_csv(data, config)
    result = read_orders_csv(data, config, PEOPLE)
    assert [(o.day, o.value) for o in result.lines] == [(date(2027, 3, 1), 1000.0)] and result.skipped == {"not won": 1}


def test_a_file_without_a_value_column_fails_naming_what_was_looked_for() -> None:
    with pytest.raises(OrdersProblem, match=r"line 1: no column for value \(looked for value: 'value', 'amount'"):
        read_orders_csv(b"date,person,price\n2027-01-01,jdv,5\n", DEFAULT_ORDERS, PEOPLE)


def test_an_outlook_calendar_export_is_not_an_orders_file() -> None:
    calendar = (Path(__file__).resolve().parent.parent / "data" / "csv").glob("*.csv")
    assert not any(is_orders_csv(path.read_bytes()) for path in calendar)


def test_amounts_and_decimal_marks() -> None:
    assert read_amount("€ 1.234,56", ",") == 1234.56
    assert read_amount("1,234.56 EUR", ".") == 1234.56
    assert read_amount("(1,200.00)", ".") == -1200.0
    assert read_amount("1.200,00-", ",") == -1200.0
    assert read_amount("12\u00a0500", ",") == 12500.0
    for bad in ("", "12x", "1.2.3,4,5", "--5", "9" * 14):
        with pytest.raises(ValueError):
            read_amount(bad, ".")
    assert decimal_mark(["1.234,56", "2.000"], ",") == ","
    assert decimal_mark(["1,234.56", "2,000"], ",") == "."
    assert decimal_mark(["2.000", "3.500"], ";") == ","  # only thousands: a ;-separated file is European
    assert decimal_mark(["12,5"], ",") == ","


@settings(max_examples=200, deadline=2000, derandomize=True)
@given(st.binary(max_size=2000) | st.text(alphabet='date,person,value,amount;"\n\r0123456789-/.€ jdv', max_size=400).map(str.encode))
def test_fuzzed_orders_files_give_lines_or_a_clear_error(data: bytes) -> None:
    try:
        result = read_orders_csv(b"date,person,value\n" + data, DEFAULT_ORDERS, PEOPLE, PRODUCTS)
    except OrdersProblem as problem:
        assert str(problem).startswith("line ")
        return
    assert all(isinstance(o.value, float) and o.person in ("jdv", "sbakker") for o in result.lines)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    (root / "imports" / "crm").mkdir(parents=True)
    for name in ("hubspot.csv", "erp_nl.csv", "pipedrive.csv", "salesforce.csv", "dynamics.csv"):
        shutil.copy(DATA / name, root / "imports" / "crm")
    return root


def test_imported_orders_give_revenue_order_values_and_products_by_hand(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from imm_tui.report.review import build_review

    assert main(["import", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "hubspot.csv: imported 2 order lines (skipped: not won 1, unknown person 1)" in out
    assert "erp_nl.csv: imported 3 order lines (skipped: unreadable line 2)" in out
    ws = load_workspace(workspace)
    with Store.open(ws.paths.store) as store:
        orders = load_orders(store, 2027)
    assert orders is not None and len(orders) == 9
    plan = ws.plan_document.plan
    review = build_review(plan, _no_activity(), date(2027, 6, 30), monitored=set(), reviews_exported=False, orders=orders)
    people = review.insights.people.set_index("person")
    # jdv: 24,000 (12 Jan) + 1,234.56 (4 Mar) + 10,000 (4 Mar) − 500 (credit, 2 Apr) + 1,500.50 (6 May); 7,500 on 4 Dec is later
    assert people.loc["jdv", "revenue_ytd"] == pytest.approx(36235.06)
    assert people.loc["jdv", "orders"] == 4  # the credit note is no order
    # sbakker: 12,000.50 (3 Feb) + 2,000 (15 Mar, ERP) + 2,000 (15 Mar, Salesforce)
    assert people.loc["sbakker", "revenue_ytd"] == pytest.approx(16000.5) and people.loc["sbakker", "orders"] == 3
    # fewer than forecast_min_orders (5) each: both forecast with the organisation's value per order, 52,235.56 / 7
    assert review.insights.organisation["order_value"] == pytest.approx(52235.56 / 7)
    assert people.loc["jdv", "order_value"] == pytest.approx(52235.56 / 7)
    assert (people.loc["jdv", "revenue_basis"], people.loc["mjanssen", "revenue_ytd"]) == ("organisation's orders", 0.0)
    products = review.products()
    assert products is not None
    won = dict(zip(products["product"], products["revenue"], strict=True))
    # maint: 1,234.56 − 500 + 12,000.50; retrofit: 24,000; monitor: 2,000 + 10,000; no product: 2,000 (Salesforce) + 1,500.50
    assert won == pytest.approx({"maint": 12735.06, "retrofit": 24000.0, "monitor": 12000.0, "(other)": 3500.5})
    assert dict(zip(products["product"], products["orders"], strict=True)) == {"maint": 2, "retrofit": 1, "monitor": 2, "(other)": 2}
    share = float(people["revenue_target_ytd"].sum() / people["revenue_target"].sum())
    maint = products.set_index("product").loc["maint"]
    assert maint["target_to_date"] == pytest.approx(6_500_000 * share) and 0.5 < share < 0.65  # week 26 of 52; the summer weighs less
    assert people.loc["jdv", "revenue_attainment"] == pytest.approx(36235.06 / people.loc["jdv", "revenue_target_ytd"])


def _no_activity():  # type: ignore[no-untyped-def]
    import pandas as pd

    from imm_tui.ingest.activity import ACTIVITY_COLUMNS

    return pd.DataFrame(columns=ACTIVITY_COLUMNS)


def test_revenue_forecast_from_real_order_values() -> None:
    """Forecast revenue = revenue won + (forecast orders − orders won) × value per order: a person with five
    orders uses their own value per order; below that, the organisation's."""
    import pandas as pd

    from imm_tui.engine.insights import insights
    from imm_tui.engine.orders import ORDER_COLUMNS
    from imm_tui.report.review import build_review

    plan = load_workspace(DEMO).plan_document.plan
    rows = [("jdv", 10, pd.Timestamp(2027, 3, 8 + i), 20_000.0, "Acme", "maint") for i in range(5)]  # five orders of 20,000
    rows.append(("sbakker", 10, pd.Timestamp(2027, 3, 9), 50_000.0, "Beta", "maint"))  # one of 50,000
    orders = pd.DataFrame(rows, columns=ORDER_COLUMNS)
    visits = pd.DataFrame([(who, week, pd.Timestamp.fromisocalendar(2027, week, 2), "visit", False, "client", True)
                           for who in ("jdv", "sbakker") for week in range(2, 22)], columns=_no_activity().columns)
    for column in ("person", "activity"):
        visits[column] = visits[column].astype("category")
    covered = {who: [(date(2027, 1, 4), date(2027, 3, 28))] for who in ("jdv", "sbakker")}  # their calendars cover Q1 only
    review = build_review(plan, visits, date(2027, 6, 30), monitored={"jdv", "sbakker"}, reviews_exported=False, orders=orders,
                          coverage=covered)
    found = insights(plan, review.requirement, review.comparison, visits, plan.monitor, {"jdv", "sbakker"}, orders)
    people = found.people.set_index("person")
    assert (people.loc["jdv", "orders"], people.loc["jdv", "visits"], people.loc["jdv", "visits_per_order"]) == (5, 20, 4.0)
    assert people.loc["jdv", "order_value"] == 20_000.0 and people.loc["jdv", "revenue_basis"] == "own orders"
    assert people.loc["sbakker", "order_value"] == pytest.approx(150_000 / 6)  # the organisation's: 150,000 over 6 orders
    for who in ("jdv", "sbakker"):
        row = people.loc[who]
        expected = row["revenue_ytd"] + max(row["forecast_orders"] - row["orders"], 0) * row["order_value"]
        assert row["forecast_orders"] > row["orders"] and row["forecast_revenue"] == pytest.approx(expected)
    # jdv: 100,000 won + the visits still asked ÷ 4 visits per order × 20,000
    jdv = people.loc["jdv"]
    assert jdv["forecast_revenue"] == pytest.approx(100_000 + jdv["remaining_visits"] / 4 * 20_000)
    # the run rate carries the revenue over the same weeks as its target to date: every week that happened
    assert jdv["run_rate_revenue"] == pytest.approx(100_000 / (jdv["revenue_target_ytd"] / jdv["revenue_target"]))


def test_reimport_overlap_and_forget(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", "-w", str(workspace)])
    assert main(["import", "-w", str(workspace)]) == 0
    assert "hubspot.csv: unchanged" in capsys.readouterr().out
    later = workspace / "imports" / "crm" / "hubspot-later.csv"  # a newer export holding deal 103 again, now worth more
    later.write_text('"Record ID","Deal Stage","Close Date","Amount","Deal owner"\n'
                     '"103","Closed Won","2027-02-03","15000","Sanne Bakker"\n', encoding="utf-8")
    main(["import", "-w", str(workspace)])
    with Store.open(workspace / "imm.sqlite") as store:
        rows = store.connection.execute("SELECT value FROM orders WHERE order_id = '103'").fetchall()
        assert rows == [(15000.0,)]  # once, as the newer export says
        before = store.connection.execute("SELECT count(*) FROM orders WHERE person = 'jdv'").fetchone()[0]
    assert before == 6
    assert main(["forget", "-w", str(workspace), "--person", "jdv"]) == 0
    assert "removed 0 appointments and 6 order lines of jdv" in capsys.readouterr().out
    with Store.open(workspace / "imm.sqlite") as store:
        assert store.connection.execute("SELECT count(*) FROM orders WHERE person = 'jdv'").fetchone()[0] == 0


def test_a_bad_orders_toml_is_refused_with_its_line(workspace: Path) -> None:
    (workspace / "orders.toml").write_text('[columns]\ndate = "Close Date"\nprice = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="orders.toml"):
        load_workspace(workspace)


def test_a_calendar_only_workspace_keeps_calendar_orders(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    with Store.open(root / "imm.sqlite") as store:
        import_files([], store, ImportSpec.for_workspace(load_workspace(root)))
        assert load_orders(store, 2027) is None  # no orders export: revenue stays orders × the average order value
