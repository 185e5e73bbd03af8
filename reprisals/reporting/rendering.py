"""Reports (reporting.reports) as files: HTML, PDF (WeasyPrint, from the same
HTML) and CSV; JSON for a State's figures.

Reports are in English, like the Secretary-General's: build and render them
under `translation.override("en")`. The HTML is one
self-contained file: styles inline, charts embedded as SVG. Fonts for the
PDF: DejaVu Sans (Latin, Cyrillic, Arabic) then WenQuanYi Micro Hei (Chinese),
from Debian's fonts-dejavu-core and fonts-wqy-microhei; a script without a
font still extracts as text, but prints as empty boxes.
"""

import csv
import io
import json

from django.template.loader import render_to_string

from reprisals.lib.text import printable, printable_data
from reprisals.reporting.figures import as_data

TEMPLATES = {
    "cycle": "reporting/cycle_report.html",
    "oral_update": "reporting/oral_update.html",
    "state": "reporting/state_report.html",
}


def html(kind, report):
    """The report as an HTML document (and so the PDF), every text as
    lib.text.printable whatever is stored."""
    return printable(render_to_string(TEMPLATES[kind], {"report": report}))


def pdf(document):
    """PDF bytes of an HTML document."""
    from weasyprint import HTML  # imported when needed: it loads Pango

    return HTML(string=document).write_pdf()


def cycle_csv(report):
    """One row per case listed, annex by annex, State by State."""
    rows = [
        [
            "report_year",
            "report_symbol",
            "state_iso3",
            "state_name",
            "annex",
            "case_code",
            "title",
            "people",
            "acts",
            "first_reported",
            "paragraph",
            "listed_under_symbol",
        ]
    ]
    for country in report.countries:
        for annex, entries in (("I", country.new), ("II", country.follow_up)):
            for entry in entries:
                case = entry.case
                rows.append([
                    report.cycle.year, report.cycle.symbol, country.iso3, country.name, annex,
                    case.code, case.title, "; ".join(s.label for s in case.subjects),
                    "; ".join(dict.fromkeys(a.type_label for a in case.acts)),
                    entry.first_reported, entry.paragraph, entry.listed_under,
                ])  # fmt: skip
    return _csv(rows)


def oral_update_csv(report):
    """One row per thing that happened; `state_response` is left for the State."""
    rows = [["state_iso3", "state_name", "case_code", "title", "people", "date", "kind", "what",
             "state_response"]]  # fmt: skip
    for iso3, name, entries in report.states:
        for entry in entries:
            case = entry.case
            people = "; ".join(s.label for s in case.subjects)
            for happening in entry.happenings:
                rows.append([iso3, name, case.code, case.title, people, happening.date,
                             happening.kind, happening.what, ""])  # fmt: skip
    return _csv(rows)


def state_json(report):
    figures = report.figures
    document = {
        "state": figures.iso3,
        "state_name": figures.name,
        "from": figures.period[0] if figures.period else None,
        "to": figures.period[1] if figures.period else None,
        "scope": report.scope,
        "generated_at": report.generated_at.isoformat(),
        "computed_source": "Computed from the records of the Reprisals Register; each figure "
        "lists the cases it was computed from.",
        "computed": as_data(figures),
        "published": as_data(figures.published),
    }
    del document["computed"]["published"]
    return json.dumps(printable_data(document), ensure_ascii=False, indent=2)


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [[printable(str(v)) for v in row] for row in rows]
    )
    return buffer.getvalue()
