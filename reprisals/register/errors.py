"""The site's error pages: 400, 403 (a CSRF failure too), 404, 405 and 500.

Each says what happened in the visitor's language (LocaleMiddleware's) and
repeats nothing of the request, not its address, query or headers: a case
code or a name someone probes must not come back in a page. Each is marked
`Cache-Control: no-cache`, like every public page. The API answers its own
errors in its JSON shape (api/errors.py).

Django has no handler for 405: `require_safe` and the admin answer an empty
HttpResponseNotAllowed, which `error_pages` fills with the 405 page. The 500
page is rendered without the request (the request may be what failed), in
the language active when the error happened, and falls back to a fixed text
if even that fails.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

PAGES = {400: "400.html", 403: "403.html", 404: "404.html", 405: "405.html"}
SERVER_ERROR_TEXT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>Server error · Reprisals Register</title></head><body><h1>Server error</h1>"
    "<p>Something went wrong on our side. Please try again later.</p></body></html>"
)


def bad_request(request, exception):
    return error_page(request, 400)


def permission_denied(request, exception):
    return error_page(request, 403)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW; the reason is not shown."""
    return error_page(request, 403, csrf_failed=True)


def page_not_found(request, exception):
    return error_page(request, 404)


def server_error(request):
    return never_kept(HttpResponseServerError(server_error_page()))


def error_page(request, status, **context):
    return never_kept(render(request, PAGES[status], context, status=status))


def server_error_page():
    try:
        return render_to_string("500.html")
    except Exception:  # the page about an error must not fail in turn
        return SERVER_ERROR_TEXT


def never_kept(response):
    patch_cache_control(response, no_cache=True)
    return response


def error_pages(get_response):
    """Middleware, innermost: an empty error response that a view answered
    (405 from `require_safe`, …) gets the page for its status, and every error
    response `Cache-Control: no-cache`. The handlers above mark theirs too,
    for errors raised in outer middleware (a bad Host header)."""

    def middleware(request):
        response = get_response(request)
        status = response.status_code
        if status < 400:
            return response
        if not response.streaming and not response.content:
            page = empty_response_page(request, status)
            if page:
                response.content = page
                response["Content-Type"] = "text/html; charset=utf-8"
        return never_kept(response)

    return middleware


def empty_response_page(request, status):
    if status in PAGES:
        return render_to_string(PAGES[status], request=request)
    if status >= 500:
        return server_error_page()
    return None
