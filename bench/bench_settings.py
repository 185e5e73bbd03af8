"""Settings for the throughput bench: the project's own, with bench_urls as
the URLconf. Used only by list_throughput.py."""

from reprisals.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
