"""No address, query, header or submitted value in any log, in any mode
(settings.LOGGING, lib/logs.py, `reprisals serve`).

Errors are written by a configured handler as the status, the route's name and
the exception's type; nothing reaches Python's last-resort handler. The real
server is run as a separate process and everything it printed is read.
"""

import http.client
import io
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from reprisals.vault import keyring

ROOT = Path(__file__).resolve().parent.parent
BANNER = re.compile(r"Starting development server at http://127\.0\.0\.1:(\d+)/")
CLEARED = {"DATABASE_URL", "REPRISALS_KEY_FILE", "REPRISALS_UPLOADS_DIR", "REPRISALS_DEBUG",
           "DEBUG", "REPRISALS_ENV", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS"}  # fmt: skip
# What Django's and the development server's request logs look like.
REQUEST_LOG = re.compile(r'"(GET|POST|PUT|DELETE|HEAD) |Not Found|Forbidden \(|Method Not Allowed|'
                         r"Invalid HTTP_HOST|Bad request")  # fmt: skip


def a_marker():
    return f"probe{secrets.token_hex(6)}"


# -- in this process, through the test client -----------------------------------------


@pytest.fixture
def written():
    """Everything the handlers of settings.LOGGING and the last-resort handler
    write (not pytest's own, which it adds to the same loggers)."""
    streams = {}
    handlers = [*logging.getLogger("django").handlers, *logging.getLogger().handlers]
    for handler in handlers:
        if type(handler) is logging.StreamHandler:
            # Not setStream: it flushes the old stream, which an earlier test's
            # captured stderr may have left closed.
            streams[handler], handler.stream = handler.stream, io.StringIO()
    last_resort, logging.lastResort = logging.lastResort, logging.StreamHandler(io.StringIO())
    captured = [handler.stream for handler in streams] + [logging.lastResort.stream]
    yield lambda: "".join(stream.getvalue() for stream in captured)
    logging.lastResort = last_resort
    for handler, stream in streams.items():
        handler.stream = stream



@pytest.mark.parametrize("debug", [False, True])
def test_it_logs_errors_as_route_and_exception_type_only(settings, db, written,
                                                         broken_key_file, debug):  # fmt: skip
    settings.DEBUG = debug
    marker = a_marker()
    client = Client(raise_request_exception=False)
    csrf_client = Client(enforce_csrf_checks=True)

    client.get(f"/cases/{marker}/?q={marker}", headers={"host": f"{marker}.example"})  # 400
    csrf_client.post(f"/cases/{marker}/?q={marker}", {"name": marker})  # 403
    client.get(f"/cases/{marker}/?q={marker}", headers={"referer": f"/{marker}"})  # 404
    client.get(f"/{marker}/?q={marker}")  # 404
    client.post(f"/cases/{marker}/?q={marker}", {"name": marker})  # 405
    client.get(f"/search/?q={marker}")  # 500
    client.get(f"/api/v1/cases?q={marker}")  # 500 in the API
    client.get(f"/api/v1/{marker}?q={marker}")  # 404 in the API

    lines = written().splitlines()
    assert marker not in "\n".join(lines)
    assert [line.split(" ", 2)[2] for line in lines] == [
        "ERROR django.security.DisallowedHost: 400 DisallowedHost on route (none)",
        "ERROR django.request: 500 ImproperlyConfigured on route register:search",
        "ERROR django.request: 500 ImproperlyConfigured on route api:list_cases",
    ]


# -- the real server, in its own process --------------------------------------------------


class Server:
    """`reprisals serve --port 0` in a process of its own, its output in files."""

    def __init__(self, directory, name, **variables):
        self.name = name
        self.out, self.err = directory / f"{name}.out", directory / f"{name}.err"
        env = {name: value for name, value in os.environ.items() if name not in CLEARED}
        env.update(PYTHONUNBUFFERED="1", **{k: str(v) for k, v in variables.items()})
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "reprisals.cli", "serve", "--port", "0"],
                cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        self.port = None
        self.markers = []

    def wait_until_listening(self, deadline):
        while self.port is None:
            found = BANNER.search(self.out.read_text(errors="replace"))
            if found:
                self.port = int(found.group(1))
            elif self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"{self.name} did not start:\n{self.output()}")
            else:
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def output(self):
        """All it printed, on standard output and error (read once it is stopped)."""
        return self.out.read_text(errors="replace") + self.err.read_text(errors="replace")

    def send(self, method, path, headers=None, body=None):
        """(status, headers, body) of one request, with a new marker for each
        `{m}` in `path`, the headers and the body."""
        marker = a_marker()
        self.markers.append(marker)
        headers = {k: v.format(m=marker) for k, v in (headers or {}).items()}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path.format(m=marker), headers=headers,
                               body=body.format(m=marker) if body else None)  # fmt: skip
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode(errors="replace")
        finally:
            connection.close()

    def send_unparsable(self):
        """A request line the server cannot parse (four words), answered before Django."""
        marker = a_marker()
        self.markers.append(marker)
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as raw:
            raw.sendall(f"GET /{marker}/?q={marker} {marker} HTTP/1.1\r\n\r\n".encode())
            received = b""
            while chunk := raw.recv(65536):
                received += chunk
        status = int(received.split(b" ", 2)[1])
        return status, None, received.decode(errors="replace")


