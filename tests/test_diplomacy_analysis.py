"""Analyses of the diplomatic record: the demo's facts from the seed report,
the amendment-support table beside the recorded votes with every
disagreement flagged, the 2014 point of order's two counts, agreement
between States (hand-computed), frames by year."""

import math
import re
from pathlib import Path

import numpy
import pytest

from reprisals.demo.loader import DIPLOMACY
from reprisals.diplomacy.agreement import agreement, agreement_from_cells
from reprisals.diplomacy.analysis import amendment_table, vote_events_for, vote_record
from reprisals.diplomacy.importing.facts import load_facts
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.matrix import ABSENT, ABSTAIN, NO, NONE, YES
from reprisals.diplomacy.models import (
    Dissociation,
    Membership,
    Motion,
    ReportedPosition,
    Source,
    Sponsorship,
    Statement,
    VoteEvent,
)
from reprisals.diplomacy.record import frames_by_year
from tests.diplomacy_data import fingerprint, shared_dataset, three_roll_calls

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
LIKEMINDED = ["CHN", "RUS", "IND", "VEN", "EGY"]


def seed_table(year):
    """The seed report's amendment table of `year`, read from its text:
    [(label, [mark per column], outcome)]."""
    files = sorted(SEED.glob("*.txt"))
    if not files:
        pytest.skip(f"the seed report is absent from {SEED}")
    text = files[0].read_text(encoding="utf-8")
    start = text.index("19 hostile amendments" if year == 2017 else "nine amendments were tabled")
    end = text.index("China justified" if year == 2017 else "China supported all")
    rows = []
    for line in text[start:end].splitlines():
        if line.startswith("Amendment #"):
            label, *marks, outcome = line.split("\t")
            rows.append((label, [mark == "X" for mark in marks], outcome))
    return rows


def test_the_2017_table_from_the_demo_matches_the_seed_report_cell_for_cell(demo):
    rows = amendment_table("A/HRC/RES/36/21", LIKEMINDED)
    table = seed_table(2017)
    assert len(table) == len(rows) == 19
    for (label, marks, outcome), row in zip(table, rows, strict=True):
        (reported,) = row.reported.values()
        assert row.label == label
        assert reported["outcome"] == outcome
        assert [reported["cells"][iso3] == "supported" for iso3 in LIKEMINDED] == marks, label


def test_the_2021_table_from_the_demo_matches_the_seed_report(demo):
    rows = amendment_table("A/HRC/RES/48/17", ["CHN", "RUS", "IND", "VEN"])
    table = seed_table(2021)
    assert len(rows) == len(table) == 9
    for (label, marks, outcome), row in zip(table, rows, strict=True):
        (reported,) = row.reported.values()
        assert (row.label, reported["outcome"]) == (label, outcome)
        assert [reported["cells"][s] == "supported" for s in ["CHN", "RUS", "IND", "VEN"]] == marks
        assert row.recorded is None and row.disagreements == []  # no recorded vote to compare


def test_the_recorded_votes_are_shown_beside_the_table_and_every_disagreement_flagged(demo):
    import_hrc_votes(shared_dataset("hrc_votes"))
    rows = amendment_table("A/HRC/RES/36/21", LIKEMINDED)
    assert len(rows) == 19  # the report's rows and the recorded votes on the same documents
    first = rows[0]
    assert first.symbol == "A/HRC/36/L.43"
    assert first.recorded["cells"] == {"CHN": "abstained", "RUS": "not a member",
                                       "IND": "abstained", "VEN": "voted yes",
                                       "EGY": "voted yes"}  # fmt: skip
    assert rows[1].symbol == "A/HRC/36/L.44" and rows[1].disagreements == []  # withdrawn
    flagged = [(row.label.split(" –")[0], d["state"], d["recorded"])
               for row in rows for d in row.disagreements]  # fmt: skip
    # By hand from the report's table and votes.csv: Russia was not a member
    # in 2017 (18 voted rows it marks); Venezuela and Egypt voted for #1,
    # Egypt for #7, #9, #10, #16, #19 unmarked; #13 passed 21-20 by the
    # source's computation, "REJECTED" in the report.
    russia = [f for f in flagged if f[1] == "RUS"]
    assert len(russia) == 18 and {f[2] for f in russia} == {"not a member"}
    others = [f for f in flagged if f[1] != "RUS"]
    assert others == [
        ("Amendment #1", "VEN", "voted yes"), ("Amendment #1", "EGY", "voted yes"),
        ("Amendment #7", "EGY", "voted yes"), ("Amendment #9", "EGY", "voted yes"),
        ("Amendment #10", "EGY", "voted yes"), ("Amendment #13", None, "adopted"),
        ("Amendment #16", "EGY", "voted yes"), ("Amendment #19", "EGY", "voted yes"),
    ]  # fmt: skip
    # Both sources stay as they were: the report's marks are not changed.
    assert ReportedPosition.objects.filter(state__iso3="RUS", supported=True).count() == 19 + 9


