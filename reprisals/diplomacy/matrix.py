"""The vote matrix of a body: States × vote events, one byte per cell, for
agreement analyses. Kept free of NumPy; to use it there:
`numpy.frombuffer(matrix.cells, dtype=numpy.uint8).reshape(matrix.shape)`.

A cell is NONE where no vote is recorded: in the General Assembly data that
means absent or not a member (the source does not tell them apart). Votes
of an entity without a State (Zanzibar's two) are left out.
"""

from dataclasses import dataclass

from reprisals.diplomacy.models import Vote, VoteEvent
from reprisals.reference.models import State

NONE, YES, ABSTAIN, NO, ABSENT, NOT_VOTING = range(6)
CODES = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": ABSENT, "not_voting": NOT_VOTING}


@dataclass(frozen=True)
class VoteMatrix:
    states: list  # ISO alpha-3 of each row, in alphabetical order
    events: list  # vote event id of each column, by date
    cells: bytearray  # row-major: cells[row * len(events) + column]

    @property
    def shape(self):
        return len(self.states), len(self.events)

    def cell(self, iso3, event_id):
        return self.cells[self.states.index(iso3) * len(self.events) + self.events.index(event_id)]


def vote_matrix(body, *, theme=None):
    """The matrix of the body with this code (HRC, GA), or of its vote
    events tagged with a theme code (e.g. hr)."""
    events = VoteEvent.objects.filter(body__code=body)
    if theme:
        events = events.filter(themes__code=theme)
    event_ids = list(events.order_by("date", "pk").values_list("pk", flat=True))
    votes = Vote.objects.filter(vote_event__in=events, state__isnull=False).order_by()
    rows = votes.values_list("state_id", flat=True).distinct()
    states = dict(State.objects.filter(pk__in=rows).order_by("iso3").values_list("pk", "iso3"))
    row_of = {pk: index for index, pk in enumerate(states)}
    column_of = {pk: index for index, pk in enumerate(event_ids)}
    width = len(event_ids)
    cells = bytearray(len(states) * width)
    triples = votes.values_list("state_id", "vote_event_id", "option").iterator(chunk_size=50_000)
    for state_id, event_id, option in triples:
        cells[row_of[state_id] * width + column_of[event_id]] = CODES[option]
    return VoteMatrix(list(states.values()), event_ids, cells)
