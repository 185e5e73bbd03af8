from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reprisals.reporting import rendering, reports, scope
from reprisals.reporting.management.commands._reporting import (
    EVERY_TEAM,
    add_output,
    day,
    render,
    write,
)


class Command(BaseCommand):
    help = (
        "Write the oral update for the Human Rights Council Presidency: the cases and the "
        "actions taken on them since the last session, by State, with an empty column for "
        "the State's response. Lists only the cases whose people all consented to "
        "publication, and only public letters. Prints the path of the file written. "
        "Example: reprisals report oral-update --since 2021-06-01 --format pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=day,
            help="First day to cover, YYYY-MM-DD; default: "
            "the day after the period of the latest report on record.",
        )
        parser.add_argument("--until", type=day, help="Last day to cover; default: today.")
        add_output(parser, ["pdf", "html", "csv"])

    def handle(self, *args, since, until, format, output, **options):
        if since and until and until < since:
            raise CommandError(f"The period ends ({until}) before it starts ({since}).")
        with translation.override("en"):
            try:
                report = reports.oral_update(scope.all_cases(), scope=EVERY_TEAM, since=since,
                                             until=until)  # fmt: skip
            except reports.NoSessionDate as error:
                raise CommandError(str(error)) from None
            if format == "csv":
                content = rendering.oral_update_csv(report)
            else:
                content = render("oral_update", report, format)
        name = f"reprisals-oral-update-{report.since}-{report.until}.{format}"
        write(self, content, name, output)
