"""Crash safety: a process killed (SIGKILL) in the middle of an import or of a
write leaves the database consistent, loses no confirmed write and keeps no
part of an import.

The children are real processes on a real database: `reprisals import cases`
and tests/crash/child.py, which also inspects the database after each kill
(SQLite's integrity and foreign-key checks, dangling keys in every table,
`audit verify`, the search index, and every case's parts). On SQLite they
share a file in tmp_path, migrated by `reprisals manage migrate` (the test
database of pytest-django is in memory, out of other processes' reach); on
PostgreSQL they use pytest-django's test database.

Kill points are drawn from a seeded generator, spread over the child's work
from just after start-up to nearly done; the seed is printed, and
REPRISALS_CRASH_SEED=N draws the same points again (the timing still varies).
Killing a client tests the application's transactions, not the storage
against power loss: the kernel still writes out what a killed process gave it.
"""

import json
import os
import random
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from reprisals.cases.importer import FORMAT
from tests.crash import batches

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHILD = [sys.executable, "-m", "tests.crash.child"]
TEAM = "Crash test team"
KILLS = 25  # per test: 50 per database
WRITING_SECONDS = 1.5  # the writer is killed this long after start-up, at most

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_url(tmp_path):
    """The database the children share, migrated, with the team they write for."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        run([BIN / "reprisals", "manage", "migrate", "--verbosity", "0"], url)
    else:
        db = connection.settings_dict
        url = (
            f"postgres://{quote(db['USER'], safe='')}:{quote(db['PASSWORD'], safe='')}"
            f"@{quote(db['HOST'], safe='')}:{db['PORT']}/{quote(db['NAME'], safe='')}"
        )
    run([*CHILD, "setup"], url)
    return url


@pytest.fixture
def seed():
    seed = int(os.environ.get("REPRISALS_CRASH_SEED") or secrets.randbits(32))
    print(f"crash-safety seed: REPRISALS_CRASH_SEED={seed}")
    return seed


def run(args, url):
    done = subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command_line(args)} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def command_line(args):
    return " ".join(Path(arg).name if i == 0 else str(arg) for i, arg in enumerate(args))


def timed_run(args, url):
    start = time.monotonic()
    run(args, url)
    return time.monotonic() - start


def run_and_kill(args, url, delay, output):
    """Start a child and SIGKILL it `delay` seconds later, unless it is done.

    Returns whether it was killed, and what it printed before."""
    with output.open("w") as stdout:
        child = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _, stderr = child.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            _, stderr = child.communicate()
    killed = child.returncode == -signal.SIGKILL
    assert killed or child.returncode == 0, f"{command_line(args)} failed:\n{stderr[-3000:]}"
    return killed, output.read_text()


def inspect(url, context):
    """The database's state, after checking what must hold whatever happened."""
    state = json.loads(run([*CHILD, "inspect"], url))
    assert state["storage"] == [], context
    assert state["orphans"] == {}, context
    assert state["audit"]["ok"], f"{context}: {state['audit']['problem']}"
    assert state["unindexed_cases"] == 0, context
    return state


def test_it_keeps_an_import_all_or_nothing_when_killed(database_url, seed, tmp_path):
    rng, began = random.Random(seed), time.monotonic()
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"format": FORMAT}))
    startup = timed_run([BIN / "reprisals", "import", "cases", empty, "--team", TEAM], database_url)
    before = inspect(database_url, "before any import")

    def importing(batch, version):
        path = batches.write(tmp_path / f"batch{batch}-v{version}.json", batch, version)
        return [BIN / "reprisals", "import", "cases", path, "--team", TEAM]

    versions = {}  # batch: the version on file, in full
    work = {}  # seconds the latest whole import took after start-up, per version
    imports = 0  # imports that completed

    def complete(batch, version):
        nonlocal imports
        work[version] = timed_run(importing(batch, version), database_url) - startup
        versions[batch], imports = version, imports + 1

    complete(0, 0)  # batch 0 measures how long an import takes, in each version
    complete(0, 1)
    kills = trial = committed = 0
    while kills < KILLS and trial < 2 * KILLS:
        trial += 1
        batch, version = (trial + 1) // 2, (trial + 1) % 2  # new in v0, then replaced by v1
        fraction = rng.random()
        context = f"seed {seed}, trial {trial}: batch {batch} v{version}, killed at {fraction:.0%}"
        killed, _ = run_and_kill(
            importing(batch, version),
            database_url,
            startup + fraction * work[version],
            tmp_path / "out.txt",
        )
        kills += killed

        state = inspect(database_url, context)
        shapes = {tuple(state["shapes"].get(code, [])) for code in batches.case_codes(batch)}
        finished = shapes == {tuple(batches.case_shape(version))}
        untouched = shapes == (
            {tuple(batches.case_shape(versions[batch]))} if batch in versions else {()}
        )
        assert finished or untouched, f"{context}: partial import, case shapes {shapes}"
        if finished:
            versions[batch], imports = version, imports + 1
            committed += killed
        assert_holds_exactly(state, before, versions, imports, context)
        complete(batch, version)  # run again, it completes the import

    assert kills == KILLS, f"seed {seed}: only {kills} of {trial} imports were still running"
    assert_holds_exactly(inspect(database_url, "at the end"), before, versions, imports, "end")
    print(
        f"imports: {kills} kills in {trial} trials ({committed} had committed), "
        f"{batches.CASES} cases each, {time.monotonic() - began:.0f} s"
    )


