"""Staff decisions about publication, audited in the same transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reprisals.audit.log import record
from reprisals.register.models import PublicationDecision


@transaction.atomic
def propose_publication(case, *, reason, actor):
    if not reason.strip():
        raise ValidationError("Say why the case should be made public.")
    decision = PublicationDecision.objects.create(
        case=case, reason=reason, proposed_by=actor, proposed_at=timezone.now()
    )
    record(actor, "propose_publication", decision, fields=["case", "reason"])
    return decision


@transaction.atomic
def approve_publication(decision, *, actor):
    """The second person's approval; the case is public from this moment if
    the consent of everyone it concerns allows it."""
    if not actor.has_perm("register.approve_publication"):
        raise PermissionDenied("Only reviewers may approve publication.")
    decision = PublicationDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.proposed_by_id == actor.pk:
        raise PermissionDenied("The person who proposed publication cannot also approve it.")
    if decision.approved_at or decision.revoked_at:
        raise ValidationError("This decision was already approved or revoked.")
    decision.approved_by, decision.approved_at = actor, timezone.now()
    decision.save(update_fields=["approved_by", "approved_at"])
    record(actor, "approve_publication", decision, fields=["approved_by", "approved_at"])
    return decision


@transaction.atomic
def revoke_publication(decision, *, actor):
    decision.revoked_at = timezone.now()
    decision.save(update_fields=["revoked_at"])
    record(actor, "revoke_publication", decision, fields=["revoked_at"])
    return decision


@transaction.atomic
def withhold_communication(letter, *, until, reason, actor):
    """Keep a letter from the public until `until` — later than its window,
    never earlier (the rule takes whichever is later)."""
    if not reason.strip():
        raise ValidationError("Say why the letter is withheld.")
    letter.withheld_until, letter.withhold_reason = until, reason
    letter.save(update_fields=["withheld_until", "withhold_reason"])
    record(actor, "withhold_communication", letter, fields=["withheld_until", "withhold_reason"])
    return letter
