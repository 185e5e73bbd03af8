from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reprisals.reporting import rendering, reports, scope
from reprisals.reporting.management.commands._reporting import (
    EVERY_TEAM,
    add_output,
    render,
    write,
    year,
)


class Command(BaseCommand):
    help = (
        "Write the country-by-country section of a year's report (annex I: new cases, annex "
        "II: follow-up), with the figures published for it beside the computed ones, and "
        "charts. Lists and counts only the cases whose people all consented to publication "
        "(named, or under a pseudonym). Prints the path of the file written. "
        "Example: reprisals report cycle 2020 --format pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=year, help="Year of the report, e.g. 2020.")
        add_output(parser, ["pdf", "html", "csv"])
        parser.add_argument(
            "--charts", type=Path, metavar="DIR", help="Also write each chart as PNG and SVG here."
        )

    def handle(self, *args, year, format, output, charts, **options):
        if charts and not charts.is_dir():
            raise CommandError(f"{charts} is not a directory.")
        with translation.override("en"):
            report = reports.cycle_report(year, scope.all_cases(), scope=EVERY_TEAM)
            if report is None:
                raise CommandError(f"No report of {year} is on record.")
            if format == "csv":
                content = rendering.cycle_csv(report)
            else:
                content = render("cycle", report, format)
        write(self, content, f"reprisals-report-{year}.{format}", output)
        for chart in report.charts if charts else ():
            write(self, chart.png, f"{year}-{chart.name}.png", charts)
            write(self, chart.svg, f"{year}-{chart.name}.svg", charts)
