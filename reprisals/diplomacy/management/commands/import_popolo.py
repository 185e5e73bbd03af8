from reprisals.diplomacy.importing.popolo import import_popolo
from reprisals.diplomacy.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import motions, vote events, counts and votes from a Popolo JSON file (as written by "
        "`reprisals export popolo`, or another tool's where it maps: see "
        "reprisals/diplomacy/importing/popolo.py). All or nothing: every problem is reported "
        "with its place in the file, and nothing is written. Re-importing changes nothing; a "
        "row already stored from another source is left as it is."
    )
    importer = staticmethod(import_popolo)
