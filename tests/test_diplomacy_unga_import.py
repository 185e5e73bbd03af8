"""Importing General Assembly roll calls (the unvotes format): the whole real
dataset (870,109 votes), the mapping of country codes to States, the
source's quirks kept, and broken files refused whole."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.models import Document, Motion, ThemeTag, Vote, VoteEvent
from reprisals.lib.problems import InputProblems
from tests.diplomacy_data import (
    GA_ROLL_CALLS,
    GA_VOTES,
    QUIRKY_DESCR,
    fingerprint,
    shared_dataset,
    write_ga,
)

pytestmark = pytest.mark.django_db


def test_it_imports_every_general_assembly_vote_and_reimporting_changes_nothing():
    data = shared_dataset("unvotes")
    tally = import_unga_votes(data)
    assert tally.created["vote"] == Vote.objects.count() == 870_109
    assert tally.created["voteevent"] == 6203 and tally.created["themetag"] == 5745
    moratorium = VoteEvent.objects.get(body__code="GA", recorded_as="R/73/175")
    assert moratorium.motion.document.symbol == "A/RES/73/175"
    counts = moratorium.derived_counts()
    assert (counts["yes"], counts["no"], counts["abstain"]) == (121, 35, 32)
    assert moratorium.themes.filter(code="hr").exists()
    # Entities without a code: mapped by name, or kept by name alone.
    assert Vote.objects.filter(voter_name="Federal Republic of Germany", state__iso3="DEU").count() == 2151  # noqa: E501
    assert Vote.objects.filter(voter_name="Yemen Arab Republic", state__iso3="YEM").count() == 3291
    assert Vote.objects.filter(voter_name="Zanzibar", state=None).count() == 2
    assert Vote.objects.filter(state__iso3="CSK").count() == 3752  # withdrawn code CS

    before = fingerprint()
    again = import_unga_votes(data)
    assert not again.changed
    assert fingerprint() == before


def test_a_reimport_reads_back_only_the_votes_changed_since(tmp_path):
    """Each vote event keeps a digest of the votes an import wrote: a
    re-import compares only the events whose votes were changed another way."""
    data = write_ga(tmp_path / "ga")
    import_unga_votes(data)
    with CaptureQueriesContext(connection) as queries:
        assert not import_unga_votes(data).changed
    assert not [q for q in queries if 'FROM "diplomacy_vote"' in q["sql"]]
    event = VoteEvent.objects.get(identifier="rcid:6129")
    vote = Vote.objects.get(vote_event=event, state__iso3="CHN")
    vote.option = "yes"
    vote.save()
    assert VoteEvent.objects.get(pk=event.pk).votes_digest == ""
    again = import_unga_votes(data)
    assert again.updated["vote"] == 1 and Vote.objects.get(pk=vote.pk).option == "no"
    assert VoteEvent.objects.get(pk=event.pk).votes_digest != ""


def test_it_keeps_the_sources_codes_and_text(tmp_path):
    import_unga_votes(write_ga(tmp_path / "ga"))
    quirky = Motion.objects.get(identifier="rcid:5")
    assert quirky.text == QUIRKY_DESCR  # backslashes and quotes as the source has them
    assert quirky.classification == "unclassified"
    assert quirky.classification_as_recorded == "amend=0 para=0"
    paragraph = VoteEvent.objects.get(identifier="rcid:874")
    assert paragraph.motion.classification == "paragraph"
    assert paragraph.recorded_as == "" and paragraph.motion.document is None
    moratorium = VoteEvent.objects.get(identifier="rcid:6129")
    assert moratorium.session == "73" and moratorium.important is None
    assert (moratorium.result, moratorium.result_basis) == ("", "")
    assert ThemeTag.objects.get().theme.name == "Human rights"
    vote = Vote.objects.get(vote_event=moratorium, state__iso3="CHN")
    assert (vote.option, vote.raw, vote.line, vote.source.file) == ("no", "no", 4, "unvotes.csv.gz")
    assert Vote.objects.get(vote_event__identifier="rcid:5", state__iso3="CSK").option == "yes"
    assert Document.objects.get(symbol="A/RES/1/98").title == "VOTING"


def test_an_amendment_points_at_the_resolution_it_would_change(tmp_path):
    roll_calls = GA_ROLL_CALLS + "7,1.0,0,1946-01-05,R/1/98,1,0,AMENDMENT,TO AMEND\n"
    import_unga_votes(write_ga(tmp_path / "ga", {"roll_calls.csv": roll_calls}))
    amendment = Motion.objects.get(identifier="rcid:7")
    assert amendment.classification == "amendment"
    assert amendment.amends.symbol == "A/RES/1/98" and amendment.document is None


def test_the_known_non_symbols_of_the_dataset_leave_a_roll_call_without_document(tmp_path):
    roll_calls = GA_ROLL_CALLS + "424,10.0,0,1955-09-03,R/10 65,0,0,CYPRUS,AGENDA\n"
    import_unga_votes(write_ga(tmp_path / "ga", {"roll_calls.csv": roll_calls}))
    event = VoteEvent.objects.get(identifier="rcid:424")
    assert event.recorded_as == "R/10 65" and event.motion.document is None


BROKEN = {
    "bad symbol": (
        {"roll_calls.csv": GA_ROLL_CALLS + "9,1.0,0,1946-01-05,R/1,0,0,X,Y\n"},
        "roll_calls.csv, line 5, field unres: 'R/1' is not a UN document symbol",
    ),
    "an HRC symbol": (
        {"roll_calls.csv": GA_ROLL_CALLS + "9,1.0,0,1946-01-05,A/HRC/RES/1/1,0,0,X,Y\n"},
        "line 5, field unres: 'A/HRC/RES/1/1' is not a General Assembly symbol",
    ),
    "unknown option": (
        {"unvotes.csv.gz": GA_VOTES + "6129,France,FR,absent\n"},
        "unvotes.csv.gz, line 9, field vote: 'absent' is not one of yes, no, abstain",
    ),
    "unknown country code": (
        {"unvotes.csv.gz": GA_VOTES + "6129,Atlantis,QQ,yes\n"},
        "line 9, field country_code: 'QQ' is not an ISO 3166-1 alpha-2 code of a State",
    ),
    "entity without code": (
        {"unvotes.csv.gz": GA_VOTES + "6129,Atlantis,,yes\n"},
        "line 9, field country_code: empty, and 'Atlantis' is not a known entity without one",
    ),
    "unknown roll call": (
        {"unvotes.csv.gz": GA_VOTES + "77,France,FR,yes\n"},
        "unvotes.csv.gz, line 9, field rcid: 77 is not a roll call in roll_calls.csv",
    ),
    "a State voting twice": (
        {"unvotes.csv.gz": GA_VOTES + "6129,China,CN,yes\n"},
        "line 9, field country: China voted in roll call 6129 already, at line 4",
    ),
    "broken quoting": (
        {"roll_calls.csv": GA_ROLL_CALLS + '9,1.0,0,1946-01-05,R/1/9,0,0,X,"UNCLOSED\n'},
        "roll_calls.csv, line 5: broken quoting or field",
    ),
    "wrong encoding": (
        {"issues.csv": "rcid,short_name,issue\n6129,hr,Droits de l'homme \xe9\n".encode("latin-1")},
        "issues.csv, line 2: not UTF-8: byte 0xe9",
    ),
    "missing column": (
        {"roll_calls.csv": "rcid,session,date\n5,1.0,1946-01-04\n"},
        "roll_calls.csv, line 1, field unres: this column is missing from the header",
    ),
    "not gzip": (
        {"unvotes.csv.gz": b"rcid,country,country_code,vote\n"},
        "unvotes.csv.gz: cannot be read: Not a gzipped file",
    ),
    "truncated gzip": (
        {"unvotes.csv.gz": gzip.compress(GA_VOTES.encode())[:-12]},
        "unvotes.csv.gz: cannot be read",
    ),
    "bad session": (
        {"roll_calls.csv": GA_ROLL_CALLS + "9,one,0,1946-01-05,R/1/9,0,0,X,Y\n"},
        "line 5, field session: 'one' is not a session number",
    ),
    "bad flag": (
        {"roll_calls.csv": GA_ROLL_CALLS + "9,1.0,yes,1946-01-05,R/1/9,0,0,X,Y\n"},
        "line 5, field importantvote: 'yes' is not 0, 1 or empty",
    ),
    "theme renamed": (
        {"issues.csv": "rcid,short_name,issue\n6129,hr,Human rights\n5,hr,Rights\n"},
        "issues.csv, line 3, field issue: 'hr' was called 'Human rights' before, not 'Rights'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_whole_with_its_place(tmp_path, case):
    replace, message = BROKEN[case]
    with pytest.raises(InputProblems) as caught:
        import_unga_votes(write_ga(tmp_path / "ga", replace))
    assert message in caught.value.report()
    assert not VoteEvent.objects.exists() and not Vote.objects.exists()
