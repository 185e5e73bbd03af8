from django.core.management.base import BaseCommand, CommandError

from reprisals.backups.archive import write_backup
from reprisals.backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Write an encrypted, integrity-checked archive of the database and the files "
        "directory to PATH (a new file, readable by its owner only). Restoring it needs "
        "the key file: keep a copy of the key file somewhere else."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write; must not exist yet.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            summary = write_backup(options["path"], using=options["database"])
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from None
        rows = sum(summary["rows"].values())
        self.stdout.write(
            f"Backup written to {options['path']}: {rows} rows in {len(summary['rows'])} "
            f"tables, {summary['files']} files ({summary['file_bytes']} bytes); "
            f"key version {summary['kek_version']}."
        )
