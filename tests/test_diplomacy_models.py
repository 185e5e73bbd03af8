"""The diplomacy models' own rules: the frame vocabulary is loaded, a
statement has a speaker and content, a dissociation is from something, and a
State votes once per vote event."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reprisals.diplomacy.models import (
    Dissociation,
    Document,
    Frame,
    Motion,
    Source,
    Sponsorship,
    Statement,
    Vote,
    VoteEvent,
)
from reprisals.diplomacy.vocab import FrameKey
from reprisals.reference.models import Body, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return Source.objects.create(dataset="seed", file="report.pdf")


@pytest.fixture
def resolution(source):
    hrc = Body.objects.get(code="HRC")
    document = Document.objects.create(symbol="A/HRC/RES/48/17", kind="hrc_resolution", body=hrc,
                                       session="48", source=source)  # fmt: skip
    motion = Motion.objects.create(body=hrc, identifier=document.symbol, document=document,
                                   classification="adopt_resolution", source=source)  # fmt: skip
    return VoteEvent.objects.create(body=hrc, identifier=document.symbol, motion=motion,
                                    result="adopted_without_vote", source=source)  # fmt: skip


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_the_frames_are_the_vocabulary():
    assert dict(Frame.objects.values_list("key", "name")) == {
        key.value: str(key.label) for key in FrameKey
    }


def test_a_statement_needs_a_speaker_and_content(source):
    china = State.objects.get(iso3="CHN")
    common = {"event": "Interactive dialogue, HRC 48", "language": "zh", "source": source,
              "source_url": "https://example.org/s", "retrieved_at": timezone.now()}  # fmt: skip
    statement = Statement.objects.create(state=china, summary="Denies reprisals.", **common)
    statement.frames.set(Frame.objects.filter(key__in=["interference", "counter_accusation"]))
    assert statement.frames.count() == 2
    Statement.objects.create(group_name="Like-Minded Group", text="…", **common)
    refused(lambda: Statement.objects.create(summary="Nobody spoke.", **common))
    refused(lambda: Statement.objects.create(state=china, **common))


def test_a_dissociation_is_from_a_document_or_a_vote_event(source, resolution):
    china = State.objects.get(iso3="CHN")
    Dissociation.objects.create(vote_event=resolution, state=china, source=source,
                                date=datetime.date(2021, 10, 11))  # fmt: skip
    refused(lambda: Dissociation.objects.create(state=china, source=source))


def test_a_state_votes_once_and_sponsors_once_per_role(source, resolution):
    china = State.objects.get(iso3="CHN")
    Vote.objects.create(vote_event=resolution, state=china, option="no", raw="N", source=source)
    refused(lambda: Vote.objects.create(vote_event=resolution, state=china, option="yes",
                                        raw="Y", source=source))  # fmt: skip
    # Entities without a State are told apart by name, not by the constraint.
    for _ in range(2):
        Vote.objects.create(vote_event=resolution, voter_name="Zanzibar", option="yes", raw="yes",
                            source=source)  # fmt: skip
    Sponsorship.objects.create(document=resolution.motion.document, state=china,
                               classification="amendment_proposer", source=source)  # fmt: skip
    refused(lambda: Sponsorship.objects.create(document=resolution.motion.document, state=china,
                                               classification="amendment_proposer",
                                               source=source))  # fmt: skip
