"""Factories for test records (factory_boy); no hand-written SQL."""

import factory
from django.contrib.auth import get_user_model

from reprisals.accounts.models import Team
from reprisals.accounts.roles import Role, assign_role
from reprisals.cases import models
from reprisals.reference.models import Mechanism, State


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
