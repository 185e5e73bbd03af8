"""Fuzzing the public intake form (/submit/): random, edited and hostile
values in every field, unknown and repeated fields, and files that are
random bytes, under hostile names. The form answers with a page (a receipt,
the form with its errors, a refusal or "full"), never a server error.

The proof-of-work fallback is set to accept a challenge at once, so that
generated values reach the form's own checks.
"""

import io
import secrets

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from reprisals.intake import proof
from reprisals.intake.forms import SubmissionForm
from tests.fuzz import fuzz_settings, hostile_text, near
from tests.intake_client import a_report

FIELDS = [*SubmissionForm.KEPT, "proof", "website", "unknown"]


def sendable(text):
    """As a browser would send it: lone surrogates cannot be encoded."""
    return text.encode("utf-8", "replace").decode("utf-8")


def tiny_png():
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(out, "PNG")
    return out.getvalue()


def field_values(name):
    valid = st.just(a_report().get(name, ""))  # "" for the proof and the honeypot
    return st.one_of(valid, near(valid), hostile_text).map(sendable)


uploads = st.tuples(
    st.one_of(st.just("photo.png"), hostile_text.map(sendable)),  # "", "..", quotes, CR LF
    st.one_of(st.just(tiny_png()), st.binary(max_size=64)),
    st.sampled_from(["image/png", "image/jpeg", "application/pdf", "text/plain"]),
)


@st.composite
def posts(draw):
    """A valid report with up to four fields changed (dropped, repeated, or
    given other values), a challenge (None: a fresh one) and files."""
    fields = {name: [] for name in FIELDS}
    fields.update({name: [value] for name, value in a_report().items()})
    for name in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=4)):
        fields[name] = draw(st.lists(field_values(name), max_size=2))
    challenge = draw(st.one_of(st.none(), st.none(), st.none(), hostile_text.map(sendable)))
    return fields, challenge, draw(st.lists(uploads, max_size=2))


def multipart(fields, files):
    """(body, content type) as a browser sends the form; unlike the test
    client's encoder, it sends any file name as it is."""
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, values in fields.items()
        for value in values
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"'
        f"\r\nContent-Type: {kind}\r\n\r\n".encode()
        + content
        + b"\r\n"
        for filename, content, kind in files
    ]
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def intake(settings, tmp_path, db):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.INTAKE_MIN_FILL_SECONDS = 0


@fuzz_settings(100)
@given(post=posts())
def test_the_intake_form_answers_any_post_with_a_page(client, intake, post):
    fields, challenge, files = post
    fields["challenge"] = [proof.issue() if challenge is None else challenge]
    body, content_type = multipart(fields, files)
    with transaction.atomic():  # each example starts from an empty queue
        response = client.post("/submit/", body, content_type=content_type)
        transaction.set_rollback(True)

    assert response.status_code in (200, 400, 413, 429)
    assert response["Content-Type"].startswith("text/html")


def test_a_malformed_content_length_is_no_server_error(client, intake):
    """Was a server error (int() of the header), fixed in aeb741b: the
    development server passes the header on as it came."""
    response = client.post("/submit/", a_report(), CONTENT_LENGTH="abc")

    assert response.status_code in (200, 400)
