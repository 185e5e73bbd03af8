from django.core.management.base import BaseCommand, CommandError

from reprisals.diplomacy.popolo import write_popolo
from reprisals.reference.models import Body


class Command(BaseCommand):
    help = (
        "Write the diplomatic record as Popolo JSON (organizations, areas, motions, vote events "
        "with their counts and votes), valid against the Popolo 1.0.1 schemas, with what Popolo "
        "has no place for under `reprisals` members. Everything here is public record."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: standard output).")
        parser.add_argument("--body", help="Only this body's votes, e.g. HRC or GA.")

    def handle(self, *args, **options):
        body = options["body"]
        if body and not Body.objects.filter(code=body).exists():
            raise CommandError(f"No body with the code {body!r}.")
        if not options["output"]:
            write_popolo(_Unended(self.stdout), body=body)
            return
        try:
            with open(options["output"], "w", encoding="utf-8") as stream:
                write_popolo(stream, body=body)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from None
        self.stderr.write(f"Written to {options['output']}.")


class _Unended:
    """The command's output without the newline it adds to each write."""

    def __init__(self, output):
        self.output = output

    def write(self, text):
        self.output.write(text, ending="")
