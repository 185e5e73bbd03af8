from django.core.management.base import CommandError
from django.utils import timezone

from reprisals.diplomacy.analysis import vote_events_for, vote_record
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.management.commands._votes import VotesCommand, table


class Command(VotesCommand):
    help = (
        "The vote events on a document (by UN symbol, e.g. A/HRC/RES/36/21) or with this "
        "identifier: the counts each source reports beside a tally of the named votes, every "
        "State's vote, and each option where a reported count and the named votes disagree. "
        "Both sources are shown; neither overwrites the other. A code of a case of the register "
        "is shown only while the case is public."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol")
        self.add_format(parser)

    def handle(self, *args, symbol, **options):
        events = list(vote_events_for(symbol))
        if not events:
            raise CommandError(f"No vote event on {symbol!r}: give a UN symbol such as "
                               "A/HRC/RES/36/21 or a vote event's identifier.")  # fmt: skip
        public_codes = PublicCodes(timezone.now())
        records = [vote_record(event, public_codes) for event in events]
        if options["format"] == "json":
            self.write_json({"symbol": symbol, "vote_events": records})
            return
        for record in records:
            self.print(*self._tables(record))

    def _tables(self, record):
        when, result = record["date"] or "date unknown", record["result"] or "no result"
        title = f"{record['body']} {record['identifier']} — {record['motion']}, {when}: {result}"
        options = sorted({option for counts in [*record["reported_counts"].values(),
                                                *record["counts_of_named_votes"].values()]
                          for option in counts})  # fmt: skip
        counts = [(f"reported by {source}", *(c.get(option) for option in options))
                  for source, c in record["reported_counts"].items()]  # fmt: skip
        counts += [(f"named votes in {source}", *(c.get(option, 0) for option in options))
                   for source, c in record["counts_of_named_votes"].items()]  # fmt: skip
        flagged = {(d["reported_by"], d["option"]) for d in record["disagreements"]}
        yield table(title, ["counts", *options], counts)
        for d in record["disagreements"]:
            yield (f"DISAGREE {d['option']}: {d['reported']} reported by {d['reported_by']}, "
                   f"{d['named']} named in {d['named_by']}")  # fmt: skip
        if not flagged and record["reported_counts"] and record["counts_of_named_votes"]:
            yield "The reported counts and the named votes agree."
        votes = [(v["state"], v["name"], v["option"], v["raw"], v["source"])
                 for v in record["votes"]]  # fmt: skip
        yield table(
            f"{len(votes)} named votes", ["State", "name", "vote", "as written", "source"], votes
        )
