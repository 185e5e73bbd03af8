"""The one way to empty the audit trail: Django's `flush` (test suites run it
between tests). Everywhere else the table's triggers refuse UPDATE and DELETE.

On SQLite the delete trigger asks `reprisals_audit_erasable()`, a function
this module registers on every connection the application opens: it answers
true only inside `erasable()`. On PostgreSQL the trigger reads the setting
`reprisals.audit_erasable`, set for the duration of `erasable()`.
"""

import threading
from contextlib import contextmanager

from django.db.backends.signals import connection_created

_state = threading.local()


def _is_erasable():
    return 1 if getattr(_state, "erasable", False) else 0


def register_sql_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("reprisals_audit_erasable", 0, _is_erasable)


connection_created.connect(register_sql_function, dispatch_uid="reprisals-audit-erasable")


@contextmanager
def erasable(connection):
    _state.erasable = True
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET reprisals.audit_erasable = 'on'")
        yield
    finally:
        _state.erasable = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET reprisals.audit_erasable")
