"""The intake form over real HTTP: a defender's report is stored sealed and
answered with a receipt only; the proof of work, the honeypot and the global
cap refuse robots without saying why; nothing of the sender (address, browser)
is written anywhere; the triage queue is for triage staff only, and nothing
sent ever appears in public."""

import datetime
import logging
import re
import time

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from reprisals.audit.models import AuditEntry
from reprisals.intake.models import Attachment, Status, Submission
from reprisals.intake.receipts import receipt_token
from tests.http import Session
from tests.intake_client import (
    IntakeForm,
    a_report,
    database_text,
    jpeg_with_gps,
    store_report,
    upload_files,
)
from tests.two_factor import login_verified

live = pytest.mark.django_db(transaction=True, serialized_rollback=True)
RECEIPT = re.compile(r'<strong class="receipt code" dir="ltr">([0-9A-Z-]{19})</strong>')
NOT_SENT_YET = "Your report could not be sent yet."
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) IntakeProbe/7.31 marker-ua-5f2c"


@pytest.fixture(autouse=True)
def intake_settings(settings, tmp_path):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.INTAKE_PROOF_BITS = 12
    settings.INTAKE_MIN_FILL_SECONDS = 30
    return settings


@pytest.fixture
def form(live_server):
    form = IntakeForm(Session(live_server.url), headers={"User-Agent": BROWSER})
    form.open()
    return form


def receipt_of(page):
    match = RECEIPT.search(page)
    assert match, "no receipt code on the page"
    return match.group(1)


@live
def test_it_stores_a_report_sealed_and_answers_with_a_receipt_only(form):
    marker = "marker-what-9d41"
    fields = a_report(what_happened=f"Detained after the session ({marker})",
                      contact="signal +41 00 000 00 00")  # fmt: skip
    files = [("files", ("me.jpg", jpeg_with_gps(), "image/jpeg"))]
    status, headers, page = form.post(fields, files)

    assert status == 200
    assert "Your report has been received" in page
    code = receipt_of(page)
    assert marker not in page and "signal +41" not in page  # nothing is echoed
    assert "no-store" in headers["Cache-Control"]
    submission = Submission.objects.get(receipt_token=receipt_token(code))
    assert submission.what_happened == fields["what_happened"]
    assert submission.state == "CHN" and submission.consent == "anonymous"
    assert submission.status == Status.NEW
    assert submission.received_at.minute == submission.received_at.second == 0
    assert submission.attachments.get().content_type == "image/jpeg"
    # A receipt code reads the same however it is typed back.
    assert receipt_token(code.lower().replace("-", " ")) == submission.receipt_token


@live
def test_its_pages_load_nothing_from_elsewhere_and_no_inline_script(form):
    _, headers, page = form.get("/submit/")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    references = re.findall(r'(?:src|href|action)="([^"]*)"', page)
    assert references and all(ref.startswith(("/", "#")) for ref in references), references
    assert "<script>" not in page and "style=" not in page
    assert 'autocomplete="off"' in page and "Tor Browser" in page


@live
def test_it_refuses_a_missing_a_wrong_or_a_replayed_proof_alike(form):
    fields = a_report()
    refusals = [
        form.post(fields, proof=""),  # no proof, and sent at once: no person types that fast
        form.post(fields, proof="12345678901"),  # does not solve the challenge
        form.post(fields, challenge="forged:challenge"),
    ]
    accepted = form.post(fields)
    replayed = form.post(fields)  # the same challenge and proof again

    assert accepted[0] == 200 and receipt_of(accepted[2])
    for status, _, page in [*refusals, replayed]:
        assert status == 400
        assert NOT_SENT_YET in page and not RECEIPT.search(page)
        assert "Police came to my office" in page  # the text is kept for another try
    assert Submission.objects.count() == 1


