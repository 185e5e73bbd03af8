"""Public figures count only what the publication rule makes public: a case
without consent, with confidential or withdrawn consent, or not yet
published, is in no public figure."""

import json

import pytest
from django.utils import timezone

from reprisals.cases.services import withdraw_consent
from reprisals.reporting import analysis
from reprisals.reporting.compare import compare
from reprisals.reporting.figures import as_data
from reprisals.reporting.models import PublishedAggregate
from reprisals.reporting.scope import public_cases
from tests import reporting_data
from tests.factories import ConsentFactory, InterventionFactory, SubjectFactory

PUBLIC = {"2010-CHN-001", "2010-VNM-001"}


@pytest.fixture
def cases(team):
    cases = reporting_data.build(team)
    reporting_data.add_facts(cases)
    reporting_data.make_public(cases["2010-CHN-001"], "Publicname Named")
    reporting_data.make_public(cases["2010-VNM-001"], "Othername Named")
    # Named in a UN report, but the person concerned asked for nothing public.
    hidden = SubjectFactory(case=cases["2011-CHN-001"], person__name="Hiddenname Confidential")
    ConsentFactory(person=hidden.person, level="confidential")
    InterventionFactory(case=cases["2011-CHN-001"], date="2015-01")
    return cases


def every_public_figure(now):
    scope = public_cases(now)
    return as_data([
        analysis.cases_per_year(scope), analysis.ranking(scope),
        analysis.ranking(scope, by="mentions"), analysis.reports_citing(scope),
        analysis.follow_up_rate(scope), analysis.persistence(scope, min_reports=1),
        analysis.distributions(scope, dimensions=("act_type", "mechanism", "perpetrator_type")),
        compare(scope, PublishedAggregate.objects.all()),
    ])  # fmt: skip


def test_it_counts_public_cases_only(cases):
    now = timezone.now()

    rows = analysis.ranking(public_cases(now))

    assert [(r.rank, r.state, r.value.cases) for r in rows] == [
        (1, "CHN", ("2010-CHN-001",)), (1, "VNM", ("2010-VNM-001",)),
    ]  # fmt: skip
    (china,) = analysis.follow_up_rate(public_cases(now), state="CHN")
    assert str(china.rate) == "100 % (1 of 1)"


def test_no_public_figure_names_a_case_that_is_not_public(cases):
    text = json.dumps(every_public_figure(timezone.now()))

    assert PUBLIC <= {code for code in cases if code in text}
    assert {code for code in cases if code in text} == PUBLIC
    assert "name" not in text.lower().replace("state_name", "")


def test_a_withdrawal_of_consent_takes_the_case_out_of_public_figures_at_once(cases):
    link = cases["2010-CHN-001"].subjects.filter(person__isnull=False).first()

    withdraw_consent(link.person, actor=None)

    text = json.dumps(every_public_figure(timezone.now()))
    assert "2010-CHN-001" not in text and "2010-VNM-001" in text


def test_public_figures_never_count_the_unconsented_in_comparisons(cases):
    figure = PublishedAggregate.objects.create(
        statement="4 cases", measure="cases_first_reported", period_start=2010,
        period_end=2014, value=4, published_by="NGO", source="Report, p. 2",
    )  # fmt: skip

    (staff,) = compare(cases["2010-CHN-001"].__class__.objects.all(), [figure])
    (public,) = compare(public_cases(timezone.now()), [figure])

    assert staff.computed.value == 9 and public.computed.value == 2
    assert public.status == "mismatch" and set(public.computed.cases) == PUBLIC
