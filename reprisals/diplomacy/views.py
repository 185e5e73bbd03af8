"""The diplomatic record's public pages: a vote event, with the counts each
source reports beside the tally of the named votes, and every State's vote;
the amendments to a resolution, each publication's table of who supported
them beside the recorded votes and sponsors; the States voting most like one.

Votes are public record. A text of the record may name a case of the
register ("(case 2013-CHN-001)", in any form): only the codes of the cases
register.public shows now are kept (diplomacy.case_codes), and only those
cases are linked.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reprisals.diplomacy import agreement, analysis, record
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.models import Document
from reprisals.diplomacy.vocab import (
    MotionClassification,
    SponsorshipClassification,
    VoteOption,
    VoteResult,
)
from reprisals.reference.models import State

MAX_SYMBOL = 100


def vote_page(request, symbol):
    events = list(analysis.vote_events_for(symbol[:MAX_SYMBOL]))
    if not events:
        raise Http404
    public_codes = PublicCodes(timezone.now())
    shown = [shown_event(event, public_codes) for event in events]
    symbol = analysis.normal_symbol(symbol[:MAX_SYMBOL])
    document = record.document_record(symbol, public_codes)
    kinds = dict(SponsorshipClassification.choices)
    for sponsor in document["sponsors"]:
        sponsor["kind"] = kinds.get(sponsor["classification"], sponsor["classification"])
    context = {"symbol": symbol, "events": shown, "document": document}
    return render(request, "diplomacy/vote.html", context)


def shown_event(event, public_codes):
    recorded = analysis.vote_record(event, public_codes)
    labels = dict(VoteOption.choices)
    flagged = set()
    for found in recorded["disagreements"]:
        flagged.add(("reported", found["reported_by"], found["option"]))
        flagged.add(("named", found["named_by"], found["option"]))
    counts = [
        {"kind": kind, "source": source,
         "cells": [{"value": tally.get(option, "" if kind == "reported" else 0),
                    "flagged": (kind, source, option) in flagged} for option in VoteOption.values]}
        for kind, by_source in (("reported", recorded["reported_counts"]),
                                ("named", recorded["counts_of_named_votes"]))
        for source, tally in by_source.items()
    ]  # fmt: skip
    return {
        **recorded,
        "kind": dict(MotionClassification.choices).get(recorded["classification"], ""),
        "result_label": dict(VoteResult.choices).get(recorded["result"], recorded["result"]),
        "options": [labels[option] for option in VoteOption.values],
        "counts": counts,
        "votes": [
            {
                **vote,
                "label": labels.get(vote["option"], vote["option"]),
                "no_seat": vote["state"] in recorded["voters_not_members"],
            }
            for vote in recorded["votes"]
        ],  # fmt: skip
        "cases": record.public_cases_named(event, public_codes),
    }


MAX_STATES = 20
# What the record says of a State, as analysis.amendment_table writes it.
RECORD_CELLS = {
    analysis.SPONSORED: _("sponsored"), analysis.VOTED_YES: _("voted yes"),
    analysis.VOTED_NO: _("voted no"), analysis.ABSTAINED: _("abstained"),
    analysis.NOT_A_MEMBER: _("not a member"), analysis.ABSENT: _("absent"),
    analysis.NOT_VOTING: _("present, not voting"), analysis.NO_RECORD: _("no record"),
}  # fmt: skip
OUTCOMES = {**dict(VoteResult.choices), "withdrawn": _("Withdrawn"), "": _("no result recorded")}


def amendments_page(request, symbol):
    """The amendments to a resolution: each publication's table of who
    supported them beside what the record says, every disagreement flagged.
    ?states=CHN,RUS picks the columns (default: the publications' own)."""
    symbol = analysis.normal_symbol(symbol[:MAX_SYMBOL])
    if not Document.objects.filter(symbol=symbol).exists():
        raise Http404
    asked = request.GET.get("states", "")[: MAX_STATES * 4]
    states = [code for code in asked.upper().split(",") if code] or analysis.reported_states(symbol)
    known = set(State.objects.filter(iso3__in=states).values_list("iso3", flat=True))
    unknown = [code for code in states if code not in known]
    if unknown:
        context = {"symbol": symbol, "unknown": unknown}
        return render(request, "diplomacy/amendments.html", context, status=400)
    rows = analysis.amendment_table(symbol, states, PublicCodes(timezone.now()))
    sources = sorted({source for row in rows for source in row.reported})
    tables = [{"source": source, "rows": [shown_row(row, source, states) for row in rows]}
              for source in sources or [""]]  # fmt: skip
    flagged = sum(len(row.disagreements) for row in rows)
    context = {"symbol": symbol, "states": states, "tables": tables, "flagged": flagged}
    return render(request, "diplomacy/amendments.html", context)


def shown_row(row, source, states):
    """One amendment as the table of `source` has it beside the record."""
    reported = row.reported.get(source, {"outcome": "", "cells": {}})
    recorded = row.recorded or {"outcome": "", "cells": {}}
    flagged = {found["state"] for found in row.disagreements if found["reported_by"] == source}
    cells = [
        {"marked": reported["cells"].get(iso3) == analysis.SUPPORTED,
         "in_table": iso3 in reported["cells"],
         "recorded": RECORD_CELLS.get(recorded["cells"].get(iso3), ""),
         "flagged": iso3 in flagged}
        for iso3 in states
    ]  # fmt: skip
    return {
        "label": row.label, "symbol": row.symbol,
        "has_vote": row.recorded is not None and bool(row.recorded.get("source")),
        "cells": cells, "reported_outcome": reported["outcome"],
        "recorded_outcome": OUTCOMES.get(recorded["outcome"], recorded["outcome"]),
        "outcome_flagged": None in flagged,
    }  # fmt: skip


# The bodies whose votes are compared, by code (Body.name is English only).
BODIES = {"GA": _("General Assembly"), "HRC": _("Human Rights Council")}
CLOSEST = 20


def agreement_page(request, body, iso3):
    """The States whose recorded votes in a body are most like this State's:
    the share of identical votes where both voted, and Lijphart's index."""
    state = State.objects.filter(iso3=iso3[:3]).first() if body in BODIES else None
    found = agreement.current(body) if state else None
    if found is None or iso3 not in found.states:
        raise Http404
    closest = found.closest(iso3, CLOSEST)
    names = {row.iso3: row.name for row in
             State.objects.filter(iso3__in=[pair["states"][1] for pair in closest])}  # fmt: skip
    rows = [{"iso3": pair["states"][1], "name": names[pair["states"][1]],
             "both_voted": pair["both_voted"], "share": pair["share"],
             "lijphart": pair["lijphart"]} for pair in closest]  # fmt: skip
    own = found.states.index(iso3)
    context = {"state": state, "body": BODIES[body], "rows": rows,
               "votes": int(found.both_voted[own, own])}  # fmt: skip
    return render(request, "diplomacy/agreement.html", context)
