"""`reprisals votes show | amendments | agreement | record | frames`: run as commands on the
demo's facts, small hand-made data and (where present) the shared HRC
votes, their JSON read back and checked."""

import io
import json

import pytest
from django.core.management import CommandError, call_command, get_commands

from reprisals.cli import ALIASES
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.models import ReportedPosition, VoteEvent
from tests.diplomacy_data import shared_dataset, three_roll_calls, write_ga

pytestmark = pytest.mark.django_db

LIKEMINDED = "CHN,RUS,IND,VEN,EGY"


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def run_json(*args, **options):
    return json.loads(run(*args, format="json", **options))


def point_of_order():
    """The identifier of the demo's 2014 point-of-order vote."""
    return VoteEvent.objects.get(motion__classification="point_of_order").identifier


@pytest.mark.parametrize("word", ["show", "amendments", "agreement", "record", "frames"])
def test_each_command_has_its_words(word):
    (command,) = ALIASES[("votes", word)]
    assert command == f"votes_{word}" and command in get_commands()


# -- votes show ------------------------------------------------------------------------


def test_show_gives_both_counts_of_the_2014_point_of_order_and_flags_the_difference(demo):
    (record,) = run_json("votes_show", point_of_order())["vote_events"]
    (text_source,) = record["reported_counts"]
    (named_source,) = record["counts_of_named_votes"]
    assert record["reported_counts"][text_source] == {"yes": 13, "no": 20, "abstain": 12}
    assert record["counts_of_named_votes"][named_source] == {
        "yes": 13, "no": 19, "abstain": 12, "absent": 2}  # fmt: skip
    assert record["disagreements"] == [{"option": "no", "reported": 20, "reported_by": text_source,
                                        "named": 19, "named_by": named_source}]  # fmt: skip
    votes = {vote["state"]: vote["option"] for vote in record["votes"]}
    assert len(votes) == 46 and votes["CHN"] == "no" and votes["KEN"] == "absent"


def test_show_as_a_table_names_every_vote_and_the_disagreement(demo):
    shown = run("votes_show", point_of_order())
    assert "DISAGREE no: 20 reported by" in shown and "19 named in" in shown
    assert "46 named votes" in shown and "CHN" in shown and "MKD" in shown


def test_show_finds_general_assembly_votes_by_their_symbol(tmp_path):
    import_unga_votes(write_ga(tmp_path / "unvotes"))
    (record,) = run_json("votes_show", "R/73/175")["vote_events"]
    assert record["body"] == "GA" and record["date"] == "2018-12-17"
    assert [(v["state"], v["option"]) for v in record["votes"]] == [("CHN", "no"), ("DEU", "yes")]
    assert record["reported_counts"] == {} and record["disagreements"] == []


def test_show_rejects_an_unknown_symbol():
    with pytest.raises(CommandError, match="No vote event on 'A/HRC/RES/99/1'"):
        run("votes_show", "A/HRC/RES/99/1")


# -- votes amendments ------------------------------------------------------------------


def test_amendments_give_the_reports_2017_table(demo):
    found = run_json("votes_amendments", "A/HRC/RES/36/21", states=LIKEMINDED)
    rows = found["amendments"]
    assert found["states"] == ["CHN", "RUS", "IND", "VEN", "EGY"] and len(rows) == 19
    (table,) = rows[0]["reported"].values()
    assert rows[0]["label"].startswith("Amendment #1") and rows[0]["symbol"] == "A/HRC/36/L.43"
    marked = ReportedPosition.objects.filter(motion__document__symbol="A/HRC/36/L.43",
                                             supported=True)  # fmt: skip
    assert {s for s, cell in table["cells"].items() if cell == "supported"} == set(
        marked.values_list("state__iso3", flat=True)
    )


def test_amendments_beside_the_recorded_votes_flag_every_disagreement(demo):
    import_hrc_votes(shared_dataset("hrc_votes"))
    rows = run_json("votes_amendments", "A/HRC/RES/36/21", states=LIKEMINDED)["amendments"]
    assert rows[0]["recorded"]["cells"] == {"CHN": "abstained", "RUS": "not a member",
                                            "IND": "abstained", "VEN": "voted yes",
                                            "EGY": "voted yes"}  # fmt: skip
    flagged = [(row["label"].split(" –")[0], d["state"]) for row in rows
               for d in row["disagreements"]]  # fmt: skip
    assert len([f for f in flagged if f[1] == "RUS"]) == 18
    assert ("Amendment #13", None) in flagged and len(flagged) == 18 + 8
    shown = run("votes_amendments", "A/HRC/RES/36/21", states=LIKEMINDED)
    assert shown.count("≠") == 26 + 1  # each flagged cell, and the legend
    assert "X | not a member ≠" in shown and "26 disagreements" in shown


@pytest.mark.parametrize(
    ("symbol", "states", "message"),
    [
        ("A/HRC/RES/36/21", "CHN,XXX", "No State with the code XXX"),
        ("A/HRC/RES/99/1", "CHN", "No document with the symbol 'A/HRC/RES/99/1'"),
        ("A/HRC/RES/36/21", ",", "give ISO 3166-1 alpha-3 codes"),
    ],
)
def test_amendments_reject_unknown_symbols_and_states(symbol, states, message):
    with pytest.raises(CommandError, match=message):
        run("votes_amendments", symbol, states=states)


# -- votes agreement -------------------------------------------------------------------


