"""A synthetic sales organisation of any size, for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

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


def synthetic_plan(people: int = 160, year: int = 2026, seed: int = 7) -> Plan:
    """`people` account managers in 4 divisions × 4 teams, with absences, minimums and vacancies.

    2026 has 53 ISO weeks, the worst case for the derivation.
    """
    rng = random.Random(seed)
    segments = [
        Segment(id="key", name="Key", contacts_per_account=4, contacts_per_year=10, offers_per_account=3,
                channels={"visit": 0.5, "call": 0.3, "video": 0.2}),
        Segment(id="mid", name="Mid", contacts_per_account=2, contacts_per_year=6, offers_per_account=1,
                channels={"visit": 0.4, "call": 0.5, "video": 0.1}),
        Segment(id="smb", name="SMB", contacts_per_account=1, contacts_per_year=4, offers_per_account=0.5,
                channels={"visit": 0.2, "call": 0.7, "video": 0.1}),
        Segment(id="pros", name="Prospects", kind="new", contacts_per_account=1, contacts_per_year=4, offers_per_account=0.25,
                channels={"visit": 0.5, "call": 0.5}),
    ]
    teams = [Team(id=f"div{d}", name=f"Division {d}") for d in range(4)]
    teams += [Team(id=f"team{d}{t}", name=f"Team {d}.{t}", parent=f"div{d}") for d in range(4) for t in range(4)]
    leaf = [t.id for t in teams if t.parent]
    members = []
    for i in range(people):
        fop = rng.choice(["farmer", "farmer", "hunter", "mixed"])
        holiday = date(year, 7, 1) + timedelta(days=rng.randrange(0, 50))
        absences = [Absence.model_validate({"from": holiday, "to": holiday + timedelta(days=18)})]
        if rng.random() < 0.1:
            sick = date(year, 1, 15) + timedelta(days=rng.randrange(0, 250))
            absences.append(Absence.model_validate({"from": sick, "to": sick + timedelta(days=rng.randrange(20, 90))}))
        members.append(Person(
            id=f"p{i:03d}", name=f"Person {i}", email=f"p{i:03d}@vanleeuwen.example", team=leaf[i % len(leaf)],
            fte=rng.choice([1.0, 1.0, 1.0, 0.8, 0.6]), fop=fop,
            hunting_share=0.3 if fop == "mixed" else 0.0,
            revenue_target=rng.randrange(200, 1000) * 1000,
            start=date(year, rng.randrange(1, 6), 1) if rng.random() < 0.05 else None,
            end=date(year, rng.randrange(6, 12), 28) if rng.random() < 0.05 else None,
            absences=absences,
            portfolio={"pros": rng.randrange(10, 80)} if fop == "hunter" else
                      {"key": rng.randrange(0, 10), "mid": rng.randrange(5, 30), "smb": rng.randrange(0, 60)},
            minimums={"visit": 4} if rng.random() < 0.2 else {},
        ))
    return Plan(
        plan=PlanInfo(name=f"Synthetic {people}", year=year, basis="max"),
        calendar=CalendarSettings(closed_weeks=[date(year, 12, 28).isocalendar().week], holidays=[date(year, 4, 27), date(year, 5, 14)],
                                  seasonality=Seasonality(jul=0.6, aug=0.6, dec=0.8),
                                  events=[Event(name="Fair", weeks=[11], factor=1.5)]),
        norms=Norms(appointments_per_week=6, hunter_factor=0.5),
        funnel=Funnel(average_order_value=18000, offers_per_order=2.5, requests_per_offer=1.2, visits_per_request=2, calls_per_visit=2),
        segments=segments, teams=teams, people=members,
        vacancies=[Vacancy(team=leaf[v], portfolio={"mid": 20}) for v in range(3)],
    )
