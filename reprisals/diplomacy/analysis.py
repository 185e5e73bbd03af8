"""Analyses of the diplomatic record: a vote event's votes beside the counts
sources report, and the amendment-support table of a resolution per source.
Agreement between States is in diplomacy.agreement, a State's
record in diplomacy.record.

Where two sources disagree both are shown and the disagreement flagged;
nothing here chooses one over the other. The texts returned (a motion's
title, a result note, a table's outcome) name only the cases in
`public_codes` (see diplomacy.case_codes; by default none).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from reprisals.diplomacy.case_codes import strip_case_codes
from reprisals.diplomacy.models import (
    Membership,
    Motion,
    ReportedPosition,
    Sponsorship,
    VoteEvent,
)
from reprisals.diplomacy.symbols import SymbolError, parse_symbol

# Cells of the amendment-support table computed from the record.
SPONSORED, VOTED_YES, VOTED_NO, ABSTAINED = "sponsored", "voted yes", "voted no", "abstained"
NOT_A_MEMBER, ABSENT, NOT_VOTING, NO_RECORD = "not a member", "absent", "not voting", "no record"
# Cells of a publication's table.
SUPPORTED, NOT_MARKED = "supported", ""
SUPPORT = {SPONSORED, VOTED_YES}
VOTE_CELLS = {"yes": VOTED_YES, "no": VOTED_NO, "abstain": ABSTAINED, "absent": ABSENT,
              "not_voting": NOT_VOTING}  # fmt: skip


def normal_symbol(text):
    """The symbol in normal form, or the text as given (an identifier)."""
    try:
        return str(parse_symbol(text))
    except SymbolError:
        return text


# -- one vote event ------------------------------------------------------------------


def vote_events_for(symbol):
    """The vote events on a document (by symbol) or with this identifier."""
    symbol = normal_symbol(symbol)
    found = VoteEvent.objects.filter(motion__document__symbol=symbol) | VoteEvent.objects.filter(
        identifier=symbol
    )
    return found.select_related("body", "motion", "source").distinct().order_by("pk")


def vote_record(event, public_codes=frozenset()):
    """A vote event's counts per source beside the tally of its named votes
    (per source of the votes), every State's vote, and the disagreements."""
    reported = defaultdict(dict)
    for count in event.counts.select_related("source"):
        reported[str(count.source)][count.option] = count.value
    votes = [
        {"state": vote.state.iso3 if vote.state else None, "name": vote.state.name_en
         if vote.state else strip_case_codes(vote.voter_name, public_codes),
         "option": vote.option, "raw": vote.raw,
         "source": str(vote.source)}
        for vote in event.votes.select_related("state", "source").order_by("state__iso3")
    ]  # fmt: skip
    named = defaultdict(Counter)
    for vote in votes:
        named[vote["source"]][vote["option"]] += 1
    named = {source: dict(tally) for source, tally in named.items()}
    return {
        "identifier": event.identifier, "body": event.body.code,
        "date": event.date and event.date.isoformat(), "session": event.session,
        "motion": strip_case_codes(event.motion.title or event.motion.identifier, public_codes),
        "classification": event.motion.classification,
        "result": event.result, "result_basis": event.result_basis,
        "result_note": strip_case_codes(event.result_note, public_codes),
        "source": str(event.source),
        "reported_counts": dict(reported), "counts_of_named_votes": named, "votes": votes,
        "disagreements": count_disagreements(reported, named),
        "voters_not_members": voters_not_members(event, votes),
    }  # fmt: skip


def voters_not_members(event, votes):
    """The States named as voting that hold no seat on the body on the day,
    where the body's seats on that day are on record (Membership); none
    where the event has no date or no seat is recorded for the day."""
    if event.date is None:
        return []
    seats = Membership.objects.filter(body_id=event.body_id, start__lte=event.date)
    members = set(seats.exclude(end__lt=event.date).values_list("state__iso3", flat=True))
    if not members:
        return []
    named = {vote["state"] for vote in votes if vote["state"]}
    return sorted(named - members)


def count_disagreements(reported, named):
    """Every option where a source's count differs from a tally of named votes."""
    found = []
    for count_source, counts in reported.items():
        for vote_source, tally in named.items():
            for option in sorted(counts):
                if counts[option] != tally.get(option, 0):
                    found.append({"option": option, "reported": counts[option],
                                  "reported_by": count_source, "named": tally.get(option, 0),
                                  "named_by": vote_source})  # fmt: skip
    return found


# -- amendment-support table -----------------------------------------------------------


@dataclass
class AmendmentRow:
    label: str
    symbol: str | None
    reported: dict = field(default_factory=dict)  # source: {"outcome", "cells": {iso3: cell}}
    recorded: dict | None = None  # {"outcome", "basis", "cells": {iso3: cell}}
    disagreements: list = field(default_factory=list)


