"""The Atom feed of newly public items, and its advertisement on every page."""

import datetime
import xml.etree.ElementTree as ET

import time_machine
from django.utils import timezone

from reprisals.cases.models import Case
from reprisals.cases.services import withdraw_consent
from reprisals.communications.models import Communication
from tests.register_cases import pending_case

ATOM = "{http://www.w3.org/2005/Atom}"
ALTERNATE = '<link rel="alternate" type="application/atom+xml" href="/feed.atom"'


def entries(client):
    response = client.get("/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def links(items):
    return {item.find(f"{ATOM}link").get("href") for item in items}


def test_it_is_valid_atom(client, demo):
    root, items = entries(client)
    for child in ["title", "id", "updated"]:
        assert root.find(f"{ATOM}{child}").text, child
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feed.atom"
    assert len(items) == 7  # five cases, two letters
    for item in items:
        assert item.find(f"{ATOM}title").text
        assert item.find(f"{ATOM}id").text
        datetime.datetime.fromisoformat(item.find(f"{ATOM}updated").text)
    updated = [item.find(f"{ATOM}updated").text for item in items]
    assert updated == sorted(updated, reverse=True)  # newest first


def test_it_lists_the_demos_public_communications_and_cases(client, demo):
    _, items = entries(client)
    found = links(items)
    for letter in Communication.objects.all():
        assert f"http://testserver/communications/{letter.pk}/" in found
    for code in Case.objects.values_list("code", flat=True):
        assert f"http://testserver/cases/{code}/" in found
    titles = [item.find(f"{ATOM}title").text for item in items]
    assert any("Liu Ximei" in title for title in titles)


def test_it_lists_an_item_when_it_becomes_public_and_not_before(client, demo):
    case = pending_case()
    letter = case.communications.get()
    _, items = entries(client)
    assert f"http://testserver/cases/{case.code}/" not in links(items)
    assert f"http://testserver/communications/{letter.pk}/" not in links(items)
    with time_machine.travel(letter.sent_at + datetime.timedelta(hours=48), tick=False):
        _, items = entries(client)
    assert f"http://testserver/cases/{case.code}/" in links(items)
    assert f"http://testserver/communications/{letter.pk}/" in links(items)
    assert timezone.now() < letter.sent_at + datetime.timedelta(hours=48)


def test_it_drops_a_case_when_consent_is_withdrawn(client, demo):
    person = Case.objects.get(code="2016-CHN-001").subjects.get().person
    withdraw_consent(person, actor=None)
    _, items = entries(client)
    assert "http://testserver/cases/2016-CHN-001/" not in links(items)


def test_it_is_advertised_on_every_public_page(client, demo):
    letter = Communication.objects.first()
    for path in ["/", "/search/", "/search/?q=Jiang", "/cases/2016-CHN-001/",
                 f"/communications/{letter.pk}/", "/communications/", "/states/CHN/",
                 "/exports/", "/cases/2099-CHN-999/"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code in {200, 404}
        assert ALTERNATE in response.content.decode(), path


def test_it_lists_the_newest_public_items_exactly_as_the_rule_orders_them(db):
    """The feed works out moments in bulk; compare it with projecting everything."""
    from django.utils import timezone

    from reprisals.register import public
    from tests.leak_plant import Planter

    Planter().plant(count=60)
    now = timezone.now()
    everything = [
        (shown.public_from, "case", shown.code)
        for shown in public.project_cases(public.public_case_queryset(now), now)
    ] + [
        (shown.public_from, "communication", str(shown.id))
        for shown in map(lambda c: public.project_communication(c, now),
                         public.public_communication_queryset(now))
        if shown
    ]  # fmt: skip
    everything.sort(reverse=True)
    assert len(everything) > 12
    feed = public.feed_entries(now, limit=12)
    assert [(e.public_from, e.kind, e.key) for e in feed] == everything[:12]
