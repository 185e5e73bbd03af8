"""Import the Human Rights Council's recorded votes (the `hrc_votes` format):

- `resolutions.csv`: name, vote_date (YYYY/MM/DD), summary, agenda, passed, type
- `votes.csv`: resolution_name, country_short (ISO alpha-3), vote
- `countries.csv`: country_short, country_long, category

What the source says, and what is made of it:

- `name` is the symbol voted on. The dataset's known slips (REPAIRS) are
  read as the symbol meant; the name as written is kept on the vote event.
- `type` is the scraper's heuristic (every `L.` symbol is "amendment", so a
  rejected draft would be called one). It is kept as written and followed;
  where the title's own word differs, that is kept beside it.
- `passed` is computed by the scraper (yes > no), not the official result:
  it becomes the result with basis "computed". An event without named votes
  has passed = 0 from nothing; that value is not used.
- votes YES, NO, ABSTAIN, NO_VOTE (OHCHR's "non-voting") become yes, no,
  abstain, not voting; the code is kept.
- `category` is the thesis author's grouping, not the UN's: not imported.
- There is no membership list. Only members vote, so each State that votes
  in a year gets a derived membership from its first to its last recorded
  vote of that year.
- Which draft an amendment would change is not given: where exactly one
  adopted resolution or decision of the same session has the amendment's
  title, it is linked as `amends`, flagged as inferred.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.db import transaction

from reprisals.diplomacy.importing.common import (
    audit_import,
    ensure_source,
    read_date,
    read_symbol,
    refresh_statistics,
    state_ids_by_iso3,
    write_votes,
)
from reprisals.diplomacy.importing.files import CsvFile, Problems
from reprisals.diplomacy.importing.progress import SILENT
from reprisals.diplomacy.importing.sync import Tally, keys_to_pks, sync
from reprisals.diplomacy.models import Document, Membership, Motion, VoteEvent
from reprisals.diplomacy.symbols import SymbolError
from reprisals.diplomacy.vocab import (
    DocumentKind,
    MotionClassification,
    ResultBasis,
    VoteOption,
    VoteResult,
)
from reprisals.reference.models import Body

DATASET = "hrc_votes"
URL = "https://github.com/tsujamin/unhrc-nominate"
NOTE = (
    "Human Rights Council recorded votes 2006-2024 scraped from OHCHR's voting records "
    "(thesis data). 'type' is a heuristic (every L. symbol is called an amendment); 'passed' is "
    "computed by the scraper as yes > no, not the official result; some recorded votes are "
    "missing; no sponsors."
)
OPTIONS = {"YES": VoteOption.YES, "NO": VoteOption.NO, "ABSTAIN": VoteOption.ABSTAIN,
           "NO_VOTE": VoteOption.NOT_VOTING}  # fmt: skip
TYPES = {
    "resolution": MotionClassification.ADOPT_RESOLUTION,
    "decision": MotionClassification.ADOPT_DECISION,
    "amendment": MotionClassification.AMENDMENT,
}
REPAIRS = [
    (r"A/HRC/RES/([0-9]+)/(L\.[0-9]+)", r"A/HRC/\1/\2", "written with RES/, which no draft has"),
    (r"A/HRC/DEC([0-9]+)/([0-9]+)", r"A/HRC/DEC/\1/\2", "written without the slash after DEC"),
    (r"(.+) as orally revised", r"\1", "voted as orally revised"),
]
PASSED_NOTE = "hrc_votes 'passed' (yes > no), computed by the scraper; not the official result"
ADOPTED_KINDS = {DocumentKind.HRC_RESOLUTION, DocumentKind.HRC_DECISION}
# "<title> :resolution /adopted by the Human Rights Council at its 24th session"
_SUMMARY = re.compile(r"(?s)(.*?)\s*:?\s*(resolution|decision|amendment)\s*/[^/]*")


@dataclass
class Event:
    line: int
    recorded_as: str
    symbol: object
    repair: str
    date: object
    title: str
    word: str  # what the title calls it: resolution, decision, amendment, or ""
    summary: str
    agenda: str
    passed: str
    type: str


def import_hrc_votes(directory, *, actor=None, bar=SILENT):
    """Import the dataset in `directory` all or nothing; returns a Tally.
    Raises InputProblems naming every problem's file, line and field."""
    directory = Path(directory)
    problems = Problems(directory)
    data = _Reading(directory, problems)
    problems.raise_if_any()
    with transaction.atomic():
        tally = _Writing(data, actor, bar).run()
    refresh_statistics()
    return tally


