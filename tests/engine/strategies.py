"""Hypothesis strategies: random but valid plans, built as models (no TOML round trip needed)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from imm_tui.model.plan import (
    Absence,
    CalendarSettings,
    Event,
    Funnel,
    Norms,
    Person,
    Plan,
    PlanInfo,
    Seasonality,
    Segment,
    Team,
    Vacancy,
)

SEGMENTS = ("key", "mid", "pros")
def num(low: float, high: float) -> st.SearchStrategy[float]:
    """Realistic figures: zero or at least a hundredth (1e-160 contacts a year is no input, and products
    of such values underflow), no NaN, no infinities."""
    values = st.floats(min_value=max(low, 0.01), max_value=high, allow_nan=False, allow_infinity=False)
    return st.one_of(st.just(0.0), values) if low <= 0 else values


small = num(0, 50)


@st.composite
def channels(draw: st.DrawFn) -> dict[str, float]:
    chosen = draw(st.lists(st.sampled_from(["visit", "call", "video"]), min_size=1, max_size=3, unique=True))
    weights = [draw(st.integers(1, 10)) for _ in chosen]
    total = sum(weights)
    shares = {a: w / total for a, w in zip(chosen, weights, strict=True)}
    first = chosen[0]
    shares[first] = 1.0 - sum(v for k, v in shares.items() if k != first)
    return shares


@st.composite
def dates_in(draw: st.DrawFn, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))


@st.composite
def people(draw: st.DrawFn, year: int, index: int, minimums: bool) -> Person:
    fop = draw(st.sampled_from(["farmer", "hunter", "mixed"]))
    start = draw(st.none() | dates_in(year))
    end = draw(st.none() | dates_in(year))
    if start and end and start > end:
        start, end = end, start
    absences = []
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(dates_in(year)), draw(dates_in(year))
        absences.append(Absence.model_validate({"from": min(a, b), "to": max(a, b)}))
    return Person(
        id=f"p{index}",
        name=f"P {index}",
        team="t",
        fte=draw(st.sampled_from([0.2, 0.5, 0.8, 1.0, 1.2])),
        fop=fop,
        hunting_share=draw(num(0, 1)) if fop == "mixed" else 0.0,
        revenue_target=draw(num(0, 2e6)),
        start=start,
        end=end,
        absences=absences,
        portfolio={s: draw(small) for s in draw(st.lists(st.sampled_from(SEGMENTS), unique=True))},
        minimums=({a: draw(num(0, 10)) for a in draw(st.lists(st.sampled_from(["visit", "call", "offer"]), unique=True))}
                  if minimums else {}),
    )


@st.composite
def plans(draw: st.DrawFn, *, minimums: bool = True, norm: bool = True, positive_weights: bool = True) -> Plan:
    year = draw(st.sampled_from([2026, 2027, 2028]))
    weeks = date(year, 12, 28).isocalendar()[1]
    weight = num(0.1 if positive_weights else 0.0, 2.0)
    seasonality = Seasonality(**{m: draw(weight) for m in draw(st.lists(st.sampled_from(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]), unique=True))})
    calendar = CalendarSettings(
        days_per_week=draw(st.integers(1, 7)),
        closed_weeks=draw(st.lists(st.integers(1, weeks), max_size=4, unique=True)),
        holidays=draw(st.lists(dates_in(year), max_size=6)),
        seasonality=seasonality,
        events=[Event(name="e", weeks=draw(st.lists(st.integers(1, weeks), min_size=1, max_size=3)), factor=draw(num(0.5, 2.0)))
                for _ in range(draw(st.integers(0, 2)))],
    )
    segments = [
        Segment(
            id=s,
            name=s,
            kind="new" if s == "pros" else "existing",
            contacts_per_account=draw(num(0, 5)),
            contacts_per_year=draw(num(0, 24)),
            offers_per_account=draw(st.none() | num(0, 3)),
            channels=draw(channels()),
        )
        for s in SEGMENTS
    ]
    return Plan(
        plan=PlanInfo(name="random", year=year, basis=draw(st.sampled_from(["coverage", "funnel", "max"]))),
        calendar=calendar,
        norms=Norms(appointments_per_week=draw(num(0, 10)) if norm else 0.0, hunter_factor=draw(num(0, 0.5))),
        funnel=draw(st.none() | st.builds(Funnel, average_order_value=num(1000, 50000), offers_per_order=num(0, 4),
                                          requests_per_offer=num(0, 3), visits_per_request=num(0, 5),
                                          calls_per_visit=num(0, 5))),
        segments=segments,
        teams=[Team(id="t", name="T")],
        people=[draw(people(year, i, minimums)) for i in range(draw(st.integers(1, 4)))],
        vacancies=[Vacancy(team="t", fte=draw(st.sampled_from([0.5, 1.0])), portfolio={"key": draw(small)})
                   for _ in range(draw(st.integers(0, 2)))],
    )
