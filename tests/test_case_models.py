"""The case documentation model (reprisals/cases/models.py) and the consent
checks of reprisals/cases/services.py."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reprisals.audit.models import AuditEntry
from reprisals.cases import services
from reprisals.cases.models import Case, CaseSubject, Citation, Consent, Person
from tests.factories import (
    ActFactory,
    CaseFactory,
    ConsentFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    SubjectFactory,
)


def errors_of(obj):
    """The model's validation errors, field by field."""
    with pytest.raises(ValidationError) as raised:
        obj.full_clean()
    return raised.value.message_dict


# -- Case.clean ------------------------------------------------------------------


def test_it_accepts_a_sound_case(team):
    CaseFactory.build(team=team, code="2020-CHN-007", opened_on="2020-03-02").full_clean()


@pytest.mark.parametrize("code", ["2020-CN-001", "2020-chn-001", "20-CHN-001", "2020-CHN-1"])
def test_it_refuses_a_code_in_the_wrong_form(team, code):
    case = CaseFactory.build(team=team, code=code)

    assert errors_of(case) == {
        "code": [f"{code!r} is not a public code: write YYYY-ISO-NNN, e.g. 2019-CHN-003"]
    }


def test_it_refuses_a_code_naming_another_state(team):
    case = CaseFactory.build(team=team, code="2020-RUS-001")

    assert errors_of(case) == {"code": ["The code says RUS but the State concerned is CHN"]}


def test_it_refuses_a_code_whose_year_is_not_the_year_opened(team):
    case = CaseFactory.build(team=team, code="2019-CHN-001", opened_on="2020-03")

    assert errors_of(case) == {"code": ["The code says 2019 but the case was opened in 2020"]}


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_it_asks_why_a_case_was_closed(team, status):
    case = CaseFactory.build(team=team, code="2020-CHN-001", status=status, closure_reason=" ")

    assert errors_of(case) == {"closure_reason": ["Say why the case is resolved or closed."]}

    case.closure_reason = "Released without charge in May 2021."
    case.full_clean()


# -- Act.clean ---------------------------------------------------------------------


def test_it_flags_an_act_dated_before_its_engagement(db):
    engagement = EngagementFactory(date="2016-08-15")
    act = ActFactory.build(case=engagement.case, engagement=engagement, date="2016-07")

    [message] = errors_of(act)["date"]

    assert "(2016-07)" in message and "(2016-08-15)" in message


@pytest.mark.parametrize("date", ["2016-08", "2016", "2016-08-15", "2016-12-01"])
def test_it_accepts_an_act_that_may_come_after_its_engagement(db, date):
    engagement = EngagementFactory(date="2016-08-15")

    ActFactory.build(case=engagement.case, engagement=engagement, date=date).full_clean()


def test_it_refuses_an_engagement_of_another_case(db):
    engagement = EngagementFactory(date="")
    act = ActFactory.build(case=CaseFactory(), engagement=engagement, date="")

    assert errors_of(act) == {"engagement": ["This engagement belongs to another case."]}


# -- database constraints ----------------------------------------------------------


def test_a_subject_is_a_person_or_an_organisation_not_both(team):
    case = CaseFactory(team=team)
    person, organization = PersonFactory(team=team), OrganizationFactory(team=team)

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseSubject.objects.create(case=case, person=person, organization=organization)


def test_a_subject_is_a_person_or_an_organisation_not_neither(team):
    case = CaseFactory(team=team)

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseSubject.objects.create(case=case)


def test_a_citation_supports_one_fact_only(team):
    act = ActFactory(case__team=team)
    source = SourceFactory(team=team)

    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, case=act.case, act=act)
    Citation.objects.create(source=source, act=act)  # one fact is fine
    assert act.citations.count() == 1


# -- consent -------------------------------------------------------------------------


def test_the_current_consent_is_the_latest(db):
    person = PersonFactory()
    ConsentFactory(person=person, obtained_on="2024-02-01", level="confidential")
    ConsentFactory(person=person, obtained_on="2023-01-10", level="named")

    assert Consent.current_for(person=person).level == "confidential"
    assert person.current_consent().obtained_on == "2024-02-01"


