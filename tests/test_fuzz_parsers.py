"""Fuzzing the text parsers and the API's query parameters: random text,
near-valid text (valid text with small edits), hostile characters. A parser
either returns a value whose normal form parses back to it, or raises its own
clear error; nothing else. The API answers 200 or a 422 in its error shape.

To fuzz another text parser, add it to PARSERS with a strategy for its valid
texts: it then gets random text and edits of valid texts, and the round trip
is checked. The JSON importer is fuzzed in test_fuzz_importer.py, the intake
form in test_fuzz_intake.py; their shared strategies are in tests/fuzz.py.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_from_bytes

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from reprisals.api.auth import issue_token
from reprisals.cases.models import Case
from reprisals.cases.vocab import ActType, CaseStatus
from reprisals.communications.references import Reference, parse_reference
from reprisals.diplomacy.symbols import parse_symbol
from reprisals.lib.dates import bounds, surely_before
from reprisals.reference.models import State
from tests.fuzz import ISO3, fuzz_settings, hostile_text, near, valid_dates, valid_references


def date_text(first_and_last):
    """The normal form of an approximate date: the text of the period it spans."""
    first, last = first_and_last
    if first == last:
        return first.isoformat()
    return first.isoformat()[: 7 if first.month == last.month else 4]


@dataclass(frozen=True)
class TextParser:
    parse: Callable  # text -> value, or ValidationError with `error_code`
    text_of: Callable  # value -> its normal form
    valid: st.SearchStrategy  # valid texts
    error_code: str
    strict: bool  # whether a valid text is already in normal form


numbered = st.integers(1, 80).map(str)
session = numbered | st.integers(1, 30).map("S-{}".format)
number = st.integers(1, 99_999)
suffixes = st.lists(
    st.tuples(st.sampled_from(["Rev", "Add", "Corr"]), st.integers(1, 9)),
    max_size=2,
    unique_by=lambda suffix: suffix[0],  # each at most once
).map(lambda found: "".join(f"/{name}.{k}" for name, k in found))
valid_symbols = st.one_of(
    st.builds("A/HRC/RES/{}/{}".format, session, number),
    st.builds("A/HRC/DEC/{}/{}".format, session, number),
    st.builds("A/RES/{}/{}".format, session, number),
    st.builds("R/{}/{}".format, numbered, number),  # Voeten's roll calls
    st.builds(
        "{}/{}/{}{}{}".format,
        st.sampled_from(["A/HRC", "A"]),
        session,
        st.sampled_from(["L.", ""]),
        number,
        suffixes,
    ),
)

PARSERS = {
    "communication reference": TextParser(
        parse_reference, str, valid_references, "invalid_reference", strict=False
    ),
    "approximate date": TextParser(bounds, date_text, valid_dates, "invalid_date", strict=True),
    "UN document symbol": TextParser(
        parse_symbol, str, valid_symbols, "invalid_symbol", strict=False
    ),
}
parser_input = st.one_of(
    hostile_text,
    *(parser.valid for parser in PARSERS.values()),
    *(near(parser.valid) for parser in PARSERS.values()),
)


def parse_or_clear_error(parser, text):
    """The parsed value, or None after checking the error is the parser's own."""
    try:
        value = parser.parse(text)
    except ValidationError as error:
        assert error.code == parser.error_code
        assert error.messages and all(message.strip() for message in error.messages)
        return None
    normal = parser.text_of(value)
    assert parser.parse(normal) == value
    if parser.strict:
        assert normal == text
    return value


@pytest.mark.parametrize("name", PARSERS)
@fuzz_settings(300)
@given(text=parser_input)
@example(text="2013\n")  # was a valid date: the pattern ended in "$"
@example(text="2013-00")  # was 2013: month 0 was taken for "no month"
@example(text="2013-05-00")  # was May 2013
@example(text="AL CHN ٤/2021")  # other scripts' digits are read as their value
def test_a_parser_returns_a_value_that_round_trips_or_its_own_error(name, text):
    parse_or_clear_error(PARSERS[name], text)


@pytest.mark.parametrize("name", PARSERS)
@fuzz_settings(100)
@given(data=st.data())
def test_a_parser_accepts_every_valid_text(name, data):
    parser = PARSERS[name]
    assert parse_or_clear_error(parser, data.draw(parser.valid)) is not None


# -- communication references --------------------------------------------------


@fuzz_settings(200)
@given(
    kind=st.sampled_from(["UA", "AL", "OL"]),
    addressee=st.sampled_from([*ISO3, "OTH"]),
    number=st.integers(1, 9999),
    year=st.integers(1945, 2100),
    space=st.sampled_from([" ", "  ", "\t", " \n "]),
    lower=st.booleans(),
)
def test_a_reference_is_read_whatever_its_case_and_spacing(
    kind, addressee, number, year, space, lower
):
    text = space.join([kind, addressee, f"{number}/{year}"])
    assert parse_reference(text.lower() if lower else text) == Reference(
        kind, addressee, number, year
    )


