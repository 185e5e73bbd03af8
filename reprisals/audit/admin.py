from django.contrib import admin

from reprisals.accounts.site import staff_site
from reprisals.audit.models import AuditEntry


@admin.register(AuditEntry, site=staff_site)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the actions themselves."""

    list_display = ["at", "actor", "action", "model", "object_pk"]
    list_filter = ["action", "model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
