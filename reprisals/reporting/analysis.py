"""The figures analysts compute by hand, computed from the records: each
function takes the cases it may count (a Case queryset: a staff member's
teams' cases, or the public ones — reporting.scope) and returns rows of
reporting.figures, every figure with the codes of the cases it was computed
from.

Years are the years of the reports (reporting cycles), one report a year.
Without `first`/`last`, a period runs from the first to the last report on
record. Definitions:

- a case is *first reported* in the year of its earliest mention, whatever
  its kind; listed again as new later (re-listed, or under another symbol),
  it still counts once, in that first year;
- a *mention* is a case listed in one report: it counts once per report;
- the *follow-up rate* of a period is the share of the cases first reported
  in it that have at least one follow-up mention up to the end of the
  period (so a past period's figure does not move when a later report is
  recorded), rounded half up to a whole percent;
- rankings are standard competition rankings ("1224"): tied States share a
  rank, and the next rank skips the places they fill.
"""

from collections import defaultdict
from dataclasses import dataclass

from reprisals.cases import vocab as case_vocab
from reprisals.cases.models import Act, CaseSubject, Engagement
from reprisals.reference.models import State
from reprisals.register.public import public_names
from reprisals.reporting.figures import (
    CitingRow,
    DistributionRow,
    MentionRef,
    PatternRow,
    PersistentCase,
    RankRow,
    RateRow,
    Ratio,
    Tally,
    YearRow,
)
from reprisals.reporting.models import PatternDesignation, ReportingCycle, ReportMention
from reprisals.reporting.vocab import Measure, MentionKind

NEW, FOLLOW_UP = MentionKind.NEW.value, MentionKind.FOLLOW_UP.value
RANK_BY = (
    Measure.CASES_FIRST_REPORTED.value,
    Measure.NEW_CASES.value,
    Measure.FOLLOW_UP_CASES.value,
    Measure.MENTIONS.value,
)
DIMENSIONS = ("act_type", "mechanism", "perpetrator_type", "gender")
PERSISTENT = 4  # reports, at least


class PeriodError(ValueError):
    """A period that ends before it starts."""


@dataclass(frozen=True)
class _Mention:
    case: str
    state: str
    year: int
    kind: str

    def ref(self):
        return MentionRef(self.case, self.year, self.kind)


class Ledger:
    """The report mentions of a set of cases, read once (one query) and
    grouped by State; the functions count from it."""

    def __init__(self, cases, state=None):
        mentions = ReportMention.objects.filter(case__in=cases)
        if state:
            mentions = mentions.filter(case__state__iso3=state)
        fields = ("case__code", "case__state__iso3", "cycle__year", "kind")
        self.mentions = [_Mention(*row) for row in mentions.values_list(*fields)]
        self.by_state = defaultdict(list)  # ISO code -> its mentions
        self.first_year, self.state_of = {}, {}
        for m in self.mentions:
            self.by_state[m.state].append(m)
            self.first_year[m.case] = min(m.year, self.first_year.get(m.case, m.year))
            self.state_of[m.case] = m.state
        self.cycles = dict(ReportingCycle.objects.values_list("year", "symbol"))

    def period(self, first=None, last=None):
        """(first, last): the years asked, else those of the first and last
        report on record; None when there is neither."""
        if first is not None and last is not None and first > last:
            raise PeriodError(f"The period ends ({last}) before it starts ({first}).")
        known = sorted(self.cycles)
        first = first if first is not None else min(known, default=last)
        last = last if last is not None else max(known, default=first)
        return None if first is None or last is None else (first, last)

    def within(self, period, state=None):
        first, last = period
        mentions = self.mentions if state is None else self.by_state.get(state, ())
        return [m for m in mentions if first <= m.year <= last]

    def first_reported(self, period, state=None):
        first, last = period
        mentions = self.mentions if state is None else self.by_state.get(state, ())
        return {m.case for m in mentions if first <= self.first_year[m.case] <= last}

    def states(self, period, state=None):
        """The State asked, or every State with a mention in the period."""
        return [state] if state else sorted({m.state for m in self.within(period)})

    def reports(self, period):
        return [year for year in sorted(self.cycles) if period[0] <= year <= period[1]]


def state_names(codes):
    names = {state.iso3: state.name for state in State.objects.filter(iso3__in=set(codes))}
    return {code: names.get(code, "") for code in codes}


def tally(ledger, measure, period, state=None):
    """Cases first reported, listed new, listed for follow-up, or mentions,
    in the period, for one State or (None) all together."""
    if measure == Measure.CASES_FIRST_REPORTED:
        return Tally.of_cases(ledger.first_reported(period, state))
    mentions = ledger.within(period, state)
    if measure == Measure.MENTIONS:
        return Tally.of_mentions(m.ref() for m in mentions)
    kind = {Measure.NEW_CASES: NEW, Measure.FOLLOW_UP_CASES: FOLLOW_UP}[measure]
    return Tally.of_cases(m.case for m in mentions if m.kind == kind)


