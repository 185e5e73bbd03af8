from django.contrib import admin
from django.utils import timezone

from reprisals.accounts.site import TeamScopedAdmin, staff_site
from reprisals.communications.models import Communication, Reply
from reprisals.vault.admin import SealedAdminMixin


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0


@admin.register(Communication, site=staff_site)
class CommunicationAdmin(SealedAdminMixin, TeamScopedAdmin):
    list_display = ["__str__", "type", "addressee", "sent_at", "reply_due", "overdue"]
    list_filter = ["type", "addressee"]
    search_fields = ["reference"]
    autocomplete_fields = ["addressee"]
    filter_horizontal = ["mandates", "cases"]
    inlines = [ReplyInline]
    fieldsets = [
        (None, {"fields": ["team", "type", "reference", "addressee", "addressee_other",
                           "mandates", "cases", "sent_at", "sent_precision"]}),
        ("Text", {"fields": ["subject", "content", "public_text", "internal_notes"]}),
        ("Withholding (publication is never earlier than the window)",
         {"fields": ["withheld_until", "withhold_reason"]}),
    ]  # fmt: skip

    @admin.display(description="reply due")
    def reply_due(self, obj):
        return obj.reply_due_at.date()

    @admin.display(description="overdue", boolean=True)
    def overdue(self, obj):
        return obj.is_overdue(timezone.now())
