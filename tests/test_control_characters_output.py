"""Control characters at every output (lib.text.printable): whatever is stored
(rows written before input refused them, or by a raw path), the Atom feed
parses as XML 1.0, the CSV and JSON exports and the API parse, the public
pages and the back office hold no raw control character, and the reports
(HTML, CSV, JSON, PDF) render and read back.

A public case, its letter and the State's reply hold every class of refused
character in each public text, saved without validation (save() runs no
validator), beside tab and line breaks."""

import csv
import datetime
import io
import json
import shutil
import subprocess
import xml.dom.minidom
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from reprisals.lib.text import refusal
from reprisals.reporting import rendering, reports, scope
from reprisals.reporting.models import ReportingCycle, ReportMention
from tests.factories import (
    ActFactory,
    EngagementFactory,
    MechanismFactory,
    ReplyFactory,
    approve_texts,
)
from tests.register_cases import consented_case
from tests.two_factor import login_verified

# Every class the rule refuses that a database can hold (a lone surrogate has
# no UTF-8): C0 (NUL, Word's line break, escape), DEL, C1, bidirectional
# controls, noncharacters. NUL only in sealed (encrypted) columns: PostgreSQL
# refuses it in a plain text column.
CONTROLS = "\x00\x0b\x1b\x7f\x85\x9b\u202e\u2066\ufffe\uffff"
IN_PLAIN_COLUMNS = CONTROLS.replace("\x00", "")
CODE = "2021-CHN-950"


def holding(label, characters=CONTROLS):
    return f"{label} " + " ".join(f"x{c}y" for c in characters)


ATOM = "{http://www.w3.org/2005/Atom}"
ONE_LINE = {"title": holding("Title"), "subject": holding("Subject")}
LINES = "\tindented\r\nnext line\n"


@pytest.fixture
def stored(db):
    """The public case, letter and reply (public: an urgent appeal sent three
    days ago, everyone named), their texts saved unchecked."""
    case = consented_case(CODE, name="Named Person", sent_ago=datetime.timedelta(days=3),
                          title=ONE_LINE["title"], letter_subject=ONE_LINE["subject"])  # fmt: skip
    case.public_summary = holding("Summary") + LINES
    case.save()
    mechanism = MechanismFactory(key="sr-x", name=holding("Mechanism", IN_PLAIN_COLUMNS))
    EngagementFactory(case=case, mechanism=mechanism, date="2021-01")
    ActFactory(case=case, type="travel_ban", date="2021",
               legal_basis=holding("Legal basis", IN_PLAIN_COLUMNS))  # fmt: skip
    letter = case.communications.get()
    letter.public_text = holding("Letter text") + LINES
    letter.save()
    ReplyFactory(communication=letter, received_on=datetime.date.today(),
                 public_text=holding("Reply text") + LINES)  # fmt: skip
    approve_texts(case, letter)
    return case, letter


def assert_printable(text, where):
    """No character the rule refuses (tab and line breaks are text)."""
    found = refusal(text)
    assert found is None, f"{where}: {found}"


def strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def assert_printable_data(data, where):
    found = list(strings(data))
    for text in found:
        assert_printable(text, where)
    return "\n".join(found)


def test_the_feed_is_well_formed_xml(client, stored):
    response = client.get("/feed.atom")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    xml.dom.minidom.parseString(response.content)
    assert_printable(response.content.decode(), "feed")
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert any(title.startswith("Title x\ufffdy") for title in titles)
    assert any("Subject x\ufffdy" in title for title in titles)


@pytest.mark.parametrize("dataset", ["cases", "communications"])
def test_the_exports_parse(client, stored, dataset):
    response = client.get(f"/exports/{dataset}.csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert_printable(text, f"{dataset}.csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 1
    response = client.get(f"/exports/{dataset}.json")
    assert response.status_code == 200
    shown = assert_printable_data(json.loads(response.content), f"{dataset}.json")
    if dataset == "cases":
        assert rows[0]["title"].startswith("Title x\ufffdy") and "Summary x\ufffdy" in shown
        assert rows[0]["summary"].endswith(LINES.replace("\r\n", "\n"))  # lines kept, CR LF as LF
        assert "Legal basis x\ufffdy" in shown and "Mechanism x\ufffdy" in shown
    else:
        assert rows[0]["subject"].startswith("Subject x\ufffdy")
        assert "Letter text x\ufffdy" in shown and "Reply text x\ufffdy" in shown


def test_the_public_pages_hold_no_control_character(client, stored):
    case, letter = stored
    pages = {
        f"/cases/{CODE}/": ["Title x\ufffdy", "Summary x\ufffdy", "Mechanism x\ufffdy"],
        f"/communications/{letter.pk}/": ["Subject x\ufffdy", "Letter text x\ufffdy",
                                          "Reply text x\ufffdy"],
        "/": [], "/search/": ["Title x\ufffdy"], "/communications/": ["Subject x\ufffdy"],
        "/states/CHN/": ["Title x\ufffdy"],
        "/search/?q=" + "x%0By": [],  # a query echoed into the page
    }  # fmt: skip
    for path, shown in pages.items():
        for language in ["en", "ar"]:
            response = client.get(path, headers={"accept-language": language})
            assert response.status_code == 200, path
            html = response.content.decode()
            assert_printable(html, path)
            assert int(response["Content-Length"]) == len(response.content)
            for text in shown:
                assert text in html, (path, text)


def test_the_api_answers_printable_json(client, stored):
    case, letter = stored
    for path in [f"/api/v1/cases/{CODE}", "/api/v1/cases", f"/api/v1/communications/{letter.pk}",
                 "/api/v1/communications", "/api/v1/states/CHN"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        shown = assert_printable_data(json.loads(response.content), path)
        assert "x\ufffdy" in shown, path


def test_the_back_office_pages_hold_no_control_character(client, stored, administrator):
    case, letter = stored
    login_verified(client, administrator)
    pages = {reverse("admin:cases_case_change", args=[case.pk]): "Title x\ufffdy",
             reverse("admin:communications_communication_change", args=[letter.pk]):
                 "Subject x\ufffdy"}  # fmt: skip
    for path, shown in pages.items():
        response = client.get(path)
        assert response.status_code == 200
        assert_printable(response.content.decode(), path)
        assert shown in response.content.decode()


@pytest.fixture
def listed(stored):
    """The case listed as new in the 2021 report."""
    case, _ = stored
    cycle = ReportingCycle.objects.create(year=2021, symbol="A/HRC/48/28", title="Report 2021")
    ReportMention.objects.create(case=case, cycle=cycle, kind="new")
    return case


def cycle_report():
    with translation.override("en"):
        return reports.cycle_report(2021, scope.all_cases(), scope="every team's cases")


def test_the_reports_html_csv_and_json_hold_no_control_character(listed, capsys):
    report = cycle_report()
    html = rendering.html("cycle", report)
    assert_printable(html, "cycle report HTML")
    assert "Title x\ufffdy" in html
    text = rendering.cycle_csv(report)
    assert_printable(text, "cycle report CSV")
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["title"].startswith("Title x\ufffdy")

    from reprisals.cli import main

    main(["report", "state", "CHN", "--public", "--format", "json"])
    assert_printable_data(json.loads(capsys.readouterr().out), "state report JSON")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_report_renders_and_reads_back(listed, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendering.pdf(rendering.html("cycle", cycle_report())))
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert CODE in text and "Title x" in text
    assert_printable(text.replace("\f", ""), "PDF")  # pdftotext ends pages with a form feed
