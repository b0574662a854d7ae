"""Synthetic .ics exports for a synthetic organisation (deterministic for a seed), in several mixes.

Each person gets about 2,500 items in the plan year, with long descriptions folded at 75 octets,
attendee lists with CN/ROLE/PARTSTAT, reminders and the exporter's own X-properties. The mix decides
the rest (`--mix`, see MIXES):

- `outlook`: the first benchmark's shape: Windows zone ids with a VTIMEZONE, about 8 % of the items in
  weekly series with one moved and one excluded occurrence;
- `series-5`, `series-20`, `series-40`: Outlook exports whose items (occurrences) are 5 %, 20 % or 40 % recurring, in
  varied rules (weekly on several days with INTERVAL, monthly on a day or on the 2nd Tuesday, the last
  working day of the month with BYSETPOS, daily stand-ups with UNTIL), EXDATE lists, moved and
  cancelled occurrences, Windows and IANA zones, all-day items and long attendee lists;
- `google`: a Google Calendar export: X-WR-TIMEZONE, UTC times, IANA TZIDs, UNTIL in UTC, all-day
  items, 20 % of the occurrences recurring, with EXDATE lists and moved instances.

Items are occurrences, as a person's year holds them: a series of 20 instances is 20 of the 2,500.

    .venv/bin/python benchmarks/synthetic_calendars.py OUT_FOLDER [--people 160] [--items 2500] [--mix outlook]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

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


def event(rng: random.Random, uid: str, start: datetime, minutes: int, person: tuple[str, str], extra: list[str], *,
          all_day: bool = False, zone_line: str | None = ";TZID=W. Europe Standard Time") -> list[str]:
    """One VEVENT; `zone_line` is how its times are written (`;TZID=…:` + local, or `:` + UTC with a Z),
    `all_day` writes dates instead."""
    customer = rng.choice(CUSTOMERS)
    kind = rng.random()
    subject = (f"Offerte {customer}" if kind < 0.1 else f"Bezoek {customer}" if kind < 0.5 else f"Bellen {customer}" if kind < 0.7
               else "Intern overleg" if kind < 0.9 else "Teams: " + customer)
    description = "\\n".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(rng.randrange(2, 6)))
    if kind >= 0.9:
        description += "\\nDeelnemen aan Microsoft Teams-vergadering: https://teams.microsoft.com/l/meetup-join/" + uid[-20:]
    attendees = [f"ATTENDEE;CN={person[0]};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:{person[1]}"]
    for n in range(rng.randrange(1, 8) if rng.random() < 0.9 else rng.randrange(15, 40)):  # now and then a long list
        domain = f"{customer}.example" if n % 2 == 0 and kind < 0.7 or kind >= 0.9 else "vanleeuwen.example"
        attendees.append(f'ATTENDEE;CN="Contact {n} {customer}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:c{n}@{domain}')
    lines = [
        "BEGIN:VEVENT", "CLASS:PUBLIC" if rng.random() > 0.05 else "CLASS:PRIVATE",
        f"CREATED:{stamp(start - timedelta(days=20))}Z", f"DESCRIPTION:{description}",
        *times(start, minutes, all_day, zone_line),
        f"DTSTAMP:{stamp(start - timedelta(days=1))}Z",
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


def times(start: datetime, minutes: int, all_day: bool, zone_line: str | None) -> list[str]:
    if all_day or zone_line is None:
        return [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}"]
    end = start + timedelta(minutes=minutes)
    if zone_line.startswith(":"):  # UTC: the zone line carries the instant itself
        shift = datetime.strptime(zone_line[1:-1], "%Y%m%dT%H%M%S") - start
        return [f"DTSTART{zone_line}", f"DTEND:{stamp(end + shift)}Z"]
    prefix = zone_line.rsplit(":", 1)[0] if zone_line.count(":") else zone_line
    return [f"DTSTART{prefix}:{stamp(start)}", f"DTEND{prefix}:{stamp(end)}"]


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


IANA = "Europe/Amsterdam"
WINDOWS = "W. Europe Standard Time"
# Rules as people's real series are: (share of series, RRULE without COUNT/UNTIL, step in days between instances)
RULES = (
    (0.35, "FREQ=WEEKLY;BYDAY={day}", 7),
    (0.15, "FREQ=WEEKLY;INTERVAL=2;BYDAY={day}", 14),
    (0.10, "FREQ=WEEKLY;BYDAY=MO,WE,FR", 2),
    (0.12, "FREQ=MONTHLY;BYMONTHDAY={monthday}", 30),
    (0.10, "FREQ=MONTHLY;BYDAY=2TU", 30),
    (0.08, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 30),
    (0.10, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 1),
)
DAYS = ("MO", "TU", "WE", "TH", "FR")
MIXES = {  # mix → (recurring share of items, style)
    "outlook": (0.08, "outlook-simple"),
    "series-5": (0.05, "outlook"),
    "series-20": (0.20, "outlook"),
    "series-40": (0.40, "outlook"),
    "google": (0.20, "google"),
}


def utc(local: datetime) -> datetime:
    """The UTC wall clock of a local time in the plan's zone (summer time included)."""
    return local.replace(tzinfo=ZoneInfo(IANA)).astimezone(UTC).replace(tzinfo=None)


