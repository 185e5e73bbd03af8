from pathlib import Path

from django.core.management.base import CommandError

from reprisals.diplomacy import record
from reprisals.diplomacy.charts import frames_over_time
from reprisals.diplomacy.management.commands._votes import VotesCommand, state_codes, table
from reprisals.diplomacy.vocab import FrameKey


class Command(VotesCommand):
    help = (
        "How a State's statements frame reprisals, year by year (\"hardening\"): the "
        "statements carrying each frame (a statement may carry several), as a table or JSON, "
        "and with --chart FILE.svg or FILE.png as a chart."
    )

    def add_arguments(self, parser):
        parser.add_argument("state", help="ISO alpha-3 code, e.g. CHN.")
        parser.add_argument("--chart", type=Path, help="Write the chart to FILE.svg or FILE.png.")
        self.add_format(parser)

    def handle(self, *args, state, chart, **options):
        (iso3,) = state_codes(state)
        if chart and chart.suffix not in (".svg", ".png"):
            raise CommandError(f"--chart {chart}: the file must end in .svg or .png.")
        if chart and not chart.parent.is_dir():
            raise CommandError(f"--chart {chart}: no directory {chart.parent}.")
        frames = record.frames_by_year(iso3)
        if chart:
            drawn = frames_over_time(iso3, frames)
            if chart.suffix == ".svg":
                chart.write_text(drawn.svg, encoding="utf-8")
            else:
                chart.write_bytes(drawn.png)
        if options["format"] == "json":
            self.write_json({"state": iso3, "frames_by_year": frames})
            return
        keys = [key for key in FrameKey.values if any(key in found for found in frames.values())]
        self.print(table(f"Frames of {iso3}'s statements, per year", ["year", *keys],
                         [(year, *(found.get(key, 0) for key in keys))
                          for year, found in frames.items()]))  # fmt: skip
        if not frames:
            self.print(f"No statement of {iso3} is recorded.")
        if chart:
            self.print(f"Chart written to {chart}.")
