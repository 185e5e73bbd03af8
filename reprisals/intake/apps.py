from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "reprisals.intake"
    verbose_name = "Intake: allegations sent by defenders"
