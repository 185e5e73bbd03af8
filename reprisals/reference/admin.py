from django.contrib import admin

from reprisals.accounts.site import AuditedAdmin, staff_site
from reprisals.reference.models import Body, Mechanism, State


@admin.register(State, site=staff_site)
class StateAdmin(AuditedAdmin):
    list_display = ["iso3", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["iso3", "name_en", "name_fr", "name_es"]


@admin.register(Body, site=staff_site)
class BodyAdmin(AuditedAdmin):
    list_display = ["code", "name"]


@admin.register(Mechanism, site=staff_site)
class MechanismAdmin(AuditedAdmin):
    list_display = ["name", "kind", "body"]
    list_filter = ["kind", "body"]
    search_fields = ["name", "key"]
