from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import Human Rights Council recorded votes from a directory in the hrc_votes format "
        "(resolutions.csv, votes.csv, countries.csv). All or nothing: every problem is reported "
        "with its file, line and field, and nothing is written. Re-importing changes nothing. "
        "The source's 'passed' is kept as a computed (not official) result; memberships are "
        "derived from the votes and flagged so."
    )
    importer = staticmethod(import_hrc_votes)
