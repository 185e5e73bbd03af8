from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import Exists, OuterRef

from reprisals.accounts import two_factor
from reprisals.accounts.models import Team, TOTPDevice
from reprisals.accounts.reauth import require_recent_authentication
from reprisals.accounts.site import AuditedAdmin, staff_site


@admin.register(Team, site=staff_site)
class TeamAdmin(AuditedAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]


@admin.register(User, site=staff_site)
class StaffUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "is_active", "is_superuser", "two_factor", "last_login"]
    list_filter = ["is_active", "is_superuser", "groups"]
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_two_factor=Exists(confirmed))

    @admin.display(boolean=True, description="two-factor set up", ordering="has_two_factor")
    def two_factor(self, user):
        return user.has_two_factor

    @admin.action(
        description="Reset two-factor login (they set it up again at next login)",
        permissions=["change"],
    )
    @require_recent_authentication
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(user, actor=request.user)
        self.message_user(
            request,
            f"Two-factor login reset for {len(queryset)} account(s): their sessions need a new "
            "login, and they set up their app again when they log in.",
            messages.SUCCESS,
        )


staff_site.register(Group, type("RoleAdmin", (AuditedAdmin, GroupAdmin), {}))
