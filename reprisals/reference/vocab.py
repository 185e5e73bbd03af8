"""Vocabularies for reference data (States, bodies, mechanisms).

To amend: add a member, never rename or reuse a stored value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StateKind(models.TextChoices):
    MEMBER = "member", _("UN Member State")
    OBSERVER = "observer", _("UN non-member observer State")
    HISTORICAL = "historical", _("Historical entity (no longer exists)")
    OTHER = "other", _("Other territory with an ISO code")


class MechanismKind(models.TextChoices):
    SPECIAL_PROCEDURE = "special_procedure", _("Special Procedures mandate")
    TREATY_BODY = "treaty_body", _("Treaty body")
    UPR = "upr", _("Universal Periodic Review")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body or its subsidiary")
    OHCHR = "ohchr", _("Office of the High Commissioner (OHCHR)")
    SENIOR_OFFICIAL = "senior_official", _("Senior UN official (e.g. ASG on reprisals)")
    PERMANENT_FORUM = "permanent_forum", _("Permanent Forum or expert mechanism")
    OTHER = "other", _("Other UN actor")
