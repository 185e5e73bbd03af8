"""Checking the audit chain."""

from dataclasses import dataclass

from reprisals.audit.models import GENESIS, AuditEntry


@dataclass(frozen=True)
class Verdict:
    ok: bool
    entries: int
    head_sequence: int
    head_hash: str
    problem: str = ""


def head():
    last = AuditEntry.objects.order_by("-sequence").first()
    return (last.sequence, last.entry_hash) if last else (0, GENESIS)


def verify(*, known_head=None):
    """Walk the whole chain; name the first entry that does not fit.

    `known_head` — (sequence, hash) handed out earlier by `audit head` — also
    catches entries cut off the end, which the chain alone cannot show.
    """
    expected_sequence, previous, count = 1, GENESIS, 0
    seen_known = known_head is None or known_head == (0, GENESIS)
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        count += 1
        if entry.sequence != expected_sequence:
            return _bad(count, previous, expected_sequence - 1,
                        f"entry #{expected_sequence} is missing or out of order "
                        f"(found #{entry.sequence} next)")  # fmt: skip
        if entry.previous_hash != previous:
            return _bad(count, previous, entry.sequence - 1,
                        f"entry #{entry.sequence} does not follow #{entry.sequence - 1}: an "
                        "entry before it was removed, replaced or reordered")  # fmt: skip
        if entry.compute_hash() != entry.entry_hash:
            return _bad(count, previous, entry.sequence - 1,
                        f"entry #{entry.sequence} was altered after it was written")  # fmt: skip
        if known_head and (entry.sequence, entry.entry_hash) == tuple(known_head):
            seen_known = True
        previous, expected_sequence = entry.entry_hash, expected_sequence + 1
    if not seen_known:
        return _bad(count, previous, expected_sequence - 1,
                    f"the known head #{known_head[0]} is not in the chain: entries were "
                    "removed from the end or the chain was rewritten")  # fmt: skip
    return Verdict(True, count, expected_sequence - 1, previous)


def _bad(count, previous, sequence, problem):
    return Verdict(False, count, sequence, previous, problem)
