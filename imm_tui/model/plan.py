"""The plan (`plan.toml`; every key in docs/reference.md) as pydantic models.

Every key a user may write is a field here with a docstring; unknown keys are errors, because a typo
(`contact_per_year`) silently ignored would change the numbers without anyone noticing. Checks that
look across sections (a portfolio naming a segment, a team's parent) live in `plan_checks.py`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

Basis = Literal["coverage", "funnel", "max"]
Fop = Literal["farmer", "hunter", "mixed"]
SegmentKind = Literal["existing", "new"]
FunnelStage = Literal["order", "offer", "request", "visit", "call"]

LARGEST = 1e12
"""No number in a plan is larger: a trillion is past any sales target, and 1e308 would overflow to inf."""
SMALLEST = 1e-6
"""No number other than 0 is smaller: 1e-308 in a rate or a weight silently zeroes a requirement."""


def sane_number(value: float) -> float:
    """`value` when a plan can use it: finite, at most `LARGEST`, and 0 or at least `SMALLEST` in size."""
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    if abs(value) > LARGEST:
        raise ValueError(f"is too large: at most {LARGEST:,.0f}")
    if value and abs(value) < SMALLEST:
        raise ValueError("is too small to mean anything: use 0, or at least 0.000001")
    return value


Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
NonNegative = Annotated[float, Field(ge=0), AfterValidator(sane_number)]  # also inside a table of numbers
Share = Annotated[float, Field(ge=0, le=1), AfterValidator(sane_number)]

FUNNEL_STAGES: tuple[FunnelStage, ...] = ("order", "offer", "request", "visit", "call")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Strict(BaseModel):
    """Base for every section: unknown keys are errors; assignments are validated too; every number
    must be one a plan can use (`sane_number`)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True, use_attribute_docstrings=True,
                              allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _sane_numbers(cls, value: Any) -> Any:
        return sane_number(value) if isinstance(value, float) else value


class PlanInfo(Strict):
    """`[plan]`: what the plan is and which year it covers."""

    name: str = Field(min_length=1)
    """Shown in titles and exports."""
    year: int = Field(ge=2000, le=2100)
    """The plan covers the ISO weeks (52 or 53) of this ISO year."""
    basis: Basis = "max"
    """Which derivation sets the requirement: coverage, funnel, or the larger of the two."""
    timezone: str = "Europe/Amsterdam"
    """IANA time zone; calendar items count in the ISO week of their start in this zone."""
    language: Literal["en", "nl"] = "en"
    """Language of the app's labels."""
    history_years: int = Field(default=1, ge=0, le=10)
    """Earlier ISO years whose calendar items an import keeps besides the plan year (for year-on-year)."""


class Seasonality(Strict):
    """`[calendar.seasonality]`: weight per month, 1.0 unless given."""

    jan: NonNegative = 1.0
    feb: NonNegative = 1.0
    mar: NonNegative = 1.0
    apr: NonNegative = 1.0
    may: NonNegative = 1.0
    jun: NonNegative = 1.0
    jul: NonNegative = 1.0
    aug: NonNegative = 1.0
    sep: NonNegative = 1.0
    oct: NonNegative = 1.0
    nov: NonNegative = 1.0
    dec: NonNegative = 1.0

    def weight(self, month: int) -> float:
        """Weight of month 1..12."""
        value: float = getattr(self, MONTHS[month - 1])
        return value


class Event(Strict):
    """`[[calendar.events]]`: a special event that multiplies the weight of its weeks."""

    name: str
    """What the event is (a trade fair, a campaign); shown where a week's weight is explained."""
    weeks: list[Annotated[int, Field(ge=1, le=53)]]
    """ISO week numbers of the plan year."""
    factor: NonNegative
    """Multiplier of the weeks' weight (1.5 = half again as much work)."""


class CalendarSettings(Strict):
    """`[calendar]`: the working year."""

    days_per_week: int = Field(default=5, ge=1, le=7)
    """Working days are the first `days_per_week` days of an ISO week, Monday first."""
    closed_weeks: list[Annotated[int, Field(ge=1, le=53)]] = []
    """ISO weeks with no customer work at all."""
    holidays: list[date] = []
    """Single days off for everyone; a holiday on a working day lowers that week's capacity."""
    seasonality: Seasonality = Seasonality()
    """Weight per month; a week belongs to the month of its Thursday."""
    events: list[Event] = []
    """Special events that multiply the weight of their weeks."""


