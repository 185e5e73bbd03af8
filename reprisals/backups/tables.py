"""The tables a backup holds, read and written as raw database values.

Rows are read with a plain SELECT of the table's columns, never through the
models: a sealed field stays the ciphertext it is in the database, byte for
byte, and opens again after a restore because its row keeps its row_uuid and
wrapped key. Values are written back as they were read, so an archive
restores into the same kind of database (SQLite or PostgreSQL) only.

Every table of every installed model is kept except `django_session`:
sessions are transient, and staff log in again after a restore. On SQLite
the virtual tables (the FTS5 search index) are kept too, by rowid.
"""

import base64
import datetime
import decimal
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder

from reprisals.backups.errors import BackupError

SKIPPED = {"django_session"}
# What `migrate` fills by itself: a restore replaces these without asking.
SEEDED_MODELS = {"contenttypes.contenttype", "auth.permission", "auth.group",
                 "auth.group_permissions"}  # fmt: skip
SEEDED_APPS = {"reference"}
BATCH = 1000


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple
    order_by: str
    model: type | None = None  # None for a virtual table

    @property
    def seeded(self):
        if self.model is None:
            return True  # a derived index, rebuilt with the rows
        meta = self.model._meta
        return meta.label_lower in SEEDED_MODELS or meta.app_label in SEEDED_APPS


def tables(connection):
    """The tables to back up, models in INSTALLED_APPS order (foreign keys
    are checked at commit on both databases, so order is not critical)."""
    found, seen = [], set(SKIPPED)
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        columns = tuple(f.column for f in meta.local_concrete_fields)
        found.append(Table(meta.db_table, columns, meta.pk.column, model))
    return found + virtual_tables(connection)


def virtual_tables(connection):
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
        names = [name for (name,) in cursor.fetchall()]
        found = []
        for name in names:
            cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(name)})")
            columns = tuple(row[1] for row in cursor.fetchall())
            found.append(Table(name, ("rowid", *columns), "rowid"))
    return found


@contextmanager
def snapshot(connection):
    """One read-only transaction for the whole dump, so that the tables agree.

    PostgreSQL: REPEATABLE READ. SQLite: a plain (deferred) BEGIN, not the
    BEGIN IMMEDIATE of Django's atomic(), which would hold off every writer
    until the backup ends; in WAL mode the reader keeps its snapshot and
    writers go on.
    """
    if connection.in_atomic_block:  # inside a caller's transaction: use it
        yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic(using=connection.alias):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def applied_migrations(connection):
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _quoted(connection, names):
    return ", ".join(connection.ops.quote_name(n) for n in names)


def read_rows(connection, table):
    """The table's rows, in primary-key order, a batch at a time (a
    server-side cursor on PostgreSQL)."""
    quote = connection.ops.quote_name
    sql = (f"SELECT {_quoted(connection, table.columns)} FROM {quote(table.name)} "
           f"ORDER BY {quote(table.order_by)}")  # fmt: skip
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(BATCH):
            yield from batch


def insert_rows(cursor, connection, name, columns, rows):
    placeholders = ", ".join(["%s"] * len(columns))
    cursor.executemany(
        f"INSERT INTO {connection.ops.quote_name(name)} ({_quoted(connection, columns)}) "
        f"VALUES ({placeholders})",
        rows,
    )


def tables_holding_rows(connection, found):
    quote = connection.ops.quote_name
    holding = []
    with connection.cursor() as cursor:
        for table in found:
            cursor.execute(f"SELECT 1 FROM {quote(table.name)} LIMIT 1")
            if cursor.fetchone():
                holding.append(table.name)
    return holding


def empty(connection, found):
    """Delete every row (after the check above, only seeded and derived rows)."""
    with connection.cursor() as cursor:
        for table in reversed(found):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table.name)}")


def reset_sequences(connection, found):
    models = [t.model for t in found if t.model is not None]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


# -- raw values in JSON --------------------------------------------------------

TAGS = {
    "b": (lambda v: base64.b64encode(v).decode(), base64.b64decode),
    "dt": (datetime.datetime.isoformat, datetime.datetime.fromisoformat),
    "d": (datetime.date.isoformat, datetime.date.fromisoformat),
    "t": (datetime.time.isoformat, datetime.time.fromisoformat),
    "n": (str, decimal.Decimal),
    "u": (str, uuid.UUID),
    "td": (lambda v: [v.days, v.seconds, v.microseconds], lambda v: datetime.timedelta(*v)),
}
TYPES = [(bytes, "b"), (memoryview, "b"), (datetime.datetime, "dt"), (datetime.date, "d"),
         (datetime.time, "t"), (decimal.Decimal, "n"), (uuid.UUID, "u"),
         (datetime.timedelta, "td")]  # fmt: skip


def encode(value, table):
    """A JSON value: as it is for None, bool, int, float and str; a one-key
    object naming the type otherwise."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    for kind, tag in TYPES:
        if isinstance(value, kind):
            return {tag: TAGS[tag][0](bytes(value) if tag == "b" else value)}
    raise BackupError(f"table {table}: cannot back up a value of type {type(value).__name__}")


def decode(value):
    if isinstance(value, dict):
        ((tag, held),) = value.items()
        return TAGS[tag][1](held)
    return value
