"""Import the General Assembly's roll-call votes (the `unvotes` format,
Voeten's data as published by the unvotes R package):

- `roll_calls.csv`: rcid, session, importantvote, date, unres, amend, para,
  short, descr
- `issues.csv`: rcid, short_name, issue (theme tags: hr, me, nu, di, co, ec)
- `unvotes.csv.gz`: rcid, country, country_code (ISO alpha-2), vote; read
  compressed as it is

What the source says, and what is made of it:

- Only yes, no and abstain are there: the package dropped absent and
  non-member rows, so an absent State and a non-member look alike and no
  membership is derived. No result is given either.
- `unres` is the resolution a roll call concerns (`R/73/175` is
  A/RES/73/175). Five values are not symbols (IGNORED_UNRES): those roll
  calls have no document, and every `unres` is kept as written. Any other
  value that is not a symbol is a problem.
- `amend` = 1 is an amendment (to the draft of `unres`), `para` = 1 a
  separate vote on a paragraph; coded only until 1985, so later roll calls
  stay unclassified. The codes are kept as written; `importantvote` too.
- `descr` is kept as read: its stray backslashes and doubled quotes, and
  the tabs where columns ran into it, are the source's. Its text
  extraction also left a backspace (U+0008) where a line or page broke, in
  eight roll calls of sessions 66-72 (READ_AS): read as the space it stands
  for, since no text may hold a control character (lib.text).
- States: alpha-2 codes through pycountry to the reference States' alpha-3;
  withdrawn codes to their historical States (WITHDRAWN). Rows without a
  code name an entity (BY_NAME): the Yemen Arab Republic and the Federal
  Republic of Germany, whose seats the Republic of Yemen and Germany hold,
  go to YEM and DEU; Zanzibar (a member for four months before the union
  with Tanganyika, which votes beside it as TZ) has no State and keeps only
  its name. The recorded name is kept on those votes. The package codes
  the USSR's votes as Russia's, the Byelorussian and Ukrainian SSRs' as
  Belarus's and Ukraine's, the Republic of China's (to 1971) as Taiwan's
  and Serbia's as Yugoslavia's: kept as the source has them.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pycountry

from reprisals.diplomacy.importing.common import (
    audit_import,
    ensure_source,
    keys_checked_at_the_end,
    read_date,
    read_symbol,
    refresh_statistics,
    state_ids_by_iso3,
    write_votes,
)
from reprisals.diplomacy.importing.files import CsvFile, Problems
from reprisals.diplomacy.importing.progress import SILENT
from reprisals.diplomacy.importing.sync import Tally, keys_to_pks, sync
from reprisals.diplomacy.models import Document, Motion, Theme, ThemeTag, VoteEvent
from reprisals.diplomacy.symbols import SymbolError
from reprisals.diplomacy.vocab import MotionClassification, VoteOption
from reprisals.reference.models import Body

DATASET = "unvotes"
URL = "https://github.com/dgrtwo/unvotes"
NOTE = (
    "UN General Assembly roll calls 1946-2019 (Erik Voeten's data, unvotes R package, February "
    "2021 release). Yes, no and abstain only: absent and non-member rows were dropped. No "
    "results. amend/para coded until 1985, importantvote from session 39. The USSR is coded as "
    "Russia, the Republic of China (to 1971) as Taiwan, Serbia as Yugoslavia."
)
OPTIONS = {option.value: option.value for option in (VoteOption.YES, VoteOption.NO,
                                                     VoteOption.ABSTAIN)}  # fmt: skip
WITHDRAWN = {"CS": "CSK", "DD": "DDR", "YD": "YMD", "YU": "YUG"}
BY_NAME = {"Yemen Arab Republic": "YEM", "Federal Republic of Germany": "DEU", "Zanzibar": None}
IGNORED_UNRES = {"GOAR/1/1288B", "R/6444A", "R/10 65", "R/16/2/1069B", "SS/5"}
FLAGS = {"0": False, "1": True, "": None}
READ_AS = {"descr": {"\b": " "}}
PROGRESS_EVERY = 10_000


@dataclass
class RollCall:
    line: int
    rcid: int
    session: str
    important: object
    date: object
    unres: str
    symbol: object
    amend: str
    para: str
    short: str
    descr: str

    @property
    def identifier(self):
        return f"rcid:{self.rcid}"

    @property
    def classification(self):
        if self.amend == "1":
            return MotionClassification.AMENDMENT
        if self.para == "1":
            return MotionClassification.PARAGRAPH
        return MotionClassification.UNCLASSIFIED


def import_unga_votes(directory, *, actor=None, bar=SILENT):
    """Import the dataset in `directory` all or nothing; returns a Tally.
    Raises InputProblems naming every problem's file, line and field."""
    directory = Path(directory)
    problems = Problems(directory)
    data = _Reading(directory, problems, bar)
    problems.raise_if_any()
    with keys_checked_at_the_end():
        tally = _Writing(data, actor, bar).run()
    refresh_statistics()
    return tally


