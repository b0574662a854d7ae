"""Accounts covered, hand-computed: contacts per account and segment against the plan to date, quiet
accounts, contacts with another owner's accounts, and new and existing accounts reached."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from imm_tui.engine.accounts import CONTACT_COLUMNS, accounts_covered
from imm_tui.model.accounts import Account
from tests.conftest import plan_of

PLAN = """
[plan]
name = "a"
year = 2027

[[activities]]
id = "visit"
label = "Visit"
funnel_stage = "visit"

[[activities]]
id = "call"
label = "Call"
funnel_stage = "call"

[[activities]]
id = "offer"
label = "Offer"
funnel_stage = "offer"

[[segments]]
id = "key"
name = "Key"
contacts_per_account = 2
contacts_per_year = 12
channels = {visit = 0.5, call = 0.5}

[[segments]]
id = "pros"
name = "Prospects"
kind = "new"
contacts_per_year = 4
channels = {visit = 1}

[[teams]]
id = "t"
name = "T"

[[people]]
id = "ann"
name = "Ann"
team = "t"
portfolio = {key = 10, pros = 20}

[[people]]
id = "bob"
name = "Bob"
team = "t"
portfolio = {key = 5}
"""
ACCOUNTS = [
    Account("Acme", ("acme.example",), "key", "client", "ann"),
    Account("Beta", ("beta.example",), "key", "client", "bob"),
    Account("Gamma", ("gamma.example",), "pros", "prospect", "ann"),
    Account("Delta", ("delta.example",), "pros", "prospect", None),
]


def contacts(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame([(who, date.fromisoformat(day).isocalendar().week, pd.Timestamp(day), activity, account)
                          for who, day, activity, account in rows], columns=CONTACT_COLUMNS)
    return frame


def test_contacts_quiet_accounts_other_owners_and_reach_by_hand() -> None:
    plan = plan_of(PLAN)
    done = contacts(
        ("ann", "2027-01-05", "visit", "Acme"), ("ann", "2027-02-10", "call", "acme"),  # Acme: 2 contacts, last 10 Feb
        ("bob", "2027-03-01", "visit", "Acme"),  # another owner's account: 3 in all, 1 by others, last 1 March
        ("ann", "2027-03-03", "offer", "Acme"),  # an offer is no contact of the key segment (visit, call)
        ("bob", "2027-01-20", "call", "Beta"),  # Beta: 1 contact, last 20 January
        ("ann", "2027-02-01", "visit", "Gamma"), ("ann", "2027-02-02", "call", "Gamma"),  # a call is no contact for prospects
        ("ann", "2027-05-01", "visit", "Gamma"),  # after the as-of day: not counted
    )
    as_of = date(2027, 3, 31)  # Wednesday of week 13; 5 weeks after a 24 February contact
    found = accounts_covered(plan, ACCOUNTS, done, as_of, share_of_year=0.25, quiet_after_weeks=6)
    table = found.accounts.set_index("account")
    # key: 2 contact persons × 12 a year = 24 a year, 6 by a quarter of the year; prospects: 1 × 4 = 4, 1 to date
    assert table.loc["Acme", ["contacts", "asked_year", "asked_to_date"]].tolist() == [3, 24.0, 6.0]
    assert table.loc["Acme", "attainment"] == pytest.approx(0.5)
    assert (table.loc["Acme", "by_others"], table.loc["Acme", "others"]) == (1, "bob")
    assert table.loc["Acme", "last_contact"] == date(2027, 3, 1) and table.loc["Acme", "weeks_quiet"] == 4  # 30 days
    assert not table.loc["Acme", "quiet"]
    assert (table.loc["Beta", "contacts"], table.loc["Beta", "weeks_quiet"], table.loc["Beta", "quiet"]) == (1, 10, True)  # 70 days
    assert (table.loc["Gamma", "contacts"], table.loc["Gamma", "attainment"]) == (1, 1.0)
    assert table.loc["Gamma", "weeks_quiet"] == 8 and table.loc["Gamma", "quiet"]  # 1 Feb to 31 March: 58 days
    # Delta: never met; quiet since the year began (week 13: 13 weeks gone); no owner, so nobody else's contacts
    assert (table.loc["Delta", "contacts"], table.loc["Delta", "weeks_quiet"], table.loc["Delta", "quiet"]) == (0, 13, True)
    assert (table.loc["Delta", "by_others"], table.loc["Delta", "last_contact"]) == (0, None)
    segments = found.segments.set_index("segment")
    assert segments.loc["key", ["accounts", "contacts", "asked_to_date", "reached", "quiet"]].tolist() == [2, 4, 12.0, 2, 1]
    assert segments.loc["key", "attainment"] == pytest.approx(4 / 12)
    assert segments.loc["pros", ["accounts", "contacts", "asked_to_date", "reached", "quiet"]].tolist() == [2, 1, 2.0, 1, 2]
    reach = found.reach.set_index("person")
    # ann met Acme (client) and Gamma (prospect, by a visit); bob met Acme and Beta; portfolios: ann 20 new 10 existing, bob 5
    assert reach.loc["ann"].tolist() == [1, 20.0, 1, 10.0]
    assert reach.loc["bob"].tolist() == [0, 0.0, 2, 5.0]
    assert reach.loc["org"].tolist() == [1, 20.0, 2, 15.0]


def test_without_contacts_every_account_is_quiet_once_enough_weeks_went_by() -> None:
    plan = plan_of(PLAN)
    early = accounts_covered(plan, ACCOUNTS, contacts(), date(2027, 1, 20), 0.05, 6)  # week 3
    assert not early.accounts["quiet"].any() and early.accounts["contacts"].sum() == 0
    late = accounts_covered(plan, ACCOUNTS, contacts(), date(2027, 3, 1), 0.15, 6)  # week 9
    assert late.accounts["quiet"].all()
