"""Encryption at rest (vault): what the database holds, tampering, the
guard against writing plain text, key rotation and blind-index search."""

import base64
import io
import multiprocessing
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django_otp.oath import TOTP

from reprisals.accounts.two_factor import new_device
from reprisals.cases.models import Case, Person
from reprisals.vault import keyring, rotation
from reprisals.vault.fields import PlaintextRefused
from reprisals.vault.keyring import UnknownKeyVersion
from reprisals.vault.sealing import TamperedCiphertext
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.leak_plant import Planter
from tests.sealed import person_named

DETECTED = (TamperedCiphertext, UnknownKeyVersion)


@pytest.fixture
def key_file(settings, tmp_path):
    """A key file of this test's own, so rotation touches nothing else."""
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "reprisals.key")
    keyring.forget()
    yield tmp_path / "reprisals.key"
    keyring.forget()


@pytest.fixture
def records(key_file, db):
    Planter(seed=3).plant(count=12)


def raw(model, pk, column):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s",
                       [pk])  # fmt: skip
        return cursor.fetchone()[0]


def write_raw(model, pk, column, value):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
            [value, pk],
        )


def loads(model, pk):
    """True if the row opens; False if tampering was detected."""
    try:
        model.objects.get(pk=pk)
    except DETECTED:
        return False
    return True


def sealed_rows():
    return [(model, pk) for model in rotation.sealed_models()
            for pk in model.objects.order_by("pk").values_list("pk", flat=True)]  # fmt: skip


def flip_a_bit(value, rng):
    data = bytearray(base64.b64decode(value))
    position = rng.randrange(len(data))
    data[position] ^= 1 << rng.randrange(8)
    return base64.b64encode(bytes(data)).decode()


@pytest.mark.django_db
def test_the_database_holds_ciphertext_and_the_model_plain_text(key_file, team):
    person = Person.objects.create(team=team, name="Zyxwv Plantedname", address="12 Hidden Road")
    stored = raw(Person, person.pk, "name")
    assert "Zyxwv" not in stored and "Hidden" not in raw(Person, person.pk, "address")
    assert Person.objects.get(pk=person.pk).name == "Zyxwv Plantedname"
    # The same text sealed twice gives different ciphertexts (a fresh nonce each time).
    person.save()
    assert raw(Person, person.pk, "name") != stored


@pytest.mark.django_db
def test_every_edited_ciphertext_is_detected(records):
    rng = random.Random(11)
    trials = detected = 0
    for model, pk in sealed_rows():
        for field in model.sealed_fields():
            original = raw(model, pk, field.column)
            write_raw(model, pk, field.column, flip_a_bit(original, rng))
            trials += 1
            detected += not loads(model, pk)
            write_raw(model, pk, field.column, original)
            assert loads(model, pk)
    print(f"edited ciphertexts: {detected} of {trials} detected")
    assert trials > 300 and detected == trials


@pytest.mark.django_db
def test_every_ciphertext_moved_to_another_row_or_column_is_detected(records):
    trials = detected = 0
    for model, pk in sealed_rows():
        others = [p for m, p in sealed_rows() if m is model and p != pk][:2]
        columns = [f.column for f in model.sealed_fields()]
        for column in columns:
            original = raw(model, pk, column)
            moves = [raw(model, other, column) for other in others]  # another row
            moves += [raw(model, pk, c) for c in columns if c != column][:2]  # another column
            for moved in moves:
                write_raw(model, pk, column, moved)
                trials += 1
                detected += not loads(model, pk)
            write_raw(model, pk, column, original)
    print(f"swapped ciphertexts: {detected} of {trials} detected")
    assert trials > 500 and detected == trials


@pytest.mark.django_db
def test_every_edit_of_a_rows_key_identity_or_version_is_detected(records):
    rotation.add_version()  # two versions exist: a changed version number is a real key
    rng = random.Random(5)
    rows = sealed_rows()
    trials = detected = 0
    for index, (model, pk) in enumerate(rows):
        other_model, other_pk = rows[index - 1]
        key, version, identity = (raw(model, pk, c) for c in ("row_key", "key_version",
                                                               "row_uuid"))  # fmt: skip
        edits = [
            ("row_key", flip_a_bit(key, rng)),
            ("row_key", raw(other_model, other_pk, "row_key")),
            ("key_version", 2),
            ("row_uuid", raw(other_model, other_pk, "row_uuid")),
        ]
        for column, value in edits:
            if model is other_model and column == "row_uuid":
                continue  # unique: the database itself refuses the duplicate
            write_raw(model, pk, column, value)
            trials += 1
            detected += not loads(model, pk)
        write_raw(model, pk, "row_key", key)
        write_raw(model, pk, "key_version", version)
        write_raw(model, pk, "row_uuid", identity)
        assert loads(model, pk)
    print(f"edited row keys, versions and identities: {detected} of {trials} detected")
    assert trials > 150 and detected == trials


