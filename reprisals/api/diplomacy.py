"""The diplomatic record over the API (reprisals.diplomacy): vote events,
the amendment-support table of a resolution, a State's record and the
agreement between States. Votes at the UN are public record: no
authentication.

A text of the record may name a case of the register ("(case
2013-CHN-001)", in any form): only the codes of the cases register.public
shows now are kept in the texts returned (diplomacy.case_codes), and given in
`cases`. A well-formed code or symbol that is not on
record answers 404, as elsewhere in the API.
"""

import datetime
from itertools import combinations
from typing import Literal

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from reprisals.api.errors import ErrorOut
from reprisals.api.params import ISO3_PATTERN, optional
from reprisals.diplomacy import agreement, analysis, record
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.models import Document
from reprisals.diplomacy.vocab import VoteOption
from reprisals.reference.models import State

router = Router(tags=["diplomacy"])
ERRORS_404 = {404: ErrorOut, 422: ErrorOut, 500: ErrorOut}

# A symbol (A/HRC/RES/24/24, any letter case) or a vote event's identifier
# (rcid:6129, point-of-order/25/moment-of-silence).
SYMBOL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ./:_-]{0,99}$"
MAX_STATES = 20
STATES_PATTERN = rf"^[A-Z]{{3}}(,[A-Z]{{3}}){{0,{MAX_STATES - 1}}}$"
THEME_PATTERN = r"^[a-z0-9]{1,16}$"
BODIES = Literal["GA", "HRC"]


# -- parameters -----------------------------------------------------------------


def symbol_field():
    return Field(..., pattern=SYMBOL_PATTERN, json_schema_extra={"example": "A/HRC/RES/24/24"},
                 description="A document's symbol, e.g. A/HRC/RES/24/24, or a vote event's "
                             "identifier.")  # fmt: skip


def states_field(description):
    return Field(..., pattern=STATES_PATTERN, json_schema_extra={"example": "CHN,RUS,IND"},
                 description=f"{description} ISO 3166-1 alpha-3, comma-separated, "
                             f"1 to {MAX_STATES}.")  # fmt: skip


def theme_field(description):
    return optional(description, pattern=THEME_PATTERN)


class VoteFilters(Schema):
    symbol: str = symbol_field()


class AmendmentFilters(Schema):
    symbol: str = symbol_field()
    states: str = states_field("The States whose cells to show.")


class RecordFilters(Schema):
    body: BODIES = Field("GA", description="Body of the theme record.")
    theme: str = theme_field("Theme code (e.g. hr): the State's votes on it, year by year.")


class AgreementFilters(Schema):
    body: BODIES = Field(..., description="Body whose votes are compared.")
    theme: str = theme_field("Only the vote events with this theme code, e.g. hr.")
    states: str = states_field("The States to compare, pair by pair.")
    closest: int = Field(10, ge=0, le=200, description="How many closest States to list.")


# -- responses ------------------------------------------------------------------


class CountsOut(Schema):
    source: str
    yes: int | None = Field(description="None: the source does not report this option.")
    no: int | None
    abstain: int | None
    absent: int | None
    not_voting: int | None


class CountDisagreementOut(Schema):
    option: str
    reported: int
    reported_by: str
    named: int
    named_by: str


class StateVoteOut(Schema):
    iso3: str | None = Field(description="None for an entity without a State, e.g. Zanzibar.")
    name: str
    option: str
    raw: str = Field(description="The vote exactly as the source codes it.")
    source: str


class VoteEventOut(Schema):
    key: str = Field(description="The document's symbol, or the identifier.")
    identifier: str
    body: str
    date: datetime.date | None
    session: str
    motion: str
    classification: str
    result: str = Field(description="Empty: not stated by the source.")
    result_basis: str = Field(description="official, computed (by the source) or empty.")
    result_note: str
    source: str
    reported_counts: list[CountsOut] = Field(description="Counts as each source reports them.")
    counts_of_named_votes: list[CountsOut] = Field(
        description="Counts tallied from the named votes, per source of the votes."
    )
    disagreements: list[CountDisagreementOut]
    votes: list[StateVoteOut]
    voters_not_members: list[str] = Field(
        description="States named as voting with no seat on the body on record for the day "
        "(empty where the event has no date or no seat is on record for it)."
    )
    cases: list[str] = Field(description="Public cases of the register the motion names.")


