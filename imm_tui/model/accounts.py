"""`accounts.csv` (docs/reference.md): `account,domains,segment,status,owner`.

An item's account is found from its attendees' domains, else from the account name in its subject
or location; the account's status decides hunting (prospect) vs farming (client) for that contact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from imm_tui.model.problems import InputError, Problem
from imm_tui.model.validation import read_text

COLUMNS = ("account", "domains", "segment", "status", "owner")
Status = Literal["client", "prospect"]


@dataclass(frozen=True)
class Account:
    """One customer or prospect."""

    name: str
    domains: tuple[str, ...]
    segment: str | None
    status: Status
    owner: str | None


def load_accounts(path: Path, *, segments: Sequence[str] | None = None, people: Sequence[str] | None = None) -> list[Account]:
    """Read `accounts.csv`; every bad row is reported with its line and column, all at once."""
    text = read_text(path)
    file = str(path)
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=dialect)
    problems: list[Problem] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as error:
        raise InputError([Problem(file, 1, "", f"not readable as CSV: {error}")]) from None
    except StopIteration:
        raise InputError([Problem(file, 1, "", "empty file: expected the header " + ",".join(COLUMNS))]) from None
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "account" not in header:
        what = f"unknown column(s) {', '.join(repr(u) for u in unknown)}" if unknown else "no 'account' column"
        raise InputError([Problem(file, 1, "header", f"{what} (expected: {','.join(COLUMNS)})")])
    accounts: list[Account] = []
    names: dict[str, int] = {}
    domains: dict[str, str] = {}
    numbered: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            numbered.append((reader.line_num, row))
    except csv.Error as error:
        raise InputError([Problem(file, reader.line_num + 1, "", f"not readable as CSV: {error}")]) from None
    for line, row in numbered:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(file, line, "", f"{len(row)} fields, the header has {len(header)}"))
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        name = cells.get("account", "")
        if not name:
            problems.append(Problem(file, line, "account", "empty account name"))
            continue
        if name.lower() in names:
            problems.append(Problem(file, line, "account", f"'{name}' is already on line {names[name.lower()]}"))
        names[name.lower()] = line
        status = cells.get("status", "") or "client"
        if status not in ("client", "prospect"):
            problems.append(Problem(file, line, "status", f"expected 'client' or 'prospect', got {status!r}"))
            continue
        segment = cells.get("segment") or None
        if segment and segments is not None and segment not in segments:
            problems.append(Problem(file, line, "segment", f"unknown segment '{segment}' (known: {', '.join(segments)})"))
        owner = cells.get("owner") or None
        if owner and people is not None and owner not in people:
            problems.append(Problem(file, line, "owner", f"unknown person '{owner}'"))
        account_domains = tuple(d.strip().lower().lstrip("@") for d in cells.get("domains", "").split(";") if d.strip())
        for domain in account_domains:
            if domain in domains and domains[domain] != name:
                problems.append(Problem(file, line, "domains", f"domain '{domain}' already belongs to '{domains[domain]}'"))
            domains[domain] = name
        accounts.append(Account(name, account_domains, segment, status, owner))  # type: ignore[arg-type]
    if problems:
        raise InputError(problems)
    return accounts
