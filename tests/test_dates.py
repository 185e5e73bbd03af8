"""Approximate dates (reprisals/lib/dates.py): known to the day, the month or the year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from reprisals.lib.dates import bounds, surely_before, validate_approximate_date


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2016-08-15", date(2016, 8, 15), date(2016, 8, 15)),
        ("2016-08", date(2016, 8, 1), date(2016, 8, 31)),
        ("2016-09", date(2016, 9, 1), date(2016, 9, 30)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2015-02", date(2015, 2, 1), date(2015, 2, 28)),
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),
        ("2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("2016-02-29", date(2016, 2, 29), date(2016, 2, 29)),
    ],
)
def test_it_gives_the_first_and_last_day_a_date_stands_for(text, first, last):
    assert bounds(text) == (first, last)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2019-13", "is not a real date"),
        ("2015-02-29", "is not a real date"),
        ("2016-04-31", "is not a real date"),
        ("0000", "is not a real date"),
        ("2016-8", "is not a date: write YYYY-MM-DD"),
        ("16-08-2016", "is not a date: write YYYY-MM-DD"),
        ("August 2016", "is not a date: write YYYY-MM-DD"),
        ("2016/08/15", "is not a date: write YYYY-MM-DD"),
        ("", "is not a date: write YYYY-MM-DD"),
    ],
)
def test_it_rejects_a_text_that_is_not_a_date_naming_it(text, reason):
    with pytest.raises(ValidationError) as raised:
        validate_approximate_date(text)

    [message] = raised.value.messages
    assert message.startswith(f"{text!r} {reason}")
    assert raised.value.code == "invalid_date"


def test_it_rejects_digits_other_than_ascii():
    with pytest.raises(ValidationError):
        validate_approximate_date("٢٠١٦")  # 2016 in Arabic-Indic digits


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("2016-07", "2016-08-01", True),
        ("2016-07-31", "2016-08", True),
        ("2015", "2016-01-01", True),
        ("2016-12-31", "2017", True),
        ("2016", "2016-08", False),  # "in 2016" may be September 2016
        ("2016-08", "2016", False),
        ("2016-08", "2016-08-15", False),  # same month: order unknown
        ("2016-08-15", "2016-08", False),
        ("2016-08-15", "2016-08-15", False),
        ("2016-08-16", "2016-08-15", False),
        ("2017", "2016", False),
    ],
)
def test_it_says_surely_before_only_when_every_possible_day_is_before(a, b, expected):
    assert surely_before(a, b) is expected