class VoteEventsOut(Schema):
    events: list[VoteEventOut]


class ReportedTableOut(Schema):
    source: str
    outcome: str
    cells: dict[str, str] = Field(description="ISO alpha-3: 'supported' or '' (not marked).")


class RecordedRowOut(Schema):
    outcome: str
    basis: str
    source: str
    cells: dict[str, str] = Field(
        description="ISO alpha-3: sponsored, voted yes, voted no, abstained, not a member, "
        "absent, not voting or no record."
    )


class AmendmentDisagreementOut(Schema):
    state: str | None = Field(description="None: the outcome differs.")
    reported: str
    reported_by: str
    recorded: str


class AmendmentRowOut(Schema):
    label: str
    symbol: str | None
    reported: list[ReportedTableOut] = Field(description="Each publication's table.")
    recorded: RecordedRowOut | None = Field(description="None: nothing on record.")
    disagreements: list[AmendmentDisagreementOut]


class AmendmentTableOut(Schema):
    symbol: str
    states: list[str]
    rows: list[AmendmentRowOut]


class StateRef(Schema):
    iso3: str
    name: str


class ReprisalsVoteOut(Schema):
    key: str
    title: str
    amends: str | None
    date: datetime.date | None
    session: str
    classification: str
    result: str
    vote: str | None = Field(description="None: no vote of the State is recorded.")


class DissociationOut(Schema):
    document: str | None
    date: datetime.date | None
    text: str
    vote_event: str | None


class SponsorshipOut(Schema):
    document: str
    title: str
    classification: str = Field(
        description="main, co_sponsor, amendment_proposer, or sponsor (which is not stated)."
    )
    voted: bool = Field(description="Whether a vote event on the document is recorded.")


class StatementOut(Schema):
    date: str = Field(description="YYYY-MM-DD, or YYYY / YYYY-MM where the day is not known.")
    event: str
    language: str
    summary: str
    source_url: str
    frames: list[str]


class FramesOut(Schema):
    year: int
    frames: dict[str, int] = Field(description="Frame key: the State's statements with it.")


class ThemeYearOut(Schema):
    year: int
    yes: int
    no: int
    abstain: int
    absent: int
    not_voting: int


class ThemeRecordOut(Schema):
    body: str
    theme: str
    years: list[ThemeYearOut]


class StateRecordOut(Schema):
    state: StateRef
    reprisals_votes: list[ReprisalsVoteOut] = Field(
        description="Vote events on the reprisals resolutions and amendments to them."
    )
    dissociations: list[DissociationOut]
    sponsorships: list[SponsorshipOut]
    statements: list[StatementOut]
    frames_by_year: list[FramesOut]
    theme_record: ThemeRecordOut | None = Field(description="None: no theme asked for.")


class PairOut(Schema):
    states: list[str]
    both_voted: int = Field(description="Vote events where both voted yes, no or abstain.")
    identical: int
    half: int = Field(description="One abstained, the other voted yes or no.")
    share: float | None = Field(description="identical / both_voted; None: never both voted.")
    lijphart: float | None = Field(description="(identical + half / 2) / both_voted.")


class ClosestOut(Schema):
    state: str
    closest: list[PairOut] = Field(description="The States voting most alike, by share.")


class AgreementOut(Schema):
    body: str
    theme: str | None
    pairs: list[PairOut]
    closest: list[ClosestOut]


# -- helpers --------------------------------------------------------------------


def known_states(text):
    """The distinct codes of a `states` value, in the order given; 404 naming
    the position of one that is not a State (not the value: see errors.py)."""
    codes = list(dict.fromkeys(text.split(",")))
    known = set(State.objects.filter(iso3__in=codes).values_list("iso3", flat=True))
    for position, iso3 in enumerate(codes, 1):
        if iso3 not in known:
            raise HttpError(404, f"State {position} of 'states' is not on record.")
    return codes


def counts_rows(by_source, missing):
    return [{"source": source, **{option: tally.get(option, missing)
                                  for option in VoteOption.values}}
            for source, tally in by_source.items()]  # fmt: skip


def vote_event_out(event, public_codes):
    recorded = analysis.vote_record(event, public_codes)
    return {
        **recorded,
        "key": record.event_key(event),
        "reported_counts": counts_rows(recorded["reported_counts"], None),
        "counts_of_named_votes": counts_rows(recorded["counts_of_named_votes"], 0),
        "votes": [{**vote, "iso3": vote["state"]} for vote in recorded["votes"]],
        "cases": record.public_cases_named(event, public_codes),
    }


