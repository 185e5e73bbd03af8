"""Loading a reporting history (format `reprisals-history/1`, e.g.
reprisals/demo/history.json): reporting cycles, report mentions of cases
already on record, pattern designations and published figures.

All or nothing (one transaction), and idempotent: a record already there
is left as it is, so loading the same file again changes nothing. Each
record made is audited (actor: the system).
"""

import datetime

from django.db import transaction

from reprisals.audit.log import record
from reprisals.cases.models import Case
from reprisals.lib.documents import read_document
from reprisals.reference.models import State
from reprisals.reporting.models import (
    PatternDesignation,
    PublishedAggregate,
    ReportingCycle,
    ReportMention,
)

FORMAT = "reprisals-history/1"
# Keys whose texts are kept in a TextField, and so may hold lines.
MULTILINE = {"note", "statement"}


def load_history(path):
    return import_history(read_document(path, FORMAT, multiline=MULTILINE))


@transaction.atomic
def import_history(data):
    """Returns counts of what the document holds."""
    cycles = {item["year"]: _cycle(item) for item in data["cycles"]}
    for item in data["mentions"]:
        _once(ReportMention, {"case": Case.objects.get(code=item["case"]),
                              "cycle": cycles[item["cycle"]]},
              kind=item["kind"], paragraph=item["paragraph"],
              listed_under_symbol=item["listed_under_symbol"], note=item["note"],
              source=item["source"])  # fmt: skip
    for item in data["pattern_designations"]:
        _once(PatternDesignation, {"cycle": cycles[item["cycle"]], "state": _state(item["state"])},
              source=item["source"], note=item["note"])  # fmt: skip
    for item in data["published_aggregates"]:
        period = item["period"] or [None, None]
        key = {"statement": item["statement"], "measure": item["measure"],
               "state": _state(item["state"]), "cycle": cycles.get(item["cycle"]),
               "period_start": period[0], "period_end": period[1]}  # fmt: skip
        _once(PublishedAggregate, key, value=item["value"], numerator=item["numerator"],
              denominator=item["denominator"], published_by=item["published_by"],
              source=item["source"], note=item["note"])  # fmt: skip
    return {
        "reporting cycles": len(data["cycles"]),
        "report mentions": len(data["mentions"]),
        "pattern designations": len(data["pattern_designations"]),
        "published figures": len(data["published_aggregates"]),
    }


def _cycle(item):
    dates = {
        name: item[name] and datetime.date.fromisoformat(item[name])
        for name in ("period_start", "period_end")
    }
    return _once(ReportingCycle, {"year": item["year"]}, symbol=item["symbol"],
                 title=item["title"], hrc_session=item["hrc_session"],
                 published_on=item["published_on"], source=item["source"], **dates)  # fmt: skip


def _state(code):
    return State.objects.get(iso3=code) if code else None


def _once(model, key, **values):
    """The record with `key`, made (checked, saved, audited) if missing."""
    found = model.objects.filter(**key).first()
    if found:
        return found
    made = model(**key, **values)
    made.full_clean()
    made.save()
    record(None, "import", made, fields=["all"])
    return made
