"""The documents people publish, built from the records: the annual report's
country-by-country section for a cycle (annex I: new cases, annex II:
follow-up), the oral update for the HRC Presidency, and a State's figures
beside the figures published about it.

Annual report and oral update list and count consented cases only
(reporting.listing). Rendering to HTML, PDF and CSV is reporting.rendering.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from reprisals.diplomacy import charts as diplomacy_charts
from reprisals.lib.dates import bounds
from reprisals.reference.models import State
from reprisals.reporting import analysis, charts, listing, profiles
from reprisals.reporting.compare import compare, published_aggregates
from reprisals.reporting.models import ReportingCycle, ReportMention
from reprisals.reporting.vocab import MentionKind


@dataclass(frozen=True)
class Entry:
    """A case in an annex."""

    case: object  # register.public.PublicCase
    first_reported: int  # year of the first report listing it
    paragraph: str
    listed_under: str  # the symbol it is listed under, when not the cycle's


@dataclass(frozen=True)
class CountrySection:
    iso3: str
    name: str
    new: list  # Entry, annex I
    follow_up: list  # Entry, annex II
    published: list  # compare.Comparison: figures published about the State for this report
    patterns: tuple  # sources of the report's designation of the State; empty: none on record


@dataclass(frozen=True)
class CycleReport:
    cycle: ReportingCycle
    scope: str  # whose cases were counted, in words
    generated_at: datetime.datetime
    countries: list  # CountrySection, by State name
    published: list  # compare.Comparison: figures about all States for this report
    designated: tuple  # ISO codes of the States designated as showing patterns
    charts: list  # charts.Chart

    @property
    def listed(self):
        return sum(len(c.new) + len(c.follow_up) for c in self.countries)


def cycle_report(year, cases, *, scope):
    """The country-by-country section of the report of `year`, from the
    consented cases among `cases`. None when no report of that year is on record."""
    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is None:
        return None
    counted = listing.consented_scope(cases)
    mentions = ReportMention.objects.filter(cycle=cycle, case__in=counted).select_related("case")
    mentions = list(mentions.order_by("case__code"))
    shown = listing.consented(counted.filter(pk__in=[m.case_id for m in mentions]))
    ledger = analysis.Ledger(counted)
    entries = defaultdict(lambda: {MentionKind.NEW: [], MentionKind.FOLLOW_UP: []})
    for mention in mentions:
        case = shown.get(mention.case.code)
        if case is None:
            continue  # consent changed since the search entry was written
        entries[case.state_iso3][mention.kind].append(
            Entry(
                case, ledger.first_year[case.code], mention.paragraph, mention.listed_under_symbol
            )
        )
    figures = compare(counted, published_aggregates(first=year, last=year))
    about = defaultdict(list)
    for figure in figures:
        about[figure.state].append(figure)
    patterns = analysis.pattern_designations(first=year, last=year)[0]
    sources = _designation_sources(cycle)
    codes = set(entries) | (set(about) - {""}) | set(patterns.states)
    names = dict(State.objects.filter(iso3__in=codes).values_list("iso3", "name_en"))
    countries = [
        CountrySection(iso3, names[iso3], entries[iso3][MentionKind.NEW],
                       entries[iso3][MentionKind.FOLLOW_UP], about[iso3], sources.get(iso3, ()))
        for iso3 in sorted(codes, key=lambda code: (names[code], code))
    ]  # fmt: skip
    rows = analysis.cases_per_year(counted, last=year)
    drawn = [
        charts.cases_per_year(rows),
        charts.ranking(analysis.ranking(counted, last=year)),
        charts.follow_up_over_time(rows),
    ]
    return CycleReport(cycle, scope, timezone.now(), countries, about[""], patterns.states, drawn)


def _designation_sources(cycle):
    found = defaultdict(list)
    for iso3, source in cycle.pattern_designations.values_list("state__iso3", "source"):
        found[iso3].append(source)
    return {iso3: tuple(sources) for iso3, sources in found.items()}


@dataclass(frozen=True)
class Happening:
    """Something that happened in a case: an act, a UN action, a letter, a response."""

    date: str  # approximate date
    kind: str  # act, un_action, letter, state_response
    what: str


@dataclass(frozen=True)
class UpdateEntry:
    case: object  # register.public.PublicCase
    happenings: list  # Happening, by date


@dataclass(frozen=True)
class OralUpdate:
    since: datetime.date
    until: datetime.date
    scope: str
    generated_at: datetime.datetime
    states: list  # (ISO code, name, [UpdateEntry]) by State name

    @property
    def listed(self):
        return sum(len(entries) for _, _, entries in self.states)


class NoSessionDate(ValueError):
    """No report on record says when its period ended: give the date."""


def last_session_end():
    """The day after the period covered by the latest report that gives it."""
    cycle = ReportingCycle.objects.exclude(period_end=None).order_by("-year").first()
    if cycle is None:
        raise NoSessionDate("No report on record gives the end of the period it covers: "
                            "give the first day to cover (since).")  # fmt: skip
    return cycle.period_end + datetime.timedelta(days=1)


def oral_update(cases, *, scope, since=None, until=None, now=None):
    """The consented cases among `cases` with something that happened from
    `since` (default: the day after the latest report's period) to `until`
    (default: today): acts, UN actions, public letters and the State's
    responses, per State; the State's response at the session is left blank.
    Raises NoSessionDate."""
    now = now or timezone.now()
    since = since or last_session_end()
    until = until or now.date()
    shown = listing.consented(listing.consented_scope(cases))
    letters = listing.public_letters(list(shown), now)
    by_state = defaultdict(list)
    for code in sorted(shown):
        case = shown[code]
        happened = [h for h in _happenings(case, letters[code]) if _overlaps(h.date, since, until)]
        if happened:
            by_state[case.state_iso3].append(
                UpdateEntry(case, sorted(happened, key=lambda h: h.date))
            )
    names = dict(State.objects.filter(iso3__in=by_state).values_list("iso3", "name_en"))
    states = [(iso3, names[iso3], by_state[iso3])
              for iso3 in sorted(by_state, key=lambda code: (names[code], code))]  # fmt: skip
    return OralUpdate(since, until, scope, now, states)


def _happenings(case, letters):
    for act in case.acts:
        yield Happening(act.date, "act", f"{act.type_label} ({act.perpetrator_label})")
    for action in case.actions:
        by = f", {action.mechanism}" if action.mechanism else ""
        ref = f" {action.reference}" if action.reference else ""
        yield Happening(action.date, "un_action", f"{action.kind_label}{by}{ref}")
    for letter in letters:
        yield Happening(letter.sent_on, "letter",
                        f"{letter.type_label} {letter.reference}".strip())  # fmt: skip
    for label, date in case.responses:
        yield Happening(date, "state_response", label)


def _overlaps(approximate, since, until):
    """Whether an approximate date may fall within since…until."""
    if not approximate:
        return False
    first, last = bounds(approximate)
    return first <= until and last >= since


@dataclass(frozen=True)
class StateReport:
    figures: object  # profiles.StateFigures
    scope: str
    generated_at: datetime.datetime
    charts: list  # charts.Chart


def state_report(iso3, cases, letters, *, scope, public, first=None, last=None, now=None):
    """A State's figures over `cases` and `letters` for the reports of
    first…last, beside the figures published about it, with charts. None for
    an unknown State. Raises analysis.PeriodError."""
    now = now or timezone.now()
    figures = profiles.state_figures(iso3, cases, letters, now=now, public=public, first=first,
                                     last=last)  # fmt: skip
    if figures is None:
        return None
    drawn = [charts.cases_per_year(figures.years), charts.follow_up_over_time(figures.years),
             *diplomacy_charts.of_record(iso3, figures.diplomacy)]  # fmt: skip
    return StateReport(figures, scope, now, drawn)
