"""reporting.analysis over the known dataset of tests/reporting_data.py:
every answer below is computed by hand from the table in that module."""

import pytest

from reprisals.reporting import analysis
from reprisals.reporting.analysis import PeriodError
from reprisals.reporting.figures import MentionRef, Ratio, Tally, as_data, half_up_percent
from reprisals.reporting.scope import all_cases
from tests import reporting_data


@pytest.fixture
def cases(team):
    return reporting_data.build(team)


def codes(tally):
    return list(tally.cases)


def test_it_counts_cases_first_reported_and_mentions_per_year_with_empty_years(cases):
    rows = analysis.cases_per_year(all_cases(), state="CHN")

    assert [(r.year, r.report, r.symbol) for r in rows] == [
        (2010, True, "A/HRC/14/1"), (2011, True, "A/HRC/18/1"), (2012, False, ""),
        (2013, True, "A/HRC/24/1"), (2014, True, "A/HRC/27/1"),
    ]  # fmt: skip
    by_year = {r.year: r for r in rows}
    assert [by_year[y].first_reported.n for y in range(2010, 2015)] == [2, 1, 0, 1, 0]
    assert [by_year[y].new.n for y in range(2010, 2015)] == [2, 1, 0, 1, 1]
    assert [by_year[y].follow_up.n for y in range(2010, 2015)] == [0, 1, 0, 2, 1]
    assert [by_year[y].mentions.n for y in range(2010, 2015)] == [2, 2, 0, 3, 2]
    assert codes(by_year[2010].first_reported) == ["2010-CHN-001", "2010-CHN-002"]
    # Re-listed as new in 2014: new again that year, but first reported in 2013 only.
    assert codes(by_year[2014].new) == ["2013-CHN-001"]
    assert codes(by_year[2014].first_reported) == []
    # Listed in 2013 under another symbol: still the same case, followed up.
    assert codes(by_year[2013].follow_up) == ["2010-CHN-001", "2011-CHN-001"]
    assert by_year[2013].mentions.mentions == (
        MentionRef("2010-CHN-001", 2013, "follow_up"),
        MentionRef("2011-CHN-001", 2013, "follow_up"),
        MentionRef("2013-CHN-001", 2013, "new"),
    )
    assert by_year[2012].mentions == Tally(0)
    assert {r.state_name for r in rows} == {"China"}


def test_it_counts_distinct_cases_once_over_a_period_and_mentions_each_time(cases):
    ledger = analysis.Ledger(all_cases())
    period = (2010, 2014)

    first = analysis.tally(ledger, "cases_first_reported", period, "CHN")
    mentions = analysis.tally(ledger, "mentions", period, "CHN")

    assert first.n == 4 and codes(first) == [
        "2010-CHN-001", "2010-CHN-002", "2011-CHN-001", "2013-CHN-001",
    ]  # fmt: skip
    assert mentions.n == 9 and len(mentions.mentions) == 9 and len(mentions.cases) == 4


def test_it_lists_every_state_with_a_mention_and_no_state_without(cases):
    rows = analysis.cases_per_year(all_cases(), first=2013, last=2013)

    assert [(r.state, r.first_reported.n, r.mentions.n) for r in rows] == [
        ("BHR", 1, 1), ("CHN", 1, 3), ("VNM", 1, 1),
    ]  # fmt: skip


def test_it_gives_zeros_for_a_state_with_no_cases(cases):
    rows = analysis.cases_per_year(all_cases(), state="NOR")

    assert len(rows) == 5
    assert all(r.first_reported == r.new == r.follow_up == r.mentions == Tally(0) for r in rows)
    assert analysis.ranking(all_cases(), state="NOR")[0].rank is None
    (citing,) = analysis.reports_citing(all_cases(), state="NOR")
    assert citing.reports == Ratio(0, 4, 0) and citing.not_citing == (2010, 2011, 2013, 2014)
    (rate,) = analysis.follow_up_rate(all_cases(), state="NOR")
    assert rate.rate == Ratio(0, 0, None) and str(rate.rate) == "— (0 of 0)"
    assert analysis.persistence(all_cases(), state="NOR") == []
    assert analysis.distributions(all_cases(), state="NOR") == []


