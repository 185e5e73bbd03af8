from django.contrib import admin

from reprisals.accounts.site import AuditedAdmin, staff_site
from reprisals.api.auth import revoke_token
from reprisals.api.models import ApiToken


@admin.register(ApiToken, site=staff_site)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are issued with `reprisals issue-api-token` (the token is shown
    once, on the command line, never in a page or a cookie); here they are
    listed and revoked. No role has these permissions: administrators only."""

    list_display = ["prefix", "name", "owner", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    fields = ["prefix", "name", "owner", "created_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit trail points at them

    def has_revoke_permission(self, request):
        return request.user.is_superuser

    @admin.action(description="Revoke the selected tokens", permissions=["revoke"])
    def revoke(self, request, queryset):
        for api_token in queryset:
            revoke_token(api_token, actor=request.user)
        self.message_user(request, f"{queryset.count()} token(s) revoked.")
