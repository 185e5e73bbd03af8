"""`reprisals backup` and `reprisals restore`: a round trip changes no stored
byte, the archive reveals nothing without the key file, and a damaged,
truncated or foreign archive is refused with nothing written."""

import secrets
import shutil
import stat

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from reprisals.backups import container
from reprisals.cases.models import Person
from reprisals.cli import main
from reprisals.reference.models import State
from reprisals.vault import keyring
from tests.factories import (
    MechanismFactory,
    PersonFactory,
    SourceFactory,
    TeamFactory,
    UserFactory,
)
from tests.leak_plant import Planter

# Commands run in their own transactions, as on the command line.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLANTED_NAME = "Zyxwv Plantedname"
FILE_MARKER = b"Qwvxz-planted-in-an-upload"
SMALL_CHUNKS = 4096  # several chunks even for a small archive


def stored_rows():
    """Every table's rows as the database holds them (SQLite's quote() / a
    PostgreSQL row cast to text), sorted: independent of the backup code."""
    quote = connection.ops.quote_name
    snapshot = {}
    with connection.cursor() as cursor:
        tables = set(connection.introspection.django_table_names(only_existing=True))
        if connection.vendor == "sqlite":
            tables.add("register_search_fts")
        for table in sorted(tables - {"django_session"}):
            if connection.vendor == "sqlite":
                names = [c.name for c in connection.introspection.get_table_description(
                    cursor, table)]  # fmt: skip
                names = ["rowid", *names] if table == "register_search_fts" else names
                row = " || '|' || ".join(f"quote({quote(n)})" for n in names)
                cursor.execute(f"SELECT {row} FROM {quote(table)}")
            else:
                cursor.execute(f"SELECT CAST(t AS text) FROM {quote(table)} AS t")
            snapshot[table] = sorted(value for (value,) in cursor.fetchall())
    return snapshot


def stored_files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def erase(uploads):
    """As on a new server: an empty database, no files."""
    call_command("flush", interactive=False)
    shutil.rmtree(uploads)


@pytest.fixture
def uploads(settings, tmp_path):
    root = tmp_path / "uploads"
    (root / "intake" / "2026").mkdir(parents=True)
    (root / "intake" / "2026" / "a1.sealed").write_bytes(secrets.token_bytes(5000))
    (root / "intake" / "plain.txt").write_bytes(b"note " + FILE_MARKER)
    (root / "empty").write_bytes(b"")
    settings.UPLOADS_DIR = root
    return root


def plant_cases(count):
    """The leak test's generated cases (a marker in every non-public field),
    numbered from 100 so their codes do not meet the demo's."""
    planter = Planter(seed=11)
    team = TeamFactory(name="Generated team")
    proposer = UserFactory(username="proposer", role="documenter", teams=[team])
    approver = UserFactory(username="approver", role="reviewer", teams=[team])
    mechanism = MechanismFactory(key="generated-sr", name="Special Rapporteur on tests")
    source = SourceFactory(team=team, title="Published UN report")
    states = list(State.objects.filter(iso3__in=["RUS", "EGY", "VEN"]))
    for i in range(100, 100 + count):
        planter.plant_case(i, team, states[i % 3], mechanism, source, proposer, approver)
    return planter.markers


@pytest.fixture
def register(demo, uploads):
    """The demo, generated cases, a planted name, files and a session;
    returns the planted markers."""
    markers = plant_cases(12)
    PersonFactory(name=PLANTED_NAME)
    SessionStore().create()
    return {*markers, PLANTED_NAME}


@pytest.fixture
def archive(register, tmp_path, monkeypatch):
    monkeypatch.setattr(container, "CHUNK_SIZE", SMALL_CHUNKS)
    path = tmp_path / "register.backup"
    call_command("backup", str(path))
    return path


def test_a_round_trip_restores_every_stored_byte(archive, uploads, capsys):
    before, files_before = stored_rows(), stored_files(uploads)
    assert sum(len(rows) for rows in before.values()) > 500
    assert len(files_before) == 3

    erase(uploads)
    assert not Person.objects.exists()
    call_command("restore", str(archive))

    assert stored_rows() == before
    assert stored_files(uploads) == files_before
    assert "Restored" in capsys.readouterr().out
    call_command("audit_verify")
    assert PLANTED_NAME in {person.name for person in Person.objects.all()}  # sealed, opens
    assert not Session.objects.exists()  # sessions are transient: not kept
    # Sequences follow the restored keys: new rows get new ones.
    newest = Person.objects.order_by("-pk").first().pk
    assert PersonFactory(name="After the restore").pk > newest


def test_the_archive_reveals_nothing_without_the_key(archive, register, capsys):
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    content = archive.read_bytes()
    assert content.startswith(container.MAGIC)
    assert len(register) > 100
    for marker in [*register, FILE_MARKER.decode(), "cases_person", "Cao Shunli"]:
        assert marker.encode() not in content, marker

    before = stored_rows()
    main(["restore", "--check", str(archive)])  # verifies, writes nothing
    assert "Archive OK" in capsys.readouterr().out
    assert stored_rows() == before
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(archive))  # never overwritten
    assert archive.read_bytes() == content


