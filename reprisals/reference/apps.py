from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "reprisals.reference"
    verbose_name = "Reference data"
