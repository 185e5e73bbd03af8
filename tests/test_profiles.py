"""Country profiles: the public one on /states/<ISO3>/ (figures over public
cases only, in six languages) and the staff one on /staff/profiles/<ISO3>/
(figures over the user's teams' cases; case links for those who may see
cases). Both render for every State of the demo and for one with no data."""

import datetime

import pytest
from django.utils import timezone

from reprisals.cases.models import Case
from reprisals.reporting.models import PatternDesignation, PublishedAggregate
from tests import reporting_data
from tests.factories import (
    CommunicationFactory,
    ConsentFactory,
    InterventionFactory,
    ReplyFactory,
    SubjectFactory,
)
from tests.two_factor import login_verified

NO_DATA = "ISL"
LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
HIDDEN = "Hiddenname Confidential"


def demo_states():
    codes = set(Case.objects.values_list("state__iso3", flat=True))
    codes |= set(PublishedAggregate.objects.exclude(state=None).values_list("state__iso3",
                                                                           flat=True))  # fmt: skip
    codes |= set(PatternDesignation.objects.values_list("state__iso3", flat=True))
    return sorted(codes) + [NO_DATA]


def page(client, path, language="en"):
    response = client.get(path, headers={"accept-language": language})
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_public_profile_renders_for_every_demo_state_and_one_without_data(client, demo):
    states = demo_states()
    assert states == ["CHN", NO_DATA]

    for iso3 in states:
        for language in LANGUAGES:
            page(client, f"/states/{iso3}/", language)
    china = page(client, "/states/CHN/")
    assert "Designated as showing patterns of reprisals in the report of 2020." in china
    assert "Follow-up rate: 0 % (0 of 1)" in china  # Hong Kong civil society, listed in 2021
    assert "Cited in 1 of the 12 reports of 2010–2021 on record." in china
    assert "<td>Arbitrary detention</td><td>2</td>" in china
    assert "in 2019, the report documented 6 new cases and 11 follow up cases" in china
    assert "Stated: 6. From the public cases of this register: 0." in china
    nothing = page(client, f"/states/{NO_DATA}/")
    assert "No public case concerning this State is listed in a report on record." in nothing
    assert "No report on record designates this State" in nothing
    assert "Taux de suivi : 0 % (0 sur 1)" in page(client, "/states/CHN/", "fr")
    assert "معدل المتابعة" in page(client, "/states/CHN/", "ar")


@pytest.mark.parametrize("role", ["analyst", "documenter"])
def test_the_staff_profile_renders_for_every_demo_state_and_one_without_data(
    client, demo, demo_analyst, demo_documenter, role
):
    login_verified(client, demo_analyst if role == "analyst" else demo_documenter)

    for iso3 in demo_states():
        html = page(client, f"/staff/profiles/{iso3}/")
        assert "Votes and statements" in html and 'id="diplomatic-record"' in html
    china = page(client, "/staff/profiles/CHN/")
    assert '<tr><th scope="row">2021</th><td>Counter-accusation: 1; Criminalisation' in china
    assert "mismatch" in china and "cases_first_reported" not in china
    assert "1 of 1 States (1 cases)" in china
    assert ('id="team-cases"' in china) == (role == "documenter")
    assert ("/staff/cases/case/" in china) == (role == "documenter")
    assert 'href="/staff/profiles/CHN/"' in page(client, "/staff/profiles/")
    assert client.get("/staff/profiles/?state=isl")["Location"] == f"/staff/profiles/{NO_DATA}/"
    assert client.get("/staff/profiles/QQQ/").status_code == 404


def test_the_staff_profile_downloads_as_pdf_and_json(client, demo, demo_analyst):
    login_verified(client, demo_analyst)

    pdf = client.get("/staff/profiles/CHN/?from=2010&to=2021&format=pdf")
    data = client.get("/staff/profiles/CHN/?format=json").json()

    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert data["state"] == "CHN" and data["computed"]["citing"]["citing"] == [2021]
    assert {p["status"] for p in data["published"]} == {"match", "mismatch"}
    assert client.get("/staff/profiles/CHN/?from=2019&to=2010").status_code == 404


@pytest.fixture
def cases(team):
    """Two public cases (China, Viet Nam) and a Chinese one whose person
    asked for nothing public, all listed in reports."""
    cases = reporting_data.build(team)
    reporting_data.make_public(cases["2010-CHN-001"], "Publicname Named")
    reporting_data.make_public(cases["2010-VNM-001"], "Othername Named")
    hidden = SubjectFactory(case=cases["2011-CHN-001"], person__name=HIDDEN)
    ConsentFactory(person=hidden.person, level="confidential")
    InterventionFactory(case=cases["2011-CHN-001"], date="2015-01")
    return cases


def test_the_public_profile_counts_public_cases_only(client, cases):
    html = page(client, "/states/CHN/")

    assert "Follow-up rate: 100 % (1 of 1)" in html
    assert "Cited in 4 of the 4 reports of 2010–2014 on record." in html
    assert "A/HRC/18/1</bdi></th><td>0</td><td>0</td><td>1</td></tr>" in html  # 2011
    assert '2012 <span class="note">(no report on record)</span>' in html
    assert HIDDEN not in html and "2011-CHN-001" not in html and "2010-CHN-002" not in html


def test_the_public_reply_rate_is_rounded_half_up(client, team):
    sent = datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC)
    letters = [CommunicationFactory(team=team, sent_at=sent) for _ in range(8)]
    ReplyFactory(communication=letters[0])

    html = page(client, "/states/CHN/")

    assert "Reply rate: 13 % — 1 of 8" in html  # 12.5 rounded half up, not to even


def test_staff_profiles_count_the_users_teams_cases_only(client, cases, documenter, outsider):
    login_verified(client, outsider)
    other = page(client, "/staff/profiles/CHN/")
    client.logout()
    login_verified(client, documenter)
    own = page(client, "/staff/profiles/CHN/")

    assert "not ranked (no case)" in other and "2010-CHN-001" not in other
    assert "1 of 4 States (4 cases)" in own
    assert "2011-CHN-001" in own and HIDDEN not in own and "Publicname" not in own
    assert f'href="/staff/cases/case/{cases["2011-CHN-001"].pk}/change/"' in own


def test_a_staff_profile_counts_replies_of_the_users_teams(client, team, documenter):
    sent = timezone.now() - datetime.timedelta(days=90)
    ReplyFactory(communication=CommunicationFactory(team=team, sent_at=sent))
    CommunicationFactory(team=team, sent_at=sent)
    login_verified(client, documenter)

    assert "50 % (1 of 2)" in page(client, "/staff/profiles/CHN/")
