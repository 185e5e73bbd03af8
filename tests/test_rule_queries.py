"""The publication rule in SQL (reprisals/register/queries.py) agrees with the
pure rule (reprisals/register/rule.py) on generated cases: subjects with
random consent records (or none), letters of every type and precision,
withheld or not, UN publications with approximate dates, and publication
decisions, at a random `now` and at the edges where each case becomes public,
under three deployments' windows. Runs on SQLite and on PostgreSQL.
"""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reprisals.register import queries, rule
from tests.factories import (
    CaseFactory,
    CommunicationFactory,
    ConsentFactory,
    InterventionFactory,
    PublicationDecisionFactory,
    SubjectFactory,
)

UTC = datetime.UTC
MICROSECOND = datetime.timedelta(microseconds=1)
SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
WINDOWS = {  # (UA hours, AL days, OL days): the default and two odd deployments
    "default": rule.Windows(ua=48 * HOUR, al=60 * DAY, ol=60 * DAY),
    "slow": rule.Windows(ua=72 * HOUR, al=90 * DAY, ol=30 * DAY),
    "odd": rule.Windows(ua=1 * HOUR, al=1 * DAY, ol=365 * DAY),
}
EDGES = sorted({int(w.total_seconds()) for ws in WINDOWS.values() for w in vars(ws).values()})
# Seconds before `now`, often right at a window's edge.
ago = st.one_of(
    st.integers(-30 * 86400, 400 * 86400),
    st.sampled_from(EDGES).flatmap(lambda e: st.sampled_from([e - 1, e, e + 1])),
)
days_ago = st.integers(-60, 800)
consent_record = st.tuples(
    st.sampled_from(["named", "anonymous", "confidential"]),
    st.sampled_from([False, False, True]),  # withdrawn
    days_ago,  # obtained on
    st.sampled_from([10, 7, 4]),  # precision of that date: YYYY-MM-DD, YYYY-MM, YYYY
)
allowing_record = st.tuples(
    st.sampled_from(["named", "anonymous"]), st.just(False), days_ago, st.just(10)
)
# A subject's consent records (the latest counts; none: no consent), mostly allowing.
consent_records = st.one_of(st.tuples(allowing_record), st.lists(consent_record, max_size=3))
letters = st.tuples(
    st.sampled_from(["UA", "AL", "OL", "unstated"]),
    st.sampled_from(["exact", "exact", "day", "month", "year"]),
    ago,  # sent
    st.one_of(st.none(), ago),  # withheld until
)
publications = st.tuples(
    st.sampled_from(["report_mention", "press_release", "statement", "raised_at_session"]),
    days_ago,
    st.sampled_from([10, 7, 4, 0]),  # precision of the date; 0: undated
)
decisions = st.tuples(st.booleans(), ago, st.booleans())  # approved, approved at, revoked
cases = st.fixed_dictionaries(
    {
        "subjects": st.lists(consent_records, min_size=1, max_size=2),
        "letters": st.lists(letters, max_size=3),
        "publications": st.lists(publications, max_size=2),
        "decisions": st.lists(decisions, max_size=2),
    }
)


def make_case(team, spec, now, proposer, approver):
    """A case built from a generated spec, whose times are given before `now`."""

    def moment(seconds_ago):
        return now - seconds_ago * SECOND

    def date(days_ago, length):
        return (now - days_ago * DAY).date().isoformat()[:length]

    case = CaseFactory(team=team)
    for records in spec["subjects"]:
        subject = SubjectFactory(case=case)
        for level, withdrawn, obtained_days_ago, length in records:
            ConsentFactory(
                person=subject.person, level=level, obtained_on=date(obtained_days_ago, length),
                withdrawn_at=now if withdrawn else None,
            )  # fmt: skip
    for kind, precision, sent, withheld in spec["letters"]:
        CommunicationFactory(
            team=team, type=kind, sent_precision=precision, cases=[case], sent_at=moment(sent),
            withheld_until=None if withheld is None else moment(withheld),
        )  # fmt: skip
    for kind, published_days_ago, length in spec["publications"]:
        InterventionFactory(case=case, kind=kind, date=date(published_days_ago, length))
    for approved, approved_ago, revoked in spec["decisions"]:
        PublicationDecisionFactory(
            case=case, proposed_by=proposer, proposed_at=now,
            approved_by=approver if approved else None,
            approved_at=moment(approved_ago) if approved else None,
            revoked_at=now if revoked else None,
        )  # fmt: skip
    return case


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    # The fixtures (a team, two users) are made once; each example rolls back its own records.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(cases, min_size=1, max_size=4),
    now=st.datetimes(
        datetime.datetime(2019, 1, 1), datetime.datetime(2025, 12, 31), timezones=st.just(UTC)
    ),
    windows=st.sampled_from(list(WINDOWS.values())),
)
def test_the_sql_and_the_pure_rule_agree_on_every_case(team, documenter, reviewer, specs, now,
                                                        windows):  # fmt: skip
    """At `now`, and at the last microsecond before and the first moment each
    case becomes public, the SQL lists exactly the cases the pure rule allows."""
    with transaction.atomic():
        made = [make_case(team, spec, now, documenter, reviewer) for spec in specs]
        facts = {case.pk: queries.case_facts(case) for case in made}
        public_from = [rule.case_public_from(f, windows) for f in facts.values()]
        edges = {t + d for t in public_from if t for d in (-MICROSECOND, 0 * SECOND)}
        disagreements = []
        for moment in sorted({now} | edges):
            by_sql = set(queries.public_cases(moment, windows).values_list("pk", flat=True))
            by_rule = {pk for pk, f in facts.items() if rule.case_is_public(f, moment, windows)}
            if by_sql != by_rule:
                disagreements.append((moment, by_sql, by_rule))
        transaction.set_rollback(True)

    event(f"public at now: {sum(1 for t in public_from if t and t <= now)} of {len(made)}")
    assert not disagreements
