"""Envelope encryption with AES-GCM.

Each sealed row has its own data key, wrapped by a KEK from the key file.
Every ciphertext carries associated data naming the table, the column, the
row and the KEK version, so a ciphertext moved to another row or column, or
edited, fails to open instead of showing the wrong person's details.
"""

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class TamperedCiphertext(ValueError):
    """A ciphertext failed authentication: edited, moved, or the wrong key.

    The message names the place (table, column, row), never any content.
    """


def associated_data(table, column, row, version):
    return f"{table}|{column}|{row}|{version}".encode()


def seal_bytes(key, plaintext, aad):
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_bytes(key, sealed, aad):
    if len(sealed) < NONCE_BYTES + 16:
        raise TamperedCiphertext(f"ciphertext too short at {aad.decode()}")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag:
        raise TamperedCiphertext(f"ciphertext does not authenticate at {aad.decode()}") from None


def seal_text(key, plaintext, aad):
    return base64.b64encode(seal_bytes(key, plaintext.encode(), aad)).decode()


def open_text(key, sealed, aad):
    try:
        raw = base64.b64decode(sealed, validate=True)
    except (ValueError, TypeError):
        raise TamperedCiphertext(f"ciphertext is not base64 at {aad.decode()}") from None
    return open_bytes(key, raw, aad).decode()
