"""What the public may see: the one road from the records to every public
surface (pages, API, feed, exports, search index).

Builds frozen, plain projections that hold only public fields, after asking
the publication rule (register.rule, register.queries) at the given `now`.
Nothing public reads a model directly. What a projection never holds: names of
people without `named` consent, contact details, addresses, family details,
internal notes, staff summaries, full texts of letters and replies, act and
action descriptions, perpetrators' names, and confidential sources. Free
texts (titles, summaries, letter and reply texts, references, sources) are
shown only approved and screened (register.texts); names of shared reference
data only screened.
"""

import datetime
import heapq
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext

from reprisals.cases.models import CaseSubject, Citation, Intervention
from reprisals.communications.models import Communication, Reply
from reprisals.register import queries, rule, texts
from reprisals.register.queries import case_facts, communication_facts, consent_facts
from reprisals.register.rule import CommunicationFacts
from reprisals.register.screening import screen_texts


@dataclass(frozen=True)
class PublicSubject:
    label: str
    kind: str  # "person" or "organization"
    named: bool


@dataclass(frozen=True)
class PublicAct:
    type: str
    type_label: str
    date: str
    perpetrator_type: str
    perpetrator_label: str
    legal_basis: str


@dataclass(frozen=True)
class PublicEngagement:
    mechanism: str
    kind: str
    kind_label: str
    date: str


@dataclass(frozen=True)
class PublicAction:
    kind: str
    kind_label: str
    mechanism: str
    date: str
    reference: str


@dataclass(frozen=True)
class PublicSource:
    title: str
    author: str
    url: str
    published_on: str
    locator: str


@dataclass(frozen=True)
class PublicReply:
    received_on: datetime.date | None
    response_type: str
    response_label: str
    text: str


@dataclass(frozen=True)
class PublicCommunication:
    id: int
    reference: str
    type: str
    type_label: str
    addressee_iso3: str
    addressee_name: str
    mandates: tuple
    sent_on: str
    public_from: datetime.datetime
    subject: str
    text: str
    case_codes: tuple
    replies: tuple
    reply_due: datetime.date
    replied: bool


@dataclass(frozen=True)
class PublicCase:
    code: str
    state_iso3: str
    state_name: str
    status: str
    status_label: str
    title: str
    summary: str
    opened_on: str
    public_from: datetime.datetime
    subjects: tuple
    engagements: tuple = ()
    acts: tuple = ()
    actions: tuple = ()
    responses: tuple = field(default=())  # (type label, date) pairs
    communications: tuple = ()  # PublicCommunication ids and references
    sources: tuple = ()


def _label(subject, display):
    if display == rule.NAMED:
        return subject.name
    if subject._meta.model_name == "person":
        return gettext("Person %(pseudonym)s") % {"pseudonym": subject.pseudonym}
    return gettext("Organisation %(pseudonym)s") % {"pseudonym": subject.pseudonym}


def public_names(names):
    """{name: what the public is shown} for names of shared reference data
    (mechanisms): the name, or a neutral label where it holds the name of
    someone who may not be named."""
    hits = screen_texts(names)
    return {n: gettext("A UN mechanism") if hits.get(n) else n for n in names}


def _generated_title(case, acts):
    kinds = list(dict.fromkeys(a.type_label for a in acts))[:3]
    what = ", ".join(kinds) if kinds else gettext("Alleged reprisal")
    return f"{what} ({case.state.name})"


def _all_shown(shown, *objects):
    return all(
        shown.text(obj, field) or not getattr(obj, field)
        for obj in objects
        for field in texts.PUBLIC_TEXTS[obj._meta.label_lower]
    )


