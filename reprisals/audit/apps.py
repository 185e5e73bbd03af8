from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "reprisals.audit"
    verbose_name = "Audit trail"

    def ready(self):
        from reprisals.audit import erasure  # noqa: F401 — registers the SQL function
