"""Back-office pages of reporting (English only, under /staff/):

- State profiles: every staff role, over the cases and letters of the user's
  teams: figures, each with the codes of the cases it counts (as the staff
  API gives them); those who may see cases also get links to their teams'
  cases. No name appears.
- Reports to download (annual report section, oral update): those who may
  see cases, over their teams' consented cases (reporting.listing).

Read-only: GET and HEAD only.
"""

import datetime

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from reprisals.accounts.site import staff_site
from reprisals.communications.models import Communication
from reprisals.reference.models import State
from reprisals.reporting import analysis, rendering, reports, scope
from reprisals.reporting.models import PatternDesignation, PublishedAggregate, ReportingCycle

FIGURES = "cases.view_statistics"  # every staff role
CASES = "cases.view_case"  # documenters, reviewers, administrators
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "csv": "text/csv; charset=utf-8", "json": "application/json"}  # fmt: skip


def scope_text(user):
    return "every team's cases" if user.is_superuser else "the cases of your teams"


def _context(request, title, **values):
    return {**staff_site.each_context(request), "title": title, **values}


def _year(request, name):
    text = request.GET.get(name, "")
    return int(text) if text.isdigit() and len(text) == 4 else None


def _download(content, fmt, name):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_safe
@permission_required(FIGURES, raise_exception=True)
def state_list(request):
    """The States with something on record for the user: ranked by the
    cases of their teams first reported, then by name."""
    iso3 = request.GET.get("state", "").strip().upper()
    if iso3:
        return redirect("reporting:state", iso3=iso3)
    cases = scope.staff_cases(request.user)
    ranked = {row.state: row for row in analysis.ranking(cases)}
    codes = set(ranked) | set(cases.values_list("state__iso3", flat=True))
    codes |= set(PublishedAggregate.objects.exclude(state=None).values_list("state__iso3",
                                                                           flat=True))  # fmt: skip
    codes |= set(PatternDesignation.objects.values_list("state__iso3", flat=True))
    states = State.objects.filter(iso3__in=codes)
    rows = [{"state": state, "rank": ranked.get(state.iso3)} for state in states]
    rows.sort(key=lambda row: (row["rank"].rank if row["rank"] else 10**6, row["state"].name_en))
    context = _context(request, "State profiles", rows=rows, scope=scope_text(request.user))
    return TemplateResponse(request, "admin/reporting/state_list.html", context)


@require_safe
@permission_required(FIGURES, raise_exception=True)
def state_profile(request, iso3):
    """A State's figures over the user's teams' cases (`?from=&to=` years;
    `?format=pdf|json` to download them)."""
    first, last = _year(request, "from"), _year(request, "to")
    fmt = request.GET.get("format", "page")
    cases = scope.staff_cases(request.user)
    letters = Communication.objects.visible_to(request.user)
    with translation.override("en"):
        try:
            report = reports.state_report(iso3, cases, letters, scope=scope_text(request.user),
                                          public=False, first=first, last=last)  # fmt: skip
        except analysis.PeriodError:
            report = None
        if report is None:
            raise Http404("No such State, or a period that ends before it starts.")
        name = f"reprisals-{iso3}"
        if fmt == "pdf":
            return _download(rendering.pdf(rendering.html("state", report)), "pdf", name)
        if fmt == "json":
            return _download(rendering.state_json(report), "json", name)
    linked = cases.filter(state__iso3=iso3).order_by("code")
    context = _context(request, f"{report.figures.name} ({iso3})", report=report,
                       figures=report.figures, first=first, last=last,
                       cases=linked if request.user.has_perm(CASES) else None)  # fmt: skip
    return TemplateResponse(request, "admin/reporting/state_profile.html", context)


@require_safe
@permission_required(CASES, raise_exception=True)
def report_list(request, error=""):
    """The reports to download: each cycle's annual section, and the oral update."""
    context = _context(request, "Reports", cycles=ReportingCycle.objects.order_by("-year"),
                       scope=scope_text(request.user), error=error,
                       today=timezone.now().date())  # fmt: skip
    return TemplateResponse(request, "admin/reporting/report_list.html", context)


@require_safe
@permission_required(CASES, raise_exception=True)
def annual_report(request):
    """`?year=` (default: the latest report on record) `&format=html|pdf|csv`."""
    year = _year(request, "year") or ReportingCycle.objects.order_by("-year").values_list(
        "year", flat=True).first()  # fmt: skip
    fmt = _format(request, ("html", "pdf", "csv"))
    with translation.override("en"):
        report = reports.cycle_report(year, scope.staff_cases(request.user),
                                      scope=scope_text(request.user)) if year else None  # fmt: skip
        if report is None:
            raise Http404("No report of that year is on record.")
        if fmt == "csv":
            return _download(rendering.cycle_csv(report), fmt, f"reprisals-report-{year}")
        document = rendering.html("cycle", report)
    return _download(rendering.pdf(document) if fmt == "pdf" else document, fmt,
                     f"reprisals-report-{year}")  # fmt: skip


@require_safe
@permission_required(CASES, raise_exception=True)
def oral_update(request):
    """`?since=YYYY-MM-DD` (default: after the latest report's period)
    `&until=` (default: today) `&format=html|pdf|csv`."""
    try:
        since, until = (_day(request, name) for name in ("since", "until"))
    except ValueError:
        return report_list(request, error="Give the dates as YYYY-MM-DD.")
    if since and until and until < since:
        return report_list(request, error="The period ends before it starts.")
    fmt = _format(request, ("html", "pdf", "csv"))
    with translation.override("en"):
        try:
            report = reports.oral_update(scope.staff_cases(request.user),
                                         scope=scope_text(request.user), since=since,
                                         until=until)  # fmt: skip
        except reports.NoSessionDate as error:
            return report_list(request, error=str(error))
        name = f"reprisals-oral-update-{report.since}-{report.until}"
        if fmt == "csv":
            return _download(rendering.oral_update_csv(report), fmt, name)
        document = rendering.html("oral_update", report)
    return _download(rendering.pdf(document) if fmt == "pdf" else document, fmt, name)


def _format(request, formats):
    fmt = request.GET.get("format", formats[0])
    return fmt if fmt in formats else formats[0]


def _day(request, name):
    text = request.GET.get(name, "")
    return datetime.date.fromisoformat(text) if text else None
