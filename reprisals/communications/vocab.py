"""Vocabularies of communications with States.

To amend: add a member, never rename or reuse a stored value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunicationType(models.TextChoices):
    UA = "UA", _("Urgent appeal")
    AL = "AL", _("Letter of allegation")
    OL = "OL", _("Other letter")
    # For letters known from secondary sources that do not say which kind they
    # were: published after the longest window, never earlier.
    UNSTATED = "unstated", _("Letter (type not stated by the source)")


class SentPrecision(models.TextChoices):
    """How precisely the sending time is known. The publication window runs
    from the last moment the letter may have been sent."""

    EXACT = "exact", _("Exact time")
    DAY = "day", _("Day known")
    MONTH = "month", _("Month known")
    YEAR = "year", _("Year known")
