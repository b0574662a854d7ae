"""Read an orders export of a CRM or ERP (CSV): who won which order, when, for whom, worth what.

Columns are found by header (orders.toml names them, else the known names of plain English and Dutch
exports and of HubSpot, Pipedrive, Salesforce and Dynamics; docs/reference.md). The order of day and
month and the decimal mark are decided once per file from all its values, so one ambiguous value is read
like its neighbours. A line that cannot be read is skipped with a warning naming its line and field; a
file without a date, person or value column fails as a whole, naming what it looked for.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from imm_tui.ingest.decoding import decode
from imm_tui.ingest.items import CalendarError
from imm_tui.ingest.outlook_csv import _day_first, data_rows, header_of, is_outlook_csv, parse_date
from imm_tui.model.orders import DEFAULT_ORDERS, KNOWN_COLUMNS, REQUIRED, OrdersConfig

MAX_WARNINGS = 20
"""Line warnings kept per file; the rest are counted in one last warning."""
MAX_TEXT = 200
"""An account or product longer than this is cut."""
_DATETIME = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_CURRENCY = re.compile(r"(?i)[€$£¥]|\b(?:eur|euro|usd|gbp|chf)\b|\s")


class OrdersProblem(CalendarError):
    """The file cannot be read as an orders export (said with the line and what was looked for)."""


@dataclass(frozen=True)
class OrderLine:
    line: int
    person: str
    day: date
    value: float
    account: str
    product: str
    order_id: str


@dataclass
class OrdersResult:
    lines: list[OrderLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, line: int | None = None, detail: str = "") -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        if line is not None:
            if len(self.warnings) < MAX_WARNINGS:
                self.warnings.append(f"line {line}: {detail}; line skipped")
            elif len(self.warnings) == MAX_WARNINGS:
                self.warnings.append("more lines were skipped (see the counts)")


def _header_names(header: Sequence[str]) -> list[str]:
    return [" ".join(h.strip().strip('"').lstrip("\ufeff").split()).lower() for h in header]


def _delimiter(first: str) -> str:
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def is_orders_csv(data: bytes, config: OrdersConfig = DEFAULT_ORDERS) -> bool:
    """A CSV whose header has a date, a person and a value column (and is not an Outlook calendar export)."""
    if is_outlook_csv(data):
        return False
    first = decode(data[:8192]).split("\n", 1)[0].rstrip("\r")
    try:
        header = next(csv.reader([first], delimiter=_delimiter(first)))
    except (csv.Error, StopIteration):
        return False
    names = set(_header_names(header))
    return all(any(c in names for c in config.candidates(key)) for key in REQUIRED)


def read_orders_csv(
    data: bytes, config: OrdersConfig, people: Sequence[tuple[str, str, str]], products: Sequence[tuple[str, str]] = (),
) -> OrdersResult:
    """The won order lines of a file. `people`: (id, e-mail, name) as in plan.toml; `products`: (id, name)."""
    text = decode(data)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    names = _header_names(header_of(reader, OrdersProblem, "line 1: empty file"))
    index: dict[str, int] = {}
    for key in KNOWN_COLUMNS:
        for candidate in config.candidates(key):
            if candidate in names:
                index[key] = names.index(candidate)
                break
    missing = [key for key in REQUIRED if key not in index]
    if missing:
        looked = "; ".join(f"{key}: " + ", ".join(f"'{c}'" for c in config.candidates(key)[:6]) for key in missing)
        raise OrdersProblem(f"line 1: no column for {', '.join(missing)} (looked for {looked}); name it in orders.toml [columns]")
    rows = data_rows(reader, OrdersProblem)

    def cell(row: list[str], key: str) -> str:
        position = index.get(key)
        return row[position].strip() if position is not None and position < len(row) else ""

    dates = [cell(r, "date") for _, r in rows]
    day_first = {"yes": True, "no": False}.get(config.format.day_first)
    if day_first is None:
        day_first = _day_first([d for d in dates if not _DATETIME.match(d)], _delimiter(first))
    decimal = config.format.decimal if config.format.decimal != "auto" else decimal_mark([cell(r, "value") for _, r in rows],
                                                                                           _delimiter(first))
    who = _people_index(people)
    product_ids = {key.lower(): pid for pid, name in products for key in (pid, name) if key}
    won = set(config.format.won)
    result = OrdersResult()
    seen: set[str] = set()
    unknown: dict[str, int] = {}
    for line, row in rows:
        if "status" in index and cell(row, "status").lower() not in won:
            result.skip("not won")
            continue
        person_text = cell(row, "person")
        person = who.get(person_text.lower())
        if person is None:
            unknown[person_text] = unknown.get(person_text, 0) + 1
            result.skip("unknown person")
            continue
        try:
            day = read_day(cell(row, "date"), day_first)
        except ValueError:
            result.skip("unreadable line", line, f"date: {cell(row, 'date')[:40]!r} is not a date")
            continue
        try:
            value = read_amount(cell(row, "value"), decimal)
        except ValueError:
            result.skip("unreadable line", line, f"value: {cell(row, 'value')[:40]!r} is not an amount")
            continue
        order_id = cell(row, "order_id")
        if order_id:
            if order_id in seen:
                result.skip("duplicate")
                continue
            seen.add(order_id)
        product_text = cell(row, "product")[:MAX_TEXT]
        product = product_ids.get(product_text.lower(), product_text)
        result.lines.append(OrderLine(line, person, day, value, cell(row, "account")[:MAX_TEXT], product, order_id[:MAX_TEXT]))
    if unknown:
        listed = ", ".join(f"'{name[:40]}' ({count})" for name, count in sorted(unknown.items(), key=lambda kv: -kv[1])[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        result.warnings.insert(0, f"{sum(unknown.values())} line(s) of people not in plan.toml skipped: {listed}{more} "
                                  "(the person column holds an id, e-mail address or name from plan.toml)")
    return result


def _people_index(people: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """A person's id, e-mail address and name, lower case, to their id (a name two people share is left out)."""
    index: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for pid, email, name in people:
        index[pid.lower()] = pid
        if email:
            index[email.lower()] = pid
        if name:
            names.setdefault(" ".join(name.split()).lower(), set()).add(pid)
    for name, ids in names.items():
        if len(ids) == 1 and name not in index:
            index[name] = next(iter(ids))
    return index


