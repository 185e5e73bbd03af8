"""The child side of tests/test_crash_safety.py: programs run as separate
processes against the database named by DATABASE_URL.

    python -m tests.crash.child setup          a team and a documenter to write as
    python -m tests.crash.child write TRIAL    submit records until killed
    python -m tests.crash.child inspect        print the database's state as JSON

`write` prints `saved CODE` or `withdrawn CODE` only after the transaction
has committed: such a line is a confirmed write. The records are synthetic;
nothing sensitive is printed.
"""
# ruff: noqa: E402 — Django is set up before the application is imported.

import json
import os
import sys
from io import StringIO

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reprisals.settings")
django.setup()

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count

from reprisals.accounts.models import Team
from reprisals.accounts.roles import Role, assign_role
from reprisals.audit.log import record
from reprisals.audit.models import AuditEntry
from reprisals.cases import services
from reprisals.cases.models import Case, CaseSubject, Citation, Person
from reprisals.reference.models import State
from reprisals.register.models import SearchEntry
from reprisals.register.search import FTS_TABLE

TEAM = "Crash test team"
WRITER = "crash-writer"
WRITER_STATE = "RUS"  # the imports' cases concern CHN
MOST_SUBMISSIONS = 999  # case numbers have three digits


def setup():
    team, _ = Team.objects.get_or_create(name=TEAM)
    user, created = get_user_model().objects.get_or_create(username=WRITER)
    if created:
        assign_role(user, Role.DOCUMENTER, actor=None)
    team.members.add(user)


def write(trial):
    """One submission after another, each a case with its person and consent
    in one transaction; every third is then withdrawn in a second one.

    Prints `saving CODE` before a transaction and `saved CODE` once it has
    committed (`withdrawing`/`withdrawn` likewise)."""
    team = Team.objects.get(name=TEAM)
    actor = get_user_model().objects.get(username=WRITER)
    state = State.objects.get(iso3=WRITER_STATE)
    year = 1950 + trial
    for n in range(1, MOST_SUBMISSIONS + 1):
        code = f"{year}-{WRITER_STATE}-{n:03d}"
        print("saving", code, flush=True)
        with transaction.atomic():
            person = Person.objects.create(team=team, name=f"Synthetic person of {code}")
            record(actor, "add", person, fields=["name", "team"])
            services.record_consent(
                actor=actor,
                person=person,
                level="named",
                basis="written",
                obtained_on=f"{year}-01-02",
                obtained_by="Synthetic intake",
            )
            case = Case(team=team, code=code, state=state, opened_on=str(year),
                        title=f"Synthetic case {code}")  # fmt: skip
            case.full_clean()
            case.save()
            CaseSubject.objects.create(case=case, person=person)
            record(actor, "add", case, fields=["code", "opened_on", "state", "subjects", "title"])
        print("saved", code, flush=True)
        if n % 3 == 0:
            print("withdrawing", code, flush=True)
            services.withdraw_consent(person, actor=actor)
            print("withdrawn", code, flush=True)


def inspect():
    print(
        json.dumps(
            {
                "storage": storage_problems(),
                "orphans": orphans(),
                "audit": audit_verdict(),
                "audit_actions": dict(
                    AuditEntry.objects.values_list("action").annotate(n=Count("id")).order_by()
                ),
                "rows": {
                    model._meta.model_name: model.objects.count()
                    for model in apps.get_app_config("cases").get_models()
                },
                "shapes": case_shapes(),
                "unindexed_cases": Case.objects.filter(search_entry__isnull=True).count(),
                "submissions": submissions(),
            }
        )
    )


def storage_problems():
    """SQLite's own checks of the file, and that the full-text index holds
    exactly the cases whose search entry has a public text."""
    if connection.vendor != "sqlite":
        return []  # the server's storage is not what a killed client can damage
    with connection.cursor() as cursor:
        problems = [row[0] for row in cursor.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {row}" for row in cursor.execute("PRAGMA foreign_key_check")]
        indexed = {row[0] for row in cursor.execute(f"SELECT rowid FROM {FTS_TABLE}")}
    with_text = set(SearchEntry.objects.exclude(document="").values_list("case_id", flat=True))
    if indexed != with_text:
        problems.append(f"full-text index out of step: {len(indexed ^ with_text)} cases differ")
    return problems


def orphans():
    """Rows whose foreign key points at nothing, per model.field, in every app."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not field.many_to_one and not field.one_to_one:
                continue
            targets = field.related_model._base_manager.values(field.target_field.attname)
            count = (
                model._base_manager.filter(**{f"{field.attname}__isnull": False})
                .exclude(**{f"{field.attname}__in": targets})
                .count()
            )
            if count:
                found[f"{model._meta.label}.{field.name}"] = count
    return found


def audit_verdict():
    """What `reprisals audit verify` says."""
    out = StringIO()
    try:
        call_command("audit_verify", format="json", stdout=out)
    except CommandError as error:
        return {"ok": False, "problem": str(error)}
    return json.loads(out.getvalue())


def case_shapes():
    """Per case: subjects, engagements, acts, interventions, responses and
    the citations of the case and of its parts."""
    parts = ["subjects", "engagements", "acts", "interventions", "responses"]
    counted = Case.objects.annotate(**{f"n_{part}": Count(part, distinct=True) for part in parts})
    shapes = {
        code: [*counts, 0]
        for code, *counts in counted.values_list("code", *(f"n_{part}" for part in parts))
    }
    for path in ("case", "engagement__case", "act__case", "intervention__case", "response__case"):
        cited = Citation.objects.filter(**{f"{path}__isnull": False})
        for code, n in cited.values_list(f"{path}__code").annotate(n=Count("id")).order_by():
            shapes[code][-1] += n
    return shapes


def submissions():
    """The writer's cases by code: whether each submission is whole (person,
    consent, link, audit entries, search entry) and whether it is withdrawn."""
    audited = set(AuditEntry.objects.values_list("action", "model", "object_pk"))
    found = {}
    cases = Case.objects.filter(state__iso3=WRITER_STATE).select_related("search_entry")
    # In chunks: one prefetch over every case made SQLite refuse the query
    # ("Expression tree is too large") once a run had written a few hundred.
    for case in cases.prefetch_related("subjects__person__consents").iterator(chunk_size=100):
        people = [link.person for link in case.subjects.all() if link.person]
        consents = [consent for person in people for consent in person.consents.all()]
        whole = (
            len(people) == 1
            and len(consents) == 1
            and ("add", "cases.person", str(people[0].pk)) in audited
            and ("record_consent", "cases.consent", str(consents[0].pk)) in audited
            and ("add", "cases.case", str(case.pk)) in audited
            and hasattr(case, "search_entry")
        )
        withdrawn = bool(consents) and consents[0].withdrawn_at is not None
        if whole:  # the withdrawal is audited and hides the case, or neither
            whole = {
                withdrawn,
                ("withdraw_consent", "cases.consent", str(consents[0].pk)) in audited,
                not case.search_entry.consents_allow,
            } == {withdrawn}
        found[case.code] = {"whole": whole, "withdrawn": withdrawn}
    return found


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"setup": setup, "write": write, "inspect": inspect}[command](*map(int, args))
