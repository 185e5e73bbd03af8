"""The full General Assembly import (870,109 votes) against a plain sqlite3
bulk import of the same rows, as a ratio; then a re-import (nothing
changes) and the vote matrix of all States × roll calls.

The floor reads the same gzip file with the csv module, maps country codes
with a dict made beforehand, and inserts with executemany into a table like
diplomacy_vote (same columns, same two indexes) in one transaction. It
checks nothing and writes no documents, motions or vote events, so the
ratio is an upper bound on what the importer's own work costs.

    .venv/bin/python bench/diplomacy_import.py [--db /tmp/bench-diplomacy.sqlite3]
"""

import csv
import gzip
import io
import sqlite3
import time
from pathlib import Path

from common import ROOT, arguments, machine, setup_django

DATA = ROOT.parent / "shared" / "data" / "unvotes"
PLAIN_SCHEMA = """
CREATE TABLE vote (id INTEGER PRIMARY KEY, vote_event_id INTEGER NOT NULL, state_id INTEGER,
    voter_name TEXT NOT NULL, option TEXT NOT NULL, raw TEXT NOT NULL,
    source_id INTEGER NOT NULL, line INTEGER);
CREATE UNIQUE INDEX vote_one_per_state ON vote (vote_event_id, state_id);
CREATE INDEX vote_by_state ON vote (state_id, vote_event_id);
"""


def plain_import(path, states):
    """Read unvotes.csv.gz and insert its rows; returns the seconds taken."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.executescript(PLAIN_SCHEMA)
    text = gzip.decompress((DATA / "unvotes.csv.gz").read_bytes()).decode()
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    rows = (
        (int(rcid), states.get(code), "" if code else country, vote, vote, 1, line)
        for line, (rcid, country, code, vote) in enumerate(reader, 2)
    )
    with connection:
        connection.executemany(
            "INSERT INTO vote (vote_event_id, state_id, voter_name, option, raw, source_id, line)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    count = connection.execute("SELECT count(*) FROM vote").fetchone()[0]
    connection.close()
    assert count == 870_109, count
    return time.perf_counter() - started


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def main():
    options = arguments(__doc__.splitlines()[0], plain=(Path, Path("/tmp/bench-plain.sqlite3"),
                                                        "plain sqlite3 file"))  # fmt: skip
    if options.db == Path("/tmp/bench.sqlite3"):
        options.db = Path("/tmp/bench-diplomacy.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        options.db.with_name(options.db.name + suffix).unlink(missing_ok=True)
    setup_django(options.db)
    from django.core.management import call_command

    from reprisals.diplomacy.importing.unga import _alpha2_to_state_ids, import_unga_votes
    from reprisals.diplomacy.matrix import vote_matrix

    print(machine())
    call_command("migrate", verbosity=0)
    plain = plain_import(options.plain, _alpha2_to_state_ids())
    first, tally = timed(import_unga_votes, DATA)
    assert tally.created["vote"] == 870_109
    again, tally = timed(import_unga_votes, DATA)
    assert not tally.changed
    matrix_time, matrix = timed(vote_matrix, "GA")
    print(f"plain sqlite3 bulk import:   {plain:6.1f} s")
    print(f"reprisals import unga-votes: {first:6.1f} s  ({first / plain:.1f}x the plain import)")
    print(f"re-import, nothing changes:  {again:6.1f} s")
    print(f"vote matrix {matrix.shape[0]} x {matrix.shape[1]}:    {matrix_time:6.1f} s")


if __name__ == "__main__":
    main()
