"""`reprisals keys retire VERSION`: remove an old KEK once no row uses it."""

from django.core.management.base import BaseCommand, CommandError

from reprisals.vault import rotation


class Command(BaseCommand):
    help = "Remove an old key-encryption key from the key file (refused while rows use it)."

    def add_arguments(self, parser):
        parser.add_argument("version", type=int)

    def handle(self, *args, version, **options):
        try:
            rotation.retire(version)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Key version {version} removed from the key file.")
