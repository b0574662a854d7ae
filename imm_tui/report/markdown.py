"""A Markdown document for a review meeting: where we stand, who needs help and why, the checklist."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from imm_tui.i18n import Labels
from imm_tui.report.anonymize import Pseudonyms
from imm_tui.report.formats import number, percent
from imm_tui.report.review import Review


def people_rows(review: Review, labels: Labels | None = None, pseudonyms: Pseudonyms | None = None,
                ) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The review's people table: headers and (person id, cells) rows, one line per person."""
    _ = labels or Labels()
    people = review.people()
    if pseudonyms:
        people = pseudonyms.frame(people)
    headers = [_("person"), _("team"), _("visits"), _("asked to date"), _("attainment"), _("status"), _("catch-up / week"),
               _("forecast orders"), _("quality"), _("prospect visits (plan)")]
    rows = []
    for row in people.to_dict(orient="records"):
        label = row["person"] if pseudonyms else f"{row['name']} ({row['person']})"
        cells = [
            label,
            row["team"],
            number(float(row["visits_ytd"]), 0),
            number(float(row["visits_required_ytd"])),
            percent(float(row["attainment"])),
            _(row["status"]) if row["status"] else row["status"],
            _("leaves on {day}", day=row["leaves_on"].isoformat()) if row.get("leaves_on") else number(float(row["catch_up_per_week"])),
            number(float(row["forecast_orders"])),
            percent(float(row["quality"])),
            f"{percent(float(row['hunting_share_actual']))} ({percent(float(row['hunting_share_expected']))})",
        ]
        rows.append((str(row["person"]), [str(c) for c in cells]))
    return headers, rows


