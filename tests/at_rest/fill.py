"""Child program for the at-rest test: fills a fresh database the way the
register is used — the demo, 100 generated cases with a marker in every
identifying field, a defender's report with a photo through the intake
form — then writes a backup. Prints nothing identifying; writes the planted
markers to OUTDIR/markers.json.

Run as `python -m tests.at_rest.fill OUTDIR` with DATABASE_URL and
REPRISALS_VAR_DIR set by the test.
"""

import json
import os
import secrets
import sys
from pathlib import Path


def main(outdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reprisals.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reprisals.demo.loader import load_demo
    from tests.leak_plant import Planter

    load_demo()
    markers = sorted(Planter(seed=29).plant(count=100))
    markers += submit_a_report()
    call_command("backup", str(outdir / "register.backup"), verbosity=0)
    (outdir / "markers.json").write_text(json.dumps(markers))
    # Leave without closing the database, as a crash would: SQLite keeps its
    # WAL (a clean close folds it into the file and deletes it).
    sys.stdout.flush()
    os._exit(0)


def submit_a_report():
    """A report through the intake form, as a browser sends it."""
    from django.test import Client

    from tests.intake_client import BITS, CHALLENGE, a_report, jpeg_with_gps, solve

    markers = [f"LEAK{secrets.token_hex(5)}" for _ in range(4)]
    client = Client(HTTP_HOST="localhost")  # an allowed host: this is no test run
    page = client.get("/submit/").content.decode()
    challenge = CHALLENGE.search(page).group(1)
    proof = solve(challenge, int(BITS.search(page).group(1)))
    photo = jpeg_with_gps(marker=markers[3])
    fields = a_report(what_happened=markers[0], targeted="someone_else",
                      targeted_names=markers[1], contact=markers[2])  # fmt: skip
    response = client.post("/submit/", {**fields, "challenge": challenge, "proof": proof,
                                        "website": "", "files": named(photo, f"{markers[3]}.jpg")})
    assert b"receipt code" in response.content, "the report was not accepted"
    return markers


def named(content, filename):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(filename, content, content_type="image/jpeg")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
