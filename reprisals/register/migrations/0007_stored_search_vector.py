"""PostgreSQL: the search document's tsvector is stored, not recomputed.

The GIN expression index of 0002 is skipped by the planner on small or
freshly written tables, and a sequential scan then parses every document
(tens of thousands of tokens each) for every query: about a second a search
with two hundred cases. A stored generated column is parsed once, when the
row is written, and a scan reads it as it is.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX register_searchentry_fts")
        schema_editor.execute(
            "ALTER TABLE register_searchentry ADD COLUMN document_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', document)) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX register_searchentry_vector ON register_searchentry "
            "USING GIN (document_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE register_searchentry DROP COLUMN document_vector")
        schema_editor.execute(
            "CREATE INDEX register_searchentry_fts ON register_searchentry "
            "USING GIN (to_tsvector('simple', document))"
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0006_screening_and_text_approvals")]
    operations = [migrations.RunPython(create, drop)]
