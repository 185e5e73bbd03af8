"""The demo dataset: five cases concerning China, written by us from the
facts of ISHR's 2022 report "China's official positions on reprisals", each
fact with its source (report section, bullet, footnote).
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from reprisals.accounts.models import Team
from reprisals.accounts.roles import Role, assign_role
from reprisals.cases.importer import load_file

DATASET = Path(__file__).with_name("dataset.json")
DEMO_TEAM = "Demo team"
DEMO_USERNAME = "demo"


def load_demo():
    team, _ = Team.objects.get_or_create(name=DEMO_TEAM)
    return load_file(DATASET, team=team)


@transaction.atomic
def reset_demo_user():
    """Create (or reset) the demo administrator; returns a fresh one-time password."""
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.is_active = True
    user.save()
    assign_role(user, Role.ADMINISTRATOR, actor=None)
    Team.objects.get(name=DEMO_TEAM).members.add(user)
    return user, password
