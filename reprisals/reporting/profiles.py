"""A State's profile: the figures of reporting.analysis for one State, beside
the figures published about it, each with where it comes from.

One builder for three readers, each with its own scope (reporting.scope):

- the public page /states/<ISO3>/: the cases and letters the publication rule
  makes public now, no gender (`public_profile`);
- the staff page /staff/profiles/<ISO3>/: the user's teams' cases and letters;
- `reprisals report state`: every team's, or the public ones.

A profile holds figures and case codes, never a name.
"""

from dataclasses import dataclass

from django.db.models import Q

from reprisals.cases.models import Case
from reprisals.communications.models import Communication
from reprisals.diplomacy import record
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.vocab import (
    FrameKey,
    MotionClassification,
    SponsorshipClassification,
    VoteOption,
    VoteResult,
)
from reprisals.reference.models import State
from reprisals.register import queries
from reprisals.register.public import reply_counts
from reprisals.reporting import analysis, scope
from reprisals.reporting.compare import compare, published_aggregates
from reprisals.reporting.figures import Ratio
from reprisals.reporting.functions import PUBLIC_DIMENSIONS


@dataclass(frozen=True)
class DiplomaticRecord:
    """A State's public record at the UN, JSON-ready (plain strings)."""

    iso3: str
    frames: list  # [(year, [(frame label, statements with it)])]
    frame_counts: dict  # {year: {frame key: statements with it}}, for the chart
    votes: list  # its votes on the reprisals resolutions and their amendments
    dissociations: list
    sponsorships: list
    voted_in: list  # codes of the bodies where a vote of the State is recorded
    statements: list  # oldest first, each with its frames


@dataclass(frozen=True)
class StateFigures:
    iso3: str
    name: str
    period: tuple[int, int] | None  # years of the reports counted; None: no report on record
    years: list  # analysis.YearRow per year of the period, empty years included
    rank: analysis.RankRow | None  # by distinct cases first reported over the period
    ranked: int  # how many States are ranked
    follow_up: analysis.RateRow | None
    citing: analysis.CitingRow | None
    persistent: list  # analysis.PersistentCase
    distributions: list  # analysis.DistributionRow of the cases opened in `opened`
    opened: tuple | None  # (first, last) years asked; None: every year
    patterns: list  # analysis.PatternRow of the reports designating the State
    published: list  # compare.Comparison of the figures published about it
    replies: Ratio  # letters answered ÷ letters whose reply is due
    diplomacy: DiplomaticRecord | None = None  # votes, dissociations, statements

    @property
    def listed(self):
        """Whether any report of the period lists a case counted here."""
        return any(row.mentions.n for row in self.years)


def diplomatic_record(iso3, public_codes):
    """The State's votes on the reprisals resolutions, its dissociations and
    its statements (a timeline, and frames per year); None when the
    diplomatic record has none of them. All of it is public record, its
    texts naming only the cases in `public_codes` (diplomacy.case_codes)."""
    frame_labels, vote_labels = dict(FrameKey.choices), dict(VoteOption.choices)
    result_labels, kinds = dict(VoteResult.choices), dict(MotionClassification.choices)
    frame_counts = record.frames_by_year(iso3)
    frames = [
        (year, [(str(frame_labels.get(key, key)), n) for key, n in sorted(found.items())])
        for year, found in frame_counts.items()
    ]
    votes = [
        {**row, "date": row["date"] and row["date"].isoformat(),
         "kind": str(kinds.get(row["classification"], row["classification"])),
         "result_label": str(result_labels.get(row["result"], row["result"])),
         "vote_label": row["vote"] and str(vote_labels.get(row["vote"], row["vote"]))}
        for row in record.reprisals_votes(iso3, public_codes)
    ]  # fmt: skip
    dissociations = [
        {**row, "date": row["date"] and row["date"].isoformat()}
        for row in record.dissociations_of(iso3, public_codes)
    ]
    kinds = dict(SponsorshipClassification.choices)
    sponsorships = [{**row, "kind": str(kinds.get(row["classification"], row["classification"]))}
                    for row in record.sponsorships_of(iso3, public_codes)]  # fmt: skip
    statements = record.statements_of(iso3, public_codes)
    voted_in = record.bodies_voted_in(iso3)
    if not (frames or votes or dissociations or sponsorships or statements or voted_in):
        return None
    return DiplomaticRecord(iso3, frames, frame_counts, votes, dissociations, sponsorships,
                            voted_in, statements)  # fmt: skip


def state_figures(iso3, cases, letters, *, now, public, first=None, last=None):
    """The figures of one State over `cases` and `letters` (querysets of one
    scope), for the reports of first…last (default: every report on record).
    None for an unknown State. Raises analysis.PeriodError."""
    state = State.objects.filter(iso3=iso3).first()
    if state is None:
        return None
    period = analysis.Ledger(Case.objects.none()).period(first, last)
    span = {"first": period[0], "last": period[1]} if period else {}
    ranking = analysis.ranking(cases, **span) if period else []
    dimensions = PUBLIC_DIMENSIONS if public else analysis.DIMENSIONS
    if first is not None or last is not None:
        letters = letters.filter(_sent_within(first, last))
    replied, due = reply_counts(letters.filter(addressee=state), now)
    return StateFigures(
        iso3=iso3, name=state.name, period=period,
        years=analysis.cases_per_year(cases, state=iso3, **span) if period else [],
        rank=next((row for row in ranking if row.state == iso3), None), ranked=len(ranking),
        follow_up=_one(analysis.follow_up_rate(cases, state=iso3, **span)) if period else None,
        citing=_one(analysis.reports_citing(cases, state=iso3, **span)) if period else None,
        persistent=analysis.persistence(cases, state=iso3, **span) if period else [],
        distributions=analysis.distributions(cases, state=iso3, first=first, last=last,
                                             dimensions=dimensions),
        opened=None if first is None and last is None else (first, last),
        patterns=[row for row in analysis.pattern_designations(state=iso3, **span) if row.n],
        published=compare(cases, published_aggregates(state=iso3, first=first, last=last)),
        replies=Ratio.of(replied, due), diplomacy=diplomatic_record(iso3, PublicCodes(now)),
    )  # fmt: skip


def public_profile(iso3, now):
    """What the public may see: figures over the public cases and letters only."""
    return state_figures(
        iso3, scope.public_cases(now), queries.public_communications(now), now=now, public=True
    )


def staff_profile(iso3, user, now, *, first=None, last=None):
    """Figures over the cases and letters of the user's teams."""
    letters = Communication.objects.visible_to(user)
    return state_figures(iso3, scope.staff_cases(user), letters, now=now, public=False,
                         first=first, last=last)  # fmt: skip


def _one(rows):
    return rows[0] if rows else None


def _sent_within(first, last):
    """Letters sent in the years first…last (either may be open)."""
    condition = Q()
    if first is not None:
        condition &= Q(sent_at__year__gte=first)
    if last is not None:
        condition &= Q(sent_at__year__lte=last)
    return condition