def errors_of(server, path):
    """Requests that answer 400 (a Host header not allowed), 403 (a POST
    without the CSRF token), 405 (a POST with it) and `path` (404 or 500)."""
    token = secrets.token_hex(16)  # a CSRF secret of the client's choosing, cookie and header
    with_token = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token,
                  "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    return {
        400: server.send("GET", path, {"Host": "{m}.example"}),
        403: server.send("POST", path, {"Content-Type": with_token["Content-Type"]}, "name={m}"),
        405: server.send("POST", "/cases/{m}/?q={m}", with_token, "name={m}"),
        "page": server.send("GET", path, {"Accept-Language": "fr"}),
    }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A var/ folder with a migrated SQLite database."""
    var = tmp_path_factory.mktemp("migrated") / "var"
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    subprocess.run([sys.executable, "-m", "reprisals.cli", "manage", "migrate", "--verbosity", "0"],
                   cwd=ROOT, env={**env, "REPRISALS_VAR_DIR": str(var)}, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    return var


def test_the_server_writes_and_echoes_nothing_of_the_requests(migrated, tmp_path):
    key_file = tmp_path / "production.key"
    keyring.create_key_file(key_file)
    development = Server(tmp_path, "development", REPRISALS_VAR_DIR=migrated)
    # In production, on a database that was never migrated: every page that
    # reads the database fails (500).
    production = Server(tmp_path, "production", REPRISALS_VAR_DIR=tmp_path / "empty",
                        REPRISALS_ENV="production", SECRET_KEY=secrets.token_urlsafe(60),
                        REPRISALS_KEY_FILE=key_file, SECURE_SSL_REDIRECT="0")  # fmt: skip
    servers = [development, production]
    try:
        deadline = time.monotonic() + 60
        for server in servers:
            server.wait_until_listening(deadline)
        answered = {
            "development": errors_of(development, "/cases/{m}/?q={m}")
            | {"unparsable": development.send_unparsable()},
            "production": errors_of(production, "/cases/{m}/?q={m}")
            | {"404": production.send("GET", "/{m}/?q={m}"),
               "API 500": production.send("GET", "/api/v1/cases?q={m}"),
               "API 404": production.send("GET", "/api/v1/{m}/?q={m}")},
        }  # fmt: skip
    finally:
        for server in servers:
            server.stop()

    expected = {
        "development": {400: 400, 403: 403, 405: 405, "page": 404, "unparsable": 400},
        "production": {400: 400, 403: 403, 405: 405, "page": 500, "404": 404,
                       "API 500": 500, "API 404": 404},
    }  # fmt: skip
    for name, responses in answered.items():
        for label, (status, headers, _) in responses.items():
            assert status == expected[name][label], f"{name}, {label}: {status}"
            if headers is not None:  # (the unparsable request is answered by http.server)
                assert "no-cache" in headers["Cache-Control"], f"{name}, {label}"
    not_found = answered["development"]["page"][2]
    assert '<html lang="fr" dir="ltr">' in not_found
    assert "<h1>Page introuvable</h1>" in not_found and "Registre des représailles" in not_found
    assert '<html lang="fr" dir="ltr">' in answered["production"]["page"][2]  # the 500 page

    markers = [marker for server in servers for marker in server.markers]
    bodies = "\n".join(body for responses in answered.values()
                       for _, _, body in responses.values())  # fmt: skip
    for marker in markers:
        assert marker not in bodies, "a page repeats the request"
    for server in servers:
        output = server.output()
        assert BANNER.search(output), f"{server.name}: no start-up banner"
        for marker in markers:
            assert marker not in output, f"{server.name} wrote the request:\n{output}"
        assert not REQUEST_LOG.search(output), f"{server.name}:\n{output}"
    bad_host = "ERROR django.security.DisallowedHost: 400 DisallowedHost on route (none)"
    assert all(bad_host in server.output() for server in servers)
    for route in ("register:case", "api:list_cases"):
        assert f"ERROR django.request: 500 OperationalError on route {route}" in production.output()
