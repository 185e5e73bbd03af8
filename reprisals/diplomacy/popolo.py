"""The diplomatic record as Popolo JSON (popoloproject.com, v1.0.1).

One JSON object:

- `organizations`: the bodies (`body/HRC`, classification "un body") and the
  States that voted (`state/CHN`, classification "state", with their ISO
  alpha-3 code as an identifier and an area);
- `areas`: one per State (`area/CHN`);
- `motions` and `vote_events` (`motion/HRC/A/HRC/RES/24/24`,
  `vote-event/GA/rcid:6129`), each vote event with its `counts` (as the
  source reports them; none where only named votes are known) and its
  `votes` (`voter_id` a State, or `voter.name` for an entity without one).

Popolo has no place for some of what the record keeps, so objects carry a
`reprisals` member with it (documents voted on, how a result is known, raw
vote codes, source file and line), and the top level one with the sources,
documents and themes. Popolo consumers ignore it; `reprisals import popolo`
reads it back, so an export re-imported into an empty database exports the
same again. Dates are written as dates (YYYY-MM-DD): the time of a vote is
not known.

The file is written as it is read from the database, so ~870,000 votes
never sit in memory at once.
"""

import json
from itertools import groupby

from django.db.models import F

from reprisals.diplomacy.models import (
    Count,
    Document,
    Motion,
    Source,
    Theme,
    ThemeTag,
    Vote,
    VoteEvent,
)
from reprisals.reference.models import Body, State

FORMAT = "reprisals-popolo/1"


def source_key(source_id, sources):
    return str(sources[source_id]) if source_id else None


def _links(source, line):
    note = f"{source.dataset}/{source.file}" + (f" line {line}" if line else "")
    return [{"url": source.url or f"urn:reprisals:source:{source.dataset}", "note": note}]


def _day(value):
    return value.isoformat() if value else None


def write_popolo(stream, *, body=None):
    """Write the record (of one body's code, or all) to a text stream."""
    bodies = Body.objects.filter(code=body) if body else Body.objects.all()
    events = VoteEvent.objects.filter(body__in=bodies).select_related(
        "body", "motion__body", "motion__document", "motion__amends"
    )
    sources = {source.pk: source for source in Source.objects.all()}
    documents = Document.objects.filter(motions__vote_event__in=events) | Document.objects.filter(
        amendments__vote_event__in=events
    )
    state_ids = Vote.objects.filter(vote_event__in=events, state__isnull=False).values("state")
    states = State.objects.filter(pk__in=state_ids).order_by("iso3")
    used_bodies = bodies.filter(pk__in=events.values("body")).order_by("code")
    used = set()
    for rows in (documents, events, Motion.objects.filter(vote_event__in=events),
                 Vote.objects.filter(vote_event__in=events),
                 Count.objects.filter(vote_event__in=events),
                 ThemeTag.objects.filter(vote_event__in=events)):  # fmt: skip
        used.update(rows.order_by().values_list("source", flat=True).distinct())
    used = sorted((sources[pk] for pk in used), key=str)
    head = {
        "reprisals": {
            "format": FORMAT,
            "sources": [_source(source) for source in used],
            "documents": [_document(d, sources) for d in documents.distinct().order_by("symbol")],
            "themes": [{"code": t.code, "name": t.name} for t in Theme.objects.order_by("code")],
        },
        "organizations": [_body(b) for b in used_bodies] + [_state(s) for s in states],
        "areas": [_area(state) for state in states],
    }
    stream.write(json.dumps(head, ensure_ascii=False)[:-1])
    _write_list(stream, "motions", (_motion(e.motion, sources) for e in events.order_by("pk")))
    _write_list(stream, "vote_events", _vote_events(events.order_by("pk"), sources))
    stream.write("}\n")


