"""The publication rule in SQL, for lists and search over many records.

Must agree with register.rule on every input: tests/test_rule_queries.py
checks both against the same generated facts. Nothing here is public by
itself; register.public builds what may be shown.
"""

import datetime

from django.db.models import Case as DbCase
from django.db.models import Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length

from reprisals.cases.models import Case, CaseSubject, Consent, Intervention
from reprisals.communications.models import Communication
from reprisals.register.models import PublicationDecision
from reprisals.register.rule import (
    ANONYMOUS,
    NAMED,
    CaseFacts,
    CommunicationFacts,
    ConsentFacts,
    DecisionFacts,
    Windows,
)

# UN actions that publish a case: published reports, press releases and
# public statements naming it.
PUBLISHED_KINDS = [
    Intervention.Kind.REPORT_MENTION,
    Intervention.Kind.PRESS_RELEASE,
    Intervention.Kind.STATEMENT,
]


def public_communications_q(now, windows=None):
    windows = windows or Windows.from_settings()
    now = now.astimezone(datetime.UTC)  # real elapsed time, not wall-clock time
    longest = max(windows.ua, windows.al, windows.ol)
    sent_long_enough = (
        Q(type="UA", latest_sent_at__lte=now - windows.ua)
        | Q(type="AL", latest_sent_at__lte=now - windows.al)
        | Q(type="OL", latest_sent_at__lte=now - windows.ol)
        | (~Q(type__in=["UA", "AL", "OL"]) & Q(latest_sent_at__lte=now - longest))
    )
    return sent_long_enough & (Q(withheld_until__isnull=True) | Q(withheld_until__lte=now))


def public_communications(now, windows=None):
    return Communication.objects.filter(public_communications_q(now, windows))


def _latest_consent(subject_field):
    return Consent.objects.filter(**{subject_field: OuterRef(subject_field)}).order_by(
        "-obtained_on", "-id"
    )


def _blocking_subjects():
    """Case subjects whose current consent does not allow publication."""
    person, organization = _latest_consent("person"), _latest_consent("organization")
    allowed = [NAMED, ANONYMOUS]
    allows = Q(person__isnull=False, person_level__in=allowed, person_withdrawn__isnull=True) | Q(
        organization__isnull=False,
        organization_level__in=allowed,
        organization_withdrawn__isnull=True,
    )
    return (
        CaseSubject.objects.annotate(
            person_level=Subquery(person.values("level")[:1]),
            person_withdrawn=Subquery(person.values("withdrawn_at")[:1]),
            organization_level=Subquery(organization.values("level")[:1]),
            organization_withdrawn=Subquery(organization.values("withdrawn_at")[:1]),
        )
        .annotate(allows=DbCase(When(allows, then=Value(True)), default=Value(False)))
        .filter(allows=False)
    )


def published_reports_q(now):
    """UN publications whose whole date period has passed (see rule.report_public_from)."""
    today = now.astimezone(datetime.UTC).date().isoformat()
    return Q(kind__in=PUBLISHED_KINDS) & (
        Q(date_length=10, date__lt=today)
        | Q(date_length=7, date__lt=today[:7])
        | Q(date_length=4, date__lt=today[:4])
    )


def public_cases(now, windows=None):
    """Cases the public may see at `now`."""
    subjects = CaseSubject.objects.filter(case=OuterRef("pk"))
    blocking = _blocking_subjects().filter(case=OuterRef("pk"))
    communications = public_communications(now, windows).filter(cases=OuterRef("pk"))
    reports = Intervention.objects.annotate(date_length=Length("date")).filter(
        published_reports_q(now), case=OuterRef("pk")
    )
    decisions = PublicationDecision.objects.filter(
        case=OuterRef("pk"),
        approved_by__isnull=False,
        approved_at__lte=now,
        revoked_at__isnull=True,
    )
    everyone_consents = Exists(subjects) & ~Exists(blocking)
    made_public = Exists(communications) | Exists(reports) | Exists(decisions)
    return Case.objects.filter(everyone_consents & made_public)


def consent_facts(subject):
    consent = subject.current_consent()
    if consent is None:
        return None
    return ConsentFacts(level=consent.level, withdrawn=consent.withdrawn_at is not None)


def communication_facts(communication):
    return CommunicationFacts(
        type=communication.type,
        latest_sent_at=communication.latest_sent_at,
        withheld_until=communication.withheld_until,
    )


def case_facts(case):
    """Everything the rule needs to know about one case, read fresh."""
    return CaseFacts(
        consents=tuple(consent_facts(link.subject) for link in case.subjects.all()),
        communications=tuple(map(communication_facts, case.communications.all())),
        report_dates=tuple(
            case.interventions.filter(kind__in=PUBLISHED_KINDS)
            .exclude(date="")
            .values_list("date", flat=True)
        ),
        decisions=tuple(
            DecisionFacts(
                proposed_by=d.proposed_by_id,
                approved_by=d.approved_by_id,
                approved_at=d.approved_at,
                revoked=d.revoked_at is not None,
            )
            for d in case.publication_decisions.all()
        ),
    )
