"""Parsing communication references such as `AL CHN 4/2021`.

Special Procedures number their letters per type, addressee and year:
`<type> <ISO alpha-3 or OTH> <number>/<year>`. `OTH` is used for addressees
that are not States (companies, armed groups, intergovernmental bodies).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_REFERENCE = re.compile(r"^(UA|AL|OL) ([A-Z]{3}) ([1-9]\d{0,3})/(\d{4})$")


@dataclass(frozen=True)
class Reference:
    type: str
    addressee: str  # ISO alpha-3, or "OTH"
    number: int
    year: int

    def __str__(self):
        return f"{self.type} {self.addressee} {self.number}/{self.year}"


def parse_reference(text):
    """Parse a reference; raise ValidationError saying what is wrong."""
    cleaned = " ".join(str(text).split()).upper()
    match = _REFERENCE.match(cleaned)
    if not match:
        raise ValidationError(
            f"{text!r} is not a communication reference: write TYPE ADDRESSEE NUMBER/YEAR, "
            "e.g. AL CHN 4/2021 (TYPE is UA, AL or OL; ADDRESSEE an ISO code or OTH)",
            code="invalid_reference",
        )
    kind, addressee, number, year = match.groups()
    if not 1945 <= int(year) <= 2100:
        raise ValidationError(f"{text!r}: {year} is not a plausible year", code="invalid_reference")
    return Reference(kind, addressee, int(number), int(year))
