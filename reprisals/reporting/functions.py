"""The analysis functions by the names the command line and the API give
them, each run over a scope of cases (reporting.scope)."""

from reprisals.reporting import analysis
from reprisals.reporting.compare import compare, published_aggregates

PUBLIC_DIMENSIONS = ("act_type", "mechanism", "perpetrator_type")
FUNCTIONS = (
    "cases-per-year",
    "ranking",
    "reports-citing",
    "follow-up-rate",
    "persistence",
    "distributions",
    "patterns",
    "published",
)


def run(name, cases, *, public=False, state=None, first=None, last=None,
        by=analysis.Measure.CASES_FIRST_REPORTED, min_reports=analysis.PERSISTENT):  # fmt: skip
    """Rows of reporting.figures (or reporting.compare.Comparison).

    `public` marks the public variant: `cases` must then be the public ones,
    and distributions leave out gender, which no public page shows.
    Raises analysis.PeriodError for a period that ends before it starts.
    """
    period = {"state": state, "first": first, "last": last}
    if name == "cases-per-year":
        return analysis.cases_per_year(cases, **period)
    if name == "ranking":
        return analysis.ranking(cases, by=by, **period)
    if name == "reports-citing":
        return analysis.reports_citing(cases, **period)
    if name == "follow-up-rate":
        return analysis.follow_up_rate(cases, **period)
    if name == "persistence":
        return analysis.persistence(cases, min_reports=min_reports, **period)
    if name == "distributions":
        dimensions = PUBLIC_DIMENSIONS if public else analysis.DIMENSIONS
        return analysis.distributions(cases, dimensions=dimensions, **period)
    if name == "patterns":
        return analysis.pattern_designations(**period)
    if name == "published":
        return compare(cases, published_aggregates(**period))
    raise ValueError(f"No analysis function {name!r}: choose one of {', '.join(FUNCTIONS)}.")
