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
from reprisals.cases.importer import value_problem
from reprisals.cases.models import Case
from reprisals.communications.models import Communication, Reply
from reprisals.lib.dates import bounds
from reprisals.reference.models import State

FIELDS = ["reference", "type", "addressee", "addressee_other", "mandates", "cases", "sent_at",
          "subject", "content", "public_text", "internal_notes", "replies"]  # fmt: skip
REPLY_FIELDS = ["received_on", "response_type", "content", "public_text", "internal_notes"]
FIRST_YEAR, LAST_YEAR = 1945, 2100  # as for the years of references


def parse_sent_at(text):
    """(aware datetime in UTC, precision) from an ISO date-time or approximate date."""
    if not isinstance(text, str) or not text:
        raise ValidationError("a sending time is required")
    if "T" not in text:
        first, _ = bounds(text)
        _check_year(text, first.year)
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
    _check_year(text, moment.year)
    return moment.astimezone(datetime.UTC), "exact"


def _check_year(text, year):
    """Letters date from the UN's time; far-off years would also overflow the
    time-zone arithmetic (year 1 or 9999 in another zone)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"{text!r}: a letter is sent between {FIRST_YEAR} and {LAST_YEAR}")


def received_on(text):
    """A reply's date, read before Reply.clean compares it with the letter's;
    empty is no date (Django would refuse "" only when saving)."""
    return Reply._meta.get_field("received_on").to_python(text or None)


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
        if trouble := value_problem(code):
            importer.problem(f"{where} › cases", trouble)
            continue
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
        try:
            reply_values["received_on"] = received_on(reply_values["received_on"])
        except ValidationError as error:
            importer.problem(f"{reply_where} › received_on", error.messages[0])
            continue
        importer.save(Reply(communication=letter, **reply_values), reply_where)
    record(importer.actor, "import", letter, fields=["all"])


def _existing(importer, text, addressee, sent_at):
    if text["reference"]:
        return Communication.objects.filter(reference=text["reference"]).first()
    # The subject is sealed: compare it once the few candidates are opened.
    candidates = Communication.objects.filter(reference="", addressee=addressee, sent_at=sent_at)
    return next((c for c in candidates if c.subject == text["subject"]), None)
