"""The public API (reprisals/api/public.py): what the publication rule allows,
nothing else, evaluated at each request."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from reprisals.cases.services import withdraw_consent
from tests.factories import CaseFactory, CommunicationFactory, ConsentFactory, SubjectFactory

API = "/api/v1"
DEMO_CODES = {"2013-CHN-001", "2016-CHN-001", "2017-CHN-001", "2019-CHN-001", "2020-CHN-001"}


def case_covered_by_a_letter(team, *, code, name, level="named", sent_ago, kind="UA"):
    """A case about one person, covered by one letter sent `sent_ago` before now."""
    case = CaseFactory(team=team, code=code, opened_on=code[:4])
    subject = SubjectFactory(case=case, person__name=name)
    ConsentFactory(person=subject.person, level=level)
    letter = CommunicationFactory(
        team=team, type=kind, sent_at=timezone.now() - sent_ago, cases=[case]
    )
    return case, subject.person, letter


def listed_codes(client, query=""):
    response = client.get(f"{API}/cases{query}")
    assert response.status_code == 200
    return {case["code"] for case in response.json()["results"]}


@pytest.fixture
def anonymous_case(demo):
    _, person, _ = case_covered_by_a_letter(
        demo, code="2021-CHN-901", name="Wu Secretname", level="anonymous",
        sent_ago=datetime.timedelta(days=400), kind="AL",
    )  # fmt: skip
    return person


def test_it_lists_the_demo_cases(client, demo):
    response = client.get(f"{API}/cases")

    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 5
    assert {case["code"] for case in page["results"]} == DEMO_CODES
    assert {row["value"]: row["count"] for row in page["facets"]["state"]} == {"CHN": 5}


def test_it_finds_jiang_tianyong(client, demo):
    page = client.get(f"{API}/cases", {"q": "Jiang Tianyong"}).json()

    assert [case["code"] for case in page["results"]] == ["2016-CHN-001"]
    assert page["results"][0]["subjects"][0] == {
        "label": "Jiang Tianyong", "kind": "person", "named": True,
    }  # fmt: skip


def test_it_filters_by_facets(client, demo):
    assert listed_codes(client, "?year=2016") == {"2016-CHN-001"}
    assert listed_codes(client, "?state=CHN&status=closed") == {"2013-CHN-001"}
    assert listed_codes(client, "?state=RUS") == set()
    assert "2016-CHN-001" in listed_codes(client, "?act_type=criminal_charges")


def test_it_shows_a_case_with_its_acts_sources_and_letters(client, demo):
    response = client.get(f"{API}/cases/2019-CHN-001")

    assert response.status_code == 200
    case = response.json()
    assert case["code"] == "2019-CHN-001"
    assert case["state"] == {"iso3": "CHN", "name": "China"}
    assert case["acts"] and case["sources"]
    [letter] = case["communications"]
    assert letter["case_codes"] == ["2019-CHN-001"] and letter["replied"] is True


def test_it_shows_a_letter_with_the_states_reply(client, demo):
    letters = client.get(f"{API}/communications").json()
    assert letters["total"] == 2
    liu_ximei = next(c for c in letters["results"] if c["case_codes"] == ["2019-CHN-001"])

    letter = client.get(f"{API}/communications/{liu_ximei['id']}").json()

    assert letter["addressee"] == {"iso3": "CHN", "name": "China"}
    assert [reply["response_type"] for reply in letter["replies"]] == ["denied"]
    assert "refuting the claims" in letter["replies"][0]["text"]


def test_it_shows_a_state_with_its_reply_rate(client, demo):
    state = client.get(f"{API}/states/CHN").json()

    assert {case["code"] for case in state["cases"]} == DEMO_CODES
    assert len(state["communications"]) == 2
    assert (state["replied"], state["replies_due"]) == (2, 2)
    assert client.get(f"{API}/states/QQQ").status_code == 404


def test_it_keeps_a_case_under_a_recent_urgent_appeal_out_of_sight(client, demo):
    case, _, letter = case_covered_by_a_letter(
        demo, code="2021-CHN-900", name="Zhao Notyet", sent_ago=datetime.timedelta(hours=1)
    )
    not_public = client.get(f"{API}/cases/{case.code}")
    nonexistent = client.get(f"{API}/cases/2021-CHN-999")

    assert not_public.status_code == nonexistent.status_code == 404
    assert not_public.json() == nonexistent.json()
    assert case.code not in listed_codes(client)
    assert listed_codes(client, "?q=Zhao+Notyet") == set()
    assert client.get(f"{API}/communications/{letter.pk}").status_code == 404
    assert client.get(f"{API}/communications").json()["total"] == 2
    assert b"Zhao Notyet" not in client.get(f"{API}/states/CHN").content

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=47)):
        assert client.get(f"{API}/cases/{case.code}").status_code == 200


def test_it_shows_an_anonymous_person_only_by_their_pseudonym(client, anonymous_case):
    person = anonymous_case
    case = client.get(f"{API}/cases/2021-CHN-901")

    assert case.status_code == 200
    assert case.json()["subjects"] == [
        {"label": f"Person {person.pseudonym}", "kind": "person", "named": False}
    ]
    assert listed_codes(client, f"?q={person.pseudonym}") == {"2021-CHN-901"}
    assert listed_codes(client, "?q=Secretname") == set()
    for path in ["/cases", "/cases/2021-CHN-901", "/communications", "/states/CHN"]:
        assert b"Secretname" not in client.get(f"{API}{path}").content, path


def test_it_hides_a_case_at_the_next_request_once_consent_is_withdrawn(client, demo):
    case, person, letter = case_covered_by_a_letter(
        demo, code="2021-CHN-902", name="Sun Withdrawn", sent_ago=datetime.timedelta(days=3)
    )
    assert client.get(f"{API}/cases/{case.code}").status_code == 200
    assert case.code in listed_codes(client, "?q=Withdrawn")

    withdraw_consent(person, actor=None)

    assert client.get(f"{API}/cases/{case.code}").status_code == 404
    assert case.code not in listed_codes(client)
    assert listed_codes(client, "?q=Withdrawn") == set()
    assert client.get(f"{API}/communications/{letter.pk}").json()["case_codes"] == []
    assert b"Sun Withdrawn" not in client.get(f"{API}/states/CHN").content
