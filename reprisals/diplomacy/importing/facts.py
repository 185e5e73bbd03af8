"""Load facts written by editors from a publication (format
`reprisals-diplomacy-facts/1`, e.g. reprisals/demo/diplomacy.json): the
resolutions and how each was adopted with the counts the publication
reports, a vote with its reported counts and its named votes kept apart, a
table of who supported which amendment, dissociations, sponsorships, seats
on a body, and statements (by a State or a group) with their frames. Each
record cites its place in the publication (a Source of its own: dataset =
the publication, file = section, footnote, pages).

All or nothing, and idempotent: rows are matched on their natural keys and
a row already there, from this source or another, is left as it is, so
nothing recorded from a dataset is ever overwritten by the publication.
"""

import datetime

from django.db import transaction

from reprisals.diplomacy.importing.common import ensure_source
from reprisals.diplomacy.models import (
    Count,
    Dissociation,
    Document,
    Frame,
    Membership,
    Motion,
    ReportedPosition,
    Sponsorship,
    Statement,
    Vote,
    VoteEvent,
)
from reprisals.diplomacy.symbols import parse_symbol
from reprisals.diplomacy.vocab import MotionClassification
from reprisals.lib.documents import read_document
from reprisals.reference.models import Body, State

FORMAT = "reprisals-diplomacy-facts/1"
# Keys whose texts are kept in a TextField, and so may hold lines.
MULTILINE = {"title", "text", "summary", "label"}


def load_facts(path):
    return import_facts(read_document(path, FORMAT, multiline=MULTILINE))


@transaction.atomic
def import_facts(data):
    """Returns counts of what the document holds."""
    facts = _Facts(data)
    for item in data["resolutions"]:
        facts.resolution(item)
    facts.point_of_order(data["point_of_order"])
    for table in data["tables"]:
        facts.table(table)
    for item in data["dissociations"]:
        facts.dissociation(item)
    for item in data.get("sponsorships", []):
        facts.sponsorship(item)
    for item in data.get("memberships", []):
        facts.membership(item)
    for item in data["statements"]:
        facts.statement(item)
    return {
        "resolutions": len(data["resolutions"]),
        "amendments in tables": sum(len(table["rows"]) for table in data["tables"]),
        "statements": len(data["statements"]),
    }


class _Facts:
    def __init__(self, data):
        self.sources = {
            item["key"]: ensure_source(item["dataset"], item["file"], note=item["note"])
            for item in data["sources"]
        }
        self.read_at = datetime.datetime.fromisoformat(data["read_at"])
        self.hrc = Body.objects.get(code="HRC")
        self.states = dict(State.objects.values_list("iso3", "pk"))

    def document(self, symbol, source, **values):
        parsed = parse_symbol(symbol)
        document, _ = Document.objects.get_or_create(
            symbol=str(parsed),
            defaults={"kind": parsed.kind, "body": Body.objects.get(code=parsed.body),
                      "session": parsed.session, "source": source, **values},
        )  # fmt: skip
        return document

    def motion(self, identifier, source, **values):
        motion, _ = Motion.objects.get_or_create(
            body=self.hrc, identifier=identifier, defaults={"source": source, **values}
        )
        return motion

    def vote_event(self, motion, source, **values):
        event, _ = VoteEvent.objects.get_or_create(
            body=self.hrc, identifier=motion.identifier,
            defaults={"motion": motion, "source": source, **values},
        )  # fmt: skip
        return event

    def counts(self, event, source, counts):
        for option, value, note in counts:
            Count.objects.get_or_create(
                vote_event=event, option=option, source=source,
                defaults={"value": value, "note": note},
            )  # fmt: skip

    def resolution(self, item):
        source = self.sources[item["source"]]
        document = self.document(item["symbol"], source, title=item["title"])
        motion = self.motion(document.symbol, source, document=document, title=item["title"],
                             classification=MotionClassification.ADOPT_RESOLUTION)  # fmt: skip
        event = self.vote_event(
            motion, source, session=document.session, recorded_as=item["symbol"],
            result=item["result"], result_note=item["result_note"][:300],
        )  # fmt: skip
        self.counts(event, source, [(c["option"], c["value"], c["note"]) for c in item["counts"]])

    def point_of_order(self, item):
        counted, named = (
            self.sources[item["counts"]["source"]],
            self.sources[item["votes"]["source"]],
        )
        motion = self.motion(item["identifier"], counted, title=item["title"], text=item["text"],
                             classification=MotionClassification.POINT_OF_ORDER)  # fmt: skip
        event = self.vote_event(motion, counted, session=item["session"], result=item["result"],
                                result_note=item["result_note"][:300])  # fmt: skip
        self.counts(event, counted, [(o, v, "") for o, v in item["counts"]["values"].items()])
        for option in ("yes", "no", "abstain", "absent"):
            for iso3 in item["votes"][option]:
                Vote.objects.get_or_create(
                    vote_event=event, state_id=self.states[iso3],
                    defaults={"option": option, "raw": option, "source": named},
                )  # fmt: skip

    def table(self, table):
        source = self.sources[table["source"]]
        amended = self.document(table["amends"], source)
        for row in table["rows"]:
            document = row["document"] and self.document(row["document"], source)
            motion = self.motion(
                f"{table['amends']} amendment #{row['number']} ({source.dataset})", source,
                title=row["label"], document=document, amends=amended,
                classification=MotionClassification.AMENDMENT,
            )  # fmt: skip
            for iso3 in table["columns"]:
                ReportedPosition.objects.get_or_create(
                    motion=motion, state_id=self.states[iso3], source=source,
                    defaults={"supported": iso3 in row["supported"], "outcome": row["outcome"],
                              "line": row["number"]},
                )  # fmt: skip

    def dissociation(self, item):
        source = self.sources[item["source"]]
        document = self.document(item["document"], source)
        Dissociation.objects.get_or_create(
            document=document, state_id=self.states[item["state"]], source=source,
            defaults={"text": item["text"]},
        )  # fmt: skip

    def sponsorship(self, item):
        source = self.sources[item["source"]]
        document = self.document(item["document"], source, title=item["title"])
        Sponsorship.objects.get_or_create(
            document=document, state_id=self.states[item["state"]], source=source,
            classification=item["classification"],
        )  # fmt: skip

    def membership(self, item):
        Membership.objects.get_or_create(
            state_id=self.states[item["state"]], body=Body.objects.get(code=item["body"]),
            start=datetime.date.fromisoformat(item["start"]), source=self.sources[item["source"]],
            defaults={"end": datetime.date.fromisoformat(item["end"]), "note": item["note"]},
        )  # fmt: skip

    def statement(self, item):
        """A statement of a State ("state": ISO alpha-3) or a group ("group")."""
        source = self.sources[item["source"]]
        state_id = self.states[item["state"]] if item.get("state") else None
        statement, created = Statement.objects.get_or_create(
            state_id=state_id, group_name=item.get("group", ""), event=item["event"],
            source=source,
            defaults={"body": self.hrc, "approximate_date": item["date"],
                      "language": item["language"], "summary": item["summary"],
                      "text": item["text"], "source_url": item["source_url"],
                      "retrieved_at": self.read_at},
        )  # fmt: skip
        if created:
            statement.frames.set(Frame.objects.filter(key__in=item["frames"]))
