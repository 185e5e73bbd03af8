"""Load the frame vocabulary (vocab.FrameKey) into the Frame table."""

from django.db import migrations

FRAMES = [
    ("criminalisation", "Criminalisation of defenders"),
    ("judicial_sovereignty", "Judicial sovereignty"),
    ("interference", "Interference in internal affairs"),
    ("attack_on_methodology", "Attack on methodology"),
    ("support_for_principle", "Support for the principle"),
    ("procedural_objection", "Procedural objection"),
    ("counter_accusation", "Counter-accusation"),
]


def load(apps, schema_editor):
    frame = apps.get_model("diplomacy", "Frame")
    for key, name in FRAMES:
        frame.objects.update_or_create(key=key, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("diplomacy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
