"""The intake form in a real browser (Debian's Chromium driven by Playwright):
the page's script solves the proof of work while the form is filled, the
report goes through with a photo, and no request leaves the site."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from reprisals.intake.models import Submission
from tests.intake_client import jpeg_with_gps

# As in test_browser.py: Playwright's sync API runs an event loop in this
# thread; no ORM call is made while it runs (only after the browser closed).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_defender_sends_a_report_with_a_photo(live_server, settings, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.INTAKE_PROOF_BITS = 14
    settings.INTAKE_MIN_FILL_SECONDS = 600  # no fallback: only a solved proof gets through
    photo = tmp_path / "IMG_0420.jpg"
    photo.write_bytes(jpeg_with_gps())

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(locale="en-GB")
        requested = []
        page.on("request", lambda request: requested.append(request.url))

        page.goto(f"{live_server.url}/submit/")
        page.get_by_label("What happened?").fill("Officers questioned me about the session.")
        page.get_by_label("When did it happen?").fill("last week")
        page.get_by_label("In which country?").select_option("CHN")
        page.get_by_label("Me", exact=True).check()
        page.get_by_label("You may publish it, without names").check()
        page.get_by_label("Photos or screenshots").set_input_files(str(photo))
        expect(page.locator("input[name=proof]")).to_have_value(re.compile(r"^[0-9]+$"))
        page.get_by_role("button", name="Send").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Your report has been received")
        code = page.locator(".receipt").inner_text()
        browser.close()

    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    submission = Submission.objects.get()
    assert submission.what_happened == "Officers questioned me about the session."
    assert submission.targeted == "self" and submission.state == "CHN"
    assert submission.attachments.get().content_type == "image/jpeg"
