"""The diplomatic record's JSON API, /api/v1/diplomacy/: the demo's 2014
point of order with both counts and the case code shown only while the case
is public, the real Human Rights Council votes (24/24: 31-1-15), the 2017
amendment table, China's record, agreement computed again by hand from the
votes and cached until the votes change, and bad parameters refused."""

from collections import defaultdict
from itertools import combinations

import pytest

from reprisals.cases.models import Case
from reprisals.cases.services import withdraw_consent
from reprisals.diplomacy.agreement import _kept as kept_agreements
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.models import Vote
from reprisals.reference.models import State
from tests.diplomacy_data import shared_dataset, write_ga

API = "/api/v1/diplomacy"
POINT_OF_ORDER = "point-of-order/25/moment-of-silence"
LIKEMINDED = "CHN,RUS,IND,VEN,EGY"

pytestmark = pytest.mark.django_db


@pytest.fixture
def hrc_votes(db):
    import_hrc_votes(shared_dataset("hrc_votes"))


def get(client, path, status=200, **query):
    response = client.get(f"{API}{path}", query)
    assert response.status_code == status, response.content
    return response.json()


def error_fields(client, path, **query):
    return set(get(client, path, 422, **query)["error"]["fields"])


# -- vote events ------------------------------------------------------------------


def test_the_2014_point_of_order_gives_both_counts_and_flags_where_they_differ(client, demo):
    (event,) = get(client, "/votes", symbol=POINT_OF_ORDER)["events"]
    assert (event["key"], event["body"], event["classification"]) == (
        POINT_OF_ORDER, "HRC", "point_of_order")  # fmt: skip
    assert "moment of silence" in event["motion"] and event["session"] == "25"
    assert (event["result"], event["date"]) == ("rejected", None)  # the report gives the year
    (reported,) = event["reported_counts"]
    (named,) = event["counts_of_named_votes"]
    assert "§4" in reported["source"] and "footnote 16" in named["source"]
    # The text reports 20 against; the footnote names 19 States.
    assert {k: reported[k] for k in ("yes", "no", "abstain", "absent", "not_voting")} == {
        "yes": 13, "no": 20, "abstain": 12, "absent": None, "not_voting": None}  # fmt: skip
    assert {k: named[k] for k in ("yes", "no", "abstain", "absent", "not_voting")} == {
        "yes": 13, "no": 19, "abstain": 12, "absent": 2, "not_voting": 0}  # fmt: skip
    assert event["disagreements"] == [
        {"option": "no", "reported": 20, "reported_by": reported["source"], "named": 19,
         "named_by": named["source"]}]  # fmt: skip
    assert len(event["votes"]) == 13 + 19 + 12 + 2
    china = next(vote for vote in event["votes"] if vote["iso3"] == "CHN")
    assert (china["name"], china["option"], china["source"]) == ("China", "no", named["source"])
    assert sorted(v["iso3"] for v in event["votes"] if v["option"] == "absent") == ["KEN", "MKD"]
    assert event["cases"] == ["2013-CHN-001"]


def test_a_case_code_in_a_motion_is_given_only_while_the_case_is_public(client, demo):
    response = client.get(f"{API}/votes", {"symbol": POINT_OF_ORDER})
    (event,) = response.json()["events"]
    # Kept in the texts while the case is public, and given in `cases`.
    assert event["cases"] == ["2013-CHN-001"] and "(case 2013-CHN-001)" in event["motion"]
    for subject in Case.objects.get(code="2013-CHN-001").subjects.all():
        withdraw_consent(subject.person, actor=None)
    response = client.get(f"{API}/votes", {"symbol": POINT_OF_ORDER})
    assert response.status_code == 200 and b"2013-CHN-001" not in response.content
    (event,) = response.json()["events"]
    assert event["cases"] == [] and "moment of silence" in event["motion"]


