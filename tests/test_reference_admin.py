"""States, bodies and mechanisms in the back office (reprisals/reference/admin.py).

They are shared by every team, so only administrators add, change and delete
them; documenters and reviewers view them and choose them on their records.
Every write is a real form submission: a session with CSRF checks on, the
token read from the page, as a browser sends it.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from reprisals.accounts.site import staff_site
from reprisals.reference.models import Body, Mechanism, State
from tests.factories import MechanismFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RENAMED = "Special Rapporteur on Li Wei"


def a_mechanism():
    return MechanismFactory(key="sr-shared", name="Special Rapporteur on sharing")


def a_body():
    return Body.objects.create(code="TST", name="Test body")


def a_state():
    return State.objects.create(iso3="XTS", kind="other", name_en="Testland")


# For each model: a record to act on, the fields of a new one, and its fields renamed.
MODELS = {
    "mechanism": (
        a_mechanism,
        {"key": "sr-new", "name": RENAMED, "kind": "special_procedure", "body": ""},
        {"key": "sr-shared", "name": RENAMED, "kind": "special_procedure", "body": ""},
    ),
    "body": (a_body, {"code": "NEW", "name": RENAMED}, {"code": "TST", "name": RENAMED}),
    "state": (
        a_state,
        {"iso3": "XNW", "kind": "other", "name_en": RENAMED},
        {"iso3": "XTS", "kind": "other", "name_en": RENAMED},
    ),
}


MODEL_CLASSES = {"mechanism": Mechanism, "body": Body, "state": State}
KEY_AND_NAME = {
    "mechanism": ("key", "name"), "body": ("code", "name"), "state": ("iso3", "name_en")
}  # fmt: skip


def session_of(user):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, user)
    return client


def post(client, url, fields):
    """GET the page for its CSRF token (any back-office page has one, in its
    log-out form), then POST the fields with it."""
    page = client.get(url)
    if page.status_code != 200:  # a refused page has none: the index's will do
        page = client.get(reverse("admin:index"))
    token = CSRF_INPUT.search(page.text).group(1)
    return client.post(url, {"csrfmiddlewaretoken": token, **fields})


def url(model, action, *args):
    return reverse(f"admin:reference_{model}_{action}", args=args)


def rows(model):
    return list(MODEL_CLASSES[model].objects.order_by("pk").values())


def refused(response):
    """Refused for want of permission, not for a bad CSRF token."""
    return response.status_code == 403 and "CSRF" not in response.text


@pytest.mark.parametrize("persona", ["documenter", "reviewer"])
@pytest.mark.parametrize("model", MODELS)
def test_a_team_member_can_neither_add_change_nor_delete_shared_data(request, persona, model):
    make, new_fields, renamed_fields = MODELS[model]
    record = make()
    client = session_of(request.getfixturevalue(persona))
    before = rows(model)

    assert client.get(url(model, "changelist")).status_code == 200
    assert client.get(url(model, "change", record.pk)).status_code == 200  # read only
    assert refused(post(client, url(model, "add"), new_fields))
    assert refused(post(client, url(model, "change", record.pk), renamed_fields))
    assert refused(post(client, url(model, "delete", record.pk), {"post": "yes"}))
    listed = post(client, url(model, "changelist"), {
        "action": "delete_selected", "_selected_action": record.pk, "post": "yes",
    })  # fmt: skip
    assert listed.status_code in {200, 302}  # the list offers no such action

    assert rows(model) == before


@pytest.mark.parametrize("model", MODELS)
def test_an_administrator_adds_changes_and_deletes_shared_data(administrator, model):
    make, new_fields, renamed_fields = MODELS[model]
    record = make()
    model_class = MODEL_CLASSES[model]
    client = session_of(administrator)
    key, name = KEY_AND_NAME[model]

    assert post(client, url(model, "add"), new_fields).status_code == 302
    added = model_class.objects.get(**{key: new_fields[key]})
    assert getattr(added, name) == RENAMED
    assert post(client, url(model, "change", record.pk), renamed_fields).status_code == 302
    record.refresh_from_db()
    assert getattr(record, name) == RENAMED
    assert post(client, url(model, "delete", record.pk), {"post": "yes"}).status_code == 302
    assert not model_class.objects.filter(pk=record.pk).exists()


def test_a_permission_given_to_one_account_does_not_open_shared_data(documenter):
    """Shared data is the administrators', whatever an account's own permissions."""
    documenter.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_mechanism", "change_mechanism"])
    )
    record = a_mechanism()
    client = session_of(documenter)
    fields = MODELS["mechanism"][2]

    assert refused(post(client, url("mechanism", "change", record.pk), fields))
    record.refresh_from_db()
    assert record.name == "Special Rapporteur on sharing"


ADD_OR_DELETE_LINK = re.compile(r"/staff/reference/\w+/(add|__fk__/delete)/")


def add_forms(client):
    """Every new-record form of the back office the session may open."""
    for model in staff_site._registry:
        page = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
        if page.status_code == 200:
            yield model._meta.label, page.text


@pytest.mark.parametrize("persona", ["documenter", "reviewer"])
def test_no_form_offers_a_team_member_a_button_to_add_or_delete_shared_data(request, persona):
    client = session_of(request.getfixturevalue(persona))
    a_mechanism()

    forms = dict(add_forms(client))

    assert {"cases.Case", "communications.Communication"} <= set(forms)
    assert "Special Rapporteur on sharing" in forms["cases.Case"]  # still chosen there
    assert {label: ADD_OR_DELETE_LINK.findall(page) for label, page in forms.items()
            if ADD_OR_DELETE_LINK.search(page)} == {}  # fmt: skip


def test_case_forms_offer_administrators_the_add_buttons(administrator):
    forms = dict(add_forms(session_of(administrator)))

    assert ADD_OR_DELETE_LINK.search(forms["cases.Case"])
    assert ADD_OR_DELETE_LINK.search(forms["communications.Communication"])
