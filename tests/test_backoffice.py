"""The staff back office: team scoping, what a documenter sees, and the
validation errors a new user meets."""

import pytest
from django.urls import reverse

from reprisals.audit.models import AuditEntry
from reprisals.cases.models import Case
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    EngagementFactory,
    PersonFactory,
)
from tests.two_factor import login_verified

DEMO_CODES = ["2013-CHN-001", "2016-CHN-001", "2017-CHN-001", "2019-CHN-001", "2020-CHN-001"]


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_it_lists_the_five_demo_cases(client, demo_documenter):
    login_verified(client, demo_documenter)
    response = client.get(reverse("admin:cases_case_changelist"))
    assert response.status_code == 200
    for code in DEMO_CODES:
        assert code in response.text


def test_it_shows_a_case_with_acts_engagement_consent_and_sources(client, demo_documenter):
    login_verified(client, demo_documenter)
    case = Case.objects.get(code="2016-CHN-001")
    page = client.get(change_url(case)).text
    assert "Jiang Tianyong" in page
    assert "Criminal charges" in page  # an act
    assert "Special Rapporteur on extreme poverty" in page  # the engagement
    assert "official positions on reprisals" in page  # a source
    assert "§4" in page  # its locator
    person = case.subjects.get().person
    person_page = client.get(change_url(person)).text
    assert "Publicly named in published UN or NGO reports" in person_page  # consent basis


def test_it_answers_404_to_another_teams_staff(client, demo, outsider):
    login_verified(client, outsider)
    case = Case.objects.get(code="2013-CHN-001")
    assert client.get(change_url(case)).status_code == 404
    person = case.subjects.get().person
    assert client.get(change_url(person)).status_code == 404
    listing = client.get(reverse("admin:cases_case_changelist"))
    assert listing.status_code == 200
    assert "2013-CHN-001" not in listing.text


def test_it_sends_anonymous_visitors_to_log_in(client, demo):
    case = Case.objects.first()
    response = client.get(change_url(case))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


INLINES = ["subjects", "engagements", "acts", "interventions", "responses", "citations"]


def post_case(client, url, fields, **inline_rows):
    """Submit the case form; inline_rows maps an inline prefix to a list of row dicts."""
    data = dict(fields)
    for prefix in INLINES:
        rows = inline_rows.get(prefix, [])
        initial = sum(1 for row in rows if row.get("id"))
        data.update(inline_management(prefix, len(rows), initial))
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return client.post(url, data)


def new_case_fields(team, **changes):
    from reprisals.reference.models import State

    fields = {
        "team": team.pk,
        "code": "2021-CHN-007",
        "state": State.objects.get(iso3="CHN").pk,
        "status": "open",
        "title": "Lawyer detained after a UN session",
        "opened_on": "2021-05",
    }
    fields.update(changes)
    return fields


def test_it_creates_a_case_and_audits_it(client, documenter, team):
    login_verified(client, documenter)
    response = post_case(client, reverse("admin:cases_case_add"), new_case_fields(team))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    case = Case.objects.get(code="2021-CHN-007")
    entry = AuditEntry.objects.get(action="add", model="cases.case", object_pk=str(case.pk))
    assert entry.actor == documenter
    assert "Lawyer" not in str(entry.fields)  # field names only, never values


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"opened_on": ""}, "opened_on", "This field is required"),
        ({"opened_on": "2021-13"}, "opened_on", "not a real date"),
        ({"code": "21-CHN-7"}, "code", "is not a public code"),
        ({"code": "2021-RUS-001"}, "code", "the State concerned is CHN"),
        ({"state": "999999"}, "state", "Select a valid choice"),
        ({"status": "closed"}, "closure_reason", "Say why the case is resolved or closed"),
    ],
)
def test_it_explains_bad_case_input_and_saves_nothing(
    client, documenter, team, changes, field, message
):
    login_verified(client, documenter)
    response = post_case(client, reverse("admin:cases_case_add"), new_case_fields(team, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Case.objects.exists()


def test_it_refuses_a_duplicate_public_code(client, documenter, team):
    CaseFactory(team=team, code="2021-CHN-007", opened_on="2021")
    login_verified(client, documenter)
    response = post_case(client, reverse("admin:cases_case_add"), new_case_fields(team))
    assert response.status_code == 200
    assert "Case with this Public code already exists" in response.text
    assert Case.objects.count() == 1


def test_it_flags_an_act_dated_before_its_engagement(client, documenter, team):
    case = CaseFactory(team=team, code="2021-CHN-008", opened_on="2021")
    engagement = EngagementFactory(case=case, date="2021-06-10")
    login_verified(client, documenter)
    fields = new_case_fields(team, code=case.code, opened_on="2021")
    engagement_row = {
        "id": engagement.pk,
        "case": case.pk,
        "mechanism": engagement.mechanism_id,
        "kind": engagement.kind,
        "date": engagement.date,
    }
    act_row = {
        "case": case.pk,
        "engagement": engagement.pk,
        "type": "travel_ban",
        "date": "2021-05",
        "perpetrator_type": "police",
    }
    response = post_case(
        client, change_url(case), fields, engagements=[engagement_row], acts=[act_row]
    )
    assert response.status_code == 200
    assert "is dated before the engagement that supposedly triggered it" in response.text
    assert not case.acts.exists()


def test_it_refuses_publication_readiness_without_consent(client, documenter, team):
    case = CaseFactory(team=team, code="2021-CHN-009", opened_on="2021")
    person = PersonFactory(team=team, name="Unconsented Person")
    login_verified(client, documenter)
    fields = new_case_fields(team, code=case.code, opened_on="2021", ready_for_publication="on")
    subject_row = {"case": case.pk, "person": person.pk, "role": "targeted"}
    response = post_case(client, change_url(case), fields, subjects=[subject_row])
    assert response.status_code == 200
    assert "Unconsented Person has no consent record" in response.text
    case.refresh_from_db()
    assert not case.ready_for_publication
    assert not case.subjects.exists()

    ConsentFactory(person=person, level="anonymous")
    response = post_case(client, change_url(case), fields, subjects=[subject_row])
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.ready_for_publication


def test_it_offers_only_the_users_teams_people(client, documenter, team, other_team):
    mine = PersonFactory(team=team, name="Our Person")
    PersonFactory(team=other_team, name="Their Person")
    case = CaseFactory(team=team, code="2021-CHN-010", opened_on="2021")
    login_verified(client, documenter)
    page = client.get(change_url(case)).text
    assert mine.name in page
    assert "Their Person" not in page