def _alpha2_to_state_ids():
    iso3 = state_ids_by_iso3()
    codes = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    codes.update(WITHDRAWN)
    return {alpha2: iso3[alpha3] for alpha2, alpha3 in codes.items() if alpha3 in iso3}


class _Reading:
    def __init__(self, directory, problems, bar):
        self.problems = problems
        self.roll_calls = self._roll_calls(directory / "roll_calls.csv")
        self.tags = self._issues(directory / "issues.csv")
        self.votes = self._votes(directory / "unvotes.csv.gz", bar)

    def _roll_calls(self, path):
        columns = ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short",
                   "descr"]  # fmt: skip
        file = CsvFile(path, columns, self.problems, multiline=("short", "descr"),
                       read_as=READ_AS)  # fmt: skip
        found = {}
        for line, (
            rcid,
            session,
            important,
            day,
            unres,
            amend,
            para,
            short,
            descr,
        ) in file.records():
            add = partial(self.problems.add, file.name, line)
            number = _rcid(rcid, add)
            if number in found:
                add("rcid", f"{number} is already at line {found[number].line}")
            match = re.fullmatch(r"0*([1-9][0-9]{0,2})(\.0)?", session, re.ASCII)
            if not match:
                add("session", f"{session!r} is not a session number")
            date = read_date(day, "-")
            if date is None:
                add("date", f"{day!r} is not a date written YYYY-MM-DD")
            for name, value in (("importantvote", important), ("amend", amend), ("para", para)):
                if value not in FLAGS:
                    add(name, f"{value!r} is not 0, 1 or empty")
            symbol = self._symbol(unres, add)
            if number is not None and number not in found:
                found[number] = RollCall(line, number, match and match.group(1),
                                         FLAGS.get(important), date, unres, symbol, amend, para,
                                         short, descr)  # fmt: skip
        return found

    def _symbol(self, unres, add):
        if not unres or unres in IGNORED_UNRES:
            return None
        try:
            symbol, _ = read_symbol(unres, [])
        except SymbolError as error:
            add("unres", str(error))
            return None
        if symbol.body != "GA":
            add("unres", f"{unres!r} is not a General Assembly symbol")
            return None
        return symbol

    def _issues(self, path):
        file = CsvFile(path, ["rcid", "short_name", "issue"], self.problems)
        tags, names = {}, {}
        for line, (rcid, code, name) in file.records():
            add = partial(self.problems.add, file.name, line)
            number = _rcid(rcid, add)
            if number is not None and number not in self.roll_calls:
                add("rcid", f"{number} is not a roll call in roll_calls.csv")
            if not re.fullmatch(r"[a-z]{1,16}", code, re.ASCII):
                add("short_name", f"{code!r} is not a short lower-case code")
            elif names.setdefault(code, name) != name:
                add("issue", f"{code!r} was called {names[code]!r} before, not {name!r}")
            if (number, code) in tags:
                add("short_name", f"roll call {number} is tagged {code} already")
            tags[number, code] = line
        self.theme_names = names
        return tags

    def _votes(self, path, bar):
        file = CsvFile(path, ["rcid", "country", "country_code", "vote"], self.problems,
                       gzipped=True)  # fmt: skip
        states = _alpha2_to_state_ids()
        by_name = {name: iso3 and state_ids_by_iso3()[iso3] for name, iso3 in BY_NAME.items()}
        votes, seen = [], {}
        rcids = {str(number): number for number in self.roll_calls}
        step = bar.step("Reading GA votes", total=file.text.count("\n") if file.text else 0)
        for line, (rcid, country, code, raw) in file.records():
            if line % PROGRESS_EVERY == 0:
                step.advance(PROGRESS_EVERY)
            add = partial(self.problems.add, file.name, line)
            number = rcids.get(rcid)
            if number is None and _rcid(rcid, add) is not None:
                add("rcid", f"{rcid} is not a roll call in roll_calls.csv")
            if code:
                state_id, voter_name = states.get(code), ""
                if state_id is None:
                    add("country_code", f"{code!r} is not an ISO 3166-1 alpha-2 code of a State")
            elif country in by_name:
                state_id, voter_name = by_name[country], country
            else:
                state_id, voter_name = None, ""
                add("country_code", f"empty, and {country!r} is not a known entity without one")
            if raw not in OPTIONS:
                add("vote", f"{raw!r} is not one of {', '.join(OPTIONS)}")
            voter = (number, state_id or voter_name)
            if voter in seen:
                add("country", f"{country} voted in roll call {number} already, at line "
                    f"{seen[voter]}")  # fmt: skip
            seen[voter] = line
            if number in self.roll_calls and (state_id or voter_name) and raw in OPTIONS:
                votes.append((number, state_id, voter_name, OPTIONS[raw], raw, line))
        return votes


