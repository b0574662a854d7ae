"""Why a number is what it is: the parts of one person's requirement for one activity, side by side.

The derivation (`requirement.derive`) picks, per person and activity, the larger or the chosen of
coverage and funnel, raises visits to the norm floor and weeks to the person's own minimum. This
module takes that derivation apart again for one row so a manager can read it: each segment's
contribution to coverage, each funnel step from the revenue target, the floor, the minimum, which one
won, and per week the capacity, seasonality and event factors that give the week its share.
Pure: it reads the plan and the `Requirement` and never recomputes the method differently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from imm_tui.engine.requirement import Requirement
from imm_tui.model.plan import MONTHS, Plan


@dataclass(frozen=True)
class SegmentPart:
    """One segment's contribution to an activity's coverage: accounts × contacts × frequency × channel share."""

    segment: str
    accounts: float
    contacts_per_account: float
    contacts_per_year: float
    share: float  # channel share, or 1 for offers (offers_per_account per account)
    value: float
    offers: bool = False  # offers_per_account (contacts_per_year holds it), not a channel


@dataclass(frozen=True)
class Week:
    """One week of the year and why it asks what it asks."""

    week: int
    monday: date
    capacity: float  # FTE available
    month: str  # the month of its Thursday (seasonality)
    seasonality: float
    events: tuple[tuple[str, float], ...]  # (name, factor) of the events that list the week
    weight: float
    share: float  # of the annual figure
    from_annual: float  # annual × share
    own_minimum: float  # minimum × capacity / fte (0 without one)
    required: float
    driver: str


@dataclass(frozen=True)
class Explanation:
    person: str
    name: str
    kind: str  # "person" or "vacancy"
    activity: str
    basis: str
    coverage: float | None  # None: coverage does not define the activity
    segments: tuple[SegmentPart, ...]
    funnel: float | None
    funnel_steps: tuple[tuple[str, float], ...]  # ("revenue target", 900000), ("orders", 45) … down to the activity
    floor: float  # norm floor (visits only; 0 otherwise)
    norm: float  # appointments_per_week
    norm_factor: float  # f(p)
    capacity_weeks: float  # Σ capacity, in FTE-weeks
    fte: float
    annual: float  # A(p,a) after the floor
    minimum: float  # own weekly minimum at full capacity (0: none)
    minimum_weeks: int  # weeks the minimum raised
    required: float  # Σ weeks
    driver: str  # what set the year: coverage / funnel / norm / minimum / none
    weeks: tuple[Week, ...]

    def week(self, number: int) -> Week:
        return next(w for w in self.weeks if w.week == number)


class UnknownRow(LookupError):
    """No person or vacancy with that id, or no activity with that id."""


def explain(plan: Plan, requirement: Requirement, person: str, activity: str) -> Explanation:
    """The parts of `person`'s requirement for `activity`, as `derive` computed them."""
    persons = requirement.rows["person"].astype(str).tolist()
    if person not in persons:
        raise UnknownRow(f"no person or vacancy '{person}' in the plan")
    if activity not in requirement.activities:
        raise UnknownRow(f"no activity '{activity}' in the plan (there are: {', '.join(requirement.activities)})")
    row = persons.index(person)
    a = requirement.activities.index(activity)
    info = requirement.rows.iloc[row]
    kind = str(info["kind"])
    stage = plan.activities[a].stage
    annual = requirement.annual[(requirement.annual["person"] == person) & (requirement.annual["activity"] == activity)].iloc[0]
    coverage = None if math.isnan(annual["coverage"]) else float(annual["coverage"])
    funnel = None if math.isnan(annual["funnel"]) else float(annual["funnel"])
    portfolio = _portfolio(plan, person, kind, row)

    segments = []
    for segment in plan.segments:
        accounts = portfolio.get(segment.id, 0.0)
        if stage == "offer" and segment.offers_per_account is not None:
            segments.append(SegmentPart(segment.id, accounts, 1.0, segment.offers_per_account, 1.0,
                                        accounts * segment.offers_per_account, offers=True))
        if activity in segment.channels:
            share = segment.channels[activity]
            value = accounts * segment.contacts_per_account * segment.contacts_per_year * share
            segments.append(SegmentPart(segment.id, accounts, segment.contacts_per_account, segment.contacts_per_year, share, value))

    steps: list[tuple[str, float]] = []
    if funnel is not None and plan.funnel is not None and kind == "person":
        target = next(p.revenue_target for p in plan.people if p.id == person)
        f = plan.funnel
        orders = target / f.average_order_value
        chain = [("revenue target", target), ("orders", orders), ("offers", orders * f.offers_per_order)]
        chain.append(("requests", chain[-1][1] * f.requests_per_offer))
        chain.append(("visits", chain[-1][1] * f.visits_per_request))
        chain.append(("calls", chain[-1][1] * f.calls_per_visit))
        depth = {"order": 2, "offer": 3, "request": 4, "visit": 5, "call": 6}[stage or "order"]
        steps = chain[:depth]

    capacity = requirement.capacity[requirement.capacity["person"] == person]
    weekly = requirement.weekly[(requirement.weekly["person"] == person) & (requirement.weekly["activity"] == activity)]
    fte = float(info["fte"])
    minimum = 0.0
    if kind == "person":
        minimum = float(next(p.minimums.get(activity, 0.0) for p in plan.people if p.id == person))
    norm_factor = {"farmer": 1.0, "hunter": plan.norms.hunter_factor}.get(str(info["fop"]), math.nan)
    if kind == "person" and math.isnan(norm_factor):
        share = next(p.hunting_share for p in plan.people if p.id == person)
        norm_factor = 1.0 - share * (1.0 - plan.norms.hunter_factor)
    if kind != "person":
        norm_factor = 0.0
    weeks = []
    caps = capacity["capacity"].to_numpy()
    shares = capacity["share"].to_numpy()
    weights = capacity["weight"].to_numpy()
    required = weekly["required"].to_numpy()
    drivers = weekly["driver"].astype(str).tolist()
    year = requirement.year
    for index, number in enumerate(requirement.weeks.tolist()):
        thursday = date.fromisocalendar(year, number, 4)
        month = MONTHS[thursday.month - 1]
        events = tuple((e.name, e.factor) for e in plan.calendar.events if number in set(e.weeks))
        own = minimum * float(caps[index]) / fte if minimum else 0.0
        weeks.append(Week(number, date.fromisocalendar(year, number, 1), float(caps[index]), month,
                          float(getattr(plan.calendar.seasonality, month)), events, float(weights[index]), float(shares[index]),
                          float(annual["annual"]) * float(shares[index]), own, float(required[index]), drivers[index]))
    return Explanation(
        person=person, name=str(info["name"]), kind=kind, activity=activity, basis=plan.plan.basis,
        coverage=coverage, segments=tuple(segments), funnel=funnel, funnel_steps=tuple(steps),
        floor=float(annual["floor"]), norm=plan.norms.appointments_per_week, norm_factor=norm_factor,
        capacity_weeks=float(np.sum(caps)), fte=fte, annual=float(annual["annual"]), minimum=minimum,
        minimum_weeks=sum(1 for d in drivers if d == "minimum"), required=float(annual["required"]),
        driver=str(annual["driver"]), weeks=tuple(weeks),
    )


def _portfolio(plan: Plan, person: str, kind: str, row: int) -> dict[str, float]:
    if kind == "person":
        return dict(next(p.portfolio for p in plan.people if p.id == person))
    return dict(plan.vacancies[row - len(plan.people)].portfolio)


__all__ = ["Explanation", "SegmentPart", "UnknownRow", "Week", "explain"]
