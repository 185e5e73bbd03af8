"""Back-office writes go to our audit trail, with field names and no values."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from reprisals.accounts.roles import Role, assign_role
from reprisals.audit.models import AuditEntry
from tests.factories import PersonFactory
from tests.two_factor import login_verified


def test_it_audits_a_change_without_values_and_keeps_no_log_entry(client, documenter, team):
    person = PersonFactory(team=team, name="Secret Name", address="1 Hidden Street")
    login_verified(client, documenter)
    url = reverse("admin:cases_person_change", args=[person.pk])
    data = {
        "team": team.pk,
        "name": "Secret Name",
        "gender": "unknown",
        "address": "2 Other Street",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="change", model="cases.person")
    assert entry.actor == documenter
    assert entry.object_pk == str(person.pk)
    assert "Address" in entry.fields or "address" in entry.fields
    stored = str(entry.fields) + entry.model + entry.action
    assert "Street" not in stored and "Secret" not in stored
    assert not LogEntry.objects.exists()


def test_it_audits_a_role_change(db, administrator):
    from tests.factories import UserFactory

    user = UserFactory(username="newcomer")
    assign_role(user, Role.REVIEWER, actor=administrator)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]
    entry = AuditEntry.objects.filter(action="assign_role").latest("id")
    assert entry.actor == administrator and entry.object_pk == str(user.pk)


def test_it_records_a_deletion(client, documenter, team):
    person = PersonFactory(team=team)
    login_verified(client, documenter)
    url = reverse("admin:cases_person_delete", args=[person.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert AuditEntry.objects.filter(action="delete", object_pk=str(person.pk)).exists()