def amendment_row_out(row):
    return {
        "label": row.label,
        "symbol": row.symbol,
        "reported": [{"source": source, **table} for source, table in row.reported.items()],
        "recorded": row.recorded,
        "disagreements": row.disagreements,
    }


# -- operations -----------------------------------------------------------------


@router.get(
    "/votes",
    response={200: VoteEventsOut, **ERRORS_404},
    operation_id="get_vote_events",
    summary="Vote events on a document",
)
def get_votes(request, filters: Query[VoteFilters]):
    """The vote events on a document, or with this identifier: the counts each
    source reports beside the counts of the named votes, where they disagree,
    and every State's vote."""
    events = list(analysis.vote_events_for(filters.symbol))
    if not events:
        raise HttpError(404, "No vote event on record for this symbol.")
    public_codes = PublicCodes(timezone.now())
    return {"events": [vote_event_out(event, public_codes) for event in events]}


@router.get(
    "/amendments",
    response={200: AmendmentTableOut, **ERRORS_404},
    operation_id="get_amendment_table",
    summary="Amendments to a resolution, State by State",
)
def get_amendments(request, filters: Query[AmendmentFilters]):
    """The amendments to a resolution: what each publication's table says of
    the States, what the record says (sponsored, voted yes…), and where they
    disagree."""
    symbol = analysis.normal_symbol(filters.symbol)
    if not Document.objects.filter(symbol=symbol).exists():
        raise HttpError(404, "No document on record with this symbol.")
    states = known_states(filters.states)
    rows = analysis.amendment_table(symbol, states, PublicCodes(timezone.now()))
    return {"symbol": symbol, "states": states, "rows": [amendment_row_out(row) for row in rows]}


@router.get(
    "/states/{iso3}/record",
    response={200: StateRecordOut, **ERRORS_404},
    operation_id="get_state_diplomatic_record",
    summary="A State's diplomatic record",
)
def get_state_record(
    request,
    filters: Query[RecordFilters],
    iso3: str = Path(..., pattern=ISO3_PATTERN, example="CHN"),
):
    """The State's votes on the reprisals resolutions, its dissociations and
    sponsorships, its statements and their frames year by year, and with `theme` its votes on
    that theme year by year."""
    state = State.objects.filter(iso3=iso3).first()
    if state is None:
        raise HttpError(404, "No State on record with this code.")
    public_codes = PublicCodes(timezone.now())
    theme = filters.theme and {
        "body": filters.body, "theme": filters.theme,
        "years": record.theme_record(iso3, filters.body, filters.theme),
    }  # fmt: skip
    return {
        "state": {"iso3": state.iso3, "name": state.name_en},
        "reprisals_votes": record.reprisals_votes(iso3, public_codes),
        "dissociations": record.dissociations_of(iso3, public_codes),
        "sponsorships": record.sponsorships_of(iso3, public_codes),
        "statements": [{**row, "date": row["date"] or ""}
                       for row in record.statements_of(iso3, public_codes)],
        "frames_by_year": [{"year": year, "frames": frames}
                           for year, frames in record.frames_by_year(iso3).items()],
        "theme_record": theme or None,
    }  # fmt: skip


@router.get(
    "/agreement",
    response={200: AgreementOut, **ERRORS_404},
    operation_id="get_agreement",
    summary="Agreement between States' votes",
)
def get_agreement(request, filters: Query[AgreementFilters]):
    """For each pair of the States, the share of identical votes where both
    voted and Lijphart's index (an abstention beside a yes or no is half an
    agreement); for each State, the States that vote most like it."""
    states = known_states(filters.states)
    body, theme = filters.body, filters.theme
    found = agreement.current(body, theme=theme)
    for position, iso3 in enumerate(states, 1):
        if iso3 not in found.states:
            raise HttpError(404, f"State {position} of 'states' has no vote on record here.")
    return {
        "body": body,
        "theme": theme,
        "pairs": [found.pair(a, b) for a, b in combinations(states, 2)],
        "closest": [{"state": iso3, "closest": found.closest(iso3, filters.closest)}
                    for iso3 in states],
    }  # fmt: skip
