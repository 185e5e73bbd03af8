"""Import Popolo JSON: the file `reprisals export popolo` writes (see
reprisals/diplomacy/popolo.py), or another tool's, as far as it maps.

What maps: organizations classified "state" with an "ISO 3166-1 alpha-3"
identifier (the voters) and "un body" with a "reprisals body" identifier
(where motions are voted); motions with our classifications; vote events
with their counts and votes. Other organizations are ignored. The
`reprisals` members, where present, give back what Popolo has no place for.
Rows without a source of their own are sourced to the file ("popolo").

All or nothing; each problem is named by its place in the file, e.g.
`vote_events[3].votes[12].option`. Re-importing changes nothing. The file is
read whole: an export of the General Assembly's ~870,000 votes takes about
2 GB of memory to import.
"""

import datetime
import json
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from reprisals.diplomacy.importing.common import (
    audit_import,
    ensure_source,
    refresh_statistics,
    write_votes,
)
from reprisals.diplomacy.importing.files import Problems
from reprisals.diplomacy.importing.progress import SILENT
from reprisals.diplomacy.importing.sync import Tally, keys_to_pks, sync
from reprisals.diplomacy.models import Count, Document, Motion, Theme, ThemeTag, VoteEvent
from reprisals.diplomacy.symbols import SymbolError, parse_symbol
from reprisals.diplomacy.vocab import MotionClassification, ResultBasis, VoteOption, VoteResult
from reprisals.lib.text import normalise_newlines, refusal
from reprisals.reference.models import Body, State

OPTIONS = {**{o.value: o.value for o in VoteOption}, "not voting": VoteOption.NOT_VOTING.value}
RESULTS = {**{r.value: r.value for r in VoteResult if r.value}, "pass": "adopted",
           "fail": "rejected"}  # fmt: skip


def import_popolo(path, *, actor=None, bar=SILENT):
    """Import a Popolo JSON file all or nothing; returns a Tally. Raises
    InputProblems naming every problem's place."""
    path = Path(path)
    problems = Problems(path)
    data = _load(path, problems)
    problems.raise_if_any()
    reading = _Reading(data, problems)
    problems.raise_if_any()
    with transaction.atomic():
        tally = _Writing(reading, path.name, actor, bar).run()
    refresh_statistics()
    return tally


def _load(path, problems):
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        problems.add(path.name, None, None, "the file is missing")
    except UnicodeDecodeError as error:
        problems.add(path.name, None, None, f"not UTF-8 ({error.reason})")
    except json.JSONDecodeError as error:
        problems.add(path.name, error.lineno, None, f"not valid JSON: {error.msg}")
    except RecursionError:
        problems.add(path.name, None, None, "nested too deeply to read")
    else:
        if isinstance(data, dict):
            return data
        problems.add(path.name, None, None, "the file holds no JSON object")
    return None