def test_it_ranks_with_shared_places_and_a_gap_after_a_tie(cases):
    rows = analysis.ranking(all_cases(), first=2010, last=2014)

    assert [(r.rank, r.state, r.value.n) for r in rows] == [
        (1, "CHN", 4), (2, "BHR", 2), (2, "VNM", 2), (4, "EGY", 1),
    ]  # fmt: skip
    assert codes(rows[1].value) == ["2011-BHR-001", "2013-BHR-001"]


def test_it_ranks_by_mentions_and_ties_everyone_when_all_are_equal(cases):
    by_mentions = analysis.ranking(all_cases(), by="mentions")
    last_two_years = analysis.ranking(all_cases(), first=2013, last=2014)

    assert [(r.rank, r.state, r.value.n) for r in by_mentions] == [
        (1, "CHN", 9), (2, "VNM", 3), (3, "BHR", 2), (4, "EGY", 1),
    ]  # fmt: skip
    assert [(r.rank, r.state) for r in last_two_years] == [
        (1, "BHR"), (1, "CHN"), (1, "EGY"), (1, "VNM"),
    ]  # fmt: skip


def test_it_gives_one_states_rank(cases):
    (row,) = analysis.ranking(all_cases(), state="EGY")

    assert (row.rank, row.value.n, row.state_name) == (4, 1, "Egypt")


def test_it_counts_reports_citing_a_state_out_of_the_reports_of_the_period(cases):
    rows = {r.state: r for r in analysis.reports_citing(all_cases())}

    assert {code: str(r.reports) for code, r in rows.items()} == {
        "BHR": "50 % (2 of 4)", "CHN": "100 % (4 of 4)", "EGY": "25 % (1 of 4)",
        "VNM": "75 % (3 of 4)",
    }  # fmt: skip
    assert rows["VNM"].citing == (2010, 2011, 2013) and rows["VNM"].not_citing == (2014,)
    assert rows["VNM"].cases == ("2010-VNM-001", "2013-VNM-001")
    (early,) = analysis.reports_citing(all_cases(), state="CHN", first=2010, last=2012)
    assert early.reports == Ratio(2, 2, 100)  # no report in 2012


def test_it_computes_the_follow_up_rate_of_cases_first_reported_in_the_period(cases):
    rows = {r.state: r for r in analysis.follow_up_rate(all_cases())}

    assert {code: r.rate for code, r in rows.items()} == {
        "BHR": Ratio(1, 2, 50), "CHN": Ratio(2, 4, 50), "EGY": Ratio(0, 1, 0),
        "VNM": Ratio(1, 2, 50),
    }  # fmt: skip
    assert rows["CHN"].followed == ("2010-CHN-001", "2011-CHN-001")
    assert rows["CHN"].not_followed == ("2010-CHN-002", "2013-CHN-001")
    # A case whose first mention is a follow-up is first reported and followed up then.
    assert rows["BHR"].followed == ("2013-BHR-001",)


def test_it_counts_only_follow_ups_up_to_the_end_of_the_period(cases):
    (row,) = analysis.follow_up_rate(all_cases(), state="CHN", first=2010, last=2011)

    # 2011-CHN-001 is followed up only in 2013, after the period.
    assert row.rate == Ratio(1, 3, 33) and row.followed == ("2010-CHN-001",)


@pytest.mark.parametrize(
    "numerator, denominator, percent",
    [(15, 19, 79), (1, 8, 13), (1, 40, 3), (3, 8, 38), (2, 3, 67), (1, 3, 33), (0, 5, 0),
     (5, 5, 100), (1, 200, 1), (1, 201, 0), (0, 0, None)],
)  # fmt: skip
def test_it_rounds_percentages_half_up(numerator, denominator, percent):
    assert half_up_percent(numerator, denominator) == percent
    ratio = Ratio.of(numerator, denominator)
    assert (ratio.numerator, ratio.denominator, ratio.percent) == (numerator, denominator, percent)


def test_it_states_79_percent_for_15_of_19_with_numerator_and_denominator():
    assert str(Ratio.of(15, 19)) == "79 % (15 of 19)"
    assert as_data(Ratio.of(15, 19)) == {"numerator": 15, "denominator": 19, "percent": 79}


