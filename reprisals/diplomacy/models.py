"""The diplomatic record, in Popolo's and Open Civic Data's terms: documents
keyed by UN symbol, motions, vote events with each State's vote and the
counts a source reports, memberships of bodies, sponsorships, dissociations,
and statements with their frames.

Nothing here is personal data: States vote and speak in public. Every row
keeps where it comes from (`source`, and the `line` of the file where there
is one), and two sources that disagree are both kept: counts a source
reports are Count rows, never overwritten by the tally of named votes.

Volume: the General Assembly's roll calls alone are ~870,000 votes, so Vote
has narrow columns and the indexes the analyses need.
"""

from django.db import models
from django.db.models import Count as Tally
from django.db.models import Q

from reprisals.diplomacy.vocab import (
    DocumentKind,
    FrameKey,
    MotionClassification,
    ResultBasis,
    SponsorshipClassification,
    VoteOption,
    VoteResult,
)
from reprisals.lib.dates import ApproximateDateField
from reprisals.reference.models import Body, State


class Source(models.Model):
    """A file of a dataset that rows were imported from (`line` on each row
    says where in it), or a publication cited whole."""

    dataset = models.CharField(max_length=64, help_text="Dataset name, e.g. hrc_votes, unvotes.")
    file = models.CharField(max_length=200, help_text="File within it, e.g. votes.csv.")
    url = models.URLField(max_length=500, blank=True, help_text="Where the dataset is published.")
    note = models.TextField(blank=True, help_text="What the source is and what to beware of.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "file"], name="diplomacy_source_unique")
        ]

    def __str__(self):
        return f"{self.dataset}/{self.file}"


class Sourced(models.Model):
    # PROTECT: a row must never lose the record of where it comes from.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    line = models.PositiveIntegerField(
        null=True, blank=True, help_text="Line of the source file (first line of the record)."
    )

    class Meta:
        abstract = True


class Document(Sourced):
    symbol = models.CharField(
        max_length=60, unique=True, help_text="UN symbol in normal form (symbols.py)."
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    # PROTECT: reference bodies are not deleted while documents name them.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    session = models.CharField(max_length=8, help_text="Session: 24, S-1, ES-10.")
    title = models.TextField(blank=True, help_text="Title as the source gives it.")
    date = models.DateField(null=True, blank=True, help_text="Date of adoption or issue.")

    class Meta:
        ordering = ["symbol"]

    def __str__(self):
        return self.symbol


class Motion(Sourced):
    """A proposal put to a body (Popolo Motion); in the imported data each
    has one vote event, with the same identifier."""

    # PROTECT: bodies and documents outlive the record of what was voted on them.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    identifier = models.CharField(
        max_length=80, help_text="The source's identifier, unique in the body (symbol, rcid:N)."
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
        help_text="The document voted on (a resolution, a draft, an amendment).",
    )
    classification = models.CharField(max_length=20, choices=MotionClassification.choices)
    classification_as_recorded = models.CharField(
        max_length=40, blank=True, help_text="The source's own label or codes, as written."
    )
    title = models.TextField(blank=True, help_text="Short title, as the source gives it.")
    text = models.TextField(blank=True, help_text="What was proposed, as the source words it.")
    amends = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        help_text="For an amendment: the document it would change.",
    )
    amends_inferred = models.BooleanField(
        default=False, help_text="The amended document was inferred (by title and session)."
    )
    requirement = models.CharField(
        max_length=100, blank=True, help_text="What adoption requires, e.g. simple majority."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "identifier"], name="diplomacy_motion_unique")
        ]

    def __str__(self):
        return f"{self.body.code} {self.identifier}"


class Theme(models.Model):
    """A subject tag of roll calls, e.g. unvotes' `hr` (human rights)."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class VoteEvent(Sourced):
    # PROTECT: see Motion.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    identifier = models.CharField(max_length=80, help_text="As the motion's identifier.")
    recorded_as = models.CharField(
        max_length=80, blank=True, help_text="The symbol or id exactly as the source writes it."
    )
    # CASCADE: a vote event is the voting on its motion and goes with it.
    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="vote_event")
    date = models.DateField(null=True, blank=True)
    session = models.CharField(max_length=8, blank=True)
    result = models.CharField(max_length=24, choices=VoteResult.choices, blank=True)
    result_basis = models.CharField(max_length=10, choices=ResultBasis.choices, blank=True)
    result_note = models.CharField(max_length=300, blank=True, help_text="How `result` is known.")
    important = models.BooleanField(
        null=True, blank=True, help_text="unvotes: a US State Department 'important vote'."
    )
    agenda = models.TextField(blank=True, help_text="Agenda item, as the source gives it.")
    themes = models.ManyToManyField(Theme, through="ThemeTag", related_name="vote_events")
    votes_digest = models.CharField(
        max_length=64, blank=True, editable=False,
        help_text="Digest of the votes as an import last wrote them all (importing.common); "
        "emptied when any vote of the event is saved or deleted another way.",
    )  # fmt: skip

    class Meta:
        ordering = ["date", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "identifier"], name="diplomacy_vote_event_unique"
            )
        ]

    def __str__(self):
        return f"{self.body.code} {self.identifier}"

    def derived_counts(self):
        """{option: number} tallied from the named votes; the counts a source
        reports are the Count rows, kept apart."""
        rows = self.votes.values_list("option").annotate(n=Tally("id")).order_by()
        return dict(rows)


class ThemeTag(Sourced):
    # CASCADE: a tag belongs to its vote event.
    vote_event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE)
    # PROTECT: themes are a vocabulary.
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vote_event", "theme"], name="diplomacy_theme_tag_unique"
            )
        ]

    def __str__(self):
        return f"{self.vote_event_id}: {self.theme_id}"


class Vote(models.Model):
    """One State's vote (Popolo Vote). Narrow on purpose: ~870,000 rows."""

    # Foreign keys without their own index: the two below cover them.
    # CASCADE: votes are part of their vote event.
    vote_event = models.ForeignKey(
        VoteEvent, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    # PROTECT: reference States are not deleted while votes name them.
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty only for an entity with no State in the reference list (voter_name).",
    )
    voter_name = models.CharField(
        max_length=60, blank=True, help_text="The voter as recorded, where the State is mapped by "
        "name or not at all (e.g. Zanzibar, Federal Republic of Germany)."
    )  # fmt: skip
    option = models.CharField(max_length=10, choices=VoteOption.choices)
    raw = models.CharField(max_length=10, help_text="The vote exactly as the source codes it.")
    # PROTECT: see Sourced. No index: sources are few and never searched by.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", db_index=False)
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                # Not partial: it is also the index by vote event. Votes without
                # a State (NULL) are not compared, on SQLite and PostgreSQL alike.
                fields=["vote_event", "state"],
                name="diplomacy_vote_one_per_state",
            )
        ]
        indexes = [models.Index(fields=["state", "vote_event"], name="diplomacy_vote_by_state")]

    def __str__(self):
        return f"{self.state_id or self.voter_name}: {self.option}"


