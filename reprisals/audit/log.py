"""Writing to the audit trail. Call inside the transaction of the change."""

from reprisals.audit.models import AuditEntry


def record(actor, action, obj, *, fields=()):
    """Record that `actor` did `action` on `obj`, naming the fields changed."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        model=obj._meta.label_lower,
        object_pk=str(obj.pk),
        fields=sorted(fields),
    )
