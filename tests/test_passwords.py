"""Staff passwords are hashed with Argon2 and must be long."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from reprisals import settings as project_settings


def test_it_hashes_with_argon2_in_the_project_settings(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password("a long enough passphrase")
    assert encoded.startswith("argon2$argon2id$")


def test_it_refuses_short_and_common_passwords(settings):
    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    for weak in ["short", "password1234"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple")
