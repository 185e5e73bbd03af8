"""What the analysis functions return: frozen dataclasses of plain values
(str, int, tuples), each figure with the records it was computed from.

`as_data(rows)` turns them into JSON-ready dicts and lists. See
reprisals/reporting/README.md for every field.
"""

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, order=True)
class MentionRef:
    """One mention: the case (its code) listed in the report of `year`."""

    case: str
    year: int
    kind: str  # "new" (annex I) or "follow_up" (annex II)


@dataclass(frozen=True)
class Tally:
    """A count and what it counts: `cases` are the codes of the cases counted
    (sorted, each once); for a count of mentions, `mentions` lists each one,
    so `n` may exceed the number of cases."""

    n: int
    cases: tuple[str, ...] = ()
    mentions: tuple[MentionRef, ...] = ()

    @classmethod
    def of_cases(cls, codes):
        codes = tuple(sorted(set(codes)))
        return cls(len(codes), codes)

    @classmethod
    def of_mentions(cls, mentions):
        mentions = tuple(sorted(set(mentions)))
        return cls(len(mentions), tuple(sorted({m.case for m in mentions})), mentions)


def half_up_percent(numerator, denominator):
    """The whole percentage, rounded half up (12.5 → 13, 78.9… → 79);
    None when there is nothing to divide by. Decimal arithmetic, so a half is
    exactly a half and never rounded to even."""
    if not denominator:
        return None
    exact = Decimal(100 * numerator) / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Ratio:
    """A ratio that always carries its numerator and denominator."""

    numerator: int
    denominator: int
    percent: int | None  # half_up_percent(numerator, denominator)

    @classmethod
    def of(cls, numerator, denominator):
        return cls(numerator, denominator, half_up_percent(numerator, denominator))

    def __str__(self):
        shown = "—" if self.percent is None else f"{self.percent} %"
        return f"{shown} ({self.numerator} of {self.denominator})"


@dataclass(frozen=True)
class YearRow:
    """One State in one year. `first_reported` counts distinct cases whose
    first mention is in this year's report; `new` and `follow_up` the cases
    the report lists in annex I and annex II (a case re-listed as new is in
    `new` again, not in `first_reported`); `mentions` all its listings."""

    state: str
    state_name: str
    year: int
    report: bool  # whether a report of this year is on record
    symbol: str  # its UN symbol; "" when unknown or when there is no report
    first_reported: Tally
    new: Tally
    follow_up: Tally
    mentions: Tally


@dataclass(frozen=True)
class RankRow:
    rank: int | None  # standard competition ranking (1, 2, 2, 4); None: not ranked
    state: str
    state_name: str
    value: Tally


@dataclass(frozen=True)
class CitingRow:
    state: str
    state_name: str
    reports: Ratio  # reports citing the State, out of the reports of the period
    citing: tuple[int, ...]  # years of the reports that cite it
    not_citing: tuple[int, ...]
    cases: tuple[str, ...]  # the cases listed in those reports


@dataclass(frozen=True)
class RateRow:
    state: str
    state_name: str
    rate: Ratio  # followed up ÷ first reported in the period
    followed: tuple[str, ...]
    not_followed: tuple[str, ...]


@dataclass(frozen=True)
class PersistentCase:
    case: str
    state: str
    state_name: str
    reports: int  # how many reports of the period list it
    years: tuple[int, ...]


@dataclass(frozen=True)
class DistributionRow:
    dimension: str  # act_type, mechanism, perpetrator_type or gender
    value: str
    label: str
    count: Tally  # cases; for gender, `n` counts people and `cases` lists their cases


@dataclass(frozen=True)
class PatternRow:
    year: int
    symbol: str
    states: tuple[str, ...]  # ISO codes of the States designated (none on record: empty)
    n: int
    sources: tuple[str, ...]


def as_data(value):
    """Dataclasses, tuples and Decimals as JSON-ready dicts, lists and numbers."""
    if dataclasses.is_dataclass(value):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
