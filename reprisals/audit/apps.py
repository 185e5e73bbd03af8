from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "reprisals.audit"
    verbose_name = "Audit trail"
