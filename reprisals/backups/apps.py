from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "reprisals.backups"
    verbose_name = "Backups"
