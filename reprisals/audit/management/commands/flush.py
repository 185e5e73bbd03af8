from django.core.management.commands import flush
from django.db import connections

from reprisals.audit.erasure import erasable


class Command(flush.Command):
    help = (
        "Empty every table, the audit trail included (its triggers refuse any other "
        "deletion). For development and test databases only."
    )

    def handle(self, **options):
        with erasable(connections[options["database"]]):
            return super().handle(**options)
