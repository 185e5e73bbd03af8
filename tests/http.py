"""A small HTTP client for tests against the running server (live_server):
real sockets, real cookies, real CSRF tokens."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None):
        """Returns (status, headers, body text); redirects are not followed."""
        url = urllib.parse.urljoin(self.base_url, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def get(self, path):
        return self.request(path)

    def post_form(self, path, fields):
        """GET the form for its CSRF token, then POST it."""
        status, _, page = self.get(path)
        token = CSRF_INPUT.search(page)
        assert token, f"no CSRF token on {path} ({status})"
        return self.request(path, {"csrfmiddlewaretoken": token.group(1), **fields})

    def log_in(self, username, password, code=None):
        """Password and a fresh code of the user's device (made if missing)."""
        if code is None:
            from django.contrib.auth import get_user_model

            from tests.two_factor import device_of, fresh_code

            code = fresh_code(device_of(get_user_model().objects.get(username=username)))
        status, headers, _ = self.post_form(
            "/staff/login/?next=/staff/", {"username": username, "password": password, "code": code}
        )
        assert status == 302 and headers["Location"].endswith("/staff/"), "login failed"
