from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "reprisals.api"
    verbose_name = "JSON API"
