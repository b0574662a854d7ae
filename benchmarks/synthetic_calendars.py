"""Outlook-style .ics exports for a synthetic organisation (deterministic for a seed).

Each person gets about 2,500 items in the plan year: Windows zone ids with a VTIMEZONE, long
descriptions folded at 75 octets, attendee lists with CN/ROLE/PARTSTAT, reminders, Microsoft X-
properties, and about 8 % recurring series with a moved and an excluded occurrence. 160 people make
about 600 MB.

    .venv/bin/python benchmarks/synthetic_calendars.py OUT_FOLDER [--people 160] [--items 2500]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, datetime, timedelta
from pathlib import Path

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
"""
WORDS = (
    "offerte", "onderhoud", "contract", "planning", "evaluatie", "installatie", "storing", "monteur", "levering", "factuur",
    "project", "retrofit", "warmtepomp", "ventilatie", "koeling", "inspectie", "rapportage", "budget", "kwartaal", "afspraak",
    "klant", "locatie", "gebouw", "energie",
)
CUSTOMERS = [f"klant{n:03d}" for n in range(400)]


def fold(line: str) -> str:
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start = [], 0
    while start < len(data):
        size = 75 if start == 0 else 74
        end = min(start + size, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(parts)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def event(rng: random.Random, uid: str, start: datetime, minutes: int, person: tuple[str, str], extra: list[str]) -> list[str]:
    customer = rng.choice(CUSTOMERS)
    kind = rng.random()
    subject = (f"Offerte {customer}" if kind < 0.1 else f"Bezoek {customer}" if kind < 0.5 else f"Bellen {customer}" if kind < 0.7
               else "Intern overleg" if kind < 0.9 else "Teams: " + customer)
    description = "\\n".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(rng.randrange(2, 6)))
    if kind >= 0.9:
        description += "\\nDeelnemen aan Microsoft Teams-vergadering: https://teams.microsoft.com/l/meetup-join/" + uid[-20:]
    attendees = [f"ATTENDEE;CN={person[0]};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:{person[1]}"]
    for n in range(rng.randrange(1, 8)):
        domain = f"{customer}.example" if n % 2 == 0 and kind < 0.7 or kind >= 0.9 else "vanleeuwen.example"
        attendees.append(f'ATTENDEE;CN="Contact {n} {customer}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:c{n}@{domain}')
    lines = [
        "BEGIN:VEVENT", "CLASS:PUBLIC" if rng.random() > 0.05 else "CLASS:PRIVATE",
        f"CREATED:{stamp(start - timedelta(days=20))}Z", f"DESCRIPTION:{description}",
        f"DTEND;TZID=W. Europe Standard Time:{stamp(start + timedelta(minutes=minutes))}",
        f"DTSTAMP:{stamp(start - timedelta(days=1))}Z", f"DTSTART;TZID=W. Europe Standard Time:{stamp(start)}",
        f"LAST-MODIFIED:{stamp(start - timedelta(days=2))}Z",
        f"LOCATION:{customer.capitalize()}\\, Straatweg {rng.randrange(1, 200)}\\, Utrecht",
        f"ORGANIZER;CN={person[0]}:mailto:{person[1]}", *attendees, "PRIORITY:5", "SEQUENCE:0",
        f"SUMMARY;LANGUAGE=nl:{subject}", "TRANSP:OPAQUE" if rng.random() > 0.05 else "TRANSP:TRANSPARENT", f"UID:{uid}",
        *(["CATEGORIES:Klantbezoek"] if kind < 0.5 and rng.random() < 0.5 else []),
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
        "X-MS-OLK-AUTOFILLLOCATION:FALSE", "X-MS-OLK-CONFTYPE:0", *extra,
        "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM", "END:VEVENT",
    ]
    return lines


def calendar(index: int, year: int = 2027, items: int = 2500, seed: int = 11) -> str:
    rng = random.Random(seed * 100_003 + index)
    person = (f"Person {index}", f"p{index:03d}@vanleeuwen.example")
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
             "X-MS-OLK-FORCEINSPECTOROPEN:TRUE", *VTIMEZONE.strip().split("\n")]
    first = date.fromisocalendar(year, 1, 1)
    count = 0
    while count < items:
        day = first + timedelta(days=rng.randrange(0, 364))
        if day.weekday() >= 5:
            continue
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randrange(8, 17), minutes=rng.choice([0, 15, 30, 45]))
        uid = f"040000008200E00074C5B7101A82E00800000000{rng.getrandbits(64):016X}{index:04d}{count:06d}"
        if rng.random() < 0.08:
            repeats = rng.randrange(6, 20)
            excluded = start + timedelta(weeks=2)
            moved = start + timedelta(weeks=3)
            lines += event(rng, uid, start, 60, person, [f"RRULE:FREQ=WEEKLY;COUNT={repeats}",
                                                         f"EXDATE;TZID=W. Europe Standard Time:{stamp(excluded)}"])
            lines += event(rng, uid, moved + timedelta(days=1, hours=1), 60, person,
                           [f"RECURRENCE-ID;TZID=W. Europe Standard Time:{stamp(moved)}"])
            count += 2
        else:
            lines += event(rng, uid, start, rng.choice([30, 45, 60, 90]), person, [])
            count += 1
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def write(folder: Path, people: int = 160, items: int = 2500) -> list[Path]:
    paths = []
    for index in range(people):
        target = folder / f"p{index:03d}" / "calendar.ics"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(calendar(index, items=items), encoding="utf-8", newline="")
        paths.append(target)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--items", type=int, default=2500)
    args = parser.parse_args()
    written = write(args.folder, args.people, args.items)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} calendars, {total / 1e6:.0f} MB, in {args.folder}")
