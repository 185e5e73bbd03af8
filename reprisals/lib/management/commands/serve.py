"""`reprisals serve`: Django's development server, writing nothing of the requests.

Django's server logs each request line with its query string (to
`django.server`, which settings.LOGGING sends nowhere); for a request line it
cannot parse, it sends the line back in its error page; and on an error of
its own it prints the client's address and a traceback. Here its error pages
say only the status, and its own errors are logged by type. The start-up
banner with the address is still printed.
"""

import logging
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.commands import runserver
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer, is_broken_pipe_error

logger = logging.getLogger("reprisals.server")


class QuietRequestHandler(WSGIRequestHandler):
    def send_error(self, code, message=None, explain=None):
        super().send_error(code)  # the standard text, without the request line


class QuietServer(WSGIServer):
    def __init__(self, server_address, handler_class, **kwargs):
        super().__init__(server_address, QuietRequestHandler, **kwargs)

    def handle_error(self, request, client_address):
        if not is_broken_pipe_error():  # (a client that went away)
            logger.error("Error in the development server: %s", type(sys.exc_info()[1]).__name__)


class QuietRunserver(runserver.Command):
    server_cls = QuietServer


class Command(BaseCommand):
    help = (
        "Serve the application on 127.0.0.1 (development server: put a WSGI server such as "
        "gunicorn in front of reprisals.wsgi for production). Requests are not logged; "
        "DEBUG is off unless REPRISALS_DEBUG=1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="0 picks a free port (printed).")

    def handle(self, *args, **options):
        call_command(QuietRunserver(), f"127.0.0.1:{options['port']}", use_reloader=False)
