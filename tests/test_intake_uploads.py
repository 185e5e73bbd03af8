"""Files sent with a report: the type is read from the bytes, images are
redrawn without their metadata (EXIF GPS above all), the original's SHA-256
is kept, sizes are bounded, nothing is left in plaintext on disk, and the
sealed file survives a key rotation."""

import hashlib
import io
import os
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from reprisals.intake.models import Attachment, Submission
from reprisals.intake.uploads import clean_upload
from reprisals.vault import keyring, rotation
from reprisals.vault.sealing import TamperedCiphertext
from tests.http import Session
from tests.intake_client import IntakeForm, a_report, jpeg_with_gps, store_report, upload_files

live = pytest.mark.django_db(transaction=True, serialized_rollback=True)
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def intake_settings(settings, tmp_path):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.INTAKE_PROOF_BITS = 12
    return settings


def cleaned(name, content):
    return clean_upload(SimpleUploadedFile(name, content, content_type="image/jpeg"))


def refusal(name, content):
    with pytest.raises(ValidationError) as refused:
        cleaned(name, content)
    return " ".join(refused.value.messages)


def test_a_photo_loses_its_gps_position_and_keeps_the_hash_of_the_original():
    original = jpeg_with_gps(marker="marker-exif-77aa", size=(64, 48), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test's premise

    clean = cleaned("IMG_0001.jpg", original)

    assert clean.original_sha256 == hashlib.sha256(original).hexdigest()
    assert clean.content_type == "image/jpeg" and clean.original_name == "IMG_0001.jpg"
    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG"
    assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
    assert {"exif", "xmp", "icc_profile", "comment"}.isdisjoint(image.info)
    assert b"Exif" not in clean.content and b"marker-exif-77aa" not in clean.content
    assert b"Phone of the sender" not in clean.content
    assert image.size == (48, 64)  # turned upright as its EXIF said, before EXIF went


def test_a_screenshot_loses_its_text_chunks_and_colour_profile():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "marker-png-41d0")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>marker-png-41d0</x:xmpmeta>")
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 90, 200, 128)).save(
        buffer, "PNG", pnginfo=text, icc_profile=b"\0" * 128, exif=Image.Exif()
    )
    original = buffer.getvalue()
    assert b"marker-png-41d0" in original and b"iCCP" in original

    clean = cleaned("screenshot.png", original)

    assert clean.content_type == "image/png"
    for chunk in [b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf", b"marker-png-41d0"]:
        assert chunk not in clean.content
    image = Image.open(io.BytesIO(clean.content))
    assert image.mode == "RGBA" and image.getpixel((3, 3)) == (0, 90, 200, 128)


def test_it_reads_the_type_from_the_bytes_not_the_name():
    assert "is not a JPEG or PNG image" in refusal("photo.jpg", b"#!/bin/sh\necho hello\n")
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    assert "is not a JPEG or PNG image" in refusal("photo.jpg", gif.getvalue())
    # A PNG called .jpg is still a PNG, and comes out as one.
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    assert cleaned("photo.jpg", png.getvalue()).content_type == "image/png"


def test_it_refuses_a_pdf_saying_why():
    message = refusal("summons.pdf", b"%PDF-1.7\n1 0 obj\n<< /Author (me) >>\nendobj\n")
    assert "PDF" in message and "screenshot" in message


def test_it_refuses_a_damaged_image():
    photo = jpeg_with_gps()
    assert "could not be read" in refusal("broken.jpg", photo[: len(photo) // 3])
    assert "could not be read" in refusal("broken.jpg", b"\xff\xd8\xff" + os.urandom(200))


def test_it_refuses_an_image_with_too_many_pixels():
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 megapixels, a few kilobytes
    assert "too large an image" in refusal("bomb.png", buffer.getvalue())


@pytest.fixture
def form(live_server):
    form = IntakeForm(Session(live_server.url))
    form.open()
    return form


def errors_of(page):
    return re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page, re.S)


@live
def test_it_refuses_files_too_large_or_too_many(form, settings):
    settings.INTAKE_MAX_FILE_BYTES = 1024 * 1024
    settings.INTAKE_MAX_TOTAL_BYTES = 2 * 1024 * 1024
    settings.INTAKE_MAX_FILES = 2
    big = ("files", ("big.jpg", b"\xff\xd8\xff" + b"\0" * (1024 * 1024), "image/jpeg"))
    small = ("files", ("small.jpg", jpeg_with_gps(), "image/jpeg"))

    status, _, page = form.post(a_report(), [big])
    assert status == 200 and "“big.jpg” is larger than 1.0" in " ".join(errors_of(page))
    status, _, page = form.post(a_report(), [small, small, small])
    assert "Please send at most 2 files." in " ".join(errors_of(page))
    assert not Submission.objects.exists() and not upload_files()

    assert form.post(a_report(), [small, small])[0] == 200
    assert Attachment.objects.count() == 2 and len(upload_files()) == 2


@live
def test_it_refuses_a_request_too_large_before_reading_it(form, settings):
    settings.INTAKE_MAX_TOTAL_BYTES = 1024 * 1024
    huge = ("files", ("huge.jpg", b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024), "image/jpeg"))
    status, _, page = form.post(a_report(), [huge])
    assert status == 413 and "larger than 1.0" in page
    assert not Submission.objects.exists()


@live
def test_uploads_never_reach_a_temporary_file(form, settings, tmp_path):
    """Django would spill a file above FILE_UPLOAD_MAX_MEMORY_SIZE to a
    temporary file, in plaintext; the intake view keeps it in memory. The
    temporary directory here does not exist: any spill would fail the request."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-directory")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    photo = jpeg_with_gps(size=(400, 300))
    assert len(photo) > 100
    assert form.post(a_report(), [("files", ("photo.jpg", photo, "image/jpeg"))])[0] == 200
    assert Attachment.objects.count() == 1
    assert not (tmp_path / "no-such-directory").exists()


def stored_attachment():
    submission, _, files = store_report(files=["IMG_0002.jpg"])
    return submission.attachments.get(), files[0]


def test_the_file_is_sealed_on_disk_dated_to_the_hour_and_bound_to_its_row(db):
    attachment, clean = stored_attachment()
    on_disk = attachment.path.read_bytes()
    assert clean.content not in on_disk and not on_disk.startswith(b"\xff\xd8")
    assert attachment.read_file() == clean.content
    assert attachment.size == len(clean.content)
    assert oct(attachment.path.stat().st_mode & 0o777) == "0o600"
    modified = attachment.path.stat().st_mtime
    assert modified == attachment.submission.received_at.timestamp() and modified % 3600 == 0

    other, _ = stored_attachment()
    other.path.write_bytes(on_disk)  # a file moved onto another row's name
    with pytest.raises(TamperedCiphertext):
        other.read_file()


def test_deleting_a_submission_removes_its_files(db, django_capture_on_commit_callbacks):
    attachment, _ = stored_attachment()
    with django_capture_on_commit_callbacks(execute=True):
        Submission.objects.get().delete()
    assert not attachment.path.exists() and upload_files() == []


def test_the_file_stays_readable_after_key_rotation_and_retirement(db, settings, tmp_path):
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "keys.json")
    keyring.create_key_file(settings.ENCRYPTION_KEY_FILE)
    try:
        attachment, clean = stored_attachment()
        version = rotation.add_version()
        assert rotation.rewrap_all(version) == 2  # the submission and its attachment
        rotation.retire(1)
        reloaded = Attachment.objects.get()
        assert reloaded.key_version == 2 and reloaded.file_key_version == 1
        assert reloaded.read_file() == clean.content
        assert reloaded.original_sha256 == clean.original_sha256
    finally:
        keyring.forget()