def test_the_2014_point_of_order_keeps_the_texts_count_and_the_footnotes_names(demo):
    (event,) = vote_events_for("point-of-order/25/moment-of-silence")
    record = vote_record(event)
    (text_source,) = record["reported_counts"]
    assert "§4" in text_source and record["reported_counts"][text_source] == {
        "yes": 13, "no": 20, "abstain": 12}  # fmt: skip
    (named_source,) = record["counts_of_named_votes"]
    assert "footnote 16" in named_source
    assert record["counts_of_named_votes"][named_source] == {
        "yes": 13, "no": 19, "abstain": 12, "absent": 2}  # fmt: skip
    assert record["disagreements"] == [{"option": "no", "reported": 20, "reported_by": text_source,
                                        "named": 19, "named_by": named_source}]  # fmt: skip
    china = next(vote for vote in record["votes"] if vote["state"] == "CHN")
    assert china["option"] == "no"
    absent = sorted(v["state"] for v in record["votes"] if v["option"] == "absent")
    assert absent == ["KEN", "MKD"]


def test_the_resolutions_say_how_each_was_adopted_with_their_source(demo):
    results = {symbol: VoteEvent.objects.get(identifier=symbol).result
               for symbol in ("A/HRC/RES/12/2", "A/HRC/RES/24/24", "A/HRC/RES/36/21",
                              "A/HRC/RES/42/28", "A/HRC/RES/48/17")}  # fmt: skip
    assert results == {"A/HRC/RES/12/2": "adopted_without_vote", "A/HRC/RES/24/24": "adopted",
                       "A/HRC/RES/36/21": "adopted", "A/HRC/RES/42/28": "adopted",
                       "A/HRC/RES/48/17": "adopted_without_vote"}  # fmt: skip
    dissociated = Dissociation.objects.filter(document__symbol="A/HRC/RES/48/17")
    assert sorted(dissociated.values_list("state__iso3", flat=True)) == ["CHN", "RUS", "VEN"]
    counts = vote_record(VoteEvent.objects.get(identifier="A/HRC/RES/36/21"))["reported_counts"]
    assert list(counts.values()) == [{"abstain": 19, "no": 0}]
    for source in Source.objects.filter(dataset="ishr-2022"):
        assert re.search(r"§\d|Introduction", source.file) and "(p" in source.file, source.file


def test_the_recorded_counts_and_the_reports_counts_of_2017_agree(demo):
    import_hrc_votes(shared_dataset("hrc_votes"))
    record = vote_record(VoteEvent.objects.get(identifier="A/HRC/RES/36/21"))
    assert record["counts_of_named_votes"] == {"hrc_votes/votes.csv": {"yes": 28, "abstain": 19}}
    assert record["disagreements"] == []


def counted():
    return (fingerprint(), Statement.objects.count(), ReportedPosition.objects.count(),
            Sponsorship.objects.count())  # fmt: skip


def test_loading_the_facts_again_changes_nothing(demo):
    before = counted()
    load_facts(DIPLOMACY)
    assert counted() == before
    # China's 7, and the 12 + 9 interventions on its 2014 points of order.
    assert before[1:] == (7 + 12 + 9, 19 * 5 + 9 * 4, 1)


