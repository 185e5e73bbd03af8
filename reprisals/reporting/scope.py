"""Which cases a figure may count: the one decision between staff and
public figures.

- staff: the cases of the user's teams (every team for administrators);
- public: the cases the publication rule makes public at `now`
  (register.queries.public_cases, the rule in SQL). A case that is not
  public — consent missing, confidential or withdrawn, or not yet published —
  is in no public figure, so a public figure never tells that it exists;
- all: every case, for the operator's command line.

Reporting cycles, pattern designations and published figures are facts of
published documents: every scope sees them whole.
"""

from reprisals.cases.models import Case
from reprisals.register import queries


def staff_cases(user):
    return Case.objects.visible_to(user)


def public_cases(now):
    return queries.public_cases(now)


def all_cases():
    return Case.objects.all()
