from django.core.management.base import BaseCommand, CommandError

from reprisals.backups.errors import BackupError
from reprisals.backups.restore import check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into a freshly migrated database (same "
        "migrations, same kind of database), all or nothing. --check verifies the whole "
        "archive and writes nothing; --replace erases this database and its files first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `reprisals backup`.")
        parser.add_argument("--check", action="store_true", help="Verify only; write nothing.")
        parser.add_argument(
            "--replace", action="store_true", help="Erase this database and its files first."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            if options["check"]:
                manifest, trailer, version = check_backup(options["path"])
            else:
                manifest, trailer, version = restore_backup(
                    options["path"], replace=options["replace"], using=options["database"]
                )
        except (BackupError, OSError) as error:
            raise CommandError(f"Archive refused, nothing was written: {error}") from None
        rows = sum(trailer["rows"].values())
        verb = "Archive OK" if options["check"] else "Restored"
        self.stdout.write(
            f"{verb}: {rows} rows in {len(trailer['rows'])} tables, {trailer['files']} files "
            f"({trailer['file_bytes']} bytes), made {manifest['created']} from a "
            f"{manifest['vendor']} database under key version {version}."
        )
