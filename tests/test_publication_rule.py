"""The publication rule at the edges of time (reprisals/register/rule.py), its
SQL twin (reprisals/register/queries.py) and what the public surfaces
(register/public.py, register/search.py) show.

Each edge is checked with the clock frozen by time_machine, as a request
would see it, and with `now` passed explicitly; the pure rule, the SQL and the
public projection must give the same answer. tests/test_rule_queries.py
checks that the SQL and the pure rule agree on generated cases.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from reprisals.cases import services as case_services
from reprisals.cases.vocab import InterventionKind
from reprisals.communications.models import Communication
from reprisals.register import public, queries, rule, search
from reprisals.register import services as register_services
from tests.factories import (
    CaseFactory,
    CommunicationFactory,
    ConsentFactory,
    InterventionFactory,
    OrganizationFactory,
    PublicationDecisionFactory,
    SubjectFactory,
)

UTC = datetime.UTC
ZURICH = ZoneInfo("Europe/Zurich")
MICROSECOND = datetime.timedelta(microseconds=1)
SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
SENT = datetime.datetime(2021, 3, 1, 12, 0, tzinfo=UTC)


def agreed_answer(ask, moment):
    """The answer of `ask(now)` at `moment`, asked with the clock frozen there
    (now read from the clock, in UTC, as a request does) and with `moment`
    passed in explicitly, in its own time zone. Every answer must be the same."""
    with time_machine.travel(moment, tick=False):
        answers = {("clock", k): v for k, v in ask(timezone.now()).items()}
    answers.update({("explicit", k): v for k, v in ask(moment).items()})
    assert len(set(answers.values())) == 1, answers
    return answers[("explicit", "rule")]


def letter_public_at(letter, moment):
    """Whether the letter is public at `moment`, by the pure rule, the SQL and
    the public projection."""
    letter = Communication.objects.get(pk=letter.pk)

    def ask(now):
        windows = rule.Windows.from_settings()
        return {
            "rule": rule.communication_is_public(queries.communication_facts(letter), now, windows),
            "sql": queries.public_communications(now).filter(pk=letter.pk).exists(),
            "page": public.public_communication(letter.pk, now) is not None,
        }

    return agreed_answer(ask, moment)


def case_public_at(case, moment):
    """Whether the case is public at `moment`, by the pure rule, the SQL and
    the public projection."""

    def ask(now):
        windows = rule.Windows.from_settings()
        return {
            "rule": rule.case_is_public(queries.case_facts(case), now, windows),
            "sql": queries.public_cases(now).filter(pk=case.pk).exists(),
            "page": public.public_case(case.code, now) is not None,
        }

    return agreed_answer(ask, moment)


def consenting_case(team, *levels):
    """A case about one person per consent level (named by default)."""
    case = CaseFactory(team=team)
    for level in levels or ("named",):
        subject = SubjectFactory(case=case)
        ConsentFactory(person=subject.person, level=level)
    return case


# -- letters: windows to the second ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "window"),
    [("UA", 48 * HOUR), ("AL", 60 * DAY), ("OL", 60 * DAY)],
    ids=["UA at 48 hours", "AL at 60 days", "OL at 60 days"],
)
def test_it_publishes_a_letter_exactly_when_its_window_ends(team, kind, window):
    letter = CommunicationFactory(team=team, type=kind, sent_at=SENT)

    assert not letter_public_at(letter, SENT)
    assert not letter_public_at(letter, SENT + window - SECOND)  # UA: 47 h 59 min 59 s
    assert letter_public_at(letter, SENT + window)


def test_it_makes_a_letter_of_unstated_type_wait_the_longest_window(team, settings):
    settings.PUBLICATION_WINDOW_OL_DAYS = 90
    letter = CommunicationFactory(team=team, type="unstated", sent_at=SENT)

    assert not letter_public_at(letter, SENT + 60 * DAY)
    assert not letter_public_at(letter, SENT + 90 * DAY - SECOND)
    assert letter_public_at(letter, SENT + 90 * DAY)


@pytest.mark.parametrize(
    ("precision", "sent_at", "next_period"),
    [
        ("day", datetime.datetime(2019, 4, 17, 8, 0), datetime.datetime(2019, 4, 18)),
        ("month", datetime.datetime(2019, 4, 1), datetime.datetime(2019, 5, 1)),
        ("month", datetime.datetime(2019, 2, 14), datetime.datetime(2019, 3, 1)),
        ("year", datetime.datetime(2019, 1, 1), datetime.datetime(2020, 1, 1)),
    ],
)
def test_it_counts_an_imprecise_sending_date_from_the_end_of_its_period(
    team, settings, precision, sent_at, next_period
):
    """Periods are those of the office's calendar (Geneva): "sent in April
    2019" counts from 2019-04-30T23:59:59.999999+02:00, i.e. 21:59:59.999999Z."""
    settings.OFFICE_TIME_ZONE = "Europe/Zurich"
    sent_at = sent_at.replace(tzinfo=ZURICH).astimezone(UTC)
    # In UTC: adding days to a Geneva time would add wall-clock days across DST.
    period_end = next_period.replace(tzinfo=ZURICH).astimezone(UTC) - MICROSECOND
    letter = CommunicationFactory(team=team, type="AL", sent_at=sent_at, sent_precision=precision)

    assert letter.latest_sent_at == period_end
    assert not letter_public_at(letter, sent_at + 60 * DAY)
    assert not letter_public_at(letter, period_end + 60 * DAY - MICROSECOND)
    assert letter_public_at(letter, period_end + 60 * DAY)


