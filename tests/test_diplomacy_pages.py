"""The diplomatic record's public pages, for the demo: a vote page with the
reported counts beside the named votes and the disagreement flagged, a
State's diplomatic record on its profile, and a case linked to the vote that
names it — and the case code shown only while the case is public."""

import base64
import re

import pytest

from reprisals.cases.models import Case
from reprisals.cases.services import withdraw_consent
from reprisals.communications.models import Communication
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.reporting.reports import state_report
from tests.diplomacy_data import shared_dataset, write_ga

POINT_OF_ORDER = "/votes/point-of-order/25/moment-of-silence/"


def page(client, path, language="en"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return response.content.decode()


def test_the_2014_point_of_order_shows_both_counts_and_flags_where_they_differ(client, demo):
    html = page(client, POINT_OF_ORDER)
    assert "moment of silence" in html and "Point of order" in html
    # The text reports 20 against; the footnote names 19 States: both shown, flagged.
    assert '<td class="disagreement">20 <strong class="flag">differs</strong></td>' in html
    assert '<td class="disagreement">19 <strong class="flag">differs</strong></td>' in html
    assert "<td>13</td>" in html and "<td>12</td>" in html
    assert "Disagreement on “no”" in html
    assert '<a href="/states/ZAF/">South Africa</a></td><td>No</td>' in html
    assert '<a href="/states/GBR/">' in html
    assert 'href="/cases/2013-CHN-001/"' in html


def test_a_case_code_in_a_motion_is_shown_only_while_the_case_is_public(client, demo):
    assert "2013-CHN-001" in page(client, POINT_OF_ORDER)
    for subject in Case.objects.get(code="2013-CHN-001").subjects.all():
        withdraw_consent(subject.person, actor=None)
    assert client.get("/cases/2013-CHN-001/").status_code == 404
    html = page(client, POINT_OF_ORDER)
    assert "2013-CHN-001" not in html and "moment of silence" in html


def test_a_resolution_page_and_what_is_not_a_vote(client, demo):
    html = page(client, "/votes/A/HRC/RES/48/17/")
    assert "Adopted without a vote" in html and "No State's vote is recorded" in html
    reported = page(client, "/votes/A/HRC/RES/36/21/")  # 19 abstentions and no vote against
    assert "as the source reports it" in reported and "<td>19</td>" in reported
    assert client.get("/votes/A/HRC/RES/99/99/").status_code == 404
    assert client.get("/votes/not a symbol/").status_code == 404
    assert client.post("/votes/A/HRC/RES/48/17/").status_code == 405
    assert "no-cache" in client.get("/votes/A/HRC/RES/48/17/")["Cache-Control"]


def test_a_states_profile_has_its_diplomatic_record(client, demo):
    html = page(client, "/states/CHN/")
    assert "Diplomatic record" in html and 'id="diplomatic-record"' in html
    assert 'href="/votes/A/HRC/RES/12/2/"' in html and "no vote recorded" in html
    assert 'href="/votes/A/HRC/RES/48/17/"' in html  # and its dissociation
    assert "Dissociated from the consensus on the 2021 resolution." in html
    assert 'id="statements-timeline"' in html and "Frames:" in html
    assert '<tr><th scope="row">2021</th><td>Counter-accusation: 1; Criminalisation' in html
    # The 2013 General Assembly resolution it sponsored: no vote on record in the demo.
    assert '<bdi class="code">A/RES/68/144</bdi> — <span dir="auto">Report of the Human' in html
    assert "(Sponsor (main or co-sponsor not stated))" in html
    cuba = page(client, "/states/CUB/")  # spoke for China's points of order in 2014
    assert "Supported China&#x27;s points of order" in cuba
    iceland = page(client, "/states/ISL/")  # the resolutions, without a vote of its own
    assert 'href="/votes/A/HRC/RES/12/2/"' in iceland and 'id="statements-timeline"' not in iceland
    assert 'id="chart-frames-by-year"' not in iceland


def test_a_states_profile_charts_how_its_statements_frame_reprisals(client, demo):
    html = page(client, "/states/CHN/")
    chart = re.search(r'<figure id="chart-frames-by-year">\s*<img src="data:image/svg\+xml;'
                      r'base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', html)  # fmt: skip
    assert chart, "no frames chart on the profile"
    svg = base64.b64decode(chart.group(1)).decode()
    assert "How CHN&#x27;s statements frame reprisals" in html
    assert "2021: " in chart.group(2) and "Criminalisation of defenders 2" in chart.group(2)
    assert "Counter-accusation" in svg and "2017" in svg


def test_a_case_links_to_the_vote_that_names_it(client, demo):
    html = page(client, "/cases/2013-CHN-001/")
    assert f'href="{POINT_OF_ORDER}"' in html and "Votes at the UN about this case" in html
    assert "Votes at the UN about this case" not in page(client, "/cases/2016-CHN-001/")


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Dossier diplomatique"), ("es", "Historial diplomático"), ("zh-hans", "外交记录"),
     ("ru", "Дипломатическая история"), ("ar", "السجل الدبلوماسي")],
)  # fmt: skip
def test_the_diplomatic_record_is_translated(client, demo, language, words):
    assert words in page(client, "/states/CHN/", language)


