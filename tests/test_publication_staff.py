"""Staff side of publication: two-person decisions, the calendar, withholding."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reprisals.audit.models import AuditEntry
from reprisals.communications.models import Communication
from reprisals.reference.models import State
from reprisals.register.models import PublicationDecision
from reprisals.register.services import (
    approve_publication,
    propose_publication,
    withhold_communication,
)
from tests.factories import CaseFactory, UserFactory
from tests.two_factor import login_verified


@pytest.fixture
def second_reviewer(team):
    return UserFactory(username="second-reviewer", role="reviewer", teams=[team])


def test_it_needs_a_second_person_to_approve(team, reviewer, second_reviewer):
    case = CaseFactory(team=team)
    decision = propose_publication(case, reason="Named in a public UN report", actor=reviewer)
    with pytest.raises(PermissionDenied):
        approve_publication(decision, actor=reviewer)
    approve_publication(decision, actor=second_reviewer)
    decision.refresh_from_db()
    assert decision.approved_by == second_reviewer and decision.approved_at
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"propose_publication", "approve_publication"} <= actions


def test_it_refuses_approval_by_a_documenter(team, documenter, reviewer):
    decision = propose_publication(CaseFactory(team=team), reason="r", actor=reviewer)
    with pytest.raises(PermissionDenied):
        approve_publication(decision, actor=documenter)


def test_the_database_refuses_a_self_approved_decision(team, reviewer):
    case = CaseFactory(team=team)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationDecision.objects.create(
            case=case, reason="r", proposed_by=reviewer, proposed_at=timezone.now(),
            approved_by=reviewer, approved_at=timezone.now(),
        )  # fmt: skip


def test_it_approves_through_the_back_office_action(client, team, reviewer, second_reviewer):
    case = CaseFactory(team=team)
    login_verified(client, reviewer)
    response = client.post(
        reverse("admin:register_publicationdecision_add"), {"case": case.pk, "reason": "Public"}
    )
    assert response.status_code == 302
    decision = PublicationDecision.objects.get()
    assert decision.proposed_by == reviewer
    changelist = reverse("admin:register_publicationdecision_changelist")
    data = {"action": "approve", "_selected_action": [decision.pk]}
    response = client.post(changelist, data, follow=True)
    assert "cannot also approve" in response.text
    login_verified(client, second_reviewer)
    client.post(changelist, data)
    decision.refresh_from_db()
    assert decision.approved_by == second_reviewer


def test_it_shows_the_calendar_to_staff_and_not_to_analysts(client, team, documenter, analyst):
    Communication.objects.create(
        team=team, type="UA", reference="UA CHN 1/2026", addressee=State.objects.get(iso3="CHN"),
        sent_at=timezone.now() - datetime.timedelta(hours=1), subject="Urgent appeal",
    )  # fmt: skip
    CaseFactory(team=team, code="2026-CHN-001", opened_on="2026")
    login_verified(client, documenter)
    page = client.get(reverse("calendar"))
    assert page.status_code == 200
    assert "UA CHN 1/2026" in page.text
    assert "never — consent missing" in page.text  # the case has nobody with consent
    login_verified(client, analyst)
    assert client.get(reverse("calendar")).status_code == 403


def test_it_withholds_with_a_reason_and_never_publishes_earlier(team, reviewer):
    sent = timezone.now()
    letter = Communication.objects.create(
        team=team, type="AL", reference="", addressee=State.objects.get(iso3="CHN"),
        sent_at=sent, subject="Letter",
    )  # fmt: skip
    with pytest.raises(Exception, match="Say why"):
        withhold_communication(letter, until=sent, reason=" ", actor=reviewer)
    withhold_communication(letter, until=sent + datetime.timedelta(days=1), reason="Risk to the "
                           "person while the appeal is pending", actor=reviewer)  # fmt: skip
    from reprisals.register import queries, rule

    public_from = rule.communication_public_from(
        queries.communication_facts(letter), rule.Windows.from_settings()
    )
    assert public_from == sent + datetime.timedelta(days=60)  # the window, not the earlier date
    entry = AuditEntry.objects.get(action="withhold_communication")
    assert "Risk" not in str(entry.fields)
