"""Vocabularies of reporting: how a report lists a case, and what a
published figure measures.

To amend: add a member (never rename or reuse a stored value) and a
migration. Each `Measure` is computed by reporting.compare from the
functions of reporting.analysis; a new measure needs its computation there.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MentionKind(models.TextChoices):
    NEW = "new", _("New case (annex I)")
    FOLLOW_UP = "follow_up", _("Follow-up of a case reported earlier (annex II)")


class Measure(models.TextChoices):
    """What a figure counts; the definitions are those of reporting.analysis."""

    CASES_FIRST_REPORTED = "cases_first_reported", _("Distinct cases first reported")
    NEW_CASES = "new_cases", _("Cases listed as new (annex I)")
    FOLLOW_UP_CASES = "follow_up_cases", _("Cases listed for follow-up (annex II)")
    MENTIONS = "mentions", _("Mentions (a case counts once per report listing it)")
    REPORTS_CITING = "reports_citing", _("Reports citing the State, of the reports of the period")
    FOLLOW_UP_RATE = "follow_up_rate", _("Follow-up rate (followed up ÷ first reported)")
    RANK = "rank", _("Rank by distinct cases first reported (1 = most)")
    RANK_FOLLOW_UP = "rank_follow_up", _("Rank by cases listed for follow-up (1 = most)")
    PERSISTENT_CASES = "persistent_cases", _("Cases listed in four or more reports")
    STATES_CITED = "states_cited", _("States with at least one case listed")
    PATTERN_DESIGNATION = (
        "pattern_designation",
        _("Patterns of reprisals: reports designating the State, or States designated"),
    )


RATIO_MEASURES = {Measure.REPORTS_CITING, Measure.FOLLOW_UP_RATE}
