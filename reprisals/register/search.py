"""Public full-text search over what the public register may show.

The index holds, per case, only the text of its public projection under the
current consent — pseudonyms for anonymous people, no internal fields — as
blind-index tokens (vault.blind), never as plain text, and
the time-independent parts of the publication rule (see SearchEntry). It is
rewritten in the same transaction as any change to the case, its people,
their consent, its UN publications or its decisions (signals below).
Whether a case is public is decided at request time (register.queries).

SQLite uses an FTS5 table; PostgreSQL a stored tsvector column with a GIN
index (register migration 0007).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf, Substr
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from reprisals.cases import models as case_models
from reprisals.register import public, queries, rule, screening
from reprisals.register.models import PublicationDecision, SearchEntry
from reprisals.register.queries import case_facts
from reprisals.vault import blind

FTS_TABLE = "register_search_fts"
# PostgreSQL refuses a tsvector over 1 MB; 30,000 tokens stay well under it.
# A longer public text is found by the words of its first part only.
MAX_TOKENS = 30_000


def entry_values(case):
    """The fields of the case's SearchEntry, as they should be now."""
    facts = case_facts(case)
    allowed = rule.consents_allow(facts)
    return {
        "document": document_for(case) if allowed else "",
        "consents_allow": allowed,
        "published_from": rule.published_from(facts),
    }


def document_for(case):
    """The blind-index tokens of the public text of a case whose consent allows it."""
    shown = public.project_case(case, public_from=None)
    state = case.state
    parts = [
        shown.code, shown.title, shown.summary, shown.status_label,
        state.iso3, state.name_en, state.name_fr, state.name_es, state.name_ru,
        state.name_zh, state.name_ar,
        *(s.label for s in shown.subjects),
        *(f"{a.type_label} {a.legal_basis}" for a in shown.acts),
        *(f"{e.mechanism} {e.kind_label}" for e in shown.engagements),
        *(f"{a.mechanism} {a.reference}" for a in shown.actions),
    ]  # fmt: skip
    return blind.document_tokens("\n".join(p for p in parts if p), limit=MAX_TOKENS)


def index_case(case):
    values = entry_values(case)
    SearchEntry.objects.update_or_create(case=case, defaults=values)
    document = values["document"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [case.pk])
            if document:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)",
                    [case.pk, document],
                )


def unindex_case(case_id):
    SearchEntry.objects.filter(case_id=case_id).delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [case_id])


def rebuild_index():
    count = 0
    for case in case_models.Case.objects.select_related("state").iterator(chunk_size=500):
        index_case(case)
        count += 1
    return count


def matching_case_ids(text):
    """A subquery of case ids whose public text has every word of `text`, or
    a word beginning with it (see vault.blind)."""
    tokens = blind.query_tokens(text)
    if not tokens:
        return None
    if connection.vendor == "sqlite":
        match = " ".join(f'"{t}"' for t in tokens)
        return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    query = " & ".join(tokens)
    return RawSQL(
        "SELECT case_id FROM register_searchentry "
        "WHERE document_vector @@ to_tsquery('simple', %s)",
        [query],
    )


FACETS = ("state", "year", "act_type", "mechanism", "status")


def search_cases(now, *, q="", state="", year="", act_type="", mechanism="", status="",
                 page=1, per_page=20):  # fmt: skip
    """One page of public cases matching the query and facets, with facet counts."""
    cases = queries.public_cases(now)
    ids = matching_case_ids(q) if q else None
    if ids is not None:
        cases = cases.filter(pk__in=ids)
    # Exists rather than joins: no duplicate rows, so no DISTINCT for the
    # planner to nest (PostgreSQL chose very slow plans for that).
    acts = case_models.Act.objects.filter(case=OuterRef("pk"), type=act_type)
    engaged = case_models.Engagement.objects.filter(case=OuterRef("pk"), mechanism__key=mechanism)
    filters = {
        "state": Q(state__iso3=state),
        "year": Q(opened_on__startswith=year),
        "act_type": Exists(acts),
        "mechanism": Exists(engaged),
        "status": Q(status=status),
    }
    chosen = {"state": state, "year": year, "act_type": act_type, "mechanism": mechanism,
              "status": status}  # fmt: skip
    for name, value in chosen.items():
        if value:
            cases = cases.filter(filters[name])
    total = cases.count()
    start = (max(page, 1) - 1) * per_page
    page_ids = list(cases.order_by("-opened_on", "code").values_list("pk", flat=True)
                    [start : start + per_page])  # fmt: skip
    rows = public.public_case_queryset(now).filter(pk__in=page_ids).order_by("-opened_on", "code")
    return {
        "total": total,
        "page": max(page, 1),
        "per_page": per_page,
        "results": public.project_cases(rows, now),
        "facets": facet_counts(cases),
    }


def _state_name():
    """The State's name in the active language, English where none is kept."""
    language = (translation.get_language() or "en")[:2]
    if language not in ("ar", "zh", "fr", "ru", "es"):
        return F("state__name_en")
    return Coalesce(NullIf(F(f"state__name_{language}"), Value("")), F("state__name_en"))