def cases_per_year(cases, *, state=None, first=None, last=None):
    """Per State and year of the period, years without anything included:
    distinct cases first reported, cases listed new and for follow-up, and
    mentions. Every State with a mention in the period, or the one asked
    (with zeros if it has none)."""
    ledger = Ledger(cases, state)
    period = ledger.period(first, last)
    if period is None:
        return []
    codes = ledger.states(period, state)
    names = state_names(codes)
    rows = []
    for iso3 in codes:
        for year in range(period[0], period[1] + 1):
            one = (year, year)
            rows.append(
                YearRow(
                    state=iso3, state_name=names[iso3], year=year,
                    report=year in ledger.cycles, symbol=ledger.cycles.get(year, ""),
                    first_reported=tally(ledger, Measure.CASES_FIRST_REPORTED, one, iso3),
                    new=tally(ledger, Measure.NEW_CASES, one, iso3),
                    follow_up=tally(ledger, Measure.FOLLOW_UP_CASES, one, iso3),
                    mentions=tally(ledger, Measure.MENTIONS, one, iso3),
                )
            )  # fmt: skip
    return rows


def ranks(ledger, period, by):
    """{ISO code: (rank, tally)} of the States with something to count."""
    tallies = {iso3: tally(ledger, by, period, iso3) for iso3 in ledger.states(period)}
    counted = {iso3: t for iso3, t in tallies.items() if t.n}
    return {
        iso3: (1 + sum(other.n > t.n for other in counted.values()), t)
        for iso3, t in counted.items()
    }


def ranking(cases, *, first=None, last=None, by=Measure.CASES_FIRST_REPORTED, state=None):
    """States ranked by `by` (one of RANK_BY) over the period, most first,
    in standard competition ranking: two States tied second are both 2 and
    the next is 4. Ties are listed by ISO code. States with nothing to count
    are not ranked; the State asked about (`state`) then has rank None."""
    if by not in RANK_BY:
        raise ValueError(f"Rank by one of {', '.join(RANK_BY)}.")
    ledger = Ledger(cases)
    period = ledger.period(first, last)
    ranked = ranks(ledger, period, by) if period else {}
    order = sorted(ranked, key=lambda iso3: (ranked[iso3][0], iso3))
    if state:
        order = [state]
    names = state_names(order)
    rows = []
    for iso3 in order:
        rank, value = ranked.get(iso3, (None, Tally(0)))
        rows.append(RankRow(rank=rank, state=iso3, state_name=names[iso3], value=value))
    return rows


def reports_citing(cases, *, state=None, first=None, last=None):
    """Per State: the reports of the period that list at least one of its
    cases, out of all the reports of the period."""
    ledger = Ledger(cases, state)
    period = ledger.period(first, last)
    if period is None:
        return []
    reports = ledger.reports(period)
    codes = ledger.states(period, state)
    names = state_names(codes)
    rows = []
    for iso3 in codes:
        mentions = ledger.within(period, iso3)
        citing = sorted({m.year for m in mentions})
        rows.append(
            CitingRow(
                state=iso3, state_name=names[iso3],
                reports=Ratio.of(len(citing), len(reports)), citing=tuple(citing),
                not_citing=tuple(year for year in reports if year not in citing),
                cases=tuple(sorted({m.case for m in mentions})),
            )
        )  # fmt: skip
    return rows


def followed_up(ledger, period, state=None):
    """(first reported in the period, those with a follow-up mention by its end)."""
    cohort = ledger.first_reported(period, state)
    mentions = ledger.mentions if state is None else ledger.by_state.get(state, ())
    followed = {
        m.case for m in mentions if m.kind == FOLLOW_UP and m.year <= period[1] and m.case in cohort
    }
    return cohort, followed


def follow_up_rate(cases, *, state=None, first=None, last=None):
    """Per State with a case first reported in the period (or the one asked):
    cases with at least one follow-up mention up to the end of the period ÷
    cases first reported in the period, rounded half up (15 of 19 → 79 %)."""
    ledger = Ledger(cases, state)
    period = ledger.period(first, last)
    if period is None:
        return []
    reported = ledger.first_reported(period)
    codes = [state] if state else sorted({ledger.state_of[case] for case in reported})
    names = state_names(codes)
    rows = []
    for iso3 in codes:
        cohort, followed = followed_up(ledger, period, iso3)
        rows.append(
            RateRow(
                state=iso3, state_name=names[iso3], rate=Ratio.of(len(followed), len(cohort)),
                followed=tuple(sorted(followed)), not_followed=tuple(sorted(cohort - followed)),
            )
        )  # fmt: skip
    return rows


