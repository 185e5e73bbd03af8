"""Sealing rows that were stored in the clear, for data migrations.

Historical models in migrations have neither SealedModel's methods nor its
loading hook, so this works on raw rows: for each row it makes the row's
identity and data key, seals the listed columns, computes blind indexes
from the plain text, and turns import keys into their keyed digests.
"""

import base64
import uuid

from django.db import migrations

from reprisals.vault import blind, keyring, sealing


def seal_existing(app_label, specs):
    """A RunPython sealing `specs` = {model: {"sealed": [...], "indexes": {...}, "key": bool}}."""

    def forward(apps, schema_editor):
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        for model_name, spec in specs.items():
            model = apps.get_model(app_label, model_name)
            table = model._meta.db_table
            sealed = spec.get("sealed", [])
            indexes = spec.get("indexes", {})
            read = sorted({*sealed, *(c for cols in indexes.values() for c in cols)})
            read += ["key"] if spec.get("key") else []
            uuid_field = model._meta.get_field("row_uuid")
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id, {', '.join(map(quote, read))} FROM {quote(table)}")
                rows = cursor.fetchall()
            for row_id, *values in rows:
                plain = dict(zip(read, values, strict=True))
                updates = sealed_row(table, sealed, plain)
                updates["row_uuid"] = uuid_field.get_db_prep_value(updates["row_uuid"], connection)
                for column, sources in indexes.items():
                    text = "\n".join(plain[c] or "" for c in sources)
                    updates[column] = blind.document_tokens(text)
                if spec.get("key") and plain["key"]:
                    updates["key"] = blind.key_token(plain["key"])
                assignments = ", ".join(f"{quote(c)} = %s" for c in updates)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",
                        [*updates.values(), row_id],
                    )

    return migrations.RunPython(forward, elidable=False)


def sealed_row(table, columns, plain):
    row_uuid = uuid.uuid4()
    version = keyring.keyring().current
    data_key = keyring.new_key()
    aad = sealing.associated_data(table, "row_key", row_uuid, version)
    wrapped = sealing.seal_bytes(keyring.kek(version), data_key, aad)
    updates = {
        "row_uuid": row_uuid,
        "row_key": base64.b64encode(wrapped).decode(),
        "key_version": version,
    }
    for column in columns:
        aad = sealing.associated_data(table, column, row_uuid, version)
        updates[column] = sealing.seal_text(data_key, plain[column] or "", aad)
    return updates
