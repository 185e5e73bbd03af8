"""Letters to States: references, validation, reply deadlines, import."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from reprisals.cases.importer import import_cases
from reprisals.communications.models import Communication, Reply, latest_possible
from reprisals.communications.references import parse_reference
from reprisals.lib.problems import InputProblems
from reprisals.reference.models import State
from tests.factories import CaseFactory, MechanismFactory

UTC = datetime.UTC


@pytest.mark.parametrize(
    "text, parts",
    [
        ("AL CHN 4/2021", ("AL", "CHN", 4, 2021)),
        ("UA BRA 2/2017", ("UA", "BRA", 2, 2017)),
        ("OL OTH 12/2020", ("OL", "OTH", 12, 2020)),
        ("  al  chn 4/2021 ", ("AL", "CHN", 4, 2021)),
    ],
)
def test_it_parses_references(text, parts):
    reference = parse_reference(text)
    assert (reference.type, reference.addressee, reference.number, reference.year) == parts
    assert str(reference) == "{} {} {}/{}".format(*parts)


@pytest.mark.parametrize("text", ["AL CHN 4-2021", "XX CHN 4/2021", "AL CH 4/2021",
                                  "AL CHN 0/2021", "AL CHN 4/1800", "", "AL CHN 4/21"])  # fmt: skip
def test_it_refuses_malformed_references_saying_how_to_write_them(text):
    with pytest.raises(ValidationError) as raised:
        parse_reference(text)
    assert (
        "AL CHN 4/2021" in raised.value.messages[0] or "plausible year" in raised.value.messages[0]
    )


def letter(team, **fields):
    values = {
        "team": team,
        "type": "AL",
        "reference": "AL CHN 4/2021",
        "addressee": State.objects.get(iso3="CHN"),
        "sent_at": datetime.datetime(2021, 5, 3, 9, 0, tzinfo=UTC),
        "subject": "Alleged detention of a defender",
    }
    values.update(fields)
    return Communication(**values)


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"type": "UA"}, "type", "The reference says AL but the type is UA"),
        ({"addressee": None, "addressee_other": ""}, "addressee", "Name the State addressed"),
        ({"reference": "AL RUS 4/2021"}, "addressee", "names RUS, the addressee is CHN"),
        ({"sent_at": datetime.datetime(2022, 3, 1, tzinfo=UTC)}, "sent_at", "numbered in 2021"),
        ({"withheld_until": datetime.datetime(2022, 1, 1, tzinfo=UTC)}, "withhold_reason",
         "Say why"),
    ],
)  # fmt: skip
def test_it_explains_inconsistent_letters(team, fields, field, message):
    with pytest.raises(ValidationError) as raised:
        letter(team, **fields).full_clean()
    assert message in " ".join(raised.value.message_dict[field])


def test_it_normalises_the_reference(team):
    draft = letter(team, reference="al  chn 4/2021")
    draft.full_clean()
    assert draft.reference == "AL CHN 4/2021"


def test_it_numbers_by_the_office_year(team):
    # 00:30 in Geneva on 1 January 2022 is still 2021 in UTC.
    sent = datetime.datetime(2021, 12, 31, 23, 30, tzinfo=UTC)
    letter(team, reference="AL CHN 1/2022", sent_at=sent).full_clean()


def test_it_computes_the_last_possible_sending_moment_in_the_office_calendar():
    geneva = ZoneInfo("Europe/Zurich")
    moment = datetime.datetime(2019, 4, 1, tzinfo=geneva)
    last_microsecond = datetime.timedelta(microseconds=1)
    assert latest_possible(moment, "exact") == moment
    assert latest_possible(moment, "day") == (
        datetime.datetime(2019, 4, 2, tzinfo=geneva) - last_microsecond
    )
    assert latest_possible(moment, "month") == (
        datetime.datetime(2019, 5, 1, tzinfo=geneva) - last_microsecond
    )
    december = datetime.datetime(2019, 12, 5, tzinfo=geneva)
    assert latest_possible(december, "month") == (
        datetime.datetime(2020, 1, 1, tzinfo=geneva) - last_microsecond
    )
    assert latest_possible(moment, "year") == (
        datetime.datetime(2020, 1, 1, tzinfo=geneva) - last_microsecond
    )
    # The last day of March 2021 is 23 hours long in Geneva (DST began).
    assert latest_possible(datetime.datetime(2021, 3, 28, 12, tzinfo=geneva), "day") == (
        datetime.datetime(2021, 3, 28, 21, 59, 59, 999999, tzinfo=UTC)
    )


def test_it_shows_a_reply_overdue_after_sixty_days_until_answered(team):
    sent = letter(team)
    sent.save()
    due = sent.sent_at + datetime.timedelta(days=60)
    assert sent.reply_due_at == due
    assert not sent.is_overdue(due)
    assert sent.is_overdue(due + datetime.timedelta(seconds=1))
    Reply.objects.create(communication=sent, received_on=datetime.date(2021, 8, 1),
                         response_type="denied")  # fmt: skip
    assert not sent.is_overdue(due + datetime.timedelta(days=1))


def test_it_refuses_a_reply_dated_before_the_letter(team):
    sent = letter(team)
    sent.save()
    reply = Reply(communication=sent, received_on=datetime.date(2021, 5, 1), response_type="denied")
    with pytest.raises(ValidationError) as raised:
        reply.full_clean()
    assert "dated before the letter was sent" in raised.value.message_dict["received_on"][0]


def document(**letter_fields):
    item = {
        "reference": "UA CHN 7/2021",
        "type": "UA",
        "addressee": "CHN",
        "mandates": ["sr-hrd"],
        "cases": ["2021-CHN-001"],
        "sent_at": "2021-06-01T10:00:00+02:00",
        "subject": "Detention of a defender",
        "replies": [{"received_on": "2021-07-01", "response_type": "lawful_investigation"}],
    }
    item.update(letter_fields)
    # The letter's mandate is a mechanism already on file (MechanismFactory):
    # a file may refer to a shared mechanism by its key alone.
    return {"format": "reprisals-cases/1", "communications": [item]}


def test_it_imports_letters_idempotently(team):
    MechanismFactory(key="sr-hrd")
    CaseFactory(team=team, code="2021-CHN-001", opened_on="2021")
    import_cases(document(), team=team)
    import_cases(document(), team=team)
    sent = Communication.objects.get()
    assert sent.sent_at == datetime.datetime(2021, 6, 1, 8, 0, tzinfo=UTC)  # stored in UTC
    assert sent.sent_precision == "exact"
    assert [c.code for c in sent.cases.all()] == ["2021-CHN-001"]
    assert [m.key for m in sent.mandates.all()] == ["sr-hrd"]
    assert sent.replies.count() == 1


@pytest.mark.parametrize(
    "fields, place, message",
    [
        ({"sent_at": "2021-06-01T10:00:00"}, "sent_at", "has no time zone"),
        ({"sent_at": "June 2021"}, "sent_at", "is not a date"),
        ({"addressee": "XYZ"}, "addressee", "unknown State code 'XYZ'"),
        ({"cases": ["2021-CHN-404"]}, "cases", "no case '2021-CHN-404'"),
        ({"reference": "UA CHN 7-2021"}, "reference", "is not a communication reference"),
        ({"type": "UA", "reference": "AL CHN 7/2021"}, "type", "The reference says AL"),
    ],
)
def test_it_reports_bad_letters_and_imports_nothing(team, fields, place, message):
    MechanismFactory(key="sr-hrd")
    CaseFactory(team=team, code="2021-CHN-001", opened_on="2021")
    with pytest.raises(InputProblems) as raised:
        import_cases(document(**fields), team=team)
    problems = raised.value.problems
    assert any(where.startswith("communications[0]") and where.endswith(place)
               and message in text for where, text in problems), problems  # fmt: skip
    assert not Communication.objects.exists()


def test_it_dates_approximate_letters_with_their_precision(team):
    MechanismFactory(key="sr-hrd")
    CaseFactory(team=team, code="2021-CHN-001", opened_on="2021")
    import_cases(document(sent_at="2021-06", reference=""), team=team)
    sent = Communication.objects.get()
    assert sent.sent_precision == "month"
    geneva = ZoneInfo("Europe/Zurich")
    assert sent.sent_at == datetime.datetime(2021, 6, 1, tzinfo=geneva)
    assert sent.latest_sent_at == datetime.datetime(2021, 7, 1, tzinfo=geneva) - (
        datetime.timedelta(microseconds=1)
    )
