"""Reports: the annual report's country section (annexes I and II) and the
oral update list exactly the consented cases — named, or under a pseudonym —
and no name of anyone else appears in the HTML, the PDF (as pdftotext reads
it; pdftoppm renders its pages), the CSV or the charts. The command line
writes the file and prints its path.

Over the reports of tests/reporting_data.py. The 2013 report lists:
2013-CHN-001 (new; named consent), 2011-CHN-001 (follow-up, under another
symbol; anonymous consent), 2013-BHR-001 (follow-up; an organisation, named),
2010-CHN-001 (follow-up; one person without consent: not listed) and
2013-VNM-001 (new; confidential: not listed).
"""

import csv
import datetime
import io
import json
import shutil
import subprocess

import pytest
from django.utils import timezone, translation

from reprisals.cases.models import Case
from reprisals.cli import main
from reprisals.reporting import rendering, reports, scope
from reprisals.reporting.models import PublishedAggregate, ReportingCycle
from tests import reporting_data
from tests.factories import (
    ActFactory,
    CommunicationFactory,
    ConsentFactory,
    InterventionFactory,
    OrganizationFactory,
    SubjectFactory,
)
from tests.two_factor import login_verified

NAMED = "Wenli Namedperson"
ORGANISATION = "Manama Defenders Network"
MARKERS = ["Qzxanonymous Marker", "Qzxunconsented Marker", "Qzxconfidential Marker",
           "Qzxinternal"]  # fmt: skip
NOT_LISTED = ["2010-CHN-001", "2013-VNM-001"]
LISTED_2013 = {("BHR", "II", "2013-BHR-001"), ("CHN", "I", "2013-CHN-001"),
               ("CHN", "II", "2011-CHN-001")}  # fmt: skip
PUBLIC_LETTER, SECRET_LETTER = "UA CHN 1/2024", "UA CHN 7/2026"
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="poppler-utils (pdftoppm, pdftotext) is not installed: make test installs it",
)


def consent(case, level, name=None):
    link = SubjectFactory(case=case, **({"person__name": name} if name else {}))
    if level:
        ConsentFactory(person=link.person, level=level)
    return link.person


@pytest.fixture
def cases(team):
    cases = reporting_data.build(team)
    for case in cases.values():
        case.title = "Qzxinternal title, staff only"
        case.save()
    consent(cases["2013-CHN-001"], "named", NAMED)
    anonymous = consent(cases["2011-CHN-001"], "anonymous", MARKERS[0])
    cases["2011-CHN-001"].public_title = f"Detention of {MARKERS[0]}"  # a slip, withheld
    cases["2011-CHN-001"].save()
    consent(cases["2010-CHN-001"], "named")
    consent(cases["2010-CHN-001"], None, MARKERS[1])
    consent(cases["2013-VNM-001"], "confidential", MARKERS[2])
    network = OrganizationFactory(team=team, name=ORGANISATION)
    SubjectFactory(case=cases["2013-BHR-001"], person=None, organization=network)
    ConsentFactory(person=None, organization=network, level="named")
    PublishedAggregate.objects.create(
        statement="2 new cases concerning Viet Nam", measure="new_cases",
        state_id=cases["2013-VNM-001"].state_id, cycle=reporting_data.cycle(2013), value=2,
        published_by="An NGO", source="Its 2014 review, p. 3",
    )  # fmt: skip
    cases["anonymous"] = anonymous
    return cases


def english(build, *args, **kwargs):
    with translation.override("en"):
        return build(*args, **kwargs)


def cycle_report(year=2013):
    return english(reports.cycle_report, year, scope.all_cases(), scope="every team's cases")


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def assert_no_marker(text, where):
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} in {where}"


def test_the_country_section_lists_exactly_the_consented_cases(cases):
    report = cycle_report()

    rows = rows_of(rendering.cycle_csv(report))
    assert {(r["state_iso3"], r["annex"], r["case_code"]) for r in rows} == LISTED_2013
    by_code = {r["case_code"]: r for r in rows}
    assert by_code["2013-CHN-001"]["people"] == NAMED
    pseudonym = f"Person {cases['anonymous'].pseudonym}"
    assert by_code["2011-CHN-001"]["people"] == pseudonym
    assert by_code["2011-CHN-001"]["listed_under_symbol"] == reporting_data.RELISTED_UNDER
    assert by_code["2011-CHN-001"]["first_reported"] == "2011"
    assert by_code["2013-BHR-001"]["people"] == ORGANISATION
    assert [c.iso3 for c in report.countries] == ["BHR", "CHN", "VNM"]  # VNM: a figure only
    (vietnam,) = [c for c in report.countries if c.iso3 == "VNM"]
    assert (vietnam.new, vietnam.follow_up, vietnam.published[0].status) == ([], [], "mismatch")