@pytest.mark.django_db
def test_plain_text_is_never_written_or_compared_in_the_database(key_file, team):
    Person.objects.create(team=team, name="Zyxwv Plantedname")
    with pytest.raises(PlaintextRefused, match="Person.name is sealed"), transaction.atomic():
        Person.objects.update(name="Zyxwv Plantedname")
    with pytest.raises(PlaintextRefused, match="blind index"), transaction.atomic():
        Person.objects.filter(name__icontains="Zyxwv").exists()
    with pytest.raises(PlaintextRefused), transaction.atomic():
        Person.objects.bulk_update(list(Person.objects.all()), ["name"])
    assert "Zyxwv" not in raw(Person, Person.objects.get().pk, "name")


@pytest.mark.django_db
def test_a_name_is_found_through_its_keyed_tokens(key_file, team):
    person = Person.objects.create(team=team, name="Cao Shunli", other_names="曹顺利")
    tokens = raw(Person, person.pk, "name_index")
    assert "cao" not in tokens.lower() and "shunli" not in tokens.lower()
    assert person_named("Cao Shunli") == person
    for query in ["cao", "SHUNLI", "Shun", "曹顺利", "cao shunli"]:
        assert Person.objects.filter(_matching(query)).get() == person, query
    for query in ["Cao Wei", "hunli", "sh"]:
        assert not Person.objects.filter(_matching(query)).exists(), query


def _matching(query):
    from reprisals.vault.blind import matching

    return matching("name_index", query)


def administrator_with_code():
    user = UserFactory(username="keyholder", role="administrator")
    device = new_device(user, confirmed=True)
    return user, TOTP(device.bin_key, step=30, digits=6).token()


@pytest.mark.django_db
def test_rotation_rewraps_every_row_and_then_the_old_key_can_go(records, key_file, monkeypatch):
    before = {(m, pk): {f.name: getattr(row, f.name) for f in m.sealed_fields()}
              for m in rotation.sealed_models() for row in m.objects.all()
              for pk in [row.pk]}  # fmt: skip
    old_file = key_file.read_bytes()
    user, code = administrator_with_code()
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{code:06d}\n"))
    call_command("keys_rotate", username=user.username, stdout=out)

    assert "Key version 2 is current" in out.getvalue()
    assert rotation.rows_by_version() == {2: len(before) + 1}  # and the new device's row
    after = {(m, pk): {f.name: getattr(row, f.name) for f in m.sealed_fields()}
             for m in rotation.sealed_models() for row in m.objects.all()
             for pk in [row.pk] if (m, pk) in before}  # fmt: skip
    assert after == before
    call_command("keys_retire", "1", stdout=io.StringIO())
    assert set(keyring.keyring().keys) == {2}
    assert Case.objects.count() and all(c.title for c in Case.objects.all())

    key_file.write_bytes(old_file)  # only the retired key: nothing opens
    keyring.forget()
    with pytest.raises(DETECTED):
        list(Case.objects.all())


@pytest.mark.django_db
def test_rows_of_both_versions_open_during_a_rotation(records):
    version = rotation.add_version()
    rotation._rewrap_model(Person, version, lambda *a: None)
    assert set(rotation.rows_by_version()) == {1, 2}
    assert all(p.name for p in Person.objects.all()) and all(c.title for c in Case.objects.all())
    new = Person.objects.create(team=Person.objects.first().team, name="Written meanwhile")
    assert new.key_version == version


@pytest.mark.django_db
def test_retiring_a_key_in_use_or_the_current_one_is_refused(records):
    with pytest.raises(CommandError, match="current one"):
        call_command("keys_retire", "1")
    rotation.add_version()
    with pytest.raises(CommandError, match="rows are still wrapped under version 1"):
        call_command("keys_retire", "1")


@pytest.mark.django_db
def test_rotation_asks_an_administrator_for_password_and_code(records, monkeypatch):
    user, code = administrator_with_code()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"wrong password\n{code:06d}\n"))
    with pytest.raises(CommandError, match="Authentication failed"):
        call_command("keys_rotate", username=user.username)
    assert keyring.keyring().current == 1


def _first_use(start, queue):
    start.wait()
    queue.put(keyring.keyring().index)


def test_processes_starting_at_once_agree_on_one_key_file(key_file):
    """In development the key file is made on first use: when several
    processes start together, one file wins and every process reads it."""
    context = multiprocessing.get_context("fork")
    start, queue = context.Barrier(12), context.Queue()
    processes = [context.Process(target=_first_use, args=(start, queue)) for _ in range(12)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    seen = {queue.get(timeout=10) for _ in processes}
    assert seen == {keyring.read_key_file(key_file).index}
    assert [p.name for p in key_file.parent.iterdir()] == [key_file.name]
