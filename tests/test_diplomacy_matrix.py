"""The vote matrix (States × vote events) the agreement analyses start from."""

import pytest

from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.matrix import ABSTAIN, NO, NONE, NOT_VOTING, YES, vote_matrix
from reprisals.diplomacy.models import VoteEvent
from tests.diplomacy_data import write_ga, write_hrc

pytestmark = pytest.mark.django_db


def event(identifier):
    return VoteEvent.objects.get(identifier=identifier).pk


def test_it_holds_every_states_vote_by_date(tmp_path):
    import_hrc_votes(write_hrc(tmp_path / "hrc"))
    matrix = vote_matrix("HRC")
    assert matrix.states == ["AUT", "CHN", "RUS"]
    # The amendment was voted the day before the resolution.
    assert matrix.events == [event("A/HRC/24/L.40"), event("A/HRC/RES/24/24")]
    assert matrix.shape == (3, 2) and len(matrix.cells) == 6
    assert matrix.cell("CHN", event("A/HRC/RES/24/24")) == ABSTAIN
    assert matrix.cell("RUS", event("A/HRC/RES/24/24")) == NO
    assert matrix.cell("RUS", event("A/HRC/24/L.40")) == NOT_VOTING
    assert matrix.cell("AUT", event("A/HRC/RES/24/24")) == YES


def test_a_theme_keeps_its_vote_events_and_no_vote_is_none(tmp_path):
    import_unga_votes(write_ga(tmp_path / "ga"))
    assert vote_matrix("GA").shape == (5, 3)  # Zanzibar has no State: left out
    human_rights = vote_matrix("GA", theme="hr")
    assert human_rights.events == [event("rcid:6129")]
    assert human_rights.states == ["CHN", "DEU"]
    assert vote_matrix("GA").cell("CSK", event("rcid:6129")) == NONE