def test_it_publishes_a_withheld_letter_only_when_withholding_ends(team, reviewer):
    letter = CommunicationFactory(team=team, type="UA", sent_at=SENT)
    until = SENT + 10 * DAY
    register_services.withhold_communication(
        letter,
        until=until,
        reason="The family asked for time to leave the country.",
        actor=reviewer,
    )

    assert not letter_public_at(letter, SENT + 48 * HOUR)
    assert not letter_public_at(letter, until - SECOND)
    assert letter_public_at(letter, until)


def test_withholding_never_makes_a_letter_public_earlier(team, reviewer):
    letter = CommunicationFactory(team=team, type="AL", sent_at=SENT)
    register_services.withhold_communication(
        letter, until=SENT + DAY, reason="Set by mistake before the window ends.", actor=reviewer
    )

    assert not letter_public_at(letter, SENT + DAY)
    assert not letter_public_at(letter, SENT + 60 * DAY - SECOND)
    assert letter_public_at(letter, SENT + 60 * DAY)


@pytest.mark.parametrize(
    ("kind", "window"),
    [("UA", 72 * HOUR), ("AL", 90 * DAY), ("OL", 30 * DAY)],
)
def test_it_honours_the_windows_configured_for_the_deployment(team, settings, kind, window):
    settings.PUBLICATION_WINDOW_UA_HOURS = 72
    settings.PUBLICATION_WINDOW_AL_DAYS = 90
    settings.PUBLICATION_WINDOW_OL_DAYS = 30
    letter = CommunicationFactory(team=team, type=kind, sent_at=SENT)

    assert not letter_public_at(letter, SENT + window - SECOND)
    assert letter_public_at(letter, SENT + window)


# -- letters: daylight saving and time zones -------------------------------------------

# Clocks in Zurich went from 02:00 CET to 03:00 CEST on 28 March 2021.
SENT_BEFORE_DST = datetime.datetime(2021, 3, 27, 23, 30, tzinfo=ZURICH)  # 22:30 UTC
FORTY_EIGHT_REAL_HOURS_LATER = datetime.datetime(2021, 3, 30, 0, 30, tzinfo=ZURICH)  # 22:30 UTC


def test_an_urgent_appeal_sent_across_the_dst_change_waits_48_real_hours(team):
    letter = CommunicationFactory(team=team, type="UA", sent_at=SENT_BEFORE_DST)
    wall_clock_48_hours = datetime.datetime(2021, 3, 29, 23, 30, tzinfo=ZURICH)

    assert FORTY_EIGHT_REAL_HOURS_LATER.astimezone(UTC) - SENT_BEFORE_DST.astimezone(UTC) == (
        48 * HOUR
    )
    assert not letter_public_at(letter, wall_clock_48_hours)
    assert not letter_public_at(letter, FORTY_EIGHT_REAL_HOURS_LATER - SECOND)
    assert letter_public_at(letter, FORTY_EIGHT_REAL_HOURS_LATER)


