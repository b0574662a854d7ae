"""`orders.toml` (docs/reference.md): how an orders export of a CRM or ERP is read.

Optional: without it, IMM knows the column names of common exports (HubSpot, Pipedrive, Salesforce,
Dynamics, and plain English and Dutch headers). Each key names the column (its header, case and
surrounding spaces ignored) that holds one thing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from imm_tui.model.validation import parse_toml, read_text, validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _header(value: str) -> str:
    return " ".join(value.split()).lower()


# The headers IMM recognises unless orders.toml names one: plain English and Dutch, then the exports of common CRMs.
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "order date", "orderdatum", "datum", "close date", "closed date", "won date", "deal - won time", "won time",
             "actual close date", "sluitingsdatum", "factuurdatum", "invoice date"),
    "person": ("person", "account manager", "accountmanager", "sales rep", "salesperson", "verkoper", "owner", "deal owner",
               "opportunity owner", "deal - owner", "eigenaar", "e-mail", "email", "owner email"),
    "account": ("account", "account name", "customer", "klant", "klantnaam", "company", "company name", "associated company",
                "organization", "organisation", "deal - organization", "organisatie", "potential customer", "debiteur"),
    "value": ("value", "amount", "revenue", "order value", "bedrag", "waarde", "omzet", "orderwaarde", "deal - value",
              "actual revenue", "amount (company currency)", "total"),
    "product": ("product", "product name", "productnaam", "productgroep", "product group", "deal - product", "artikelgroep"),
    "order_id": ("order", "order id", "order number", "ordernummer", "deal id", "record id", "opportunity id", "deal - id",
                 "opportunity number"),
    "status": ("status", "stage", "deal stage", "deal - status", "fase", "statusreden", "status reason", "won"),
}
REQUIRED = ("date", "person", "value")
ORDER_COLUMNS = ["person", "week", "day", "value", "account", "product"]
"""The order lines as the engine takes them (one row per line won; `day` a datetime64)."""
WON = ("won", "closed won", "closedwon", "gewonnen", "true", "yes", "ja", "1", "order", "invoiced", "gefactureerd")


class Columns(_Strict):
    """`[columns]`: the header of the column that holds each field; left out: the known names are tried."""

    date: str | None = None
    """The day the order was won (close date)."""
    person: str | None = None
    """Who won it: a person's id, e-mail address or name as in plan.toml."""
    account: str | None = None
    """The customer (matched to accounts.csv by name or domain)."""
    value: str | None = None
    """The order's value in the plan's currency."""
    product: str | None = None
    """The product (a `[[products]]` id or name); optional."""
    order_id: str | None = None
    """The order's own number: a line with a number seen before counts once; optional."""
    status: str | None = None
    """A column that says whether the deal was won; only won lines count (see `won`). Empty text: no such column."""

    @field_validator("*")
    @classmethod
    def _normalised(cls, value: str | None) -> str | None:
        return None if value is None else _header(value)


class OrdersFormat(_Strict):
    """`[format]`: how dates and amounts are written."""

    decimal: Literal["auto", ",", "."] = "auto"
    """The decimal mark of amounts; `auto` decides per file (`1.234,56` and `1,234.56` are both read)."""
    day_first: Literal["auto", "yes", "no"] = "auto"
    """Whether `3/4/2027` is 3 April (`yes`) or 4 March (`no`); `auto` decides per file from the dates in it."""
    won: list[str] = Field(default_factory=lambda: list(WON))
    """The status values that mean won (case-insensitive)."""

    @field_validator("won")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value if v.strip()]


class OrdersConfig(_Strict):
    """The whole of `orders.toml`."""

    columns: Columns = Columns()
    format: OrdersFormat = OrdersFormat()

    def candidates(self, field: str) -> tuple[str, ...]:
        """The headers that may hold `field`: the one named in orders.toml, else the known names."""
        named = getattr(self.columns, field)
        if named is not None:
            return (named,) if named else ()
        return KNOWN_COLUMNS[field]


DEFAULT_ORDERS = OrdersConfig()


def load_orders_config(path: Path) -> OrdersConfig:
    """Read and validate `orders.toml`."""
    text = read_text(path)
    from imm_tui.model.toml_lines import TomlLines

    return validate(OrdersConfig, parse_toml(text, str(path)), str(path), TomlLines(text))
