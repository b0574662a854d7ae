"""The plan's single-valued settings as a flat list, and changing one of them from typed text.

The plan editor shows `[plan]`, `[calendar]` (with its seasonality), `[norms]`, `[funnel]`, `[costs]`,
`[reviews]` and `[monitor]` as rows `calendar.seasonality.jul = 1.2`, each with the meaning its field's
docstring gives. A change is validated like the file is: a value the plan cannot hold is refused with
the reason, and the plan is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from imm_tui.model.plan import Plan
from imm_tui.model.plan_checks import check_plan

SECTIONS = ("plan", "calendar", "norms", "funnel", "costs", "reviews", "monitor")
_TRUE, _FALSE = {"ja", "waar", "j"}, {"nee", "onwaar", "n"}


class SettingRefused(ValueError):
    """The typed value cannot be taken; the message says why."""


@dataclass(frozen=True)
class Setting:
    path: str  # "calendar.seasonality.jul"
    value: Any
    meaning: str
    editable: bool  # False for lists of tables (calendar.events): those are edited in plan.toml


OPTIONAL = ("funnel", "costs")  # sections a plan may leave out; their rows show empty and setting one creates the section


def settings(plan: Plan) -> list[Setting]:
    """Every single-valued setting of the plan, in plan.toml order. An absent optional section (`[funnel]`,
    `[costs]`) shows its rows empty, so that it can be set up from the app."""
    found: list[Setting] = []
    for section in SECTIONS:
        model = getattr(plan, section)
        if model is not None:
            found.extend(_walk(model, section))
        elif section in OPTIONAL:
            kind = type(plan).model_fields[section].annotation.__args__[0]  # type: ignore[union-attr]
            found.extend(Setting(f"{section}.{name}", None, " ".join((info.description or "").split()), editable=True)
                         for name, info in kind.model_fields.items())
    return found


def _walk(model: BaseModel, prefix: str) -> list[Setting]:
    rows: list[Setting] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        path = f"{prefix}.{info.alias or name}"
        if isinstance(value, BaseModel):
            rows.extend(_walk(value, path))
            continue
        nested = isinstance(value, list) and any(isinstance(v, BaseModel) for v in value)
        meaning = " ".join((info.description or "").split())
        if not meaning and prefix.endswith(".seasonality"):
            meaning = f"Weight of the weeks of {name.capitalize()} (1 = an ordinary month)."
        rows.append(Setting(path, value, meaning, editable=not nested))
    return rows


def show(value: Any) -> str:
    """A setting's value as the editor shows it (and accepts it back)."""
    if isinstance(value, list):
        return ", ".join(_one(v) for v in value)
    return _one(value)


def _one(value: Any) -> str:
    if isinstance(value, BaseModel):
        fields = value.model_dump(by_alias=True)
        return " ".join(f"{k}={v}" for k, v in fields.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.12g}"  # 6500000, not 6.5e+06: what is shown can be typed back
    return "" if value is None else str(value)


def with_setting(plan: Plan, path: str, text: str) -> Plan:
    """A copy of `plan` with the setting at `path` set from `text`; SettingRefused says why it cannot be."""
    *parents, leaf = path.split(".")
    candidate = plan.model_copy(deep=True)
    owner: Any = candidate
    for part in parents:
        parent, owner = owner, getattr(owner, part, None)
        if owner is None and parent is candidate and part in OPTIONAL:
            owner = _new_section(part, leaf, text)
            setattr(candidate, part, owner)
            break
        if owner is None:
            raise SettingRefused(f"no setting {path}")
    name = next((n for n, info in type(owner).model_fields.items() if (info.alias or n) == leaf), None)
    if name is None:
        raise SettingRefused(f"no setting {path}")
    current = getattr(owner, name)
    if isinstance(current, list) and any(isinstance(v, BaseModel) for v in current):
        raise SettingRefused(f"{path} is a list of tables: edit it in plan.toml")
    set_typed(owner, name, text)
    problems = [message for _, message, severity in check_plan(candidate) if severity == "error"]
    if problems:
        raise SettingRefused(problems[0])
    return candidate


def _new_section(section: str, leaf: str, text: str) -> BaseModel:
    """An optional section set up by its first value (`[funnel]` needs its average order value first)."""
    from imm_tui.model.plan import Costs, Funnel

    if section == "costs":
        return Costs()
    if leaf != "average_order_value":
        raise SettingRefused("set funnel.average_order_value first: the funnel reasons back from it")
    try:
        return Funnel(average_order_value=_parsed(text, 0.0))
    except ValidationError as error:
        raise SettingRefused(_first_reason(error)) from None


def set_typed(owner: BaseModel, name: str, text: str) -> None:
    """Set field `name` of `owner` (a plan model, validated on assignment) from what the user typed, or
    raise SettingRefused with the reason. Shared by the settings and the Plan tab's tables."""
    current = getattr(owner, name)
    try:
        if name == "absences":
            setattr(owner, name, parse_absences(text))
        else:
            setattr(owner, name, _parsed(text, current))
    except ValidationError as error:
        raise SettingRefused(_first_reason(error)) from None


def _parsed(text: str, current: Any) -> Any:
    """What pydantic should validate: lists split on commas or spaces, `key=8, mid=25` mappings, Dutch
    yes/no, decimal commas (also for a number not yet set)."""
    value = text.strip()
    if isinstance(current, list):
        return [part for part in re.split(r"[,;\s]+", value) if part]
    if isinstance(current, dict):
        return parse_pairs(value)
    if isinstance(current, bool):
        lowered = value.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else value
    if isinstance(current, int | float) or current is None and re.fullmatch(r"-?\d+,\d+", value):
        return value.replace(",", ".")
    return value


def show_absences(absences: list[Any]) -> str:
    """`2027-07-12..2027-07-30 holiday; 2027-10-04..2027-10-08`: a person's absences as the editor shows them."""
    return "; ".join(f"{a.from_.isoformat()}..{a.to.isoformat()}" + (f" {a.reason}" if a.reason else "") for a in absences)


def parse_absences(text: str) -> list[dict[str, str]]:
    """What `show_absences` shows, back as tables for pydantic (`from`, `to`, `reason`); a single day may be
    written alone (`2027-05-07 dentist`). Empty text: no absences."""
    found = []
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        period, _, reason = part.partition(" ")
        first, dots, last = period.partition("..")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) or dots and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
            raise SettingRefused(f"write a period as 2027-07-12..2027-07-30 and a reason, not {part!r}")
        found.append({"from": first, "to": last if dots else first, "reason": reason.strip()})
    return found


def parse_pairs(text: str) -> dict[str, str]:
    """`key=8, mid=25` (as the editor shows a portfolio, minimums or a channel mix) → {"key": "8", "mid": "25"},
    for pydantic to validate; empty text is an empty mapping. A decimal comma needs spaces around the
    separating commas (`visit=0,5 , call=0,5`)."""
    pairs: dict[str, str] = {}
    for part in filter(None, (part.strip() for part in (text.split(" , ") if " , " in text else text.split(",")))):
        name, equals, number = (piece.strip() for piece in part.partition("="))
        if not equals or not name:
            raise SettingRefused(f"write name=number pairs separated by commas, not {part!r}")
        if name in pairs:
            raise SettingRefused(f"{name} given twice")
        pairs[name] = number.replace(",", ".")
    return pairs


def _first_reason(error: ValidationError) -> str:
    detail = error.errors()[0]
    where = ".".join(str(p) for p in detail["loc"][1:])
    return f"{detail['msg']}" + (f" (item {where})" if where else "")
