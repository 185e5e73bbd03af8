"""Public search latency: search.search_cases against the same query in raw SQLite.

    .venv/bin/python bench/search_latency.py [--db /tmp/bench.sqlite3] [--runs 50]

For each query, the time of:
  search    search.search_cases(now, q=...): count, page of 20, facet counts and
            the 20 public projections (what the /search/ page asks for);
  orm       the part of it that is the same query as `raw`: the Django queryset
            (public_cases + full-text match + facet) counted, and its first page of ids;
  raw       that query written by hand in SQL (FTS5 MATCH joined to the
            publication rule), run with the sqlite3 module: count and page of 20;
  fts       the physical floor: the FTS5 MATCH and a count, nothing else.
The raw SQL must find the same total and the same first page as search_cases,
or the script stops.
"""

import sqlite3
import time

from common import arguments, machine, p50_p95, setup_django
from seed import NOW

QUERIES = [
    ("one word", {"q": "lawyer"}),
    ("one word, rare", {"q": "Nasrin"}),
    ("two words", {"q": "travel ban"}),
    ("name", {"q": "Aisha Haddad"}),
    ("word + State facet", {"q": "detention", "state": "CHN"}),
]

PUBLIC_MATCHES = """
WITH hits(id) AS (SELECT rowid FROM register_search_fts WHERE register_search_fts MATCH :match)
SELECT c.id, c.code, c.opened_on FROM cases_case c JOIN hits ON hits.id = c.id
WHERE (:state = '' OR c.state_id = (SELECT id FROM reference_state WHERE iso3 = :state))
  AND EXISTS (SELECT 1 FROM cases_casesubject s WHERE s.case_id = c.id)
  AND NOT EXISTS (  -- a subject whose latest consent does not allow publication
    SELECT 1 FROM cases_casesubject s WHERE s.case_id = c.id AND coalesce(
      (SELECT k.level IN ('named', 'anonymous') AND k.withdrawn_at IS NULL
       FROM cases_consent k WHERE k.person_id = s.person_id
       ORDER BY k.obtained_on DESC, k.id DESC LIMIT 1),
      (SELECT k.level IN ('named', 'anonymous') AND k.withdrawn_at IS NULL
       FROM cases_consent k WHERE k.organization_id = s.organization_id
       ORDER BY k.obtained_on DESC, k.id DESC LIMIT 1),
      0) = 0)
  AND (EXISTS (  -- a public letter
         SELECT 1 FROM communications_communication_cases cc
         JOIN communications_communication m ON m.id = cc.communication_id
         WHERE cc.case_id = c.id
           AND (m.withheld_until IS NULL OR m.withheld_until <= :now)
           AND m.latest_sent_at <= CASE m.type WHEN 'UA' THEN :ua WHEN 'AL' THEN :al
                                               WHEN 'OL' THEN :ol ELSE :longest END)
    OR EXISTS (  -- a UN publication whose whole date has passed
         SELECT 1 FROM cases_intervention i WHERE i.case_id = c.id
           AND i.kind IN ('report_mention', 'press_release', 'statement')
           AND ((length(i.date) = 10 AND i.date < :day) OR (length(i.date) = 7 AND i.date < :month)
                OR (length(i.date) = 4 AND i.date < :year)))
    OR EXISTS (  -- a decision approved by a second person
         SELECT 1 FROM register_publicationdecision d WHERE d.case_id = c.id
           AND d.approved_by_id IS NOT NULL AND d.approved_at <= :now
           AND d.revoked_at IS NULL))
"""
COUNT = f"SELECT count(*) FROM ({PUBLIC_MATCHES})"
PAGE = f"{PUBLIC_MATCHES} ORDER BY c.opened_on DESC, c.code LIMIT 20"
FLOOR = "SELECT count(*) FROM register_search_fts WHERE register_search_fts MATCH :match"


def sql_moment(moment):
    """A datetime as Django stores it in SQLite: naive UTC text."""
    return str(moment.astimezone(NOW.tzinfo).replace(tzinfo=None))


def raw_parameters(filters):
    from reprisals.register import rule
    from reprisals.vault import blind

    windows = rule.Windows.from_settings()
    day = NOW.date().isoformat()
    tokens = blind.query_tokens(filters["q"])
    return {
        "match": " ".join(f'"{t}"' for t in tokens),  # as search.matching_case_ids writes it
        "state": filters.get("state", ""),
        "now": sql_moment(NOW),
        "ua": sql_moment(NOW - windows.ua),
        "al": sql_moment(NOW - windows.al),
        "ol": sql_moment(NOW - windows.ol),
        "longest": sql_moment(NOW - max(windows.ua, windows.al, windows.ol)),
        "day": day, "month": day[:7], "year": day[:4],
    }  # fmt: skip


def orm_count_and_page(filters):
    """The queryset search_cases counts and pages, without facets and projections."""
    from reprisals.register import queries, search

    cases = queries.public_cases(NOW).filter(pk__in=search.matching_case_ids(filters["q"]))
    if filters.get("state"):
        cases = cases.filter(state__iso3=filters["state"])
    cases = cases.distinct()
    page = cases.order_by("-opened_on", "code").values_list("pk", flat=True)[:20]
    return cases.count(), list(page)


def timed(function, runs):
    """Timings of `runs` calls in milliseconds, after two warm-up calls."""
    function(), function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main():
    options = arguments(__doc__.splitlines()[0], runs=(int, 50, "timed runs per query"))
    setup_django(options.db)
    from reprisals.cases.models import Case
    from reprisals.register import search

    raw = sqlite3.connect(f"file:{options.db}?mode=ro", uri=True)
    print(machine())
    print(f"{Case.objects.count():,} cases in {options.db}; now = {NOW:%Y-%m-%d}; "
          f"{options.runs} runs per query; milliseconds, p50 / p95")  # fmt: skip
    header = [
        "query",
        "public hits",
        "search",
        "orm",
        "raw SQL",
        "FTS floor",
        "search/raw",
        "orm/raw",
    ]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for label, filters in QUERIES:
        parameters = raw_parameters(filters)
        found = search.search_cases(NOW, **filters)
        total = raw.execute(COUNT, parameters).fetchone()[0]
        page = [code for _, code, _ in raw.execute(PAGE, parameters)]
        assert total == found["total"], (label, total, found["total"])
        assert page == [case.code for case in found["results"]], label
        timings = {
            "search": timed(lambda f=filters: search.search_cases(NOW, **f), options.runs),
            "orm": timed(lambda f=filters: orm_count_and_page(f), options.runs),
            "raw": timed(lambda p=parameters: (raw.execute(COUNT, p).fetchall(),
                                               raw.execute(PAGE, p).fetchall()), options.runs),
            "fts": timed(lambda p=parameters: raw.execute(FLOOR, p).fetchall(), options.runs),
        }  # fmt: skip
        p = {name: p50_p95(samples) for name, samples in timings.items()}
        cells = [f"{p[name][0]:.1f} / {p[name][1]:.1f}" for name in timings]
        ratios = [f"{p['search'][0] / p['raw'][0]:.1f}×", f"{p['orm'][0] / p['raw'][0]:.1f}×"]
        print(f"| {label} ({filters}) | {total:,} | " + " | ".join(cells + ratios) + " |")


if __name__ == "__main__":
    main()