def test_the_report_s_sponsorship_seat_and_interventions_are_recorded_as_it_states_them(demo):
    (sponsorship,) = Sponsorship.objects.select_related("document", "state")
    assert (sponsorship.state.iso3, sponsorship.document.symbol) == ("CHN", "A/RES/68/144")
    assert sponsorship.classification == "sponsor"  # main or co-sponsor: not stated
    seat = Membership.objects.get(state__iso3="CHN", body__code="HRC", source__dataset="ishr-2022")
    assert (seat.start.isoformat(), seat.end.isoformat()) == ("2009-01-01", "2009-12-31")
    supporters = Statement.objects.filter(frames__key="procedural_objection",
                                          approximate_date="2014-03")  # fmt: skip
    assert sorted(supporters.values_list("state__iso3", flat=True)) == sorted(
        ["CUB", "SAU", "DZA", "VNM", "MAR", "ZAF", "IRN", "PAK", "EGY", "VEN", "RUS", "MDV"])
    opposed = Statement.objects.filter(summary__startswith="Opposed China's points of order")
    assert opposed.filter(state__isnull=True).get().group_name == "European Union"
    assert opposed.count() == 9


def test_chinas_frames_harden_from_2017_to_2021(demo):
    frames = frames_by_year("CHN")
    assert sorted(frames) == [2017, 2018, 2019, 2020, 2021]
    assert frames[2017] == {"support_for_principle": 1, "procedural_objection": 1}
    assert frames[2021] == {"judicial_sovereignty": 2, "interference": 1, "criminalisation": 2,
                            "counter_accusation": 1, "support_for_principle": 1}  # fmt: skip
    assert all(s.frames.exists() for s in Statement.objects.filter(state__iso3="CHN"))
    assert Motion.objects.get(identifier="point-of-order/25/moment-of-silence").classification == (
        "point_of_order"
    )


def test_agreement_by_hand():
    # A: Y Y N A -   B: Y N N Y Y   C: - - A - N
    cells = numpy.array([[YES, YES, NO, ABSTAIN, NONE],
                         [YES, NO, NO, YES, YES],
                         [NONE, ABSENT, ABSTAIN, NONE, NO]], dtype=numpy.uint8)  # fmt: skip
    result = agreement_from_cells(["AAA", "BBB", "CCC"], cells)
    # A-B: both voted in 4; identical 2 (Y,N); half 1 (A vs Y): 2/4, (2 + .5)/4
    assert result.pair("AAA", "BBB") == {"states": ["AAA", "BBB"], "both_voted": 4, "identical": 2,
                                         "half": 1, "share": 0.5, "lijphart": 0.625}  # fmt: skip
    # A-C: both voted only in event 3 (N vs A): half agreement.
    assert result.pair("AAA", "CCC")["share"] == 0 and result.pair("AAA", "CCC")["lijphart"] == 0.5
    # B-C: events 3 (N/A) and 5 (Y/N): 0 identical, 1 half.
    assert result.pair("BBB", "CCC")["lijphart"] == 0.25
    assert math.isclose(result.share[0, 0], 1.0) and result.both_voted[1, 1] == 5
    assert [p["states"][1] for p in result.closest("AAA")] == ["BBB", "CCC"]


def test_agreement_from_the_database():
    three_roll_calls()
    result = agreement("GA")
    assert result.states == ["CHN", "FRA", "RUS"]
    assert result.pair("CHN", "RUS") == {"states": ["CHN", "RUS"], "both_voted": 3,
                                         "identical": 2, "half": 1, "share": 2 / 3,
                                         "lijphart": 2.5 / 3}  # fmt: skip
    assert (
        result.pair("CHN", "FRA")["both_voted"] == 2 and result.pair("CHN", "FRA")["share"] == 0.5
    )
    assert [p["states"][1] for p in result.closest("CHN", limit=1)] == ["RUS"]
