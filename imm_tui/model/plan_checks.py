"""Checks across the sections of a plan that pydantic cannot see field by field.

Each check yields `(path, message, severity)`; the loader turns paths into line numbers. All checks
run, so a user sees every problem at once rather than fixing them one by one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from imm_tui.model.plan import Plan
from imm_tui.model.problems import Severity

Finding = tuple[tuple[str | int, ...], str, Severity]
SHARE_TOLERANCE = 1e-6


def _known(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none defined"


def _duplicates(section: str, ids: Sequence[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            yield (section, index, "id"), f"duplicate id '{ident}'", "error"
        seen.add(ident)


def weeks_in_iso_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the last one."""
    return date(year, 12, 28).isocalendar().week


def check_plan(plan: Plan) -> list[Finding]:
    """Every cross-section problem of `plan`, in file order as far as possible."""
    return list(_check(plan))


def _check(plan: Plan) -> Iterator[Finding]:
    try:
        ZoneInfo(plan.plan.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield ("plan", "timezone"), f"unknown time zone '{plan.plan.timezone}' (use an IANA name such as Europe/Amsterdam)", "error"

    weeks = weeks_in_iso_year(plan.plan.year)
    for index, week in enumerate(plan.calendar.closed_weeks):
        if week > weeks:
            yield ("calendar", "closed_weeks", index), f"week {week} does not exist: {plan.plan.year} has {weeks} ISO weeks", "error"
    for index, event in enumerate(plan.calendar.events):
        for week in event.weeks:
            if week > weeks:
                yield ("calendar", "events", index, "weeks"), f"week {week} does not exist: {plan.plan.year} has {weeks} ISO weeks", "error"
    for index, day in enumerate(plan.calendar.holidays):
        if day.isocalendar().year != plan.plan.year:
            yield ("calendar", "holidays", index), f"{day} is outside the plan year {plan.plan.year}; it changes nothing", "warning"

    activity_ids = plan.activity_ids
    segment_ids = [s.id for s in plan.segments]
    team_ids = [t.id for t in plan.teams]
    yield from _duplicates("activities", activity_ids)
    yield from _duplicates("segments", segment_ids)
    yield from _duplicates("products", [p.id for p in plan.products])
    yield from _duplicates("teams", team_ids)
    yield from _duplicates("people", [p.id for p in plan.people])

    stages: dict[str, str] = {}
    for index, activity in enumerate(plan.activities):
        stage = activity.stage
        if stage is not None and stage in stages:
            yield ("activities", index, "funnel_stage"), f"funnel stage '{stage}' is already counted by activity '{stages[stage]}'", "error"
        elif stage is not None:
            stages[stage] = activity.id

    for index, segment in enumerate(plan.segments):
        for key in segment.channels:
            if key not in activity_ids:
                yield ("segments", index, "channels", key), f"unknown activity '{key}' (known: {_known(activity_ids)})", "error"
        if segment.channels:
            total = sum(segment.channels.values())
            if abs(total - 1.0) > SHARE_TOLERANCE:
                yield ("segments", index, "channels"), f"channel shares sum to {total:g}, expected 1", "error"
        elif segment.contacts_per_year > 0:
            yield ("segments", index, "channels"), "contacts_per_year is set but no channels say how contacts are made", "warning"

    known_teams = set(team_ids)
    for index, team in enumerate(plan.teams):
        if team.parent is not None and team.parent not in known_teams:
            yield ("teams", index, "parent"), f"unknown team '{team.parent}' (known: {_known(team_ids)})", "error"
    yield from _team_cycles(plan)

    for index, person in enumerate(plan.people):
        where: tuple[str | int, ...] = ("people", index)
        if person.team not in known_teams:
            yield (*where, "team"), f"unknown team '{person.team}' (known: {_known(team_ids)})", "error"
        if person.fop != "mixed" and person.hunting_share != 0:
            yield (*where, "hunting_share"), f"hunting_share is only for fop = \"mixed\" (this person is a {person.fop})", "error"
        for key in person.portfolio:
            if key not in segment_ids:
                yield (*where, "portfolio", key), f"unknown segment '{key}' (known: {_known(segment_ids)})", "error"
        for key in person.minimums:
            if key not in activity_ids:
                yield (*where, "minimums", key), f"unknown activity '{key}' (known: {_known(activity_ids)})", "error"
        if person.start and person.end and person.start > person.end:
            yield (*where, "end"), f"end {person.end} is before start {person.start}", "error"
        for number, absence in enumerate(person.absences):
            if absence.from_ > absence.to:
                yield (*where, "absences", number), f"absence from {absence.from_} is after its end {absence.to}", "error"
        if person.revenue_target > 0 and plan.funnel is None:
            yield (*where, "revenue_target"), "a revenue target needs a [funnel] section to turn it into activity", "warning"

    for index, vacancy in enumerate(plan.vacancies):
        if vacancy.team not in known_teams:
            yield ("vacancies", index, "team"), f"unknown team '{vacancy.team}' (known: {_known(team_ids)})", "error"
        for key in vacancy.portfolio:
            if key not in segment_ids:
                yield ("vacancies", index, "portfolio", key), f"unknown segment '{key}' (known: {_known(segment_ids)})", "error"


def _team_cycles(plan: Plan) -> Iterator[Finding]:
    """Each circle of parents once, found in one walk over the teams (a chain of thousands of levels
    costs as much as thousands of teams side by side)."""
    parents = {t.id: t.parent for t in plan.teams}
    position = {t.id: index for index, t in enumerate(plan.teams)}
    state: dict[str, int] = {}  # absent: not seen; 1: on the walk now; 2: done
    for team in plan.teams:
        path: list[str] = []
        current: str | None = team.id
        while current is not None and current in parents and current not in state:
            state[current] = 1
            path.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :] + [current]
            shown = cycle if len(cycle) <= 9 else [*cycle[:4], f"… {len(cycle) - 5} more …", *cycle[-1:]]
            yield ("teams", position[current], "parent"), "teams form a cycle: " + " → ".join(shown), "error"
        for walked in path:
            state[walked] = 2
