"""Security headers on every response, and a clean deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", ["/", "/staff/login/", "/api/v1/openapi.json", "/no-such-page/"])
def test_it_sends_the_security_headers(client, db, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_it_passes_the_deployment_check_with_nothing_silenced(tmp_path):
    key_file = tmp_path / "kek"
    key_file.write_bytes(secrets.token_bytes(32))
    env = {
        "PATH": os.environ["PATH"],
        "REPRISALS_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "REPRISALS_KEY_FILE": str(key_file),
        "REPRISALS_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "reprisals.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