def _write_list(stream, name, items):
    stream.write(f', "{name}": [')
    for index, item in enumerate(items):
        stream.write(("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False))
    stream.write("\n]")


def _source(source):
    return {"id": str(source), "dataset": source.dataset, "file": source.file, "url": source.url,
            "note": source.note}  # fmt: skip


def _document(document, sources):
    return {
        "symbol": document.symbol, "kind": document.kind, "body": document.body.code,
        "session": document.session, "title": document.title, "date": _day(document.date),
        "source": source_key(document.source_id, sources), "line": document.line,
    }  # fmt: skip


def _body(body):
    return {"id": f"body/{body.code}", "name": body.name, "classification": "un body",
            "identifiers": [{"scheme": "reprisals body", "identifier": body.code}]}  # fmt: skip


def _state(state):
    return {
        "id": f"state/{state.iso3}", "name": state.name_en, "classification": "state",
        "identifiers": [{"scheme": "ISO 3166-1 alpha-3", "identifier": state.iso3}],
        "area_id": f"area/{state.iso3}",
    }  # fmt: skip


def _area(state):
    return {"id": f"area/{state.iso3}", "name": state.name_en, "identifier": state.iso3,
            "classification": "country"}  # fmt: skip


def _motion(motion, sources):
    body = motion.body.code
    return {
        "id": f"motion/{body}/{motion.identifier}", "organization_id": f"body/{body}",
        "identifier": motion.identifier, "classification": motion.classification,
        "text": motion.text, "requirement": motion.requirement or None,
        "sources": _links(sources[motion.source_id], motion.line),
        "reprisals": {
            "title": motion.title,
            "document": motion.document and motion.document.symbol,
            "classification_as_recorded": motion.classification_as_recorded,
            "amends": motion.amends and motion.amends.symbol,
            "amends_inferred": motion.amends_inferred,
            "source": source_key(motion.source_id, sources), "line": motion.line,
        },
    }  # fmt: skip


def _vote_events(events, sources):
    counts = {}
    for count in Count.objects.filter(vote_event__in=events).order_by("option", "source_id"):
        counts.setdefault(count.vote_event_id, []).append(count)
    themes = {}
    tags = ThemeTag.objects.filter(vote_event__in=events).order_by("theme__code")
    for event_id, code, source_id, line in tags.values_list(
        "vote_event_id", "theme__code", "source_id", "line"
    ):
        tag = {"code": code, "source": source_key(source_id, sources), "line": line}
        themes.setdefault(event_id, []).append(tag)
    votes = (
        Vote.objects.filter(vote_event__in=events)
        .order_by("vote_event_id", F("state__iso3").asc(nulls_first=True), "voter_name")
        .values_list("vote_event_id", "state__iso3", "voter_name", "option", "raw", "source_id",
                     "line")  # fmt: skip
        .iterator(chunk_size=20_000)
    )
    grouped = groupby(votes, key=lambda vote: vote[0])
    pending = next(grouped, None)
    for event in events:
        event_votes = []
        if pending is not None and pending[0] == event.pk:
            event_votes = [_vote(vote, sources) for vote in pending[1]]
            pending = next(grouped, None)
        yield _vote_event(event, counts.get(event.pk, []), event_votes, themes, sources)


def _vote_event(event, counts, votes, themes, sources):
    body = event.body.code
    return {
        "id": f"vote-event/{body}/{event.identifier}", "organization_id": f"body/{body}",
        "motion_id": f"motion/{body}/{event.identifier}", "identifier": event.identifier,
        "start_date": _day(event.date), "result": event.result or None,
        "counts": [_count(count, sources) for count in counts], "votes": votes,
        "sources": _links(sources[event.source_id], event.line),
        "reprisals": {
            "recorded_as": event.recorded_as, "session": event.session,
            "result_basis": event.result_basis, "result_note": event.result_note,
            "important": event.important, "agenda": event.agenda,
            "themes": themes.get(event.pk, []),
            "source": source_key(event.source_id, sources), "line": event.line,
        },
    }  # fmt: skip


def _count(count, sources):
    return {"option": count.option, "value": count.value,
            "reprisals": {"note": count.note, "source": source_key(count.source_id, sources),
                          "line": count.line}}  # fmt: skip


def _vote(row, sources):
    _, iso3, voter_name, option, raw, source_id, line = row
    vote = {"voter_id": f"state/{iso3}" if iso3 else None, "option": option}
    if not iso3:
        vote["voter"] = {"name": voter_name}
    vote["reprisals"] = {"raw": raw, "voter_name": voter_name,
                         "source": source_key(source_id, sources), "line": line}  # fmt: skip
    return vote
