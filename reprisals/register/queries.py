"""The publication rule in SQL, for lists and search over many records, and
the facts the pure rule (register.rule) is asked about.

Must agree with register.rule on every input: tests/test_rule_queries.py
checks both against the same generated facts. Nothing here is public by
itself; register.public builds what may be shown.
"""

import datetime

from django.db.models import Exists, OuterRef, Q

from reprisals.cases.models import Case
from reprisals.cases.vocab import InterventionKind
from reprisals.communications.models import Communication
from reprisals.register.rule import (
    CaseFacts,
    CommunicationFacts,
    ConsentFacts,
    DecisionFacts,
    Windows,
)

# UN actions that publish a case: published reports, press releases and
# public statements naming it.
PUBLISHED_KINDS = [
    InterventionKind.REPORT_MENTION,
    InterventionKind.PRESS_RELEASE,
    InterventionKind.STATEMENT,
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


def public_cases(now, windows=None):
    """Cases the public may see at `now`.

    The parts of the rule that do not depend on time or configuration —
    whether everyone's consent allows it, and when a UN publication or an
    approved decision published it — are kept on the case's search entry,
    rewritten in the same transaction as any change to them (register.search).
    Letters are read live, with the configured windows. A case without an
    entry is never public.
    """
    letters = public_communications(now, windows).filter(cases=OuterRef("pk"))
    return Case.objects.filter(search_entry__consents_allow=True).filter(
        Q(search_entry__published_from__lte=now) | Exists(letters)
    )


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