def test_it_finds_cases_listed_in_four_or_more_reports(cases):
    (row,) = analysis.persistence(all_cases())

    assert (row.case, row.state, row.reports, row.years) == (
        "2010-CHN-001", "CHN", 4, (2010, 2011, 2013, 2014),
    )  # fmt: skip
    assert analysis.persistence(all_cases(), first=2011) == []
    assert [r.case for r in analysis.persistence(all_cases(), min_reports=2)] == [
        "2010-CHN-001", "2010-VNM-001", "2011-CHN-001", "2013-CHN-001",  # most-listed, then code
    ]  # fmt: skip


def test_it_distributes_cases_by_act_mechanism_perpetrator_and_gender(cases):
    reporting_data.add_facts(cases)

    rows = analysis.distributions(all_cases(), state="CHN")

    found = [(r.dimension, r.value, r.count.n, codes(r.count)) for r in rows]
    both, first = ["2010-CHN-001", "2010-CHN-002"], ["2010-CHN-001"]
    assert found == [
        ("act_type", "arbitrary_detention", 2, both),
        ("act_type", "travel_ban", 1, first),
        ("mechanism", "m-one", 1, first),
        ("mechanism", "m-two", 1, ["2010-CHN-002"]),
        ("perpetrator_type", "judiciary", 1, first),
        ("perpetrator_type", "police", 1, first),
        ("perpetrator_type", "state_security", 1, ["2010-CHN-002"]),
        ("gender", "female", 2, both),  # two women, one of them in both cases
        ("gender", "male", 1, first),
    ]
    assert rows[0].label == "Arbitrary detention" and rows[2].label == "Mechanism one"


def test_it_distributes_only_cases_opened_in_the_years_asked(cases):
    reporting_data.add_facts(cases)

    assert analysis.distributions(all_cases(), first=2011) == []
    assert len(analysis.distributions(all_cases(), first=2010, last=2010)) == 9
    only_acts = analysis.distributions(all_cases(), dimensions=("act_type",))
    assert {r.dimension for r in only_acts} == {"act_type"}


def test_it_lists_pattern_designations_per_report(cases):
    reporting_data.designate(2013, "VNM", "CHN")
    reporting_data.designate(2014, "CHN")

    rows = analysis.pattern_designations()

    assert [(r.year, r.states, r.n) for r in rows] == [
        (2010, (), 0), (2011, (), 0), (2013, ("CHN", "VNM"), 2), (2014, ("CHN",), 1),
    ]  # fmt: skip
    assert rows[2].symbol == "A/HRC/24/1" and rows[2].sources == ("Report, para. 1",)
    vietnam = analysis.pattern_designations(state="VNM", first=2013)
    assert [(r.year, r.states) for r in vietnam] == [(2013, ("VNM",)), (2014, ())]


def test_it_answers_nothing_without_any_report_on_record(db):
    assert analysis.cases_per_year(all_cases()) == []
    assert analysis.ranking(all_cases()) == []
    assert analysis.reports_citing(all_cases(), state="CHN") == []
    assert analysis.pattern_designations() == []


def test_it_refuses_a_period_that_ends_before_it_starts(cases):
    for function in (analysis.cases_per_year, analysis.ranking, analysis.follow_up_rate,
                     analysis.distributions, analysis.persistence):  # fmt: skip
        with pytest.raises(PeriodError):
            function(all_cases(), first=2014, last=2010)
    with pytest.raises(PeriodError):
        analysis.pattern_designations(first=2014, last=2010)


def test_it_counts_only_the_cases_it_is_given(cases):
    chinese = all_cases().filter(state__iso3="CHN")

    rows = analysis.ranking(chinese)

    assert [(r.rank, r.state, r.value.n) for r in rows] == [(1, "CHN", 4)]


def test_it_gives_json_ready_data(cases):
    (row,) = analysis.follow_up_rate(all_cases(), state="CHN")

    assert as_data(row) == {
        "state": "CHN", "state_name": "China",
        "rate": {"numerator": 2, "denominator": 4, "percent": 50},
        "followed": ["2010-CHN-001", "2011-CHN-001"],
        "not_followed": ["2010-CHN-002", "2013-CHN-001"],
    }  # fmt: skip
