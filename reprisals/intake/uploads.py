"""Files sent with a submission: kept in memory, checked by content, re-encoded.

- Upload handling is memory-only for the intake view: Django's default would
  write a file above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, leaving
  plaintext on disk. The request as a whole is refused above
  INTAKE_MAX_TOTAL_BYTES (plus room for the text) before it is read, so
  memory per request stays bounded.
- The type is decided by the bytes, never the name or the declared type:
  JPEG and PNG only, opened by Pillow restricted to those decoders.
- Each image is redrawn from its pixels into a new file, so nothing of the
  original's metadata can come along: EXIF (GPS position, camera, time), XMP,
  IPTC, comments, ICC profiles, PNG text chunks. The EXIF orientation is
  applied first, so the picture still stands the right way up.
- PDF is refused: removing its metadata reliably (document info, XMP, page
  metadata, annotations' authors, the EXIF of embedded photos, earlier
  revisions) is more than a metadata-stripping library promises.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
MAX_PIXELS = 25_000_000  # above phones' usual 12-24 megapixels; bounds memory per file
JPEG_QUALITY = 92


class MemoryOnlyUploadHandler(MemoryFileUploadHandler):
    """Keeps every uploaded file in memory, whatever its size (the view has
    already refused a request that is too large)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


@dataclass(frozen=True)
class CleanFile:
    original_name: str
    original_sha256: str
    content_type: str
    content: bytes


REFUSED_TYPE = _("“%(name)s” is not a JPEG or PNG image. Only photos and screenshots "
                 "in those formats can be sent.")  # fmt: skip
REFUSED_PDF = _("“%(name)s” is a PDF. PDF files can carry hidden details about who made "
                "them, so we do not accept them: please send a screenshot or a photo of "
                "each page instead.")  # fmt: skip
UNREADABLE = _("“%(name)s” could not be read as an image. It may be damaged.")
TOO_MANY_PIXELS = _("“%(name)s” is too large an image. Please send a smaller version.")


def clean_upload(uploaded):
    """A CleanFile for an uploaded file, or ValidationError saying why not."""
    original = uploaded.read()
    name = (uploaded.name or "")[:255]
    params = {"name": name}
    if original.startswith(PDF_MAGIC):
        raise ValidationError(REFUSED_PDF, params=params)
    if original.startswith(JPEG_MAGIC):
        formats, output = ["JPEG"], "JPEG"  # phones' multi-picture JPEGs (MPO) too
    elif original.startswith(PNG_MAGIC):
        formats, output = ["PNG"], "PNG"
    else:
        raise ValidationError(REFUSED_TYPE, params=params)
    content = reencode(original, formats, output, params)
    return CleanFile(
        original_name=name,
        original_sha256=hashlib.sha256(original).hexdigest(),
        content_type=f"image/{output.lower()}",
        content=content,
    )


def reencode(original, formats, output, params):
    pixels = decode(original, formats, output, params)
    # A new image holding the pixels alone: no `info` or `encoderinfo`
    # (metadata) that the encoder could carry along.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    del pixels
    buffer = io.BytesIO()
    if output == "JPEG":
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY)
    else:
        clean.save(buffer, "PNG")
    return buffer.getvalue()


def decode(original, formats, output, params):
    """The upright pixels, in a mode the output format can hold."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(original), formats=formats)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(TOO_MANY_PIXELS, params=params) from None
    except Exception:  # any decoder failure on untrusted bytes
        raise ValidationError(UNREADABLE, params=params) from None
    with image:
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(TOO_MANY_PIXELS, params=params)
        try:
            upright = ImageOps.exif_transpose(image)
            return upright.convert(target_mode(upright, output))
        except Exception:  # any decoder failure on untrusted bytes
            raise ValidationError(UNREADABLE, params=params) from None


def target_mode(image, output):
    if output == "JPEG":
        return "L" if image.mode in ("1", "L") else "RGB"
    if image.mode in ("1", "L", "RGB", "RGBA", "LA"):
        return "RGBA" if image.mode == "LA" else image.mode
    has_alpha = image.mode in ("PA", "RGBa") or "transparency" in image.info
    return "RGBA" if has_alpha else "RGB"
