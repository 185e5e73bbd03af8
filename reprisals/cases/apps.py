from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "reprisals.cases"
    verbose_name = "Case register"
