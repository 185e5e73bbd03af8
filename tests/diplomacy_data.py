"""The real datasets of ../shared/data (never copied into the project), small
hand-made ones, and a fingerprint of the diplomacy tables."""

import datetime
import gzip
import hashlib
from pathlib import Path

import pytest

from reprisals.diplomacy import models
from reprisals.diplomacy.importing.common import ensure_source
from reprisals.reference.models import Body, State

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TABLES = [models.Source, models.Document, models.Motion, models.VoteEvent, models.Vote,
          models.Count, models.Membership, models.Theme, models.ThemeTag]  # fmt: skip


def shared_dataset(name):
    """The folder of a shared dataset, or skip the test if it is absent."""
    path = SHARED_DATA / name
    if not path.is_dir():
        pytest.skip(f"the shared dataset {path} is absent")
    return path


def fingerprint():
    """{table: (row count, SHA-256 of every row in key order)}, but for the
    vote events' digest of their votes, which an import may fill in on a
    record it did not write (it is not data but a way to skip work)."""
    found = {}
    for model in TABLES:
        digest = hashlib.sha256()
        names = [f.attname for f in model._meta.concrete_fields if f.name != "votes_digest"]
        rows = model.objects.order_by("pk").values_list(*names).iterator(chunk_size=20_000)
        count = 0
        for row in rows:
            digest.update(repr(row).encode())
            count += 1
        found[model.__name__] = (count, digest.hexdigest())
    return found


HRC_RESOLUTIONS = """\
name,vote_date,summary,agenda,passed,type
A/HRC/RES/24/24,2013/09/27,"Cooperation with the UN :resolution /adopted by HRC",5,1,resolution
A/HRC/24/L.40,2013/09/26,"Cooperation with the UN :amendment /HRC",5,0,amendment
"""
HRC_VOTES = """\
resolution_name,country_short,vote
A/HRC/RES/24/24,AUT,YES
A/HRC/RES/24/24,CHN,ABSTAIN
A/HRC/RES/24/24,RUS,NO
A/HRC/24/L.40,AUT,NO
A/HRC/24/L.40,CHN,YES
A/HRC/24/L.40,RUS,NO_VOTE
"""
HRC_COUNTRIES = """\
country_short,country_long,category
AUT,Austria,GLOBAL_NORTH
CHN,China,GLOBAL_SOUTH
RUS,Russian Federation,GLOBAL_NORTH
"""

# As in the real roll_calls.csv, line 6: stray backslashes and doubled quotes.
QUIRKY_DESCR_ROW = r'5,1.0,0,1946-01-04,R/1/98,0,0,VOTING,"OF \MEMBERS PRESENT VOTING\\, IN.\"""""'
QUIRKY_DESCR = r'OF \MEMBERS PRESENT VOTING\\, IN.\""'
GA_ROLL_CALLS = f"""\
rcid,session,importantvote,date,unres,amend,para,short,descr
{QUIRKY_DESCR_ROW}
6129,73.0,,2018-12-17,R/73/175,,,Moratorium on the use of the death penalty,"A/73/251 74b"
874,18.0,0,1963-12-03,,0,1,ZANZIBAR,A PARAGRAPH VOTE
"""
GA_ISSUES = """\
rcid,short_name,issue
6129,hr,Human rights
"""
GA_VOTES = """\
rcid,country,country_code,vote
5,United States,US,no
5,Czechoslovakia,CS,yes
6129,China,CN,no
6129,Germany,DE,yes
874,Zanzibar,,abstain
874,Tanzania,TZ,yes
874,Federal Republic of Germany,,abstain
"""


def write_hrc(folder, replace=None):
    """A small hrc_votes folder; `replace` maps a file name to other text
    or bytes, or to None to leave the file out."""
    texts = {"resolutions.csv": HRC_RESOLUTIONS, "votes.csv": HRC_VOTES,
             "countries.csv": HRC_COUNTRIES}  # fmt: skip
    return _write(folder, {**texts, **(replace or {})})


def write_ga(folder, replace=None):
    """A small unvotes folder, as write_hrc; unvotes.csv.gz is compressed
    unless its replacement is bytes."""
    texts = {"roll_calls.csv": GA_ROLL_CALLS, "issues.csv": GA_ISSUES,
             "unvotes.csv.gz": GA_VOTES}  # fmt: skip
    return _write(folder, {**texts, **(replace or {})})


def _write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        if text is None:
            continue
        data = text
        if isinstance(text, str):
            data = gzip.compress(text.encode()) if name.endswith(".gz") else text.encode()
        (folder / name).write_bytes(data)
    return folder


def three_roll_calls(theme=None):
    """CHN Y Y N, RUS Y A N, FRA N Y - in the GA, on 1, 2 and 3 January 2000;
    the second tagged with `theme` (a Theme) if given."""
    source = ensure_source("test", "hand.csv")
    body = Body.objects.get(code="GA")
    plan = [("CHN", "yes", "yes", "no"), ("RUS", "yes", "abstain", "no"),
            ("FRA", "no", "yes", None)]  # fmt: skip
    for column in range(3):
        identifier = f"rcid:{column}"
        motion = models.Motion.objects.create(body=body, identifier=identifier, source=source,
                                              classification="unclassified")  # fmt: skip
        event = models.VoteEvent.objects.create(
            body=body, identifier=identifier, motion=motion, source=source,
            date=datetime.date(2000, 1, column + 1),
        )  # fmt: skip
        if column == 1 and theme:
            models.ThemeTag.objects.create(vote_event=event, theme=theme, source=source)
        for iso3, *options in plan:
            if options[column]:
                models.Vote.objects.create(vote_event=event, state=State.objects.get(iso3=iso3),
                                           option=options[column], raw=options[column],
                                           source=source)  # fmt: skip
