"""Letters to States (urgent appeals, letters of allegation, other letters)
and the States' replies.

A letter is confidential when sent and becomes public by itself after the
window for its type (see register.rule); staff may withhold it longer, with
a logged reason, never publish it earlier. The full text is staff-only; the
public sees `public_text`, the version redacted for the consent of the people
it names.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reprisals.accounts.models import Team
from reprisals.cases.models import Case, TeamScopedQuerySet
from reprisals.cases.vocab import ResponseType
from reprisals.communications.references import parse_reference
from reprisals.communications.vocab import CommunicationType, SentPrecision
from reprisals.reference.models import Mechanism, State
from reprisals.vault.fields import SealedTextField
from reprisals.vault.models import SealedModel


class Communication(SealedModel):
    # PROTECT: a team's letters are kept with the team.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, help_text="Team that owns the record.")
    type = models.CharField(max_length=8, choices=CommunicationType.choices)
    reference = models.CharField(
        max_length=32,
        blank=True,
        help_text="E.g. AL CHN 4/2021. Leave empty only when the source gives none.",
    )
    # PROTECT: a State addressed by letters on record is never deleted.
    addressee = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="State addressed; empty for non-State addressees (reference OTH).",
    )
    addressee_other = models.CharField(
        max_length=300, blank=True, help_text="Non-State addressee, e.g. a company."
    )
    mandates = models.ManyToManyField(
        Mechanism,
        related_name="communications",
        help_text="Mandates that signed (joint if several).",
    )
    cases = models.ManyToManyField(Case, related_name="communications", blank=True)
    sent_at = models.DateTimeField(help_text="When it was sent (stored in UTC).")
    sent_precision = models.CharField(
        max_length=8,
        choices=SentPrecision.choices,
        default=SentPrecision.EXACT,
        help_text="How precisely the sending time is known.",
    )
    latest_sent_at = models.DateTimeField(
        editable=False,
        db_index=True,
        help_text="Derived: the last moment it may have been sent; publication counts from it.",
    )
    subject = SealedTextField(
        single_line=True,
        max_length=300,
        help_text="One line that may be published: it must not identify anyone who has not "
        "consented to be named.",
    )
    content = SealedTextField(blank=True, help_text="Full text of the letter. Never public.")
    public_text = SealedTextField(
        blank=True,
        help_text="Text to publish once public, redacted for the consent of those it names. "
        "Empty: only the reference, date, mandates and subject are published.",
    )
    withheld_until = models.DateTimeField(
        null=True, blank=True, help_text="Set only through 'withhold' (reason logged)."
    )
    withhold_reason = SealedTextField(blank=True)
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="communication_reference_once",
            )
        ]

    def __str__(self):
        return self.reference or f"{self.get_type_display()} of {self.sent_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.latest_sent_at = latest_possible(self.sent_at, self.sent_precision)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.reference:
            try:
                parsed = parse_reference(self.reference)
            except ValidationError as error:
                errors["reference"] = error.messages
            else:
                self.reference = str(parsed)
                errors.update(self._reference_mismatches(parsed))
        if self.addressee_id is None and not self.addressee_other.strip():
            errors["addressee"] = "Name the State addressed, or the non-State addressee."
        if self.withheld_until and not self.withhold_reason.strip():
            errors["withhold_reason"] = "Say why the letter is withheld."
        if errors:
            raise ValidationError(errors)

    def _reference_mismatches(self, parsed):
        errors = {}
        if self.type and self.type != CommunicationType.UNSTATED and parsed.type != self.type:
            errors["type"] = f"The reference says {parsed.type} but the type is {self.type}."
        expected = self.addressee.iso3 if self.addressee_id else "OTH"
        if parsed.addressee != expected:
            errors["addressee"] = (
                f"The reference names {parsed.addressee}, the addressee is {expected}."
            )
        if self.sent_at and parsed.year != self.sent_at.astimezone(_office_zone()).year:
            errors["sent_at"] = f"The reference is numbered in {parsed.year}, sent in another year."
        return errors

    @property
    def reply_due_at(self):
        return self.latest_sent_at + datetime.timedelta(days=settings.REPLY_DEADLINE_DAYS)

    def is_overdue(self, now=None):
        now = now or timezone.now()
        return now > self.reply_due_at and not self.replies.exists()


def _office_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.OFFICE_TIME_ZONE)


def latest_possible(moment, precision):
    """The last moment (in UTC) of the day, month or year that `moment` stands for.

    Periods are those of the office's calendar (OFFICE_TIME_ZONE): a letter
    known to be "sent in 2022" counts from the end of 2022 in Geneva.
    """
    if precision == SentPrecision.EXACT:
        return moment.astimezone(datetime.UTC)
    start = moment.astimezone(_office_zone()).replace(hour=0, minute=0, second=0, microsecond=0)
    if precision == SentPrecision.DAY:
        end = (start + datetime.timedelta(days=1)).replace(hour=0)
    elif precision == SentPrecision.MONTH:
        end = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    else:
        end = start.replace(year=start.year + 1, month=1, day=1)
    return end.astimezone(datetime.UTC) - datetime.timedelta(microseconds=1)


class Reply(SealedModel):
    """A State's answer to a communication."""

    # CASCADE: a reply has no meaning without its letter.
    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="replies"
    )
    received_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the reply was received. Leave empty only when the source gives no date.",
    )
    response_type = models.CharField(
        max_length=24,
        choices=[c for c in ResponseType.choices if c[0] != ResponseType.NO_RESPONSE],
        help_text="What the State's answer amounts to.",
    )
    content = SealedTextField(blank=True, help_text="Full text of the reply. Never public.")
    public_text = SealedTextField(
        blank=True, help_text="Text to publish with the letter, redacted for consent."
    )
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name_plural = "replies"

    def __str__(self):
        return f"Reply of {self.received_on}"

    def clean(self):
        sent = self.communication.sent_at if self.communication_id else None
        if sent and self.received_on and self.received_on < sent.date():
            raise ValidationError(
                {
                    "received_on": f"The reply ({self.received_on}) is dated before the letter "
                    f"was sent ({sent.date()})."
                }
            )
