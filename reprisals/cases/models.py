"""The documentation model: cases, the people and groups they concern, what
happened (engagements, acts), what the UN did, how the State answered, the
consent of those affected, and the sources of every fact.

Follows the HURIDOCS Events Standard Formats (event = case, act, victim =
subject, source, intervention), extended for reprisals (engagement, consent).
Identifying fields (names, contacts, addresses, family, notes) are staff-only;
what the public may see is decided elsewhere, by the publication rule.
"""

import re
import secrets
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from reprisals.accounts.models import Team
from reprisals.cases import vocab
from reprisals.lib.dates import ApproximateDateField, surely_before
from reprisals.reference.models import Mechanism, State
from reprisals.vault.fields import BlindIndexField, SealedTextField, SealedURLField
from reprisals.vault.models import SealedModel

CASE_CODE = re.compile(r"\A([0-9]{4})-([A-Z]{3})-([0-9]{3})\Z")  # ASCII digits only


KEY_HELP = (
    "Keyed digest of the stable identifier used by imports (e.g. of cao-shunli): "
    "the identifier itself, which may contain a name, is not stored."
)

UNDATED_HELP = (
    "YYYY-MM-DD; or YYYY-MM or YYYY when only that is known. "
    "Leave empty only when no source dates it."
)


def exactly_one_of(*fields):
    """A check condition: exactly one of these foreign keys is set."""
    return reduce(or_, (Q(**{f"{f}__isnull": f != chosen for f in fields}) for chosen in fields))


class TeamScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Records of the user's teams; administrators see every team's."""
        if user.is_superuser:
            return self
        return self.filter(team__members=user).distinct()


def new_pseudonym():
    """A stable, meaningless public label, e.g. "P-7KQ2XD"."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "P-" + "".join(secrets.choice(alphabet) for _ in range(6))


class Person(SealedModel):
    # PROTECT: a team with people on record cannot be deleted by accident.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, help_text="Team that owns the record.")
    key = models.SlugField(
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=KEY_HELP,
    )
    name = SealedTextField(
        single_line=True, max_length=300, help_text="Full name as recorded by the source."
    )
    other_names = SealedTextField(
        single_line=True,
        max_length=500,
        blank=True,
        help_text="Other spellings and names in other scripts.",
    )
    gender = models.CharField(
        max_length=16, choices=vocab.Gender.choices, default=vocab.Gender.UNKNOWN
    )
    occupation = SealedTextField(
        single_line=True,
        max_length=200,
        blank=True,
        help_text="E.g. human rights defender, lawyer.",
    )
    organizations = models.ManyToManyField(
        "Organization",
        blank=True,
        related_name="members",
        help_text="Organisations they belong to.",
    )
    contact_details = SealedTextField(blank=True, help_text="Never public.")
    address = SealedTextField(blank=True, help_text="Never public.")
    family_details = SealedTextField(blank=True, help_text="Never public.")
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")
    name_index = BlindIndexField(of=("name", "other_names"), help_text="Keyed tokens of the names.")
    pseudonym = models.CharField(
        max_length=16,
        unique=True,
        default=new_pseudonym,
        editable=False,
        help_text="Stable label shown instead of the name under anonymous consent.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        ordering = ["pseudonym"]  # names are sealed: the database cannot sort them
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def current_consent(self):
        return latest_consent(self)


class Organization(SealedModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, help_text="Team that owns the record.")
    key = models.SlugField(
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=KEY_HELP,
    )
    name = SealedTextField(single_line=True, max_length=300)
    kind = models.CharField(max_length=16, choices=vocab.OrganizationKind.choices)
    description = SealedTextField(blank=True)
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")
    name_index = BlindIndexField(of=("name",), help_text="Keyed tokens of the name.")
    pseudonym = models.CharField(
        max_length=16,
        unique=True,
        default=new_pseudonym,
        editable=False,
        help_text="Stable label shown instead of the name under anonymous consent.",
    )

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        ordering = ["pseudonym"]

    def __str__(self):
        return self.name

    def current_consent(self):
        return latest_consent(self)


def latest_consent(subject):
    """The subject's current consent: the latest record, or None.

    Reads `subject.consents`, so a caller listing many subjects can prefetch
    them; the order is the one register.queries uses in SQL.
    """
    return max(subject.consents.all(), key=lambda c: (c.obtained_on, c.pk), default=None)


class Consent(SealedModel):
    """What a person (or an organisation) agreed may be made public.

    Consent records are never edited into a new meaning: a change of mind is
    a new record, and withdrawal stamps `withdrawn_at`, which takes effect at
    once. The current consent is the latest record; without one, nothing about
    the subject may be published.
    """

    # CASCADE: consent is meaningless without its subject.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    level = models.CharField(max_length=16, choices=vocab.ConsentLevel.choices)
    basis = models.CharField(
        max_length=16, choices=vocab.ConsentBasis.choices, help_text="How consent was obtained."
    )
    obtained_on = ApproximateDateField(help_text="When consent was given (YYYY-MM-DD).")
    obtained_by = SealedTextField(single_line=True, max_length=200, help_text="Who obtained it.")
    note = SealedTextField(blank=True, help_text="Scope or conditions of the consent.")
    # PROTECT: the staff member who recorded consent stays on record.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when consent is withdrawn; hides at once."
    )

    class Meta:
        ordering = ["-obtained_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("person", "organization"),
                name="consent_has_one_subject",
                violation_error_message="Consent belongs to exactly one person or organisation.",
            )
        ]

    def __str__(self):
        state = "withdrawn" if self.withdrawn_at else self.get_level_display().split(" —")[0]
        return f"Consent {state}, {self.obtained_on}"

    @classmethod
    def current_for(cls, **subject):
        return cls.objects.filter(**subject).order_by("-obtained_on", "-id").first()

    @property
    def allows_publication(self):
        return self.withdrawn_at is None and self.level in {
            vocab.ConsentLevel.NAMED,
            vocab.ConsentLevel.ANONYMOUS,
        }


