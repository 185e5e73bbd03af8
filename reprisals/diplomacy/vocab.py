"""Vocabularies of the diplomatic record (Popolo motions and votes, Open
Civic Data sponsorships, statements and their frames).

To amend: add a member, never rename or reuse a stored value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """What a UN document symbol names (see symbols.py for the forms)."""

    HRC_RESOLUTION = "hrc_resolution", _("Human Rights Council resolution (A/HRC/RES/…)")
    HRC_DECISION = "hrc_decision", _("Human Rights Council decision (A/HRC/DEC/…)")
    HRC_DRAFT = "hrc_draft", _("Human Rights Council draft or amendment (A/HRC/<s>/L.…)")
    HRC_REPORT = "hrc_report", _("Human Rights Council document or report (A/HRC/<s>/<n>)")
    GA_RESOLUTION = "ga_resolution", _("General Assembly resolution (A/RES/…)")
    GA_DRAFT = "ga_draft", _("General Assembly draft or amendment (A/<s>/L.…)")
    GA_REPORT = "ga_report", _("General Assembly document or report (A/<s>/<n>)")


class MotionClassification(models.TextChoices):
    ADOPT_RESOLUTION = "adopt_resolution", _("Adopt a resolution")
    ADOPT_DECISION = "adopt_decision", _("Adopt a decision")
    AMENDMENT = "amendment", _("Amendment to a draft")
    PARAGRAPH = "paragraph", _("Separate vote on a paragraph")
    POINT_OF_ORDER = "point_of_order", _("Point of order")
    NO_ACTION = "no_action", _("No-action motion")
    # The General Assembly dataset codes amendments and paragraph votes only
    # until 1985: later roll calls are not classified by their source.
    UNCLASSIFIED = "unclassified", _("Not classified by the source")


class VoteOption(models.TextChoices):
    """A State's vote. "Not a member" is never an option: it follows from
    Membership, so a non-member is never counted as absent."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    ABSENT = "absent", _("Absent")
    NOT_VOTING = "not_voting", _("Present, not voting")


class VoteResult(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    ADOPTED_WITHOUT_VOTE = "adopted_without_vote", _("Adopted without a vote")
    NOT_STATED = "", _("Not stated by the source")


class ResultBasis(models.TextChoices):
    """Where a vote event's result comes from, so a computed result is never
    taken for the official one."""

    OFFICIAL = "official", _("As the official record reports it")
    COMPUTED = "computed", _("Computed by the source from its named votes (not official)")
    NOT_STATED = "", _("Not stated by the source")


class SponsorshipClassification(models.TextChoices):
    MAIN = "main", _("Main sponsor")
    CO_SPONSOR = "co_sponsor", _("Co-sponsor")
    AMENDMENT_PROPOSER = "amendment_proposer", _("Proposer of an amendment")
    # Where the source says "sponsored" without telling main from co-sponsor.
    SPONSOR = "sponsor", _("Sponsor (main or co-sponsor not stated)")


class FrameKey(models.TextChoices):
    """How a statement frames reprisals (DESIGN.md §4). Loaded into the Frame
    table by a migration; add a member here and a migration to extend it."""

    CRIMINALISATION = "criminalisation", _("Criminalisation of defenders")
    JUDICIAL_SOVEREIGNTY = "judicial_sovereignty", _("Judicial sovereignty")
    INTERFERENCE = "interference", _("Interference in internal affairs")
    ATTACK_ON_METHODOLOGY = "attack_on_methodology", _("Attack on methodology")
    SUPPORT_FOR_PRINCIPLE = "support_for_principle", _("Support for the principle")
    PROCEDURAL_OBJECTION = "procedural_objection", _("Procedural objection")
    COUNTER_ACCUSATION = "counter_accusation", _("Counter-accusation")
