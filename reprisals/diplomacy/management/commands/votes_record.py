from django.core.management.base import CommandError
from django.utils import timezone

from reprisals.diplomacy import record
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.management.commands._votes import VotesCommand, state_codes, table
from reprisals.diplomacy.models import Theme
from reprisals.diplomacy.vocab import VoteOption


class Command(VotesCommand):
    help = (
        "A State's diplomatic record: its vote on each resolution on reprisals and the "
        "amendments to it (none recorded where adopted without a vote or not a member), its "
        "dissociations, and with --theme its votes year by year on the body's vote events "
        "tagged with that theme (e.g. --body GA --theme hr). A code of a case of the register "
        "is shown only while the case is public."
    )

    def add_arguments(self, parser):
        parser.add_argument("state", help="ISO alpha-3 code, e.g. CHN.")
        parser.add_argument("--body", choices=["GA", "HRC"], default="GA")
        parser.add_argument("--theme", help="A theme code, e.g. hr (human rights).")
        self.add_format(parser)

    def handle(self, *args, state, body, theme, **options):
        (iso3,) = state_codes(state)
        if theme and not Theme.objects.filter(code=theme).exists():
            known = ", ".join(Theme.objects.values_list("code", flat=True)) or "none imported"
            raise CommandError(f"No theme with the code {theme!r} (known: {known}).")
        public_codes = PublicCodes(timezone.now())
        votes = record.reprisals_votes(iso3, public_codes)
        dissociations = record.dissociations_of(iso3, public_codes)
        by_year = record.theme_record(iso3, body, theme) if theme else None
        if options["format"] == "json":
            self.write_json({"state": iso3, "reprisals_votes": votes,
                             "dissociations": dissociations,
                             "theme": theme and {"body": body, "code": theme, "years": by_year}},
                            )  # fmt: skip
            return
        self.print(table(f"{iso3} on the resolutions on reprisals",
                         ["text voted on", "date", "motion", "result", f"vote of {iso3}"],
                         [(row["key"], row["date"] or row["session"], row["classification"],
                           row["result"] or "—", row["vote"] or "no vote recorded")
                          for row in votes]))  # fmt: skip
        if dissociations:
            self.print(table(f"{iso3}'s dissociations", ["from", "date", "text"],
                             [(row["document"] or row["vote_event"], row["date"], row["text"])
                              for row in dissociations]))  # fmt: skip
        if theme:
            self.print(table(f"{iso3}'s votes in {body} on theme {theme}, per year",
                             ["year", *VoteOption.values],
                             [(row["year"], *(row[option] for option in VoteOption.values))
                              for row in by_year]))  # fmt: skip
            if not by_year:
                self.print(f"No vote of {iso3} in {body} on theme {theme} is recorded.")