class Source(SealedModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, help_text="Team that owns the record.")
    key = models.SlugField(
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=KEY_HELP,
    )
    title = SealedTextField(single_line=True, max_length=500)
    kind = models.CharField(max_length=16, choices=vocab.SourceKind.choices)
    author = SealedTextField(single_line=True, max_length=300, blank=True)
    published_on = ApproximateDateField(blank=True)
    url = SealedURLField(max_length=500, blank=True)
    reliability = models.CharField(max_length=8, choices=vocab.Reliability.choices)
    confidential = models.BooleanField(
        default=False, help_text="The identity of this source must never be made public."
    )
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")
    title_index = BlindIndexField(
        of=("title", "author"), help_text="Keyed tokens of title and author."
    )

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


class Case(SealedModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, help_text="Team that owns the case.")
    code = models.CharField(
        "public code",
        max_length=12,
        unique=True,
        help_text="YYYY-ISO-NNN: year opened, State concerned, number, e.g. 2019-CHN-003.",
    )
    # PROTECT: a State with cases on record is never deleted.
    state = models.ForeignKey(State, on_delete=models.PROTECT, help_text="State concerned.")
    status = models.CharField(
        max_length=16, choices=vocab.CaseStatus.choices, default=vocab.CaseStatus.OPEN
    )
    title = SealedTextField(
        single_line=True, max_length=300, help_text="Staff working title; may name people."
    )
    summary = SealedTextField(
        blank=True, help_text="What happened, in a few sentences. Staff only."
    )
    public_title = SealedTextField(
        single_line=True,
        max_length=300,
        blank=True,
        help_text="Title for the public register once the case is public. It may name only "
        "people who consented to be named. Empty: a title is made from the acts and State.",
    )
    public_summary = SealedTextField(
        blank=True,
        help_text="Summary for the public register, written for the consent of each person "
        "concerned. Empty: no summary is published.",
    )
    opened_on = ApproximateDateField(help_text="When the first act took place or was reported.")
    closure_reason = SealedTextField(blank=True, help_text="Why the case was resolved or closed.")
    ready_for_publication = models.BooleanField(
        default=False,
        help_text="Documenter's mark that the case may go to review for publication. "
        "Every person it concerns needs a consent record first.",
    )
    internal_notes = SealedTextField(blank=True, help_text="Staff only. Never public.")
    title_index = BlindIndexField(of=("title",), help_text="Keyed tokens of the working title.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "code"]
        permissions = [("view_statistics", "Can view aggregate statistics")]

    def __str__(self):
        return self.code

    def clean(self):
        errors = {}
        match = CASE_CODE.match(self.code or "")
        if not match:
            errors["code"] = (
                f"{self.code!r} is not a public code: write YYYY-ISO-NNN, e.g. 2019-CHN-003"
            )
        elif self.state_id and match.group(2) != self.state.iso3:
            errors["code"] = (
                f"The code says {match.group(2)} but the State concerned is {self.state.iso3}"
            )
        elif self.opened_on and match.group(1) != self.opened_on[:4]:
            errors["code"] = (
                f"The code says {match.group(1)} but the case was opened in {self.opened_on[:4]}"
            )
        if self.status in {vocab.CaseStatus.RESOLVED, vocab.CaseStatus.CLOSED}:
            if not self.closure_reason.strip():
                errors["closure_reason"] = "Say why the case is resolved or closed."
        if errors:
            raise ValidationError(errors)


class CaseSubject(models.Model):
    """A person or an organisation the case concerns."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    # PROTECT: people stay on record while any case names them.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="case_links"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="case_links"
    )
    role = models.CharField(
        max_length=16, choices=vocab.SubjectRole.choices, default=vocab.SubjectRole.TARGETED
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("person", "organization"),
                name="subject_is_person_or_organization",
                violation_error_message="Choose either a person or an organisation, not both.",
            ),
            models.UniqueConstraint(fields=["case", "person"], name="subject_person_once"),
            models.UniqueConstraint(fields=["case", "organization"], name="subject_org_once"),
        ]

    def __str__(self):
        return str(self.person or self.organization)

    @property
    def subject(self):
        return self.person or self.organization


class Engagement(SealedModel):
    """The cooperation with the UN that is said to have triggered the reprisal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="engagements")
    # PROTECT: reference data in use stays.
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, help_text="UN mechanism or actor engaged."
    )
    kind = models.CharField(max_length=32, choices=vocab.EngagementKind.choices)
    date = ApproximateDateField(blank=True, help_text=UNDATED_HELP)
    description = SealedTextField(blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date})"


