"""Reporting cycles (the Secretary-General's annual reports on reprisals), the
cases each report lists, the figures reports and NGOs publish, and the
States a report designates as showing patterns of reprisals.

Cycles, published figures and pattern designations are facts about
published documents: they belong to no team and are shown publicly. A
mention links a team's case to a cycle and is seen only by that team.
Figures are computed from the mentions by reporting.analysis; published
ones are kept as stated, with their source, and compared (reporting.compare).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from reprisals.cases.models import Case
from reprisals.lib.dates import ApproximateDateField
from reprisals.reference.models import State
from reprisals.reporting.vocab import RATIO_MEASURES, Measure, MentionKind
from reprisals.vault.fields import SealedTextField
from reprisals.vault.models import SealedModel

UN_SYMBOL = re.compile(r"^[A-Z]+(/[A-Za-z0-9.()-]+)+$")
SOURCE_HELP = (
    "Where this comes from: document (title, year or UN symbol) and its section, page, "
    "paragraph or footnote. Published documents only: it is shown publicly."
)


def validate_symbol(value):
    if value and not UN_SYMBOL.match(value):
        raise ValidationError(f"{value!r} is not a UN document symbol such as A/HRC/45/36.")


class ReportingCycle(models.Model):
    """One annual report of the Secretary-General on cooperation with the UN
    in the field of human rights (the "reprisals report")."""

    year = models.PositiveSmallIntegerField(
        unique=True, help_text="Year of the report, e.g. 2020 for the report of 2020."
    )
    symbol = models.CharField(
        max_length=60,
        blank=True,
        validators=[validate_symbol],
        help_text="UN document symbol, e.g. A/HRC/45/36. Empty when the source does not give it.",
    )
    title = models.CharField(max_length=300, blank=True)
    period_start = models.DateField(
        null=True, blank=True, help_text="First day of the period the report covers."
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="Last day of the period the report covers."
    )
    hrc_session = models.PositiveSmallIntegerField(
        "HRC session",
        null=True,
        blank=True,
        help_text="Human Rights Council session at which it was presented, e.g. 45.",
    )
    published_on = ApproximateDateField(
        blank=True, help_text="YYYY-MM-DD, or YYYY-MM or YYYY when only that is known."
    )
    source = models.CharField(max_length=500, blank=True, help_text=SOURCE_HELP)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"],
                condition=~Q(symbol=""),
                name="cycle_symbol_unique",
                violation_error_message="Another reporting cycle has this symbol.",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="cycle_period_in_order",
                violation_error_message="The period covered ends before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.year} report ({self.symbol})" if self.symbol else f"{self.year} report"


class MentionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Mentions of the user's teams' cases; administrators see all."""
        if user.is_superuser:
            return self
        return self.filter(case__team__members=user).distinct()


class ReportMention(SealedModel):
    """A case listed in a cycle's report: new (annex I) or follow-up (annex II)."""

    # CASCADE: a mention says something about its case only.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="report_mentions")
    # PROTECT: a report that lists cases cannot vanish from under them.
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="mentions")
    kind = models.CharField(max_length=16, choices=MentionKind.choices)
    paragraph = models.CharField(
        max_length=60, blank=True, help_text="Where the report lists it, e.g. 'annex I, para. 12'."
    )
    listed_under_symbol = models.CharField(
        max_length=60,
        blank=True,
        validators=[validate_symbol],
        help_text="The symbol under which the case is listed when it differs from the cycle's "
        "(an addendum, a case re-listed under a new symbol). Empty: the cycle's own.",
    )
    note = SealedTextField(
        blank=True, help_text="What the report says that is new about the case. Staff only."
    )
    source = models.CharField(
        max_length=500,
        blank=True,
        help_text="Where the mention is recorded, when not in the report itself (e.g. an NGO "
        "report and its section).",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["cycle__year", "case__code"]
        constraints = [
            models.UniqueConstraint(fields=["case", "cycle"], name="mention_once_per_cycle")
        ]

    def __str__(self):
        return f"{self.case.code} in the {self.cycle.year} report ({self.get_kind_display()})"


class PublishedAggregate(models.Model):
    """A figure as a report or an NGO states it, kept with its source and
    compared with what the case-level records give (reporting.compare)."""

    statement = models.TextField(help_text="The figure as the document states it, quoted.")
    measure = models.CharField(max_length=32, choices=Measure.choices)
    # PROTECT: reference data in use stays.
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The State it is about; empty for all States together.",
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_aggregates",
        help_text="The report the figure is about; or give a period of years instead.",
    )
    period_start = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First year of the reports it covers, e.g. 2010."
    )
    period_end = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last year of the reports it covers, e.g. 2020."
    )
    value = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The number stated: a count, a rank, or a percentage (79 for 79 %).",
    )
    numerator = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a ratio or percentage: e.g. 15 of '15 out of 19'."
    )
    denominator = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a ratio or percentage: e.g. 19 of '15 out of 19'."
    )
    published_by = models.CharField(max_length=200, help_text="Who states it, e.g. ISHR.")
    source = models.CharField(max_length=500, help_text=SOURCE_HELP)
    note = models.TextField(blank=True, help_text="How the figure is read, if not obvious.")

    class Meta:
        ordering = ["measure", "period_start", "cycle__year", "id"]
        verbose_name = "published figure"

    def __str__(self):
        where = self.state.iso3 if self.state_id else "all States"
        first, last = self.years
        span = first if first == last else f"{first}–{last}"
        return f"{self.measure}, {where}, {span}"

    @property
    def years(self):
        """(first, last) year of the reports the figure covers."""
        if self.cycle_id:
            return self.cycle.year, self.cycle.year
        return self.period_start, self.period_end

    def clean(self):
        errors = {}
        has_period = self.period_start is not None or self.period_end is not None
        if bool(self.cycle_id) == has_period:
            errors["cycle"] = "Give either the report (cycle) or a period of years, not both."
        elif has_period and (self.period_start is None or self.period_end is None):
            errors["period_end"] = "Give the first and the last year of the period."
        elif has_period and self.period_start > self.period_end:
            errors["period_end"] = "The period ends before it starts."
        if self.measure in RATIO_MEASURES:
            if self.numerator is None or self.denominator is None:
                errors["denominator"] = "A ratio or percentage needs its numerator and denominator."
            elif self.numerator > self.denominator:
                errors["numerator"] = "The numerator is larger than the denominator."
        elif self.value is None:
            errors["value"] = "Give the number stated."
        if errors:
            raise ValidationError(errors)


class PatternDesignation(models.Model):
    """A report's designation of a State as showing patterns of reprisals."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="pattern_designations"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=500, help_text=SOURCE_HELP)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["cycle__year", "state__iso3"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "state"], name="designation_once_per_cycle")
        ]

    def __str__(self):
        return f"{self.state.iso3}: patterns of reprisals ({self.cycle.year} report)"
