import json

from django.core.management.base import BaseCommand

from reprisals.audit.chain import head


class Command(BaseCommand):
    help = (
        "Print the audit trail's head: the sequence number and hash of its last entry. Hand it "
        "to someone outside the server; `audit verify --head` later proves nothing was cut off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        sequence, digest = head()
        if options["format"] == "json":
            self.stdout.write(json.dumps({"sequence": sequence, "hash": digest}))
        else:
            self.stdout.write(f"{sequence}:{digest}")
