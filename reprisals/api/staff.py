"""Staff endpoints, behind token authentication, with the back office's rules:
a token acts as its owner; records of other teams answer 404 as if they did
not exist; a role without the permission gets 403; analysts get aggregate
counts only (`cases.statistics`), never a name.

The API carries less than the back office: no contact details, addresses,
family details or internal notes — those stay in the back office.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from reprisals.api.auth import TokenAuth
from reprisals.api.errors import MESSAGES, ErrorOut
from reprisals.api.params import (
    CASE_CODE_PATTERN,
    ISO3_PATTERN,
    optional,
    page_field,
    per_page_field,
)
from reprisals.cases.models import Case, CaseSubject, Citation
from reprisals.cases.statistics import case_statistics
from reprisals.communications.models import Communication, Reply
from reprisals.register import queries, rule

router = Router(tags=["staff"], auth=TokenAuth())
ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 500: ErrorOut}
ERRORS_404 = {404: ErrorOut, **ERRORS}


def require(user, permission):
    if not user.has_perm(permission):
        raise HttpError(403, MESSAGES[403])


def page_of(queryset, page, per_page):
    start = (page - 1) * per_page
    return queryset.count(), list(queryset[start : start + per_page])


class ConsentOut(Schema):
    level: str
    withdrawn: bool
    obtained_on: str
    basis: str


class StaffSubjectOut(Schema):
    kind: str = Field(description="person or organization")
    name: str
    pseudonym: str = Field(description="What the public sees under anonymous consent.")
    role: str
    consent: ConsentOut | None = Field(description="Current consent; none means never public.")


class StaffActOut(Schema):
    type: str
    date: str
    perpetrator_type: str
    perpetrator: str
    legal_basis: str
    description: str


class StaffSourceOut(Schema):
    title: str
    kind: str
    author: str
    url: str
    published_on: str
    reliability: str
    confidential: bool
    locator: str


class StaffCaseSummaryOut(Schema):
    code: str
    title: str
    state: str
    status: str
    opened_on: str
    team: str
    ready_for_publication: bool
    public: bool = Field(description="Whether the public may see the case now.")


class StaffCaseOut(StaffCaseSummaryOut):
    summary: str
    public_title: str
    public_summary: str
    public_from: datetime.datetime | None = Field(
        description="When the case became or becomes public; none if it may not be."
    )
    subjects: list[StaffSubjectOut]
    acts: list[StaffActOut]
    sources: list[StaffSourceOut]
    communications: list[str] = Field(description="Your teams' letters covering it.")


class StaffCasePage(Schema):
    total: int
    page: int
    per_page: int
    results: list[StaffCaseSummaryOut]


class StaffCommunicationOut(Schema):
    id: int
    reference: str
    type: str
    addressee: str = Field(description="ISO 3166-1 alpha-3 code, or the non-State addressee.")
    subject: str
    sent_at: datetime.datetime
    reply_due_at: datetime.datetime
    replied: bool
    overdue: bool
    public_from: datetime.datetime
    public: bool
    case_codes: list[str] = Field(description="Cases of your teams that it covers.")


class StaffCommunicationPage(Schema):
    total: int
    page: int
    per_page: int
    results: list[StaffCommunicationOut]


class CountOut(Schema):
    label: str
    n: int


class StateCountOut(Schema):
    iso3: str
    name: str
    n: int


class YearCountOut(Schema):
    year: str
    n: int


class StatisticsOut(Schema):
    total: int
    by_state: list[StateCountOut]
    by_year: list[YearCountOut]
    by_status: list[CountOut]
    acts_by_type: list[CountOut]
    acts_by_perpetrator: list[CountOut]


class StaffCaseFilters(Schema):
    state: str = optional("State concerned (ISO 3166-1 alpha-3).", pattern=ISO3_PATTERN)
    page: int = page_field()
    per_page: int = per_page_field()


class StaffCommunicationFilters(Schema):
    state: str = optional("State addressed (ISO 3166-1 alpha-3).", pattern=ISO3_PATTERN)
    overdue: bool = optional("Only overdue letters (true), or only the others (false).")
    page: int = page_field()
    per_page: int = per_page_field()


def case_summary(case, public):
    return {
        "code": case.code, "title": case.title, "state": case.state.iso3,
        "status": case.status, "opened_on": case.opened_on, "team": case.team.name,
        "ready_for_publication": case.ready_for_publication, "public": public,
    }  # fmt: skip


def subject_out(link):
    subject = link.subject
    consent = subject.current_consent()
    return {
        "kind": subject._meta.model_name, "name": subject.name,
        "pseudonym": subject.pseudonym, "role": link.role,
        "consent": consent and {
            "level": consent.level, "withdrawn": consent.withdrawn_at is not None,
            "obtained_on": consent.obtained_on, "basis": consent.basis,
        },
    }  # fmt: skip


def source_out(citation):
    source = citation.source
    return {
        "title": source.title, "kind": source.kind, "author": source.author, "url": source.url,
        "published_on": source.published_on, "reliability": source.reliability,
        "confidential": source.confidential, "locator": citation.locator,
    }  # fmt: skip


@router.get(
    "/cases",
    response={200: StaffCasePage, **ERRORS},
    operation_id="list_staff_cases",
    summary="Cases of my teams",
)
def list_cases(request, filters: Query[StaffCaseFilters]):
    """Cases of your teams (every team for administrators), newest first."""
    require(request.auth, "cases.view_case")
    now = timezone.now()
    cases = Case.objects.visible_to(request.auth).select_related("state", "team")
    if filters.state:
        cases = cases.filter(state__iso3=filters.state)
    total, rows = page_of(cases.order_by("-opened_on", "code"), filters.page, filters.per_page)
    public = set(
        queries.public_cases(now).filter(pk__in=[c.pk for c in rows]).values_list("pk", flat=True)
    )
    results = [case_summary(case, case.pk in public) for case in rows]
    return {"total": total, "page": filters.page, "per_page": filters.per_page,
            "results": results}  # fmt: skip


@router.get(
    "/cases/{code}",
    response={200: StaffCaseOut, **ERRORS_404},
    operation_id="get_staff_case",
    summary="One case of my teams",
)
def get_case(request, code: str = Path(..., pattern=CASE_CODE_PATTERN)):
    """One case of your teams with its people (names, consent), acts and sources."""
    require(request.auth, "cases.view_case")
    case = (
        Case.objects.visible_to(request.auth)
        .select_related("state", "team")
        .prefetch_related(
            Prefetch("subjects", CaseSubject.objects.select_related("person", "organization")),
            "acts",
            Prefetch("citations", Citation.objects.select_related("source")),
        )
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404
    now = timezone.now()
    public_from = rule.case_public_from(queries.case_facts(case), rule.Windows.from_settings())
    letters = Communication.objects.visible_to(request.auth).filter(cases=case)
    return {
        **case_summary(case, public_from is not None and now >= public_from),
        "summary": case.summary, "public_title": case.public_title,
        "public_summary": case.public_summary, "public_from": public_from,
        "subjects": [subject_out(link) for link in case.subjects.all()],
        "acts": list(case.acts.all()),
        "sources": [source_out(citation) for citation in case.citations.all()],
        "communications": [str(letter) for letter in letters],
    }  # fmt: skip


@router.get(
    "/communications",
    response={200: StaffCommunicationPage, **ERRORS},
    operation_id="list_staff_communications",
    summary="Letters of my teams",
)
def list_communications(request, filters: Query[StaffCommunicationFilters]):
    """Letters of your teams, most recently sent first, with reply deadlines."""
    require(request.auth, "communications.view_communication")
    now = timezone.now()
    letters = Communication.objects.visible_to(request.auth).annotate(
        replied=Exists(Reply.objects.filter(communication=OuterRef("pk")))
    )
    if filters.state:
        letters = letters.filter(addressee__iso3=filters.state)
    if filters.overdue is not None:
        # Communication.is_overdue, in SQL: due date passed and no reply.
        due_before = now - datetime.timedelta(days=settings.REPLY_DEADLINE_DAYS)
        overdue = {"latest_sent_at__lt": due_before, "replied": False}
        letters = letters.filter(**overdue) if filters.overdue else letters.exclude(**overdue)
    letters = letters.select_related("addressee").prefetch_related(
        Prefetch("cases", Case.objects.visible_to(request.auth))
    )
    total, rows = page_of(letters.order_by("-sent_at", "id"), filters.page, filters.per_page)
    windows = rule.Windows.from_settings()
    results = []
    for letter in rows:
        public_from = rule.communication_public_from(queries.communication_facts(letter), windows)
        results.append({
            "id": letter.pk, "reference": letter.reference, "type": letter.type,
            "addressee": letter.addressee.iso3 if letter.addressee else letter.addressee_other,
            "subject": letter.subject, "sent_at": letter.sent_at,
            "reply_due_at": letter.reply_due_at, "replied": letter.replied,
            "overdue": now > letter.reply_due_at and not letter.replied,
            "public_from": public_from, "public": now >= public_from,
            "case_codes": sorted(case.code for case in letter.cases.all()),
        })  # fmt: skip
    return {"total": total, "page": filters.page, "per_page": filters.per_page,
            "results": results}  # fmt: skip


@router.get(
    "/statistics",
    response={200: StatisticsOut, **ERRORS},
    operation_id="get_staff_statistics",
    summary="Aggregate counts",
)
def get_statistics(request):
    """Aggregate counts over your teams' cases: numbers only, never who."""
    require(request.auth, "cases.view_statistics")
    counts = case_statistics(request.auth)
    labelled = ("by_status", "acts_by_type", "acts_by_perpetrator")
    return {
        **counts,
        **{key: [{"label": str(row["label"]), "n": row["n"]} for row in counts[key]]
           for key in labelled},
        "by_state": [
            {"iso3": row["state__iso3"], "name": row["state__name_en"], "n": row["n"]}
            for row in counts["by_state"]
        ],
    }  # fmt: skip
