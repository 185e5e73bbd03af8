"""The diplomacy commands under `reprisals`, and the progress bar they show."""

import io

import pytest
from django.core.management import CommandError, call_command, get_commands

from reprisals.cli import ALIASES
from reprisals.diplomacy.importing.progress import Bar


@pytest.mark.parametrize(
    ("words", "command"),
    [
        (("import", "hrc-votes"), "import_hrc_votes"),
        (("import", "unga-votes"), "import_unga_votes"),
        (("import", "popolo"), "import_popolo"),
        (("export", "popolo"), "export_popolo"),
    ],
)
def test_it_names_each_command_in_words(words, command):
    assert ALIASES[words] == [command]
    assert command in get_commands()


def test_the_progress_bar_shows_on_a_terminal_and_not_elsewhere():
    shown = io.StringIO()
    with Bar(enabled=True, stream=shown) as bar:
        bar.step("Writing GA votes", total=10).advance(10)
    assert "Writing GA votes" in shown.getvalue() and "10/10" in shown.getvalue()
    with Bar(enabled=False) as bar:
        bar.step("Nothing", total=1).advance()  # no output, no error
    assert bar.progress is None


@pytest.mark.django_db
def test_an_unwritable_export_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write .*missing/out.json"):
        call_command("export_popolo", output=str(tmp_path / "missing" / "out.json"))


@pytest.mark.django_db
def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="roll_calls.csv: the file is missing"):
        call_command("import_unga_votes", str(tmp_path / "nowhere"))
