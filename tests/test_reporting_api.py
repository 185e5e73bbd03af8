"""The analysis endpoints of the API (reprisals/api/analysis.py): public
ones count only public cases, staff ones the token owner's teams' cases;
parameters are strict and errors have the one shape."""

import json
import urllib.request

import pytest

from reprisals.api.auth import issue_token
from tests import reporting_data
from tests.factories import TeamFactory, UserFactory

API = "/api/v1"


@pytest.fixture
def cases(team):
    cases = reporting_data.build(team)
    reporting_data.add_facts(cases)
    reporting_data.make_public(cases["2010-VNM-001"], "Publicname Named")
    reporting_data.make_public(cases["2013-VNM-001"], "Othername Named")
    return cases


def token_for(user):
    return issue_token(user, name="tests", actor=None)[1]


def get(client, path, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"{API}{path}", params, headers=headers)


def test_public_figures_count_only_public_cases(client, cases):
    response = get(client, "/analysis/ranking", **{"from": 2010, "to": 2014})

    assert response.status_code == 200
    assert response.json()["scope"] == "public"
    assert [(r["rank"], r["state"], r["value"]["cases"]) for r in response.json()["rows"]] == [
        (1, "VNM", ["2010-VNM-001", "2013-VNM-001"]),
    ]
    for name in ["cases-per-year", "reports-citing", "follow-up-rate", "persistence",
                 "distributions", "patterns", "published"]:  # fmt: skip
        text = get(client, f"/analysis/{name}").text
        hidden = [code for code in cases if code in text and "-VNM-" not in code]
        assert not hidden, (name, hidden)


def test_public_distributions_leave_out_gender(client, cases, documenter):
    public = get(client, "/analysis/distributions").json()["rows"]
    staff = get(client, "/staff/analysis/distributions", token_for(documenter)).json()["rows"]

    assert {r["dimension"] for r in public} <= {"act_type", "mechanism", "perpetrator_type"}
    assert "gender" in {r["dimension"] for r in staff}


def test_staff_figures_count_the_teams_cases(client, cases, documenter, analyst, outsider):
    path, period = "/staff/analysis/follow-up-rate", {"state": "CHN", "to": 2011}

    mine = get(client, path, token_for(documenter), **period).json()
    counted = get(client, path, token_for(analyst), **period).json()
    theirs = get(client, path, token_for(outsider), **period).json()

    assert mine["scope"] == "staff" and mine == counted
    (row,) = mine["rows"]
    assert row["rate"] == {"numerator": 1, "denominator": 3, "percent": 33}
    assert row["followed"] == ["2010-CHN-001"]
    assert theirs["rows"][0]["rate"] == {"numerator": 0, "denominator": 0, "percent": None}


def test_staff_figures_need_a_token(client, cases):
    response = get(client, "/staff/analysis/ranking")

    assert response.status_code == 401 and list(response.json()) == ["error"]


def test_it_compares_published_figures_over_the_api(client, cases, documenter):
    from reprisals.reporting.models import PublishedAggregate

    PublishedAggregate.objects.create(
        statement="cited in 3 of 4 reports", measure="reports_citing", period_start=2010,
        period_end=2014, numerator=3, denominator=4, published_by="NGO", source="p. 2",
        state=cases["2010-VNM-001"].state,
    )  # fmt: skip

    (public,) = get(client, "/analysis/published").json()["rows"]
    (staff,) = get(client, "/staff/analysis/published", token_for(documenter)).json()["rows"]

    assert public["status"] == "match" and public["computed"]["reports"] == [2010, 2011, 2013]
    assert public["computed"]["numerator"] == 3 and public["computed"]["denominator"] == 4
    stated = {"value": None, "numerator": 3, "denominator": 4, "percent": None}
    assert public["published"] == {**stated, "cases": [], "reports": [], "states": []}
    assert public["status"] == staff["status"]


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("/analysis/ranking", {"state": "china"}, "state"),
        ("/analysis/ranking", {"by": "names"}, "by"),
        ("/analysis/cases-per-year", {"to": 1850}, "to"),
        ("/analysis/cases-per-year", {"from": "twenty"}, "from"),
        ("/analysis/persistence", {"min_reports": 0}, "min_reports"),
        ("/analysis/patterns", {"colour": "blue"}, "colour"),
    ],
)
def test_it_names_each_bad_parameter(client, cases, path, params, field):
    response = get(client, path, **params)

    assert response.status_code == 422
    assert list(response.json()) == ["error"] and field in response.json()["error"]["fields"]


def test_a_state_with_no_cases_has_zeros(client, cases):
    rows = get(client, "/analysis/cases-per-year", state="NOR").json()["rows"]
    unknown = get(client, "/analysis/follow-up-rate", state="QQQ").json()["rows"]

    assert [r["year"] for r in rows] == [2010, 2011, 2012, 2013, 2014]
    assert all(r["mentions"]["n"] == 0 for r in rows) and rows[0]["state_name"] == "Norway"
    assert unknown == [{"state": "QQQ", "state_name": "", "followed": [], "not_followed": [],
                        "rate": {"numerator": 0, "denominator": 0, "percent": None}}]  # fmt: skip


def test_a_period_that_ends_before_it_starts_holds_nothing(client, cases):
    response = get(client, "/analysis/cases-per-year", **{"from": 2014, "to": 2010})

    assert response.status_code == 200 and response.json()["rows"] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_answers_over_http(live_server):
    team = TeamFactory(name="HTTP team")
    cases = reporting_data.build(team)
    reporting_data.make_public(cases["2010-VNM-001"], "Publicname Named")
    token = token_for(UserFactory(role="analyst", teams=[team]))

    public_url = f"{live_server.url}{API}/analysis/follow-up-rate?state=VNM"
    with urllib.request.urlopen(public_url, timeout=30) as response:
        public = json.load(response)
    staff_request = urllib.request.Request(
        f"{live_server.url}{API}/staff/analysis/follow-up-rate?state=VNM",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(staff_request, timeout=30) as response:
        staff = json.load(response)

    assert public["rows"][0]["rate"] == {"numerator": 1, "denominator": 1, "percent": 100}
    assert staff["rows"][0]["rate"] == {"numerator": 1, "denominator": 2, "percent": 50}
    assert staff["rows"][0]["not_followed"] == ["2013-VNM-001"]
