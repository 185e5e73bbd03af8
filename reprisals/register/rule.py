"""The publication rule: the one place that decides what the public may see.

Pure functions of facts and a time `now`, evaluated at request time — no
scheduler that could be late or stopped. Every public surface (pages, API,
feed, exports, search) goes through `register.public`, which asks these.

- A communication is public from the last moment it may have been sent plus
  the window for its type (UA 48 hours, AL and OL 60 days by default; a letter
  whose type is not stated waits for the longest window), or later if staff
  withheld it.
- A case is public only if everyone it concerns has current, unwithdrawn
  consent `named` or `anonymous`, and it was made public by a public
  communication, a published UN document naming it (report, press release,
  public statement), or a publication decision approved by two different
  staff members.
- `named` shows the name; `anonymous` a stable pseudonym; nothing else about
  a person is ever public.
"""

import datetime
from dataclasses import dataclass

from reprisals.lib.dates import bounds

NAMED, ANONYMOUS = "named", "anonymous"


@dataclass(frozen=True)
class Windows:
    ua: datetime.timedelta
    al: datetime.timedelta
    ol: datetime.timedelta

    def for_type(self, kind):
        return {"UA": self.ua, "AL": self.al, "OL": self.ol}.get(
            kind, max(self.ua, self.al, self.ol)
        )

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(
            ua=datetime.timedelta(hours=settings.PUBLICATION_WINDOW_UA_HOURS),
            al=datetime.timedelta(days=settings.PUBLICATION_WINDOW_AL_DAYS),
            ol=datetime.timedelta(days=settings.PUBLICATION_WINDOW_OL_DAYS),
        )


@dataclass(frozen=True)
class CommunicationFacts:
    type: str
    latest_sent_at: datetime.datetime
    withheld_until: datetime.datetime | None = None


@dataclass(frozen=True)
class ConsentFacts:
    level: str
    withdrawn: bool = False


@dataclass(frozen=True)
class DecisionFacts:
    proposed_by: int
    approved_by: int | None
    approved_at: datetime.datetime | None
    revoked: bool = False


@dataclass(frozen=True)
class CaseFacts:
    consents: tuple  # one ConsentFacts or None per person or group the case concerns
    communications: tuple = ()  # CommunicationFacts of the letters covering the case
    report_dates: tuple = ()  # approximate dates of UN publications naming it
    decisions: tuple = ()  # DecisionFacts


def communication_public_from(facts: CommunicationFacts, windows: Windows):
    # In UTC: windows are real elapsed time, not wall-clock time across DST.
    public_from = facts.latest_sent_at.astimezone(datetime.UTC) + windows.for_type(facts.type)
    if facts.withheld_until and facts.withheld_until > public_from:
        return facts.withheld_until
    return public_from


def communication_is_public(facts, now, windows):
    return now >= communication_public_from(facts, windows)


def display(consent: ConsentFacts | None):
    """How a person or group may appear: NAMED, ANONYMOUS, or None (not at all)."""
    if consent is None or consent.withdrawn or consent.level not in (NAMED, ANONYMOUS):
        return None
    return consent.level


def report_public_from(approximate_date):
    """A report dated only by month or year counts from the end of that period."""
    last_day = bounds(approximate_date)[1] + datetime.timedelta(days=1)
    return datetime.datetime.combine(last_day, datetime.time(), tzinfo=datetime.UTC)


def decision_public_from(facts: DecisionFacts):
    approved = facts.approved_by is not None and facts.approved_at is not None
    if not approved or facts.revoked or facts.approved_by == facts.proposed_by:
        return None
    return facts.approved_at


def consents_allow(facts: CaseFacts):
    """Everyone the case concerns may be shown (named or anonymous)."""
    return bool(facts.consents) and all(display(c) is not None for c in facts.consents)


def published_from(facts: CaseFacts):
    """The earliest moment a UN publication or an approved decision made the
    case public, whatever the letters; None if neither has."""
    moments = [report_public_from(d) for d in facts.report_dates if d]
    moments += [m for m in map(decision_public_from, facts.decisions) if m]
    return min(moments, default=None)


def case_public_from(facts: CaseFacts, windows: Windows):
    """When the case became (or will become) public; None if it may not be."""
    if not consents_allow(facts):
        return None
    moments = [communication_public_from(c, windows) for c in facts.communications]
    moments.append(published_from(facts))
    return min((m for m in moments if m), default=None)


def case_is_public(facts, now, windows):
    public_from = case_public_from(facts, windows)
    return public_from is not None and now >= public_from