def read_day(value: str, day_first: bool) -> date:
    """`2027-03-04`, `2027-03-04T10:00:00Z`, `4-3-2027`, `3/4/2027` (as the file's other dates decide)."""
    iso = _DATETIME.match(value)
    if iso:
        return date.fromisoformat(iso.group(1))
    return parse_date(value.split(" ")[0] if " " in value.strip() else value, day_first)


def decimal_mark(values: Sequence[str], delimiter: str) -> str:
    """The decimal mark of a file's amounts: the later of `,` and `.` where both occur (`1.234,56`), else one
    followed by one or two digits at the end (`12,5`), else `,` in a `;`-separated file (European), else `.`."""
    votes = {",": 0, ".": 0}
    for raw in values:
        value = raw.strip()
        if "," in value and "." in value:
            votes["," if value.rfind(",") > value.rfind(".") else "."] += 1
        elif re.search(r"[,.]\d{1,2}\s*\D*$", value) and not re.search(r"[,.]\d{3}\s*\D*$", value):
            votes["," if "," in value else "."] += 1
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return "," if delimiter == ";" else "."


def read_amount(value: str, decimal: str) -> float:
    """`€ 1.234,56`, `1,234.56 EUR`, `-250`, `(1,200.00)` (a credit note) to a number; ValueError otherwise."""
    text = value.replace("\u00a0", "").replace("\u202f", "").strip()
    negative = text.startswith("(") and text.endswith(")")
    text = _CURRENCY.sub("", text).strip("()")  # a currency sign or code and spaces; any other letter is no amount
    if text.endswith("-"):  # `1.200,00-` as some ERPs write a credit
        negative, text = True, text[:-1]
    thousands = "." if decimal == "," else ","
    text = text.replace(thousands, "").replace(decimal, ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise ValueError(value)
    amount = float(text)
    if abs(amount) >= 1e12:
        raise ValueError(value)  # no single order is worth a trillion: a misread column
    return -amount if negative else amount
