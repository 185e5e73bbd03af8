from django.core.management.base import BaseCommand, CommandError

from reprisals.accounts.models import Team
from reprisals.cases.importer import load_file
from reprisals.lib.problems import InputProblems


class Command(BaseCommand):
    help = (
        "Import cases from a JSON file (format reprisals-cases/1, see reprisals/cases/README.md) "
        "into a team. All or nothing: any problem is reported with its place and nothing is "
        "saved. Re-importing the same file changes nothing. Mechanisms are shared by all teams: "
        "a mechanism already on file must be stated exactly as it is (only an administrator "
        "changes it); a new one is created and reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--team", required=True, help="Name of the team that will own them.")

    def handle(self, *args, **options):
        team = Team.objects.filter(name=options["team"]).first()
        if team is None:
            raise CommandError(f"No team named {options['team']!r}.")
        try:
            counts = load_file(options["file"], team=team)
        except InputProblems as problems:
            raise CommandError(problems.report()) from None
        new_mechanisms = counts.pop("new shared mechanisms")
        summary = ", ".join(f"{n} {name}" for name, n in counts.items()) + " imported."
        if new_mechanisms:
            summary += (
                f" {new_mechanisms} new shared mechanism(s) created: every team sees and may "
                "choose them; only an administrator may change them."
            )
        self.stdout.write(summary)