class Norms(Strict):
    """`[norms]`: the organisation's weekly client-appointment norm."""

    appointments_per_week: NonNegative = 0.0
    """Visits per FTE per week; the annual visit requirement never falls below it."""
    hunter_factor: float = Field(default=0.5, ge=0, le=0.5)
    """Hunters' norm is `appointments_per_week × hunter_factor` (at most half)."""
    video_counts_as_visit: bool = False
    """Count video calls towards the visit norm."""


class Activity(Strict):
    """`[[activities]]`: a kind of customer interaction the plan counts."""

    id: Id
    """The activity's short name, used in rules, minimums and channels (`visit`)."""
    label: str
    """How the activity is shown."""
    funnel_stage: FunnelStage | None = None
    """Funnel stage this activity counts; defaults to the id when the id is a stage.
    A staffing business sets `funnel_stage = "order"` on `placement`."""

    @property
    def stage(self) -> FunnelStage | None:
        if self.funnel_stage is not None:
            return self.funnel_stage
        return self.id if self.id in FUNNEL_STAGES else None


DEFAULT_ACTIVITIES: tuple[Activity, ...] = (
    Activity(id="call", label="Call"),
    Activity(id="visit", label="Visit"),
    Activity(id="video", label="Video"),
    Activity(id="offer", label="Offer"),
    Activity(id="request", label="Request"),
    Activity(id="order", label="Order"),
)


class Funnel(Strict):
    """`[funnel]`: the organisation's conversion rates, used to reason back from revenue."""

    average_order_value: float = Field(gt=0)
    """Revenue of an average order, in the plan's currency."""
    offers_per_order: NonNegative = 0.0
    """Offers made for each order won."""
    requests_per_offer: NonNegative = 0.0
    """Customer requests for each offer made."""
    visits_per_request: NonNegative = 0.0
    """Visits for each customer request."""
    calls_per_visit: NonNegative = 0.0
    """Calls for each visit."""


class Segment(Strict):
    """`[[segments]]`: a group of accounts with one contact pattern."""

    id: Id
    """Short name used in portfolios (`key`); letters, digits, - _ ."""
    name: str
    """How the segment is shown."""
    kind: SegmentKind = "existing"
    """`existing` (farming) or `new` (hunting/prospects)."""
    priority: int = Field(default=1, ge=1)
    """Rank of the customer group, 1 first (plan checklist question 3)."""
    contacts_per_account: NonNegative = 1.0
    """Contact persons per account."""
    contacts_per_year: NonNegative = 0.0
    """How often each contact person is met per year."""
    offers_per_account: NonNegative | None = None
    """Offers per account per year."""
    channels: dict[str, NonNegative] = {}
    """Share of contacts per activity (visit, call, video…); the shares sum to 1."""


class Product(Strict):
    """`[[products]]`: a priority product and its share of the target."""

    id: Id
    """Short name of the product; letters, digits, - _ ."""
    name: str
    """How the product is shown."""
    priority: int = Field(default=1, ge=1)
    """Rank of the product, 1 first (plan checklist question 1)."""
    revenue_target: NonNegative = 0.0
    """The product's revenue target for the year, in the plan's currency."""


class Costs(Strict):
    """`[costs]`: the allowed cost of sales."""

    sales_budget: NonNegative = 0.0
    """The year's cost of sales, in the plan's currency."""
    own_share: Share = 1.0
    """Share spent by the sales team itself; the rest by sales support."""


class Team(Strict):
    """`[[teams]]`: a team; a team with children is a division."""

    id: Id
    """Short name of the team, used by people, vacancies and child teams; letters, digits, - _ ."""
    name: str
    """How the team is shown."""
    parent: Id | None = None
    """The division (another team's id) this team belongs to; empty for a top-level team."""


class Absence(Strict):
    """A period away (holiday, long-term sick), both days inclusive."""

    from_: date = Field(alias="from")
    """First day away."""
    to: date
    """Last day away (inclusive)."""
    reason: str = ""
    """Why (holiday, long-term sick, course); shown only to those who read the plan."""