def facet_counts(cases):
    acts = case_models.Act.objects.filter(case__in=cases)
    engagements = case_models.Engagement.objects.filter(case__in=cases)
    mechanisms = list(
        engagements.values("mechanism__key", "mechanism__name")
        .annotate(n=Count("case", distinct=True)).order_by("-n")
    )  # fmt: skip
    mechanism_names = public.public_names({r["mechanism__name"] for r in mechanisms})
    act_labels = dict(case_models.Act._meta.get_field("type").choices)
    status_labels = dict(case_models.Case._meta.get_field("status").choices)
    return {
        "state": [
            (r["state__iso3"], r["state_name"], r["n"])
            for r in cases.annotate(state_name=_state_name()).values("state__iso3", "state_name")
            .annotate(n=Count("id")).order_by("-n", "state__iso3")
        ],
        "year": [
            (r["year"], r["year"], r["n"])
            for r in cases.annotate(year=Substr("opened_on", 1, 4)).values("year")
            .annotate(n=Count("id")).order_by("-year")
        ],
        "act_type": [
            (r["type"], str(act_labels.get(r["type"], r["type"])), r["n"])
            for r in acts.values("type").annotate(n=Count("case", distinct=True)).order_by("-n")
        ],
        "mechanism": [
            (r["mechanism__key"], mechanism_names[r["mechanism__name"]], r["n"])
            for r in mechanisms
        ],
        "status": [
            (r["status"], str(status_labels.get(r["status"])).split(" —")[0], r["n"])
            for r in cases.values("status").annotate(n=Count("id")).order_by("-n")
        ],
    }  # fmt: skip


# -- keeping the index in step, in the same transaction as the change --------


def _cases_of(instance):
    if isinstance(instance, case_models.Case):
        return [instance]
    if isinstance(instance, (case_models.Person, case_models.Organization)):
        return [link.case for link in instance.case_links.select_related("case__state")]
    if isinstance(instance, case_models.Consent):
        subject = instance.person or instance.organization
        return _cases_of(subject) if subject else []
    case_id = getattr(instance, "case_id", None)
    case = case_models.Case.objects.select_related("state").filter(pk=case_id).first()
    return [case] if case else []


_deferred = ContextVar("cases_to_index", default=None)


@contextmanager
def deferred_indexing():
    """Index each case touched inside the block once, at its end, instead of
    at every save (an import saves a case's parts one by one). Use inside the
    transaction of the changes; if the block raises, nothing is indexed."""
    pending = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for case in case_models.Case.objects.select_related("state").filter(pk__in=pending):
        index_case(case)


def _index_now_or_later(cases):
    pending = _deferred.get()
    for case in cases:
        if pending is None:
            index_case(case)
        else:
            pending[case.pk] = None


def _reindex(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _index_now_or_later(_cases_of(instance))


def reindex_cases_of(instance):
    """Reindex the cases a record's public text is shown with (after an
    approval): its case, or a letter's, or those citing a source."""
    if isinstance(instance, case_models.Source):
        cases = case_models.Case.objects.filter(citations__source=instance)
    elif hasattr(instance, "cases"):  # a letter
        cases = instance.cases.all()
    elif isinstance(instance, case_models.Citation):
        cases = case_models.Case.objects.filter(pk=instance.case_id)
    else:
        _index_now_or_later(_cases_of(instance))
        return
    _index_now_or_later(cases.select_related("state"))


def _subject_changed(sender, instance, **kwargs):
    """A person's or organisation's name or consent changed: its name terms
    are rewritten, and every case whose indexed public text holds one of its
    names is reindexed, so search never finds a case by the name of someone
    who may no longer be named."""
    if kwargs.get("raw"):
        return
    subject = instance
    if isinstance(instance, case_models.Consent):
        subject = instance.person or instance.organization
    if subject is None or subject.pk is None:
        return
    if not isinstance(instance, case_models.Consent):
        screening.index_subject(subject)
    names = [subject.name, *getattr(subject, "other_names", "").split(",")]
    cases = case_models.Case.objects.select_related("state")
    ids = set()
    for word in {w for name in names for w in screening.words(name) if len(w) >= 2}:
        if (matching := matching_case_ids(word)) is not None:
            ids.update(cases.filter(pk__in=matching).values_list("pk", flat=True))
    _index_now_or_later(cases.filter(pk__in=ids))


def _case_deleted(sender, instance, **kwargs):
    unindex_case(instance.pk)
    if (pending := _deferred.get()) is not None:
        pending.pop(instance.pk, None)


def _part_deleted(sender, instance, **kwargs):
    """A consent, subject, act… was deleted: its case (if it stays) changes."""
    _index_now_or_later(
        case
        for case in _cases_of(instance)
        if case.pk is not None and case_models.Case.objects.filter(pk=case.pk).exists()
    )


WATCHED = (
    case_models.CaseSubject, case_models.Person, case_models.Organization, case_models.Consent,
    case_models.Act, case_models.Engagement, case_models.Intervention, PublicationDecision,
)  # fmt: skip


def connect_signals():
    post_save.connect(_reindex, sender=case_models.Case, dispatch_uid="search-case")
    post_delete.connect(_case_deleted, sender=case_models.Case, dispatch_uid="search-case-del")
    for model in (case_models.Person, case_models.Organization, case_models.Consent):
        post_save.connect(_subject_changed, sender=model, dispatch_uid=f"names-{model.__name__}")
    for model in WATCHED:
        post_save.connect(_reindex, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _part_deleted, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
