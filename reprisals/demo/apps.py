from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "reprisals.demo"
    verbose_name = "Demo dataset"