def project_case(case, public_from, public_communications=()):
    """The public projection of a case the rule has allowed; `public_communications`
    are projections (PublicCommunication) of the public letters covering it."""
    subjects_records = [link.subject for link in case.subjects.all()]
    subjects = tuple(
        PublicSubject(
            label=_label(s, rule.display(consent_facts(s))),
            kind=s._meta.model_name,
            named=rule.display(consent_facts(s)) == rule.NAMED,
        )
        for s in subjects_records
    )
    acts, engagements = list(case.acts.all()), list(case.engagements.all())
    interventions, citations = list(case.interventions.all()), list(case.citations.all())
    shown = texts.Shown([case, *acts, *interventions, *citations,
                         *(c.source for c in citations)])  # fmt: skip
    used = [e.mechanism for e in engagements] + [i.mechanism for i in interventions]
    mechanisms = public_names({m.name for m in used if m})
    acts = tuple(
        PublicAct(
            type=a.type,
            type_label=str(a.get_type_display()),
            date=a.date,
            perpetrator_type=a.perpetrator_type,
            perpetrator_label=str(a.get_perpetrator_type_display()),
            legal_basis=shown.text(a, "legal_basis"),
        )
        for a in acts
    )
    engagements = tuple(
        PublicEngagement(
            mechanism=mechanisms[e.mechanism.name], kind=e.kind,
            kind_label=str(e.get_kind_display()), date=e.date,
        )
        for e in engagements
    )  # fmt: skip
    actions = tuple(
        PublicAction(
            kind=i.kind, kind_label=str(i.get_kind_display()),
            mechanism=mechanisms[i.mechanism.name] if i.mechanism else "", date=i.date,
            reference=shown.text(i, "reference"),
        )
        for i in interventions
    )  # fmt: skip
    sources = tuple(
        PublicSource(
            title=shown.text(c.source, "title"), author=shown.text(c.source, "author"),
            url=shown.text(c.source, "url"), published_on=c.source.published_on,
            locator=shown.text(c, "locator"),
        )
        for c in citations
        # A confidential source, or one with a text not shown, is left out whole.
        if not c.source.confidential and _all_shown(shown, c.source, c)
    )  # fmt: skip
    return PublicCase(
        code=case.code,
        state_iso3=case.state.iso3,
        state_name=case.state.name,
        status=case.status,
        status_label=str(case.get_status_display()).split(" —")[0],
        title=shown.text(case, "public_title") or _generated_title(case, acts),
        summary=shown.text(case, "public_summary"),
        opened_on=case.opened_on,
        public_from=public_from,
        subjects=subjects,
        engagements=engagements,
        acts=acts,
        actions=actions,
        responses=tuple((str(r.get_type_display()), r.date) for r in case.responses.all()),
        communications=tuple((c.id, c.reference or c.subject) for c in public_communications),
        sources=sources,
    )


CASE_PREFETCH = [
    Prefetch("subjects", queryset=CaseSubject.objects.select_related("person", "organization")),
    "acts",
    Prefetch("engagements__mechanism"),
    Prefetch("interventions", queryset=Intervention.objects.select_related("mechanism")),
    "responses",
    Prefetch("citations", queryset=Citation.objects.select_related("source")),
]


def public_case_queryset(now):
    return queries.public_cases(now).select_related("state").prefetch_related(*CASE_PREFETCH)


def public_case(code, now):
    """The public projection of one case, or None if the public may not see it."""
    case = public_case_queryset(now).filter(code=code).first()
    if case is None:
        return None
    windows = rule.Windows.from_settings()
    facts = case_facts(case)
    if not rule.case_is_public(facts, now, windows):  # the pure rule has the last word
        return None
    letters = public_communication_queryset(now).filter(cases=case)
    shown = [p for p in (project_communication(c, now) for c in letters) if p]
    return project_case(case, rule.case_public_from(facts, windows), shown)


def project_cases(cases, now):
    """Projections for a page of cases from public_case_queryset(now)."""
    windows = rule.Windows.from_settings()
    projected = []
    for case in cases:
        facts = case_facts(case)
        if rule.case_is_public(facts, now, windows):
            projected.append(project_case(case, rule.case_public_from(facts, windows)))
    return projected


def public_communication_queryset(now):
    return (
        queries.public_communications(now)
        .select_related("addressee")
        .prefetch_related("mandates", "replies")
    )  # fmt: skip


def project_communication(letter, now):
    windows = rule.Windows.from_settings()
    facts = communication_facts(letter)
    if not rule.communication_is_public(facts, now, windows):
        return None
    public_codes = set(
        queries.public_cases(now).filter(communications=letter).values_list("code", flat=True)
    )
    replies = list(letter.replies.all())
    mandates = list(letter.mandates.all())
    shown = texts.Shown([letter, *replies])
    mandate_names = public_names([m.name for m in mandates])
    replies = tuple(
        PublicReply(
            received_on=r.received_on,
            response_type=r.response_type,
            response_label=str(r.get_response_type_display()),
            text=shown.text(r, "public_text"),
        )
        for r in replies
    )
    return PublicCommunication(
        id=letter.id,
        reference=letter.reference,
        type=letter.type,
        type_label=str(letter.get_type_display()),
        addressee_iso3=letter.addressee.iso3 if letter.addressee else "",
        addressee_name=letter.addressee.name if letter.addressee else "",
        mandates=tuple(mandate_names[m.name] for m in mandates),
        sent_on=_sent_on(letter),
        public_from=rule.communication_public_from(facts, windows),
        subject=shown.text(letter, "subject") or str(letter.get_type_display()),
        text=shown.text(letter, "public_text"),
        case_codes=tuple(sorted(public_codes)),
        replies=replies,
        reply_due=letter.reply_due_at.date(),
        replied=bool(replies),
    )


