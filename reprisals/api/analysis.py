"""The analysis functions (reprisals.reporting) over the API, twice:

- `/analysis/…`, public: counts only the cases the publication rule makes
  public at the moment of the request (reporting.scope.public_cases), and
  gives no distribution by gender, which no public page shows;
- `/staff/analysis/…`, behind a token, for every role (analysts included):
  the cases of the token owner's teams.

Every figure lists the codes of the cases it was computed from. Published
figures, reporting cycles and pattern designations are public as published.
"""

from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from reprisals.api.auth import TokenAuth
from reprisals.api.errors import ErrorOut
from reprisals.api.params import ISO3_PATTERN, optional
from reprisals.api.staff import require
from reprisals.reporting import scope
from reprisals.reporting.analysis import PERSISTENT, RANK_BY, PeriodError
from reprisals.reporting.figures import as_data
from reprisals.reporting.functions import run

public_router = Router(tags=["analysis"])
staff_router = Router(tags=["staff"], auth=TokenAuth())
PUBLIC_ERRORS = {422: ErrorOut, 500: ErrorOut}
STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut, **PUBLIC_ERRORS}


# -- parameters -----------------------------------------------------------------


class PeriodFilters(Schema):
    state: str = optional("State concerned (ISO 3166-1 alpha-3).", pattern=ISO3_PATTERN)
    first: int = optional("First year, e.g. 2010.", alias="from", ge=1900, le=2100)
    last: int = optional("Last year, e.g. 2020.", alias="to", ge=1900, le=2100)


class RankingFilters(PeriodFilters):
    by: Literal[RANK_BY] = Field(RANK_BY[0], description="What to rank by.")


class PersistenceFilters(PeriodFilters):
    min_reports: int = Field(PERSISTENT, ge=1, le=100, description="Reports, at least.")


# -- figures --------------------------------------------------------------------


class MentionOut(Schema):
    case: str
    year: int
    kind: str


class TallyOut(Schema):
    n: int
    cases: list[str] = Field(description="Codes of the cases counted.")
    mentions: list[MentionOut] = Field(description="For counts of mentions: each mention.")


class RatioOut(Schema):
    numerator: int
    denominator: int
    percent: int | None = Field(description="Rounded half up; none when nothing to divide by.")


class YearOut(Schema):
    state: str
    state_name: str
    year: int
    report: bool = Field(description="Whether a report of this year is on record.")
    symbol: str
    first_reported: TallyOut = Field(description="Distinct cases first reported this year.")
    new: TallyOut = Field(description="Cases listed as new (annex I).")
    follow_up: TallyOut = Field(description="Cases listed for follow-up (annex II).")
    mentions: TallyOut


class RankOut(Schema):
    rank: int | None = Field(description="Competition ranking (1, 2, 2, 4); none: not ranked.")
    state: str
    state_name: str
    value: TallyOut


class CitingOut(Schema):
    state: str
    state_name: str
    reports: RatioOut = Field(description="Reports citing the State, of the period's reports.")
    citing: list[int]
    not_citing: list[int]
    cases: list[str]


class RateOut(Schema):
    state: str
    state_name: str
    rate: RatioOut = Field(description="Followed up ÷ first reported in the period.")
    followed: list[str]
    not_followed: list[str]


class PersistentOut(Schema):
    case: str
    state: str
    state_name: str
    reports: int
    years: list[int]


class DistributionOut(Schema):
    dimension: str
    value: str
    label: str
    count: TallyOut


class PatternOut(Schema):
    year: int
    symbol: str
    states: list[str]
    n: int
    sources: list[str]


class FigureOut(Schema):
    value: int | float | None
    numerator: int | None
    denominator: int | None
    percent: int | float | None
    cases: list[str]
    reports: list[int]
    states: list[str]


class ComparisonOut(Schema):
    id: int
    statement: str
    measure: str
    state: str = Field(description="Empty for all States together.")
    first: int | None
    last: int | None
    cycle: int | None
    published: FigureOut
    computed: FigureOut | None = Field(description="None: the records cannot give it.")
    status: str = Field(description="match, mismatch or not_computable.")
    published_by: str
    source: str
    note: str


def rows_of(item, name):
    """The response of one function: its scope and its rows."""
    annotations = {"scope": str, "rows": list[item]}
    return type(name, (Schema,), {"__annotations__": annotations, "__module__": __name__})


FUNCTIONS = {  # name: (rows, filters, summary)
    "cases-per-year": (YearOut, PeriodFilters, "Cases per State per year"),
    "ranking": (RankOut, RankingFilters, "Ranking of States"),
    "reports-citing": (CitingOut, PeriodFilters, "Reports citing each State"),
    "follow-up-rate": (RateOut, PeriodFilters, "Follow-up rate per State"),
    "persistence": (PersistentOut, PersistenceFilters, "Cases in four or more reports"),
    "distributions": (DistributionOut, PeriodFilters, "Distributions of cases"),
    "patterns": (PatternOut, PeriodFilters, "Pattern designations per report"),
    "published": (ComparisonOut, PeriodFilters, "Published figures beside computed ones"),
}


# -- operations -----------------------------------------------------------------


def figures(name, cases, filters, *, public):
    """The rows of one function. A code that no State has counts like a State
    with no case, and a period that ends before it starts holds nothing: both
    are valid requests with an empty answer, not errors."""
    options = filters.dict(exclude={"state", "first", "last"})
    try:
        rows = run(name, cases, public=public, state=filters.state, first=filters.first,
                   last=filters.last, **options)  # fmt: skip
    except PeriodError:
        rows = []
    return {"scope": "public" if public else "staff", "rows": as_data(rows)}


def _public(name, filters_class):
    def endpoint(request, filters: Query[filters_class]):
        return figures(name, scope.public_cases(timezone.now()), filters, public=True)

    return endpoint


def _staff(name, filters_class):
    def endpoint(request, filters: Query[filters_class]):
        require(request.auth, "cases.view_statistics")
        return figures(name, scope.staff_cases(request.auth), filters, public=False)

    return endpoint


for _name, (_item, _filters, _summary) in FUNCTIONS.items():
    _identifier = _name.replace("-", "_")
    _rows = rows_of(_item, f"{_item.__name__.removesuffix('Out')}Rows")
    public_router.add_api_operation(
        f"/{_name}", ["GET"], _public(_name, _filters), response={200: _rows, **PUBLIC_ERRORS},
        operation_id=f"get_public_{_identifier}", summary=f"{_summary} (public cases)",
        description="Counts only the cases the public may see now.",
    )  # fmt: skip
    staff_router.add_api_operation(
        f"/{_name}", ["GET"], _staff(_name, _filters), response={200: _rows, **STAFF_ERRORS},
        operation_id=f"get_staff_{_identifier}", summary=f"{_summary} (my teams' cases)",
        description="Counts the cases of your teams; every role, analysts included.",
    )  # fmt: skip
