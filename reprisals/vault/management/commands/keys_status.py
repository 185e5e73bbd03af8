"""`reprisals keys status`: the key file's versions and how many rows use each."""

from django.core.management.base import BaseCommand

from reprisals.vault import keyring, rotation


class Command(BaseCommand):
    help = "Show the key versions in the key file and the sealed rows under each."

    def handle(self, *args, **options):
        ring = keyring.keyring(reload=True)
        counts = rotation.rows_by_version()
        self.stdout.write(f"Key file: {ring.path}")
        for version in sorted({*ring.keys, *counts}):
            mark = " (current)" if version == ring.current else ""
            missing = "" if version in ring.keys else "  MISSING FROM THE KEY FILE"
            self.stdout.write(f"  version {version}{mark}: {counts.get(version, 0)} rows{missing}")
