"""An independent, deliberately plain evaluation of DESIGN.md §4, day by day, for checking the engine.

No numpy, no pandas, no code shared with imm_tui.engine: only the plan model is used as input.
"""

from __future__ import annotations

from datetime import date, timedelta

from imm_tui.model.plan import Plan


def iso_weeks(year: int) -> list[int]:
    return list(range(1, date(year, 12, 28).isocalendar()[1] + 1))


def available_days(plan: Plan, week: int, start=None, end=None, absences=()) -> int:  # type: ignore[no-untyped-def]
    cal = plan.calendar
    count = 0
    monday = date.fromisocalendar(plan.plan.year, week, 1)
    for offset in range(cal.days_per_week):
        day = monday + timedelta(days=offset)
        if week in cal.closed_weeks or day in cal.holidays:
            continue
        if start is not None and day < start:
            continue
        if end is not None and day > end:
            continue
        if any(a.from_ <= day <= a.to for a in absences):
            continue
        count += 1
    return count


def weight(plan: Plan, week: int) -> float:
    thursday = date.fromisocalendar(plan.plan.year, week, 4)
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    w = getattr(plan.calendar.seasonality, names[thursday.month - 1])
    for event in plan.calendar.events:
        if week in event.weeks:
            w *= event.factor
    return w


def stage_of(activity) -> str | None:  # type: ignore[no-untyped-def]
    if activity.funnel_stage:
        return activity.funnel_stage
    return activity.id if activity.id in ("order", "offer", "request", "visit", "call") else None


def reference(plan: Plan) -> dict[tuple[str, int, str], float]:
    """{(person id, week, activity): required} for every person and vacancy."""
    weeks = iso_weeks(plan.plan.year)
    dpw = plan.calendar.days_per_week
    seg = {s.id: s for s in plan.segments}
    channel_acts = {a for s in plan.segments for a in s.channels}
    offer_act = next((a.id for a in plan.activities if stage_of(a) == "offer"), None)
    offers_defined = any(s.offers_per_account is not None for s in plan.segments)
    result: dict[tuple[str, int, str], float] = {}

    def coverage(portfolio: dict[str, float], act: str) -> float | None:
        total = 0.0
        defined = False
        if act in channel_acts:
            defined = True
            for sid, n in portfolio.items():
                s = seg[sid]
                total += n * s.contacts_per_account * s.contacts_per_year * s.channels.get(act, 0.0)
        if act == offer_act and offers_defined:
            defined = True
            for sid, n in portfolio.items():
                total += n * (seg[sid].offers_per_account or 0.0)
        return total if defined else None

    def funnel(revenue: float, activity) -> float | None:  # type: ignore[no-untyped-def]
        f = plan.funnel
        stage = stage_of(activity)
        if f is None or stage is None:
            return None
        orders = revenue / f.average_order_value
        offers = orders * f.offers_per_order
        requests = offers * f.requests_per_offer
        visits = requests * f.visits_per_request
        return {"order": orders, "offer": offers, "request": requests, "visit": visits, "call": visits * f.calls_per_visit}[stage]

    def spread(key: str, cap: list[float], annual: dict[str, float], minimums: dict[str, float], fte: float) -> None:
        loads = [c * weight(plan, k) for c, k in zip(cap, weeks, strict=True)]
        total = sum(loads)
        for act, a_value in annual.items():
            for k, load in zip(weeks, loads, strict=True):
                r = a_value * load / total if total > 0 else 0.0
                own = minimums.get(act, 0.0) * cap[k - 1] / fte
                result[(key, k, act)] = max(r, own)

    for person in plan.people:
        cap = [person.fte * available_days(plan, k, person.start, person.end, person.absences) / dpw for k in weeks]
        annual = {}
        for activity in plan.activities:
            cov = coverage(person.portfolio, activity.id)
            fun = funnel(person.revenue_target, activity)
            if plan.plan.basis == "coverage":
                value = cov if cov is not None else fun
            elif plan.plan.basis == "funnel":
                value = fun if fun is not None else cov
            else:
                value = max(cov, fun) if cov is not None and fun is not None else (cov if cov is not None else fun)
            value = value or 0.0
            if stage_of(activity) == "visit":
                if person.fop == "farmer":
                    f_p = 1.0
                elif person.fop == "hunter":
                    f_p = plan.norms.hunter_factor
                else:
                    f_p = 1 - person.hunting_share * (1 - plan.norms.hunter_factor)
                value = max(value, plan.norms.appointments_per_week * f_p * sum(cap))
            annual[activity.id] = value
        spread(person.id, cap, annual, person.minimums, person.fte)

    counters: dict[str, int] = {}
    for vacancy in plan.vacancies:
        counters[vacancy.team] = counters.get(vacancy.team, 0) + 1
        key = f"vacancy-{vacancy.team}-{counters[vacancy.team]}"
        cap = [vacancy.fte * available_days(plan, k) / dpw for k in weeks]
        annual = {a.id: coverage(vacancy.portfolio, a.id) or 0.0 for a in plan.activities}
        spread(key, cap, annual, {}, vacancy.fte)
    return result