class Person(Strict):
    """`[[people]]`: one account manager and their field of play."""

    id: Id
    """Short name of the person, used for calendar files (`imports/<id>/`); letters, digits, - _ ."""
    name: str
    """Full name, as shown."""
    email: str | None = None
    """E-mail address; calendar files and orders are matched to the person by it."""
    team: Id
    """The team (id) the person belongs to."""
    fte: float = Field(default=1.0, gt=0, le=2)
    """Working time as a share of a full-time job (0.8 = four days of five)."""
    fop: Fop = "farmer"
    """Field of play: farmer (existing customers), hunter (new) or mixed."""
    hunting_share: Share = 0.0
    """For `mixed`: share of effort spent on new business."""
    revenue_target: NonNegative = 0.0
    """The person's revenue target for the year, in the plan's currency; the funnel reasons back from it."""
    start: date | None = None
    """First working day in the plan year, when the person joins during it."""
    end: date | None = None
    """Last working day, when the person leaves during the year."""
    absences: list[Absence] = []
    """Periods away (holiday, long-term sick), both days inclusive: no capacity then."""
    portfolio: dict[str, NonNegative] = {}
    """Accounts held per segment id."""
    minimums: dict[str, NonNegative] = {}
    """Self-set weekly minimums per activity (at full capacity)."""
    growth: str = ""
    """Growth and development goal for the year."""


class Vacancy(Strict):
    """`[[vacancies]]`: a budgeted seat with nobody in it."""

    team: Id
    """The team (id) the seat is budgeted in."""
    fte: float = Field(default=1.0, gt=0, le=2)
    """Working time of the seat as a share of a full-time job."""
    portfolio: dict[str, NonNegative] = {}
    """Accounts per segment id that the seat would hold (its work shows as uncovered)."""


class MonitorSettings(Strict):
    """`[monitor]` (optional): status bands and signal thresholds.

    The defaults are the values of the method (docs/method.md), so a plan without this section behaves as described.
    """

    on_track: float = Field(default=1.0, gt=0)
    """Attainment from which a person is on track."""
    behind: float = Field(default=0.8, ge=0)
    """Attainment from which a person is behind (below it: at risk)."""
    needs_help_attainment: float = Field(default=0.8, ge=0)
    """Visit attainment below which a person needs help."""
    needs_help_index: float = Field(default=125.0, gt=0)
    """Visits-per-order index above which a person needs help converting."""
    remarkable_attainment: float = Field(default=1.10, ge=0)
    """Visit attainment from which a person's results are remarkable (with a low index)."""
    remarkable_index: float = Field(default=90.0, gt=0)
    """Visits-per-order index below which a person's conversion is remarkable."""
    target_too_low_attainment: float = Field(default=0.8, ge=0)
    """Visit attainment below which, with revenue on target, the revenue target may ask too little."""
    forecast_min_orders: int = Field(default=5, ge=0)
    """From this many orders a person's own conversion drives their forecast."""
    stale_after_days: int = Field(default=14, ge=1, le=366)
    """Days after which a person's newest calendar data is stale (their export should be asked for again)."""
    quiet_after_weeks: int = Field(default=6, ge=1, le=53)
    """Weeks without a contact after which an account of accounts.csv has gone quiet."""


DEFAULT_MONITOR = MonitorSettings()


class Reviews(Strict):
    """`[reviews]`: plan review dates, exported as calendar invitations."""

    dates: list[date] = []
    """Days of the plan reviews, exported as calendar invitations (imm reviews)."""


class Plan(Strict):
    """The whole of `plan.toml`."""

    plan: PlanInfo
    calendar: CalendarSettings = CalendarSettings()
    norms: Norms = Norms()
    activities: list[Activity] = Field(default_factory=lambda: list(DEFAULT_ACTIVITIES))
    funnel: Funnel | None = None
    segments: list[Segment] = []
    products: list[Product] = []
    costs: Costs | None = None
    teams: list[Team] = []
    people: list[Person] = []
    vacancies: list[Vacancy] = []
    reviews: Reviews = Reviews()
    monitor: MonitorSettings = MonitorSettings()

    @property
    def activity_ids(self) -> list[str]:
        return [a.id for a in self.activities]
