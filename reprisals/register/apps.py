from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "reprisals.register"
    verbose_name = "Public register"

    def ready(self):
        from reprisals.register import search

        search.connect_signals()