def assert_holds_exactly(state, before, versions, imports, context):
    """Every batch is on file in full in its version, once, and nothing else is."""
    expected_shapes = dict(before["shapes"])
    expected_rows = dict(before["rows"])
    for batch, version in versions.items():
        expected_shapes.update(
            dict.fromkeys(batches.case_codes(batch), batches.case_shape(version))
        )
        for table, n in batches.rows(version).items():
            expected_rows[table] += n
    assert state["shapes"] == expected_shapes, context
    assert state["rows"] == expected_rows, context
    actions = {
        name: state["audit_actions"].get(name, 0) - before["audit_actions"].get(name, 0)
        for name in ("import", "record_consent")
    }
    assert actions == {
        "import": imports * batches.CASES,
        "record_consent": len(versions) * batches.CASES,
    }, context


def test_it_loses_no_confirmed_write_when_killed(database_url, seed, tmp_path):
    rng, began = random.Random(seed), time.monotonic()
    startup = timed_run([*CHILD, "setup"], database_url)
    before = inspect(database_url, "before any write")
    confirmed = {"saved": set(), "withdrawn": set()}
    unconfirmed = {"saved": set(), "withdrawn": set()}  # committed, then killed before saying so
    in_flight = kills = trial = 0
    while kills < KILLS and trial < 2 * KILLS:
        trial += 1
        fraction = rng.random()
        context = f"seed {seed}, trial {trial}: killed {fraction * WRITING_SECONDS:.2f} s in"
        killed, output = run_and_kill(
            [*CHILD, "write", str(trial)],
            database_url,
            startup + fraction * WRITING_SECONDS,
            tmp_path / "out.txt",
        )
        kills += killed
        said = {verb: set() for verb in ("saving", "saved", "withdrawing", "withdrawn")}
        for verb, code in (line.split() for line in output.splitlines()):
            said[verb].add(code)
        confirmed["saved"] |= said["saved"]
        confirmed["withdrawn"] |= said["withdrawn"]
        in_flight += bool(said["saving"] - said["saved"] or said["withdrawing"] - said["withdrawn"])

        state = inspect(database_url, context)
        on_file = state["submissions"]
        found = {
            "saved": set(on_file),
            "withdrawn": {c for c in on_file if on_file[c]["withdrawn"]},
        }
        assert [code for code in on_file if not on_file[code]["whole"]] == [], (
            f"{context}: partial submissions"
        )
        assert confirmed["saved"] - found["saved"] == set(), f"{context}: confirmed writes lost"
        assert confirmed["withdrawn"] - found["withdrawn"] == set(), (
            f"{context}: confirmed withdrawals lost"
        )
        for done, begun in (("saved", "saving"), ("withdrawn", "withdrawing")):
            surplus = found[done] - confirmed[done] - unconfirmed[done]
            assert surplus <= said[begun] - said[done], f"{context}: {done} but never begun"
            unconfirmed[done] |= surplus
        for table in ("person", "consent", "case", "casesubject"):
            added = state["rows"][table] - before["rows"][table]
            assert added == len(on_file), f"{context}: stray {table} rows"
        added = state["audit_actions"].get("add", 0) - before["audit_actions"].get("add", 0)
        assert added == 2 * len(on_file), f"{context}: audit entries without their records"

    assert kills == KILLS, f"seed {seed}: only {kills} of {trial} writers were still running"
    print(
        f"writes: {kills} kills ({in_flight} in the middle of a write), "
        f"{len(confirmed['saved'])} submissions and {len(confirmed['withdrawn'])} withdrawals "
        f"confirmed, {len(unconfirmed['saved'])} committed unconfirmed, "
        f"{time.monotonic() - began:.0f} s"
    )
