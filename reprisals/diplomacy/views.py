"""The diplomatic record's public page: a vote event, with the counts each
source reports beside the tally of the named votes, and every State's vote.

Votes are public record. A motion may name a case of the register ("case
2013-CHN-001"): the code is taken out of what is shown, and the case is
linked only while register.public shows it.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from reprisals.diplomacy import analysis, record
from reprisals.diplomacy.vocab import MotionClassification, VoteOption, VoteResult
from reprisals.register import public

MAX_SYMBOL = 100


def vote_page(request, symbol):
    events = list(analysis.vote_events_for(symbol[:MAX_SYMBOL]))
    if not events:
        raise Http404
    now = timezone.now()
    shown = [shown_event(event, now) for event in events]
    return render(request, "diplomacy/vote.html", {"symbol": symbol, "events": shown})


def shown_event(event, now):
    recorded = analysis.vote_record(event)
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
        "motion": record.without_case_references(recorded["motion"]),
        "result_note": record.without_case_references(recorded["result_note"]),
        "kind": dict(MotionClassification.choices).get(recorded["classification"], ""),
        "result_label": dict(VoteResult.choices).get(recorded["result"], recorded["result"]),
        "options": [labels[option] for option in VoteOption.values],
        "counts": counts,
        "votes": [
            {**vote, "label": labels.get(vote["option"], vote["option"])}
            for vote in recorded["votes"]
        ],  # fmt: skip
        "cases": [
            code for code in record.cases_named(event) if public.public_case(code, now) is not None
        ],  # fmt: skip
    }
