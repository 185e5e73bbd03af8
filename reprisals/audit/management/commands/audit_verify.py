import json

from django.core.management.base import BaseCommand, CommandError

from reprisals.audit.chain import verify


class Command(BaseCommand):
    help = (
        "Check the whole audit chain: every entry's hash, its link to the one before, and "
        "(with --head SEQUENCE:HASH from `audit head`) that no entry was cut off the end. "
        "Names the first entry that does not fit and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("--head", help="SEQUENCE:HASH printed earlier by `audit head`.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        known = None
        if options["head"]:
            sequence, _, digest = options["head"].partition(":")
            if not sequence.isdigit() or len(digest) != 64:
                raise CommandError("--head must be SEQUENCE:HASH as printed by `audit head`")
            known = (int(sequence), digest)
        verdict = verify(known_head=known)
        if options["format"] == "json":
            self.stdout.write(json.dumps(verdict.__dict__))
        elif verdict.ok:
            self.stdout.write(f"OK: {verdict.entries} entries, head "
                              f"{verdict.head_sequence}:{verdict.head_hash}")  # fmt: skip
        if not verdict.ok:
            raise CommandError(f"Audit trail broken: {verdict.problem}")
