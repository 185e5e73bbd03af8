"""`reprisals keys rotate --as USER`: a new key-encryption key, and every
sealed row re-wrapped under it, while the server runs.

Key rotation is a dangerous action: an administrator re-enters their
password and a two-factor code first (from the terminal, or two lines on
standard input when it is not one).
"""

import getpass
import sys

from django.contrib.auth import authenticate
from django.core.management.base import BaseCommand, CommandError

from reprisals.accounts.two_factor import confirmed_device
from reprisals.audit.log import record
from reprisals.vault import keyring, rotation


def ask(prompt):
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def administrator(username):
    user = authenticate(username=username, password=ask(f"Password of {username}: "))
    device = confirmed_device(user) if user is not None else None
    code = ask("Two-factor code: ")
    if user is None or device is None or not device.verify_token(code):
        raise CommandError("Authentication failed: wrong password or code, or no device.")
    if not user.is_superuser:
        raise CommandError(f"{username} is not an administrator.")
    return user


class Command(BaseCommand):
    help = "Make a new key-encryption key current and re-wrap every sealed row under it."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True, help="an administrator")

    def handle(self, *args, username, **options):
        actor = administrator(username)
        previous = keyring.keyring(reload=True).current
        version = rotation.add_version()
        record(actor, "rotate_keys", actor, fields=[f"key version {version}"])
        self.stdout.write(f"Key version {version} is current (was {previous}). Re-wrapping…")
        moved = rotation.rewrap_all(version)
        self.stdout.write(
            f"Re-wrapped {moved} rows under version {version}. Older versions stay in the key "
            f"file until `reprisals keys retire VERSION`."
        )