def _rule(rng: random.Random, start: datetime, style: str) -> tuple[str, int]:
    """An RRULE (with COUNT or UNTIL) for a series starting at `start`, and about how many instances it has."""
    pick, total, chosen = rng.random(), 0.0, RULES[-1]
    for candidate in RULES:
        total += candidate[0]
        if pick <= total:
            chosen = candidate
            break
    _share, rule, step = chosen
    text = rule.format(day=DAYS[start.weekday() % 5], monthday=start.day)
    instances = rng.randrange(4, 40)
    if rng.random() < 0.5:
        return f"{text};COUNT={instances}", instances
    until = start + timedelta(days=step * instances)
    return f"{text};UNTIL={stamp(utc(until))}Z", instances  # UNTIL in UTC, as Outlook and Google write it


def varied(index: int, year: int, items: int, seed: int, share: float, style: str) -> str:
    """A calendar of the mix `style` with `share` of its items in recurring series (see the module's text)."""
    rng = random.Random(seed * 100_003 + index * 7 + len(style))
    person = (f"Person {index}", f"p{index:03d}@vanleeuwen.example")
    google = style == "google"
    header = (["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
               "METHOD:PUBLISH", f"X-WR-CALNAME:{person[1]}", f"X-WR-TIMEZONE:{IANA}"] if google else
              ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
               *VTIMEZONE.strip().split("\n")])
    lines = list(header)
    first = date.fromisocalendar(year, 1, 1) - timedelta(days=40)  # some series begin in last year's December
    count = 0

    def when(moment: datetime) -> str:
        if google:
            return f":{stamp(utc(moment))}Z" if rng.random() < 0.6 else f";TZID={IANA}:{stamp(moment)}"
        return f";TZID={WINDOWS if rng.random() < 0.8 else IANA}:{stamp(moment)}"

    while count < items:
        day = first + timedelta(days=rng.randrange(0, 400))
        if day.weekday() >= 5:
            continue
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randrange(8, 17), minutes=rng.choice([0, 15, 30, 45]))
        uid = (f"{rng.getrandbits(64):016x}{index:04d}{count:06d}@google.com" if google else
               f"040000008200E00074C5B7101A82E00800000000{rng.getrandbits(64):016X}{index:04d}{count:06d}")
        minutes = rng.choice([15, 30, 45, 60, 90])
        if rng.random() < 0.04:  # an all-day item (a holiday, a trade fair, a course)
            lines += event(rng, uid, start, minutes, person, [], all_day=True, zone_line=None)
            count += 1
            continue
        if rng.random() < share / (11 * (1 - share) + share):  # about 11 instances in the year each: `share` of the items
            rule, instances = _rule(rng, start, style)
            zone = when(start)
            extra = [f"RRULE:{rule}"]
            excluded = [start + timedelta(days=7 * k) for k in range(1, min(instances, 12)) if rng.random() < 0.15]
            if excluded:
                prefix = "EXDATE" + (zone.split(":", 1)[0] if zone.startswith(";") else "")
                extra.append(f"{prefix}:" + ",".join(stamp(utc(e)) + "Z" if zone.startswith(":") else stamp(e) for e in excluded))
            lines += event(rng, uid, start, minutes, person, extra, zone_line=zone)
            count += instances - len(excluded)  # items are occurrences: a series counts for each of its instances
            for k in range(rng.choice([0, 0, 1, 1, 2, 3])):  # moved or cancelled instances of the weekly shapes
                original = start + timedelta(days=7 * (k + 1))
                if original in excluded or "WEEKLY" not in rule or "INTERVAL" in rule or "MO,WE,FR" in rule:
                    continue
                rid = when(original) if not zone.startswith(":") else f":{stamp(utc(original))}Z"
                moved = original + timedelta(hours=rng.choice([1, 2, 24]))
                status = ["STATUS:CANCELLED"] if rng.random() < 0.3 else []
                lines += event(rng, uid, moved, minutes, person, [f"RECURRENCE-ID{rid}", *status], zone_line=when(moved))
        else:
            lines += event(rng, uid, start, minutes, person, [], zone_line=when(start))
            count += 1
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def calendar_of(mix: str, index: int, year: int = 2027, items: int = 2500, seed: int = 11) -> str:
    share, style = MIXES[mix]
    return calendar(index, year, items, seed) if style == "outlook-simple" else varied(index, year, items, seed, share, style)


def write(folder: Path, people: int = 160, items: int = 2500, mix: str = "outlook") -> list[Path]:
    paths = []
    for index in range(people):
        target = folder / f"p{index:03d}" / "calendar.ics"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(calendar_of(mix, index, items=items), encoding="utf-8", newline="")
        paths.append(target)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--items", type=int, default=2500)
    parser.add_argument("--mix", choices=list(MIXES), default="outlook")
    args = parser.parse_args()
    written = write(args.folder, args.people, args.items, args.mix)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} calendars, {total / 1e6:.0f} MB, in {args.folder}")