def amendment_table(symbol, states, public_codes=frozenset()):
    """The amendments to a resolution, each with what every publication's
    table says of `states` (ISO alpha-3) and what the record says (sponsored,
    voted yes / no, abstained, not a member, …), disagreements flagged."""
    amendments = Motion.objects.filter(amends__symbol=normal_symbol(symbol)).select_related(
        "document"
    )
    rows = {}
    for motion in amendments.order_by("pk"):
        key = motion.document.symbol if motion.document else f"motion:{motion.pk}"
        row = rows.setdefault(key, AmendmentRow(motion.title, motion.document and key))
        positions = list(motion.reported_positions.select_related("state", "source"))
        if positions:
            row.label = motion.title
        for position in positions:
            table = row.reported.setdefault(str(position.source), {"outcome": "", "cells": {}})
            table["outcome"] = position.outcome
            if position.state.iso3 in states:
                table["cells"][position.state.iso3] = SUPPORTED if position.supported else ""
        if hasattr(motion, "vote_event"):
            row.recorded = _recorded_row(motion.vote_event, states)
    for row in rows.values():
        if row.recorded is None and row.symbol:
            row.recorded = _sponsored_only(row.symbol, states)
        row.disagreements = _row_disagreements(row, states)
    return [_stripped(row, public_codes) for row in sorted(rows.values(), key=_row_order)]


def _stripped(row, public_codes):
    """The row with the codes of non-public cases taken out of its texts (the
    label, and each table's outcome as written), once it is ordered and compared."""
    row.label = strip_case_codes(row.label, public_codes)
    for table in row.reported.values():
        table["outcome"] = strip_case_codes(table["outcome"], public_codes)
    for found in row.disagreements:
        if found["state"] is None:
            found["reported"] = strip_case_codes(found["reported"], public_codes)
    return row


def reported_states(symbol):
    """The States the publications' tables of amendments to a resolution
    have columns for, in the order the tables give them."""
    found = ReportedPosition.objects.filter(motion__amends__symbol=normal_symbol(symbol))
    return list(dict.fromkeys(found.order_by("pk").values_list("state__iso3", flat=True)))


def _row_order(row):
    label = row.label.split("#", 1)
    number = label[1].split(" ", 1)[0] if len(label) == 2 else ""
    return (0, int(number), "") if number.isdigit() else (1, 0, row.symbol or row.label)


def _recorded_row(event, states):
    votes = {v.state.iso3: v.option for v in event.votes.select_related("state") if v.state}
    sponsors = _sponsors(event.motion.document, states)
    cells = {}
    for iso3 in states:
        if iso3 in sponsors:
            cells[iso3] = SPONSORED
        elif iso3 in votes:
            cells[iso3] = VOTE_CELLS[votes[iso3]]
        elif event.date and not _member(iso3, event.body_id, event.date):
            cells[iso3] = NOT_A_MEMBER
        else:
            cells[iso3] = NO_RECORD
    return {"outcome": event.result, "basis": event.result_basis, "source": str(event.source),
            "cells": cells}  # fmt: skip


def _sponsored_only(symbol, states):
    """A document with no recorded vote (e.g. withdrawn): its sponsors only."""
    sponsors = set(
        Sponsorship.objects.filter(document__symbol=symbol, state__iso3__in=states).values_list(
            "state__iso3", flat=True
        )
    )
    cells = {iso3: SPONSORED if iso3 in sponsors else NO_RECORD for iso3 in states}
    return {"outcome": "", "basis": "", "source": "", "cells": cells}


def _sponsors(document, states):
    if document is None:
        return set()
    rows = document.sponsorships.filter(state__iso3__in=states)
    return set(rows.values_list("state__iso3", flat=True))


def _member(iso3, body_id, day):
    terms = Membership.objects.filter(state__iso3=iso3, body_id=body_id, start__lte=day)
    return terms.exclude(end__lt=day).exists()


def _row_disagreements(row, states):
    """A table's mark against the record: a mark where the State did not
    sponsor or vote yes (e.g. voted no, or was not a member), no mark where
    it did; and a table's outcome against the recorded result."""
    found = []
    recorded = row.recorded
    if recorded is None:
        return found
    for source, table in row.reported.items():
        for iso3 in states:
            if iso3 not in table["cells"] or recorded["cells"][iso3] == NO_RECORD:
                continue
            marked = table["cells"][iso3] == SUPPORTED
            if marked != (recorded["cells"][iso3] in SUPPORT):
                found.append({"state": iso3, "reported": table["cells"][iso3] or "not marked",
                              "reported_by": source,
                              "recorded": recorded["cells"][iso3]})  # fmt: skip
        # No recorded result (no vote event, or one whose source states
        # none) is an absence of record, not a disagreement.
        if recorded["outcome"] and _outcome(table["outcome"]) != recorded["outcome"]:
            found.append({"state": None, "reported": table["outcome"], "reported_by": source,
                          "recorded": recorded["outcome"] or "no result recorded"})  # fmt: skip
    return found


def _outcome(written):
    return {"ADOPTED": "adopted", "REJECTED": "rejected", "WITHDRAWN": "withdrawn"}.get(
        written.upper(), written.lower()
    )
