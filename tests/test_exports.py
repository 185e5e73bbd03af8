"""Open-data exports: exactly what the register shows, described column by
column by the data dictionary."""

import csv
import datetime
import io
import json
import re

import pytest
from django.utils import timezone

from reprisals.cases.models import Case, Source
from reprisals.communications.models import Communication
from tests.factories import CommunicationFactory, ReplyFactory
from tests.register_cases import anonymous_case, pending_case
from tests.sealed import letter_about

DEMO_CODES = {"2013-CHN-001", "2016-CHN-001", "2017-CHN-001", "2019-CHN-001", "2020-CHN-001"}
DATASETS = {"cases": "code", "communications": "id"}


def dictionary_columns(client, dataset):
    html = client.get("/exports/").content.decode()
    table = html.split(f'id="columns-{dataset}"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><code>(\w+)</code></th>', table)


def read_csv(client, dataset):
    response = client.get(f"/exports/{dataset}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{dataset}.csv"' in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def read_json(client, dataset):
    response = client.get(f"/exports/{dataset}.json")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["count"] == len(body[dataset])
    return body[dataset]


def export_text(client):
    return "\n".join(
        client.get(f"/exports/{dataset}.{fmt}").content.decode()
        for dataset in DATASETS
        for fmt in ["csv", "json"]
    )


@pytest.mark.parametrize("dataset", DATASETS)
def test_it_has_exactly_the_columns_of_the_data_dictionary(client, demo, dataset):
    columns = dictionary_columns(client, dataset)
    assert len(columns) > 10
    rows = read_csv(client, dataset)
    assert rows and list(rows[0]) == columns
    records = read_json(client, dataset)
    assert records and all(list(record) == columns for record in records)


def test_it_exports_only_public_cases(client, demo):
    hidden, anonymous = pending_case(), anonymous_case()
    public = DEMO_CODES | {anonymous.code}
    assert {row["code"] for row in read_csv(client, "cases")} == public
    assert {record["code"] for record in read_json(client, "cases")} == public
    letters = {
        str(pk) for pk in Communication.objects.exclude(cases=hidden).values_list("pk", flat=True)
    }
    assert {row["id"] for row in read_csv(client, "communications")} == letters
    assert hidden.code not in export_text(client)


def test_it_exports_a_case_as_its_page_shows_it(client, demo):
    rows = {row["code"]: row for row in read_csv(client, "cases")}
    jiang = rows["2016-CHN-001"]
    assert jiang["url"] == "http://testserver/cases/2016-CHN-001/"
    assert jiang["state_iso3"] == "CHN" and jiang["state_name"] == "China"
    assert jiang["subjects"] == "Jiang Tianyong"
    assert jiang["act_types"] == "criminal_charges; arbitrary_detention; enforced_disappearance"
    acts = json.loads(jiang["acts"])
    assert acts[0]["legal_basis"].startswith("'subversion of State power'")
    record = next(r for r in read_json(client, "cases") if r["code"] == "2016-CHN-001")
    assert record["act_types"] == ["criminal_charges", "arbitrary_detention",
                                   "enforced_disappearance"]  # fmt: skip
    assert {"kind": "press_release", "mechanism": "Special Rapporteur on extreme poverty and "
            "human rights", "date": "2016-12", "reference": ""} in record["un_actions"]  # fmt: skip


def test_it_exports_letters_with_their_replies(client, demo):
    letter = letter_about("Liu Ximei")
    record = next(r for r in read_json(client, "communications") if r["id"] == letter.pk)
    assert record["case_codes"] == ["2019-CHN-001"]
    assert record["replied"] is True
    assert record["replies"][0]["response_type"] == "denied"
    row = next(r for r in read_csv(client, "communications") if r["id"] == str(letter.pk))
    assert row["replied"] == "true"
    assert json.loads(row["replies"])[0]["response_type"] == "denied"


def test_it_exports_no_field_that_is_not_public(client, demo):
    case = anonymous_case()
    person = case.subjects.get().person
    person.contact_details, person.address = "MARK-contact", "MARK-address"
    person.family_details, person.internal_notes = "MARK-family", "MARK-person-notes"
    person.save()
    case.title, case.summary, case.internal_notes = "MARK-title", "MARK-summary", "MARK-notes"
    case.save()
    act = case.acts.get()
    act.perpetrator, act.description = "MARK-perpetrator", "MARK-act"
    act.save()
    secret = Source.objects.create(team=case.team, title="MARK-source", kind="interview",
                                   reliability="high", confidential=True)  # fmt: skip
    case.citations.create(source=secret, locator="MARK-locator")
    letter = case.communications.get()
    letter.content, letter.internal_notes = "MARK-content", "MARK-letter-notes"
    letter.save()
    ReplyFactory(communication=letter, content="MARK-reply", internal_notes="MARK-reply-notes")
    recent = CommunicationFactory(
        type="AL",
        subject="MARK-recent-letter",
        cases=[case],
        sent_at=timezone.now() - datetime.timedelta(days=59),
    )
    ReplyFactory(communication=recent, public_text="MARK-recent-reply")
    text = export_text(client)
    assert case.code in text and person.pseudonym in text
    assert "MARK-" not in text
    assert person.name not in text


def test_it_describes_every_column_and_code(client, db):
    html = client.get("/exports/").content.decode()
    for dataset in DATASETS:
        assert f'href="/exports/{dataset}.csv"' in html
        assert f'href="/exports/{dataset}.json"' in html
    assert "<code>arbitrary_detention</code>" in html  # code lists
    assert "<code>UA</code>" in html
    assert Case.objects.count() == 0  # a dictionary needs no data
