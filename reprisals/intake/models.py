"""Allegations sent through the public intake form, waiting for triage.

Nothing here is ever public. Every free-text field, and every choice that
describes the incident (State, who was targeted, the link to the UN), is
sealed. In the clear are only what triage sorts by: the status, the consent
chosen, and the hour received.

- `received_at` is rounded down to the hour (files on disk get that time
  too), so a stolen copy cannot be matched to the minute against a record of
  who connected when. Triage still sees the day and hour, enough for the
  48-hour window of an urgent appeal.
- The receipt code is kept only as a keyed digest (vault.blind): staff find
  the submission from a code the defender quotes, but a code found on a
  seized phone cannot be looked up in a stolen copy of the database.
- An attachment keeps the SHA-256 of the original file sealed: it proves
  later that a copy is the file that was sent, but in the clear a hash of a
  known photo would confirm who sent it.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from reprisals.cases.vocab import EngagementKind
from reprisals.lib.private_files import create_private_file, private_directory
from reprisals.vault.fields import SealedTextField
from reprisals.vault.models import SealedModel
from reprisals.vault.sealing import associated_data, open_bytes, seal_bytes


class Status(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged — being followed up"
    REJECTED = "rejected", "Rejected"
    BECAME_CASE = "became_case", "Became a case"


class Consent(models.TextChoices):
    """The same values as cases.vocab.ConsentLevel, in the sender's words."""

    CONFIDENTIAL = "confidential", _("Do not publish anything about it")
    ANONYMOUS = "anonymous", _("You may publish it, without names or details that identify anyone")
    NAMED = "named", _("You may publish it with the names")


class Targeted(models.TextChoices):
    SELF = "self", _("Me")
    SOMEONE_ELSE = "someone_else", _("Someone else (for example a colleague or a relative)")
    GROUP = "group", _("A group or an organisation")


ENGAGEMENT_CHOICES = [*EngagementKind.choices, ("not_sure", _("I am not sure"))]


class Submission(SealedModel):
    receipt_token = models.CharField(max_length=16, unique=True, editable=False)
    received_at = models.DateTimeField(editable=False, db_index=True,
                                       help_text="Rounded down to the hour.")  # fmt: skip
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    consent = models.CharField(max_length=16, choices=Consent.choices, editable=False)
    what_happened = SealedTextField(max_length=20_000)
    happened_when = SealedTextField(blank=True, single_line=True, max_length=200)
    state = SealedTextField(blank=True, single_line=True, max_length=3,
                            help_text="ISO 3166-1 alpha-3 code of the State")  # fmt: skip
    place = SealedTextField(blank=True, single_line=True, max_length=200)
    targeted = SealedTextField(blank=True, single_line=True, max_length=16,
                               choices=Targeted.choices)  # fmt: skip
    targeted_names = SealedTextField(blank=True, max_length=1_000)
    engagement = SealedTextField(blank=True, single_line=True, max_length=32,
                                 choices=ENGAGEMENT_CHOICES)  # fmt: skip
    engagement_details = SealedTextField(blank=True, max_length=5_000)
    contact = SealedTextField(blank=True, max_length=1_000)
    triage_notes = SealedTextField(blank=True, max_length=20_000)

    class Meta:
        ordering = ["-received_at", "-id"]
        permissions = [("triage_submission", "Can triage submissions sent through the form")]

    def __str__(self):
        return f"Submission {self.pk} of {self.received_at:%Y-%m-%d %H:00}"


class Attachment(SealedModel):
    """A re-encoded file, sealed on disk under the row's data key.

    The file's associated data names the key version it was sealed under
    (`file_key_version`): re-wrapping the row under a new KEK keeps its data
    key, so the file stays readable without being rewritten.
    """

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="attachments")
    original_name = SealedTextField(blank=True, single_line=True, max_length=255)
    original_sha256 = SealedTextField(
        single_line=True, max_length=64, help_text="SHA-256 of the file as it was sent (hex)."
    )
    content_type = models.CharField(max_length=32, editable=False)
    size = models.PositiveIntegerField(editable=False, help_text="Bytes of the re-encoded file.")
    stored_name = models.CharField(max_length=32, unique=True, editable=False)
    file_key_version = models.PositiveSmallIntegerField(editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Attachment {self.pk}"

    @property
    def path(self):
        return Path(settings.UPLOADS_DIR) / self.stored_name

    @property
    def extension(self):
        return {"image/jpeg": "jpg", "image/png": "png"}[self.content_type]

    def _file_aad(self):
        return associated_data(self._meta.db_table, "file", self.row_uuid, self.file_key_version)

    def write_file(self, content, *, mtime):
        """Seal `content` into a new file with a random name, dated `mtime`."""
        key = self.data_key()  # first: it may make the row's key and version
        self.file_key_version = self.key_version
        self.stored_name = secrets.token_hex(16)
        self.size = len(content)
        sealed = seal_bytes(key, content, self._file_aad())
        private_directory(settings.UPLOADS_DIR)
        with create_private_file(self.path) as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.utime(self.path, (mtime, mtime))

    def read_file(self):
        return open_bytes(self.data_key(), self.path.read_bytes(), self._file_aad())


@receiver(post_delete, sender=Attachment)
def remove_sealed_file(sender, instance, **kwargs):
    transaction.on_commit(lambda: instance.path.unlink(missing_ok=True))


class SpentChallenge(models.Model):
    """A proof-of-work challenge already used for a submission (intake.proof).

    Kept until the challenge would have expired anyway, as a digest; the
    expiry is rounded up to the hour so it does not date the submission.
    """

    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Spent challenge {self.digest[:8]}"
