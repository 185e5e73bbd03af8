"""Every file under var/ readable by its owner only (0600), every folder 0700,
whatever the umask (lib/private_files.py, lib/sqlite3)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reprisals.lib.private_files import create_private_file, make_file_private, private_directory

ROOT = Path(__file__).resolve().parent.parent
CLEARED = {"DATABASE_URL", "REPRISALS_KEY_FILE", "REPRISALS_UPLOADS_DIR", "REPRISALS_DEBUG",
           "REPRISALS_ENV"}  # fmt: skip

# In one child process: the demo as `reprisals demo --no-serve` sets it up, a
# backup into var/, a report with a photo through the intake's storage; then,
# while a connection holds the database open (so that its -wal and -shm
# files exist), the mode of everything under var/.
CHILD = """
import json, os, sys
from pathlib import Path
from reprisals.cli import main

var = Path(sys.argv[1])
main(["demo", "--no-serve"])
main(["backup", str(var / "demo.backup")])

from django.db import connection
from tests.intake_client import store_report

store_report()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM intake_submission")
    modes = {str(path.relative_to(var)): oct(path.stat().st_mode & 0o777)
             for path in [var, *var.rglob("*")]}
print(json.dumps(modes))
"""


def modes_under(var):
    return {str(path.relative_to(var)): oct(path.stat().st_mode & 0o777)
            for path in [var, *var.rglob("*")]}  # fmt: skip


def test_everything_the_demo_a_backup_and_an_upload_write_under_var_is_owner_only(tmp_path):
    var = tmp_path / "deployment" / "var"
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    result = subprocess.run([sys.executable, "-c", CHILD, str(var)], cwd=ROOT, umask=0o022,
                            env={**env, "REPRISALS_VAR_DIR": str(var)}, capture_output=True,
                            text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr

    while_open = json.loads(result.stdout.splitlines()[-1])
    assert {"reprisals.sqlite3", "reprisals.sqlite3-wal", "reprisals.sqlite3-shm",
            "reprisals.key", "demo.backup", "uploads"} <= set(while_open)  # fmt: skip
    assert any(name.startswith("uploads/") for name in while_open)
    for modes in (while_open, modes_under(var)):
        for name, mode in modes.items():
            expected = "0o700" if (var / name).is_dir() or name == "." else "0o600"
            assert mode == expected, f"var/{name} is {mode}"
    assert oct(var.parent.stat().st_mode & 0o777) == "0o700"  # a parent it made


@pytest.fixture(params=[0o000, 0o022, 0o277], ids=["umask-000", "umask-022", "umask-277"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_it_makes_folders_and_their_missing_parents_0700(tmp_path, umask):
    private_directory(tmp_path / "a" / "b" / "c")

    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3


def test_it_leaves_a_folder_that_exists_as_it_is(tmp_path, umask):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)

    private_directory(shared / "var")

    assert (mode(shared), mode(shared / "var")) == (0o755, 0o700)


def test_it_creates_files_0600_and_never_over_an_existing_one(tmp_path, umask):
    with create_private_file(tmp_path / "new") as handle:
        handle.write(b"sealed")

    assert mode(tmp_path / "new") == 0o600
    with pytest.raises(FileExistsError):
        create_private_file(tmp_path / "new")
    assert (tmp_path / "new").read_bytes() == b"sealed"


def test_it_narrows_a_database_file_others_could_read(tmp_path, umask):
    old = tmp_path / "old.sqlite3"
    old.write_bytes(b"rows")
    old.chmod(0o644)

    make_file_private(old)
    make_file_private(tmp_path / "new.sqlite3")

    assert (mode(old), old.read_bytes()) == (0o600, b"rows")
    assert (mode(tmp_path / "new.sqlite3"), (tmp_path / "new.sqlite3").read_bytes()) == (0o600, b"")