class Act(SealedModel):
    """One act of intimidation or reprisal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="acts")
    # SET_NULL: removing a mistaken engagement must not erase the act.
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acts",
        help_text="The engagement that is said to have triggered this act.",
    )
    type = models.CharField(max_length=32, choices=vocab.ActType.choices)
    date = ApproximateDateField(blank=True, help_text=UNDATED_HELP)
    perpetrator_type = models.CharField(max_length=24, choices=vocab.PerpetratorType.choices)
    perpetrator = SealedTextField(
        single_line=True, max_length=300, blank=True, help_text="As the source names it."
    )
    legal_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="Law or charge cited, e.g. 'subversion of State power'.",
    )
    description = SealedTextField(blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_type_display()} ({self.date})"

    def clean(self):
        engagement = self.engagement
        if engagement is None:
            return
        if engagement.case_id and self.case_id and engagement.case_id != self.case_id:
            raise ValidationError({"engagement": "This engagement belongs to another case."})
        try:
            act_is_earlier = (
                self.date and engagement.date and surely_before(self.date, engagement.date)
            )
        except ValidationError:
            return  # a malformed date is reported on its own field
        if act_is_earlier:
            raise ValidationError(
                {
                    "date": f"The act ({self.date}) is dated before the engagement that "
                    f"supposedly triggered it ({engagement.date}). Check both dates."
                }
            )


class Intervention(SealedModel):
    """Something the UN did about the case: a letter, a press release, a report."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(max_length=24, choices=vocab.InterventionKind.choices)
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, null=True, blank=True, help_text="Who acted."
    )
    date = ApproximateDateField(blank=True, help_text=UNDATED_HELP)
    reference = models.CharField(
        max_length=100, blank=True, help_text="Document symbol or letter reference."
    )
    description = SealedTextField(blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date})"


class GovernmentResponse(SealedModel):
    """How the State answered, in a reply, a statement or by silence."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="responses")
    # SET_NULL: the answer stays on record if the intervention entry is removed.
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
        help_text="The UN action answered, if any.",
    )
    type = models.CharField(max_length=24, choices=vocab.ResponseType.choices)
    date = ApproximateDateField(blank=True, help_text=UNDATED_HELP)
    summary = SealedTextField(blank=True, help_text="What the State said, quoted where possible.")

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_type_display()} ({self.date or 'undated'})"


CITABLE = (
    "case",
    "person",
    "organization",
    "consent",
    "engagement",
    "act",
    "intervention",
    "response",
)


class Citation(SealedModel):
    """That a source supports a fact, and where in the source."""

    # PROTECT: a source that supports facts cannot vanish from under them.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = SealedTextField(
        single_line=True,
        max_length=300,
        blank=True,
        help_text="Where in the source: section, paragraph, footnote.",
    )
    # CASCADE on each: a citation lives and dies with the fact it supports.
    case = models.ForeignKey(Case, models.CASCADE, null=True, blank=True, related_name="citations")
    person = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="citations"
    )
    organization = models.ForeignKey(
        Organization, models.CASCADE, null=True, blank=True, related_name="citations"
    )
    consent = models.ForeignKey(
        Consent, models.CASCADE, null=True, blank=True, related_name="citations"
    )
    engagement = models.ForeignKey(
        Engagement, models.CASCADE, null=True, blank=True, related_name="citations"
    )
    act = models.ForeignKey(Act, models.CASCADE, null=True, blank=True, related_name="citations")
    intervention = models.ForeignKey(
        Intervention, models.CASCADE, null=True, blank=True, related_name="citations"
    )
    response = models.ForeignKey(
        GovernmentResponse, models.CASCADE, null=True, blank=True, related_name="citations"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(*CITABLE),
                name="citation_supports_one_fact",
            )
        ]

    def __str__(self):
        return f"{self.source} {self.locator}".strip()
