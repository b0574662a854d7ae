"""`classify.toml` (docs/reference.md): how calendar items become activities."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from imm_tui.model.patterns import compile_pattern
from imm_tui.model.problems import InputError, Problem, format_path
from imm_tui.model.toml_lines import TomlLines
from imm_tui.model.validation import parse_toml, read_text, validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Company(_Strict):
    """`[company]`: who counts as a colleague."""

    domains: list[str] = []
    """E-mail domains of the own company; attendees on them are not external."""

    @field_validator("domains")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in value if d.strip()]


class Skip(_Strict):
    """`[skip]`: items never counted."""

    cancelled: bool = True
    declined: bool = True
    free: bool = True
    """Items shown as free / transparent."""
    all_day: bool = True
    private_subject: Literal["hide", "skip"] = "hide"
    """`hide`: count private items by categories only and never store their subject; `skip`: ignore them."""


def _compile(pattern: str | None) -> str | None:
    if pattern is not None:
        compile_pattern(pattern)  # refuses invalid patterns and ones that backtrack catastrophically
    return pattern


class Rule(_Strict):
    """`[[rules]]`: the first activity rule whose conditions all hold classifies an item."""

    categories: list[str] | None = None
    """Any of these Outlook categories (case-insensitive)."""
    subject: str | None = None
    """Python regular expression searched in the subject (each search at most 50 ms; slow patterns are refused)."""
    location: str | None = None
    """Python regular expression searched in the location (each search at most 50 ms; slow patterns are refused)."""
    online: bool | None = None
    """Teams/Zoom/Meet/Webex link in location or description."""
    external: bool | None = None
    """At least one attendee outside the company's domains."""
    all_day: bool | None = None
    min_minutes: float | None = Field(default=None, ge=0, le=527_040, allow_inf_nan=False)
    max_minutes: float | None = Field(default=None, ge=0, le=527_040, allow_inf_nan=False)
    account_status: Literal["client", "prospect"] | None = None
    attendee_domain: list[str] | None = None
    """An attendee or the organiser has an e-mail address on one of these domains (or a subdomain of one);
    one domain may be written as a plain string."""
    activity: str | None = None
    """The activity the item counts as; a rule without one is a flag rule."""
    internal: bool = False
    """Instead of an activity: the item is internal time (a team meeting, training), not counted, out of the
    review queue, summed as internal hours."""
    ignore: bool = False
    """Instead of an activity: the item is neither a contact nor internal time (lunch, travel, focus time),
    not counted and out of the review queue."""
    commitment: bool = False
    """Flag: a contact in which a commitment was won."""

    _check_subject = field_validator("subject", "location")(_compile)

    @field_validator("attendee_domain", mode="before")
    @classmethod
    def _domains(cls, value: object) -> object:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            cleaned = [str(d).strip().lower().lstrip("@") for d in value]
            if not all(cleaned):
                raise ValueError("an empty domain matches nothing: write partner.example")
            return cleaned
        return value

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        outcomes = [name for name, on in (("activity", self.activity is not None), ("internal", self.internal),
                                          ("ignore", self.ignore)) if on]
        if len(outcomes) > 1:
            raise ValueError(f"a rule has one outcome: {' or '.join(outcomes)}, not both")
        if not outcomes and not self.commitment:
            raise ValueError("a rule needs an activity, internal = true, ignore = true or commitment = true")
        if self.commitment and (self.internal or self.ignore):
            raise ValueError("commitment = true marks contacts: an internal or ignored item is none")
        return self

    @property
    def outcome(self) -> str | None:
        """The skip reason an internal or ignore rule gives (`internal`, `ignored`); None for activity and flag rules."""
        return "internal" if self.internal else "ignored" if self.ignore else None


class Privacy(_Strict):
    """`[privacy]`."""

    count_only: bool = False
    """Keep no subjects, locations or attendees at all, only counts."""
    retention_months: int | None = Field(default=None, ge=1, le=120)
    """Drop stored items whose day is more than this many months ago (an IMM extension; none: keep)."""


class Classification(_Strict):
    """The whole of `classify.toml`."""

    company: Company = Company()
    skip: Skip = Skip()
    rules: list[Rule] = []
    privacy: Privacy = Privacy()

    @model_validator(mode="after")
    def _domains_kept(self) -> Classification:
        if self.privacy.count_only:
            for index, rule in enumerate(self.rules):
                if rule.attendee_domain is not None:
                    raise ValueError(f"rule {index + 1} looks at attendee_domain, which count_only does not keep: "
                                     "a re-classification could not repeat it (remove the condition or count_only)")
        return self


def load_classification(path: Path, activity_ids: list[str] | None = None) -> Classification:
    """Read and validate `classify.toml`; with `activity_ids`, rules must name known activities."""
    return _checked(read_text(path), str(path), activity_ids)


def add_rule(path: Path, rule: Rule, activity_ids: list[str], note: str = "") -> Classification:
    """Append `rule` to the `[[rules]]` of classify.toml (created when missing), keeping its comments.

    Appended last: items an earlier rule already matches keep their activity; only what no rule took
    yet can change. The new file is validated as a whole before it atomically replaces the old one.
    """
    import tomlkit

    from imm_tui.model.atomic import write_atomic

    header = "# How calendar items become activities (the first matching rule with an outcome wins).\n"
    document = tomlkit.parse(read_text(path) if path.exists() else header)
    table = tomlkit.table()
    if note:
        table.add(tomlkit.comment(note))
    for key, value in rule.model_dump(exclude_defaults=True).items():
        pattern = key in ("subject", "location") and "'" not in value  # regular expressions read best unescaped
        table[key] = tomlkit.string(value, literal=True) if pattern else value
    table.add(tomlkit.nl())
    if "rules" not in document:
        document["rules"] = tomlkit.aot()
    document["rules"].append(table)
    text = tomlkit.dumps(document)
    checked = _checked(text, str(path), activity_ids)
    write_atomic(path, text.encode("utf-8"))
    return checked


def _checked(text: str, file: str, activity_ids: list[str] | None) -> Classification:
    lines = TomlLines(text)
    result = validate(Classification, parse_toml(text, file), file, lines)
    if activity_ids is not None:
        problems = [
            Problem(file, lines.line_of(("rules", i, "activity")), format_path(("rules", i, "activity")),
                    f"unknown activity '{rule.activity}' (known: {', '.join(activity_ids)})")
            for i, rule in enumerate(result.rules)
            if rule.activity is not None and rule.activity not in activity_ids
        ]
        if problems:
            raise InputError(problems)
    return result
