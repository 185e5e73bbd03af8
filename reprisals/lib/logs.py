"""Logs that hold no request data (settings.LOGGING).

Django's loggers put the request into their messages: the path ("Not Found:
/cases/2026-BDI-001/"), the Host header ("Invalid HTTP_HOST header: …"), the
reason and path of a CSRF failure, the development server's request line with
its query string, in DEBUG the SQL with its parameters; and a traceback shows
the values it met. A case code or a name that someone probed must not be kept
in a log.

So every record of the `django` loggers is written by FactsFormatter, which
never formats a message, its arguments or a traceback: only the time, the
level, the logger, and for a request its status, the name of the route (the
URL pattern's name, such as `register:case`, never the path or its
arguments) and the exception's type.
"""

import logging


class FactsFormatter(logging.Formatter):
    def format(self, record):
        facts = [f"{self.formatTime(record)} {record.levelname} {record.name}:"]
        status = getattr(record, "status_code", None)
        if status:
            facts.append(str(status))
        exception = record.exc_info[1] if record.exc_info else None
        facts.append(type(exception).__name__ if exception else "(no exception)")
        request = getattr(record, "request", None)
        if request is not None:
            facts.append(f"on route {route_name(request)}")
        return " ".join(facts)


def route_name(request):
    """`namespace:name` of the URL pattern that matched, or "(none)" (the
    path matched nothing, or the error came before it was resolved)."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else "(none)"