def test_the_2013_resolution_from_the_real_dataset(client, hrc_votes):
    # Any letter case: the symbol is read in its normal form.
    (event,) = get(client, "/votes", symbol="a/hrc/res/24/24")["events"]
    assert (event["key"], event["date"]) == ("A/HRC/RES/24/24", "2013-09-27")
    assert (event["result"], event["result_basis"]) == ("adopted", "computed")
    assert event["reported_counts"] == []  # the dataset has named votes only
    (named,) = event["counts_of_named_votes"]
    assert named["source"] == "hrc_votes/votes.csv"
    assert (named["yes"], named["no"], named["abstain"]) == (31, 1, 15)
    assert event["disagreements"] == [] and event["cases"] == []
    austria = next(vote for vote in event["votes"] if vote["iso3"] == "AUT")
    assert (austria["option"], austria["raw"]) == ("yes", "YES")


def test_the_2017_resolution_gives_the_reports_counts_beside_the_named_votes(
    client, demo, hrc_votes
):
    (event,) = get(client, "/votes", symbol="A/HRC/RES/36/21")["events"]
    (reported,) = event["reported_counts"]
    assert (reported["abstain"], reported["no"], reported["yes"]) == (19, 0, None)
    (named,) = event["counts_of_named_votes"]
    assert (named["yes"], named["no"], named["abstain"]) == (28, 0, 19)
    assert event["disagreements"] == []


def test_no_vote_on_record_is_a_404(client, demo):
    error = get(client, "/votes", 404, symbol="A/HRC/RES/99/99")["error"]
    assert error["code"] == "not_found"
    get(client, "/votes", 404, symbol="rcid:999999")


# -- amendments -------------------------------------------------------------------


def test_the_2017_amendment_table_beside_the_recorded_votes(client, demo, hrc_votes):
    table = get(client, "/amendments", symbol="A/HRC/RES/36/21", states=LIKEMINDED)
    assert table["symbol"] == "A/HRC/RES/36/21" and table["states"] == LIKEMINDED.split(",")
    rows = table["rows"]
    assert len(rows) == 19
    first = rows[0]
    assert first["symbol"] == "A/HRC/36/L.43" and first["label"].startswith("Amendment #1")
    (reported,) = first["reported"]
    assert reported["cells"] == {"CHN": "", "RUS": "supported", "IND": "", "VEN": "",
                                 "EGY": ""}  # fmt: skip
    assert first["recorded"]["cells"] == {"CHN": "abstained", "RUS": "not a member",
                                          "IND": "abstained", "VEN": "voted yes",
                                          "EGY": "voted yes"}  # fmt: skip
    flagged = [d for row in rows for d in row["disagreements"]]
    russia = [d for d in flagged if d["state"] == "RUS"]
    assert len(russia) == 18 and {d["recorded"] for d in russia} == {"not a member"}
    outcome = [d for d in flagged if d["state"] is None]
    assert [(d["reported"], d["recorded"]) for d in outcome] == [("REJECTED", "adopted")]


def test_the_amendment_table_without_a_recorded_vote(client, demo):
    rows = get(client, "/amendments", symbol="A/HRC/RES/48/17", states="CHN,RUS")["rows"]
    assert len(rows) == 9
    assert all(row["recorded"] is None and row["disagreements"] == [] for row in rows)


def test_the_amendment_table_needs_a_document_and_known_states(client, demo):
    get(client, "/amendments", 404, symbol="A/HRC/RES/99/99", states="CHN")
    error = get(client, "/amendments", 404, symbol="A/HRC/RES/36/21", states="CHN,QQQ")["error"]
    assert error["message"] == "State 2 of 'states' is not on record."


# -- a State's record ---------------------------------------------------------------


