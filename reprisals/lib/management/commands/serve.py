from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the application on 127.0.0.1 (development server: put a WSGI server such as "
        "gunicorn in front of reprisals.wsgi for production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)
