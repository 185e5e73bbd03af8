"""Agreement between States over a body's vote matrix (diplomacy.matrix):
the share of identical votes where both voted, and Lijphart's index with an
abstention beside a yes or no counted as half an agreement. Computed for
every pair at once with NumPy; this module is the only one that loads it.
"""

import functools
from dataclasses import dataclass

import numpy
from django.db.models import Count, Max

from reprisals.diplomacy.matrix import ABSTAIN, NO, YES, vote_matrix
from reprisals.diplomacy.models import ThemeTag, Vote, VoteEvent


@dataclass(frozen=True)
class Agreement:
    states: list  # ISO alpha-3 of each row and column
    both_voted: numpy.ndarray  # vote events where both voted yes, no or abstain
    identical: numpy.ndarray  # ... and voted the same
    half: numpy.ndarray  # ... one abstained, the other voted yes or no

    @property
    def share(self):
        """Identical votes / votes where both voted (NaN where none)."""
        with numpy.errstate(invalid="ignore", divide="ignore"):
            return self.identical / self.both_voted

    @property
    def lijphart(self):
        """Lijphart's index: (identical + half of the half-agreements) / both voted."""
        with numpy.errstate(invalid="ignore", divide="ignore"):
            return (self.identical + self.half / 2) / self.both_voted

    def pair(self, a, b):
        i, j = self.states.index(a), self.states.index(b)
        both = int(self.both_voted[i, j])
        return {"states": [a, b], "both_voted": both, "identical": int(self.identical[i, j]),
                "half": int(self.half[i, j]),
                "share": float(self.share[i, j]) if both else None,
                "lijphart": float(self.lijphart[i, j]) if both else None}  # fmt: skip

    def closest(self, iso3, limit=10):
        """The States that vote most like `iso3`, by identical share."""
        i = self.states.index(iso3)
        share = self.share[i]
        order = [j for j in numpy.argsort(-numpy.nan_to_num(share, nan=-1), kind="stable")
                 if j != i and self.both_voted[i, j]]  # fmt: skip
        return [self.pair(iso3, self.states[j]) for j in order[:limit]]


def agreement_from_cells(states, cells):
    """The agreement of every pair of rows of a States × vote events matrix
    of vote codes (diplomacy.matrix)."""
    yes, no, abstain = (numpy.asarray(cells == code, dtype=numpy.float64)
                        for code in (YES, NO, ABSTAIN))  # fmt: skip
    voted = yes + no + abstain
    sided = yes + no
    identical = yes @ yes.T + no @ no.T + abstain @ abstain.T
    half = abstain @ sided.T + sided @ abstain.T
    return Agreement(list(states), voted @ voted.T, identical, half)


def agreement(body, *, theme=None):
    matrix = vote_matrix(body, theme=theme)
    cells = numpy.frombuffer(matrix.cells, dtype=numpy.uint8).reshape(matrix.shape)
    return agreement_from_cells(matrix.states, cells)


def current(body, *, theme=None):
    """agreement(body, theme=theme), kept in the process (the last four) while
    the body's votes stay the same: the General Assembly's takes about a
    second and a half to compute, a page or API request should not."""
    return _kept(body, theme, votes_fingerprint(body, theme))


@functools.lru_cache(maxsize=4)
def _kept(body, theme, fingerprint):
    return agreement(body, theme=theme)  # `fingerprint` is part of the cache key only


def votes_fingerprint(body, theme):
    """What changes when the body's votes do, in a few milliseconds (counting
    the General Assembly's votes takes ~80 ms): importers only add rows, so a
    new vote raises the largest Vote id, and votes go only with their vote
    event, so the body's count of vote events drops."""
    found = VoteEvent.objects.filter(body__code=body).aggregate(events=Count("pk"),
                                                                last_event=Max("pk"))  # fmt: skip
    found |= Vote.objects.aggregate(last_vote=Max("pk"))
    if theme:
        tags = ThemeTag.objects.filter(vote_event__body__code=body)
        found |= tags.aggregate(tags=Count("pk"), last_tag=Max("pk"))
    return tuple(sorted(found.items()))
