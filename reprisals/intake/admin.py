"""The triage queue, in the back office.

Open to administrators and to staff with "triage submissions" (documenters
and reviewers, accounts.roles); never to analysts. A submission belongs to no
team yet: whoever triages sees the whole queue. What the sender wrote is
read-only, as evidence; triage sets the status and keeps notes. Attachments
are decrypted on the fly and served as downloads, each download audited.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join

from reprisals.accounts.reauth import require_recent_authentication
from reprisals.accounts.site import AuditedAdmin, staff_site
from reprisals.audit.log import record
from reprisals.intake.models import Attachment, Submission
from reprisals.intake.receipts import receipt_token
from reprisals.reference.models import State

TRIAGE = "intake.triage_submission"
ASKED = ["what_happened", "happened_when", "state_name", "place", "targeted", "targeted_names",
         "engagement", "engagement_details", "contact", "consent"]  # fmt: skip


@admin.register(Submission, site=staff_site)
class SubmissionAdmin(AuditedAdmin):
    list_display = ["__str__", "status", "consent", "summary", "files"]
    list_filter = ["status", "consent"]
    search_fields = ["receipt_token"]  # searched by the code's digest, see below
    search_help_text = "Find a submission by the receipt code its sender quotes."
    sortable_by = ["__str__", "status", "consent"]
    fieldsets = [
        ("Triage", {"fields": ["status", "triage_notes"]}),
        ("As sent", {"fields": ["received_at", *ASKED, "attachment_list"]}),
    ]
    readonly_fields = ["received_at", *ASKED, "attachment_list"]

    def has_module_permission(self, request):
        return request.user.has_perm(TRIAGE)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(TRIAGE)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(TRIAGE)

    def has_add_permission(self, request):
        return False  # submissions come only from the public form

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("attachments")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(receipt_token=receipt_token(search_term) or "-"), False

    @admin.display(description="what happened")
    def summary(self, obj):
        text = " ".join(obj.what_happened.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description="files")
    def files(self, obj):
        return len(obj.attachments.all())

    @admin.display(description="State")
    def state_name(self, obj):
        state = State.objects.filter(iso3=obj.state).first() if obj.state else None
        return str(state) if state else obj.state or "—"

    @admin.display(description="attachments")
    def attachment_list(self, obj):
        rows = [
            (reverse("admin:intake_attachment_download", args=[obj.pk, a.pk]),
             f"{a.content_type}, {filesizeformat(a.size)}", a.original_name or "—",
             a.original_sha256)
            for a in obj.attachments.all()
        ]  # fmt: skip
        if not rows:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", '<li><a href="{}" download>Download</a> ({}) — sent as “{}”, '
                "SHA-256 of the original <code>{}</code></li>", rows,
            ),
        )

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_attachment)
        return [
            path("<path:object_id>/attachment/<int:attachment_id>/", download,
                 name="intake_attachment_download"),
            *super().get_urls(),
        ]  # fmt: skip

    @require_recent_authentication
    def download_attachment(self, request, object_id, attachment_id):
        """A file that may identify its sender: only after a recent password and code."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404
        attachment = get_object_or_404(Attachment, pk=attachment_id, submission_id=object_id)
        content = attachment.read_file()
        record(request.user, "download_attachment", attachment)
        response = HttpResponse(content, content_type=attachment.content_type)
        name = f"submission-{object_id}-{attachment.pk}.{attachment.extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        add_never_cache_headers(response)
        return response