def test_no_other_name_appears_in_the_html_the_csv_or_the_charts(cases):
    report = cycle_report()

    html = rendering.html("cycle", report)
    for text, where in [(html, "HTML"), (rendering.cycle_csv(report), "CSV"),
                        *((chart.svg, chart.name) for chart in report.charts)]:  # fmt: skip
        assert_no_marker(text, where)
        for code in NOT_LISTED:
            assert code not in text, f"{code} in {where}"
    assert (
        NAMED in html and ORGANISATION in html and f"Person {cases['anonymous'].pseudonym}" in html
    )
    assert "mismatch" in html  # the Vietnamese figure is shown beside the records, not hidden
    assert all(chart.png.startswith(b"\x89PNG") for chart in report.charts)
    assert "CHN" in report.charts[0].svg  # SVG text stays text


@needs_poppler
def test_the_pdf_opens_and_lists_exactly_the_consented_cases(cases, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendering.pdf(rendering.html("cycle", cycle_report())))

    subprocess.run(["pdftoppm", "-png", "-r", "40", pdf, tmp_path / "page"], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert_no_marker(text, "PDF")
    listed = {code for code in reporting_data.MENTIONS if code in text}
    assert listed == {code for _, _, code in LISTED_2013}
    assert NAMED in text and ORGANISATION in text
    assert cases["anonymous"].pseudonym in text


def test_a_withdrawal_of_consent_takes_the_case_out_at_once(cases):
    from reprisals.cases.services import withdraw_consent

    withdraw_consent(Case.objects.get(code="2013-CHN-001").subjects.get().person, actor=None)

    rows = rows_of(rendering.cycle_csv(cycle_report()))
    assert "2013-CHN-001" not in {r["case_code"] for r in rows}


@pytest.fixture
def activity(cases):
    """What happened in 2024 in a consented case and in one without consent."""
    named, unconsented = (
        Case.objects.get(code="2013-CHN-001"),
        Case.objects.get(code="2010-CHN-001"),
    )
    ActFactory(case=named, type="travel_ban", date="2024-03")
    ActFactory(case=named, type="harassment", date="2019-05")  # before the period
    InterventionFactory(case=named, kind="press_release", date="2024-05", reference="PR 12/2024")
    ActFactory(case=unconsented, type="arbitrary_detention", date="2024-04")
    sent = datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC)
    CommunicationFactory(team=named.team, reference=PUBLIC_LETTER, sent_at=sent, cases=[named])
    CommunicationFactory(team=named.team, reference=SECRET_LETTER, cases=[named],
                         sent_at=timezone.now() - datetime.timedelta(hours=1))  # fmt: skip
    return named


def oral_update(**dates):
    return english(reports.oral_update, scope.all_cases(), scope="every team's cases", **dates)


def test_the_oral_update_lists_what_happened_with_a_column_for_the_states_response(activity):
    report = oral_update(since=datetime.date(2024, 1, 1))

    rows = rows_of(rendering.oral_update_csv(report))
    assert [(r["case_code"], r["date"], r["kind"]) for r in rows] == [
        ("2013-CHN-001", "2024-02-01", "letter"), ("2013-CHN-001", "2024-03", "act"),
        ("2013-CHN-001", "2024-05", "un_action"),
    ]  # fmt: skip
    assert {r["state_response"] for r in rows} == {""}
    assert rows[0]["what"].endswith(PUBLIC_LETTER)
    html = rendering.html("oral_update", report)
    assert PUBLIC_LETTER in html and SECRET_LETTER not in html
    assert html.count('<td class="response"></td>') == 1
    assert_no_marker(html, "oral update")
    assert "2010-CHN-001" not in html


def test_the_oral_update_needs_a_date_when_no_report_gives_its_period(cases):
    with pytest.raises(reports.NoSessionDate):
        oral_update()
    ReportingCycle.objects.filter(year=2014).update(
        period_start=datetime.date(2013, 12, 1), period_end=datetime.date(2014, 11, 30)
    )

    assert oral_update().since == datetime.date(2014, 12, 1)


def run(capsys, *args):
    main(list(args))
    return capsys.readouterr().out


