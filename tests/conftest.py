"""Personas and shared fixtures, in the healthchecks style: an owner team,
a colleague in another team, and an outsider."""

import pytest
from django.conf import settings
from django.utils import translation

from reprisals.demo.loader import DEMO_TEAM, load_demo
from reprisals.diplomacy.agreement import _kept as kept_agreements
from reprisals.vault import keyring
from tests.factories import TeamFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_by_default():
    """LocaleMiddleware leaves the last request's language active: reset it."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def no_agreement_outlives_its_test():
    """diplomacy.agreement keeps computed agreements per fingerprint of the
    votes; a test's rows are rolled back and SQLite then reuses their ids, so
    the next test's votes could match a kept fingerprint."""
    yield
    kept_agreements.cache_clear()


@pytest.fixture
def broken_key_file(settings, tmp_path):
    """A key file that does not parse: whatever needs a key fails (a real 500)."""
    path = tmp_path / "broken.key"
    path.write_text('{"format": "reprisals-keys/1", "keys": ')
    settings.ENCRYPTION_KEY_FILE = str(path)
    keyring.forget()
    yield
    keyring.forget()


@pytest.fixture
def team(db):
    return TeamFactory(name="Owner team")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Other team")


@pytest.fixture
def documenter(team):
    return UserFactory(username="documenter", role="documenter", teams=[team])


@pytest.fixture
def reviewer(team):
    return UserFactory(username="reviewer", role="reviewer", teams=[team])


@pytest.fixture
def analyst(team):
    return UserFactory(username="analyst", role="analyst", teams=[team])


@pytest.fixture
def outsider(other_team):
    """A documenter of another team."""
    return UserFactory(username="outsider", role="documenter", teams=[other_team])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role="administrator")


@pytest.fixture
def demo(db):
    """The demo dataset, owned by the demo team."""
    load_demo()
    return TeamFactory(name=DEMO_TEAM)


@pytest.fixture
def demo_documenter(demo):
    return UserFactory(username="documenter-of-demo", role="documenter", teams=[demo])


@pytest.fixture
def demo_analyst(demo):
    return UserFactory(username="analyst-of-demo", role="analyst", teams=[demo])


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_collection_modifyitems(items):
    """schemathesis 4.32 names each operation's test (`test…[GET /api/v1/cases]`)
    but, under pytest 9, gives them all the function's node id; pytest-xdist
    tells tests apart by node id and would run one of them only. The
    operation becomes the id's parameters, as pytest's own parametrize does."""
    for item in items:
        prefix = f"{getattr(item, 'originalname', None)}["
        if item.id.params is None and item.name.startswith(prefix):
            item._id = item.id.with_params(item.name[len(prefix) : -1])
