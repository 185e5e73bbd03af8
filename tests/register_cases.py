"""Cases for the public register's tests: one consented and public, one
consented but not yet public (its urgent appeal was sent an hour ago), and
one whose person agreed to publication without their name."""

import datetime

from django.utils import timezone

from tests.factories import (
    ActFactory,
    CaseFactory,
    CommunicationFactory,
    ConsentFactory,
    SubjectFactory,
    approve_texts,
)


def consented_case(code, *, name, level="named", sent_ago, title="", letter_subject=""):
    """A case concerning one person with `level` consent, covered by an urgent
    appeal sent `sent_ago` before now (public 48 hours after sending)."""
    case = CaseFactory(code=code, opened_on=code[:4], public_title=title)
    subject = SubjectFactory(case=case, person__name=name)
    ConsentFactory(person=subject.person, level=level)
    ActFactory(case=case, type="travel_ban", date=code[:4])
    letter = CommunicationFactory(
        type="UA",
        sent_at=timezone.now() - sent_ago,
        cases=[case],
        subject=letter_subject or f"Urgent appeal about case {code}",
    )
    approve_texts(case, letter)
    return case


def pending_case():
    """Consented, but its only letter is an urgent appeal sent an hour ago."""
    return consented_case(
        "2021-CHN-901",
        name="Pendingname Withheld",
        sent_ago=datetime.timedelta(hours=1),
        title="Travel ban on Pendingname Withheld",
        letter_subject="Pendingletter about a travel ban",
    )


def anonymous_case():
    """Public for three days; its person agreed to be shown only by pseudonym.
    The staff-written public title slips and names them: it must not show."""
    return consented_case(
        "2021-CHN-902",
        name="Secretname Anonymous",
        level="anonymous",
        sent_ago=datetime.timedelta(days=3),
        title="Travel ban on Secretname Anonymous",
    )