def test_there_is_no_current_consent_without_a_record(db):
    assert PersonFactory().current_consent() is None


@pytest.mark.parametrize(
    "level, allowed", [("named", True), ("anonymous", True), ("confidential", False)]
)
def test_only_named_or_anonymous_consent_allows_publication(db, level, allowed):
    assert ConsentFactory(level=level).allows_publication is allowed


def test_withdrawn_consent_does_not_allow_publication(documenter):
    consent = ConsentFactory(level="named")

    services.withdraw_consent(consent.person, actor=documenter)

    current = consent.person.current_consent()
    assert current.pk == consent.pk
    assert current.withdrawn_at is not None
    assert current.allows_publication is False
    assert AuditEntry.objects.filter(action="withdraw_consent", object_pk=str(consent.pk)).exists()


# -- marking a case ready for publication ---------------------------------------------


def refusal(case, actor):
    with pytest.raises(ValidationError) as raised:
        services.mark_ready_for_publication(case, actor=actor)
    case.refresh_from_db()
    assert case.ready_for_publication is False
    return " ".join(raised.value.messages)


def test_it_refuses_a_case_whose_person_has_no_consent(documenter, team):
    subject = SubjectFactory(case__team=team, person__name="Li Wei")

    message = refusal(subject.case, documenter)

    assert "Li Wei has no consent record" in message


def test_it_refuses_a_case_whose_person_gave_confidential_consent(documenter, team):
    subject = SubjectFactory(case__team=team, person__name="Li Wei")
    ConsentFactory(person=subject.person, level="confidential")

    assert "Li Wei gave confidential consent" in refusal(subject.case, documenter)


def test_it_refuses_a_case_whose_person_withdrew_consent(documenter, team):
    subject = SubjectFactory(case__team=team, person__name="Li Wei")
    ConsentFactory(person=subject.person, level="named")
    services.withdraw_consent(subject.person, actor=documenter)

    assert "Li Wei withdrew consent" in refusal(subject.case, documenter)


def test_it_refuses_a_case_that_concerns_nobody(documenter, team):
    assert "concerns nobody" in refusal(CaseFactory(team=team), documenter)


def test_it_marks_a_case_ready_when_everyone_consented(documenter, team):
    named = SubjectFactory(case__team=team)
    case = named.case
    anonymous = SubjectFactory(case=case)
    ConsentFactory(person=named.person, level="named")
    ConsentFactory(person=anonymous.person, level="anonymous")

    services.mark_ready_for_publication(case, actor=documenter)

    case.refresh_from_db()
    assert case.ready_for_publication is True
    entry = AuditEntry.objects.get(action="mark_ready_for_publication")
    assert (entry.actor, entry.model, entry.object_pk) == (documenter, "cases.case", str(case.pk))
    assert entry.fields == ["ready_for_publication"]
    field_names = {field.name for field in Case._meta.get_fields()}
    assert set(entry.fields) <= field_names


# -- people and visibility ---------------------------------------------------------------


def test_pseudonyms_are_unique_and_stable(team):
    people = PersonFactory.create_batch(20, team=team)
    pseudonyms = {person.pseudonym for person in people}

    assert len(pseudonyms) == 20
    assert all(re.fullmatch(r"P-[2-9A-HJ-NP-Z]{6}", p) for p in pseudonyms)

    person = Person.objects.get(pk=people[0].pk)
    person.name = "Renamed"
    person.save()
    person.refresh_from_db()
    assert person.pseudonym == people[0].pseudonym


def test_cases_are_visible_to_their_teams_only(documenter, outsider, administrator, team):
    ours = CaseFactory(team=team)
    theirs = CaseFactory(team=outsider.teams.get())

    assert list(Case.objects.visible_to(documenter)) == [ours]
    assert list(Case.objects.visible_to(outsider)) == [theirs]
    assert set(Case.objects.visible_to(administrator)) == {ours, theirs}


def test_a_member_of_two_teams_sees_each_case_once(documenter, team, other_team):
    other_team.members.add(documenter)
    cases = {CaseFactory(team=team), CaseFactory(team=other_team)}

    assert sorted(Case.objects.visible_to(documenter), key=str) == sorted(cases, key=str)
