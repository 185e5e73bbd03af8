"""Load the States (names in six languages) and the main UN bodies."""

from django.db import migrations

from reprisals.reference.states import sync_bodies, sync_states


def load(apps, schema_editor):
    sync_states(apps.get_model("reference", "State"))
    sync_bodies(apps.get_model("reference", "Body"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
