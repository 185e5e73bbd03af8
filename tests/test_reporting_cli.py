"""`reprisals analyse FUNCTION [--state] [--from] [--to] [--format json|table]`
over the known dataset of tests/reporting_data.py."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from reprisals.cli import main
from tests import reporting_data


@pytest.fixture
def cases(team):
    return reporting_data.build(team)


def analyse(*args):
    out = io.StringIO()
    call_command("analyse", *args, stdout=out)
    return out.getvalue()


def analyse_json(*args):
    return json.loads(analyse(*args, "--format", "json"))


def test_it_prints_the_ranking_as_json_with_ties_and_records(cases):
    document = analyse_json("ranking", "--from", "2010", "--to", "2014")

    assert (document["function"], document["scope"], document["from"], document["to"]) == (
        "ranking", "all", 2010, 2014,
    )  # fmt: skip
    assert [[r["rank"], r["state"], r["value"]["n"]] for r in document["rows"]] == [
        [1, "CHN", 4], [2, "BHR", 2], [2, "VNM", 2], [4, "EGY", 1],
    ]  # fmt: skip
    assert document["rows"][3]["value"]["cases"] == ["2014-EGY-001"]


def test_it_prints_a_follow_up_rate_with_numerator_and_denominator(cases):
    (row,) = analyse_json("follow-up-rate", "--state", "CHN", "--to", "2011")["rows"]

    assert row["rate"] == {"numerator": 1, "denominator": 3, "percent": 33}
    assert row["followed"] == ["2010-CHN-001"]


@pytest.mark.parametrize(
    "function, expected",
    [
        ("cases-per-year", lambda rows: [r["new"]["n"] for r in rows] == [2, 1, 0, 1, 1]),
        ("reports-citing", lambda rows: rows[0]["reports"]["numerator"] == 4),
        ("persistence", lambda rows: [r["case"] for r in rows] == ["2010-CHN-001"]),
        ("distributions", lambda rows: rows == []),
        ("patterns", lambda rows: [r["year"] for r in rows] == [2010, 2011, 2013, 2014]),
        ("published", lambda rows: rows == []),
    ],
)  # fmt: skip
def test_it_offers_every_function_in_json(cases, function, expected):
    assert expected(analyse_json(function, "--state", "CHN")["rows"])


def test_it_counts_only_public_cases_with_public(cases):
    reporting_data.make_public(cases["2013-VNM-001"], "Publicname Named")

    document = analyse_json("ranking", "--public")

    assert document["scope"] == "public"
    assert [[r["rank"], r["state"], r["value"]["cases"]] for r in document["rows"]] == [
        [1, "VNM", ["2013-VNM-001"]],
    ]


def test_it_prints_a_table_with_the_records_of_each_figure(cases):
    table = analyse("ranking", "--by", "mentions")

    assert "ranking" in table and "rank" in table and "state name" in table
    assert "9: 2010-CHN-001, 2010-CHN-002, 2011-CHN-001, 2013-CHN-001" in table
    assert "1: 2014-EGY-001" in table
    assert "nothing to show" in analyse("persistence", "--state", "NOR")


def test_it_refuses_an_unknown_state_and_a_backwards_period(cases):
    with pytest.raises(CommandError, match="No State with the code 'QQQ'"):
        analyse("ranking", "--state", "QQQ")
    with pytest.raises(CommandError, match="ends"):
        analyse("cases-per-year", "--from", "2014", "--to", "2010")
    with pytest.raises(CommandError):
        analyse("ranking", "--from", "twenty")


# run_from_argv closes the database connection when done, as a real command
# line does: this test needs real transactions.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reprisals_command_runs_it(capsys):
    from tests.factories import TeamFactory

    reporting_data.build(TeamFactory())

    main(["analyse", "follow-up-rate", "--state", "CHN", "--format", "json"])

    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["rate"] == {"numerator": 2, "denominator": 4, "percent": 50}
