from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reprisals.reporting"
    verbose_name = "Reporting cycles and figures"
