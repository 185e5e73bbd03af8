from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from reprisals.accounts.reauth import require_recent_authentication
from reprisals.accounts.site import AuditedAdmin, staff_site
from reprisals.cases.models import Case
from reprisals.register.models import PublicationDecision
from reprisals.register.services import approve_publication, propose_publication


@admin.register(PublicationDecision, site=staff_site)
class PublicationDecisionAdmin(AuditedAdmin):
    """Propose here; a different staff member approves with the list action."""

    list_display = [
        "case",
        "proposed_by",
        "proposed_at",
        "approved_by",
        "approved_at",
        "revoked_at",
    ]
    fields = ["case", "reason"]
    actions = ["approve"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(case__in=Case.objects.visible_to(request.user))

    def get_object(self, request, object_id, from_field=None):
        # Another team's decision answers like a missing one: 404, as for its case.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such record.")
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            kwargs["queryset"] = Case.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False  # decisions are proposed, approved or revoked — never edited

    def save_model(self, request, obj, form, change):
        decision = propose_publication(obj.case, reason=obj.reason, actor=request.user)
        obj.pk = decision.pk

    def log_addition(self, request, obj, message):
        return None  # propose_publication wrote the audit entry

    def has_approve_permission(self, request):
        return request.user.has_perm("register.approve_publication")

    @admin.action(description="Approve publication (a second person)", permissions=["approve"])
    @require_recent_authentication
    def approve(self, request, queryset):
        for decision in queryset:
            try:
                approve_publication(decision, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{decision.case}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{decision.case}: publication approved.")
