"""The public register's pages: what a visitor sees for the demo, search and
facets, and that anything not public answers exactly like nothing at all."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reprisals.cases.models import Case, Source
from reprisals.cases.services import withdraw_consent
from reprisals.communications.models import Communication
from tests.factories import CommunicationFactory, approve_texts
from tests.register_cases import anonymous_case, pending_case
from tests.sealed import letter_about

DEMO_CODES = ["2013-CHN-001", "2016-CHN-001", "2017-CHN-001", "2019-CHN-001", "2020-CHN-001"]
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return response.content.decode()


def surfaces(client):
    """Everything a visitor can fetch without knowing a code, as one text."""
    paths = ["/", "/search/", "/search/?state=CHN", "/communications/", "/states/CHN/",
             "/feed.atom", "/exports/cases.csv", "/exports/cases.json",
             "/exports/communications.csv", "/exports/communications.json"]  # fmt: skip
    return "\n".join(page(client, path) for path in paths)


def demo_letter(subject_word):
    return letter_about(subject_word)


def test_it_renders_every_page_for_the_demo(client, demo):
    assert "Recently made public" in page(client, "/")
    listing = page(client, "/search/")
    assert "5 cases found" in listing
    for code in DEMO_CODES:
        assert f'href="/cases/{code}/"' in listing
        assert code in page(client, f"/cases/{code}/")
    letters = page(client, "/communications/")
    for letter in Communication.objects.all():
        assert f'href="/communications/{letter.pk}/"' in letters
        assert letter.subject in page(client, f"/communications/{letter.pk}/")
    assert "China" in page(client, "/states/CHN/")
    assert "cases.csv" in page(client, "/exports/")


def test_it_shows_a_case_with_everything_public_about_it(client, demo):
    html = page(client, "/cases/2016-CHN-001/")
    assert "Jiang Tianyong: detained and charged" in html
    assert "<bdi>Jiang Tianyong</bdi></li>" in html  # named, with his consent
    for act in ["Criminal charges", "Arbitrary detention", "Enforced disappearance"]:
        assert f"<td>{act}</td>" in html
    assert "subversion of State power" in html  # legal basis cited
    assert "Met a UN mandate holder or official" in html  # the engagement
    assert "Press release" in html  # what the UN did
    assert "Lawful investigation or judicial matter" in html  # how the State answered
    assert "bullet &#x27;Jiang Tianyong&#x27;" in html  # where in the source
    assert 'href="/states/CHN/"' in html


def test_it_links_a_case_to_its_public_letters(client, demo):
    letter = demo_letter("Liu Ximei")
    html = page(client, "/cases/2019-CHN-001/")
    assert f'href="/communications/{letter.pk}/"' in html


def test_it_shows_the_states_replies_beside_the_letter(client, demo):
    letter = demo_letter("Liu Ximei")
    html = page(client, f"/communications/{letter.pk}/")
    letter_part, replies_part = html.split('class="replies"')
    assert "asking about the reported harassment" in letter_part  # the published text
    assert "Denied the facts" in replies_part
    assert "completely against the facts" in replies_part
    assert 'href="/cases/2019-CHN-001/"' in html
    assert letter.internal_notes not in html.replace("&#x27;", "'")


def test_it_computes_the_reply_rate_with_numerator_and_denominator(client, demo):
    html = page(client, "/states/CHN/")
    assert "Reply rate: 100 % — 2 of 2 public letters" in html
    for code in DEMO_CODES:
        assert f'href="/cases/{code}/"' in html


def test_it_counts_an_unanswered_letter_once_its_deadline_has_passed(client, demo):
    CommunicationFactory(type="AL", sent_at=timezone.now() - timedelta(days=70))
    html = page(client, "/states/CHN/")
    assert "Reply rate: 67 % — 2 of 3 public letters" in html


def test_it_finds_jiang_tianyong(client, demo):
    html = page(client, "/search/?q=Jiang+Tianyong")
    assert "1 case found" in html
    assert 'href="/cases/2016-CHN-001/"' in html
    for code in set(DEMO_CODES) - {"2016-CHN-001"}:
        assert code not in html
    assert 'value="Jiang Tianyong"' in html  # the query stays in the box


@pytest.mark.parametrize(
    "query, expected",
    [
        ("act_type=harassment", ["2019-CHN-001"]),
        ("year=2013", ["2013-CHN-001"]),
        ("status=closed", ["2013-CHN-001"]),
        ("mechanism=sr-extreme-poverty", ["2016-CHN-001"]),
        ("state=CHN&act_type=arbitrary_detention", ["2013-CHN-001", "2016-CHN-001"]),
        ("state=RUS", []),
    ],
)
def test_it_filters_by_facets(client, demo, query, expected):
    html = page(client, f"/search/?{query}")
    results = html.split('class="facets"')[0]
    found = sorted(set(re.findall(r'href="/cases/([\w-]+)/"', results)))
    assert found == expected
    assert f"{len(expected)} case" in html


def test_it_offers_facet_links_with_counts(client, demo):
    html = page(client, "/search/?q=China")
    facets = html.split('class="facets"')[1]
    assert 'href="?q=China&amp;state=CHN"><bdi>China</bdi></a> <span class="count">(5)' in facets
    assert (
        'act_type=intimidation"><bdi>Intimidation or threats</bdi></a> <span class="count">(2)'
    ) in facets
    chosen = page(client, "/search/?q=China&act_type=intimidation")
    assert 'aria-current="true"' in chosen
    assert 'href="?q=China">Remove filter' in chosen


def test_it_survives_odd_parameters(client, demo):
    for path in ["/search/?page=abc", "/search/?page=-3", "/search/?page=99999999999999999999",
                 "/search/?q=%22%27*%29(", "/search/?year=abcd&status=%00",
                 "/communications/?page=x&state=chn"]:  # fmt: skip
        assert client.get(path).status_code == 200, path
    for path in ["/communications/99999999999999999999999/", "/states/chn/", "/states/XXX/",
                 "/cases/2016-CHN-999/"]:  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_it_answers_404_for_a_case_that_is_not_yet_public(client, demo):
    case = pending_case()
    letter = case.communications.get()
    unknown = client.get("/cases/2021-CHN-999/")
    hidden = client.get(f"/cases/{case.code}/")
    assert hidden.status_code == unknown.status_code == 404
    assert CSRF_TOKEN.sub("", hidden.content.decode()) == CSRF_TOKEN.sub(
        "", unknown.content.decode()
    )
    assert client.get(f"/communications/{letter.pk}/").status_code == 404
    assert "1 case found" not in page(client, f"/search/?q={case.code}")
    assert "0 cases found" in page(client, "/search/?q=Pendingname")
    everything = surfaces(client)
    for secret in [case.code, "Pendingname", "Pendingletter"]:
        assert secret not in everything


def test_it_never_echoes_the_requested_address_on_404(client, db):
    response = client.get("/cases/NOTHING-HERE-4242/?q=echo-me")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "NOTHING-HERE-4242" not in body and "echo-me" not in body
    assert '<input type="hidden" name="next" value="/">' in body


def test_it_shows_a_pseudonym_and_never_the_name(client, demo):
    case = anonymous_case()
    pseudonym = case.subjects.get().person.pseudonym
    html = page(client, f"/cases/{case.code}/")
    assert f"Person {pseudonym}" in html
    assert ">Travel ban or confiscated passport (China)</h1>" in html  # a generated title
    assert "Secretname" not in html
    assert "Secretname" not in surfaces(client)
    assert "0 cases found" in page(client, "/search/?q=Secretname")
    assert "1 case found" in page(client, f"/search/?q={pseudonym}")


def test_it_hides_a_case_everywhere_at_once_when_consent_is_withdrawn(client, demo):
    assert "2016-CHN-001" in surfaces(client)
    person = Case.objects.get(code="2016-CHN-001").subjects.get().person
    withdraw_consent(person, actor=None)
    assert client.get("/cases/2016-CHN-001/").status_code == 404
    assert "0 cases found" in page(client, "/search/?q=Jiang+Tianyong")
    assert "2016-CHN-001" not in surfaces(client)
    assert "Jiang Tianyong" not in surfaces(client)


def test_it_marks_up_every_page_for_assistive_technology(client, demo):
    letter = demo_letter("Liu Ximei")
    for path in ["/", "/search/", "/cases/2016-CHN-001/", f"/communications/{letter.pk}/",
                 "/communications/", "/states/CHN/", "/exports/"]:  # fmt: skip
        html = page(client, path)
        assert re.search(r'<html lang="en" dir="ltr">', html), path
        assert '<a class="skip-link" href="#main">' in html, path
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, path
        assert '<label for="language-choice">' in html, path
        assert html.count("<h1") == 1, path
    assert '<label for="q">' in page(client, "/search/")


def test_it_makes_no_third_party_request(client, demo):
    for path in ["/", "/search/?q=China", "/cases/2016-CHN-001/", "/exports/"]:
        html = page(client, path)
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
        assert loaded and all(url.startswith("/") for url in loaded), (path, loaded)
    assert "<script" not in html


def test_it_lets_no_cache_serve_a_withdrawn_case(client, demo):
    for path in ["/", "/search/?q=Jiang", "/cases/2016-CHN-001/", "/states/CHN/", "/feed.atom",
                 "/exports/cases.csv", "/exports/communications.json"]:  # fmt: skip
        assert "no-cache" in client.get(path)["Cache-Control"], path


def test_it_escapes_what_the_visitor_typed(client, db):
    html = page(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_it_renders_an_empty_register(client, db):
    assert "Nothing has been made public yet." in page(client, "/")
    assert "0 cases found" in page(client, "/search/")
    assert "No communication is public yet." in page(client, "/communications/")
    state = page(client, "/states/FRA/")  # a State with nothing public is no secret
    assert "No case concerning this State is public." in state
    assert "No public letter to this State has reached its reply deadline yet." in state


def test_it_links_only_to_web_addresses(client, demo):
    case = anonymous_case()
    for title, url in [("Script source", "javascript:alert(1)"), ("Web source", "https://x.org/r")]:
        source = Source.objects.create(team=case.team, title=title, url=url, kind="ngo_report",
                                       reliability="high")  # fmt: skip
        case.citations.create(source=source)
    approve_texts(case)
    html = page(client, f"/cases/{case.code}/")
    assert "<cite>Script source</cite>" in html and "javascript:" not in html
    assert '<a href="https://x.org/r" rel="noreferrer">Web source</a>' in html
