from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from reprisals.accounts.models import Team
from reprisals.accounts.site import AuditedAdmin, staff_site


@admin.register(Team, site=staff_site)
class TeamAdmin(AuditedAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]


@admin.register(User, site=staff_site)
class StaffUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "groups"]


staff_site.register(Group, type("RoleAdmin", (AuditedAdmin, GroupAdmin), {}))
