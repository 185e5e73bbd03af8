"""The `reprisals` command: Django's management commands under one name.

`reprisals demo`, `reprisals serve`, `reprisals load-demo`, `reprisals import cases FILE`,
`reprisals report cycle 2020` and `reprisals manage <any Django command>`.
"""

import os
import sys

ALIASES = {
    ("import", "cases"): ["import_cases"],
    ("import", "hrc-votes"): ["import_hrc_votes"],
    ("import", "unga-votes"): ["import_unga_votes"],
    ("import", "popolo"): ["import_popolo"],
    ("export", "popolo"): ["export_popolo"],
    ("audit", "verify"): ["audit_verify"],
    ("audit", "head"): ["audit_head"],
    ("keys", "rotate"): ["keys_rotate"],
    ("keys", "retire"): ["keys_retire"],
    ("keys", "status"): ["keys_status"],
    ("report", "cycle"): ["report_cycle"],
    ("report", "state"): ["report_state"],
    ("report", "oral-update"): ["report_oral_update"],
    ("votes", "show"): ["votes_show"],
    ("votes", "amendments"): ["votes_amendments"],
    ("votes", "agreement"): ["votes_agreement"],
    ("votes", "record"): ["votes_record"],
    ("votes", "frames"): ["votes_frames"],
}


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reprisals.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        args = args[1:]
    elif len(args) >= 2 and tuple(args[:2]) in ALIASES:
        args = ALIASES[tuple(args[:2])] + args[2:]
    elif args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["reprisals", *args])


if __name__ == "__main__":
    main()