def persistent_cases(ledger, period, state=None, min_reports=PERSISTENT):
    """{case code: years of the reports of the period that list it}, for the
    cases listed in at least `min_reports` of them."""
    years = defaultdict(set)
    for m in ledger.within(period, state):
        years[m.case].add(m.year)
    return {case: ys for case, ys in years.items() if len(ys) >= min_reports}


def persistence(cases, *, state=None, first=None, last=None, min_reports=PERSISTENT):
    """The cases listed in at least `min_reports` (four) reports of the
    period, most-listed first."""
    ledger = Ledger(cases, state)
    period = ledger.period(first, last)
    if period is None:
        return []
    found = persistent_cases(ledger, period, state, min_reports)
    names = state_names({ledger.state_of[case] for case in found})
    rows = [
        PersistentCase(
            case=case, state=ledger.state_of[case], state_name=names[ledger.state_of[case]],
            reports=len(years), years=tuple(sorted(years)),
        )
        for case, years in found.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda row: (-row.reports, row.case))


def distributions(cases, *, state=None, first=None, last=None, dimensions=DIMENSIONS):
    """How the cases are distributed by act type, mechanism engaged,
    perpetrator type and gender of the people concerned.

    Over the cases given (of the State asked), opened — Case.opened_on — in
    the years first…last when given: unlike the functions above, this counts
    cases whether or not a report lists them. A case counts once per value
    (two detentions: one case under arbitrary detention); for gender, `n`
    counts people (organisations have none) and `cases` lists their cases.
    """
    chosen = cases.filter(state__iso3=state) if state else cases
    if first is not None and last is not None and first > last:
        raise PeriodError(f"The period ends ({last}) before it starts ({first}).")
    if first is not None:
        chosen = chosen.filter(opened_on__gte=f"{first:04d}")  # text order is date order
    if last is not None:
        chosen = chosen.filter(opened_on__lt=f"{last + 1:04d}")
    rows = []
    for dimension in dimensions:
        counted = defaultdict(set)  # (value, label) -> {(counted key, case code)}
        for value, label, key, code in _values(dimension, chosen):
            counted[(value, label)].add((key, code))
        for (value, label), pairs in counted.items():
            codes = Tally.of_cases(code for _, code in pairs).cases
            count = Tally(len({key for key, _ in pairs}), codes)
            rows.append(DistributionRow(dimension, value, str(label), count))
    order = {dimension: i for i, dimension in enumerate(DIMENSIONS)}
    return sorted(rows, key=lambda row: (order[row.dimension], -row.count.n, row.value))


def _values(dimension, cases):
    """(value, label, what is counted, case code) for one dimension."""
    if dimension == "mechanism":
        engagements = list(Engagement.objects.filter(case__in=cases).values_list(
            "mechanism__key", "mechanism__name", "case__code"))  # fmt: skip
        # Shared names are screened like public texts: analysts see no identity.
        shown = public_names({name for _, name, _ in engagements})
        for key, name, code in engagements:
            yield key, shown[name], code, code
    elif dimension == "gender":
        labels = dict(case_vocab.Gender.choices)
        people = CaseSubject.objects.filter(case__in=cases, person__isnull=False)
        for gender, person, code in people.values_list("person__gender", "person_id",
                                                       "case__code"):  # fmt: skip
            yield gender, labels.get(gender, gender), person, code
    else:
        field = {"act_type": "type", "perpetrator_type": "perpetrator_type"}[dimension]
        labels = dict(Act._meta.get_field(field).choices)
        for value, code in Act.objects.filter(case__in=cases).values_list(field, "case__code"):
            yield value, labels.get(value, value), code, code


def pattern_designations(*, state=None, first=None, last=None):
    """Per report of the period, the States it designates as showing patterns
    of reprisals (all States, or only the one asked). A report with none on
    record has an empty row: none designated, or none recorded yet."""
    if first is not None and last is not None and first > last:
        raise PeriodError(f"The period ends ({last}) before it starts ({first}).")
    cycles = ReportingCycle.objects.order_by("year")
    if first is not None:
        cycles = cycles.filter(year__gte=first)
    if last is not None:
        cycles = cycles.filter(year__lte=last)
    designations = PatternDesignation.objects.filter(cycle__in=cycles)
    if state:
        designations = designations.filter(state__iso3=state)
    found = defaultdict(list)
    for year, iso3, source in designations.values_list("cycle__year", "state__iso3", "source"):
        found[year].append((iso3, source))
    rows = []
    for year, symbol in cycles.values_list("year", "symbol"):
        states = tuple(sorted(iso3 for iso3, _ in found[year]))
        sources = tuple(sorted({source for _, source in found[year]}))
        rows.append(PatternRow(year, symbol, states, len(states), sources))
    return rows
