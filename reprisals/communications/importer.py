"""The `communications` section of the `reprisals-cases/1` import format.

Each letter: {"reference", "type", "addressee" (ISO code, or null with
"addressee_other"), "mandates": [mechanism keys], "cases": [case codes],
"sent_at" (ISO date-time with offset, or YYYY-MM-DD / YYYY-MM / YYYY when only
that is known), "subject", "content", "public_text", "replies": [{"received_on",
"response_type", "content", "public_text"}]}. Matched by reference (or, without
one, by addressee, sent time and subject); replies are replaced by the file's.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError

from reprisals.audit.log import record
from reprisals.cases.models import Case
from reprisals.communications.models import Communication, Reply
from reprisals.lib.dates import bounds
from reprisals.reference.models import State

FIELDS = ["reference", "type", "addressee", "addressee_other", "mandates", "cases", "sent_at",
          "subject", "content", "public_text", "internal_notes", "replies"]  # fmt: skip
REPLY_FIELDS = ["received_on", "response_type", "content", "public_text", "internal_notes"]


def parse_sent_at(text):
    """(aware datetime in UTC, precision) from an ISO date-time or approximate date."""
    if not isinstance(text, str) or not text:
        raise ValidationError("a sending time is required")
    if "T" not in text:
        first, _ = bounds(text)
        precision = {10: "day", 7: "month", 4: "year"}[len(text)]
        # The start of that day, month or year in the office's calendar.
        office = ZoneInfo(settings.OFFICE_TIME_ZONE)
        start = datetime.datetime.combine(first, datetime.time(), tzinfo=office)
        return start.astimezone(datetime.UTC), precision
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{text!r} is not an ISO date-time") from None
    if moment.tzinfo is None:
        raise ValidationError(f"{text!r} has no time zone: add +HH:MM or Z")
    return moment.astimezone(datetime.UTC), "exact"


def import_communication(importer, where, item):
    values = importer.fields(item, where, FIELDS)
    if values is None:
        return
    mandate_keys = [key for _, key in importer.items(values, "mandates", f"{where} › ")]
    case_codes = [code for _, code in importer.items(values, "cases", f"{where} › ")]
    replies = importer.items(values, "replies", f"{where} › ")
    try:
        sent_at, precision = parse_sent_at(values["sent_at"])
    except ValidationError as error:
        importer.problem(f"{where} › sent_at", error.messages[0])
        return
    addressee = None
    if values["addressee"]:
        addressee = State.objects.filter(iso3=values["addressee"]).first()
        if addressee is None:
            importer.problem(f"{where} › addressee", f"unknown State code {values['addressee']!r}")
            return
    text = {k: importer.text(values[k]) for k in
            ("reference", "addressee_other", "subject", "content", "public_text",
             "internal_notes")}  # fmt: skip
    letter = _existing(importer, text, addressee, sent_at) or Communication(team=importer.team)
    if letter.pk and letter.team_id != importer.team.pk:
        importer.problem(f"{where} › reference", f"{text['reference']!r} belongs to another team")
        return
    for name, value in text.items():
        setattr(letter, name, value)
    letter.type, letter.addressee = values["type"], addressee
    letter.sent_at, letter.sent_precision = sent_at, precision
    if not importer.save(letter, where):
        return
    mandates = [importer.lookup(importer.mechanisms, key, f"{where} › mandates", "mechanism")
                for key in mandate_keys]  # fmt: skip
    letter.mandates.set([m for m in mandates if m])
    cases = []
    for code in case_codes:
        case = Case.objects.filter(code=code, team=importer.team).first()
        if case is None:
            importer.problem(f"{where} › cases", f"no case {code!r} in this team")
        cases.append(case)
    letter.cases.set([c for c in cases if c])
    letter.replies.all().delete()
    for reply_where, reply in replies:
        reply_values = importer.fields(reply, reply_where, REPLY_FIELDS)
        if reply_values is None:
            continue
        for name in ("content", "public_text", "internal_notes"):
            reply_values[name] = importer.text(reply_values[name])
        importer.save(Reply(communication=letter, **reply_values), reply_where)
    record(importer.actor, "import", letter, fields=["all"])


def _existing(importer, text, addressee, sent_at):
    if text["reference"]:
        return Communication.objects.filter(reference=text["reference"]).first()
    return Communication.objects.filter(
        reference="", addressee=addressee, sent_at=sent_at, subject=text["subject"]
    ).first()
