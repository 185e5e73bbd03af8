from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from reprisals.communications.models import Communication
from reprisals.register import queries
from reprisals.reporting import rendering, reports, scope
from reprisals.reporting.analysis import PeriodError
from reprisals.reporting.management.commands._reporting import (
    EVERY_TEAM,
    PUBLIC,
    add_output,
    render,
    write,
    year,
)


class Command(BaseCommand):
    help = (
        "A State's figures computed from the records for the reports of a period — cases per "
        "year, rank, reports citing it, follow-up rate, persistent cases, distributions, "
        "patterns, replies — beside the figures published about it for the same period, each "
        "with its source. JSON goes to standard output unless --output is given; HTML and PDF "
        "are written to a file whose path is printed. Counts every team's cases; --public "
        "counts only what the publication rule makes public now. "
        "Example: reprisals report state CHN --from 2010 --to 2019 --format pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("state", help="ISO 3166-1 alpha-3 code of the State, e.g. CHN.")
        parser.add_argument("--from", dest="first", type=year, help="First year, e.g. 2010.")
        parser.add_argument("--to", dest="last", type=year, help="Last year, e.g. 2019.")
        parser.add_argument(
            "--public",
            action="store_true",
            help="Count only the cases and letters the public may see now.",
        )
        add_output(parser, ["json", "html", "pdf"])

    def handle(self, *args, state, first, last, public, format, output, **options):
        now = timezone.now()
        if public:
            cases, letters = scope.public_cases(now), queries.public_communications(now)
        else:
            cases, letters = scope.all_cases(), Communication.objects.all()
        with translation.override("en"):
            try:
                report = reports.state_report(state, cases, letters, now=now, public=public,
                                              scope=PUBLIC if public else EVERY_TEAM,
                                              first=first, last=last)  # fmt: skip
            except PeriodError as error:
                raise CommandError(str(error)) from None
            if report is None:
                raise CommandError(f"No State with the code {state!r}: give an ISO 3166-1 "
                                   "alpha-3 code such as CHN.")  # fmt: skip
            if format == "json":
                content = rendering.state_json(report)
            else:
                content = render("state", report, format)
        if format == "json" and output is None:
            self.stdout.write(content)
            return
        span = "-".join(str(y) for y in report.figures.period or ())
        write(self, content, f"reprisals-{state}-{span or 'all'}.{format}", output)
