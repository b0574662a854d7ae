"""Believable calendars for the demo organisation, written as Outlook-style .ics exports.

Generated from the demo plan's own weekly requirement so the monitor has something true to say: each
person works at their own pace (some ahead, some behind, one who converts poorly), meets the demo's
accounts (clients for farmers, prospects for hunters), and their calendar has what real ones have —
internal meetings, private appointments, cancelled and declined meetings, Teams calls, commitments.
Deterministic: the same plan gives the same calendars.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from imm_tui.engine.requirement import derive
from imm_tui.model.accounts import Account
from imm_tui.model.atomic import private_folder, write_atomic
from imm_tui.model.plan import Plan

# Pace of each person's visits against the plan, and how many visits they need per order (org ≈ 1.0).
PROFILES = {
    "jdv": (1.15, 0.8),
    "sbakker": (0.95, 1.0),
    "mjanssen": (0.6, 1.1),
    "lvisser": (1.05, 0.9),
    "tsmit": (0.85, 1.0),
    "ndekker": (0.9, 1.6),
    "pvdberg": (1.2, 0.85),
    "evdlinden": (1.0, 1.0),
    "rmeijer": (0.7, 1.3),
    "fmulder": (0.95, 1.0),
    "kbos": (1.1, 1.0),
    "avos": (0.75, 0.9),
}
AS_OF = date(2027, 6, 25)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def demo_calendars(plan: Plan, accounts: Sequence[Account], folder: Path, *, until: date = AS_OF, seed: int = 2027,
                   name: str = "agenda.ics", deals: str = "deals.csv", pace_factor: float = 1.0) -> list[Path]:
    """Write imports/<person>/agenda.ics for every person, up to `until`, and the CRM's deals of those weeks
    (imports/crm/deals.csv); returns the files written."""
    requirement = derive(plan)
    weekly = requirement.weekly
    company = plan.people[0].email.split("@")[1] if plan.people and plan.people[0].email else "company.example"
    clients = [a for a in accounts if a.status == "client"] or list(accounts)
    prospects = [a for a in accounts if a.status == "prospect"] or list(accounts)
    written = []
    won: list[tuple[str, str, date, str]] = []  # (person id, name, day, account) of each order: the CRM export's deals
    segments = {s.id: s for s in plan.segments}
    own: dict[str, list[Account]] = {}
    for account in accounts:
        if account.owner:
            own.setdefault(account.owner, []).append(account)
    for index, person in enumerate(plan.people):
        rng = random.Random(seed * 1000 + index)
        pick = random.Random(seed * 7000 + index)  # whom they meet: apart, so the times and counts stay as they were
        pace, per_order = PROFILES.get(person.id, (rng.uniform(0.75, 1.1), rng.uniform(0.85, 1.2)))
        pace *= pace_factor
        mine = weekly[(weekly["person"] == person.id)]
        events: list[list[str]] = []
        for week in range(1, until.isocalendar().week + 1):
            rows = mine[mine["week"] == week].set_index("activity")["required"]
            monday = date.fromisocalendar(plan.plan.year, week, 1)
            if rows.sum() == 0:
                continue
            hunting = {"farmer": 0.1, "hunter": 0.9}.get(person.fop, person.hunting_share)
            plan_counts = {
                "visit": rows.get("visit", 0) * pace,
                "call": rows.get("call", 0) * pace * 0.9,
                "video": rows.get("video", 0) * pace,
                "offer": rows.get("visit", 0) * pace / (2.0 * 2.5 * per_order),
                "request": rows.get("visit", 0) * pace / (2.0 * per_order),
                "order": rows.get("visit", 0) * pace / (2.0 * 2.5 * 1.2 * per_order),
            }
            # the contacts their own accounts ask this week (their segment's frequency), as a share of all they make
            asked = sum(segments[a.segment].contacts_per_account * segments[a.segment].contacts_per_year
                        for a in own.get(person.id, []) if a.segment in segments) / 52
            own_share = min(0.6, asked / max(1.0, sum(plan_counts[a] for a in ("visit", "call", "video"))))
            for activity, expected in plan_counts.items():
                for _ in range(_draw(rng, expected)):
                    account = rng.choice(prospects if rng.random() < hunting else clients)
                    account = _whom(pick, account, own.get(person.id, []), accounts, week, own_share)
                    events.append(_event(rng, person.id, person.email or "", company, monday, activity, account, len(events)))
                    if activity == "order":
                        day = datetime.strptime(events[-1][2].rsplit(":", 1)[1], "%Y%m%dT%H%M%S").date()
                        won.append((person.id, person.name, day, account.name))
            for _ in range(rng.randint(2, 4)):
                events.append(_internal(rng, person.email or "", company, monday, len(events)))
            if rng.random() < 0.3:
                events.append(_private(rng, monday, len(events)))
        target = folder / person.id / name
        private_folder(target.parent)
        lines = [
            "BEGIN:VCALENDAR",
            "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
            "VERSION:2.0",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{person.email or person.id}",
        ]
        for event in events:
            lines += event
        lines.append("END:VCALENDAR")
        write_atomic(target, ("\r\n".join(lines) + "\r\n").encode("utf-8"), backup=False)
        written.append(target)
    written.append(demo_orders(plan, won, folder / "crm" / deals, seed=seed))
    return written


def demo_orders(plan: Plan, won: Sequence[tuple[str, str, date, str]], target: Path, *, seed: int = 2027) -> Path:
    """A HubSpot-style deals export: each order of the calendars as a Closed Won deal (its value around the
    plan's average order value, each person with their own deal size; a product drawn by the product targets),
    and a third as many Closed Lost deals, which IMM leaves out."""
    rng = random.Random(seed)
    average = plan.funnel.average_order_value if plan.funnel else 10_000.0
    products = [p for p in plan.products if p.revenue_target > 0]
    size = {p.id: rng.uniform(0.7, 1.35) for p in plan.people}
    lines = ['"Record ID","Deal Name","Deal Stage","Close Date","Amount","Deal owner","Associated Company","Product"']
    deals = [(pid, name, day, account, "Closed Won") for pid, name, day, account in won]
    deals += [(pid, name, day + timedelta(days=2), account, "Closed Lost") for pid, name, day, account in won if rng.random() < 0.33]
    for number, (pid, name, day, account, stage) in enumerate(sorted(deals, key=lambda d: (d[2], d[0])), start=1):
        product = rng.choices(products, weights=[p.revenue_target for p in products])[0] if products else None
        amount = round(0.8 * average * size.get(pid, 1.0) * rng.lognormvariate(0, 0.35), -1)  # smaller deals than planned, more of them
        cells = [f"{seed}{number:05d}", f"{account} — {product.name if product else 'deal'}", stage, f"{day.isoformat()} 14:00",
                 f"{amount:.2f}", name, account, product.name if product else ""]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    private_folder(target.parent)
    write_atomic(target, ("\r\n".join(lines) + "\r\n").encode("utf-8"), backup=False)
    return target


QUIET = {"Maastricht UMC+": 12, "Datacenter Almere": 9}
"""Demo accounts whose owner stops meeting them after this week: accounts that went quiet."""


def _whom(pick: random.Random, drawn: Account, mine: Sequence[Account], accounts: Sequence[Account], week: int,
          own_share: float) -> Account:
    """One's own accounts (accounts.csv's owner) about as often as their segment asks, now and then another
    owner's account, else customers outside accounts.csv; never an account after it went quiet."""
    roll = pick.random()
    mine = [a for a in mine if week <= QUIET.get(a.name, 53)]
    if mine and roll < own_share:
        return pick.choice(mine)
    if roll < own_share + 0.01:
        others = [a for a in accounts if week <= QUIET.get(a.name, 53)]
        return pick.choice(others) if others else drawn
    number = pick.randrange(1, 400)
    return Account(name=f"Klant {number}", domains=(f"klant{number}.example",), segment=drawn.segment, status=drawn.status,
                   owner=None)