def test_chinas_record(client, demo):
    found = get(client, "/states/CHN/record")
    assert found["state"] == {"iso3": "CHN", "name": "China"}
    adopted = [row for row in found["reprisals_votes"]
               if row["classification"] == "adopt_resolution"]  # fmt: skip
    assert [row["key"] for row in adopted] == ["A/HRC/RES/12/2", "A/HRC/RES/24/24",
        "A/HRC/RES/36/21", "A/HRC/RES/42/28", "A/HRC/RES/48/17"]  # fmt: skip
    assert adopted[0]["result"] == "adopted_without_vote" and adopted[0]["vote"] is None
    (dissociation,) = found["dissociations"]
    assert dissociation["document"] == "A/HRC/RES/48/17"
    assert found["sponsorships"] == [{"document": "A/RES/68/144", "voted": False,
                                      "title": "Report of the Human Rights Council",
                                      "classification": "sponsor"}]  # fmt: skip
    dates = [row["date"] for row in found["statements"]]
    assert dates and dates == sorted(dates)
    frames = {row["year"]: row["frames"] for row in found["frames_by_year"]}
    assert sorted(frames) == [2017, 2018, 2019, 2020, 2021]
    assert frames[2017] == {"support_for_principle": 1, "procedural_objection": 1}
    assert found["theme_record"] is None


def test_a_states_votes_on_a_theme_year_by_year(client, tmp_path):
    import_unga_votes(write_ga(tmp_path / "unvotes"))  # 2018: China no, Germany yes on "hr"
    found = get(client, "/states/CHN/record", theme="hr")
    assert found["theme_record"] == {"body": "GA", "theme": "hr", "years": [
        {"year": 2018, "yes": 0, "no": 1, "abstain": 0, "absent": 0, "not_voting": 0}]}  # fmt: skip
    assert get(client, "/states/CHN/record", theme="hr", body="HRC")["theme_record"]["years"] == []
    assert get(client, "/states/DEU/record", theme="hr")["theme_record"]["years"][0]["yes"] == 1


def test_an_unknown_state_has_no_record(client, db):
    get(client, "/states/QQQ/record", 404)


# -- agreement ----------------------------------------------------------------------


def by_hand(body, a, b):
    """(both voted, identical, half) over the body's votes, from the Vote rows."""
    votes = defaultdict(dict)
    rows = Vote.objects.filter(vote_event__body__code=body, state__iso3__in=[a, b])
    for event, iso3, option in rows.values_list("vote_event", "state__iso3", "option"):
        votes[event][iso3] = option
    sided = {"yes", "no"}
    both = [(v[a], v[b]) for v in votes.values()
            if {v.get(a), v.get(b)} <= sided | {"abstain"}]  # fmt: skip
    half = sum(bool({x, y} & sided) and "abstain" in {x, y} for x, y in both)
    return len(both), sum(x == y for x, y in both), half


def test_agreement_between_states_of_the_council(client, hrc_votes):
    states = ["CHN", "RUS", "IND", "FRA"]
    found = get(client, "/agreement", body="HRC", states=",".join(states), closest=5)
    assert (found["body"], found["theme"]) == ("HRC", None)
    assert [pair["states"] for pair in found["pairs"]] == [list(p) for p in combinations(states, 2)]
    for pair in found["pairs"]:
        both, identical, half = by_hand("HRC", *pair["states"])
        assert (pair["both_voted"], pair["identical"], pair["half"]) == (both, identical, half)
        assert both > 100
        assert pair["share"] == pytest.approx(identical / both)
        assert pair["lijphart"] == pytest.approx((identical + half / 2) / both)
    china_russia = found["pairs"][0]
    assert china_russia["share"] > found["pairs"][2]["share"]  # CHN-RUS closer than CHN-FRA
    for row in found["closest"]:
        shares = [pair["share"] for pair in row["closest"]]
        assert len(shares) == 5 and shares == sorted(shares, reverse=True)
        assert all(pair["states"][0] == row["state"] != pair["states"][1]
                   for pair in row["closest"])  # fmt: skip


