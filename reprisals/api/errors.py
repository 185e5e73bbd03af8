"""One error shape for every error the API gives:

    {"error": {"status": 404, "code": "not_found", "message": "…", "fields": {…}}}

`fields` appears only on 422 and names each bad or unknown parameter. Messages
never repeat the values sent (they may be names or tokens) nor say whether a
record exists but is not public: not public and nonexistent answer alike.
"""

from functools import wraps
from typing import Literal

from django.http import Http404, JsonResponse
from django.utils.log import log_response
from django.views.decorators.csrf import csrf_exempt
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

CONTENT_TYPE = "application/json; charset=utf-8"  # as ninja's own responses

CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid",
    500: "server_error",
}
MESSAGES = {
    401: "Send a valid API token: 'Authorization: Bearer <token>'.",
    403: "Your role does not allow this.",
    404: "Not found.",
    405: "Method not allowed.",
    422: "Some parameters are invalid; see 'fields'.",
    500: "Internal error. It has been logged.",
}


class ErrorDetail(Schema):
    status: int
    code: Literal[(*CODES.values(), "error")]
    message: str
    fields: dict[str, str] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


def error_response(status, message=None, *, fields=None, headers=None):
    error = {
        "status": status,
        "code": CODES.get(status, "error"),
        "message": message or MESSAGES.get(status, "Error."),
    }
    if fields:
        error["fields"] = fields
    return JsonResponse({"error": error}, status=status, headers=headers, content_type=CONTENT_TYPE)


def _field_name(loc):
    """("query", "page") -> "page"; deeper locations are joined with dots."""
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])


def invalid(request, exc):
    fields = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error["loc"]), error["msg"])
    return error_response(422, fields=fields)


def http_error(request, exc):
    if isinstance(exc, AuthenticationError):
        return error_response(401, headers={"WWW-Authenticate": 'Bearer realm="api"'})
    return error_response(exc.status_code, exc.message)


def not_found(request, exc=None):
    return error_response(404)


def server_error(request, exc):
    # Logged as Django logs every server error, once (settings.LOGGING: the
    # route's name and the exception's type only, never the request, the
    # message or the traceback); the client learns nothing more than 500.
    response = error_response(500)
    log_response("Server error", response=response, request=request, exception=exc)
    return response


def install(api):
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Exception, server_error)


def reject_unknown_parameters(run):
    """A ninja "view" decorator: unknown query parameters are a 422 naming
    them, not silently ignored (a misspelt filter would widen a search).

    Ninja applies it to each operation's bound `run` method, before it
    authenticates and validates; the operation tells which names it knows."""
    operation = run.__self__
    known = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            known |= set(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)

    @wraps(run)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            errors = [
                {"loc": ("query", name[:100]), "msg": "Unknown parameter."} for name in unknown
            ]
            return invalid(request, ValidationError(errors))
        return run(request, *args, **kwargs)

    return checked


def in_error_shape(view):
    """Wrap a view of ninja's URL patterns: ninja answers a wrong method with
    a bare-text 405 and raises Http404 at its root URL outside its handlers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found(request)
        if response.status_code == 405:
            return error_response(405, headers={"Allow": response["Allow"]})
        return response

    return wrapped


@csrf_exempt
def no_such_endpoint(request, *args, **kwargs):
    """Every other URL under /api/v1/, whatever the method."""
    return error_response(404)
