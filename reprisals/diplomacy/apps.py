from django.apps import AppConfig


class DiplomacyConfig(AppConfig):
    name = "reprisals.diplomacy"
    verbose_name = "Diplomatic record"