def review_markdown(review: Review, pseudonyms: Pseudonyms | None = None, labels: Labels | None = None, *,
                    people_table: bool = True) -> str:
    """The review in English, or in the language of `labels` (the app's); without `people_table` the people
    are left for the app's own table (one line per person, sortable)."""
    _ = labels or Labels()
    plan, found = review.plan, review.insights
    hide = pseudonyms.text if pseudonyms else (lambda text: text)
    hands = found.hands
    org = found.organisation
    lines = [
        "# " + (_("{plan} — review as of {day} (week {week})", plan=plan.plan.name, day=review.as_of.isoformat(),
                  week=review.comparison.as_of_week) if review.comparison.as_of_week else
                _("{plan} — review as of {day} (before week 1)", plan=plan.plan.name, day=review.as_of.isoformat())),
        "",
        "## " + _("The hands"),
        "",
        "- " + _("Do we have them? {seated} of {budgeted} budgeted FTE are in a seat; {available} FTE available in week {week}; "
                 "{uncovered} of the year's work has nobody ({visits} visits).",
                 seated=number(hands["fte_in_seats"]), budgeted=number(hands["fte_budgeted"]),
                 available=number(hands["fte_available_this_week"]), week=f"{hands['week']:.0f}",
                 uncovered=percent(hands["uncovered_share"]), visits=number(hands["uncovered_visits_year"], 0)),
        "- " + _("Do they move? Visits to date: {attainment} of what the plan asks (the {measured} of {people} people whose calendar "
                 "is imported).", attainment=percent(org.get("visit_attainment", math.nan)),
                 measured=f"{org['people_measured']:.0f}", people=f"{org['people']:.0f}"),
        "- " + _("Quality: {quality} of contacts won a commitment.", quality=percent(org.get("quality", math.nan))),
        "- " + _("Conversion (organisation):") + " "
        + (
            (_("{visits} visits per order, {per_request} per request, {offers} offers per order.",
               visits=number(org["visits_per_order"]), per_request=number(org["visits_per_request"]),
               offers=number(org["offers_per_order"]))
             if org["visits_per_request"] == org["visits_per_request"]
             else _("{visits} visits per order, no requests yet, {offers} offers per order.",
                    visits=number(org["visits_per_order"]), offers=number(org["offers_per_order"])))
            if org["visits_per_order"] == org["visits_per_order"]
            else _("no orders in the calendars yet.")
        ),
        "",
        "## " + _("Signals"),
        "",
    ]
    signals = found.signals
    lines += [f"- **{_(s.kind)}** — {hide(s.said(_))}" for s in signals if s.kind != "no calendar"] or ["- " + _("none")]
    quiet = [s for s in signals if s.kind == "no calendar"]
    if quiet:
        lines += [
            "",
            (_("No calendar imported yet for 1 person:") if len(quiet) == 1 else
             _("No calendar imported yet for {count} people:", count=len(quiet))) + " "
            + ", ".join(pseudonyms.person.get(s.person, s.person) if pseudonyms else s.person for s in quiet)
            + ".",
        ]
    if people_table:
        headers, rows = people_rows(review, labels, pseudonyms)
        lines += ["", "## " + _("People"), "", "| " + " | ".join(headers) + " |", "|---|---|---:|---:|---:|---|---:|---:|---:|---:|"]
        lines += ["| " + " | ".join(cells) + " |" for _key, cells in rows]
    unit_headers = [_("team"), _("people"), _("attainment"), _("visits per request"), _("visits per order"), _("requests per order"),
                    _("offers per order"), _("forecast revenue"), _("revenue target"), _("needs help")]
    lines += ["", "## " + _("Teams and divisions"), "", "| " + " | ".join(unit_headers) + " |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def ratio(row: Mapping[Hashable, Any], name: str) -> str:
        value, index = float(row[name]), float(row[name + "_index"])
        return "—" if value != value else number(value) + (f" ({index:.0f})" if index == index else "")

    for row in found.units(plan).to_dict(orient="records"):
        division = f" ({_('division')})" if row["level"] == "division" else ""
        name = _("organisation") if row["level"] == "org" else f"{row['group']}{division}"
        cells = [name, f"{row['people']}", percent(float(row["visit_attainment"])),
                 *(ratio(row, r) for r in ("visits_per_request", "visits_per_order", "requests_per_order", "offers_per_order")),
                 number(float(row["forecast_revenue"]), 0), number(float(row["revenue_target"]), 0), f"{row['needs_help']}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", _("Ratios pooled over the people with a calendar; in brackets the index against the organisation (100 = the same)."), ""]
    lines += year_on_year_markdown(review, _)
    lines += revenue_markdown(review, _)
    lines += accounts_markdown(review, _, hide)
    lines += time_use_markdown(review, _, hide)
    lines += ["", "## " + _("Plan checklist"), ""]
    lines += [f"{a.number}. {a.mark} {_(a.question)} — {hide(a.said(_))}" for a in review.checklist]
    return "\n".join(lines) + "\n"


def time_use_markdown(review: Review, _: Labels, hide: Callable[[str], str]) -> list[str]:
    """Customer against internal time per team, division and the organisation (nothing without a store)."""
    table = review.time_use()
    if table is None:
        return []
    units = table[table["level"] != "person"]
    headers = [_("team"), _("people"), _("customer hours"), _("internal hours"), _("unclassified hours"), _("customer share"),
               _("customer hours per person-week")]
    lines = ["", "## " + _("Customer and internal time"), "", "| " + " | ".join(headers) + " |", "|---|---:|---:|---:|---:|---:|---:|"]
    for row in units.to_dict(orient="records"):
        division = f" ({_('division')})" if row["level"] == "division" else ""
        name = _("organisation") if row["level"] == "org" else f"{hide(str(row['group']))}{division}"
        lines.append("| " + " | ".join([
            name, f"{row['people']}", number(float(row["customer_hours"]), 0), number(float(row["internal_hours"]), 0),
            number(float(row["unclassified_hours"]), 0), percent(float(row["customer_share"])),
            number(float(row["customer_hours_per_week"]))]) + " |")
    lines += ["", _("Hours to date of the people with a calendar: customer = counted as an activity, internal = a rule with "
                    "internal = true; the share is of the hours a rule placed (unclassified hours are said apart)."), ""]
    return lines


def revenue_markdown(review: Review, _: Labels) -> list[str]:
    """Revenue won against target per team and per product, from a CRM export (nothing without one)."""
    products = review.products()
    if products is None:
        return []
    org = review.insights.organisation
    units = review.insights.units(review.plan)
    total = units[units["level"] == "org"].iloc[0]
    lines = ["", "## " + _("Revenue and products"), "",
             _("Won to date: {revenue} against {target} to date ({attainment}); {orders} orders of {value} on average; "
               "forecast for the year {forecast} against {year}.", revenue=number(float(total["revenue_ytd"]), 0),
               target=number(float(total["revenue_target_ytd"]), 0), attainment=percent(float(total["revenue_attainment"])),
               orders=number(float(review.insights.people["orders"].sum()), 0), value=number(org.get("order_value", math.nan), 0),
               forecast=number(float(total["forecast_revenue"]), 0), year=number(float(total["revenue_target"]), 0)), ""]
    headers = [_("team"), _("revenue to date"), _("target to date"), _("attainment")]
    lines += ["| " + " | ".join(headers) + " |", "|---|---:|---:|---:|"]
    for row in units[units["level"] != "org"].to_dict(orient="records"):
        division = f" ({_('division')})" if row["level"] == "division" else ""
        lines.append(f"| {row['group']}{division} | {number(float(row['revenue_ytd']), 0)} | {number(float(row['revenue_target_ytd']), 0)} "
                     f"| {percent(float(row['revenue_attainment']))} |")
    headers = [_("product"), _("priority"), _("revenue to date"), _("target to date"), _("attainment"), _("orders"), _("share of revenue"),
               _("share of targets")]
    lines += ["", "| " + " | ".join(headers) + " |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in products.to_dict(orient="records"):
        priority = "" if row["priority"] != row["priority"] else f"{row['priority']:.0f}"
        name = _("other products") if row["product"] == "(other)" else f"{row['name']} ({row['product']})"
        lines.append("| " + " | ".join([name, priority, number(float(row["revenue"]), 0), number(float(row["target_to_date"]), 0),
                                         percent(float(row["attainment"])), f"{row['orders']}", percent(float(row["share_of_revenue"])),
                                         percent(float(row["target_share"]))]) + " |")
    lines += ["", _("From the imported orders export: revenue is what was won, the target to date is the year's target times the "
                    "share of the year's work that has happened."), ""]
    return lines


def accounts_markdown(review: Review, _: Labels, hide: Callable[[str], str], listed: int = 10) -> list[str]:
    """Accounts of accounts.csv: contacts per segment against the plan to date, quiet accounts, key accounts
    behind, contacts with another owner's accounts, new and existing accounts reached (nothing without them)."""
    covered = review.accounts_covered()
    if covered is None:
        return []
    accounts, segments = covered.accounts, covered.segments
    intro = _("The {count} accounts of accounts.csv: contacts to date against what their segment asks by now ({share} of the year).",
              count=len(accounts), share=percent(covered.share_of_year))
    lines = ["", "## " + _("Accounts"), "", intro, ""]
    headers = [_("segment"), _("accounts"), _("contacts"), _("asked to date"), _("attainment"), _("reached"), _("gone quiet")]
    lines += ["| " + " | ".join(headers) + " |", "|---|---:|---:|---:|---:|---:|---:|"]
    for row in segments.to_dict(orient="records"):
        lines.append("| " + " | ".join([f"{row['name']} ({row['segment']})" if row["segment"] else _("no segment"), f"{row['accounts']}",
                                         f"{row['contacts']}", number(float(row["asked_to_date"])), percent(float(row["attainment"])),
                                         f"{row['reached']}", f"{row['quiet']}"]) + " |")
    quiet = accounts[accounts["quiet"]].sort_values(["weeks_quiet", "account"], ascending=[False, True])
    weeks = review.plan.monitor.quiet_after_weeks
    lines += ["", "**" + _("Gone quiet (no contact for {weeks} weeks or more):", weeks=weeks) + "**", ""]
    lines += [f"- {hide(str(r['account']))} ({r['segment']}, {hide(str(r['owner'])) or '—'}): " + (
        _("no contact for {weeks} weeks (last {day})", weeks=r["weeks_quiet"], day=r["last_contact"].isoformat()) if r["last_contact"]
        else _("no contact this year")) for r in quiet.head(listed).to_dict(orient="records")] or ["- " + _("none")]
    if len(quiet) > listed:
        lines.append("- " + _("and {count} more", count=len(quiet) - listed))
    behind = accounts[(accounts["attainment"] < review.plan.monitor.behind) & ~accounts["quiet"]].sort_values("attainment")
    lines += ["", "**" + _("Behind on contacts:") + "**", ""]
    lines += [f"- {hide(str(r['account']))} ({r['segment']}, {hide(str(r['owner'])) or '—'}): "
              + _("{contacts} of {asked} contacts asked to date", contacts=r["contacts"], asked=number(float(r["asked_to_date"])))
              for r in behind.head(listed).to_dict(orient="records")] or ["- " + _("none")]
    others = int(accounts["by_others"].sum())
    reach = covered.reach.set_index("person").loc["org"].to_dict()
    lines += ["", _("{count} contacts were with an account another person holds (accounts.csv owner).", count=others),
              _("Reached to date: {new} prospects and {existing} clients of accounts.csv; the portfolios hold {portfolio_new} new "
                "and {portfolio_existing} existing accounts.", new=int(reach["new_reached"]), existing=int(reach["existing_reached"]),
                portfolio_new=number(float(reach["new_in_portfolio"]), 0),
                portfolio_existing=number(float(reach["existing_in_portfolio"]), 0)), ""]
    return lines


def year_on_year_markdown(review: Review, _: Labels) -> list[str]:
    """This year to date against last year to the same week, per team, division and the organisation."""
    table = review.year_on_year()
    if table is None:
        return []
    year, week = review.plan.plan.year, review.comparison.as_of_week
    units = table[table["level"] != "person"]

    def change(value: float) -> str:
        return "—" if value != value else f"{100 * value:+.0f} %"

    shown_metrics = [("visits", 0, False, True), ("orders", 0, False, True), ("visits_per_order", 1, False, False),
                     ("quality", 0, True, False)]
    headers = [_("team"), _("visits"), _("change"), _("orders"), _("change"), _("visits per order"), _("quality")]
    if "revenue" in set(table["metric"]):  # orders from a CRM export: their revenue too
        shown_metrics.append(("revenue", 0, False, True))
        headers += [_("revenue"), _("change")]
    lines = ["", "## " + _("{year} against {last}", year=year, last=year - 1), "",
             _("Weeks 1 to {week} of both years, counted by this year's rules; in each cell this year, then last year.", week=week), "",
             "| " + " | ".join(headers) + " |", "|---|" + "---:|" * (len(headers) - 1)]
    def shown(value: float, digits: int, share: bool) -> str:
        return percent(value, "—") if share else ("—" if value != value else number(value, digits))

    for group, part in units.groupby("group", sort=False):
        figures = {str(m): (float(a), float(b), float(c)) for m, a, b, c in
                   zip(part["metric"], part["this_year"], part["last_year"], part["change"], strict=True)}
        level = str(part["level"].iloc[0])
        name = _("organisation") if level == "org" else f"{group}" + (f" ({_('division')})" if level == "division" else "")
        cells = [name]
        for metric, digits, share, with_change in shown_metrics:
            this, last, changed = figures[metric]
            cells.append(f"{shown(this, digits, share)} / {shown(last, digits, share)}")
            if with_change:
                cells.append(change(changed))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]
