"""Factories for test records (factory_boy); no hand-written SQL."""

import datetime

import factory
from django.contrib.auth import get_user_model

from reprisals.accounts.models import Team
from reprisals.accounts.roles import Role, assign_role
from reprisals.cases import models, vocab
from reprisals.communications.models import Communication, Reply
from reprisals.reference.models import Mechanism, State
from reprisals.register.models import PublicationDecision


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        user.save()
        if extracted:
            assign_role(user, Role(extracted), actor=None)

    @factory.post_generation
    def teams(user, create, extracted, **kwargs):
        for team in extracted or []:
            team.members.add(user)


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"mechanism-{n}")
    name = factory.Sequence(lambda n: f"Special Rapporteur number {n}")
    kind = "special_procedure"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Report {n}")
    kind = "ngo_report"
    reliability = "high"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Person Name {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "ngo"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Consent

    person = factory.SubFactory(PersonFactory)
    level = "named"
    basis = "written"
    obtained_on = "2024-01-15"
    obtained_by = "Intake officer"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Case

    team = factory.SubFactory(TeamFactory)
    state = factory.LazyFunction(lambda: State.objects.get(iso3="CHN"))
    code = factory.Sequence(lambda n: f"2020-CHN-{n % 1000:03d}")
    title = factory.Sequence(lambda n: f"Case {n}")
    opened_on = "2020-03"


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CaseSubject

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory, team=factory.SelfAttribute("..case.team"))


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Engagement

    case = factory.SubFactory(CaseFactory)
    mechanism = factory.SubFactory(MechanismFactory)
    kind = "met_mandate_holder"
    date = "2020-03-10"


class ActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Act

    case = factory.SubFactory(CaseFactory)
    type = "arbitrary_detention"
    date = "2020-04"
    perpetrator_type = "police"


class CommunicationFactory(factory.django.DjangoModelFactory):
    """A letter to China sent at an exact moment; `cases=[...]` links cases."""

    class Meta:
        model = Communication
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    type = "UA"
    addressee = factory.LazyFunction(lambda: State.objects.get(iso3="CHN"))
    sent_at = datetime.datetime(2021, 3, 1, 12, 0, tzinfo=datetime.UTC)
    subject = factory.Sequence(lambda n: f"Alleged detention, letter {n}")

    @factory.post_generation
    def cases(letter, create, extracted, **kwargs):
        if extracted:
            letter.cases.add(*extracted)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    communication = factory.SubFactory(CommunicationFactory)
    received_on = datetime.date(2021, 4, 1)
    response_type = "denied"


class InterventionFactory(factory.django.DjangoModelFactory):
    """A UN publication naming the case (a mention in a report by default)."""

    class Meta:
        model = models.Intervention

    case = factory.SubFactory(CaseFactory)
    kind = vocab.InterventionKind.REPORT_MENTION
    date = "2021-09"
    reference = "A/HRC/48/28"


class PublicationDecisionFactory(factory.django.DjangoModelFactory):
    """A proposal to publish a case, not yet approved."""

    class Meta:
        model = PublicationDecision

    case = factory.SubFactory(CaseFactory)
    reason = "Already public in the press with the family's agreement."
    proposed_by = factory.SubFactory(UserFactory)
    proposed_at = datetime.datetime(2021, 5, 1, 9, 0, tzinfo=datetime.UTC)


def approve_texts(*records):
    """Have a reviewer approve every public text of these records, and of
    their parts (a case's acts, actions and citations; a letter's replies),
    as the review screen would; texts naming someone who may not be named
    stay unapproved."""
    from reprisals.cases.models import Case
    from reprisals.communications.models import Communication
    from reprisals.register.texts import approve_all

    reviewer = get_user_model().objects.filter(username="text-reviewer").first()
    reviewer = reviewer or UserFactory(username="text-reviewer", role="reviewer")
    objects = []
    for record in records:
        objects.append(record)
        if isinstance(record, Case):
            citations = list(record.citations.select_related("source"))
            objects += [*record.acts.all(), *record.interventions.all(), *citations]
            objects += [c.source for c in citations]
        if isinstance(record, Communication):
            objects += list(record.replies.all())
    approve_all(objects, actor=reviewer)
