from dataclasses import asdict

from django.core.management.base import CommandError
from django.utils import timezone

from reprisals.diplomacy.analysis import SUPPORTED, amendment_table, normal_symbol
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.management.commands._votes import VotesCommand, state_codes, table
from reprisals.diplomacy.models import Document


class Command(VotesCommand):
    help = (
        "The amendment-support table of a resolution (e.g. A/HRC/RES/36/21) for the States "
        "given: what each publication's table marks beside what the record says (sponsored, "
        "voted yes / no, abstained, not a member, …), every disagreement flagged. Neither "
        "source is changed to fit the other. A code of a case of the register is shown only "
        "while the case is public."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol")
        parser.add_argument("--states", required=True, help="ISO alpha-3 codes, e.g. CHN,RUS.")
        self.add_format(parser)

    def handle(self, *args, symbol, **options):
        states = state_codes(options["states"])
        if not Document.objects.filter(symbol=normal_symbol(symbol)).exists():
            raise CommandError(f"No document with the symbol {symbol!r}: give a resolution's "
                               "UN symbol such as A/HRC/RES/36/21.")  # fmt: skip
        rows = amendment_table(symbol, states, PublicCodes(timezone.now()))
        if options["format"] == "json":
            self.write_json({"symbol": normal_symbol(symbol), "states": states,
                             "amendments": [asdict(row) for row in rows]})  # fmt: skip
            return
        if not rows:
            self.print(f"No amendments to {symbol} are recorded.")
            return
        sources = sorted({source for row in rows for source in row.reported}) or [None]
        for source in sources:
            self.print(self._table(symbol, states, rows, source))
        flagged = sum(len(row.disagreements) for row in rows)
        self.print("Each cell: the table's mark (X supported, · not marked) | the record.")
        self.print(f"{flagged} disagreements between a table and the record, marked ≠.")

    def _table(self, symbol, states, rows, source):
        title = (f"Amendments to {symbol}: the table of {source or 'no publication'} | "
                 "the recorded votes and sponsors")  # fmt: skip
        columns = ["amendment", *states, "outcome"]
        return table(title, columns, [_row(row, states, source) for row in rows])


def _row(row, states, source):
    reported = row.reported.get(source, {"outcome": "", "cells": {}})
    recorded = row.recorded or {"outcome": "", "cells": {}}
    flagged = {d["state"] for d in row.disagreements if d["reported_by"] == source}
    cells = []
    for iso3 in (*states, None):
        mark = reported["outcome"] if iso3 is None else reported["cells"].get(iso3)
        record = recorded["outcome"] if iso3 is None else recorded["cells"].get(iso3)
        text = (mark or "·") if iso3 is None else ("X" if mark == SUPPORTED else "·")
        cells.append(f"{text} | {record or '—'}{' ≠' if iso3 in flagged else ''}")
    return [f"{row.label}\n{row.symbol or ''}".strip(), *cells]
