from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "reprisals.vault"
    verbose_name = "Encryption at rest"
