"""Checking and restoring an archive, all or nothing.

A restore goes into a database migrated to exactly the archive's migrations
that holds no data but what `migrate` fills by itself (content types,
permissions, role groups, the reference lists), which the archive's rows
replace. With `replace`, the project's `flush` (the one way to erase the
audit trail) empties the database first, in the same transaction as the
restore: a refused archive leaves everything as it was.

Errors of the database are reported by table only: their own messages may
quote stored values.
"""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from reprisals.backups import tables as db
from reprisals.backups.archive import read_backup
from reprisals.backups.errors import BackupError
from reprisals.backups.files import Staging, holds_files, uploads_dir


class Check:
    """Reads the whole archive and writes nothing."""

    def begin(self, manifest):
        pass

    def rows(self, table, columns, batch):
        pass

    def file(self, name, pieces):
        for _ in pieces:
            pass


def check_backup(path):
    return read_backup(path, Check())


def migration_differences(manifest, connection):
    archived, here = set(manifest["migrations"]), set(db.applied_migrations(connection))
    differences = []
    for label, names in (("applied there, not here", archived - here),
                         ("applied here, not there", here - archived)):  # fmt: skip
        if names:
            first, *others = sorted(names)
            more = f" and {len(others)} more" if others else ""
            differences.append(f"{label}: {first}{more}")
    return differences


class Restore:
    def __init__(self, connection, *, replace):
        self.connection = connection
        self.replace = replace
        self.staging = None

    def begin(self, manifest):
        connection = self.connection
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"the archive was made from a {manifest['vendor']} database; restore it into "
                f"{manifest['vendor']} (this database is {connection.vendor})"
            )
        if differences := migration_differences(manifest, connection):
            raise BackupError(
                "the archive was made at another migration state ("
                + "; ".join(differences)
                + "): migrate this database to the archive's state first"
            )
        self.tables = db.tables(connection)
        if sorted(manifest["tables"]) != sorted(t.name for t in self.tables):
            raise BackupError("the archive's tables are not this database's tables")
        root = uploads_dir()
        if not self.replace:
            self.refuse_if_in_use(root)
        self.staging = Staging(root)
        if self.replace:
            call_command("flush", interactive=False, verbosity=0, database=connection.alias)
        db.empty(connection, self.tables)

    def refuse_if_in_use(self, root):
        holding = db.tables_holding_rows(self.connection, [t for t in self.tables if not t.seeded])
        if holding:
            raise BackupError(
                f"this database already holds data ({len(holding)} tables with rows, e.g. "
                f"{', '.join(holding[:3])}): restore into a freshly migrated database, or "
                "pass --replace to erase this one first"
            )
        if holds_files(root):
            raise BackupError(
                f"the files directory {root} is not empty: pass --replace to erase it first"
            )

    def rows(self, table, columns, batch):
        try:
            with self.connection.cursor() as cursor:
                db.insert_rows(cursor, self.connection, table, columns, batch)
        except DatabaseError:
            raise BackupError(f"the database refused rows of table {table}") from None

    def file(self, name, pieces):
        self.staging.write(name, pieces)

    def finish(self):
        db.reset_sequences(self.connection, self.tables)
        try:
            self.connection.check_constraints()
        except DatabaseError:
            raise BackupError("the restored rows do not fit together (foreign keys)") from None
        self.staging.install()

    def undo(self):
        if self.staging:
            self.staging.undo()


def restore_backup(path, *, replace=False, using=DEFAULT_DB_ALIAS):
    restore = Restore(connections[using], replace=replace)
    try:
        with transaction.atomic(using=using):
            result = read_backup(path, restore)
            restore.finish()
    except BaseException:
        restore.undo()
        raise
    restore.staging.commit()
    return result