def flip(data, position):
    data[position] ^= 0x01


def damages(size):
    header = container.HEADER.size
    chunk = SMALL_CHUNKS + container.TAG_BYTES
    chunks = (size - header) // chunk
    assert chunks >= 4, "the archive should span several chunks"
    nth = lambda i: slice(header + i * chunk, header + (i + 1) * chunk)  # noqa: E731

    def swap(data):
        first, second = data[nth(1)], data[nth(2)]
        data[nth(1)], data[nth(2)] = second, first

    return {
        "magic": lambda d: flip(d, 0),
        "format": lambda d: flip(d, 17),
        "key version": lambda d: flip(d, 21),
        "salt": lambda d: flip(d, 30),
        "nonce prefix": lambda d: flip(d, 60),
        "key check": lambda d: flip(d, header - 1),
        "first chunk": lambda d: flip(d, header),
        "middle": lambda d: flip(d, size // 2),
        "a tag": lambda d: flip(d, header + chunk - 1),
        "last byte": lambda d: flip(d, size - 1),
        "chunks swapped": swap,
        "a chunk dropped": lambda d: d.__delitem__(nth(2)),
        "cut after a chunk": lambda d: d.__delitem__(slice(header + 3 * chunk, None)),
        "cut mid-chunk": lambda d: d.__delitem__(slice(size // 2, None)),
        "last byte cut": lambda d: d.__delitem__(slice(size - 1, None)),
        "cut in the header": lambda d: d.__delitem__(slice(40, None)),
        "bytes appended": lambda d: d.extend(b"\0" * 32),
        "a chunk appended": lambda d: d.extend(d[nth(1)]),
    }


def test_a_damaged_or_truncated_archive_is_refused_and_nothing_written(archive, uploads):
    before, files_before = stored_rows(), stored_files(uploads)
    original = archive.read_bytes()
    for name, damage in damages(len(original)).items():
        data = bytearray(original)
        damage(data)
        assert bytes(data) != original, name
        damaged = archive.with_name(f"damaged-{name.replace(' ', '-')}")
        damaged.write_bytes(data)
        with pytest.raises(CommandError, match="Archive refused") as refused:
            call_command("restore", str(damaged), replace=True)
        assert "Zyxwv" not in str(refused.value)
        with pytest.raises(CommandError, match="Archive refused"):
            call_command("restore", str(damaged), check=True)
        # --replace empties the database in the same transaction: undone.
        assert stored_rows() == before, name
        assert stored_files(uploads) == files_before, name
    assert not [p for p in uploads.parent.iterdir() if p.name.startswith(".uploads")]


def test_a_damaged_archive_leaves_an_empty_database_empty(archive, uploads):
    erase(uploads)
    empty = stored_rows()
    data = bytearray(archive.read_bytes())
    flip(data, len(data) - 1)  # the trailer: refused after every row was inserted
    archive.write_bytes(data)
    with pytest.raises(CommandError, match="does not authenticate"):
        call_command("restore", str(archive))
    assert stored_rows() == empty
    assert not uploads.exists()


@pytest.fixture
def use_key_file(settings):
    original = settings.ENCRYPTION_KEY_FILE

    def use(path):
        settings.ENCRYPTION_KEY_FILE = str(path)
        keyring.forget()

    yield use
    settings.ENCRYPTION_KEY_FILE = original
    keyring.forget()


def test_another_key_file_is_refused(archive, uploads, tmp_path, use_key_file):
    erase(uploads)
    empty = stored_rows()
    other = tmp_path / "other.key"
    keyring.create_key_file(other)
    use_key_file(other)
    with pytest.raises(CommandError, match="does not open with this key file"):
        call_command("restore", str(archive))
    retired = tmp_path / "retired.key"
    keyring.write_key_file(retired, current=7, keys={7: keyring.new_key()}, index=keyring.new_key())
    use_key_file(retired)
    with pytest.raises(CommandError, match="key version 1, which the key file"):
        call_command("restore", str(archive))
    assert stored_rows() == empty


def test_it_refuses_a_database_in_use_or_at_another_migration_state(archive, uploads):
    before = stored_rows()
    with pytest.raises(CommandError, match="already holds data.*--replace"):
        call_command("restore", str(archive))
    call_command("flush", interactive=False)
    with pytest.raises(CommandError, match="files directory .* is not empty"):
        call_command("restore", str(archive))
    recorder = MigrationRecorder(connection)
    recorder.record_applied("backups", "0001_imaginary")
    try:
        with pytest.raises(CommandError, match="another migration state.*backups.0001_imaginary"):
            call_command("restore", str(archive), replace=True)
    finally:
        recorder.record_unapplied("backups", "0001_imaginary")
    call_command("restore", str(archive), replace=True)
    assert stored_rows() == before