def _draw(rng: random.Random, expected: float) -> int:
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _slot(rng: random.Random, monday: date, minutes: int) -> tuple[datetime, datetime]:
    start = datetime.combine(monday + timedelta(days=rng.randrange(0, 5)), datetime.min.time()) + timedelta(
        hours=rng.randrange(8, 17), minutes=rng.choice([0, 15, 30, 45])
    )
    return start, start + timedelta(minutes=minutes)


def _event(rng: random.Random, pid: str, email: str, company: str, monday: date, activity: str, account: Account, n: int) -> list[str]:
    domain = account.domains[0] if account.domains else "customer.example"
    start, end = _slot(rng, monday, {"visit": 90, "call": 30, "video": 45}.get(activity, 60))
    contact = f"mailto:{rng.choice(['inkoop', 'directie', 'facilitair', 'p.jansen', 'm.devries'])}@{domain}"
    subject = {
        "visit": f"Bezoek {account.name}",
        "call": f"Bellen {account.name}",
        "video": f"Teams-overleg {account.name}",
        "offer": f"Offerte bespreken {account.name}",
        "request": f"Aanvraag {account.name}",
        "order": f"Opdracht {account.name}",
    }[activity]
    categories = {"visit": "Klantbezoek", "call": "Bellen", "order": "Order"}.get(activity)
    lines = [
        "BEGIN:VEVENT",
        f"UID:demo-{pid}-{n:05d}-{monday.isoformat()}",
        f"DTSTART;TZID=W. Europe Standard Time:{_stamp(start)}",
        f"DTEND;TZID=W. Europe Standard Time:{_stamp(end)}",
        f"SUMMARY:{_escape(subject + (' #commit' if rng.random() < 0.12 else ''))}",
        f"ORGANIZER:mailto:{email}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{email}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:{contact}",
    ]
    if activity == "visit":
        lines.append(f"LOCATION:{_escape(account.name)}")
    if activity == "video":
        lines.append("DESCRIPTION:Deelnemen: https://teams.microsoft.com/l/meetup-join/demo")
    if categories:
        lines.append(f"CATEGORIES:{categories}")
    roll = rng.random()
    if roll < 0.03:
        lines.append("STATUS:CANCELLED")
    elif roll < 0.05:
        lines[6] = f"ATTENDEE;PARTSTAT=DECLINED:mailto:{email}"
    lines.append("END:VEVENT")
    return lines


def _internal(rng: random.Random, email: str, company: str, monday: date, n: int) -> list[str]:
    start, end = _slot(rng, monday, 60)
    return [
        "BEGIN:VEVENT",
        f"UID:demo-internal-{email}-{n:05d}-{monday.isoformat()}",
        f"DTSTART;TZID=W. Europe Standard Time:{_stamp(start)}",
        f"DTEND;TZID=W. Europe Standard Time:{_stamp(end)}",
        f"SUMMARY:{rng.choice(['Teamoverleg', 'Salesmeeting', 'Forecast review', '1-op-1'])}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{email}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:manager@{company}",
        f"ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:zaal-1@{company}",
        "END:VEVENT",
    ]


def _private(rng: random.Random, monday: date, n: int) -> list[str]:
    start, end = _slot(rng, monday, 45)
    return [
        "BEGIN:VEVENT",
        f"UID:demo-private-{n:05d}-{monday.isoformat()}",
        f"DTSTART;TZID=W. Europe Standard Time:{_stamp(start)}",
        f"DTEND;TZID=W. Europe Standard Time:{_stamp(end)}",
        "SUMMARY:Tandarts",
        "CLASS:PRIVATE",
        "END:VEVENT",
    ]
