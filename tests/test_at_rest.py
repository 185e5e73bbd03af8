"""Done-when of issue 4: after loading the demo and 100 generated cases (and
a defender's report with a photo), no planted name or marker appears in
plain text in the database file, its WAL and journal, the uploads, the
logs or the backup. The bytes themselves are searched.

The filling runs in a child process against a database of its own, as a
real deployment would: committed, checkpointed or not, whatever the
database engine chose to keep on disk.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.test_demo import DEMO_NAMES

ROOT = Path(__file__).resolve().parent.parent


def fill(outdir, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "REPRISALS_VAR_DIR": str(outdir / "var")}
    env.pop("REPRISALS_KEY_FILE", None)  # the child's var/ gets a key file of its own
    result = subprocess.run([sys.executable, "-m", "tests.at_rest.fill", str(outdir)], cwd=ROOT,
                            env=env, capture_output=True, timeout=900)  # fmt: skip
    (outdir / "child.log").write_bytes(result.stdout + result.stderr)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    return json.loads((outdir / "markers.json").read_text())


def wanted(markers):
    """Each planted marker and demo name, as the bytes to look for."""
    return [m.encode() for m in [*markers, *DEMO_NAMES]]


def found_in(paths, needles):
    """{path: [needles found]} over the raw bytes of every file."""
    pattern = re.compile(b"|".join(re.escape(n) for n in needles))
    hits = {}
    for path in paths:
        data = path.read_bytes()
        if found := sorted({m.group().decode() for m in pattern.finditer(data)}):
            hits[str(path)] = found
    return hits


def files_under(directory):
    return [p for p in directory.rglob("*") if p.is_file()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run")
def test_no_plain_text_on_disk_with_sqlite(tmp_path):
    markers = fill(tmp_path, f"sqlite:///{tmp_path / 'var' / 'register.sqlite3'}")
    var = files_under(tmp_path / "var")
    assert any(p.name.endswith("-wal") for p in var), "expected the WAL beside the database"
    assert any(p.parent.name == "uploads" or "uploads" in p.parts for p in var), "no upload"
    searched = [p for p in var if p.name != "reprisals.key"]
    searched += [tmp_path / "register.backup", tmp_path / "child.log"]
    assert len(markers) > 1000
    assert found_in(searched, wanted(markers)) == {}
    # The search can fail: the child's markers file holds them all.
    assert found_in([tmp_path / "markers.json"], wanted(markers[:1]))


def postgres_data_directory():
    """The cluster's directory, from Debian's pg_lsclusters, if this user may read it."""
    try:
        lines = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True,
                               check=True).stdout.splitlines()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    port = str(settings.DATABASES["default"]["PORT"] or 5432)
    for fields in (line.split() for line in lines):
        if fields[2] == port and os.access(fields[5], os.R_OK | os.X_OK):
            return Path(fields[5])
    return None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL run")
# CREATE DATABASE runs outside a transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_plain_text_on_disk_with_postgresql(tmp_path):
    data_directory = postgres_data_directory()
    if data_directory is None:
        pytest.skip("the PostgreSQL data directory is not readable here (CI runs as root)")
    name = f"reprisals_at_rest_{secrets.token_hex(4)}"
    db = settings.DATABASES["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    try:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
        with connection.cursor() as cursor:
            # WAL written from now on: older segments may hold other runs' data.
            cursor.execute("SELECT pg_walfile_name(pg_current_wal_lsn())")
            (first_segment,) = cursor.fetchone()
        markers = fill(tmp_path, url)
        with connection.cursor() as cursor:
            cursor.execute("SELECT oid FROM pg_database WHERE datname = %s", [name])
            (oid,) = cursor.fetchone()
        searched = files_under(data_directory / "base" / str(oid))
        segments = [p for p in files_under(data_directory / "pg_wal")
                    if len(p.name) == 24 and p.name >= first_segment]  # fmt: skip
        assert segments, "no WAL segment found"
        searched += segments
        searched += [p for p in files_under(tmp_path / "var") if p.name != "reprisals.key"]
        searched += [tmp_path / "register.backup", tmp_path / "child.log"]
        assert len(markers) > 1000
        assert found_in(searched, wanted(markers)) == {}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
