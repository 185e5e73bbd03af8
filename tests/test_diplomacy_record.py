"""One State's record: its votes on a theme year by year (hand-made roll
calls, with a vote off the theme, in another body and without a date that
must not be counted), and its record on the reprisals resolutions from the
demo's facts."""

import datetime

import pytest

from reprisals.diplomacy.importing.common import ensure_source
from reprisals.diplomacy.models import Membership, Motion, Theme, ThemeTag, Vote, VoteEvent
from reprisals.diplomacy.record import (
    dissociations_of,
    reprisals_votes,
    statements_of,
    theme_record,
    vote_events_naming,
)
from reprisals.reference.models import Body, State

pytestmark = pytest.mark.django_db


def roll_call(source, body, identifier, day, votes, theme=None):
    motion = Motion.objects.create(body=body, identifier=identifier, source=source,
                                   classification="unclassified")  # fmt: skip
    event = VoteEvent.objects.create(body=body, identifier=identifier, motion=motion,
                                     source=source, date=day)  # fmt: skip
    if theme:
        ThemeTag.objects.create(vote_event=event, theme=theme, source=source)
    for iso3, option in votes.items():
        Vote.objects.create(vote_event=event, state=State.objects.get(iso3=iso3), option=option,
                            raw=option, source=source)  # fmt: skip


def test_a_states_votes_on_a_theme_year_by_year():
    source = ensure_source("test", "theme.csv")
    ga, hrc = Body.objects.get(code="GA"), Body.objects.get(code="HRC")
    rights, other = (Theme.objects.create(code=code, name=code) for code in ("hr", "me"))
    plan = [
        (ga, "rcid:1", datetime.date(2017, 3, 1), {"CHN": "no", "FRA": "yes"}, rights),
        (ga, "rcid:2", datetime.date(2017, 9, 1), {"CHN": "abstain"}, rights),
        (ga, "rcid:3", datetime.date(2017, 9, 2), {"CHN": "no"}, rights),
        (ga, "rcid:4", datetime.date(2019, 1, 5), {"CHN": "absent"}, rights),
        (ga, "rcid:5", datetime.date(2019, 1, 6), {"CHN": "yes"}, other),  # another theme
        (hrc, "rcid:6", datetime.date(2019, 1, 7), {"CHN": "yes"}, rights),  # another body
        (ga, "rcid:7", None, {"CHN": "yes"}, rights),  # no date: no year
        (ga, "rcid:8", datetime.date(2020, 1, 1), {"FRA": "no"}, rights),  # CHN did not vote
    ]  # fmt: skip
    for body, identifier, day, votes, theme in plan:
        roll_call(source, body, identifier, day, votes, theme)

    assert theme_record("CHN", "GA", "hr") == [
        {"year": 2017, "yes": 0, "no": 2, "abstain": 1, "absent": 0, "not_voting": 0},
        {"year": 2019, "yes": 0, "no": 0, "abstain": 0, "absent": 1, "not_voting": 0},
    ]
    assert theme_record("FRA", "GA", "hr") == [
        {"year": 2017, "yes": 1, "no": 0, "abstain": 0, "absent": 0, "not_voting": 0},
        {"year": 2020, "yes": 0, "no": 1, "abstain": 0, "absent": 0, "not_voting": 0},
    ]
    assert theme_record("CHN", "HRC", "hr")[0]["yes"] == 1
    assert theme_record("CHN", "GA", "nothing") == []


def test_chinas_record_on_the_reprisals_resolutions_from_the_demo(demo):
    votes = reprisals_votes("CHN")
    adopted = [row for row in votes if row["classification"] == "adopt_resolution"]
    assert [row["key"] for row in adopted] == ["A/HRC/RES/12/2", "A/HRC/RES/24/24",
        "A/HRC/RES/36/21", "A/HRC/RES/42/28", "A/HRC/RES/48/17"]  # fmt: skip
    assert adopted[0]["result"] == "adopted_without_vote" and adopted[0]["vote"] is None
    assert dissociations_of("CHN")[0]["document"] == "A/HRC/RES/48/17"
    statements = statements_of("CHN")
    assert statements and [row["date"] for row in statements] == sorted(
        row["date"] for row in statements
    )
    assert any(row["frames"] for row in statements)


def test_the_point_of_order_is_found_by_the_case_it_names_without_the_code_in_its_title(demo):
    named = vote_events_naming("2013-CHN-001")
    assert [row["key"] for row in named] == ["point-of-order/25/moment-of-silence"]
    assert "2013-CHN-001" not in named[0]["title"] and "moment of silence" in named[0]["title"]
    assert vote_events_naming("2016-CHN-001") == []


def test_a_voter_with_no_seat_on_record_is_flagged_beside_its_vote(client):
    from reprisals.diplomacy.analysis import vote_record

    source = ensure_source("test", "seats.csv")
    hrc = Body.objects.get(code="HRC")
    for iso3, start, end in [("CHN", "2009-01-01", "2009-12-31"), ("FRA", "2009-01-01", None),
                             ("CUB", "2010-01-01", None)]:  # fmt: skip
        Membership.objects.create(state=State.objects.get(iso3=iso3), body=hrc, source=source,
                                  start=start, end=end)  # fmt: skip
    votes = {"CHN": "no", "FRA": "yes", "CUB": "no", "USA": "abstain"}
    roll_call(source, hrc, "seats/2009", datetime.date(2009, 6, 1), votes)
    roll_call(source, hrc, "seats/2010", datetime.date(2010, 6, 1), votes)
    roll_call(source, hrc, "seats/undated", None, votes)
    flagged = {event.identifier: vote_record(event)["voters_not_members"]
               for event in VoteEvent.objects.filter(body=hrc)}  # fmt: skip
    assert flagged == {"seats/2009": ["CUB", "USA"], "seats/2010": ["CHN", "USA"],
                       "seats/undated": []}  # fmt: skip
    html = client.get("/votes/seats/2010/").content.decode()
    assert html.count("no seat on the body on record for this date") == 2
    assert ('<a href="/states/FRA/">France</a></td><td>Yes</td>') in html
    api = client.get("/api/v1/diplomacy/votes?symbol=seats/2010").json()
    assert api["events"][0]["voters_not_members"] == ["CHN", "USA"]


def test_no_voter_is_flagged_where_no_seat_of_the_body_is_on_record():
    from reprisals.diplomacy.analysis import vote_record

    source = ensure_source("test", "ga.csv")
    roll_call(source, Body.objects.get(code="GA"), "rcid:9", datetime.date(2000, 1, 1),
              {"CHN": "yes", "FRA": "no"})  # fmt: skip
    assert vote_record(VoteEvent.objects.get(identifier="rcid:9"))["voters_not_members"] == []
