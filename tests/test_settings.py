"""Settings from the environment (reprisals/lib/env.py, reprisals/settings.py).

Bad values raise at start-up, naming the variable; production refuses to
start without its secrets.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from reprisals.lib.env import database_from_url, env_bool, env_int, env_secret

REPO_ROOT = Path(__file__).resolve().parents[1]
SECRETS = ("SECRET_KEY", "SECRET_KEY_FILE", "REPRISALS_KEY_FILE", "DEBUG", "REPRISALS_DEBUG",
           "DATABASE_URL")  # fmt: skip


# -- typed readers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("true", True), ("Yes", True), ("ON", True)]
    + [("0", False), ("false", False), ("No", False), ("off", False)],
)
def test_env_bool_reads_true_and_false(monkeypatch, value, expected):
    monkeypatch.setenv("REPRISALS_TEST_FLAG", value)

    assert env_bool("REPRISALS_TEST_FLAG", default=not expected) is expected


@pytest.mark.parametrize("value", [None, ""])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch, value):
    monkeypatch.delenv("REPRISALS_TEST_FLAG", raising=False)
    if value is not None:
        monkeypatch.setenv("REPRISALS_TEST_FLAG", value)

    assert env_bool("REPRISALS_TEST_FLAG", default=True) is True
    assert env_bool("REPRISALS_TEST_FLAG", default=False) is False


def test_env_bool_refuses_a_bad_value_naming_the_variable(monkeypatch):
    monkeypatch.setenv("REPRISALS_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="REPRISALS_TEST_FLAG must be true or false"):
        env_bool("REPRISALS_TEST_FLAG")


def test_env_int_refuses_a_bad_value_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "half an hour")

    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_SECONDS must be a whole number"):
        env_int("SESSION_IDLE_SECONDS", 1800)


def test_env_secret_reads_the_variable(monkeypatch):
    monkeypatch.delenv("REPRISALS_TEST_SECRET_FILE", raising=False)
    monkeypatch.setenv("REPRISALS_TEST_SECRET", "from-the-variable")

    assert env_secret("REPRISALS_TEST_SECRET") == "from-the-variable"


def test_env_secret_prefers_the_file_named_by_name_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-the-file\n")
    monkeypatch.setenv("REPRISALS_TEST_SECRET", "from-the-variable")
    monkeypatch.setenv("REPRISALS_TEST_SECRET_FILE", str(secret))

    assert env_secret("REPRISALS_TEST_SECRET") == "from-the-file"


def test_env_secret_refuses_an_unreadable_file_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("REPRISALS_TEST_SECRET_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfigured, match="REPRISALS_TEST_SECRET_FILE: cannot read"):
        env_secret("REPRISALS_TEST_SECRET")


# -- DATABASE_URL ------------------------------------------------------------------


def test_database_from_url_defaults_to_the_sqlite_file():
    database = database_from_url("", sqlite_path="/srv/var/reprisals.sqlite3")

    assert database["ENGINE"] == "reprisals.lib.sqlite3"
    assert database["NAME"] == "/srv/var/reprisals.sqlite3"


def test_database_from_url_reads_a_sqlite_url():
    database = database_from_url("sqlite:///tmp/other.sqlite3", sqlite_path="/unused")

    assert database["ENGINE"] == "reprisals.lib.sqlite3"
    assert database["NAME"] == "/tmp/other.sqlite3"


def test_database_from_url_reads_a_postgres_url_with_an_escaped_password():
    database = database_from_url("postgres://user:p%40ss@host:5433/db", sqlite_path="/unused")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("db", "user", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("host", "5433")


def test_database_from_url_refuses_another_scheme():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with postgres://"):
        database_from_url("mysql://user@host/db", sqlite_path="/unused")


def test_database_from_url_refuses_a_postgres_url_without_a_database():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL names no database"):
        database_from_url("postgres://user@host:5432/", sqlite_path="/unused")


# -- production start-up -------------------------------------------------------------


def import_settings(tmp_path, environment="production", **variables):
    """Import the settings in a fresh interpreter with REPRISALS_ENV=production."""
    env = {name: value for name, value in os.environ.items() if name not in SECRETS}
    env.update(REPRISALS_ENV=environment, REPRISALS_VAR_DIR=str(tmp_path / "var"), **variables)
    return subprocess.run(
        [sys.executable, "-c", "import reprisals.settings as s; print(f'DEBUG={s.DEBUG}')"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "encryption.key"
    path.write_text("not a real key")
    return path


def test_production_refuses_to_start_without_a_secret_key(tmp_path, key_file):
    result = import_settings(tmp_path, REPRISALS_KEY_FILE=str(key_file))

    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) of 50+ characters is required" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path, key_file):
    result = import_settings(tmp_path, SECRET_KEY="short", REPRISALS_KEY_FILE=str(key_file))

    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) of 50+ characters is required" in result.stderr


def test_production_refuses_to_start_without_the_key_file(tmp_path):
    result = import_settings(
        tmp_path, SECRET_KEY="x" * 50, REPRISALS_KEY_FILE=str(tmp_path / "missing.key")
    )

    assert result.returncode != 0
    assert "REPRISALS_KEY_FILE must name an existing key file" in result.stderr


def test_production_refuses_debug(tmp_path, key_file):
    result = import_settings(
        tmp_path, SECRET_KEY="x" * 50, REPRISALS_KEY_FILE=str(key_file), REPRISALS_DEBUG="true"
    )

    assert result.returncode != 0
    assert "REPRISALS_DEBUG must be off in production" in result.stderr


@pytest.mark.parametrize(
    "variables, debug",
    [({}, False), ({"DEBUG": "1"}, False), ({"REPRISALS_DEBUG": "1"}, True)],
)
def test_development_debugs_only_when_asked_with_reprisals_debug(tmp_path, variables, debug):
    result = import_settings(tmp_path, environment="development", **variables)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"DEBUG={debug}"


def test_production_starts_with_its_secrets(tmp_path, key_file):
    secret_file = tmp_path / "secret_key"
    secret_file.write_text("s" * 60 + "\n")

    for secret in ({"SECRET_KEY": "x" * 50}, {"SECRET_KEY_FILE": str(secret_file)}):
        result = import_settings(tmp_path, REPRISALS_KEY_FILE=str(key_file), **secret)

        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "DEBUG=False"