class Count(Sourced):
    """A count as the source reports it (Popolo Count)."""

    # CASCADE: counts belong to their vote event.
    vote_event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE, related_name="counts")
    option = models.CharField(max_length=10, choices=VoteOption.choices)
    value = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vote_event", "option", "source"], name="diplomacy_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.option}: {self.value}"


class Membership(Sourced):
    """A State's seat on a body for a term, from a membership list or, with
    `derived`, inferred from the votes it cast."""

    # PROTECT: reference data.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    derived = models.BooleanField(
        default=False, help_text="Inferred from recorded votes, not taken from a membership list."
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["body", "start", "state"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "body", "start", "source"], name="diplomacy_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.state_id} on {self.body_id} from {self.start}"


class Sponsorship(Sourced):
    """A State's sponsorship of a document (Open Civic Data BillSponsorship)."""

    # CASCADE: a sponsorship is part of its document's record.
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sponsorships")
    # PROTECT: reference data.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    classification = models.CharField(max_length=20, choices=SponsorshipClassification.choices)
    date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "state", "classification", "source"],
                name="diplomacy_sponsorship_unique",
            )
        ]

    def __str__(self):
        return f"{self.state_id} {self.classification} of {self.document_id}"


class Dissociation(Sourced):
    """A State dissociating itself from (part of) a text adopted by
    consensus, or from a vote's outcome."""

    # CASCADE: part of the document's or vote event's record.
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="dissociations"
    )
    vote_event = models.ForeignKey(
        VoteEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="dissociations"
    )
    # PROTECT: reference data.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="What it dissociated from, as reported.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | Q(vote_event__isnull=False),
                name="diplomacy_dissociation_from_something",
            )
        ]

    def __str__(self):
        return f"{self.state_id} dissociated on {self.date}"


class Frame(models.Model):
    """How a statement frames reprisals; the rows are FrameKey's members."""

    key = models.CharField(max_length=32, unique=True, choices=FrameKey.choices)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.name


class Statement(Sourced):
    """A State or group speaking at an event (Popolo Speech)."""

    # PROTECT: reference data.
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group_name = models.CharField(
        max_length=200, blank=True, help_text="A group speaking together, e.g. Like-Minded Group."
    )
    event = models.CharField(
        max_length=300, help_text="E.g. interactive dialogue on the reprisals report, HRC 36."
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    approximate_date = ApproximateDateField(
        blank=True, help_text="Where the day is not known: YYYY or YYYY-MM, as the source says."
    )
    language = models.CharField(max_length=16, help_text="Language spoken (BCP 47, e.g. zh).")
    text = models.TextField(blank=True, help_text="The words, where the source gives them.")
    summary = models.TextField(blank=True, help_text="A summary, where the text is not kept.")
    source_url = models.URLField(max_length=500)
    retrieved_at = models.DateTimeField(help_text="When the source URL was read.")
    frames = models.ManyToManyField(Frame, blank=True, related_name="statements")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__isnull=True, group_name=""),
                name="diplomacy_statement_has_speaker",
            ),
            models.CheckConstraint(
                condition=~Q(text="", summary=""), name="diplomacy_statement_has_content"
            ),
        ]

    def __str__(self):
        return f"{self.state_id or self.group_name} at {self.event}"


class ReportedPosition(Sourced):
    """One cell of a publication's table of who supported a motion, e.g.
    ISHR's tables of the 2017 and 2021 amendments: `supported` where the
    table marks the State, not where it leaves the cell empty. The table
    does not say whether a mark means sponsoring or voting for: it is kept as
    written, beside the recorded votes, never merged into them."""

    # CASCADE: part of the motion's record.
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="reported_positions")
    # PROTECT: reference data.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    supported = models.BooleanField()
    outcome = models.CharField(
        max_length=20, blank=True, help_text="The motion's outcome as the table writes it."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "state", "source"], name="diplomacy_reported_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.state_id} {'supported' if self.supported else '-'} {self.motion_id}"


def _votes_changed(sender, instance, **kwargs):
    """A vote written outside the importers' write_votes: its event's digest
    no longer says what is stored."""
    VoteEvent.objects.filter(pk=instance.vote_event_id).exclude(votes_digest="").update(
        votes_digest=""
    )


models.signals.post_save.connect(_votes_changed, sender=Vote)
models.signals.post_delete.connect(_votes_changed, sender=Vote)
