"""An explanation (`engine.explain`) said in words: the parts of a requirement side by side, the one that won
marked, and per week why it asks what it asks. Used by `imm plan --explain` and the app's Why screen."""

from __future__ import annotations

from imm_tui.engine.explain import Explanation, Week
from imm_tui.i18n import N_, Labels
from imm_tui.report.formats import decimal, number
from imm_tui.report.tables import aligned

WEEK_COLUMNS = (N_("week"), N_("Monday"), N_("FTE"), N_("seasonality"), N_("events"), N_("weight"), N_("share"), N_("from the year"),
                N_("own minimum"), N_("required"), N_("driver"))
# said through the catalogue where they are shown: funnel steps (engine.explain) and months (model.plan.MONTHS)
STEP_LABELS = (N_("revenue target"), N_("orders"), N_("offers"), N_("requests"), N_("visits"), N_("calls"))
MONTH_LABELS = (N_("jan"), N_("feb"), N_("mar"), N_("apr"), N_("may"), N_("jun"), N_("jul"), N_("aug"), N_("sep"), N_("oct"),
                N_("nov"), N_("dec"))


def parts(found: Explanation, labels: Labels | None = None) -> list[tuple[str, str, str, bool]]:
    """(part, annual value, how it is computed, won) for coverage, funnel, norm floor and own minimum."""
    _ = labels or Labels()
    out: list[tuple[str, str, str, bool]] = []
    driver = found.driver
    if found.coverage is not None:
        asked = [p for p in found.segments if p.value > 0]
        how = "\n".join(
            _("{segment}: {accounts} accounts × {offers} offers per account = {value}", segment=p.segment, accounts=decimal(p.accounts),
              offers=decimal(p.contacts_per_year), value=number(p.value)) if p.offers else
            _("{segment}: {accounts} accounts × {contacts} contacts × {per_year} a year × {share} share = {value}",
              segment=p.segment, accounts=decimal(p.accounts), contacts=decimal(p.contacts_per_account),
              per_year=decimal(p.contacts_per_year), share=decimal(p.share), value=number(p.value))
            for p in asked
        ) or _("no segment of the portfolio asks for it")
        out.append((_("coverage"), number(found.coverage), how, driver == "coverage"))
    if found.funnel is not None:
        if found.funnel_steps:
            steps = enumerate(found.funnel_steps)
            how = " → ".join(f"{number(value, 0 if index == 0 else 1)} {_(stage)}" for index, (stage, value) in steps)
        else:
            how = _("a vacancy has no revenue target")
        out.append((_("funnel"), number(found.funnel), how, driver == "funnel"))
    if found.floor > 0:
        how = _("{norm} a week × {factor} (field of play) × {weeks} FTE-weeks of capacity", norm=number(found.norm),
                factor=decimal(found.norm_factor, ".2f"), weeks=number(found.capacity_weeks))
        out.append((_("norm floor"), number(found.floor), how, driver == "norm"))
    if found.minimum > 0:
        how = _("{minimum} a week at full capacity; raised {count} of {weeks} weeks", minimum=number(found.minimum),
                count=found.minimum_weeks, weeks=len(found.weeks))
        alone = found.minimum * found.capacity_weeks / found.fte if found.fte else 0.0
        out.append((_("own minimum"), number(alone), how, driver == "minimum"))
    return out


def basis_said(found: Explanation, labels: Labels | None = None) -> str:
    _ = labels or Labels()
    said = {
        "coverage": _("basis coverage: coverage where it defines the activity, else the funnel"),
        "funnel": _("basis funnel: the funnel where it defines the activity, else coverage"),
        "max": _("basis max: the larger of coverage and funnel"),
    }
    return said[found.basis]


def headline(found: Explanation, labels: Labels | None = None) -> str:
    _ = labels or Labels()
    what = {"coverage": _("set by coverage"), "funnel": _("set by the funnel"), "norm": _("raised to the norm floor"),
            "minimum": _("raised by the own minimum"), "none": _("nothing asks for it")}[found.driver]
    return _("{name} ({person}), {activity}: {required} in the year, {what}", name=found.name, person=found.person,
             activity=found.activity, required=number(found.required), what=what)


def week_said(week: Week, labels: Labels | None = None) -> str:
    """`W11 ×1.5 "Trade fair"`: a week's weight in words."""
    _ = labels or Labels()
    pieces = [_("{month} seasonality ×{factor}", month=_(week.month), factor=decimal(week.seasonality))]
    pieces += [f"“{name}” ×{decimal(factor)}" for name, factor in week.events]
    return " · ".join(pieces)


def week_rows(found: Explanation, labels: Labels | None = None) -> list[list[str]]:
    _ = labels or Labels()
    return [
        [f"W{w.week:02d}", w.monday.isoformat(), decimal(w.capacity, ".2f"),
         f"{_(w.month)} ×{decimal(w.seasonality)}",
         " ".join(f"{name} ×{decimal(factor)}" for name, factor in w.events), decimal(w.weight, ".2f"),
         decimal(100 * w.share, ".2f") + " %",
         number(w.from_annual, 2), number(w.own_minimum, 2) if found.minimum else "", number(w.required, 2), _(w.driver)]
        for w in found.weeks
    ]


def explanation_text(found: Explanation, labels: Labels | None = None, weeks: list[int] | None = None) -> str:
    """The whole explanation as text; `weeks` limits the week table (all weeks when None)."""
    _ = labels or Labels()
    lines = [headline(found, labels), ""]
    found_parts = parts(found, labels)
    width = max([len(label) for label, *_rest in found_parts] + [len(_("the year"))])
    values = max([len(value) for _label, value, *_rest in found_parts] + [len(number(found.required))])
    for label, value, how, won in found_parts:
        mark = "✔" if won else " "
        first, *more = how.split("\n")
        lines.append(f"{mark} {label.ljust(width)}  {value.rjust(values)}  {first}")
        lines.extend(" " * (width + values + 6) + line for line in more)
    lines.append(f"= {_('the year').ljust(width)}  {number(found.required).rjust(values)}  "
                 + _("the sum of the weeks: each week the larger of its share of the year and the own minimum"))
    lines.append("")
    lines.append(basis_said(found, labels) + "; " + _("the norm floor and the own minimum can only raise it") + ".")
    lines.append(_("A week's share of the year is its capacity × weight over the sum of every week's; weight = seasonality of the "
                   "month of its Thursday × the factors of the events that list it."))
    lines.append("")
    shown = [row for row, w in zip(week_rows(found, labels), found.weeks, strict=True) if weeks is None or w.week in weeks]
    lines.append(aligned([_(c) for c in WEEK_COLUMNS], shown, numeric_from=2, text=(3, 4, 10)).rstrip("\n"))
    return "\n".join(lines) + "\n"


__all__ = ["WEEK_COLUMNS", "basis_said", "explanation_text", "headline", "parts", "week_rows", "week_said"]
