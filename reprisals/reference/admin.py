"""States, bodies and mechanisms in the back office.

They are shared by every team: a mechanism renamed by one team would be
renamed on every other team's cases, public ones included. Every staff role
views them and chooses them on its records; only administrators create,
change or delete them, whatever permissions an account holds (the roles grant
none, and a permission given to one account directly does not count either).
The related-field buttons of case forms (add, change, delete another) follow
these checks, so they are not offered to anyone else.
"""

from django.contrib import admin

from reprisals.accounts.site import AuditedAdmin, staff_site
from reprisals.reference.models import Body, Mechanism, State


class SharedReferenceAdmin(AuditedAdmin):
    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(State, site=staff_site)
class StateAdmin(SharedReferenceAdmin):
    list_display = ["iso3", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["iso3", "name_en", "name_fr", "name_es"]


@admin.register(Body, site=staff_site)
class BodyAdmin(SharedReferenceAdmin):
    list_display = ["code", "name"]


@admin.register(Mechanism, site=staff_site)
class MechanismAdmin(SharedReferenceAdmin):
    list_display = ["name", "kind", "body"]
    list_filter = ["kind", "body"]
    search_fields = ["name", "key"]