def test_the_state_report_has_the_frames_chart_where_the_state_made_statements(demo):
    def chart_names(iso3):
        report = state_report(iso3, Case.objects.all(), Communication.objects.all(),
                              scope="every case", public=False)  # fmt: skip
        return [chart.name for chart in report.charts]

    assert chart_names("CHN") == ["cases-per-year", "follow-up", "frames-by-year"]
    assert "frames-by-year" not in chart_names("ISL")


def test_the_sponsored_assembly_resolution_is_linked_once_its_vote_is_imported(client, demo,
                                                                               tmp_path):
    rolls = ("rcid,session,importantvote,date,unres,amend,para,short,descr\n"
             "5302,68.0,1,2013-12-18,R/68/144,,,UN. HUMAN RIGHTS COUNCIL--REPORTS,"
             "Report of the Human Rights Council : resolution / adopted by the General Assembly\n")
    votes = "rcid,country,country_code,vote\n5302,China,CN,yes\n5302,Canada,CA,no\n"
    import_unga_votes(write_ga(tmp_path / "unvotes", {"roll_calls.csv": rolls,
                                                      "unvotes.csv.gz": votes,
                                                      "issues.csv": "rcid,short_name,issue\n"}))
    assert 'href="/votes/A/RES/68/144/"' in page(client, "/states/CHN/")
    html = page(client, "/votes/A/RES/68/144/")
    assert '<a href="/states/CHN/">China</a> — Sponsor (main or co-sponsor not stated)' in html
    assert '<a href="/states/CHN/">China</a></td><td>Yes</td>' in html


def test_who_votes_most_like_a_state_from_the_recorded_votes(client, db):
    from reprisals.diplomacy.agreement import agreement

    import_hrc_votes(shared_dataset("hrc_votes"))
    html = page(client, "/states/CHN/")
    assert 'href="/agreement/HRC/CHN/"' in html and 'href="/agreement/GA/CHN/"' not in html
    shown = page(client, "/agreement/HRC/CHN/")
    rows = re.findall(r'<tr><td><a href="/states/([A-Z]{3})/">[^<]+</a></td><td>(\d+)</td>'
                      r"<td>(\d+) %</td><td>(\d+) %</td></tr>", shown)  # fmt: skip
    expected = agreement("HRC").closest("CHN", 20)
    assert [row[0] for row in rows] == [pair["states"][1] for pair in expected] and len(rows) == 20
    first = expected[0]
    assert rows[0][1:] == (str(first["both_voted"]), str(round(first["share"] * 100)),
                           str(round(first["lijphart"] * 100)))  # fmt: skip
    assert "States voting most like China — Human Rights Council" in shown
    for missing in ("/agreement/GA/CHN/", "/agreement/HRC/QQQ/", "/agreement/UNSC/CHN/",
                    "/agreement/HRC/china/"):  # fmt: skip
        assert client.get(missing).status_code == 404, missing
