from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reprisals.accounts.roles import role_of
from reprisals.api.auth import issue_token
from reprisals.lib.text import refusal


class Command(BaseCommand):
    help = (
        "Issue an API token acting as a staff member, with their role and teams. The token is "
        "printed once: only its SHA-256 is stored, so it cannot be shown again. Revoke it with "
        "revoke_api_token or in the back office."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The staff member the token acts as.")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active user named {options['username']!r}.")
        if role_of(user) is None:
            raise CommandError(f"{user} has no staff role: assign one first.")
        if found := refusal(options["name"], multiline=False):
            raise CommandError(f"--name: {found}")
        api_token, token = issue_token(user, name=options["name"], actor=None)
        self.stdout.write(f"API token {api_token.prefix}… for {user} ({api_token.name}):")
        self.stdout.write(token)
        self.stdout.write("Store it now: it is not kept and cannot be shown again.")
