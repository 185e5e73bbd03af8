"""Publication decisions (two people), the public search index, the name
terms public texts are screened by, and the approvals of public texts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from reprisals.cases.models import Case, exactly_one_of
from reprisals.vault.fields import SealedTextField
from reprisals.vault.models import SealedModel


class PublicationDecision(SealedModel):
    """A staff decision to make a case public, which takes two different people:
    one proposes, another approves."""

    # CASCADE: a decision is about its case only.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="publication_decisions")
    reason = SealedTextField(help_text="Why the case should be public now.")
    # PROTECT: who decided stays on record.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="A revoked decision no longer publishes the case."
    )

    class Meta:
        ordering = ["-proposed_at"]
        permissions = [("approve_publication", "Can approve the publication of a case")]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("proposed_by")),
                name="decision_needs_a_second_person",
                violation_error_message="The approver must be another person than the proposer.",
            )
        ]

    def __str__(self):
        state = "approved" if self.approved_at else "proposed"
        return f"Publication of {self.case} ({state})"


class SearchEntry(models.Model):
    """What public lists and search need to know about a case, kept current.

    Rewritten in the same transaction as any change to the case, its people,
    their consent, its UN publications or its publication decisions
    (register.search): the public text (only what the case's page may show
    under the current consent) and the parts of the publication rule that do
    not depend on time or configuration. Whether the case is public is still
    decided at request time, from these and the letters (register.queries).
    """

    # CASCADE: the entry is derived from the case and nothing else.
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="search_entry")
    document = models.TextField(help_text="Public text; empty when consent does not allow it.")
    consents_allow = models.BooleanField(
        default=False, help_text="Everyone the case concerns has named or anonymous consent."
    )
    published_from = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When a UN publication or an approved decision made the case public.",
    )

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of {self.case}"


class NameTerm(models.Model):
    """A keyed token of a name, or of one part of it, of a person or an
    organisation, for screening public texts (register.screening). Rewritten
    whenever the subject is saved; the name itself is not stored here."""

    token = models.CharField(max_length=16, db_index=True)
    # CASCADE on each: the terms live and die with their subject.
    person = models.ForeignKey(
        "cases.Person", models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "cases.Organization", models.CASCADE, null=True, blank=True, related_name="+"
    )
    whole = models.BooleanField(help_text="The whole name, not one part of it.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("person", "organization"),
                name="name_term_has_one_subject",
            )
        ]

    def __str__(self):
        return f"Name term {self.token}"


class TextApproval(models.Model):
    """A reviewer's approval of one exact public text of one record.

    `digest` is a keyed digest of (record, field, text): any edit of the text
    gives another digest, so the approval no longer applies and the text is
    withheld until a reviewer approves the new one (register.texts)."""

    digest = models.CharField(max_length=64, unique=True)
    model = models.CharField(max_length=64, help_text="app_label.model of the record.")
    object_pk = models.CharField(max_length=40)
    field = models.CharField(max_length=64)
    # PROTECT: who approved stays on record.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["model", "object_pk"])]
        permissions = [("approve_text", "Can approve a public text")]

    def __str__(self):
        return f"Approval of {self.model} {self.object_pk} {self.field}"
