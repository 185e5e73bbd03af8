from django.apps import AppConfig, apps


class LibConfig(AppConfig):
    name = "reprisals.lib"
    label = "lib"

    def ready(self):
        from reprisals.lib.text import apply_to_models

        apply_to_models(apps.get_models(include_auto_created=True))