class _Reading:
    """Checks the file and keeps what it says, keyed by our natural keys."""

    def __init__(self, data, problems):
        self.problems = problems
        self.iso3 = dict(State.objects.values_list("iso3", "pk"))
        self.bodies = dict(Body.objects.values_list("code", "pk"))
        extra = self.object(data, "reprisals", "reprisals")
        self.sources = self.read_sources(extra)
        self.documents = self.read_documents(extra)
        self.themes = {}
        for place, theme in self.items(extra, "themes", "reprisals.themes"):
            self.themes[self.text(theme, "code", place, required=True)] = self.text(
                theme, "name", place
            )
        self.voters, self.organizations = self.read_organizations(data)
        self.motions = self.read_motions(data)
        self.events, seen = [], {}
        for place, item in self.items(data, "vote_events", "vote_events"):
            event = self.read_event(place, item)
            key = (event["body_id"], event["identifier"])
            motion = event["motion"] and event["motion"]["place"]
            for taken, what in ((key, "identifier"), (motion, "motion_id")):
                if taken is None:
                    continue
                if taken in seen:
                    self.add(f"{place}.{what}", f"the same as {seen[taken]}'s")
                seen[taken] = place
            self.events.append(event)

    # -- checked access ------------------------------------------------------------

    def add(self, place, message):
        self.problems.add("", None, place, message)

    def object(self, data, key, place):
        value = data.get(key) if isinstance(data, dict) else None
        if value is not None and not isinstance(value, dict):
            self.add(place, "must be an object")
        return value if isinstance(value, dict) else {}

    def items(self, data, key, place):
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(place, "must be a list")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{place}[{index}]", item))
            else:
                self.add(f"{place}[{index}]", "must be an object")
        return found

    def text(self, data, key, place, *, required=False, multiline=False):
        """Text under lib.text's rule: tab and line breaks only if `multiline`
        (the fields kept in a TextField), where CR LF is read as LF."""
        value = data.get(key)
        if value is None:
            if required:
                self.add(f"{place}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.add(f"{place}.{key}", "must be text")
            return ""
        value = normalise_newlines(value) if multiline else value
        if found := refusal(value, multiline=multiline):
            self.add(f"{place}.{key}", str(found))
            return ""
        return value

    def number(self, data, key, place, *, required=False):
        value = data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
            self.add(f"{place}.{key}", "must be a whole number from 0")
            return None
        return value

    def flag(self, data, key, place):
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            self.add(f"{place}.{key}", "must be true, false or null")
            return None
        return value

    def day(self, data, key, place):
        value = self.text(data, key, place)
        if not value:
            return None
        for read in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
            try:
                found = read(value)
            except ValueError:
                continue
            return found.date() if isinstance(found, datetime.datetime) else found
        self.add(f"{place}.{key}", f"{value!r} is not a date (YYYY-MM-DD)")
        return None

    def choice(self, data, key, place, choices, *, default=""):
        value = self.text(data, key, place)
        if not value:
            return default
        if value not in choices:
            self.add(f"{place}.{key}", f"{value!r} is not one of {', '.join(choices)}")
            return default
        return choices[value] if isinstance(choices, dict) else value

    def source(self, extra, place):
        """(source key or None for the file itself, line)."""
        key = self.text(extra, "source", place) or None
        if key is not None and key not in self.sources:
            self.add(f"{place}.source", f"{key!r} is not one of the file's reprisals.sources")
            key = None
        return key, self.number(extra, "line", place)

    # -- the parts of the file -------------------------------------------------------

    def read_sources(self, extra):
        sources = {}
        for place, item in self.items(extra, "sources", "reprisals.sources"):
            fields = [self.text(item, name, place, required=name not in ("url", "note"),
                                multiline=name == "note")
                      for name in ("id", "dataset", "file", "url", "note")]  # fmt: skip
            sources[fields[0]] = tuple(fields[1:])
        return sources

    def read_documents(self, extra):
        documents = {}
        for place, item in self.items(extra, "documents", "reprisals.documents"):
            symbol = self.symbol(item.get("symbol"), f"{place}.symbol")
            if symbol is None:
                continue
            documents[str(symbol)] = {
                "kind": symbol.kind, "body_id": self.bodies[symbol.body],
                "session": symbol.session,
                "title": self.text(item, "title", place, multiline=True),
                "date": self.day(item, "date", place), "source": self.source(item, place),
            }  # fmt: skip
        return documents

    def symbol(self, text, place):
        try:
            return parse_symbol(text)
        except SymbolError as error:
            self.add(place, str(error))
            return None

    def read_organizations(self, data):
        voters, organizations = {}, {}
        for place, item in self.items(data, "organizations", "organizations"):
            kind = item.get("classification")
            schemes = {"state": "ISO 3166-1 alpha-3", "un body": "reprisals body"}
            if kind not in schemes:
                continue
            codes = [i.get("identifier") for _, i in self.items(item, "identifiers", place)
                     if i.get("scheme") == schemes[kind]]  # fmt: skip
            known = self.iso3 if kind == "state" else self.bodies
            if len(codes) != 1 or codes[0] not in known:
                self.add(f"{place}.identifiers", f"names no {kind} we know by {schemes[kind]}")
                continue
            target = voters if kind == "state" else organizations
            target[self.text(item, "id", place, required=True)] = known[codes[0]]
        return voters, organizations

    def body(self, data, place):
        key = self.text(data, "organization_id", place, required=True)
        if key and key not in self.organizations:
            self.add(f"{place}.organization_id", f"{key!r} is not a UN body of the file")
        return self.organizations.get(key)

    def read_motions(self, data):
        motions = {}
        for place, item in self.items(data, "motions", "motions"):
            extra = self.object(item, "reprisals", f"{place}.reprisals")
            key = self.text(item, "id", place, required=True)
            if key in motions:
                self.add(f"{place}.id", f"the same as {motions[key]['place']}'s")
            document = self.document_of(extra, "document", place)
            amends = self.document_of(extra, "amends", place)
            motions[key] = {
                "place": place, "body_id": self.body(item, place),
                "identifier": self.text(item, "identifier", place) or key,
                "classification": self.choice(item, "classification", place,
                                              MotionClassification.values,
                                              default=MotionClassification.UNCLASSIFIED),
                "classification_as_recorded": self.text(extra, "classification_as_recorded",
                                                        place)[:40],
                "title": self.text(extra, "title", place, multiline=True),
                "text": self.text(item, "text", place, multiline=True),
                "requirement": self.text(item, "requirement", place)[:100],
                "document": document, "amends": amends,
                "amends_inferred": bool(self.flag(extra, "amends_inferred", place)),
                "source": self.source(extra, f"{place}.reprisals"),
            }  # fmt: skip
        return motions

    def document_of(self, extra, key, place):
        text = self.text(extra, key, place)
        if not text:
            return None
        symbol = self.symbol(text, f"{place}.reprisals.{key}")
        if symbol is not None and str(symbol) not in self.documents:
            self.documents[str(symbol)] = {
                "kind": symbol.kind, "body_id": self.bodies[symbol.body],
                "session": symbol.session, "title": "", "date": None, "source": (None, None),
            }  # fmt: skip
        return symbol and str(symbol)

    def read_event(self, place, item):
        extra = self.object(item, "reprisals", f"{place}.reprisals")
        motion_key = self.text(item, "motion_id", place, required=True)
        motion = self.motions.get(motion_key)
        if motion_key and motion is None:
            self.add(f"{place}.motion_id", f"{motion_key!r} is not a motion of the file")
        body = self.body(item, place)
        if motion and body and motion["body_id"] != body:
            self.add(f"{place}.organization_id", "is not the body of its motion")
        return {
            "place": place, "motion": motion, "body_id": body,
            "identifier": self.text(item, "identifier", place) or (motion or {}).get("identifier"),
            "recorded_as": self.text(extra, "recorded_as", place)[:80],
            "date": self.day(item, "start_date", place),
            "session": self.text(extra, "session", place)[:8],
            "result": self.choice(item, "result", place, RESULTS),
            "result_basis": self.choice(extra, "result_basis", place,
                                        [b for b in ResultBasis.values if b]),
            "result_note": self.text(extra, "result_note", place)[:300],
            "important": self.flag(extra, "important", place),
            "agenda": self.text(extra, "agenda", place, multiline=True),
            "themes": [self.theme(tag, tag_place) for tag_place, tag
                       in self.items(extra, "themes", f"{place}.reprisals.themes")],
            "counts": [self.count(count, count_place) for count_place, count
                       in self.items(item, "counts", f"{place}.counts")],
            "votes": [self.vote(vote, vote_place) for vote_place, vote
                      in self.items(item, "votes", f"{place}.votes")],
            "source": self.source(extra, f"{place}.reprisals"),
        }  # fmt: skip

    def theme(self, tag, place):
        code = self.text(tag, "code", place, required=True)
        if code and code not in self.themes:
            self.add(f"{place}.code", f"{code!r} is not one of the file's reprisals.themes")
        return code, self.source(tag, place)

    def count(self, count, place):
        extra = self.object(count, "reprisals", f"{place}.reprisals")
        return {"option": self.choice(count, "option", place, OPTIONS),
                "value": self.number(count, "value", place, required=True),
                "note": self.text(extra, "note", place)[:300],
                "source": self.source(extra, f"{place}.reprisals")}  # fmt: skip

    def vote(self, vote, place):
        extra = self.object(vote, "reprisals", f"{place}.reprisals")
        voter = self.text(vote, "voter_id", place)
        name = self.text(extra, "voter_name", place)[:60]
        state = self.voters.get(voter)
        if voter and state is None:
            self.add(f"{place}.voter_id", f"{voter!r} is not a State of the file")
        if not voter:
            name = self.text(self.object(vote, "voter", f"{place}.voter"), "name", place)[:60]
            if not name:
                self.add(f"{place}.voter_id", "is required, or voter.name")
        option = self.choice(vote, "option", place, OPTIONS)
        if not option:
            self.add(f"{place}.option", "is required")
        raw = self.text(extra, "raw", place)[:10] or option
        return state, name, option, raw, self.source(extra, f"{place}.reprisals")


class _Writing:
    def __init__(self, data, file_name, actor, bar):
        self.data, self.actor, self.bar = data, actor, bar
        self.file_name = file_name
        self.tally = Tally()

    def run(self):
        default = ensure_source("popolo", self.file_name, note="Imported from a Popolo JSON file.")
        self.source_ids = {None: default.pk}
        for key, (dataset, file, url, note) in self.data.sources.items():
            self.source_ids[key] = ensure_source(dataset, file, url=url, note=note).pk
        sync(Theme, {(code,): {"name": name} for code, name in self.data.themes.items()},
             key=("code",), existing=Theme.objects.all(), tally=self.tally,
             keep_other_sources=False)  # fmt: skip
        documents = self.write_documents()
        motions = self.write_motions(documents)
        events = self.write_events(motions)
        self.write_parts(events)
        audit_import(self.actor, "import_popolo", default, self.tally)
        return self.tally

    def sourced(self, values, source):
        key, line = source
        return {**values, "source_id": self.source_ids[key], "line": line}

    def write_documents(self):
        wanted = {(symbol,): self.sourced({k: v for k, v in row.items() if k != "source"},
                                          row["source"])
                  for symbol, row in self.data.documents.items()}  # fmt: skip
        existing = Document.objects.filter(symbol__in=list(self.data.documents))
        sync(Document, wanted, key=("symbol",), existing=existing, tally=self.tally)
        return {symbol: pk for (symbol,), pk in keys_to_pks(existing, ("symbol",)).items()}

    def write_motions(self, documents):
        wanted = {}
        for motion in self.data.motions.values():
            values = {
                k: motion[k]
                for k in (
                    "classification",
                    "classification_as_recorded",
                    "title",
                    "text",
                    "requirement",
                    "amends_inferred",
                )
            }
            values["document_id"] = documents.get(motion["document"])
            values["amends_id"] = documents.get(motion["amends"])
            wanted[(motion["body_id"], motion["identifier"])] = self.sourced(
                values, motion["source"])  # fmt: skip
        existing = Motion.objects.filter(body_id__in={key[0] for key in wanted})
        sync(Motion, wanted, key=("body_id", "identifier"), existing=existing, tally=self.tally)
        return keys_to_pks(existing, ("body_id", "identifier"))

    def write_events(self, motions):
        wanted = {}
        for event in self.data.events:
            motion = event["motion"]
            values = {
                k: event[k]
                for k in (
                    "recorded_as",
                    "date",
                    "session",
                    "result",
                    "result_basis",
                    "result_note",
                    "important",
                    "agenda",
                )
            }
            values["motion_id"] = motions[motion["body_id"], motion["identifier"]]
            wanted[(event["body_id"], event["identifier"])] = self.sourced(values, event["source"])
        existing = VoteEvent.objects.filter(body_id__in={key[0] for key in wanted})
        sync(VoteEvent, wanted, key=("body_id", "identifier"), existing=existing,
             tally=self.tally)  # fmt: skip
        return keys_to_pks(existing, ("body_id", "identifier"))

    def write_parts(self, events):
        themes = dict(Theme.objects.values_list("code", "pk"))
        tags, counts, by_event = {}, {}, defaultdict(list)
        for event in self.data.events:
            event_id = events[event["body_id"], event["identifier"]]
            for code, source in event["themes"]:
                tags[(event_id, themes[code])] = self.sourced({}, source)
            for count in event["counts"]:
                row = self.sourced({"value": count["value"], "note": count["note"]},
                                   count["source"])  # fmt: skip
                counts[(event_id, count["option"], row.pop("source_id"))] = row
            for state, name, option, raw, (source, line) in event["votes"]:
                by_event[event_id].append((state, name, option, raw, self.source_ids[source], line))
        sync(ThemeTag, tags, key=("vote_event_id", "theme_id"),
             existing=ThemeTag.objects.filter(vote_event__in={k[0] for k in tags}),
             tally=self.tally)  # fmt: skip
        sync(Count, counts, key=("vote_event_id", "option", "source_id"),
             existing=Count.objects.filter(vote_event__in={k[0] for k in counts}),
             tally=self.tally, keep_other_sources=False)  # fmt: skip
        step = self.bar.step("Writing votes", total=sum(map(len, by_event.values())))
        write_votes(by_event, tally=self.tally, step=step)