def test_the_command_writes_the_file_in_the_current_directory_and_prints_its_path(
    cases, capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)

    printed = run(capsys, "report", "cycle", "2013", "--format", "pdf").strip()

    assert printed == str(tmp_path / "reprisals-report-2013.pdf")
    assert (tmp_path / "reprisals-report-2013.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_writes_to_output_and_charts_to_a_directory(cases, capsys, tmp_path):
    target = tmp_path / "annex.csv"
    (tmp_path / "charts").mkdir()

    printed = run(capsys, "report", "cycle", "2013", "--format", "csv", "--output", str(target),
                  "--charts", str(tmp_path / "charts")).split()  # fmt: skip

    assert printed[0] == str(target)
    assert {(r["state_iso3"], r["annex"], r["case_code"]) for r in rows_of(target.read_text())} == (
        LISTED_2013
    )
    charts = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert printed[1:] == [str(tmp_path / "charts" / name) for name in [
        "2013-cases-per-year.png", "2013-cases-per-year.svg", "2013-ranking.png",
        "2013-ranking.svg", "2013-follow-up.png", "2013-follow-up.svg"]]  # fmt: skip
    assert len(charts) == 6
    for svg in (tmp_path / "charts").glob("*.svg"):
        assert_no_marker(svg.read_text(), svg.name)


def test_the_command_refuses_a_year_without_a_report(cases, capsys):
    with pytest.raises(SystemExit):
        main(["report", "cycle", "2012"])
    assert "No report of 2012" in capsys.readouterr().err


def test_the_state_report_shows_computed_figures_beside_published_ones_with_sources(cases, capsys):
    PublishedAggregate.objects.create(
        statement="2 of the 4 Chinese cases were followed up", measure="follow_up_rate",
        state_id=cases["2013-CHN-001"].state_id, period_start=2010, period_end=2013,
        numerator=2, denominator=4, value=50, published_by="An NGO", source="Review, table 2",
    )  # fmt: skip

    document = json.loads(run(capsys, "report", "state", "CHN", "--from", "2010", "--to", "2013",
                              "--format", "json"))  # fmt: skip

    assert (document["state"], document["from"], document["to"]) == ("CHN", 2010, 2013)
    computed = document["computed"]
    assert computed["follow_up"]["rate"] == {"numerator": 2, "denominator": 4, "percent": 50}
    assert computed["follow_up"]["followed"] == ["2010-CHN-001", "2011-CHN-001"]
    assert computed["rank"]["rank"] == 1
    (published,) = document["published"]
    assert (published["status"], published["source"]) == ("match", "Review, table 2")
    assert published["computed"]["cases"] == ["2010-CHN-001", "2010-CHN-002", "2011-CHN-001",
                                              "2013-CHN-001"]  # fmt: skip


def test_the_public_state_report_counts_public_cases_only(cases, capsys):
    InterventionFactory(case=Case.objects.get(code="2013-CHN-001"), date="2015-01")

    text = run(capsys, "report", "state", "CHN", "--public", "--format", "json")

    document = json.loads(text)
    assert document["scope"] == "the cases public now"
    assert document["computed"]["rank"]["value"]["cases"] == ["2013-CHN-001"]
    assert not [code for code in reporting_data.MENTIONS if code in text and code != "2013-CHN-001"]


@needs_poppler
def test_the_state_report_as_pdf_is_written_and_opens(cases, capsys, tmp_path):
    printed = run(capsys, "report", "state", "CHN", "--from", "2010", "--to", "2019", "--format",
                  "pdf", "--output", str(tmp_path)).strip()  # fmt: skip

    assert printed == str(tmp_path / "reprisals-CHN-2010-2019.pdf")
    text = subprocess.run(["pdftotext", printed, "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "China (CHN): figures for the reports of 2010–2019" in text
    assert_no_marker(text, "state report")


def test_staff_download_their_teams_consented_cases(cases, documenter, client):
    login_verified(client, documenter)

    response = client.get("/staff/reports/annual/?year=2013&format=csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = rows_of(response.content.decode())
    assert {(r["state_iso3"], r["annex"], r["case_code"]) for r in rows} == LISTED_2013
    page = client.get("/staff/reports/").content.decode()
    assert "?year=2013&amp;format=pdf" in page
    assert client.get("/staff/reports/annual/?year=2012").status_code == 404


def test_staff_of_another_team_get_an_empty_report(cases, outsider, client):
    login_verified(client, outsider)

    rows = rows_of(client.get("/staff/reports/annual/?year=2013&format=csv").content.decode())

    assert rows == []


def test_the_staff_oral_update_asks_for_a_date_it_cannot_work_out(activity, documenter, client):
    login_verified(client, documenter)

    asked = client.get("/staff/reports/oral-update/").content.decode()
    made = client.get("/staff/reports/oral-update/?since=2024-01-01&until=2024-12-31")

    assert "give the first day to cover" in asked
    assert PUBLIC_LETTER in made.content.decode()
    assert made["Content-Type"].startswith("text/html")


@needs_poppler
@pytest.mark.skipif(
    "WenQuanYi" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    if shutil.which("fc-list") else True,
    reason="fonts-wqy-microhei is not installed: make test installs it",
)  # fmt: skip
def test_chinese_and_arabic_names_print_in_the_pdf(cases, tmp_path):
    consent(Case.objects.get(code="2013-CHN-001"), "named", "曹顺利")
    consent(Case.objects.get(code="2013-CHN-001"), "named", "مركز البحرين")
    pdf = tmp_path / "report.pdf"

    pdf.write_bytes(rendering.pdf(rendering.html("cycle", cycle_report())))

    fonts = subprocess.run(["pdffonts", pdf], check=True, capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts and "DejaVu" in fonts
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "曹顺利" in text and "مركز" in text
