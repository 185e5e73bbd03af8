"""The register in a real browser (Debian's Chromium driven by Playwright):
search, open a case, read it, switch to Arabic with the no-JavaScript form."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API runs an event loop in this thread, and Django refuses
# ORM calls from a thread with a running loop; this lets any such call through.
# None is made today: the demo is loaded by `demo`, requested before `browser`,
# so before the loop starts. (An ORM call inside the loop would open a second,
# context-local connection that nobody closes, and PostgreSQL could not drop
# the test database.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_searches_opens_a_case_and_switches_to_arabic(live_server, demo, browser):
    page = browser.new_page(locale="en-GB")
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/")
    page.get_by_label("Search the register").fill("Jiang Tianyong")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="1 case found")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Jiang Tianyong: detained")).click()

    expect(page).to_have_url(f"{live_server.url}/cases/2016-CHN-001/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jiang Tianyong: detained and charged after meeting the Special Rapporteur on "
        "extreme poverty"
    )
    acts = page.locator("#acts tbody td:first-child")
    expect(acts).to_have_text(["Criminal charges", "Arbitrary detention",
                               "Enforced disappearance"])  # fmt: skip
    expect(page.get_by_role("row", name=re.compile("Criminal charges"))).to_contain_text(
        "subversion of State power"
    )
    assert page.evaluate("document.dir") == "ltr"

    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/cases/2016-CHN-001/")
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    expect(page.get_by_role("heading", level=2, name="الأعمال الانتقامية")).to_be_visible()
    expect(acts).to_have_text(["توجيه تهم جنائية", "الاحتجاز التعسفي", "الاختفاء القسري"])
    # The page starts at the right edge, as Arabic readers expect.
    heading = page.get_by_role("heading", level=2, name="الأعمال الانتقامية").bounding_box()
    assert heading["x"] + heading["width"] > page.viewport_size["width"] / 2

    assert requested and all(url.startswith(live_server.url) for url in requested), requested
