"""Screening of public texts against the names of people who may not be
named (register.screening), and the review that binds an approval to the
exact text (register.texts)."""

import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reprisals.audit.log import record
from reprisals.register.screening import name_terms, screen_texts, words
from reprisals.register.texts import Shown, approve_text, digest, pending
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)


def test_it_normalises_whitespace_punctuation_case_and_forms():
    composed = "Zoë Ñúñez"
    decomposed = unicodedata.normalize("NFD", composed)
    for text in [
        composed,
        decomposed,
        "ZOË\u00a0 ÑÚÑEZ",
        "zoe\tnunez",
        "Zoë-Ñúñez",
        "Zo\u00adë Ñúñez",
    ]:
        assert words(text) == ["zoe", "nunez"], text


def test_it_screens_a_person_by_whole_name_and_by_each_part():
    assert [(t.text, t.whole) for t in name_terms("Li Wei Zhang")] == [
        ("liweizhang", True), ("wei", False), ("zhang", False)
    ]  # fmt: skip
    assert [t.text for t in name_terms("Ahmed bin Salem")] == ["ahmedbinsalem", "ahmed", "salem"]


def test_it_screens_a_chinese_name_by_its_given_name():
    assert [t.text for t in name_terms("曹顺利")] == ["曹顺利", "顺利"]
    assert [t.text for t in name_terms("欧阳明辉")] == ["欧阳明辉", "明辉"]
    assert [t.text for t in name_terms("多里坤·艾沙")] == ["多里坤艾沙", "多里坤", "艾沙"]


def test_it_screens_an_organisation_by_its_whole_name_only():
    assert [t.text for t in name_terms("Human Rights Watch", parts=False)] == ["humanrightswatch"]


@pytest.fixture
def hidden(team, other_team):
    """A confidential person of another team, and a named one."""
    person = PersonFactory(
        team=other_team, name="Velmira Quastorn", other_names="Вельмира Квасторн"
    )
    ConsentFactory(person=person, level="confidential")
    named = PersonFactory(team=team, name="Velmira Dostan")
    ConsentFactory(person=named, level="named")
    return person


@pytest.mark.parametrize(
    "text",
    [
        "Detention of Mr Quastorn",
        "Velmira was questioned",  # a part shared with a named person: still a hit
        "Velmira\u00a0Quastorn",
        "VELMIRA  QUASTORN",
        "velmira\tquastorn",
        "VelmiraQuastorn",
        "Velmira-Quastorn's lawyer",
        "Velmira\u200bQuastorn",
        "Задержание Квасторна",  # declined
    ],
)
def test_it_finds_a_name_in_every_form(hidden, text):
    assert screen_texts([text])[text], text


def test_it_lets_a_named_persons_full_name_through(hidden):
    for text in ["Velmira Dostan met the Special Rapporteur", "A travel ban in 2024", "Quasi"]:
        assert screen_texts([text])[text] == [], text


def test_it_withholds_again_when_consent_is_withdrawn(team):
    person = PersonFactory(team=team, name="Orlen Vashti")
    consent = ConsentFactory(person=person, level="named")
    assert screen_texts(["Orlen Vashti spoke"])["Orlen Vashti spoke"] == []
    consent.withdrawn_at = consent.recorded_at
    consent.save()
    assert screen_texts(["Orlen Vashti spoke"])["Orlen Vashti spoke"]


def test_it_screens_organisations_and_arabic_prefixes(team):
    group = OrganizationFactory(team=team, name="Lantern Collective")
    ConsentFactory(person=None, organization=group, level="anonymous")
    person = PersonFactory(team=team, name="سالم العلي")
    ConsentFactory(person=person, level="confidential")
    texts = ["Members of the LANTERN collective", "والعلي في السجن", "The lantern was lit"]
    found = screen_texts(texts)
    assert found[texts[0]] and found[texts[1]] and not found[texts[2]]


@pytest.fixture
def case_with_title(team, documenter):
    case = CaseFactory(team=team, public_title="Travel ban on a lawyer")
    record(documenter, "change", case, fields=["public_title"])
    return case


def test_it_shows_a_text_only_once_another_reviewer_approved_it(case_with_title, reviewer):
    case = case_with_title
    assert Shown([case]).text(case, "public_title") == ""
    assert [p.field for p in pending([case])] == ["public_title"]
    approve_text(case, "public_title", shown_digest=digest(case, "public_title", case.public_title),
                 actor=reviewer)  # fmt: skip
    assert Shown([case]).text(case, "public_title") == "Travel ban on a lawyer"
    assert pending([case]) == []


def test_any_edit_withdraws_the_approval(case_with_title, reviewer):
    case = case_with_title
    approve_text(case, "public_title", shown_digest=digest(case, "public_title", case.public_title),
                 actor=reviewer)  # fmt: skip
    case.public_title = "Travel ban on a lawyer."
    case.save()
    assert Shown([case]).text(case, "public_title") == ""


def test_it_refuses_the_author_a_changed_text_and_a_named_text(case_with_title, reviewer, hidden):
    case = case_with_title
    record(reviewer, "change", case, fields=["public_title"])
    shown_digest = digest(case, "public_title", case.public_title)
    with pytest.raises(PermissionDenied):
        approve_text(case, "public_title", shown_digest=shown_digest, actor=reviewer)
    other = UserFactory(username="second-reviewer", role="reviewer", teams=[case.team])
    with pytest.raises(ValidationError):
        approve_text(case, "public_title", shown_digest="0" * 64, actor=other)
    case.public_title = "Travel ban on Mr Quastorn"
    case.save()
    with pytest.raises(ValidationError):
        approve_text(case, "public_title", shown_digest=digest(case, "public_title",
                     case.public_title), actor=other)  # fmt: skip
    assert pending([case])[0].hits


def test_a_documenter_cannot_approve(case_with_title, documenter):
    case = case_with_title
    with pytest.raises(PermissionDenied):
        approve_text(case, "public_title", actor=documenter,
                     shown_digest=digest(case, "public_title", case.public_title))  # fmt: skip