def _sent_on(letter):
    day = letter.sent_at.astimezone(datetime.UTC).date().isoformat()
    return {"exact": day, "day": day, "month": day[:7], "year": day[:4]}[letter.sent_precision]


def public_communication(letter_id, now):
    letter = public_communication_queryset(now).filter(pk=letter_id).first()
    return project_communication(letter, now) if letter else None


def communications_page(now, *, state="", page=1, per_page=20):
    letters = public_communication_queryset(now)
    if state:
        letters = letters.filter(addressee__iso3=state)
    total = letters.count()
    start = (max(page, 1) - 1) * per_page
    projected = [project_communication(c, now) for c in letters[start : start + per_page]]
    return {"total": total, "page": max(page, 1), "per_page": per_page,
            "results": [p for p in projected if p]}  # fmt: skip


def reply_counts(letters, now):
    """(replied, due) over public letters whose reply deadline has passed:
    computed from the records, never typed."""
    deadline = datetime.timedelta(days=settings.REPLY_DEADLINE_DAYS)
    due = letters.filter(latest_sent_at__lte=now - deadline)
    replied = due.filter(Exists(Reply.objects.filter(communication=OuterRef("pk"))))
    return replied.count(), due.count()


def state_profile(iso3, now, *, limit=50):
    """What the public register shows about one State: counts and reply rate
    over everything public, and its `limit` most recent cases and letters.
    None for an unknown code."""
    from reprisals.reference.models import State

    state = State.objects.filter(iso3=iso3).first()
    if state is None:
        return None
    cases = public_case_queryset(now).filter(state=state).order_by("-opened_on", "code")
    letters = public_communication_queryset(now).filter(addressee=state)
    shown_letters = (project_communication(c, now) for c in letters.order_by("-sent_at")[:limit])
    replied, due = reply_counts(letters, now)
    return {
        "iso3": state.iso3,
        "name": state.name,
        "case_count": cases.count(),
        "communication_count": letters.count(),
        "cases": project_cases(cases[:limit], now),
        "communications": [p for p in shown_letters if p],
        "replied": replied,
        "replies_due": due,
    }


@dataclass(frozen=True)
class FeedEntry:
    kind: str  # "case" or "communication"
    key: str  # case code, or communication id
    title: str
    public_from: datetime.datetime


def feed_entries(now, limit=50):
    """Items in the order they became public, newest first; none from the future.

    The moment each public case and letter became public is worked out from
    two light queries; only the `limit` newest are projected (and checked
    again by the pure rule on the way).
    """
    windows = rule.Windows.from_settings()
    newest = heapq.nlargest(limit, _public_moments(now, windows), key=lambda m: (m[2], m[0], m[1]))
    case_ids = [pk for kind, pk, _ in newest if kind == "case"]
    letter_ids = [pk for kind, pk, _ in newest if kind == "communication"]
    entries = [
        FeedEntry("case", shown.code, shown.title, shown.public_from)
        for shown in project_cases(public_case_queryset(now).filter(pk__in=case_ids), now)
    ]
    for letter in public_communication_queryset(now).filter(pk__in=letter_ids):
        shown = project_communication(letter, now)
        if shown:
            title = f"{shown.reference or shown.type_label}: {shown.subject}"
            entries.append(FeedEntry("communication", str(shown.id), title, shown.public_from))
    entries.sort(key=lambda e: (e.public_from, e.kind, e.key), reverse=True)
    return entries


def _public_moments(now, windows):
    """(kind, pk, public_from) of every public letter and case, by the rule."""
    letters = queries.public_communications(now, windows)
    letter_from = {
        pk: rule.communication_public_from(CommunicationFacts(kind, sent, withheld), windows)
        for pk, kind, sent, withheld in letters.values_list(
            "pk", "type", "latest_sent_at", "withheld_until"
        )
    }
    cases = queries.public_cases(now, windows)
    case_from = dict(cases.values_list("pk", "search_entry__published_from"))
    covered = Communication.cases.through.objects.filter(communication__in=letters)
    for case_id, letter_id in covered.values_list("case_id", "communication_id"):
        if case_id not in case_from:
            continue  # a letter is public, the case is not (consent)
        moment = letter_from[letter_id]
        if case_from[case_id] is None or moment < case_from[case_id]:
            case_from[case_id] = moment
    yield from (("communication", pk, moment) for pk, moment in letter_from.items())
    yield from (("case", pk, moment) for pk, moment in case_from.items())
