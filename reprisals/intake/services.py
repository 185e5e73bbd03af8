"""Receiving a submission: the global cap, and storing it sealed."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reprisals.intake import proof
from reprisals.intake.models import Attachment, Submission
from reprisals.intake.receipts import new_code, receipt_token

SEALED_FIELDS = ["what_happened", "happened_when", "state", "place", "targeted",
                 "targeted_names", "engagement", "engagement_details", "contact"]  # fmt: skip


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def accepting():
    """The global cap: at most INTAKE_MAX_PER_HOUR submissions in a clock hour.

    Keyed on nobody: when a flood fills the hour, everyone waits for the
    next one. (Two requests at the very end may pass it by one.)
    """
    received = Submission.objects.filter(received_at__gte=this_hour()).count()
    return received < settings.INTAKE_MAX_PER_HOUR


def receive(cleaned, challenge):
    """Store the submission and its files; return its receipt code.

    Raises proof.Refused if the challenge was used already: then nothing is
    stored, and files written so far are removed.
    """
    hour = this_hour()
    code = new_code()
    written = []
    try:
        with transaction.atomic():
            proof.spend(challenge)
            submission = Submission(
                receipt_token=receipt_token(code), received_at=hour, consent=cleaned["consent"],
                **{name: cleaned[name] for name in SEALED_FIELDS},
            )  # fmt: skip
            submission.save()
            for clean_file in cleaned["files"]:
                attachment = Attachment(
                    submission=submission,
                    original_name=clean_file.original_name,
                    original_sha256=clean_file.original_sha256,
                    content_type=clean_file.content_type,
                )
                attachment.write_file(clean_file.content, mtime=hour.timestamp())
                written.append(attachment.path)
                attachment.save()
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return code
