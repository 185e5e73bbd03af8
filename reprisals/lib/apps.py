from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "reprisals.lib"
    label = "lib"
