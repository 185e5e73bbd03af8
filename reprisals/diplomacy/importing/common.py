"""What the importers share: sources, States by code, dates, symbols with
their documented repairs, writing votes, fresh planner statistics, and the
final audit entry."""

import datetime
import hashlib
import re
from contextlib import contextmanager

from django.db import connection, transaction

from reprisals.audit.log import record
from reprisals.diplomacy.importing.sync import insert_rows
from reprisals.diplomacy.models import (
    Count,
    Document,
    Membership,
    Motion,
    Source,
    ThemeTag,
    Vote,
    VoteEvent,
)
from reprisals.diplomacy.symbols import SymbolError, parse_symbol
from reprisals.reference.models import State


def ensure_source(dataset, file, *, url="", note=""):
    source, _ = Source.objects.update_or_create(
        dataset=dataset, file=file, defaults={"url": url, "note": note}
    )
    return source


def state_ids_by_iso3():
    return dict(State.objects.values_list("iso3", "pk"))


def read_date(text, separator):
    """A date written YYYY<sep>MM<sep>DD exactly, or None."""
    match = re.fullmatch(rf"([0-9]{{4}}){separator}([0-9]{{2}}){separator}([0-9]{{2}})", text)
    try:
        return datetime.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def read_symbol(raw, repairs):
    """(Symbol, note) for a symbol as a source writes it. `repairs` lists
    (pattern, replacement, note) for a dataset's known slips, tried only
    when the text as written is not a symbol; SymbolError if none fits."""
    try:
        return parse_symbol(raw), ""
    except SymbolError:
        for pattern, replacement, note in repairs:
            if re.fullmatch(pattern, raw):
                return parse_symbol(re.sub(pattern, replacement, raw)), note
        raise


def refresh_statistics():
    """ANALYZE the tables an import fills (PostgreSQL). With the statistics of
    near-empty tables the planner joins tens of thousands of new votes by
    nested loops, and a plain join then takes minutes until autovacuum
    catches up."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in FILLED)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def audit_import(actor, action, source, tally):
    """One audit entry per import run, on the dataset's main source file."""
    record(actor, action, source, fields=tally.changed)


# The tables the importers fill, analysed after each import (PostgreSQL).
FILLED = (Document, Motion, VoteEvent, Vote, Count, Membership, ThemeTag)
VOTE_CHUNK = 500  # vote events whose votes are compared with the database at once
VOTE_COLUMNS = ("vote_event_id", "state_id", "voter_name", "option", "raw", "source_id", "line")


@contextmanager
def keys_checked_at_the_end():
    """One transaction whose foreign keys are checked once, before it commits.

    SQLite otherwise looks up the three foreign keys of each of ~870,000
    votes as it goes in (a fifth of the General Assembly import); it checks
    them only outside a transaction, so this must open the outermost one to
    gain anything. PostgreSQL's keys are deferred to the commit anyway."""
    with connection.constraint_checks_disabled(), transaction.atomic():
        yield
        connection.check_constraints([model._meta.db_table for model in FILLED])


def votes_digest(rows):
    """A digest of a vote event's votes, (state_id, voter_name, option, raw,
    source_id, line) each, in the order given: the same rows in another
    order only cost a comparison with the stored votes."""
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def write_votes(by_event, *, tally, step):
    """Write {vote_event_id: [(state_id, voter_name, option, raw, source_id,
    line)]}, comparing a chunk of vote events at a time with what is stored;
    a vote stored from another source is left as it is.

    A vote event whose stored votes are exactly the ones written keeps their
    digest (VoteEvent.votes_digest): a re-import skips the events whose
    digest is the same, without reading their votes back.

    New votes go in with COPY (PostgreSQL) or the driver's executemany
    (SQLite) rather than bulk_create: for ~870,000 rows of integers and short
    codes, building a model instance and its SQL per row took four fifths of
    the import's time on SQLite (117 s against 27 s)."""
    event_ids = sorted(by_event)
    for at in range(0, len(event_ids), VOTE_CHUNK):
        chunk = event_ids[at : at + VOTE_CHUNK]
        step.advance(sum(len(by_event[event_id]) for event_id in chunk))
        wanted = {event_id: votes_digest(by_event[event_id]) for event_id in chunk}
        kept = VoteEvent.objects.filter(pk__in=chunk).values_list("pk", "votes_digest")
        chunk = [pk for pk, digest in kept if digest != wanted[pk]]
        stored = {
            (event_id, state_id, name): (pk, values)
            for pk, event_id, state_id, name, *values in Vote.objects.filter(
                vote_event_id__in=chunk
            ).values_list("pk", *VOTE_COLUMNS).order_by()
        }
        new, changed, exact = [], [], set(chunk)
        for event_id in chunk:
            for state_id, name, *values in by_event[event_id]:
                found = stored.pop((event_id, state_id, name), None)
                if found is None:
                    new.append((event_id, state_id, name, *values))
                elif found[1] != values and found[1][2] == values[2]:
                    row = (event_id, state_id, name, *values)
                    changed.append(Vote(pk=found[0], **dict(zip(VOTE_COLUMNS, row, strict=True))))
                elif found[1] != values:
                    exact.discard(event_id)  # a vote of another source is kept
        exact -= {event_id for event_id, _, _ in stored}  # votes beyond the wanted ones
        insert_rows(Vote, VOTE_COLUMNS, new)
        Vote.objects.bulk_update(changed, ["option", "raw", "line"], batch_size=1000)
        digests = [(wanted[pk] if pk in exact else "", pk) for pk in chunk]
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE diplomacy_voteevent SET votes_digest = %s WHERE id = %s",
                               digests)  # fmt: skip
        tally.add("vote", len(new), len(changed))
