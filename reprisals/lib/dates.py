"""Dates known to the day, the month or the year.

Reports often say "in September 2013" or "in 2016". Such a date is kept as
text in ISO form at the precision known — "2013-09", "2016", "2016-08-15" —
which sorts and filters like a date (text order is date order) without
pretending to know the day.
"""

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def bounds(text):
    """The first and last day an approximate date may stand for."""
    match = _PATTERN.fullmatch(str(text))  # not match(): "$" would let "2013\n" through
    if not match:
        raise ValidationError(
            f"{text!r} is not a date: write YYYY-MM-DD, or YYYY-MM if only the month is "
            "known, or YYYY if only the year is known",
            code="invalid_date",
        )
    year, month, day = match.groups()  # texts: "00" is a month given, and refused
    try:
        first = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValidationError(
            f"{text!r} is not a real date ({error})", code="invalid_date"
        ) from None
    if day:
        return first, first
    if month:
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first.replace(month=12, day=31)


def validate_approximate_date(text):
    bounds(text)


def surely_before(a, b):
    """True only if every day `a` may stand for comes before every day `b` may."""
    return bounds(a)[1] < bounds(b)[0]


class ApproximateDateField(models.CharField):
    """A date written YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("validators", [validate_approximate_date])
        kwargs.setdefault("help_text", "YYYY-MM-DD; or YYYY-MM or YYYY when only that is known.")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("max_length", 10), ("validators", [validate_approximate_date])):
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs
