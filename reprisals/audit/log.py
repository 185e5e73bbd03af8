"""Writing to the audit trail. Call inside the transaction of the change, so
the entry exists exactly when the change does."""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from reprisals.audit.models import GENESIS, AuditEntry

# Any constant: the key of PostgreSQL's advisory lock that serialises writers.
_CHAIN_LOCK = 7_311_902_001


@transaction.atomic
def record(actor, action, obj, *, fields=()):
    """Record that `actor` did `action` on `obj`, naming the fields changed."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    # On SQLite every transaction takes the write lock when it begins
    # (transaction_mode IMMEDIATE), so writers are already serialised.
    last = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    entry = AuditEntry(
        sequence=last["sequence"] + 1 if last else 1,
        at=timezone.now().astimezone(datetime.UTC),
        actor=actor,
        action=action,
        model=obj._meta.label_lower,
        object_pk=str(obj.pk),
        fields=sorted(fields),
        previous_hash=last["entry_hash"] if last else GENESIS,
    )
    entry.entry_hash = entry.compute_hash()
    entry.save(force_insert=True)
    return entry
