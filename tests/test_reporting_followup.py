"""The follow-up of a new reporting cycle (reporting.followup and its staff
pages): the outstanding cases per State, the follow-up recorded whole or
not at all, audited, and resolving or closing with a reason."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from reprisals.audit.models import AuditEntry
from reprisals.cases.models import Case
from reprisals.reporting import followup
from reprisals.reporting.models import ReportingCycle, ReportMention
from tests import reporting_data
from tests.two_factor import login_verified

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def cycle(team):
    cases = reporting_data.build(team)
    for code in ("2010-CHN-001", "2013-CHN-001", "2010-VNM-001"):
        followup.set_case_status(cases[code], status="outstanding", actor=None)
    followup.set_case_status(cases["2011-CHN-001"], status="closed", reason="Released in 2014.",
                             actor=None)  # fmt: skip
    return ReportingCycle.objects.create(year=2015, title="Report 2015")


def listed(states):
    return {group.state.iso3: [(o.case.code, o.last_listed) for o in group.cases]
            for group in states}  # fmt: skip


def test_it_lists_per_state_the_open_cases_reported_earlier(cycle, documenter, outsider):
    found = followup.outstanding_cases(cycle, documenter)

    assert listed(found) == {
        "BHR": [("2011-BHR-001", 2011), ("2013-BHR-001", 2013)],
        "CHN": [("2010-CHN-001", 2014), ("2010-CHN-002", 2010), ("2013-CHN-001", 2014)],
        "EGY": [("2014-EGY-001", 2014)],
        "VNM": [("2010-VNM-001", 2011), ("2013-VNM-001", 2013)],
    }  # closed 2011-CHN-001 and never-listed 2014-CHN-005 are left out
    assert followup.outstanding_cases(cycle, outsider) == []
    earlier = ReportingCycle.objects.get(year=2011)
    assert listed(followup.outstanding_cases(earlier, documenter)) == {
        "CHN": [("2010-CHN-001", 2010), ("2010-CHN-002", 2010)],
        "VNM": [("2010-VNM-001", 2010)],
    }


def test_it_records_a_follow_up_with_action_response_and_resolution(cycle, documenter):
    case = Case.objects.get(code="2010-CHN-001")
    before = AuditEntry.objects.count()

    mention = followup.record_follow_up(
        case, cycle, actor=documenter,
        mention={"paragraph": "annex II, para. 3", "note": "Released on bail."},
        action={"kind": "communication", "date": "2015-02", "reference": "AL CHN 1/2015"},
        response={"type": "lawful_investigation", "date": "2015-04", "summary": "Lawful."},
        status="resolved", reason="Released and compensated.",
    )  # fmt: skip

    mention.refresh_from_db()
    assert (mention.kind, mention.paragraph, mention.note) == (
        "follow_up", "annex II, para. 3", "Released on bail.",
    )  # fmt: skip
    intervention = case.interventions.get(reference="AL CHN 1/2015")
    assert case.responses.get().intervention == intervention
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("resolved", "Released and compensated.")
    actions = list(AuditEntry.objects.filter(sequence__gt=before).values_list("action", "model"))
    assert actions == [
        ("record_report_mention", "reporting.reportmention"), ("add", "cases.intervention"),
        ("add", "cases.governmentresponse"), ("resolve_case", "cases.case"),
    ]  # fmt: skip
    assert all(e.actor == documenter for e in AuditEntry.objects.filter(sequence__gt=before))
    assert "2010-CHN-001" not in listed(followup.outstanding_cases(cycle, documenter))["CHN"]


def test_it_saves_nothing_when_any_part_is_wrong(cycle, documenter):
    case = Case.objects.get(code="2010-CHN-002")
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError):
        followup.record_follow_up(
            case, cycle, actor=documenter, mention={"note": "New information."},
            response={"type": "denied", "date": "2015-13"},
        )  # fmt: skip

    assert not ReportMention.objects.filter(case=case, cycle=cycle).exists()
    assert not case.responses.exists() and AuditEntry.objects.count() == before


def test_it_refuses_to_close_without_a_reason(cycle, documenter):
    case = Case.objects.get(code="2010-CHN-002")

    with pytest.raises(ValidationError) as error:
        followup.set_case_status(case, status="closed", actor=documenter)

    assert "closure_reason" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == "open"


def test_it_corrects_a_mention_rather_than_duplicating_it(cycle, documenter):
    case = Case.objects.get(code="2010-CHN-002")
    followup.record_mention(case, cycle, kind="new", actor=documenter)

    followup.record_mention(case, cycle, kind="follow_up", paragraph="12", actor=documenter)

    assert list(ReportMention.objects.filter(case=case, cycle=cycle).values_list(
        "kind", "paragraph")) == [("follow_up", "12")]  # fmt: skip
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry.fields == ["kind", "paragraph"]


def follow_up_urls(cycle, code="2010-CHN-002"):
    return (
        reverse("admin:reporting_reportingcycle_follow_up", args=[cycle.pk]),
        reverse("admin:reporting_reportingcycle_follow_up_case", args=[cycle.pk, code]),
    )


def test_the_staff_page_lists_and_records_follow_up(cycle, documenter):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, documenter)
    list_url, case_url = follow_up_urls(cycle)

    page = client.get(list_url).text
    assert "China (CHN)" in page and case_url in page and "2011-CHN-001" not in page
    form = client.get(case_url).text
    token = CSRF.search(form).group(1)
    refused = client.post(case_url, {"status": "closed"})
    response = client.post(case_url, {
        "csrfmiddlewaretoken": token, "paragraph": "annex II, para. 7",
        "information": "Still detained.", "response_type": "no_response", "status": "closed",
        "closure_reason": "The family asked us to stop.",
    })  # fmt: skip

    assert refused.status_code == 403  # no CSRF token
    assert response.status_code == 302 and response["Location"] == list_url
    mention = ReportMention.objects.get(case__code="2010-CHN-002", cycle=cycle)
    assert (mention.kind, mention.note) == ("follow_up", "Still detained.")
    assert Case.objects.get(code="2010-CHN-002").status == "closed"
    after = client.get(list_url).text
    assert "Follow-up of 2010-CHN-002 recorded." in after and case_url not in after


def test_the_staff_form_explains_what_is_missing(cycle, documenter):
    login_verified(client := Client(), documenter)
    _, case_url = follow_up_urls(cycle)

    page = client.post(case_url, {"status": "resolved", "action_date": "2015",
                                  "response_summary": "No."}).text  # fmt: skip

    assert "Say why the case is resolved or closed." in page
    assert "Say what kind of action this was." in page
    assert "Say how the State responded." in page
    assert not ReportMention.objects.filter(cycle=cycle).exists()


def test_the_staff_pages_follow_roles_and_teams(cycle, analyst, outsider, reviewer):
    list_url, case_url = follow_up_urls(cycle)
    answers = {}
    for user in (analyst, outsider, reviewer):
        login_verified(client := Client(), user)
        answers[user.username] = (client.get(list_url).status_code,
                                  client.get(case_url).status_code)  # fmt: skip

    assert answers == {"analyst": (403, 403), "outsider": (200, 404), "reviewer": (200, 200)}


def test_the_new_information_is_sealed_at_rest(cycle, documenter):
    case = Case.objects.get(code="2010-CHN-002")

    followup.record_follow_up(case, cycle, actor=documenter,
                              mention={"note": "Sealedmarker moved to another city."})  # fmt: skip

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM reporting_reportmention WHERE cycle_id = %s", [cycle.pk])
        (stored,) = cursor.fetchone()
    assert "Sealedmarker" not in stored
    assert ReportMention.objects.get(cycle=cycle).note == "Sealedmarker moved to another city."
