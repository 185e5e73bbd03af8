"""The demo's reporting history (reprisals/demo/history.json): the cycles
2010-2021 and the figures the seed report states, each with its source,
beside what the demo's five cases give."""

import pytest
from django.utils import timezone

from reprisals.demo.loader import load_demo
from reprisals.reporting.compare import compare
from reprisals.reporting.figures import half_up_percent
from reprisals.reporting.models import (
    PatternDesignation,
    PublishedAggregate,
    ReportingCycle,
    ReportMention,
)
from reprisals.reporting.scope import all_cases, public_cases


def reporting_counts():
    models = (ReportingCycle, ReportMention, PatternDesignation, PublishedAggregate)
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_one_report_a_year_from_2010_to_2021_without_invented_symbols(demo):
    cycles = ReportingCycle.objects.all()

    assert [c.year for c in cycles] == list(range(2010, 2022))
    assert {(c.symbol, c.period_start, c.hrc_session, c.published_on) for c in cycles} == {
        ("", None, None, "")
    }
    assert all("gives no symbol" in c.source and "§2" in c.source for c in cycles)


def test_it_keeps_the_figures_of_the_seed_report_with_their_sources(demo):
    figures = {(a.measure, a.state_id and a.state.iso3, a.years): a
               for a in PublishedAggregate.objects.all()}  # fmt: skip

    assert figures[("cases_first_reported", "CHN", (2010, 2020))].value == 37
    assert figures[("rank", "CHN", (2010, 2020))].value == 4
    citing = figures[("reports_citing", "CHN", (2010, 2020))]
    assert (citing.numerator, citing.denominator) == (9, 11)
    assert figures[("new_cases", "CHN", (2019, 2019))].value == 6
    assert figures[("follow_up_cases", "CHN", (2019, 2019))].value == 11
    assert figures[("new_cases", "CHN", (2020, 2020))].value == 15
    assert figures[("pattern_designation", None, (2020, 2020))].value == 11
    rate = figures[("follow_up_rate", "CHN", (2010, 2019))]
    assert (rate.numerator, rate.denominator, rate.value) == (15, 19, 79)
    assert "footnote 8" in rate.source and "15 out of 19" in rate.statement
    assert all(a.source.startswith("ISHR") and a.published_by for a in figures.values())
    for aggregate in figures.values():
        aggregate.full_clean()
        if aggregate.measure == "follow_up_rate":  # every percentage states its parts
            assert half_up_percent(aggregate.numerator, aggregate.denominator) == aggregate.value


def test_it_records_the_mentions_and_designations_the_seed_report_supports(demo):
    (mention,) = ReportMention.objects.all()
    (designation,) = PatternDesignation.objects.all()

    assert (mention.case.code, mention.cycle.year, mention.kind) == ("2020-CHN-001", 2021, "new")
    assert "National Security Law" in mention.note and "§2" in mention.source
    assert (designation.state.iso3, designation.cycle.year) == ("CHN", 2020)


def test_it_shows_where_the_demo_records_confirm_a_published_figure_and_where_not(demo):
    found = compare(all_cases(), PublishedAggregate.objects.all())

    matches = {(c.measure, c.state, c.first) for c in found if c.status == "match"}
    assert matches == {
        ("reports_citing", "CHN", 2021), ("pattern_designation", "CHN", 2020),
        ("pattern_designation", "", 2021),
    }  # fmt: skip
    assert {c.status for c in found} == {"match", "mismatch"}
    (rate,) = [c for c in found if c.measure == "follow_up_rate"]
    assert (rate.published.numerator, rate.published.denominator, rate.published.percent) == (
        15, 19, 79,
    )  # fmt: skip
    assert (rate.computed.numerator, rate.computed.denominator) == (0, 0)
    public = compare(public_cases(timezone.now()), PublishedAggregate.objects.all())
    assert [c.status for c in public] == [c.status for c in found]  # the demo cases are public


@pytest.mark.django_db
def test_it_reloads_without_changing_anything():
    load_demo()
    before = reporting_counts()

    counts = load_demo()

    assert reporting_counts() == before == {
        "ReportingCycle": 12, "ReportMention": 1, "PatternDesignation": 1,
        "PublishedAggregate": 14,
    }  # fmt: skip
    assert counts["reporting cycles"] == 12 and counts["published figures"] == 14