@live
def test_it_accepts_a_report_without_javascript_after_a_human_fill_time(form, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 2
    assert form.post(a_report(), proof="")[0] == 400
    time.sleep(2.1)
    status, _, page = form.post(a_report(), proof="")  # the same challenge, old enough now
    assert status == 200 and receipt_of(page)
    assert Submission.objects.count() == 1


@live
def test_it_refuses_a_filled_honeypot_without_saying_why(form):
    wrong_proof = form.post(a_report(), proof="1")
    honeypot = form.post(a_report(website="https://spam.example"))
    assert honeypot[0] == wrong_proof[0] == 400
    notice = re.compile(r'<div class="notice" role="alert">(.*?)</div>', re.S)
    assert notice.search(honeypot[2]).group(1) == notice.search(wrong_proof[2]).group(1)
    assert "spam.example" not in honeypot[2]
    assert not Submission.objects.exists()


@live
def test_it_stops_at_the_global_cap_for_the_hour(form, settings):
    settings.INTAKE_MAX_PER_HOUR = 1
    assert form.post(a_report())[0] == 200
    form.open()
    status, _, page = form.post(a_report())
    assert status == 429 and "Too many reports" in page
    assert Submission.objects.count() == 1


@live
def test_it_asks_again_for_what_is_missing_and_keeps_the_challenge(form):
    status, _, page = form.post(a_report(what_happened="", consent=""))
    assert status == 200
    assert page.count('class="errorlist"') == 2
    assert f'value="{form.challenge}"' in page  # not spent: the proof still holds
    assert form.post(a_report())[0] == 200


def test_it_checks_the_csrf_token(db):
    """The view reads its body itself (memory-only uploads), then checks CSRF."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/submit/", a_report())
    assert response.status_code == 403
    assert not Submission.objects.exists()


@live
def test_it_writes_no_address_and_no_browser_anywhere(form, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    form.post(a_report(), proof="1")  # a refusal, logged by nobody
    files = [("files", ("photo.jpg", jpeg_with_gps(), "image/jpeg"))]
    assert form.post(a_report(), files)[0] == 200
    form.get("/no-such-page/")  # a 404

    out, err = capfd.readouterr()
    logged = "\n".join([out, err, caplog.text])
    stored = database_text()
    on_disk = b"".join(path.read_bytes() for path in upload_files())
    assert len(upload_files()) == 1
    for trace in ["127.0.0.1", "IntakeProbe", "marker-ua-5f2c"]:
        assert trace not in logged, f"{trace} in the logs"
        assert trace not in stored, f"{trace} in the database"
        assert trace.encode() not in on_disk, f"{trace} in an upload file"


@live
def test_it_keeps_no_plaintext_of_what_was_sent(form):
    marker = "marker-sealed-3b7e"
    fields = a_report(**{name: f"{name} {marker}" for name in [
        "what_happened", "happened_when", "place", "targeted_names", "engagement_details",
        "contact"]})  # fmt: skip
    photo = jpeg_with_gps(marker=marker)
    files = [("files", (f"{marker}.jpg", photo, "image/jpeg"))]
    assert form.post(fields, files)[0] == 200

    attachment = Attachment.objects.get()
    stored = database_text()
    assert marker not in stored
    assert attachment.original_sha256 not in stored  # the evidence hash is sealed too
    state_column = Submission.objects.values_list("state", flat=True).query
    with connection.cursor() as cursor:
        cursor.execute(*state_column.sql_with_params())
        assert cursor.fetchone()[0] not in ("", "CHN")  # the State is sealed as well
    on_disk = upload_files()[0].read_bytes()
    assert marker.encode() not in on_disk and b"\xff\xd8\xff" not in on_disk
    assert attachment.original_name == f"{marker}.jpg"


@pytest.fixture
def sent(db):
    """A stored report with one photo."""
    submission, code, files = store_report("Summoned by State security, marker-queue-61c0")
    return submission, code, files[0]


def test_the_queue_shows_a_submission_to_a_documenter(client, documenter, sent):
    submission, code, photo = sent
    login_verified(client, documenter)
    assert "/staff/intake/submission/" in client.get(reverse("admin:index")).text
    listing = client.get(reverse("admin:intake_submission_changelist"))
    assert listing.status_code == 200 and "marker-queue-61c0" in listing.text
    found = client.get(reverse("admin:intake_submission_changelist"), {"q": code.lower()})
    assert "marker-queue-61c0" in found.text
    missed = client.get(reverse("admin:intake_submission_changelist"), {"q": "not a code"})
    assert "marker-queue-61c0" not in missed.text
    page = client.get(reverse("admin:intake_submission_change", args=[submission.pk])).text
    assert "marker-queue-61c0" in page and "IMG_0001.jpg" in page
    assert photo.original_sha256 in page and "China" in page


def test_triage_staff_set_the_status_and_the_change_is_audited(client, reviewer, sent):
    submission = sent[0]
    login_verified(client, reviewer)
    url = reverse("admin:intake_submission_change", args=[submission.pk])
    response = client.post(url, {"status": "triaged", "triage_notes": "Call back via Signal"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "triaged" and submission.triage_notes == "Call back via Signal"
    assert "marker-queue-61c0" in submission.what_happened  # what was sent stays as sent
    entry = AuditEntry.objects.get(model="intake.submission", action="change")
    assert entry.actor.username == "reviewer"


def test_a_documenter_downloads_an_attachment_decrypted(client, documenter, sent):
    submission, _, photo = sent
    login_verified(client, documenter)
    attachment = submission.attachments.get()
    url = reverse("admin:intake_attachment_download", args=[submission.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == photo.content
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "IMG_0001" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="download_attachment").count() == 1
    assert client.post(url).status_code == 405


def test_a_download_needs_a_recent_password_and_code(client, documenter, sent):
    submission = sent[0]
    login_verified(client, documenter)
    attachment = submission.attachments.get()
    url = reverse("admin:intake_attachment_download", args=[submission.pk, attachment.pk])
    with time_machine.travel(datetime.timedelta(minutes=6)):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:reauthenticate"))
    assert not AuditEntry.objects.filter(action="download_attachment").exists()


def test_an_analyst_never_sees_the_queue(client, analyst, sent):
    submission = sent[0]
    attachment = submission.attachments.get()
    login_verified(client, analyst)
    urls = [
        reverse("admin:intake_submission_changelist"),
        reverse("admin:intake_submission_change", args=[submission.pk]),
        reverse("admin:intake_attachment_download", args=[submission.pk, attachment.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "marker-queue-61c0" not in response.text
    assert "/staff/intake/" not in client.get(reverse("admin:index")).text


def test_nothing_sent_appears_on_any_public_page(client, sent):
    paths = ["/", "/search/?q=security", "/communications/", "/feed.atom",
             "/exports/cases.csv", "/exports/cases.json", "/api/v1/cases?q=security",
             "/states/CHN/", "/submit/"]  # fmt: skip
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"marker-queue-61c0" not in response.content, path
        assert b"Summoned" not in response.content, path


@pytest.mark.parametrize(
    "language, direction, heading, label, state",
    [
        ("fr", "ltr", "Signaler des représailles", "Que s'est-il passé ?", "Chine"),
        ("es", "ltr", "Denunciar una represalia", "¿Qué ocurrió?", "China"),
        ("ru", "ltr", "Сообщить о репрессалиях", "Что произошло?", "Китай"),
        ("zh-hans", "ltr", "报告报复行为", "发生了什么？", "中国"),
        ("ar", "rtl", "الإبلاغ عن عمل انتقامي", "ماذا حدث؟", "الصّين"),
    ],
)
def test_the_form_speaks_the_visitors_language(client, db, language, direction, heading,
                                               label, state):  # fmt: skip
    page = client.get("/submit/", headers={"accept-language": language}).text
    assert f'dir="{direction}"' in page
    assert f"<h1>{heading}</h1>" in page
    assert label in page.replace("&#x27;", "'")
    assert f">{state}</option>" in page
