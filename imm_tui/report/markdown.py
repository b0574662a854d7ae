"""A Markdown document for a review meeting: where we stand, who needs help and why, the checklist."""

from __future__ import annotations

import math

from imm_tui.report.anonymize import Pseudonyms
from imm_tui.report.formats import number, percent
from imm_tui.report.review import Review


def review_markdown(review: Review, pseudonyms: Pseudonyms | None = None) -> str:
    plan, found = review.plan, review.insights
    hide = pseudonyms.text if pseudonyms else (lambda text: text)
    people = review.people()
    if pseudonyms:
        people = pseudonyms.frame(people)
    hands = found.hands
    org = found.organisation
    lines = [
        f"# {plan.plan.name} — review as of {review.as_of.isoformat()} (week {review.comparison.as_of_week})",
        "",
        "## The hands",
        "",
        f"- Do we have them? {hands['fte_in_seats']:.1f} of {hands['fte_budgeted']:.1f} budgeted FTE are in a seat; "
        f"{hands['fte_available_this_week']:.1f} FTE available in week {hands['week']:.0f}; "
        f"{percent(hands['uncovered_share'])} of the year's work has nobody ({hands['uncovered_visits_year']:.0f} visits).",
        f"- Do they move? Visits to date: {percent(org.get('visit_attainment', math.nan))} of what the plan asks "
        f"(the {org['people_measured']:.0f} of {org['people']:.0f} people whose calendar is imported).",
        f"- Quality: {percent(org.get('quality', math.nan))} of contacts won a commitment.",
        "- Conversion (organisation): "
        + (
            f"{number(org['visits_per_order'])} visits per order, {number(org['visits_per_request'])} per request, "
            f"{number(org['offers_per_order'])} offers per order."
            if org["visits_per_order"] == org["visits_per_order"]
            else "no orders in the calendars yet."
        ),
        "",
        "## Signals",
        "",
    ]
    signals = found.signals
    lines += [f"- **{s.kind}** — {hide(s.reason)}" for s in signals if s.kind != "no calendar"] or ["- none"]
    quiet = [s for s in signals if s.kind == "no calendar"]
    if quiet:
        lines += [
            "",
            f"No calendar imported yet for {len(quiet)} people: "
            + ", ".join(pseudonyms.person.get(s.person, s.person) if pseudonyms else s.person for s in quiet)
            + ".",
        ]
    lines += [
        "",
        "## People",
        "",
        "| person | team | visits | asked to date | attainment | status | catch-up / week | forecast orders | quality"
        " | prospect visits (plan) |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for row in people.to_dict(orient="records"):
        label = row["person"] if pseudonyms else f"{row['name']} ({row['person']})"
        cells = [
            label,
            row["team"],
            f"{float(row['visits_ytd']):.0f}",
            number(float(row["visits_required_ytd"])),
            percent(float(row["attainment"])),
            row["status"],
            number(float(row["catch_up_per_week"])),
            number(float(row["forecast_orders"])),
            percent(float(row["quality"])),
            f"{percent(float(row['hunting_share_actual']))} ({percent(float(row['hunting_share_expected']))})",
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", "## Plan checklist", ""]
    lines += [f"{a.number}. {a.mark} {a.question} — {hide(a.detail)}" for a in review.checklist]
    return "\n".join(lines) + "\n"
