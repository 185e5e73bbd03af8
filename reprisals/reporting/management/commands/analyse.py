import json
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from reprisals.reference.models import State
from reprisals.reporting import scope
from reprisals.reporting.analysis import PERSISTENT, RANK_BY, PeriodError
from reprisals.reporting.figures import as_data
from reprisals.reporting.functions import FUNCTIONS, run


def _year(text):
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(text)
    return int(text)


class Command(BaseCommand):
    help = (
        "Compute a figure from the records, each with the codes of the cases it was computed "
        "from: cases-per-year (distinct cases first reported, cases listed new and for "
        "follow-up, mentions), ranking (competition ranking: 1, 2, 2, 4), reports-citing, "
        "follow-up-rate (followed up ÷ first reported, rounded half up), persistence (listed "
        "in four or more reports), distributions, patterns, published (published figures "
        "beside the computed ones). Years are those of the Secretary-General's reports; "
        "distributions use the year a case was opened. Counts every team's cases; --public "
        "counts only what the publication rule makes public now."
    )

    def add_arguments(self, parser):
        parser.add_argument("function", choices=FUNCTIONS)
        parser.add_argument("--state", help="ISO 3166-1 alpha-3 code of a State, e.g. CHN.")
        parser.add_argument("--from", dest="first", type=_year, help="First year, e.g. 2010.")
        parser.add_argument("--to", dest="last", type=_year, help="Last year, e.g. 2020.")
        parser.add_argument("--by", choices=RANK_BY, default=RANK_BY[0], help="Ranking only.")
        parser.add_argument(
            "--min-reports", type=int, default=PERSISTENT, help="Persistence only: at least."
        )
        parser.add_argument(
            "--public", action="store_true", help="Count only the cases the public may see now."
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, function, state, first, last, public, **options):
        if state and not State.objects.filter(iso3=state).exists():
            raise CommandError(f"No State with the code {state!r}: give an ISO 3166-1 alpha-3 "
                               "code such as CHN.")  # fmt: skip
        cases = scope.public_cases(timezone.now()) if public else scope.all_cases()
        try:
            rows = run(function, cases, public=public, state=state, first=first, last=last,
                       by=options["by"], min_reports=options["min_reports"])  # fmt: skip
        except PeriodError as error:
            raise CommandError(str(error)) from None
        data = as_data(rows)
        if options["format"] == "json":
            document = {"function": function, "scope": "public" if public else "all",
                        "state": state, "from": first, "to": last, "rows": data}  # fmt: skip
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self._table(function, data)

    def _table(self, function, rows):
        console = Console(file=self.stdout, width=160, color_system=None)
        if not rows:
            console.print(f"{function}: nothing to show.")
            return
        table = Table(title=function, show_lines=True)
        for column in rows[0]:
            table.add_column(column.replace("_", " "))
        for row in rows:
            table.add_row(*(cell(value) for value in row.values()))
        console.print(table)


def cell(value):
    """A figure as text: a count with its records, a ratio with its parts."""
    if isinstance(value, dict) and "n" in value:
        return f"{value['n']}: {', '.join(value['cases'])}" if value["cases"] else str(value["n"])
    if isinstance(value, dict) and "denominator" in value:
        percent = "—" if value.get("percent") is None else f"{value['percent']} %"
        if value.get("denominator") is None:
            shown = "—" if value.get("value") is None else str(value["value"])
        else:
            shown = f"{percent} ({value['numerator']} of {value['denominator']})"
        records = [*value.get("cases", []), *map(str, value.get("reports", [])),
                   *value.get("states", [])]  # fmt: skip
        return f"{shown}: {', '.join(records)}" if records else shown
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
