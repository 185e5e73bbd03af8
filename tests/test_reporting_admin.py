"""The reporting back office (reprisals/reporting/admin.py): shared records
readable by analysts, published figures beside the computed ones, mentions
scoped by team, writes audited."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from reprisals.audit.models import AuditEntry
from reprisals.reference.models import State
from reprisals.reporting.models import PublishedAggregate, ReportingCycle, ReportMention
from tests import reporting_data
from tests.two_factor import login_verified


@pytest.fixture
def figure(team):
    reporting_data.build(team)
    return PublishedAggregate.objects.create(
        statement="China: 5 cases first reported", measure="cases_first_reported",
        state=State.objects.get(iso3="CHN"),
        period_start=2010, period_end=2014, value=5, published_by="An NGO", source="p. 3",
    )  # fmt: skip


def page(client, user, name, *args):
    login_verified(client, user)
    return client.get(reverse(f"admin:reporting_{name}", args=args))


def test_an_analyst_reads_published_figures_beside_the_computed_ones(client, figure, analyst):
    listing = page(client, analyst, "publishedaggregate_changelist")
    detail = client.get(reverse("admin:reporting_publishedaggregate_change", args=[figure.pk]))

    assert listing.status_code == 200
    assert "China: 5 cases first reported" in listing.text
    assert '<td class="field-computed">4</td>' in listing.text
    assert "mismatch" in listing.text
    assert detail.status_code == 200 and "4: mismatch. 2010-CHN-001, 2010-CHN-002" in detail.text
    assert client.get(reverse("admin:reporting_publishedaggregate_add")).status_code == 403
    assert client.get(reverse("admin:reporting_reportmention_changelist")).status_code == 403
    cycles = client.get(reverse("admin:reporting_reportingcycle_changelist")).text
    assert "A/HRC/24/1" in cycles
    assert "Cases to follow up" not in cycles


def test_figures_are_computed_from_the_users_teams_only(client, figure, outsider):
    listing = page(client, outsider, "publishedaggregate_changelist").text

    assert "China: 5 cases first reported" in listing  # shared: every team reads it
    assert '<td class="field-computed">0</td>' in listing


def test_mentions_are_seen_by_their_teams_only(client, figure, documenter, outsider):
    mention = ReportMention.objects.get(case__code="2010-CHN-001", cycle__year=2010)

    mine = page(client, documenter, "reportmention_changelist").text
    login_verified(client, outsider)
    theirs = client.get(reverse("admin:reporting_reportmention_changelist")).text
    theirs_one = client.get(reverse("admin:reporting_reportmention_change", args=[mention.pk]))

    assert "2010-CHN-001" in mine and "2010-CHN-001" not in theirs
    assert theirs_one.status_code == 404


def test_a_documenter_adds_a_cycle_audited_and_not_in_djangos_log(client, figure, documenter):
    login_verified(client, documenter)

    response = client.post(reverse("admin:reporting_reportingcycle_add"), {
        "year": 2015, "symbol": "A/HRC/30/29", "title": "Report 2015", "published_on": "2015-08",
    })  # fmt: skip

    assert response.status_code == 302
    cycle = ReportingCycle.objects.get(year=2015)
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.model, entry.object_pk) == ("add", "reporting.reportingcycle",
                                                            str(cycle.pk))  # fmt: skip
    assert not LogEntry.objects.exists()
    listing = client.get(reverse("admin:reporting_reportingcycle_changelist")).text
    assert "Cases to follow up" in listing


def test_a_cycle_symbol_must_look_like_one_and_be_unique(client, figure, documenter):
    login_verified(client, documenter)
    url = reverse("admin:reporting_reportingcycle_add")

    bad = client.post(url, {"year": 2016, "symbol": "report of 2016"})
    taken = client.post(url, {"year": 2016, "symbol": "A/HRC/24/1"})

    assert "is not a UN document symbol" in bad.text
    assert "Another reporting cycle has this symbol." in taken.text
    assert not ReportingCycle.objects.filter(year=2016).exists()
