"""Public read endpoints: no authentication, and nothing but what the
publication rule allows.

Every response is built from the projections of `register.public` and
`register.search` (the one road to the public), asked once per request at
the same `now`. A case or letter that exists but is not public answers
exactly like one that does not exist.
"""

import dataclasses
import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from reprisals.api.errors import ErrorOut
from reprisals.api.params import (
    CASE_CODE_PATTERN,
    ISO3_PATTERN,
    KEY_PATTERN,
    MAX_ID,
    YEAR_PATTERN,
    Line,
    optional,
    page_field,
    per_page_field,
)
from reprisals.cases.vocab import ActType, CaseStatus
from reprisals.register import public, search

router = Router(tags=["public"])
ERRORS = {422: ErrorOut, 500: ErrorOut}
ERRORS_404 = {404: ErrorOut, **ERRORS}


class StateRef(Schema):
    iso3: str
    name: str


class SubjectOut(Schema):
    label: str = Field(
        description="The name if the person consented to be named; else a pseudonym."
    )
    kind: str = Field(description="person or organization")
    named: bool


class ActOut(Schema):
    type: str
    type_label: str
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; empty when undated.")
    perpetrator_type: str
    perpetrator_label: str
    legal_basis: str


class EngagementOut(Schema):
    mechanism: str
    kind: str
    kind_label: str
    date: str


class ActionOut(Schema):
    kind: str
    kind_label: str
    mechanism: str
    date: str
    reference: str


class ResponseOut(Schema):
    type_label: str
    date: str


class SourceOut(Schema):
    title: str
    author: str
    url: str
    published_on: str
    locator: str


class CaseSummaryOut(Schema):
    code: str
    state: StateRef
    status: str
    status_label: str
    title: str
    summary: str
    opened_on: str
    public_from: datetime.datetime
    subjects: list[SubjectOut]
    act_types: list[str]

    @staticmethod
    def resolve_state(case):
        return {"iso3": case.state_iso3, "name": case.state_name}

    @staticmethod
    def resolve_act_types(case):
        return list(dict.fromkeys(act.type for act in case.acts))


class ReplyOut(Schema):
    received_on: datetime.date | None
    response_type: str
    response_label: str
    text: str


class CommunicationSummaryOut(Schema):
    id: int
    reference: str
    type: str
    type_label: str
    addressee: StateRef | None
    mandates: list[str]
    sent_on: str
    public_from: datetime.datetime
    subject: str
    case_codes: list[str] = Field(description="Public cases the letter covers.")
    reply_due: datetime.date
    replied: bool

    @staticmethod
    def resolve_addressee(letter):
        if not letter.addressee_iso3:
            return None
        return {"iso3": letter.addressee_iso3, "name": letter.addressee_name}


class CommunicationOut(CommunicationSummaryOut):
    text: str
    replies: list[ReplyOut]


class CaseOut(CaseSummaryOut):
    engagements: list[EngagementOut]
    acts: list[ActOut]
    actions: list[ActionOut]
    responses: list[ResponseOut]
    communications: list[CommunicationSummaryOut]
    sources: list[SourceOut]

    @staticmethod
    def resolve_responses(case):
        return [{"type_label": label, "date": date} for label, date in case.responses]


class FacetOut(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    state: list[FacetOut]
    year: list[FacetOut]
    act_type: list[FacetOut]
    mechanism: list[FacetOut]
    status: list[FacetOut]


class CasePage(Schema):
    total: int
    page: int
    per_page: int
    results: list[CaseSummaryOut]
    facets: FacetsOut

    @staticmethod
    def resolve_facets(page):
        return {
            name: [{"value": value, "label": label, "count": n} for value, label, n in rows]
            for name, rows in page["facets"].items()
        }


class CommunicationPage(Schema):
    total: int
    page: int
    per_page: int
    results: list[CommunicationSummaryOut]


class StateOut(Schema):
    iso3: str
    name: str
    case_count: int = Field(description="Public cases concerning the State.")
    communication_count: int = Field(description="Public letters to the State.")
    cases: list[CaseSummaryOut] = Field(description="The 50 most recent public cases.")
    communications: list[CommunicationSummaryOut] = Field(
        description="The 50 most recently sent public letters."
    )
    replied: int = Field(description="Letters answered, among those whose reply is due.")
    replies_due: int = Field(description="Public letters whose reply deadline has passed.")


class CaseFilters(Schema):
    q: Line = Field("", max_length=200, description="Words to find, e.g. a name or a place.")
    state: str = optional("State concerned (ISO 3166-1 alpha-3).", pattern=ISO3_PATTERN)
    year: str = optional("Year the case was opened.", pattern=YEAR_PATTERN)
    act_type: ActType = optional("Type of act of reprisal.")
    mechanism: str = optional("Key of the UN mechanism engaged.", pattern=KEY_PATTERN)
    status: CaseStatus = optional("Status of the case.")
    page: int = page_field()
    per_page: int = per_page_field()


class CommunicationFilters(Schema):
    state: str = optional("State addressed (ISO 3166-1 alpha-3).", pattern=ISO3_PATTERN)
    page: int = page_field()
    per_page: int = per_page_field()


@router.get(
    "/cases",
    response={200: CasePage, **ERRORS},
    operation_id="list_public_cases",
    summary="Search public cases",
)
def list_cases(request, filters: Query[CaseFilters]):
    """Public cases matching the words and filters, newest first, with facet counts."""
    chosen = filters.model_dump(exclude={"page", "per_page"}, exclude_none=True)
    return search.search_cases(
        timezone.now(), page=filters.page, per_page=filters.per_page, **chosen
    )


@router.get(
    "/cases/{code}",
    response={200: CaseOut, **ERRORS_404},
    operation_id="get_public_case",
    summary="One public case",
)
def get_case(request, code: str = Path(..., pattern=CASE_CODE_PATTERN, example="2016-CHN-001")):
    """One public case by its code, e.g. 2016-CHN-001."""
    now = timezone.now()
    case = public.public_case(code, now)
    if case is None:
        raise Http404
    letters = (public.public_communication(letter_id, now) for letter_id, _ in case.communications)
    return dataclasses.replace(case, communications=tuple(letter for letter in letters if letter))


@router.get(
    "/communications",
    response={200: CommunicationPage, **ERRORS},
    operation_id="list_public_communications",
    summary="Public letters to States",
)
def list_communications(request, filters: Query[CommunicationFilters]):
    """Letters to States that have become public, most recently sent first."""
    return public.communications_page(
        timezone.now(), state=filters.state or "", page=filters.page, per_page=filters.per_page
    )


@router.get(
    "/communications/{letter_id}",
    response={200: CommunicationOut, **ERRORS_404},
    operation_id="get_public_communication",
    summary="One public letter with replies",
)
def get_communication(request, letter_id: int = Path(..., ge=1, le=MAX_ID)):
    """One public letter with the State's replies."""
    letter = public.public_communication(letter_id, timezone.now())
    if letter is None:
        raise Http404
    return letter


@router.get(
    "/states/{iso3}",
    response={200: StateOut, **ERRORS_404},
    operation_id="get_state",
    summary="One State",
)
def get_state(request, iso3: str = Path(..., pattern=ISO3_PATTERN, example="CHN")):
    """What the register shows about one State: its public cases and letters,
    and its reply rate over letters whose reply is due."""
    profile = public.state_profile(iso3, timezone.now())
    if profile is None:
        raise Http404
    return profile
