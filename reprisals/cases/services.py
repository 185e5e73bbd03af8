"""Writes that matter, each audited in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reprisals.audit.log import record
from reprisals.cases.models import Consent


def consent_blockers(subjects):
    """Plain-words reasons why these subjects may not be published yet."""
    problems = []
    for subject in subjects:
        consent = subject.current_consent()
        if consent is None:
            problems.append(
                f"{subject} has no consent record: record their consent before the case "
                "can be marked ready for publication."
            )
        elif not consent.allows_publication:
            reason = "withdrew consent" if consent.withdrawn_at else "gave confidential consent"
            problems.append(f"{subject} {reason}: the case cannot be marked ready for publication.")
    return problems


@transaction.atomic
def mark_ready_for_publication(case, *, actor):
    problems = consent_blockers(link.subject for link in case.subjects.all())
    if not case.subjects.exists():
        problems.append("The case concerns nobody yet: add the people or groups it concerns.")
    if problems:
        raise ValidationError(problems)
    case.ready_for_publication = True
    case.save(update_fields=["ready_for_publication", "updated_at"])
    record(actor, "mark_ready_for_publication", case, fields=["ready_for_publication"])


@transaction.atomic
def record_consent(*, actor, **fields):
    consent = Consent(recorded_by=actor if actor and actor.is_authenticated else None, **fields)
    consent.full_clean()
    consent.save()
    record(actor, "record_consent", consent, fields=list(fields))
    return consent


@transaction.atomic
def withdraw_consent(subject, *, actor):
    """Withdraw the subject's current consent; takes effect at once."""
    consent = subject.current_consent()
    if consent is None or consent.withdrawn_at:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record(actor, "withdraw_consent", consent, fields=["withdrawn_at"])
    return consent
