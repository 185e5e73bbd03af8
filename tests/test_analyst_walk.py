"""An analyst sees counts and never a person's name: a walk, over real HTTP,
of every page the back office links to, plus every record's own URLs."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from reprisals.accounts.site import staff_site
from reprisals.cases.models import Organization, Person
from tests.conftest import PASSWORD
from tests.http import Session
from tests.sealed import person_named

LINK = re.compile(r'href="(/staff/[^"#]*)"')
PAGE_LIMIT = 600


def identifying_strings():
    names = [p.name for p in Person.objects.all()]
    names += [o.name for o in Organization.objects.all()]
    return [name for name in names if name]


def record_urls():
    """Changelist, add, change and history URLs of every model and record."""
    urls = []
    for model, model_admin in staff_site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_add"))
        for pk in model.objects.values_list("pk", flat=True)[:50]:
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[pk]))
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_history", args=[pk]))
        assert isinstance(model_admin, admin.ModelAdmin)
    return urls


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_shows_an_analyst_counts_but_no_name(live_server, demo_analyst):
    names = identifying_strings()
    assert "Jiang Tianyong" in names and "Hong Kong civil society" in names
    session = Session(live_server.url)
    session.log_in(demo_analyst.username, PASSWORD)

    seen, queue, pages = set(), ["/staff/", *record_urls()], {}
    while queue and len(seen) < PAGE_LIMIT:
        path = queue.pop(0).replace("&amp;", "&")
        if path in seen or "logout" in path:
            continue
        seen.add(path)
        status, _, body = session.get(path)
        assert status in {200, 302, 403, 404}, f"{path}: {status}"
        leaked = [name for name in names if name in body]
        assert not leaked, f"{path} shows {leaked} to an analyst"
        pages[path] = status
        queue += LINK.findall(body)

    assert len(seen) < PAGE_LIMIT, "the walk did not finish"
    assert pages["/staff/statistics/"] == 200
    status, _, statistics = session.get("/staff/statistics/")
    assert re.search(r'id="total-cases">5<', statistics)
    assert "China (CHN)" in statistics
    assert "Arbitrary detention" in statistics
    person = person_named("Jiang Tianyong")
    assert pages[reverse("admin:cases_person_change", args=[person.pk])] in {403, 404}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_shows_a_documenter_the_names_the_analyst_cannot_see(live_server, demo_documenter):
    """The same walk's premise checked from the other side: names are on these pages."""
    session = Session(live_server.url)
    session.log_in(demo_documenter.username, PASSWORD)
    _, _, listing = session.get(reverse("admin:cases_person_changelist"))
    assert "Jiang Tianyong" in listing
