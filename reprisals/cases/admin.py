"""Back-office screens for the case register (team-scoped, audited)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from reprisals.accounts.site import ScopedInline, TeamScopedAdmin, staff_site
from reprisals.cases import models
from reprisals.cases.services import consent_blockers
from reprisals.vault.admin import SealedAdminMixin


class SourcesShown:
    """Shows, read-only, which sources support each fact of an inline."""

    @admin.display(description="sources")
    def sources_cited(self, obj):
        citations = obj.citations.select_related("source") if obj.pk else []
        return (
            "; ".join(
                f"{c.source} — {c.locator}" if c.locator else str(c.source) for c in citations
            )
            or "—"
        )


class CitationInline(ScopedInline, admin.TabularInline):
    model = models.Citation
    extra = 0
    fields = ["source", "locator"]
    verbose_name = "source"
    verbose_name_plural = "sources of this record"


class SubjectFormSet(BaseInlineFormSet):
    """Refuses "ready for publication" while anyone concerned lacks consent."""

    def clean(self):
        super().clean()
        if not self.instance.ready_for_publication:
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        subjects = [data.get("person") or data.get("organization") for data in kept]
        problems = consent_blockers(s for s in subjects if s)
        if not subjects:
            problems.append("The case concerns nobody yet: add the people or groups it concerns.")
        if problems:
            raise ValidationError(problems)


class SubjectInline(ScopedInline, admin.TabularInline):
    model = models.CaseSubject
    formset = SubjectFormSet
    extra = 0
    readonly_fields = ["consent"]

    @admin.display(description="current consent")
    def consent(self, obj):
        consent = obj.subject.current_consent() if obj.pk else None
        if consent is None:
            return "none on record"
        return "withdrawn" if consent.withdrawn_at else consent.get_level_display()

    verbose_name = "person or group concerned"
    verbose_name_plural = "people and groups concerned"


class CaseFactInline(SourcesShown, admin.StackedInline):
    """A fact of the case; `sibling` names a link to another fact of the same
    case (an act's engagement, a response's intervention), offered only
    among that case's own records."""

    extra = 0
    readonly_fields = ["sources_cited"]
    sibling = None

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if self.sibling:
            field = formset.form.base_fields[self.sibling]
            field.queryset = field.queryset.filter(case=obj) if obj else field.queryset.none()
        return formset


class EngagementInline(ScopedInline, CaseFactInline):
    model = models.Engagement


class ActInline(CaseFactInline):
    model = models.Act
    sibling = "engagement"


class InterventionInline(ScopedInline, CaseFactInline):
    model = models.Intervention


class ResponseInline(CaseFactInline):
    model = models.GovernmentResponse
    sibling = "intervention"


@admin.register(models.Case, site=staff_site)
class CaseAdmin(SealedAdminMixin, TeamScopedAdmin):
    list_display = ["code", "title", "state", "status", "opened_on", "ready_for_publication"]
    list_filter = ["status", "state", "ready_for_publication", "acts__type"]
    search_fields = ["code"]
    blind_search_fields = [
        "title_index",
        "subjects__person__name_index",
        "subjects__organization__name_index",
    ]
    list_select_related = ["state"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (None, {"fields": ["team", "code", "state", "status", "title", "summary", "opened_on"]}),
        ("Public register", {"fields": ["public_title", "public_summary"]}),
        ("Follow-up", {"fields": ["closure_reason", "ready_for_publication", "internal_notes"]}),
    ]
    inlines = [
        SubjectInline,
        EngagementInline,
        ActInline,
        InterventionInline,
        ResponseInline,
        CitationInline,
    ]


class ConsentInline(admin.StackedInline):
    model = models.Consent
    extra = 0
    fields = ["level", "basis", "obtained_on", "obtained_by", "note", "withdrawn_at"]
    readonly_fields = ["withdrawn_at"]

    def has_change_permission(self, request, obj=None):
        # A change of mind is a new record; an old record is never rewritten.
        return False


class ConsentAuditMixin:
    def save_formset(self, request, form, formset, change):
        for consent in formset.save(commit=False):
            if isinstance(consent, models.Consent) and consent.recorded_by_id is None:
                consent.recorded_by = request.user
        super().save_formset(request, form, formset, change)


@admin.register(models.Person, site=staff_site)
class PersonAdmin(SealedAdminMixin, ConsentAuditMixin, TeamScopedAdmin):
    list_display = ["name", "pseudonym", "occupation", "gender"]
    search_fields = ["pseudonym"]
    blind_search_fields = ["name_index"]
    filter_horizontal = ["organizations"]
    readonly_fields = ["pseudonym"]
    inlines = [ConsentInline, CitationInline]


@admin.register(models.Organization, site=staff_site)
class OrganizationAdmin(SealedAdminMixin, ConsentAuditMixin, TeamScopedAdmin):
    list_display = ["name", "kind", "pseudonym"]
    search_fields = ["pseudonym"]
    blind_search_fields = ["name_index"]
    readonly_fields = ["pseudonym"]
    inlines = [ConsentInline, CitationInline]


@admin.register(models.Source, site=staff_site)
class SourceAdmin(SealedAdminMixin, TeamScopedAdmin):
    list_display = ["title", "kind", "reliability", "published_on", "confidential"]
    list_filter = ["kind", "reliability", "confidential"]
    search_fields = ["published_on"]
    blind_search_fields = ["title_index"]
