"""What the import commands share: the progress bar and the error report."""

from django.core.management.base import BaseCommand, CommandError

from reprisals.diplomacy.importing.progress import Bar
from reprisals.lib.problems import InputProblems


class ImportCommand(BaseCommand):
    importer = None  # staticmethod(function (path, *, actor, bar) -> Tally)

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            with Bar(enabled=self.stderr.isatty()) as bar:
                tally = self.importer(options["path"], actor=None, bar=bar)
        except InputProblems as problems:
            raise CommandError(problems.report()) from None
        self.stdout.write(f"Imported. {tally.summary()}.")