@pytest.fixture(name="three_roll_calls")
def three_roll_calls_fixture():
    """tests.diplomacy_data.three_roll_calls, the second tagged hr."""
    from reprisals.diplomacy.models import Theme

    three_roll_calls(Theme.objects.get_or_create(code="hr", defaults={"name": "Human rights"})[0])


def test_agreement_gives_each_pair_and_who_votes_with_each_state_most(three_roll_calls):
    found = run_json("votes_agreement", body="GA", states="CHN,RUS")
    assert found["votes_cast"] == {"CHN": 3, "RUS": 3}
    assert found["pairs"] == [{"states": ["CHN", "RUS"], "both_voted": 3, "identical": 2,
                               "half": 1, "share": 2 / 3, "lijphart": 2.5 / 3}]  # fmt: skip
    assert [p["states"][1] for p in found["closest"]["CHN"]] == ["RUS", "FRA"]
    assert found["closest"]["CHN"][1]["share"] == 0.5
    assert [p["states"][1] for p in found["closest"]["RUS"]] == ["CHN", "FRA"]


def test_agreement_on_a_theme_counts_only_its_vote_events(three_roll_calls):
    found = run_json("votes_agreement", body="GA", theme="hr", states="CHN,FRA")
    assert found["pairs"] == [{"states": ["CHN", "FRA"], "both_voted": 1, "identical": 1,
                               "half": 0, "share": 1.0, "lijphart": 1.0}]  # fmt: skip


def test_agreement_as_a_table(three_roll_calls):
    shown = run("votes_agreement", body="GA", states="CHN,RUS")
    assert "CHN–RUS" in shown and "66.7%" in shown and "83.3%" in shown
    assert "Votes with CHN most" in shown and "Votes with RUS most" in shown


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"body": "GA", "states": "CHN,ZZZ"}, "No State with the code ZZZ"),
        ({"body": "GA", "states": "CHN,DEU"}, "No recorded votes of DEU in GA"),
        ({"body": "HRC", "states": "CHN"}, "No recorded votes of CHN in HRC"),
        ({"body": "GA", "theme": "xx", "states": "CHN"}, "No theme with the code 'xx'"),
    ],
)
def test_agreement_rejects_unknown_states_and_themes(three_roll_calls, options, message):
    with pytest.raises(CommandError, match=message):
        run("votes_agreement", **options)


# -- votes record ----------------------------------------------------------------------


def test_record_gives_chinas_votes_on_the_reprisals_resolutions_and_its_dissociation(demo):
    found = run_json("votes_record", "CHN")
    votes = {row["key"]: row for row in found["reprisals_votes"]}
    assert votes["A/HRC/RES/12/2"]["vote"] is None  # adopted without a vote
    assert votes["A/HRC/RES/12/2"]["result"] == "adopted_without_vote"
    assert [row["document"] for row in found["dissociations"]] == ["A/HRC/RES/48/17"]
    assert found["theme"] is None


def test_record_on_a_theme_counts_the_states_votes_per_year(three_roll_calls):
    found = run_json("votes_record", "RUS", body="GA", theme="hr")
    assert found["theme"]["years"] == [{"year": 2000, "yes": 0, "no": 0, "abstain": 1,
                                        "absent": 0, "not_voting": 0}]  # fmt: skip
    shown = run("votes_record", "RUS", body="GA", theme="hr")
    assert "RUS's votes in GA on theme hr, per year" in shown and "2000" in shown


@pytest.mark.parametrize(
    ("state", "options", "message"),
    [("ZZZ", {}, "No State with the code ZZZ"),
     ("CHN", {"theme": "xx"}, "No theme with the code 'xx'")],
)  # fmt: skip
def test_record_rejects_unknown_states_and_themes(state, options, message):
    with pytest.raises(CommandError, match=message):
        run("votes_record", state, **options)


# -- votes frames ----------------------------------------------------------------------


def test_frames_count_chinas_statements_per_year_and_draw_the_chart(demo, tmp_path):
    from reprisals.diplomacy.models import Statement

    found = run_json("votes_frames", "CHN", chart=tmp_path / "frames.svg")
    expected = {}
    for statement in Statement.objects.filter(state__iso3="CHN").prefetch_related("frames"):
        year = str(statement.date.year if statement.date else statement.approximate_date[:4])
        for frame in statement.frames.all():
            expected.setdefault(year, {}).setdefault(frame.key, 0)
            expected[year][frame.key] += 1
    assert found["frames_by_year"] == expected and len(expected) >= 3
    svg = (tmp_path / "frames.svg").read_text()
    assert svg.startswith("<?xml") and "How CHN's statements frame reprisals" in svg
    assert "Criminalisation of defenders" in svg
    shown = run("votes_frames", "CHN", chart=tmp_path / "frames.png")
    assert (tmp_path / "frames.png").read_bytes().startswith(b"\x89PNG")
    assert "Frames of CHN's statements, per year" in shown and "criminalisation" in shown


def test_frames_of_a_state_without_statements_say_so(demo):
    assert "No statement of ISL is recorded." in run("votes_frames", "ISL")


@pytest.mark.parametrize(
    ("chart", "message"),
    [("frames.pdf", "must end in .svg or .png"), ("missing/frames.svg", "no directory")],
)
def test_frames_reject_a_chart_file_they_cannot_write(demo, tmp_path, chart, message):
    with pytest.raises(CommandError, match=message):
        run("votes_frames", "CHN", chart=tmp_path / chart)
