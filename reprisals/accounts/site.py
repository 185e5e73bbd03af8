"""The staff back office: Django's admin, scoped by team and audited.

Every model admin of the back office derives from `AuditedAdmin` (writes
go to our audit trail, never Django's LogEntry, which would keep a copy of
each record's name) and, for records owned by a team, `TeamScopedAdmin`
(other teams' records answer 404, as if they did not exist).

The site is django-otp's OTPAdminSite: a session opens it only once it is
verified by the staff member's authenticator app (accounts.login).
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_otp.admin import OTPAdminSite

from reprisals.audit.log import record


class StaffSite(OTPAdminSite):
    site_header = "Reprisals Register — staff"
    site_title = "Reprisals Register staff"
    index_title = "Back office"
    index_template = "admin/staff_index.html"

    def get_urls(self):
        from reprisals.accounts import login as login_views

        return [
            path("statistics/", self.admin_view(self.statistics_view), name="statistics"),
            path("login/enrol/", login_views.enrol, {"site": self}, name="enrol"),
            path(
                "reauthenticate/",
                self.admin_view(login_views.reauthenticate),
                {"site": self},
                name="reauthenticate",
            ),
            *super().get_urls(),
        ]

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        """Password and code (accounts.login); a session that is setting up
        its second factor is sent back to that first."""
        from reprisals.accounts import login as login_views

        if request.method == "GET":
            if self.has_permission(request):
                return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
            if login_views.enrolment_device(request) is not None:
                return login_views.redirect_to_enrolment(request.GET.get(REDIRECT_FIELD_NAME, ""))
        context = {
            **self.each_context(request),
            "title": "Log in",
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            **(extra_context or {}),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        request.current_app = self.name
        return login_views.StaffLoginView.as_view(extra_context=context)(request)

    def statistics_view(self, request):
        from reprisals.cases.statistics import case_statistics

        if not request.user.has_perm("cases.view_statistics"):
            raise Http404
        context = {
            **self.each_context(request),
            "title": "Statistics",
            "statistics": case_statistics(request.user),
        }
        return TemplateResponse(request, "admin/statistics.html", context)


staff_site = StaffSite(name="admin")


def _changed_fields(message):
    """Field names (and inline model names) from an admin change message."""
    fields = []
    for entry in message or []:
        for verb, detail in entry.items():
            if "name" in detail:
                fields.append(f"{detail['name']} ({verb})")
            fields.extend(detail.get("fields", []))
    return fields


class AuditedAdmin(admin.ModelAdmin):
    def log_addition(self, request, obj, message):
        return record(request.user, "add", obj, fields=_changed_fields(message))

    def log_change(self, request, obj, message):
        return record(request.user, "change", obj, fields=_changed_fields(message))

    def log_deletions(self, request, queryset):
        return [record(request.user, "delete", obj) for obj in queryset]


class TeamScopedAdmin(AuditedAdmin):
    """For models with a `team` and a `visible_to(user)` queryset."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such record.")
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scoped_formfield(super(), db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if hasattr(related.objects, "visible_to"):
            kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def scoped_formfield(parent, db_field, request, **kwargs):
    """Offer only the user's teams, and only records of those teams."""
    related = db_field.remote_field.model
    if db_field.name == "team" and not request.user.is_superuser:
        kwargs["queryset"] = request.user.teams.all()
    elif hasattr(related.objects, "visible_to"):
        kwargs["queryset"] = related.objects.visible_to(request.user)
    return parent.formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline:
    """Mixin for inlines: choices limited to the user's teams' records."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scoped_formfield(super(), db_field, request, **kwargs)
