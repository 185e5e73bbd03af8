"""The all-States agreement matrix of the full General Assembly dataset
through reprisals.diplomacy.agreement.agreement, against a direct NumPy
computation on the same votes read with plain sqlite3, as a ratio; checks
that both give the same matrices.

The file is imported once (`reprisals import unga-votes`, about 12 s) and
kept for later runs. The direct computation asks SQLite for (State id,
roll call id, code) rows with the codes made in SQL, fills a States × roll calls
array and counts identical, half and both-voted pairs with one matrix
product per option; the project's path builds the same array through the
ORM (diplomacy.matrix) before the same kind of arithmetic.

    .venv/bin/python bench/diplomacy_matrix.py [--db /tmp/bench-diplomacy-matrix.sqlite3]
    .venv/bin/python bench/diplomacy_matrix.py --postgres postgres://…/bench_matrix

With --postgres the same is done on that PostgreSQL database (its own: it
is migrated and the votes imported into it), the floor reading the rows
with plain psycopg.
"""

import functools
import sqlite3
import time
from pathlib import Path

import numpy
import psycopg
from common import ROOT, arguments, machine, setup_django, start_django

DATA = ROOT.parent / "shared" / "data" / "unvotes"
GA_VOTES = """
SELECT vote.state_id, vote.vote_event_id,
       CASE vote.option WHEN 'yes' THEN 1 WHEN 'no' THEN 2 WHEN 'abstain' THEN 3 ELSE 0 END
FROM diplomacy_vote AS vote
JOIN diplomacy_voteevent AS event ON event.id = vote.vote_event_id
JOIN reference_body AS body ON body.id = event.body_id
WHERE body.code = 'GA' AND vote.state_id IS NOT NULL
"""
ISO3 = "SELECT id, iso3 FROM reference_state"


def direct(connect):
    """(States, roll calls, both voted, identical, half, seconds reading)
    from the database `connect()` opens (sqlite3 or psycopg), with NumPy."""
    started = time.perf_counter()
    connection = connect()
    rows = numpy.array(connection.execute(GA_VOTES).fetchall(), dtype=numpy.int64)
    iso3 = dict(connection.execute(ISO3).fetchall())
    connection.close()
    reading = time.perf_counter() - started
    state_ids, row = numpy.unique(rows[:, 0], return_inverse=True)
    _, column = numpy.unique(rows[:, 1], return_inverse=True)
    order = numpy.argsort([iso3[pk] for pk in state_ids])  # rows by ISO code, as the project's
    row = numpy.argsort(order)[row]
    states = [iso3[state_ids[index]] for index in order]
    cells = numpy.zeros((len(states), column.max() + 1), dtype=numpy.int8)
    cells[row, column] = rows[:, 2]
    yes, no, abstain = ((cells == code).astype(numpy.float64) for code in (1, 2, 3))
    voted, sided = yes + no + abstain, yes + no
    identical = yes @ yes.T + no @ no.T + abstain @ abstain.T
    half = abstain @ sided.T + sided @ abstain.T
    return states, cells.shape[1], voted @ voted.T, identical, half, reading


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def best_of(runs, function, *args):
    """The fastest of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        seconds, result = timed(function, *args)
        times.append(seconds)
    return min(times), result


def main():
    options = arguments(__doc__.splitlines()[0], runs=(int, 3, "timed runs of each"),
                        postgres=(str, None, "a PostgreSQL URL to use instead"))  # fmt: skip
    if options.db == Path("/tmp/bench.sqlite3"):
        options.db = Path("/tmp/bench-diplomacy-matrix.sqlite3")
    if options.postgres:
        start_django(options.postgres)
        connect, floor_name = functools.partial(psycopg.connect, options.postgres), "psycopg"
    else:
        setup_django(options.db)
        connect, floor_name = functools.partial(sqlite3.connect, options.db), "sqlite3"
    from django.core.management import call_command

    from reprisals.diplomacy.agreement import agreement
    from reprisals.diplomacy.importing.unga import import_unga_votes
    from reprisals.diplomacy.models import Vote

    print(machine())
    call_command("migrate", verbosity=0)
    if Vote.objects.filter(vote_event__body__code="GA").count() != 870_109:
        seconds, _ = timed(import_unga_votes, DATA)
        print(f"imported the GA votes in {seconds:.1f} s")
    ours, result = best_of(options.runs, agreement, "GA")
    floor, (states, events, both, identical, half, reading) = best_of(
        options.runs, direct, connect
    )
    assert result.states == states
    assert numpy.array_equal(result.both_voted, both)
    assert numpy.array_equal(result.identical, identical)
    assert numpy.array_equal(result.half, half)
    with numpy.errstate(invalid="ignore"):
        lijphart = (identical + half / 2) / both
    assert numpy.allclose(result.lijphart, lijphart, equal_nan=True), "Lijphart differs"
    print(f"agreement matrix, {len(states)} States over {events} roll calls: the same from both")
    floor_label, ours_label = f"direct {floor_name} + NumPy:", "agreement.agreement('GA'):"
    print(f"{floor_label:<28}{floor:6.2f} s  (reading the rows {reading:.2f} s)")
    print(f"{ours_label:<28}{ours:6.2f} s  ({ours / floor:.2f}x the direct)")
    china = result.closest("CHN", limit=5)
    print("votes with CHN most:", ", ".join(f"{p['states'][1]} {p['share']:.3f}" for p in china))


if __name__ == "__main__":
    main()