def test_the_sql_rule_does_not_depend_on_the_time_zone_of_now(team):
    letter = CommunicationFactory(team=team, type="UA", sent_at=SENT_BEFORE_DST)

    for now in (FORTY_EIGHT_REAL_HOURS_LATER, FORTY_EIGHT_REAL_HOURS_LATER.astimezone(UTC)):
        assert not queries.public_communications(now - SECOND).filter(pk=letter.pk).exists()
        assert queries.public_communications(now).filter(pk=letter.pk).exists()


def test_the_pure_rule_does_not_depend_on_the_time_zone_of_its_facts():
    facts = rule.CommunicationFacts(type="UA", latest_sent_at=SENT_BEFORE_DST)
    windows = rule.Windows(ua=48 * HOUR, al=60 * DAY, ol=60 * DAY)

    assert rule.communication_public_from(facts, windows) == FORTY_EIGHT_REAL_HOURS_LATER


def test_it_stores_a_sending_time_given_with_an_offset_in_utc(team):
    letter = CommunicationFactory(team=team, sent_at=SENT_BEFORE_DST)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sent_at, latest_sent_at FROM communications_communication WHERE id = %s",
            [letter.pk],
        )
        raw = cursor.fetchone()
    stored = Communication.objects.get(pk=letter.pk)

    assert [str(value)[:19] for value in raw] == ["2021-03-27 22:30:00"] * 2
    assert (
        stored.sent_at
        == stored.latest_sent_at
        == datetime.datetime(2021, 3, 27, 22, 30, tzinfo=UTC)
    )
    assert stored.sent_at.utcoffset() == datetime.timedelta(0)


def test_it_checks_the_reference_year_in_the_office_time_zone(team, settings):
    settings.OFFICE_TIME_ZONE = "Europe/Zurich"
    new_year_in_geneva = datetime.datetime(2022, 1, 1, 0, 30, tzinfo=ZURICH)  # 2021 in UTC
    letter = CommunicationFactory.build(team=team, sent_at=new_year_in_geneva)

    letter.reference = "UA CHN 1/2022"
    letter.clean()
    letter.reference = "UA CHN 1/2021"
    with pytest.raises(ValidationError) as raised:
        letter.clean()
    assert "sent_at" in raised.value.message_dict

    settings.OFFICE_TIME_ZONE = "UTC"
    letter.clean()


def test_a_letter_numbered_in_2022_known_only_by_year_counts_from_the_end_of_2022(team, settings):
    settings.OFFICE_TIME_ZONE = "Europe/Zurich"
    start_of_2022_in_geneva = datetime.datetime(2022, 1, 1, tzinfo=ZURICH)
    letter = CommunicationFactory(
        team=team, type="AL", reference="AL CHN 1/2022", sent_at=start_of_2022_in_geneva,
        sent_precision="year",
    )  # fmt: skip

    letter.clean()  # the reference and the office time zone agree: 2022
    end_of_2022_in_geneva = datetime.datetime(2023, 1, 1, tzinfo=ZURICH) - MICROSECOND
    assert letter.latest_sent_at == end_of_2022_in_geneva


# -- cases ---------------------------------------------------------------------------


def test_a_case_without_consent_records_is_never_public(team):
    case = CaseFactory(team=team)
    SubjectFactory(case=case)
    CommunicationFactory(team=team, sent_at=SENT, cases=[case])

    assert not case_public_at(case, SENT + 365 * DAY)


def test_a_case_about_nobody_is_never_public(team):
    case = CaseFactory(team=team)
    CommunicationFactory(team=team, sent_at=SENT, cases=[case])

    assert not case_public_at(case, SENT + 365 * DAY)


def test_one_confidential_subject_keeps_the_whole_case_private(team):
    case = consenting_case(team, "named", "anonymous", "confidential")
    CommunicationFactory(team=team, sent_at=SENT, cases=[case])

    assert not case_public_at(case, SENT + 365 * DAY)


