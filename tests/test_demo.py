"""The demo dataset: five cases, each with acts, engagement, consent, sources."""

import pytest

from reprisals.cases.models import Case, Citation, Consent, Person
from reprisals.demo.loader import load_demo
from reprisals.reference.models import Mechanism
from tests.sealed import person_named
from tests.test_importer import table_counts

DEMO_NAMES = ["Cao Shunli", "Jiang Tianyong", "Dolkun Isa", "Liu Ximei"]


def test_it_loads_five_cases_each_fully_documented(demo):
    cases = Case.objects.all()
    assert cases.count() == 5
    for case in cases:
        assert case.acts.exists(), case.code
        assert case.engagements.exists(), case.code
        assert case.citations.exists(), case.code
        for link in case.subjects.all():
            consent = link.subject.current_consent()
            assert consent is not None and consent.level == "named", case.code
            assert consent.basis == "public_record"


def test_it_names_the_people_of_the_seed_report(demo):
    assert sorted(p.name for p in Person.objects.all()) == sorted(DEMO_NAMES)
    group_case = Case.objects.get(subjects__organization__kind="group")
    assert "Hong Kong" in group_case.title


def test_it_gives_every_act_engagement_and_consent_a_source(demo):
    for case in Case.objects.all():
        for fact in [*case.acts.all(), *case.engagements.all()]:
            assert fact.citations.exists(), f"{case.code}: {fact} has no source"
    for consent in Consent.objects.all():
        subject = consent.person or consent.organization
        assert (
            Citation.objects.filter(
                person=consent.person, organization=consent.organization
            ).exists()
            or subject.citations.exists()
        )


def test_it_keeps_jiang_tianyongs_charge_and_engagement(demo):
    case = Case.objects.get(subjects__person=person_named("Jiang Tianyong"))
    assert case.engagements.filter(mechanism__key="sr-extreme-poverty").exists()
    assert case.acts.filter(type="criminal_charges", legal_basis__icontains="subversion").exists()


@pytest.mark.django_db
def test_it_reloads_without_changing_anything():
    load_demo()
    before = table_counts()
    mechanisms = list(Mechanism.objects.order_by("pk").values())
    load_demo()
    assert table_counts() == before
    assert list(Mechanism.objects.order_by("pk").values()) == mechanisms
