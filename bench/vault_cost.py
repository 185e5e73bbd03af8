"""What encryption at rest costs when records are read: loading sealed rows
through the ORM (each row's data key unwrapped, each field opened) against
loading the same rows through the ORM with the sealed columns deferred
(what the same query costs without opening anything).

Run after seed.py: `.venv/bin/python bench/vault_cost.py [--rows 20000]`.
"""

import time

from common import arguments, machine, p50_p95, setup_django

options = arguments(__doc__, rows=(int, 20_000, "rows of each model to load"), runs=(int, 5, ""))
setup_django(options.db)

from reprisals.cases.models import Act, Case, Person  # noqa: E402


def timed(function, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return p50_p95(samples)


print(machine())
print(f"{options.rows:,} rows per model; {options.runs} runs; milliseconds, p50 / p95")
print("| model | sealed fields | opened | not opened (deferred) | ratio |")
print("|---|---|---|---|---|")
for model in (Person, Case, Act):
    sealed = [f.name for f in model.sealed_fields()]
    rows = model.objects.order_by("pk")[: options.rows]
    opened = timed(lambda q=rows: list(q.all()), options.runs)
    plain = timed(lambda q=rows, s=sealed: list(q.defer(*s, "row_key")), options.runs)
    print(f"| {model.__name__} | {len(sealed)} | {opened[0]:.0f} / {opened[1]:.0f} | "
          f"{plain[0]:.0f} / {plain[1]:.0f} | {opened[0] / plain[0]:.1f}× |")
