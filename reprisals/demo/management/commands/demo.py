from django.core.management import call_command
from django.core.management.base import BaseCommand

from reprisals.accounts.two_factor import base32_secret, otpauth_uri
from reprisals.demo.loader import load_demo, reset_demo_user


class Command(BaseCommand):
    help = (
        "Set up and run the demo: migrate the database (SQLite under var/ unless DATABASE_URL "
        "says otherwise), load the demo dataset, create the staff account 'demo' with a new "
        "one-time password and two-factor secret, and serve on http://127.0.0.1:8000/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        load_demo()
        user, password, device = reset_demo_user()
        self.stdout.write(
            f"\nDemo ready. Back office: http://127.0.0.1:{options['port']}/staff/\n"
            f"  username: {user.username}\n  password: {password}\n"
            f"  two-factor secret: {base32_secret(device)}\n"
            f"  otpauth URI: {otpauth_uri(device)}\n"
            "Add the secret (or the URI) to an authenticator app and log in with the code it "
            "shows.\nPrinted once; run 'reprisals demo' again for a new password and secret.\n"
        )
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