def test_agreement_is_cached_until_the_votes_change(client, hrc_votes):
    # A vote of the United States' where China has none (not on the Council then).
    china = Vote.objects.filter(state__iso3="CHN").values("vote_event")
    usa = Vote.objects.filter(state__iso3="USA", option__in=["yes", "no", "abstain"])
    usa = usa.exclude(vote_event__in=china).first()
    query = {"body": "HRC", "states": "CHN,USA", "closest": 0}
    first = get(client, "/agreement", **query)
    hits = kept_agreements.cache_info().hits
    assert get(client, "/agreement", **query) == first
    assert kept_agreements.cache_info().hits == hits + 1
    # China votes as the United States there: one more where both voted, identically.
    Vote.objects.create(vote_event=usa.vote_event, state=State.objects.get(iso3="CHN"),
                        option=usa.option, raw=usa.raw, source=usa.source)  # fmt: skip
    (pair,) = get(client, "/agreement", **query)["pairs"]
    assert pair["both_voted"] == first["pairs"][0]["both_voted"] + 1
    assert pair["identical"] == first["pairs"][0]["identical"] + 1
    assert first["closest"] == [{"state": "CHN", "closest": []}, {"state": "USA", "closest": []}]


def test_agreement_on_a_theme(client, tmp_path):
    import_unga_votes(write_ga(tmp_path / "unvotes"))
    (pair,) = get(client, "/agreement", body="GA", theme="hr", states="CHN,DEU")["pairs"]
    assert (pair["both_voted"], pair["identical"], pair["share"]) == (1, 0, 0.0)
    get(client, "/agreement", 404, body="GA", theme="nothing", states="CHN,DEU")


def test_a_state_that_never_voted_in_the_body_is_a_404(client, hrc_votes):
    error = get(client, "/agreement", 404, body="HRC", states="CHN,AND")["error"]
    assert error["message"] == "State 2 of 'states' has no vote on record here."
    get(client, "/agreement", 404, body="HRC", states="QQQ")


# -- parameters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "fields"),
    [
        ("/votes", {}, {"symbol"}),
        ("/votes", {"symbol": "A" * 101}, {"symbol"}),
        ("/votes", {"symbol": "A/HRC/RES/24/24<script>"}, {"symbol"}),
        ("/votes", {"symbol": "/etc/passwd"}, {"symbol"}),
        ("/votes", {"symbol": POINT_OF_ORDER, "sort": "date"}, {"sort"}),
        ("/amendments", {"symbol": "A/HRC/RES/36/21"}, {"states"}),
        ("/amendments", {"symbol": "A/HRC/RES/36/21", "states": "chn"}, {"states"}),
        ("/amendments", {"symbol": "A/HRC/RES/36/21", "states": "CHN,,RUS"}, {"states"}),
        ("/amendments", {"symbol": "A/HRC/RES/36/21", "states": ",".join(["CHN"] * 21)},
         {"states"}),
        ("/states/CHN/record", {"theme": "HR"}, {"theme"}),
        ("/states/CHN/record", {"body": "UNSC"}, {"body"}),
        ("/states/china/record", {}, {"iso3"}),
        ("/agreement", {"states": "CHN,RUS"}, {"body"}),
        ("/agreement", {"body": "HRC", "states": "CHN", "closest": "-1"}, {"closest"}),
        ("/agreement", {"body": "HRC", "states": "CHN", "closest": "201"}, {"closest"}),
        ("/agreement", {"body": "HRC", "states": "CHN", "theme": "x" * 17}, {"theme"}),
        ("/agreement", {"body": "HRC", "states": "CHN", "state": "RUS"}, {"state"}),
    ],
)  # fmt: skip
def test_bad_and_unknown_parameters_are_a_422_naming_them(client, db, path, query, fields):
    assert error_fields(client, path, **query) == fields


def test_it_answers_get_only(client, demo):
    response = client.post(f"{API}/votes?symbol={POINT_OF_ORDER}")
    assert response.status_code == 405 and response["Allow"] == "GET"
