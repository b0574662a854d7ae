"""Plan review dates as calendar invitations (RFC 5545) that Outlook and Google accept."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from imm_tui.model.plan import Plan

DEFAULT_ORGANIZER = "plan-review@imm.invalid"


def reviews_ics(plan: Plan, *, organizer: str = DEFAULT_ORGANIZER, start: time = time(10, 0), minutes: int = 90,
                now: datetime | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per review date; UIDs are stable, so a re-export updates the same events."""
    zone = ZoneInfo(plan.plan.timezone)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//IMM Interaction Management Monitor//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    key = hashlib.sha1(plan.plan.name.encode("utf-8")).hexdigest()[:12]
    for number, day in enumerate(sorted(plan.reviews.dates), start=1):
        event = Event()
        begin = datetime.combine(day, start, zone)
        event.add("uid", f"imm-review-{key}-{day.isoformat()}@imm.invalid")
        event.add("dtstamp", stamp)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=minutes))
        event.add("summary", f"Plan review {number}: {plan.plan.name}")
        event.add("description", "Review of the sales plan in IMM: actual vs required, signals and the checklist.")
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        chair = vCalAddress(f"mailto:{organizer}")
        chair.params["cn"] = vText("Plan review")
        event.add("organizer", chair)
        for person in plan.people:
            if person.email:
                attendee = vCalAddress(f"mailto:{person.email}")
                attendee.params["cn"] = vText(person.name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                attendee.params["partstat"] = vText("NEEDS-ACTION")
                attendee.params["rsvp"] = vText("TRUE")
                event.add("attendee", attendee, encode=False)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
