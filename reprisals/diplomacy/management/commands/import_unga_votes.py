from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import General Assembly roll-call votes from a directory in the unvotes format "
        "(roll_calls.csv, issues.csv, unvotes.csv.gz). All or nothing: every problem is "
        "reported with its file, line and field, and nothing is written. Re-importing changes "
        "nothing. Country codes are mapped to reference States; the mapping of historical "
        "entities is documented in reprisals/diplomacy/importing/unga.py."
    )
    importer = staticmethod(import_unga_votes)
