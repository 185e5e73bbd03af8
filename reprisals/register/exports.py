"""Open data: CSV and JSON exports of exactly what the public register shows,
and the data dictionary that describes every column.

Rows are built from the projections in register.public at the moment of the
request, so an export never holds more than the pages do. Exports are
written in English (labels, State names) whatever the visitor's language, so
that files from different visitors are the same; codes are stable.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from reprisals.cases import vocab as case_vocab
from reprisals.communications import vocab as communication_vocab
from reprisals.lib.text import printable_data
from reprisals.register import public

TYPES = {
    "text": _("text"),
    "code": _("code (see the code lists below)"),
    "date": _("approximate date: YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown"),
    "datetime": _("date and time, ISO 8601, UTC"),
    "url": _("web address"),
    "integer": _("whole number"),
    "boolean": _("true or false"),
    "list": _("list; in CSV, values separated by “; ”"),
    "records": _("list of records; in CSV, a JSON array"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of TYPES
    description: str
    value: Callable


def _records(items, *fields):
    return [{f: getattr(item, f) for f in fields} for item in items]


CASE_COLUMNS = (
    Column("code", "text", _("Stable public code: year opened, State concerned, number."),
           lambda c: c.code),
    Column("url", "url", _("Page of the case in the public register."),
           lambda c: reverse("register:case", args=[c.code])),
    Column("state_iso3", "code", _("ISO 3166-1 alpha-3 code of the State concerned."),
           lambda c: c.state_iso3),
    Column("state_name", "text", _("Name of the State concerned."), lambda c: c.state_name),
    Column("status", "code", _("Where the case stands (case status codes)."), lambda c: c.status),
    Column("title", "text", _("Public title of the case."), lambda c: c.title),
    Column("summary", "text", _("Public summary; empty when none was written for publication."),
           lambda c: c.summary),
    Column("opened_on", "date", _("When the first act took place or was reported."),
           lambda c: c.opened_on),
    Column("public_from", "datetime", _("When the case became public under the publication rule."),
           lambda c: c.public_from.isoformat()),
    Column("subjects", "list", _("People and groups concerned: the name of those who consented "
                                 "to be named, a stable pseudonym for the others."),
           lambda c: [s.label for s in c.subjects]),
    Column("act_types", "list", _("Types of the acts of reprisal (act type codes)."),
           lambda c: list(dict.fromkeys(a.type for a in c.acts))),
    Column("acts", "records", _("Acts of reprisal: type, date, perpetrator_type, legal_basis."),
           lambda c: _records(c.acts, "type", "date", "perpetrator_type", "legal_basis")),
    Column("engagements", "records", _("Cooperation with the UN that is said to have triggered "
                                       "the reprisals: mechanism, kind, date."),
           lambda c: _records(c.engagements, "mechanism", "kind", "date")),
    Column("un_actions", "records", _("What the UN did: kind, mechanism, date, reference."),
           lambda c: _records(c.actions, "kind", "mechanism", "date", "reference")),
    Column("state_responses", "records", _("How the State answered: response, date."),
           lambda c: [{"response": label, "date": date} for label, date in c.responses]),
    Column("sources", "records", _("Published sources: title, author, url, published_on, "
                                   "locator (where in the source)."),
           lambda c: [asdict(s) for s in c.sources]),
)  # fmt: skip

COMMUNICATION_COLUMNS = (
    Column("id", "integer", _("Stable number of the communication in the register."),
           lambda m: m.id),
    Column("url", "url", _("Page of the communication in the public register."),
           lambda m: reverse("register:communication", args=[m.id])),
    Column("reference", "text", _("UN reference, e.g. AL CHN 4/2021; empty if the source gives "
                                  "none."), lambda m: m.reference),
    Column("type", "code", _("Kind of letter (communication type codes)."), lambda m: m.type),
    Column("addressee_iso3", "code", _("ISO 3166-1 alpha-3 code of the State addressed; empty "
                                       "for other addressees."), lambda m: m.addressee_iso3),
    Column("addressee_name", "text", _("Name of the State addressed."),
           lambda m: m.addressee_name),
    Column("mandates", "list", _("UN mandates that signed the letter."),
           lambda m: list(m.mandates)),
    Column("sent_on", "date", _("When the letter was sent, as precisely as known."),
           lambda m: m.sent_on),
    Column("public_from", "datetime", _("When the letter became public under the publication "
                                        "rule."), lambda m: m.public_from.isoformat()),
    Column("subject", "text", _("What the letter is about."), lambda m: m.subject),
    Column("text", "text", _("Published text of the letter; empty when only its details are "
                             "published."), lambda m: m.text),
    Column("case_codes", "list", _("Public cases the letter covers."),
           lambda m: list(m.case_codes)),
    Column("reply_due", "date", _("Date by which the State was asked to reply."),
           lambda m: m.reply_due.isoformat()),
    Column("replied", "boolean", _("Whether the State replied."), lambda m: m.replied),
    Column("replies", "records", _("The State's replies: received_on, response_type, text."),
           lambda m: [{"received_on": r.received_on.isoformat() if r.received_on else "",
                       "response_type": r.response_type, "text": r.text} for r in m.replies]),
)  # fmt: skip

DATASETS = {
    "cases": (_("Cases"), CASE_COLUMNS),
    "communications": (_("Communications with States"), COMMUNICATION_COLUMNS),
}


def _items(dataset, now):
    if dataset == "cases":
        return public.project_cases(public.public_case_queryset(now), now)
    letters = (public.project_communication(c, now)
               for c in public.public_communication_queryset(now))  # fmt: skip
    return [letter for letter in letters if letter]


def rows(dataset, request, now):
    """The dataset as a list of {column: value}, in English; every text as
    lib.text.printable, so that CSV and JSON readers get no control
    character, whatever is stored."""
    columns = DATASETS[dataset][1]
    with translation.override("en"):
        items = _items(dataset, now)
        return [
            {
                col.name: request.build_absolute_uri(col.value(item))
                if col.type == "url"
                else printable_data(col.value(item))
                for col in columns
            }
            for item in items
        ]


def _cell(column, value):
    if column.type == "list":
        return "; ".join(value)
    if column.type == "records":
        return json.dumps(value, ensure_ascii=False) if value else ""
    if column.type == "boolean":
        return "true" if value else "false"
    return value


def export_csv(request, dataset):
    columns = DATASETS[dataset][1]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in columns])
    for row in rows(dataset, request, timezone.now()):
        writer.writerow([_cell(c, row[c.name]) for c in columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.csv"'
    return response


def export_json(request, dataset):
    now = timezone.now()
    records = rows(dataset, request, now)
    body = {"generated_at": now.isoformat(), "count": len(records), dataset: records}
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})


CODE_LISTS = (
    (_("Case status codes"), case_vocab.CaseStatus.choices),
    (_("Act type codes"), case_vocab.ActType.choices),
    (_("Perpetrator type codes"), case_vocab.PerpetratorType.choices),
    (_("Engagement kind codes"), case_vocab.EngagementKind.choices),
    (_("UN action kind codes"), case_vocab.InterventionKind.choices),
    (_("Response type codes"), case_vocab.ResponseType.choices),
    (_("Communication type codes"), communication_vocab.CommunicationType.choices),
)


def data_dictionary(request):
    datasets = [
        {
            "name": name,
            "title": title,
            "columns": [{"name": c.name, "type": TYPES[c.type], "description": c.description}
                        for c in columns],
        }
        for name, (title, columns) in DATASETS.items()
    ]  # fmt: skip
    return render(request, "register/exports.html", {"datasets": datasets, "codes": CODE_LISTS})
