"""The audit trail is tamper-evident: every single edit, deletion or
reordering is detected, and the database itself refuses changes."""

from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from reprisals.audit.chain import head, verify
from reprisals.audit.log import record
from reprisals.audit.models import AuditEntry
from tests.factories import PersonFactory

ENTRIES = 12  # recorded by the test, after those of the fixtures


class Rollback(Exception):
    pass


@contextmanager
def as_an_intruder():
    """Lift the triggers (as someone with raw database access could) and undo
    everything afterwards."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("DROP TRIGGER audit_entry_append_only_update")
                    cursor.execute("DROP TRIGGER audit_entry_append_only_delete")
                else:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending events
                    cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
            yield
            raise Rollback
    except Rollback:
        pass


@pytest.fixture
def chain(team, documenter):
    person = PersonFactory(team=team)
    for i in range(ENTRIES):
        record(documenter, f"action{i}", person, fields=[f"field{i}"])
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert len(entries) >= ENTRIES
    return entries


def test_it_links_every_entry_to_the_one_before(chain):
    assert [e.sequence for e in chain] == list(range(1, len(chain) + 1))
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.previous_hash == before.entry_hash
    verdict = verify()
    assert verdict.ok and verdict.entries == len(chain)
    assert head() == (chain[-1].sequence, chain[-1].entry_hash)


def test_the_database_refuses_updates_and_deletes(chain):
    entry = chain[3]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing happened")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert verify().ok


@pytest.mark.parametrize("field, value", [("action", "view"), ("object_pk", "999"),
                                          ("fields", ["other"]), ("actor_id", None)])  # fmt: skip
def test_it_detects_every_edited_entry(chain, field, value):
    edited = [entry for entry in chain if getattr(entry, field) != value]
    assert len(edited) >= ENTRIES
    for entry in edited:
        with as_an_intruder():
            AuditEntry.objects.filter(pk=entry.pk).update(**{field: value})
            verdict = verify()
            assert not verdict.ok
            assert f"entry #{entry.sequence} was altered" in verdict.problem


def test_it_detects_an_entry_rewritten_with_a_fresh_hash(chain):
    """Recomputing the edited entry's own hash still breaks the next link."""
    for entry in chain[:-1]:
        with as_an_intruder():
            entry.action = "view"
            AuditEntry.objects.filter(pk=entry.pk).update(
                action="view", entry_hash=entry.compute_hash()
            )
            verdict = verify()
            assert not verdict.ok
            assert f"entry #{entry.sequence + 1} does not follow" in verdict.problem


def test_it_detects_every_deleted_entry(chain):
    known = head()
    for entry in chain:
        with as_an_intruder():
            AuditEntry.objects.filter(pk=entry.pk).delete()
            verdict = verify(known_head=known)
            assert not verdict.ok, f"deleting #{entry.sequence} went unnoticed"


def test_it_detects_every_reordering(chain):
    for first, second in zip(chain, chain[1:], strict=False):
        with as_an_intruder():
            AuditEntry.objects.filter(pk=first.pk).update(sequence=10_000)
            AuditEntry.objects.filter(pk=second.pk).update(sequence=first.sequence)
            AuditEntry.objects.filter(pk=first.pk).update(sequence=second.sequence)
            assert not verify().ok, f"swapping #{first.sequence} and #{second.sequence}"


def test_its_commands_print_the_head_and_name_the_first_bad_entry(chain, capsys):
    call_command("audit_head")
    printed = capsys.readouterr().out.strip()
    assert printed == f"{chain[-1].sequence}:{chain[-1].entry_hash}"
    call_command("audit_verify", head=printed)
    assert f"OK: {len(chain)} entries" in capsys.readouterr().out
    with as_an_intruder():
        AuditEntry.objects.filter(pk=chain[4].pk).update(action="view")
        with pytest.raises(CommandError, match="entry #5 was altered"):
            call_command("audit_verify")
    with pytest.raises(CommandError, match="SEQUENCE:HASH"):
        call_command("audit_verify", head="nonsense")
