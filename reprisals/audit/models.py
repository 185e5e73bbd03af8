"""The audit trail: who changed what, and when — never the values themselves."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # SET_NULL would rewrite history; PROTECT keeps staff accounts that acted.
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

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model}#{self.object_pk}"
