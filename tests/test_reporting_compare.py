"""reporting.compare: each published figure beside the figure the records
give, over the known dataset of tests/reporting_data.py; a mismatch is shown."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reprisals.reference.models import State
from reprisals.reporting.compare import compare, published_aggregates
from reprisals.reporting.models import PublishedAggregate
from reprisals.reporting.scope import all_cases
from tests import reporting_data


def stated(measure, *, state="CHN", period=(2010, 2014), cycle=None, **figure):
    return PublishedAggregate.objects.create(
        statement=f"{measure} as stated", measure=measure,
        state=State.objects.get(iso3=state) if state else None,
        cycle=reporting_data.cycle(cycle) if cycle else None,
        period_start=None if cycle else period[0], period_end=None if cycle else period[1],
        published_by="An NGO", source="Its report (2022), section 2", **figure,
    )  # fmt: skip


@pytest.fixture
def cases(team):
    return reporting_data.build(team)


def compared(*aggregates):
    return {c.id: c for c in compare(all_cases(), aggregates)}


def test_it_marks_published_counts_that_the_records_confirm_or_contradict(cases):
    right = stated("cases_first_reported", value=4)
    wrong = stated("mentions", value=8)
    new_in_2014 = stated("new_cases", cycle=2014, value=1)

    found = compared(right, wrong, new_in_2014)

    assert found[right.pk].status == "match"
    assert found[right.pk].computed.value == Decimal(4)
    assert found[right.pk].computed.cases == (
        "2010-CHN-001", "2010-CHN-002", "2011-CHN-001", "2013-CHN-001",
    )  # fmt: skip
    assert found[wrong.pk].status == "mismatch"
    assert (found[wrong.pk].published.value, found[wrong.pk].computed.value) == (8, 9)
    assert found[new_in_2014.pk].status == "match"
    assert (found[new_in_2014.pk].first, found[new_in_2014.pk].cycle) == (2014, 2014)


def test_it_compares_ranks_with_ties(cases):
    china, vietnam = stated("rank", value=1), stated("rank", state="VNM", value=2)
    egypt = stated("rank", state="EGY", value=3)  # competition ranking says 4
    norway = stated("rank", state="NOR", value=5)  # no case: not ranked
    everyone = stated("rank", state=None, value=1)

    found = compared(china, vietnam, egypt, norway, everyone)

    assert [found[a.pk].status for a in (china, vietnam, egypt, norway)] == [
        "match", "match", "mismatch", "mismatch",
    ]  # fmt: skip
    assert found[egypt.pk].computed.value == 4
    assert found[norway.pk].computed.value is None
    assert found[everyone.pk].status == "not_computable" and found[everyone.pk].computed is None


def test_it_compares_ratios_by_numerator_denominator_and_percentage(cases):
    rate = stated("follow_up_rate", numerator=2, denominator=4, value=50)
    badly_rounded = stated("follow_up_rate", numerator=2, denominator=4, value=51)
    citing = stated("reports_citing", numerator=3, denominator=4)

    found = compared(rate, badly_rounded, citing)

    assert found[rate.pk].status == "match"
    assert found[rate.pk].computed.percent == 50
    assert found[badly_rounded.pk].status == "mismatch"
    assert found[citing.pk].status == "mismatch"
    computed = found[citing.pk].computed
    assert (computed.numerator, computed.denominator) == (4, 4)
    assert computed.reports == (2010, 2011, 2013, 2014)
    assert found[citing.pk].published.percent is None


def test_it_compares_designations_persistence_and_states_cited(cases):
    reporting_data.designate(2013, "CHN", "VNM")
    designated = stated("pattern_designation", state=None, cycle=2013, value=2)
    china_designated = stated("pattern_designation", cycle=2014, value=1)
    persistent = stated("persistent_cases", value=1)
    cited = stated("states_cited", state=None, cycle=2013, value=4)
    followed = stated("follow_up_cases", cycle=2013, value=2)
    ranked_follow_up = stated("rank_follow_up", cycle=2013, value=1)

    found = compared(designated, china_designated, persistent, cited, followed, ranked_follow_up)

    assert found[designated.pk].status == "match"
    assert found[designated.pk].computed.states == ("CHN", "VNM")
    assert found[china_designated.pk].status == "mismatch"  # none on record for 2014
    assert found[persistent.pk].computed.cases == ("2010-CHN-001",)
    assert found[persistent.pk].status == "match"
    assert found[cited.pk].status == "mismatch"
    assert found[cited.pk].computed.states == ("BHR", "CHN", "VNM")
    assert found[followed.pk].status == "match"
    assert found[ranked_follow_up.pk].status == "match"


def test_it_selects_published_figures_by_state_and_years(cases):
    whole = stated("cases_first_reported", value=4)
    one_year = stated("new_cases", cycle=2013, value=1)
    other_state = stated("cases_first_reported", state="VNM", value=2)

    assert published_aggregates(state="CHN") == [whole, one_year]
    assert published_aggregates(first=2011) == [one_year]
    assert published_aggregates(state="VNM", last=2013) == []
    assert set(published_aggregates()) == {whole, one_year, other_state}


def test_it_refuses_a_published_figure_without_its_parts(cases):
    def checked(**fields):
        figure = PublishedAggregate(
            statement="x", published_by="x", source="x", measure="mentions", **fields
        )
        with pytest.raises(ValidationError) as error:
            figure.full_clean()
        return set(error.value.message_dict)

    assert checked(value=1) == {"cycle"}  # neither a report nor a period
    assert checked(value=1, cycle=reporting_data.cycle(2013), period_start=2010,
                   period_end=2013) == {"cycle"}  # fmt: skip
    assert checked(value=1, period_start=2014, period_end=2010) == {"period_end"}
    assert checked(period_start=2010, period_end=2014) == {"value"}
    percentage = {"measure": "follow_up_rate", "value": 79, "period_start": 2010,
                  "period_end": 2019}  # fmt: skip
    with pytest.raises(ValidationError) as error:
        PublishedAggregate(statement="x", published_by="x", source="x", **percentage).full_clean()
    assert "denominator" in error.value.message_dict  # a percentage states its parts
