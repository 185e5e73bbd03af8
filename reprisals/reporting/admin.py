"""Back-office screens for reporting: cycles, published figures and pattern
designations (facts of published documents, shared by every team; analysts
may read them), report mentions (of a team's cases, team-scoped), and the
follow-up of a cycle (documenters, reviewers, administrators)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from reprisals.accounts.site import AuditedAdmin, TeamScopedAdmin, staff_site
from reprisals.cases.models import Case
from reprisals.reporting import followup, models
from reprisals.reporting.compare import compare
from reprisals.reporting.forms import FollowUpForm
from reprisals.reporting.scope import staff_cases
from reprisals.vault.admin import SealedAdminMixin

FOLLOW_UP_PERMISSIONS = ("cases.change_case", "reporting.add_reportmention")


class SharedRecordAdmin(AuditedAdmin):
    """Records of no team. Documenters and reviewers add and correct them;
    only administrators delete (roles.py)."""


@admin.register(models.ReportingCycle, site=staff_site)
class ReportingCycleAdmin(SharedRecordAdmin):
    list_display = ["year", "symbol", "title", "hrc_session", "period_start", "period_end"]
    search_fields = ["symbol", "title"]

    def get_list_display(self, request):
        if may_follow_up(request.user):
            return [*self.list_display, "follow_up_link"]
        return self.list_display

    @admin.display(description="follow-up")
    def follow_up_link(self, cycle):
        url = reverse("admin:reporting_reportingcycle_follow_up", args=[cycle.pk])
        return format_html('<a href="{}">Cases to follow up</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/follow-up/", view(require_GET(self.follow_up_view)),
                 name="reporting_reportingcycle_follow_up"),
            path("<path:object_id>/follow-up/<str:code>/", view(self.follow_up_case_view),
                 name="reporting_reportingcycle_follow_up_case"),
            *super().get_urls(),
        ]  # fmt: skip

    def _cycle(self, request, object_id):
        if not may_follow_up(request.user):
            raise PermissionDenied
        cycle = self.get_object(request, unquote(object_id))
        if cycle is None:
            raise Http404("No such report.")
        return cycle

    def _context(self, request, cycle, title):
        return {**self.admin_site.each_context(request), "opts": self.opts, "cycle": cycle,
                "title": title}  # fmt: skip

    def follow_up_view(self, request, object_id):
        """The cases of the user's teams that need follow-up in this report, by State."""
        cycle = self._cycle(request, object_id)
        context = self._context(request, cycle, f"Follow-up for the {cycle}")
        context["states"] = followup.outstanding_cases(cycle, request.user)
        return TemplateResponse(request, "admin/reporting/follow_up.html", context)

    def follow_up_case_view(self, request, object_id, code):
        """Record the follow-up of one case of the user's teams in this report."""
        cycle = self._cycle(request, object_id)
        case = Case.objects.visible_to(request.user).filter(code=code).first()
        if case is None:
            raise Http404("No such case.")
        form = FollowUpForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                followup.record_follow_up(case, cycle, actor=request.user, **form.follow_up())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, f"Follow-up of {case.code} recorded.", messages.SUCCESS)
                list_url = reverse("admin:reporting_reportingcycle_follow_up", args=[cycle.pk])
                return HttpResponseRedirect(list_url)
        context = self._context(request, cycle, f"Follow-up of {case.code} in the {cycle}")
        context |= {"case": case, "form": form,
                    "mention": case.report_mentions.filter(cycle=cycle).first()}  # fmt: skip
        return TemplateResponse(request, "admin/reporting/follow_up_case.html", context)


def may_follow_up(user):
    return all(user.has_perm(permission) for permission in FOLLOW_UP_PERMISSIONS)


@admin.register(models.ReportMention, site=staff_site)
class ReportMentionAdmin(SealedAdminMixin, TeamScopedAdmin):
    list_display = ["case", "cycle", "kind", "paragraph", "listed_under_symbol"]
    list_filter = ["kind", "cycle", "case__state"]
    list_select_related = ["case", "cycle"]
    search_fields = ["case__code", "paragraph", "listed_under_symbol"]
    fields = ["case", "cycle", "kind", "paragraph", "listed_under_symbol", "note", "source"]


class ComparedChangeList(ChangeList):
    """Computes, once per page, each figure shown from the user's teams' cases."""

    def get_results(self, request):
        super().get_results(request)
        shown = list(self.result_list)
        for aggregate, found in zip(shown, compare(staff_cases(request.user), shown), strict=True):
            aggregate.compared = found


@admin.register(models.PublishedAggregate, site=staff_site)
class PublishedAggregateAdmin(SharedRecordAdmin):
    """Each figure beside the figure the records of the user's teams give."""

    list_display = ["statement", "measure", "state", "years", "stated", "computed", "status"]
    list_filter = ["measure", "state", "cycle"]
    list_select_related = ["state", "cycle"]
    search_fields = ["statement", "published_by", "source"]
    autocomplete_fields = ["state"]
    readonly_fields = ["comparison"]

    def get_changelist(self, request, **kwargs):
        return ComparedChangeList

    def get_object(self, request, object_id, from_field=None):
        aggregate = super().get_object(request, object_id, from_field)
        if aggregate is not None:
            aggregate.compared = compare(staff_cases(request.user), [aggregate])[0]
        return aggregate

    @admin.display(description="years")
    def years(self, aggregate):
        first, last = aggregate.years
        return first if first == last else f"{first}–{last}"

    @admin.display(description="stated")
    def stated(self, aggregate):
        if aggregate.numerator is not None:
            percent = f"{aggregate.value:g} %, " if aggregate.value is not None else ""
            return f"{percent}{aggregate.numerator} of {aggregate.denominator}"
        return f"{aggregate.value:g}" if aggregate.value is not None else "—"

    @admin.display(description="computed (your teams' cases)")
    def computed(self, aggregate):
        return describe(aggregate.compared.computed)

    @admin.display(description="status")
    def status(self, aggregate):
        return aggregate.compared.status.replace("_", " ")

    @admin.display(description="computed from the records of your teams")
    def comparison(self, aggregate):
        found = getattr(aggregate, "compared", None)
        if found is None:
            return "—"
        figure = found.computed
        records = [*figure.cases, *map(str, figure.reports), *figure.states] if figure else []
        return f"{describe(figure)}: {found.status.replace('_', ' ')}. {', '.join(records)}"


def describe(figure):
    if figure is None:
        return "cannot be computed"
    if figure.denominator is not None:
        percent = "—" if figure.percent is None else f"{figure.percent:g} %"
        return f"{percent} ({figure.numerator} of {figure.denominator})"
    return "not ranked" if figure.value is None else f"{figure.value:g}"


@admin.register(models.PatternDesignation, site=staff_site)
class PatternDesignationAdmin(SharedRecordAdmin):
    list_display = ["state", "cycle", "source"]
    list_filter = ["cycle", "state"]
    list_select_related = ["state", "cycle"]
    autocomplete_fields = ["state"]
