"""Django's SQLite backend, with the database file readable by its owner only.

SQLite creates a missing database file with the process's umask (0644 under
the usual 022), and gives its -wal and -shm files the database file's mode.
So the file (and its folder) is made owner-only here, just before SQLite
opens it, and the journal files follow. In-memory databases (the tests')
have no file.
"""

from pathlib import Path

from django.db.backends.sqlite3 import base

from reprisals.lib.private_files import make_file_private, private_directory


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = conn_params["database"]
        if not self.creation.is_in_memory_db(name) and not str(name).startswith("file:"):
            private_directory(Path(name).parent)
            make_file_private(name)
        return super().get_new_connection(conn_params)
