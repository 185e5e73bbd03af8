from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from reprisals.api.auth import digest_of, revoke_token
from reprisals.api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke an API token; it stops working at the next request."

    def add_arguments(self, parser):
        parser.add_argument("token", help="The token, or its prefix as printed when issued.")

    def handle(self, *args, **options):
        value = options["token"].rstrip("…")
        matches = list(
            ApiToken.objects.filter(revoked_at=None).filter(
                Q(prefix=value) | Q(digest=digest_of(value))
            )
        )
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} active tokens match; give the whole token.")
        revoke_token(matches[0], actor=None)
        self.stdout.write(f"Revoked {matches[0]}.")