def _rcid(text, add):
    if re.fullmatch(r"[1-9][0-9]{0,8}", text, re.ASCII):
        return int(text)
    add("rcid", f"{text!r} is not a roll-call number")
    return None


class _Writing:
    def __init__(self, data, actor, bar):
        self.data, self.actor, self.bar = data, actor, bar
        self.tally = Tally()
        self.body = Body.objects.get(code="GA")
        self.roll_calls = sorted(data.roll_calls.values(), key=lambda call: call.line)

    def run(self):
        self.main = ensure_source(DATASET, "roll_calls.csv", url=URL, note=NOTE)
        self.issues = ensure_source(DATASET, "issues.csv", url=URL, note=NOTE)
        self.votes_file = ensure_source(DATASET, "unvotes.csv.gz", url=URL, note=NOTE)
        documents = self.write_documents()
        motions = self.write_motions(documents)
        vote_events = self.write_vote_events(motions)
        self.write_themes(vote_events)
        body = self.body.pk
        event_of = {call.rcid: vote_events[body, call.identifier] for call in self.roll_calls}
        by_event = defaultdict(list)
        source = self.votes_file.pk
        for rcid, state_id, name, option, raw, line in self.data.votes:
            by_event[event_of[rcid]].append((state_id, name, option, raw, source, line))
        step = self.bar.step("Writing GA votes", total=len(self.data.votes))
        write_votes(by_event, tally=self.tally, step=step)
        audit_import(self.actor, "import_unga_votes", self.main, self.tally)
        return self.tally

    def write_documents(self):
        wanted = {}
        for call in self.roll_calls:  # the first roll call on a resolution names it
            if call.symbol is not None and (str(call.symbol),) not in wanted:
                wanted[(str(call.symbol),)] = {
                    "kind": call.symbol.kind, "body_id": self.body.pk,
                    "session": call.symbol.session, "title": call.short, "date": None,
                    "source_id": self.main.pk, "line": call.line,
                }  # fmt: skip
        existing = Document.objects.filter(body=self.body)
        sync(Document, wanted, key=("symbol",), existing=existing, tally=self.tally)
        return {symbol: pk for (symbol,), pk in keys_to_pks(existing, ("symbol",)).items()}

    def write_motions(self, documents):
        wanted = {}
        for call in self.roll_calls:
            document = documents[str(call.symbol)] if call.symbol else None
            amendment = call.classification == MotionClassification.AMENDMENT
            wanted[(self.body.pk, call.identifier)] = {
                "document_id": None if amendment else document,
                "classification": call.classification,
                "classification_as_recorded": f"amend={call.amend} para={call.para}",
                "title": call.short, "text": call.descr,
                "amends_id": document if amendment else None, "amends_inferred": False,
                "requirement": "", "source_id": self.main.pk, "line": call.line,
            }  # fmt: skip
        return self.sync_by_identifier(Motion, wanted)

    def write_vote_events(self, motions):
        wanted = {}
        for call in self.roll_calls:
            wanted[(self.body.pk, call.identifier)] = {
                "recorded_as": call.unres, "motion_id": motions[self.body.pk, call.identifier],
                "date": call.date, "session": call.session, "result": "", "result_basis": "",
                "result_note": "unvotes gives no result", "important": call.important,
                "agenda": "", "source_id": self.main.pk, "line": call.line,
            }  # fmt: skip
        return self.sync_by_identifier(VoteEvent, wanted)

    def sync_by_identifier(self, model, wanted):
        existing = model.objects.filter(body=self.body)
        sync(model, wanted, key=("body_id", "identifier"), existing=existing, tally=self.tally)
        return keys_to_pks(existing, ("body_id", "identifier"))

    def write_themes(self, vote_events):
        names = self.data.theme_names
        sync(Theme, {(code,): {"name": name} for code, name in names.items()}, key=("code",),
             existing=Theme.objects.all(), tally=self.tally, keep_other_sources=False)  # fmt: skip
        themes = dict(Theme.objects.values_list("code", "pk"))
        wanted = {
            (vote_events[self.body.pk, f"rcid:{rcid}"], themes[code]): {
                "source_id": self.issues.pk, "line": line,
            }
            for (rcid, code), line in self.data.tags.items()
        }  # fmt: skip
        tags = ThemeTag.objects.filter(vote_event__body=self.body)
        sync(ThemeTag, wanted, key=("vote_event_id", "theme_id"), existing=tags, tally=self.tally)
