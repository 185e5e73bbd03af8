"""Chain the audit trail: sequence numbers and hashes, then forbid changes."""

from django.db import migrations, models

from reprisals.audit.models import GENESIS


def chain_existing(apps, schema_editor):
    from reprisals.audit.models import AuditEntry as Current

    AuditEntry = apps.get_model("audit", "AuditEntry")
    previous = GENESIS
    for sequence, entry in enumerate(AuditEntry.objects.order_by("id"), start=1):
        shaped = Current(
            sequence=sequence, at=entry.at, actor_id=entry.actor_id, action=entry.action,
            model=entry.model, object_pk=entry.object_pk, fields=entry.fields,
            previous_hash=previous,
        )  # fmt: skip
        entry.sequence, entry.previous_hash = sequence, previous
        entry.entry_hash = previous = shaped.compute_hash()
        entry.save()


SQLITE_TRIGGERS = [
    "CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    # reprisals_audit_erasable() exists only on connections opened by the
    # application (audit/erasure.py); elsewhere the call itself fails.
    "CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_auditentry "
    "WHEN NOT reprisals_audit_erasable() "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE'
         AND coalesce(current_setting('reprisals.audit_erasable', true), '') = 'on' THEN
        RETURN NULL;
      END IF;
      RAISE EXCEPTION 'the audit trail is append-only';
    END $$""",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(vendor, []):
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER audit_entry_append_only_update")
        schema_editor.execute("DROP TRIGGER audit_entry_append_only_delete")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION audit_entry_append_only() CASCADE")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["sequence"], "verbose_name_plural": "audit entries"},
        ),
        migrations.AlterField(
            model_name="auditentry", name="at", field=models.DateTimeField(db_index=True)
        ),
        migrations.AddField(
            model_name="auditentry", name="sequence",
            field=models.PositiveBigIntegerField(null=True),
        ),  # fmt: skip
        migrations.AddField(
            model_name="auditentry", name="previous_hash",
            field=models.CharField(max_length=64, default=""), preserve_default=False,
        ),  # fmt: skip
        migrations.AddField(
            model_name="auditentry", name="entry_hash",
            field=models.CharField(max_length=64, null=True),
        ),  # fmt: skip
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry", name="sequence",
            field=models.PositiveBigIntegerField(
                unique=True, help_text="Position in the chain, from 1, without gaps."),
        ),  # fmt: skip
        migrations.AlterField(
            model_name="auditentry", name="previous_hash",
            field=models.CharField(max_length=64, help_text="entry_hash of the entry before."),
        ),  # fmt: skip
        migrations.AlterField(
            model_name="auditentry", name="entry_hash",
            field=models.CharField(
                max_length=64, unique=True,
                help_text="SHA-256 of this entry's content and previous_hash."),
        ),  # fmt: skip
        migrations.RunPython(create_triggers, drop_triggers),
    ]
