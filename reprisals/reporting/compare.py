"""Published figures beside the figures the records give: every
PublishedAggregate is computed again from the cases in scope and marked
`match`, `mismatch` or `not_computable` — a mismatch is shown, never hidden.
"""

from dataclasses import dataclass
from decimal import Decimal

from reprisals.reporting.analysis import (
    RANK_BY,
    Ledger,
    PeriodError,
    followed_up,
    persistent_cases,
    ranks,
    tally,
)
from reprisals.reporting.figures import Ratio
from reprisals.reporting.models import PatternDesignation, PublishedAggregate
from reprisals.reporting.vocab import RATIO_MEASURES, Measure

MATCH, MISMATCH, NOT_COMPUTABLE = "match", "mismatch", "not_computable"


@dataclass(frozen=True)
class Figure:
    """A figure, stated or computed. For a ratio, `numerator`/`denominator`
    (and `percent`, when stated); otherwise `value`. `cases`, `reports` and
    `states` are the records a computed figure comes from (case codes, years
    of reports, ISO codes of States)."""

    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    cases: tuple[str, ...] = ()
    reports: tuple[int, ...] = ()
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    id: int
    statement: str
    measure: str
    state: str  # "" for all States together
    first: int | None
    last: int | None
    cycle: int | None  # year of the report, when the figure is about one
    published: Figure
    computed: Figure | None  # None: the records cannot give this figure
    status: str  # match, mismatch or not_computable
    published_by: str
    source: str
    note: str


def published_aggregates(*, state=None, first=None, last=None):
    """Published figures about the State asked (or all), whose years lie
    within first…last when given."""
    if first is not None and last is not None and first > last:
        raise PeriodError(f"The period ends ({last}) before it starts ({first}).")
    found = PublishedAggregate.objects.select_related("state", "cycle")
    if state:
        found = found.filter(state__iso3=state)
    return [
        aggregate
        for aggregate in found
        if (first is None or aggregate.years[0] >= first)
        and (last is None or aggregate.years[1] <= last)
    ]


def compare(cases, aggregates):
    """A Comparison for each aggregate, computed from `cases`."""
    ledger = Ledger(cases)
    return [_comparison(aggregate, _computed(aggregate, ledger)) for aggregate in aggregates]


def _comparison(aggregate, computed):
    first, last = aggregate.years
    ratio = aggregate.measure in RATIO_MEASURES
    published = Figure(
        value=None if ratio else aggregate.value,
        numerator=aggregate.numerator,
        denominator=aggregate.denominator,
        percent=aggregate.value if ratio else None,
    )
    return Comparison(
        id=aggregate.pk, statement=aggregate.statement, measure=aggregate.measure,
        state=aggregate.state.iso3 if aggregate.state_id else "", first=first, last=last,
        cycle=aggregate.cycle.year if aggregate.cycle_id else None, published=published,
        computed=computed, status=_status(published, computed, ratio),
        published_by=aggregate.published_by, source=aggregate.source, note=aggregate.note,
    )  # fmt: skip


def _status(published, computed, ratio):
    if computed is None:
        return NOT_COMPUTABLE
    if ratio:
        same = (published.numerator, published.denominator) == (
            computed.numerator,
            computed.denominator,
        )
        same = same and (published.percent is None or published.percent == computed.percent)
    else:
        same = published.value is not None and published.value == computed.value
    return MATCH if same else MISMATCH


def _computed(aggregate, ledger):
    """The figure the records give for the aggregate's measure, State and
    years; None when they cannot give it."""
    first, last = aggregate.years
    if first is None or last is None:
        return None
    period, measure = (first, last), aggregate.measure
    state = aggregate.state.iso3 if aggregate.state_id else None
    if measure in RANK_BY:
        counted = tally(ledger, measure, period, state)
        return Figure(value=Decimal(counted.n), cases=counted.cases)
    if measure in (Measure.RANK, Measure.RANK_FOLLOW_UP):
        if not state:
            return None
        by = Measure.CASES_FIRST_REPORTED if measure == Measure.RANK else Measure.FOLLOW_UP_CASES
        rank, counted = ranks(ledger, period, by).get(state, (None, None))
        return Figure(value=None if rank is None else Decimal(rank),
                      cases=counted.cases if counted else ())  # fmt: skip
    if measure == Measure.REPORTS_CITING:
        mentions = ledger.within(period, state)
        citing = sorted({m.year for m in mentions})
        return _ratio(len(citing), len(ledger.reports(period)),
                      cases={m.case for m in mentions}, reports=citing)  # fmt: skip
    if measure == Measure.FOLLOW_UP_RATE:
        cohort, followed = followed_up(ledger, period, state)
        return _ratio(len(followed), len(cohort), cases=cohort)
    if measure == Measure.PERSISTENT_CASES:
        found = persistent_cases(ledger, period, state)
        return Figure(value=Decimal(len(found)), cases=tuple(sorted(found)))
    if measure == Measure.STATES_CITED:
        mentions = ledger.within(period, state)
        states = sorted({m.state for m in mentions})
        return Figure(value=Decimal(len(states)), states=tuple(states),
                      cases=tuple(sorted({m.case for m in mentions})))  # fmt: skip
    if measure == Measure.PATTERN_DESIGNATION:
        return _designations(period, state)
    return None


def _ratio(numerator, denominator, *, cases=(), reports=()):
    ratio = Ratio.of(numerator, denominator)
    percent = None if ratio.percent is None else Decimal(ratio.percent)
    return Figure(numerator=numerator, denominator=denominator, percent=percent,
                  cases=tuple(sorted(cases)), reports=tuple(reports))  # fmt: skip


def _designations(period, state):
    """For one State, the reports designating it; for all, the designations."""
    found = PatternDesignation.objects.filter(cycle__year__range=period)
    if state:
        found = found.filter(state__iso3=state)
    pairs = sorted(found.values_list("cycle__year", "state__iso3"))
    return Figure(value=Decimal(len(pairs)), reports=tuple(sorted({y for y, _ in pairs})),
                  states=tuple(sorted({s for _, s in pairs})))  # fmt: skip