@fuzz_settings(200)
@given(number=st.integers(), year=st.integers())
def test_a_reference_refuses_numbers_out_of_range(number, year):
    text = f"AL CHN {number}/{year}"
    if 1 <= number <= 9999 and 1945 <= year <= 2100:
        assert parse_reference(text).number == number
    else:
        with pytest.raises(ValidationError, match="AL CHN"):
            parse_reference(text)


# -- approximate dates ------------------------------------------------------------


@fuzz_settings(300)
@given(a=valid_dates, b=valid_dates)
def test_text_order_is_date_order(a, b):
    """Text order is the order of (first day, precision): a month sorts after its
    year and before its days, and dates of one precision sort as their days."""
    assert (a < b) == ((bounds(a)[0], len(a)) < (bounds(b)[0], len(b)))
    if len(a) == len(b):
        assert (a < b) == (bounds(a)[0] < bounds(b)[0])
    if surely_before(a, b):
        assert a < b


@fuzz_settings(300)
@given(text=valid_dates)
@example(text="0001")
@example(text="9999-12-31")
def test_a_date_spans_exactly_its_period(text):
    first, last = bounds(text)
    assert first <= last
    assert first.isoformat().startswith(text) and last.isoformat().startswith(text)
    if first > datetime.date.min:
        assert not (first - datetime.timedelta(days=1)).isoformat().startswith(text)
    if last < datetime.date.max:
        assert not (last + datetime.timedelta(days=1)).isoformat().startswith(text)


# -- case codes -----------------------------------------------------------------

valid_codes = st.integers(0, 999).map("2019-CHN-{:03d}".format)


@pytest.mark.django_db
@fuzz_settings(150)
@given(code=st.one_of(hostile_text, valid_codes, near(valid_codes)))
@example(code="2019-CHN-003\n")
def test_a_case_code_is_accepted_only_in_its_form(team, code):
    """`\\d` below, not [0-9]: see the expected failure that follows."""
    case = Case(team=team, state=State.objects.get(iso3="CHN"), opened_on="2019", title="T")
    case.code = code
    try:
        case.full_clean()
    except ValidationError as error:
        assert set(error.message_dict) == {"code"}
        assert all(message.strip() for message in error.message_dict["code"])
    else:
        assert re.fullmatch(r"2019-CHN-\d{3}", code)


@pytest.mark.django_db
@pytest.mark.parametrize("digit", ["٣", "３", "߃"])  # Arabic-Indic, fullwidth, N'Ko
def test_a_case_code_has_ascii_digits_only(team, digit):
    case = Case(team=team, state=State.objects.get(iso3="CHN"), opened_on="2019", title="T")
    case.code = f"2019-CHN-00{digit}"
    with pytest.raises(ValidationError):
        case.full_clean()


# -- the API's query parameters ---------------------------------------------------

LISTS = {
    "/api/v1/cases": ["q", "state", "year", "act_type", "mechanism", "status"],
    "/api/v1/communications": ["state"],
    "/api/v1/staff/cases": ["state"],
    "/api/v1/staff/communications": ["state", "overdue"],
}
VALID_VALUES = {
    "q": st.text(max_size=30) | st.sampled_from(["Li Wei", "China detention", "Jiang*"]),
    "state": st.sampled_from(["CHN", "RUS", "OTH"]),
    "year": st.integers(1900, 2100).map(str),
    "act_type": st.sampled_from(ActType.values),
    "mechanism": st.sampled_from(["upr", "hrc", "sr-extreme-poverty"]),
    "status": st.sampled_from(CaseStatus.values),
    "overdue": st.sampled_from(["true", "false", "1", "0"]),
    "page": st.integers(1, 3).map(str),
    "per_page": st.integers(1, 100).map(str),
    "unknown": st.just("1"),
}


def query_value(name, valid_only):
    """Bytes: a valid value, or else an edited one, hostile text or any bytes."""
    valid = VALID_VALUES[name].map(str.encode)
    if valid_only:
        return valid
    text = st.one_of(near(VALID_VALUES[name]), hostile_text)
    return st.one_of(valid, text.map(lambda value: value.encode("utf-8", "surrogatepass")),
                     st.binary(max_size=9))  # fmt: skip


@pytest.fixture
def api_client(client, demo_documenter):
    _, token = issue_token(demo_documenter, name="fuzz", actor=None)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.mark.django_db
@fuzz_settings(150)
@given(
    path=st.sampled_from(sorted(LISTS)),
    data=st.data(),
)
def test_the_api_answers_any_query_with_results_or_a_422(api_client, path, data):
    valid_only = data.draw(st.booleans())
    names = [*LISTS[path], "page", "per_page", *([] if valid_only else ["unknown"])]
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=4))  # repeats too
    query_string = "&".join(
        f"{name}={quote_from_bytes(data.draw(query_value(name, valid_only)))}" for name in chosen
    )

    response = api_client.get(f"{path}?{query_string}")

    assert response.status_code in (200, 422), response.content[:300]
    if response.status_code == 422:
        assert set(response.json()["error"]["fields"]) <= set(names)
