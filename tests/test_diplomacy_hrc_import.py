"""Importing Human Rights Council recorded votes (the hrc_votes format): the
real dataset reproduces the official counts, re-importing changes nothing,
and a broken file is refused whole with its file, line and field."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from reprisals.audit.models import AuditEntry
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.models import Document, Membership, Motion, Source, Vote, VoteEvent
from reprisals.lib.problems import InputProblems
from tests.diplomacy_data import HRC_VOTES, fingerprint, shared_dataset, write_hrc

pytestmark = pytest.mark.django_db


def votes_of(symbol):
    event = VoteEvent.objects.get(body__code="HRC", identifier=symbol)
    counts = event.derived_counts()
    return counts.get("yes", 0), counts.get("no", 0), counts.get("abstain", 0)


def test_it_reproduces_the_official_counts_of_the_reprisals_resolutions():
    tally = import_hrc_votes(shared_dataset("hrc_votes"))
    assert tally.created == {"document": 974, "motion": 974, "voteevent": 974, "vote": 45387,
                             "membership": 951}  # fmt: skip
    assert votes_of("A/HRC/RES/24/24") == (31, 1, 15)
    assert votes_of("A/HRC/RES/36/21") == (28, 0, 19)
    assert votes_of("A/HRC/RES/42/28") == (36, 0, 11)
    china = Vote.objects.get(vote_event__identifier="A/HRC/RES/36/21", state__iso3="CHN")
    assert (china.option, china.raw, china.source.file) == ("abstain", "ABSTAIN", "votes.csv")
    assert china.line > 1


def test_reimporting_changes_nothing():
    data = shared_dataset("hrc_votes")
    import_hrc_votes(data)
    before = fingerprint()
    tally = import_hrc_votes(data)
    assert fingerprint() == before
    assert not tally.changed
    assert AuditEntry.objects.filter(action="import_hrc_votes").count() == 2


def test_it_keeps_what_the_source_says_and_says_how_it_is_known():
    import_hrc_votes(shared_dataset("hrc_votes"))
    event = VoteEvent.objects.get(identifier="A/HRC/RES/36/21")
    assert (event.result, event.result_basis) == ("adopted", "computed")
    assert "not the official result" in event.result_note
    assert event.date == datetime.date(2017, 9, 29)
    amendment = Motion.objects.get(identifier="A/HRC/36/L.43")
    assert amendment.classification == "amendment"
    assert amendment.classification_as_recorded == "type=amendment"
    assert amendment.amends.symbol == "A/HRC/RES/36/21" and amendment.amends_inferred
    assert Motion.objects.filter(amends__symbol="A/HRC/RES/36/21").count() == 18
    # The title calls it a resolution, the scraper's heuristic an amendment: both kept.
    draft = Motion.objects.get(identifier="A/HRC/35/L.41")
    assert draft.classification_as_recorded == "type=amendment; title says resolution"
    # A resolution without named votes: the source's passed=0 means nothing.
    silent = VoteEvent.objects.get(identifier="A/HRC/RES/56/18")
    assert (silent.result, silent.result_basis) == ("", "")
    assert "not used" in silent.result_note


def test_it_reads_the_datasets_known_slips_as_the_symbols_meant():
    import_hrc_votes(shared_dataset("hrc_votes"))
    draft = VoteEvent.objects.get(identifier="A/HRC/56/L.32")
    assert draft.recorded_as == "A/HRC/RES/56/L.32"
    assert "written with RES/" in draft.result_note
    assert VoteEvent.objects.get(identifier="A/HRC/DEC/22/117").recorded_as == "A/HRC/DEC22/117"
    revised = VoteEvent.objects.get(identifier="A/HRC/50/L.37")
    assert revised.recorded_as == "A/HRC/50/L.37 as orally revised"
    assert Document.objects.get(symbol="A/HRC/50/L.37").kind == "hrc_draft"


def test_it_derives_memberships_per_year_from_the_votes_and_says_so():
    import_hrc_votes(shared_dataset("hrc_votes"))
    assert Membership.objects.filter(start__year=2017, body__code="HRC").count() == 47
    china = Membership.objects.get(state__iso3="CHN", start__year=2017)
    assert china.derived and "Derived from hrc_votes" in china.note
    # Russia was suspended in April 2022: its derived term ends with its last vote.
    russia = Membership.objects.get(state__iso3="RUS", start__year=2022)
    assert russia.end == datetime.date(2022, 4, 1)
    # China sat out 2013 and 2020 between its terms.
    assert not Membership.objects.filter(state__iso3="CHN", start__year__in=[2013, 2020]).exists()


def test_it_imports_a_small_folder_through_the_command(tmp_path, capsys):
    call_command("import_hrc_votes", str(write_hrc(tmp_path / "hrc")))
    assert "vote: 6 new" in capsys.readouterr().out
    assert votes_of("A/HRC/RES/24/24") == (1, 1, 1)
    not_voting = Vote.objects.get(vote_event__identifier="A/HRC/24/L.40", state__iso3="RUS")
    assert (not_voting.option, not_voting.raw) == ("not_voting", "NO_VOTE")
    assert Source.objects.get(file="resolutions.csv").dataset == "hrc_votes"


def test_a_changed_vote_is_updated_on_reimport(tmp_path):
    import_hrc_votes(write_hrc(tmp_path / "first"))
    changed = HRC_VOTES.replace("A/HRC/RES/24/24,CHN,ABSTAIN", "A/HRC/RES/24/24,CHN,NO")
    tally = import_hrc_votes(write_hrc(tmp_path / "second", {"votes.csv": changed}))
    assert (tally.created["vote"], tally.updated["vote"]) == (0, 1)
    assert votes_of("A/HRC/RES/24/24") == (1, 2, 0)


BROKEN = {
    "bad symbol": (
        {"resolutions.csv": "name,vote_date,summary,agenda,passed,type\n"
                            "A/HRC/RES/24,2013/09/27,T,a,1,resolution\n"},
        "resolutions.csv, line 2, field name: 'A/HRC/RES/24' is not a UN document symbol",
    ),
    "unknown option": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,AUT,MAYBE\n"},
        "votes.csv, line 8, field vote: 'MAYBE' is not one of YES, NO, ABSTAIN, NO_VOTE",
    ),
    "broken quoting": (
        {"votes.csv": HRC_VOTES + '"A/HRC/24/L.40,AUT,YES\n'},
        "votes.csv, line 8: broken quoting or field",
    ),
    "quote inside a field": (
        {"votes.csv": HRC_VOTES + 'A/HRC/24/L.40,"AU"T,YES\n'},
        "votes.csv, line 8: broken quoting or field",
    ),
    "wrong encoding": (
        {"countries.csv": "country_short,country_long,category\nAUT,Österreich,N\n"
                          .encode("latin-1")},
        "countries.csv, line 2: not UTF-8: byte 0xd6 at column 5",
    ),
    "missing column": (
        {"votes.csv": "resolution_name,vote\nA/HRC/RES/24/24,YES\n"},
        "votes.csv, line 1, field country_short: this column is missing from the header",
    ),
    "short row": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,AUT\n"},
        "votes.csv, line 8: 2 field(s) where the header has 3",
    ),
    "unknown State": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,XXX,YES\n"},
        "votes.csv, line 8, field country_short: 'XXX' is not an ISO 3166-1 alpha-3 code",
    ),
    "State not in countries.csv": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,FRA,YES\n"},
        "votes.csv, line 8, field country_short: 'FRA' is not listed in countries.csv",
    ),
    "vote on an unknown resolution": (
        {"votes.csv": HRC_VOTES + "A/HRC/RES/99/1,AUT,YES\n"},
        "field resolution_name: 'A/HRC/RES/99/1' is not a name in resolutions.csv",
    ),
    "a State voting twice": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,AUT,YES\n"},
        "votes.csv, line 8, field country_short: AUT voted on A/HRC/24/L.40 already, at line 5",
    ),
    "bad date": (
        {"resolutions.csv": "name,vote_date,summary,agenda,passed,type\n"
                            "A/HRC/RES/24/24,2013-09-27,T,a,1,resolution\n"},
        "line 2, field vote_date: '2013-09-27' is not a date written YYYY/MM/DD",
    ),
    "missing file": ({"countries.csv": None}, "countries.csv: the file is missing"),
    "NUL character": (
        {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,AUT,YES\x00\n"},
        "votes.csv, line 8, field vote: control character U+0000 at position 4; remove it",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_whole_with_its_place(tmp_path, case):
    replace, message = BROKEN[case]
    with pytest.raises(InputProblems) as caught:
        import_hrc_votes(write_hrc(tmp_path / "hrc", replace))
    assert message in caught.value.report()
    assert "nothing was imported" in caught.value.report()
    assert not Document.objects.exists() and not Vote.objects.exists()
    assert not Source.objects.exists() and not AuditEntry.objects.exists()


def test_every_problem_is_reported_at_once(tmp_path):
    votes = HRC_VOTES + "A/HRC/24/L.40,XXX,MAYBE\nA/HRC/RES/1/1,AUT,YES\n"
    with pytest.raises(InputProblems) as caught:
        import_hrc_votes(write_hrc(tmp_path / "hrc", {"votes.csv": votes}))
    report = caught.value.report()
    assert "line 8, field country_short" in report and "line 8, field vote" in report
    assert "line 9, field resolution_name" in report


def test_a_broken_copy_of_the_real_data_writes_nothing(tmp_path):
    real = shared_dataset("hrc_votes")
    votes = (real / "votes.csv").read_text() + "A/HRC/RES/24/24,CHN,PERHAPS\n"
    copy = write_hrc(tmp_path / "hrc", {
        "resolutions.csv": (real / "resolutions.csv").read_bytes(),
        "countries.csv": (real / "countries.csv").read_bytes(), "votes.csv": votes,
    })  # fmt: skip
    with pytest.raises(InputProblems, match="line 45389, field vote: 'PERHAPS'"):
        import_hrc_votes(copy)
    assert not VoteEvent.objects.exists() and not Vote.objects.exists()


def test_the_command_reports_the_problems(tmp_path):
    folder = write_hrc(tmp_path / "hrc", {"votes.csv": HRC_VOTES + "A/HRC/24/L.40,AUT,MAYBE\n"})
    with pytest.raises(CommandError, match="votes.csv, line 8, field vote"):
        call_command("import_hrc_votes", str(folder))
