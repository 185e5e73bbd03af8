"""The `reprisals` command and its demo commands."""

import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from reprisals.cases.models import Case
from reprisals.cli import main


@pytest.mark.django_db
def test_it_sets_up_the_demo_and_prints_a_working_one_time_password(capsys):
    call_command("demo", no_serve=True)
    output = capsys.readouterr().out
    password = re.search(r"password: (\S+)", output).group(1)
    assert authenticate(username="demo", password=password) is not None
    assert Case.objects.count() == 5

    call_command("demo", no_serve=True)
    second = re.search(r"password: (\S+)", capsys.readouterr().out).group(1)
    assert second != password
    assert authenticate(username="demo", password=password) is None  # the old one is void
    assert Case.objects.count() == 5


# run_from_argv closes the database connection when done, as a real command
# line does: these tests need real transactions.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_maps_dashed_names_to_commands(capsys):
    main(["load-demo"])
    assert "Demo dataset loaded: 5 cases" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_maps_import_cases_to_its_command(capsys, demo):
    from reprisals.demo.loader import DATASET

    main(["import", "cases", str(DATASET), "--team", "Demo team"])
    assert "5 cases" in capsys.readouterr().out
    assert Case.objects.count() == 5


def test_it_passes_manage_through_to_django(capsys):
    main(["manage", "help", "--commands"])
    commands = capsys.readouterr().out.split()
    assert {"migrate", "demo", "load_demo", "serve", "import_cases"} <= set(commands)
