"""Staff roles, kept as Django groups so the admin's permission checks apply.

- administrator: runs the deployment; a superuser, sees every team; alone
  creates, renames and deletes the shared reference data (States, bodies,
  mechanisms), which every team's cases show.
- documenter: records and edits cases, people, consent and sources of their teams.
- reviewer: checks cases of their teams; may edit, and approves publication.
- analyst: aggregate counts only — never a name or an identifying field.

The groups' permissions are rewritten after every migration, so this module
is the one place where a role's rights are decided.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction

from reprisals.audit.log import record


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    DOCUMENTER = "documenter", "Documenter"
    REVIEWER = "reviewer", "Reviewer"
    ANALYST = "analyst", "Analyst"


CASE_RECORDS = [
    "case",
    "casesubject",
    "person",
    "organization",
    "consent",
    "source",
    "citation",
    "engagement",
    "act",
    "intervention",
    "governmentresponse",
    "communication",
    "reply",
    "reportmention",
]
# States, bodies and mechanisms are shared by every team: the other roles view
# them and choose them on their records, never create, rename or delete them.
REFERENCE = ["state", "body", "mechanism"]
# Reporting cycles, published figures, pattern designations: facts of published
# documents, of no team. Analysts read them; only administrators delete them.
REPORTING = ["reportingcycle", "publishedaggregate", "patterndesignation"]


def _codenames(role):
    view_reference = [f"view_{model}" for model in REFERENCE]
    view_reporting = [f"view_{model}" for model in REPORTING]
    if role == Role.ANALYST:
        return view_reference + view_reporting + ["view_statistics"]
    all_actions = ["add", "change", "delete", "view"]
    if role == Role.DOCUMENTER:
        actions = all_actions
    else:  # reviewer: no deleting of evidence
        actions = ["add", "change", "view"]
    decisions = ["add_publicationdecision", "view_publicationdecision"]
    return (
        view_reference
        + ["view_statistics"]
        + [f"{action}_{model}" for model in CASE_RECORDS for action in actions]
        + [f"{action}_{model}" for model in REPORTING for action in ("add", "change", "view")]
        + (decisions + ["approve_publication", "approve_text"] if role == Role.REVIEWER
           else decisions)
        + ["triage_submission"]  # the intake queue (reprisals/intake)
    )


def sync_role_groups(**kwargs):
    for role in (Role.DOCUMENTER, Role.REVIEWER, Role.ANALYST):
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set(Permission.objects.filter(codename__in=_codenames(role)))
    Group.objects.get_or_create(name=Role.ADMINISTRATOR.value)


def role_of(user):
    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = set(user.groups.values_list("name", flat=True))
    return next((role for role in Role if role.value in names), None)


@transaction.atomic
def assign_role(user, role, *, actor):
    """Give a user exactly one staff role (replacing any other)."""
    role = Role(role)
    user.groups.remove(*Group.objects.filter(name__in=Role.values))
    user.groups.add(Group.objects.get(name=role.value))
    user.is_staff = True
    user.is_superuser = role == Role.ADMINISTRATOR
    user.save(update_fields=["is_staff", "is_superuser"])
    record(actor, "assign_role", user, fields=["groups", "is_staff", "is_superuser"])
