"""Aggregate counts for the back office: numbers only, never who."""

from django.db.models import Count
from django.db.models.functions import Substr

from reprisals.cases.models import Act, Case


def case_statistics(user):
    """Counts over the cases the user's teams own (every team for administrators)."""
    cases = Case.objects.visible_to(user)
    acts = Act.objects.filter(case__in=cases)
    return {
        "total": cases.count(),
        "by_state": list(
            cases.values("state__iso3", "state__name_en").annotate(n=Count("id")).order_by("-n")
        ),
        "by_year": list(
            cases.annotate(year=Substr("opened_on", 1, 4))
            .values("year")
            .annotate(n=Count("id"))
            .order_by("year")
        ),
        "by_status": _labelled(cases, "status", Case),
        "acts_by_type": _labelled(acts, "type", Act),
        "acts_by_perpetrator": _labelled(acts, "perpetrator_type", Act),
    }


def _labelled(queryset, field, model):
    labels = dict(model._meta.get_field(field).choices)
    rows = queryset.values(field).annotate(n=Count("id", distinct=True)).order_by("-n", field)
    return [{"label": labels.get(row[field], row[field]), "n": row["n"]} for row in rows]