class _Reading:
    def __init__(self, directory, problems):
        self.problems = problems
        self.states = state_ids_by_iso3()
        self.countries = self._countries(directory / "countries.csv")
        self.events = self._events(directory / "resolutions.csv")
        self.votes = self._votes(directory / "votes.csv")

    def _countries(self, path):
        file = CsvFile(path, ["country_short"], self.problems)
        codes = set()
        for line, (code,) in file.records():
            if code not in self.states:
                self.problems.add(file.name, line, "country_short", _unknown_state(code))
            codes.add(code)
        return codes

    def _events(self, path):
        columns = ["name", "vote_date", "summary", "agenda", "passed", "type"]
        file = CsvFile(path, columns, self.problems, multiline=("summary", "agenda"))
        events, symbols = {}, {}
        for line, (name, day, summary, agenda, passed, kind) in file.records():
            add = partial(self.problems.add, file.name, line)
            try:
                symbol, repair = read_symbol(name, REPAIRS)
            except SymbolError as error:
                add("name", str(error))
                continue
            date = read_date(day, "/")
            if date is None:
                add("vote_date", f"{day!r} is not a date written YYYY/MM/DD")
            if passed not in ("0", "1"):
                add("passed", f"{passed!r} is neither 0 nor 1")
            if kind not in TYPES:
                add("type", f"{kind!r} is not one of {', '.join(TYPES)}")
            if name in events or str(symbol) in symbols:
                first = symbols.get(str(symbol), events.get(name))
                add("name", f"{str(symbol)!r} was voted on already, at line {first.line}")
                continue
            match = _SUMMARY.fullmatch(summary)
            title, word = (match.group(1), match.group(2)) if match else (summary.strip(), "")
            event = Event(line, name, symbol, repair, date, title, word, summary, agenda, passed,
                          kind)  # fmt: skip
            events[name] = symbols[str(symbol)] = event
        return events

    def _votes(self, path):
        file = CsvFile(path, ["resolution_name", "country_short", "vote"], self.problems)
        votes, seen = [], {}
        for line, (name, code, raw) in file.records():
            add = partial(self.problems.add, file.name, line)
            if name not in self.events:
                add("resolution_name", f"{name!r} is not a name in resolutions.csv")
            if code not in self.states:
                add("country_short", _unknown_state(code))
            elif code not in self.countries:
                add("country_short", f"{code!r} is not listed in countries.csv")
            if raw not in OPTIONS:
                add("vote", f"{raw!r} is not one of {', '.join(OPTIONS)}")
            if (name, code) in seen:
                add("country_short", f"{code} voted on {name} already, at line {seen[name, code]}")
            seen[name, code] = line
            if name in self.events and code in self.states and raw in OPTIONS:
                votes.append((name, self.states[code], OPTIONS[raw], raw, line))
        return votes


def _unknown_state(code):
    return f"{code!r} is not an ISO 3166-1 alpha-3 code of a State in the reference list"


def _same_title(title):
    return " ".join(title.split()).casefold()


