"""What the `reprisals votes` commands share: the --states and --format
options, checking State codes, and writing JSON or rich tables."""

import json

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from reprisals.reference.models import State


class VotesCommand(BaseCommand):
    def add_format(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def write_json(self, document):
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str))

    def print(self, *renderables):
        console = Console(file=self.stdout, width=160, color_system=None)
        for renderable in renderables:
            console.print(renderable)


def state_codes(text):
    """ISO alpha-3 codes from `A,B,…`, each a known State, in the order given."""
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    if not codes:
        raise CommandError("--states: give ISO 3166-1 alpha-3 codes such as CHN,RUS.")
    known = set(State.objects.filter(iso3__in=codes).values_list("iso3", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise CommandError(f"No State with the code {', '.join(unknown)}: give ISO 3166-1 "
                           "alpha-3 codes such as CHN,RUS.")  # fmt: skip
    return list(dict.fromkeys(codes))


def table(title, columns, rows):
    """A rich table with a line between rows; None shows as a dash."""
    shown = Table(title=title, show_lines=True)
    for column in columns:
        shown.add_column(column)
    for row in rows:
        shown.add_row(*("—" if value is None else str(value) for value in row))
    return shown
