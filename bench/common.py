"""What the bench scripts share: Django on the bench's own SQLite file,
percentiles, and a line on the machine.

The bench never touches the project's database: it sets DATABASE_URL to the
file given with --db (default /tmp/bench.sqlite3) before Django starts.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("/tmp/bench.sqlite3")


def arguments(description, **extra):
    """Parse --db plus the script's own options ({name: (type, default, help)})."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="bench SQLite file")
    for name, (kind, default, text) in extra.items():
        parser.add_argument(f"--{name}", type=kind, default=default, help=text)
    return parser.parse_args()


def setup_django(db_path):
    """Point Django at the bench file (an absolute path) and start it."""
    start_django(f"sqlite://{Path(db_path).resolve()}")


def start_django(database_url):
    """Start Django on the database at `database_url` (e.g. a PostgreSQL
    database of the bench's own)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "reprisals.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def machine():
    """One line on where the figures were measured."""
    import platform
    import sqlite3

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs, load average {load}; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")  # fmt: skip


def p50_p95(samples):
    """Median and 95th percentile of a list of timings."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]