class _Writing:
    def __init__(self, data, actor, bar):
        self.data, self.actor, self.bar = data, actor, bar
        self.tally = Tally()
        self.body = Body.objects.get(code="HRC")
        self.events = list(data.events.values())
        self.voted = {name for name, *_ in data.votes}
        self.adopted = defaultdict(list)  # (session, title) -> adopted texts
        for event in self.events:
            if event.symbol.kind in ADOPTED_KINDS:
                self.adopted[event.symbol.session, _same_title(event.title)].append(event)

    def run(self):
        self.resolutions = ensure_source(DATASET, "resolutions.csv", url=URL, note=NOTE)
        self.votes_file = ensure_source(DATASET, "votes.csv", url=URL, note=NOTE)
        documents = self.write_documents()
        motions = self.write_motions(documents)
        vote_events = self.write_vote_events(motions)
        self.write_votes(vote_events)
        self.write_memberships()
        audit_import(self.actor, "import_hrc_votes", self.resolutions, self.tally)
        return self.tally

    def owned(self, values):
        return {"source_id": self.resolutions.pk, **values}

    def write_documents(self):
        wanted = {}
        for event in self.events:
            adopted = event.symbol.kind in ADOPTED_KINDS
            wanted[(str(event.symbol),)] = self.owned({
                "kind": event.symbol.kind, "body_id": self.body.pk,
                "session": event.symbol.session, "title": event.title,
                "date": event.date if adopted else None, "line": event.line,
            })  # fmt: skip
        existing = Document.objects.filter(symbol__in=[symbol for (symbol,) in wanted])
        sync(Document, wanted, key=("symbol",), existing=existing, tally=self.tally)
        return {symbol: pk for (symbol,), pk in keys_to_pks(existing, ("symbol",)).items()}

    def amended(self, event, documents):
        """The adopted text of the same session with the amendment's title, if one."""
        if TYPES[event.type] != MotionClassification.AMENDMENT:
            return None
        found = self.adopted[event.symbol.session, _same_title(event.title)]
        return documents[str(found[0].symbol)] if len(found) == 1 else None

    def write_motions(self, documents):
        wanted = {}
        for event in self.events:
            amends = self.amended(event, documents)
            as_recorded = f"type={event.type}"
            if event.word and TYPES.get(event.word) != TYPES[event.type]:
                as_recorded += f"; title says {event.word}"
            wanted[(self.body.pk, str(event.symbol))] = self.owned({
                "document_id": documents[str(event.symbol)],
                "classification": TYPES[event.type], "classification_as_recorded": as_recorded,
                "title": event.title, "text": event.summary, "amends_id": amends,
                "amends_inferred": amends is not None, "requirement": "", "line": event.line,
            })  # fmt: skip
        return self.sync_by_identifier(Motion, wanted)

    def write_vote_events(self, motions):
        wanted = {}
        for event in self.events:
            if event.recorded_as in self.voted:
                result = VoteResult.ADOPTED if event.passed == "1" else VoteResult.REJECTED
                basis, note = ResultBasis.COMPUTED, PASSED_NOTE
            else:
                result, basis = VoteResult.NOT_STATED, ResultBasis.NOT_STATED
                note = f"no named votes in hrc_votes; its 'passed' ({event.passed}) is not used"
            if event.repair:
                note += f"; symbol {event.repair}"
            identifier = str(event.symbol)
            wanted[(self.body.pk, identifier)] = self.owned({
                "recorded_as": event.recorded_as, "motion_id": motions[(self.body.pk, identifier)],
                "date": event.date, "session": event.symbol.session, "result": result,
                "result_basis": basis, "result_note": note, "important": None,
                "agenda": event.agenda, "line": event.line,
            })  # fmt: skip
        return self.sync_by_identifier(VoteEvent, wanted)

    def sync_by_identifier(self, model, wanted):
        existing = model.objects.filter(body=self.body)
        sync(model, wanted, key=("body_id", "identifier"), existing=existing, tally=self.tally)
        return keys_to_pks(existing, ("body_id", "identifier"))

    def write_votes(self, vote_events):
        by_event = defaultdict(list)
        for name, state_id, option, raw, line in self.data.votes:
            event_id = vote_events[(self.body.pk, str(self.data.events[name].symbol))]
            by_event[event_id].append((state_id, "", option, raw, self.votes_file.pk, line))
        step = self.bar.step("Writing HRC votes", total=len(self.data.votes))
        write_votes(by_event, tally=self.tally, step=step)

    def write_memberships(self):
        """One derived membership per State and year it voted in."""
        dates = defaultdict(list)  # (state, year) -> dates of its votes
        year_dates = defaultdict(set)  # year -> dates of recorded votes
        for name, state_id, *_ in self.data.votes:
            date = self.data.events[name].date
            dates[state_id, date.year].append(date)
            year_dates[date.year].add(date)
        wanted = {}
        for (state_id, year), seen in dates.items():
            first, last = min(seen), max(seen)
            held = sum(first <= day <= last for day in year_dates[year])
            note = (f"Derived from hrc_votes: votes on {len(set(seen))} of the {held} days with "
                    f"recorded votes between its first and last vote of {year}.")  # fmt: skip
            wanted[(state_id, self.body.pk, first, self.votes_file.pk)] = {
                "end": last, "derived": True, "note": note, "line": None,
            }  # fmt: skip
        sync(Membership, wanted, key=("state_id", "body_id", "start", "source_id"),
             existing=Membership.objects.filter(body=self.body, source=self.votes_file),
             tally=self.tally, keep_other_sources=False)  # fmt: skip
