"""The demo dataset: five cases concerning China, written by us from the
facts of ISHR's 2022 report "China's official positions on reprisals", each
fact with its source (report section, bullet, footnote); then the reporting
history the report states (cycles 2010-2021, published figures, a pattern
designation, a report mention), from history.json; and its diplomatic record
(resolutions, votes, amendment tables, statements), from diplomacy.json.
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from reprisals.accounts.models import Team
from reprisals.accounts.roles import Role, assign_role
from reprisals.accounts.two_factor import new_device
from reprisals.cases.importer import load_file
from reprisals.cases.models import Act, Case, Citation, Intervention, Source
from reprisals.communications.models import Communication, Reply
from reprisals.diplomacy.importing.facts import load_facts
from reprisals.register.services import approve_publication, propose_publication
from reprisals.register.texts import approve_all
from reprisals.reporting.history import load_history

DATASET = Path(__file__).with_name("dataset.json")
HISTORY = Path(__file__).with_name("history.json")  # reporting cycles 2010-2021, figures
DIPLOMACY = Path(__file__).with_name("diplomacy.json")  # resolutions, votes, statements
DEMO_TEAM = "Demo team"
DEMO_USERNAME = "demo"


# Cao Shunli's case was not made public by a UN letter or report in the seed
# report's facts: the demo makes it public by a two-person staff decision.
DECIDED_CASE = "2013-CHN-001"
DECISION_REASON = (
    "Documented publicly by ISHR (2022, §4, bullet 'Cao Shunli') and in UN records; "
    "consent recorded on the basis of the public record."
)


@transaction.atomic
def load_demo():
    team, _ = Team.objects.get_or_create(name=DEMO_TEAM)
    counts = load_file(DATASET, team=team)
    case = Case.objects.get(code=DECIDED_CASE)
    if not case.publication_decisions.filter(approved_at__isnull=False).exists():
        proposer = _demo_colleague("demo-documenter", Role.DOCUMENTER, team)
        approver = _demo_colleague("demo-reviewer", Role.REVIEWER, team)
        decision = propose_publication(case, reason=DECISION_REASON, actor=proposer)
        approve_publication(decision, actor=approver)
    _approve_public_texts(team)
    return counts | load_history(HISTORY) | load_facts(DIPLOMACY)


def _approve_public_texts(team):
    """The demo's public texts come approved by its two reviewers: those of
    the cases by one, those of the letters and sources by the other."""
    first = _demo_colleague("demo-reviewer", Role.REVIEWER, team)
    second = _demo_colleague("demo-reviewer-2", Role.REVIEWER, team)
    cases = Case.objects.filter(team=team)
    approve_all(
        [*cases, *Act.objects.filter(case__in=cases),
         *Intervention.objects.filter(case__in=cases),
         *Citation.objects.filter(case__in=cases)],
        actor=first,
    )  # fmt: skip
    letters = Communication.objects.filter(team=team)
    approve_all(
        [*letters, *Reply.objects.filter(communication__in=letters),
         *Source.objects.filter(team=team)],
        actor=second,
    )  # fmt: skip


def _demo_colleague(username, role, team):
    """A demo staff member who cannot log in (no usable password)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
        assign_role(user, role, actor=None)
        team.members.add(user)
    return user


@transaction.atomic
def reset_demo_user():
    """Create (or reset) the demo administrator with a fresh one-time password
    and a new, already confirmed two-factor device (its secret is printed, so
    the demo needs no enrolment step); returns (user, password, device)."""
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.is_active = True
    user.save()
    assign_role(user, Role.ADMINISTRATOR, actor=None)
    Team.objects.get(name=DEMO_TEAM).members.add(user)
    return user, password, new_device(user, confirmed=True)
