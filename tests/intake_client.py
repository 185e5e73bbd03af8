"""Sending the intake form over real HTTP (multipart, with files), solving
its proof of work as the page's script does, and reading everything the
server stored: every database table and every upload file."""

import hashlib
import io
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection
from PIL import Image

from reprisals.intake.proof import leading_zero_bits

CHALLENGE = re.compile(r'name="challenge" value="([^"]+)"')
BITS = re.compile(r'data-proof-bits="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def solve(challenge, bits):
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def a_report(**fields):
    return {
        "what_happened": "Police came to my office after I spoke at the Council.",
        "happened_when": "March 2024",
        "state": "CHN",
        "place": "Beijing",
        "targeted": "self",
        "targeted_names": "",
        "engagement": "spoke_at_session",
        "engagement_details": "Human Rights Council, 55th session",
        "contact": "",
        "consent": "anonymous",
        **fields,
    }


def multipart(fields, files):
    """(body, content type) of a multipart/form-data request."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for name, (filename, content, declared_type) in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {declared_type}\r\n\r\n'.encode()
                     + content + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class IntakeForm:
    """The form as a browser sees it: GET it, then POST it (with its files)."""

    def __init__(self, session, headers=None):
        self.session = session
        self.headers = headers or {}

    def open(self):
        status, headers, page = self.get("/submit/")
        assert status == 200, status
        self.page = page
        self.challenge = CHALLENGE.search(page).group(1)
        self.bits = int(BITS.search(page).group(1))
        self.csrf = CSRF.search(page).group(1)
        return page

    def get(self, path):
        request = urllib.request.Request(urllib.parse.urljoin(self.session.base_url, path),
                                         headers=self.headers)  # fmt: skip
        return self.send(request)

    def send(self, request):
        try:
            with self.session.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def post(self, fields, files=(), *, proof="solve", challenge=None):
        """POST the form; proof="solve" solves the challenge, "" sends none."""
        challenge = self.challenge if challenge is None else challenge
        if proof == "solve":
            proof = solve(challenge, self.bits)
        everything = {"csrfmiddlewaretoken": self.csrf, "challenge": challenge, "proof": proof,
                      "website": "", **fields}  # fmt: skip
        body, content_type = multipart(everything, files)
        url = urllib.parse.urljoin(self.session.base_url, "/submit/")
        headers = {**self.headers, "Content-Type": content_type, "Referer": url}
        return self.send(urllib.request.Request(url, data=body, headers=headers))


def jpeg_with_gps(marker="", size=(64, 48), orientation=None):
    """A JPEG whose EXIF has a GPS position (and `marker` as its description)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = marker or "a photo"  # ImageDescription
    exif[0x0110] = "Phone of the sender"  # Model
    if orientation:
        exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (46.0, 12.0, 30.5), 3: "E", 4: (6.0, 8.0, 40.2)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=marker.encode() or b"a comment")
    return buffer.getvalue()


def database_text():
    """Every row of every table, as one text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                chunks.append(" ".join(decoded(value) for value in row))
    return "\n".join(chunks)


def decoded(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def upload_files():
    directory = Path(settings.UPLOADS_DIR)
    return sorted(directory.iterdir()) if directory.exists() else []


def store_report(what_happened="Summoned by State security", files=("IMG_0001.jpg",)):
    """A report stored as the form stores it: (submission, receipt code, clean files)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reprisals.intake import proof, services
    from reprisals.intake.models import Submission
    from reprisals.intake.receipts import receipt_token
    from reprisals.intake.uploads import clean_upload

    clean = [clean_upload(SimpleUploadedFile(name, jpeg_with_gps())) for name in files]
    code = services.receive({**a_report(what_happened=what_happened), "files": clean},
                            proof.issue())  # fmt: skip
    return Submission.objects.get(receipt_token=receipt_token(code)), code, clean
