"""The audit trail: who changed what, and when — never the values themselves.

Tamper-evident: each entry carries the SHA-256 of its own content and of the
entry before it, so editing, deleting or reordering any entry breaks the
chain (`reprisals audit verify`), and the head hash handed to someone outside
the server (`reprisals audit head`) shows whether entries were cut off the
end. Database triggers refuse UPDATE and DELETE on the table.
"""

import hashlib
import json

from django.conf import settings
from django.db import models

GENESIS = "0" * 64


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(
        unique=True, help_text="Position in the chain, from 1, without gaps."
    )
    at = models.DateTimeField(db_index=True)
    # PROTECT: deleting a staff account must not rewrite who did what.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Staff member who acted; empty for system actions (imports from the CLI).",
    )
    action = models.CharField(max_length=64, help_text="Verb, e.g. add, change, withdraw_consent.")
    model = models.CharField(max_length=100, help_text="App label and model, e.g. cases.person.")
    object_pk = models.CharField(max_length=64, help_text="Primary key of the record acted on.")
    fields = models.JSONField(
        default=list, blank=True, help_text="Names of the fields changed, never their values."
    )
    previous_hash = models.CharField(max_length=64, help_text="entry_hash of the entry before.")
    entry_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of this entry's content and previous_hash."
    )

    class Meta:
        ordering = ["sequence"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"#{self.sequence} {self.at:%Y-%m-%d %H:%M} {self.action} {self.model}"

    def compute_hash(self):
        content = [
            self.sequence,
            self.at.isoformat(timespec="microseconds"),
            self.actor_id,
            self.action,
            self.model,
            self.object_pk,
            list(self.fields),
            self.previous_hash,
        ]
        canonical = json.dumps(content, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