def test_one_withdrawn_consent_keeps_the_whole_case_private(team, documenter):
    case = consenting_case(team, "named", "anonymous")
    organisation = OrganizationFactory(team=team)
    SubjectFactory(case=case, person=None, organization=organisation)
    ConsentFactory(person=None, organization=organisation, level="named")
    CommunicationFactory(team=team, sent_at=SENT, cases=[case])
    assert case_public_at(case, SENT + 48 * HOUR)

    case_services.withdraw_consent(organisation, actor=documenter)

    assert not case_public_at(case, SENT + 365 * DAY)


def test_a_case_waits_for_its_only_letter(team):
    case = consenting_case(team, "anonymous")
    CommunicationFactory(team=team, type="UA", sent_at=SENT, cases=[case])

    assert not case_public_at(case, SENT + 48 * HOUR - SECOND)
    assert case_public_at(case, SENT + 48 * HOUR)


@pytest.mark.parametrize("kind", queries.PUBLISHED_KINDS)
@pytest.mark.parametrize(
    ("date", "next_day"),
    [("2021-09-14", "2021-09-15"), ("2021-09", "2021-10-01"), ("2021", "2022-01-01")],
)
def test_a_un_publication_makes_a_case_public_from_the_day_after_its_period(
    team, kind, date, next_day
):
    case = consenting_case(team)
    InterventionFactory(case=case, kind=kind, date=date)
    public_from = datetime.datetime.fromisoformat(next_day).replace(tzinfo=UTC)

    assert not case_public_at(case, public_from - SECOND)
    assert case_public_at(case, public_from)


@pytest.mark.parametrize(
    "kind", [InterventionKind.COMMUNICATION, InterventionKind.RAISED_AT_SESSION, "other"]
)
def test_other_un_actions_do_not_make_a_case_public(team, kind):
    case = consenting_case(team)
    InterventionFactory(case=case, kind=kind, date="2019")

    assert not case_public_at(case, SENT)


def test_a_decision_approved_by_a_second_person_makes_a_case_public(team, documenter, reviewer):
    case = consenting_case(team)
    decision = register_services.propose_publication(
        case, reason="Widely reported; the person asked for it.", actor=documenter
    )
    approved_at = datetime.datetime(2021, 5, 3, 10, 0, tzinfo=UTC)

    with time_machine.travel(approved_at, tick=False):
        register_services.approve_publication(decision, actor=reviewer)

    assert not case_public_at(case, approved_at - SECOND)
    assert case_public_at(case, approved_at)


def test_a_revoked_decision_no_longer_publishes(team, documenter, reviewer):
    case = consenting_case(team)
    decision = register_services.propose_publication(case, reason="Asked for.", actor=documenter)
    register_services.approve_publication(decision, actor=reviewer)
    assert case_public_at(case, timezone.now())

    register_services.revoke_publication(decision, actor=reviewer)

    assert not case_public_at(case, timezone.now())


def test_the_proposer_cannot_approve_their_own_decision(team, reviewer):
    case = consenting_case(team)
    decision = register_services.propose_publication(case, reason="Asked for.", actor=reviewer)

    with pytest.raises(PermissionDenied):
        register_services.approve_publication(decision, actor=reviewer)

    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationDecisionFactory(
            case=case, proposed_by=reviewer, approved_by=reviewer, approved_at=timezone.now()
        )
    assert not case_public_at(case, timezone.now() + 365 * DAY)


def test_consent_withdrawn_one_second_before_a_request_hides_the_case(team, documenter):
    case = consenting_case(team, "named")
    person = case.subjects.get().person
    CommunicationFactory(team=team, sent_at=SENT, cases=[case])
    withdrawn_at = SENT + 30 * DAY

    with time_machine.travel(withdrawn_at - SECOND, tick=False) as clock:
        assert public.public_case(case.code, timezone.now()) is not None
        assert search.search_cases(timezone.now(), q=person.name)["total"] == 1
        clock.move_to(withdrawn_at)
        case_services.withdraw_consent(person, actor=documenter)
        clock.move_to(withdrawn_at + SECOND)
        now = timezone.now()

        assert public.public_case(case.code, now) is None
        assert search.search_cases(now, q=person.name)["total"] == 0
        assert search.search_cases(now, q=case.code)["results"] == []
        assert search.search_cases(now)["total"] == 0
