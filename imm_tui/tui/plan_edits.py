"""Adding, duplicating and removing the plan's people, segments, products, teams, vacancies and events.

Pure (no textual): each function returns a new plan and leaves the one it was given alone; the
session checks the result like every edit (`check_plan`) and keeps the old one for undo. New items are
appended, never inserted, so that saving keeps every comment of the hand-written file (tomlkit edits
an array of tables in place only while the existing items keep their order).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from imm_tui.i18n import N_
from imm_tui.model.plan import Event, Person, Plan, Product, Segment, Team, Vacancy

SECTIONS = ("people", "segments", "products", "teams", "vacancies", "calendar.events")
WITH_ID = {"people", "segments", "products", "teams"}


class PlanEditRefused(ValueError):
    """Said with a template and its parameters, so the app can say it in its language."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params


class Said:
    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params


def items_at(plan: Plan, section: str) -> list[Any]:
    """The list at `section` of `plan` (`people`, `calendar.events`): what the app edits item by item."""
    owner: Any = plan
    for part in section.split("."):
        owner = getattr(owner, part)
    return owner  # type: ignore[no-any-return]


def added(plan: Plan, section: str, text: str, copy_of: int | None = None) -> tuple[Plan, int]:
    """`plan` with a new item at the end of `section`: `text` is its id (the name of an event); a copy of
    item `copy_of` when given, else a new one with the defaults a person would start from."""
    if section not in SECTIONS:
        raise PlanEditRefused(N_("nothing can be added to {section}"), section=section)
    candidate = plan.model_copy(deep=True)
    items = items_at(candidate, section)
    text = text.strip()
    if section in WITH_ID:
        if not text:
            raise PlanEditRefused(N_("give the new one an id (letters, digits, - _ .)"))
        if any(item.id == text for item in items):
            raise PlanEditRefused(N_("the id {id} is taken: choose another"), id=text)
    try:
        if copy_of is not None:
            source = items[copy_of].model_dump(by_alias=True)
            if section in WITH_ID:
                source["id"] = text
                if "name" in source:
                    source["name"] = f"{source['name']} (2)"
            if section == "people":  # what is personal stays with the original: a copy is a new person in the same role
                source.update(email=None, start=None, end=None, absences=[], growth="")
            elif section == "calendar.events" and text:
                source["name"] = text
            item = type(items[copy_of]).model_validate(source)
        else:
            item = _new(candidate, section, text)
    except ValidationError as error:
        detail = error.errors()[0]
        raise PlanEditRefused(N_("{field}: {reason}"), field=".".join(str(p) for p in detail["loc"]) or section,
                              reason=detail["msg"]) from None
    items.append(item)
    return candidate, len(items) - 1


def _new(plan: Plan, section: str, text: str) -> Any:
    parents = {t.parent for t in plan.teams}
    leaves = [t.id for t in plan.teams if t.id not in parents]  # a team, not a division
    first_team = (leaves or [t.id for t in plan.teams] or [None])[0]
    if section in ("people", "vacancies") and first_team is None:
        raise PlanEditRefused(N_("add a team first: every person and vacancy belongs to one"))
    if section == "people":
        return Person(id=text, name=text, team=first_team)  # type: ignore[arg-type]
    if section == "vacancies":
        return Vacancy(team=first_team)  # type: ignore[arg-type]
    if section == "segments":
        visit_and_call = {a: 0.5 for a in ("visit", "call") if a in plan.activity_ids}
        return Segment(id=text, name=text, priority=len(plan.segments) + 1, channels=visit_and_call)
    if section == "products":
        return Product(id=text, name=text, priority=len(plan.products) + 1)
    if section == "teams":
        return Team(id=text, name=text)
    return Event(name=text or "Event", weeks=[], factor=1.0)


def removed(plan: Plan, section: str, index: int) -> tuple[Plan, Said | None]:
    """`plan` without item `index` of `section`, and what else changed with it. A segment leaves every
    portfolio; a team that people, vacancies or other teams still name is refused with who names it."""
    if section not in SECTIONS:
        raise PlanEditRefused(N_("nothing can be removed from {section}"), section=section)
    candidate = plan.model_copy(deep=True)
    items = items_at(candidate, section)
    if not 0 <= index < len(items):
        raise PlanEditRefused(N_("there is nothing there to remove"))
    item = items[index]
    also: Said | None = None
    if section == "teams":
        people = [p.id for p in candidate.people if p.team == item.id]
        seats = sum(1 for v in candidate.vacancies if v.team == item.id)
        children = [t.id for t in candidate.teams if t.parent == item.id]
        if people or seats or children:
            names = ", ".join([*people[:5], *(["…"] if len(people) > 5 else [])])
            raise PlanEditRefused(N_("team {team} still has people ({people}), {seats} vacancies and {teams} teams under it: "
                                     "move them first"), team=item.id, people=names or "-", seats=seats, teams=len(children))
    if section == "segments":
        holders = [p for p in [*candidate.people, *candidate.vacancies] if item.id in p.portfolio]
        for holder in holders:
            holder.portfolio = {k: v for k, v in holder.portfolio.items() if k != item.id}
        if holders:
            template = N_("segment {segment} also left 1 portfolio") if len(holders) == 1 else \
                N_("segment {segment} also left {count} portfolios")
            also = Said(template, segment=item.id, count=len(holders))
    if section == "people" and len(candidate.people) == 1:
        raise PlanEditRefused(N_("a plan keeps at least one person"))
    del items[index]
    return candidate, also


__all__ = ["SECTIONS", "PlanEditRefused", "Said", "added", "items_at", "removed"]
