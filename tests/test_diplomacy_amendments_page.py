"""The amendments page, /amendments/<symbol>/: the seed report's tables of
2017 and 2021, read from the report's own text, against the page rendered
from the demo data, cell for cell; then the same page after the Council's
recorded votes are imported, with every disagreement flagged."""

import html
import re
from pathlib import Path

import pytest

from reprisals.diplomacy.importing.hrc import import_hrc_votes
from tests.diplomacy_data import shared_dataset

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
COUNTRIES = {"China": "CHN", "Russia": "RUS", "India": "IND", "Venezuela": "VEN", "Egypt": "EGY"}
RESOLUTIONS = {2017: "A/HRC/RES/36/21", 2021: "A/HRC/RES/48/17"}


def seed_tables():
    """{year: (columns, [(label, {ISO3 marked}, outcome)])} from the report's
    tab-separated tables (the 2017 table is printed in three parts)."""
    reports = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not reports:
        pytest.skip(f"the seed report is absent from {SEED}")
    tables, columns, rows = [], None, None
    for line in reports[0].read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] == "" and cells[-1] == "Outcome":
            columns = [COUNTRIES[name] for name in cells[1:-1]]
        elif columns and (found := re.match(r"Amendment #(\d+) – ", cells[0])):
            if found.group(1) == "1":
                rows = []
                tables.append((columns, rows))
            marked = {iso3 for iso3, cell in zip(columns, cells[1:-1], strict=True) if cell == "X"}
            rows.append((cells[0], marked, cells[-1]))
    assert len(tables) == 2, "the seed report's two amendment tables were not found"
    return dict(zip(RESOLUTIONS, tables, strict=True))


def shown_tables(client, symbol, query=""):
    """Every table of the page: (columns, [(label, {ISO3 marked}, outcome,
    flagged cells)])."""
    response = client.get(f"/amendments/{symbol}/{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    found = []
    for table in re.findall(r'<table class="amendments">(.*?)</table>', page, re.S):
        head = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
        columns = re.findall(r'<bdi class="code">([A-Z]{3})</bdi>', head)
        rows = []
        for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
            label = html.unescape(re.search(r'<span dir="auto">(.*?)</span>', row).group(1))
            cells = re.findall(r"<td( class=\"disagreement\")?>(.*?)</td>", row, re.S)
            marks = [cell for _, cell in cells[:-1]]
            marked = {iso3 for iso3, cell in zip(columns, marks, strict=True)
                      if cell.startswith('<span class="mark">marked</span>')}  # fmt: skip
            outcome = cells[-1][1].split("<br>")[0]
            flagged = sum(1 for disagreement, _ in cells if disagreement)
            rows.append((label, marked, outcome, flagged))
        found.append((columns, rows))
    return found


@pytest.mark.parametrize("year", [2017, 2021])
def test_the_page_gives_the_seed_reports_table_cell_for_cell(client, demo, year):
    columns, expected = seed_tables()[year]
    (shown,) = shown_tables(client, RESOLUTIONS[year])
    assert shown[0] == columns
    assert [(label, marked, outcome) for label, marked, outcome, _ in shown[1]] == expected
    assert not any(flagged for *_, flagged in shown[1])  # no recorded vote to disagree with


def test_beside_the_recorded_votes_every_disagreement_is_flagged(client, demo):
    import_hrc_votes(shared_dataset("hrc_votes"))
    columns, expected = seed_tables()[2017]
    (shown,) = shown_tables(client, RESOLUTIONS[2017])
    # The publication's marks are unchanged by the record beside them ...
    assert [(label, marked, outcome) for label, marked, outcome, _ in shown[1]] == expected
    # ... and the 26 disagreements of `reprisals votes amendments` are flagged:
    # Russia (not a member in 2017) marked on 18, and 8 more.
    assert sum(flagged for *_, flagged in shown[1]) == 26
    page = client.get(f"/amendments/{RESOLUTIONS[2017]}/").content.decode()
    assert "26 disagreements between a publication and the record." in page
    assert "not a member" in page and 'href="/votes/A/HRC/36/L.43/"' in page


def test_states_may_be_chosen_and_unknown_ones_are_named(client, demo):
    (shown,) = shown_tables(client, RESOLUTIONS[2017], "?states=chn,rus")
    assert shown[0] == ["CHN", "RUS"]
    response = client.get(f"/amendments/{RESOLUTIONS[2017]}/?states=CHN,ZZZ")
    assert response.status_code == 400 and "No State has the code ZZZ" in response.content.decode()
    assert client.get("/amendments/A/HRC/RES/99/99/").status_code == 404
    assert client.post(f"/amendments/{RESOLUTIONS[2017]}/").status_code == 405


def test_the_resolution_page_links_its_amendments_and_lists_dissociations(client, demo):
    page = client.get("/votes/A/HRC/RES/36/21/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/amendments/A/HRC/RES/36/21/"' in page
    adopted_by_consensus = client.get("/votes/A/HRC/RES/48/17/").content.decode()
    assert "Dissociations from a consensus" in adopted_by_consensus
    assert '<a href="/states/CHN/">China</a>' in adopted_by_consensus
