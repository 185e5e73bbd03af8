from itertools import combinations

from django.core.management.base import CommandError

from reprisals.diplomacy.agreement import agreement
from reprisals.diplomacy.management.commands._votes import VotesCommand, state_codes, table
from reprisals.diplomacy.models import Theme


class Command(VotesCommand):
    help = (
        "Agreement between States in a body's recorded votes: for each pair of the States "
        "given, the share of identical votes where both voted yes, no or abstain, and "
        "Lijphart's index (an abstention against a yes or no counts half); and for each "
        "State, the States that vote with it most. --theme keeps the vote events tagged "
        "with that code (e.g. hr)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--body", required=True, choices=["GA", "HRC"])
        parser.add_argument("--theme", help="A theme code, e.g. hr (human rights).")
        parser.add_argument("--states", required=True, help="ISO alpha-3 codes, e.g. CHN,RUS.")
        parser.add_argument("--closest", type=int, default=10, help="How many closest States.")
        self.add_format(parser)

    def handle(self, *args, body, theme, **options):
        states = state_codes(options["states"])
        if theme and not Theme.objects.filter(code=theme).exists():
            known = ", ".join(Theme.objects.values_list("code", flat=True)) or "none imported"
            raise CommandError(f"No theme with the code {theme!r} (known: {known}).")
        result = agreement(body, theme=theme)
        silent = [iso3 for iso3 in states if iso3 not in result.states]
        if silent:
            raise CommandError(f"No recorded votes of {', '.join(silent)} in {body}"
                               f"{f' on theme {theme}' if theme else ''}.")  # fmt: skip
        pairs = [result.pair(a, b) for a, b in combinations(states, 2)]
        closest = {iso3: result.closest(iso3, limit=options["closest"]) for iso3 in states}
        if options["format"] == "json":
            votes = {iso3: int(result.both_voted[i, i]) for i, iso3 in enumerate(result.states)
                     if iso3 in states}  # fmt: skip
            self.write_json({"body": body, "theme": theme, "votes_cast": votes, "pairs": pairs,
                             "closest": closest})  # fmt: skip
            return
        columns = ["States", "both voted", "identical", "half", "share", "Lijphart"]
        self.print(table(f"Agreement in {body}{f' ({theme})' if theme else ''}", columns,
                         [_row(pair, pair["states"]) for pair in pairs]))  # fmt: skip
        for iso3, found in closest.items():
            self.print(table(f"Votes with {iso3} most", columns,
                             [_row(pair, pair["states"][1:]) for pair in found]))  # fmt: skip


def _row(pair, names):
    return ["–".join(names), pair["both_voted"], pair["identical"], pair["half"],
            _percent(pair["share"]), _percent(pair["lijphart"])]  # fmt: skip


def _percent(value):
    return None if value is None else f"{value:.1%}"
